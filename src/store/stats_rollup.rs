//! The fast path of statistics: the same cells as [`super::stats::metric_sql`], read from the
//! `stats_rollup` table (migration 0005) instead of every order. The triggers of that
//! migration keep, per measure and grouping, a count and a sum per 15-minute UTC slot and per
//! UTC day; a period `[lo, hi)` cut at local midnights is a union of whole UTC days inside it
//! and 15-minute slots at its two edges, so a year of months reads a few thousand rows. The
//! backlog, a running count, also adds up everything before its first period; for that it keeps
//! a third grain of 32-day blocks (migration 0013), so the span since the first order is a few
//! blocks per group rather than every day.
//!
//! Answers are exact: counts are sums of counts; a mean is the exact integer sum of
//! milliseconds over the count; a share is met over total. Where the rollup cannot answer
//! exactly (a bound off the 15-minute grid, a median or p90, or a grouping it does not keep:
//! template, customer group) [`rollup_sql`] says `None`; medians and p90 then come from
//! [`super::stats_quantile`] where it answers, everything else from the straightforward SQL.

use super::stats::{category_case, DAWN};
use crate::domain::stats::{Bucket, GroupBy, Metric, Statistic};
use crate::domain::Millis;

/// Milliseconds from 0001-01-01T00:00Z to the Unix epoch: slots count from there, so the
/// integer division that finds an instant's slot is a floor for every stored time.
const ORIGIN: Millis = 62_135_596_800_000;
const SLOT: Millis = 15 * 60_000;
const DAY: Millis = 86_400_000;

/// Which rows of `stats_rollup` a metric adds up, and how a cell's value comes out of them.
fn measure(metric: Metric, statistic: Statistic) -> Option<(&'static str, Value)> {
    Some(match metric {
        Metric::Created => ("created", Value::Count),
        Metric::Resolved => ("resolved", Value::Count),
        Metric::Closed => ("closed", Value::Count),
        Metric::Urges => ("urged", Value::Count),
        Metric::Backlog => ("backlog", Value::RunningCount),
        Metric::FirstResponseTime if statistic == Statistic::Mean => ("responded", Value::MeanMinutes),
        Metric::ResolutionTime if statistic == Statistic::Mean => ("resolved", Value::MeanMinutes),
        Metric::SlaResponse => ("sla_response", Value::Share),
        Metric::SlaResolution => ("sla_resolution", Value::Share),
        Metric::ReopenRate => ("reopened", Value::Share),
        Metric::FirstResponseTime | Metric::ResolutionTime => return None,
    })
}

#[derive(Clone, Copy)]
enum Value {
    Count,
    /// Backlog: signed changes (`n`) that the service adds up from before the first period;
    /// a cell exists where changes happened (`total`), even when they cancel out.
    RunningCount,
    MeanMinutes,
    Share,
}

/// The rollup's grouping and the SQL turning its `key` into the group the straightforward
/// query reports. Ungrouped sums the status rows (every order has exactly one status).
pub(super) fn dimension(group: Option<GroupBy>) -> Option<(&'static str, String)> {
    Some(match group {
        None => ("s", "CAST(NULL AS TEXT)".into()),
        Some(GroupBy::StatusCategory) => ("s", category_case("r.key", false)),
        Some(GroupBy::Priority) => ("p", "r.key".into()),
        Some(GroupBy::Department) => ("d", "NULLIF(r.key, '')".into()),
        Some(GroupBy::Assignee) => ("a", "NULLIF(r.key, '')".into()),
        Some(GroupBy::Template | GroupBy::CustomerGroup) => return None,
    })
}

/// One stretch of a period in one grain: slots `[lo, hi)` of width [`WIDTHS`]`[grain]`.
#[derive(Debug, PartialEq, Eq)]
struct Piece {
    period: usize,
    grain: u8,
    lo: i64,
    hi: i64,
}

/// The width of each grain of `stats_rollup`: 15 minutes, one UTC day, and (the backlog only,
/// migration 0013) 32 UTC days.
const WIDTHS: [Millis; 3] = [SLOT, DAY, 32 * DAY];

/// Cuts each period into the coarsest whole grains inside it and finer ones at its edges,
/// using the first `grains` grains: whole days (and blocks) inside, 15-minute slots at the
/// edges. `None` when a bound is off the 15-minute grid (a zone with an odd historical offset)
/// or before year 1.
fn pieces(buckets: &[Bucket], grains: usize) -> Option<Vec<Piece>> {
    let mut out = Vec::with_capacity(buckets.len() * (2 * grains - 1));
    for (period, b) in buckets.iter().enumerate() {
        let (lo, hi) = (b.start.checked_add(ORIGIN)?, b.end.checked_add(ORIGIN)?);
        if lo < 0 || lo % SLOT != 0 || hi % SLOT != 0 || hi < lo {
            return None;
        }
        cover(period, lo, hi, grains - 1, &mut out);
    }
    Some(out)
}

/// Covers `[lo, hi)` (milliseconds from the origin, on the 15-minute grid) with whole slots of
/// grain `grain` in the middle and finer grains at the two edges, in time order.
fn cover(period: usize, lo: i64, hi: i64, grain: usize, out: &mut Vec<Piece>) {
    if lo >= hi {
        return;
    }
    let width = WIDTHS[grain];
    let (first, last) = ((lo + width - 1) / width, hi / width);
    if grain == 0 || first >= last {
        if grain == 0 {
            out.push(Piece { period, grain: 0, lo: lo / width, hi: hi / width });
        } else {
            cover(period, lo, hi, grain - 1, out);
        }
        return;
    }
    cover(period, lo, first * width, grain - 1, out);
    out.push(Piece { period, grain: grain as u8, lo: first, hi: last });
    cover(period, last * width, hi, grain - 1, out);
}

/// The SQL answering `metric` from the rollup, returning rows (k, group, value) exactly as
/// [`super::stats::metric_sql`] would; `None` when the rollup cannot answer it exactly.
pub fn rollup_sql(metric: Metric, statistic: Statistic, group: Option<GroupBy>, buckets: &[Bucket]) -> Option<String> {
    let (measure, value) = measure(metric, statistic)?;
    let (dim, key) = dimension(group)?;
    // Only the backlog keeps the 32-day grain: its running count reads everything before the
    // first period, which is a few blocks per group instead of every day since the first order.
    let grains = if matches!(value, Value::RunningCount) { 3 } else { 2 };
    let mut pieces = pieces(buckets, grains)?;
    if let (Value::RunningCount, Some(first)) = (value, buckets.first()) {
        let before = Bucket { label: String::new(), start: DAWN, end: first.start };
        pieces.extend(
            self::pieces(std::slice::from_ref(&before), grains)?.into_iter().map(|p| Piece { period: usize::MAX, ..p }),
        );
    }
    if pieces.is_empty() {
        return None;
    }
    let (value, present) = match value {
        Value::Count => ("CAST(SUM(r.n) AS DOUBLE PRECISION)", "SUM(r.n)"),
        Value::RunningCount => ("CAST(SUM(r.n) AS DOUBLE PRECISION)", "SUM(r.total)"),
        Value::MeanMinutes => {
            ("CAST(SUM(r.total) AS DOUBLE PRECISION) / CAST(SUM(r.n) AS DOUBLE PRECISION) / 60000.0", "SUM(r.n)")
        }
        Value::Share => ("CAST(SUM(r.total) AS DOUBLE PRECISION) / CAST(SUM(r.n) AS DOUBLE PRECISION)", "SUM(r.n)"),
    };
    let rows: Vec<String> = pieces
        .iter()
        .map(|p| {
            let k = if p.period == usize::MAX { -1 } else { p.period as i64 };
            format!("({k}, {}, {}, {})", p.grain, p.lo, p.hi)
        })
        .collect();
    Some(format!(
        "WITH pieces (k, grain, lo, hi) AS (VALUES {}) \
         SELECT CAST(p.k AS BIGINT), {key}, {value} \
         FROM pieces p JOIN stats_rollup r ON r.measure = '{measure}' AND r.dim = '{dim}' \
           AND r.grain = p.grain AND r.slot >= p.lo AND r.slot < p.hi \
         GROUP BY 1, 2 HAVING {present} <> 0",
        rows.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bucket(start: Millis, end: Millis) -> Bucket {
        Bucket { label: String::new(), start, end }
    }

    #[test]
    fn a_period_is_whole_days_inside_and_slots_at_its_edges() {
        // 2025-04 in Shanghai: 2025-03-31T16:00Z .. 2025-04-30T16:00Z.
        let lo = 1_743_436_800_000;
        let hi = 1_746_028_800_000;
        let p = pieces(&[bucket(lo, hi)], 2).unwrap();
        assert_eq!(p.len(), 3);
        assert_eq!((p[0].grain, p[0].hi - p[0].lo), (0, 32));
        assert_eq!((p[1].grain, p[1].hi - p[1].lo), (1, 29));
        assert_eq!((p[2].grain, p[2].hi - p[2].lo), (0, 64));
        // A UTC day is one day piece; a local day in +05:45 is slots only.
        let midnight = 1_743_465_600_000;
        assert_eq!(
            pieces(&[bucket(midnight, midnight + DAY)], 2).unwrap(),
            [Piece { period: 0, grain: 1, lo: (midnight + ORIGIN) / DAY, hi: (midnight + ORIGIN) / DAY + 1 }]
        );
        let kathmandu = midnight - (5 * 60 + 45) * 60_000;
        assert_eq!(
            pieces(&[bucket(kathmandu, kathmandu + DAY)], 2).unwrap().iter().map(|p| p.grain).collect::<Vec<_>>(),
            [0]
        );
    }

    #[test]
    fn the_backlog_reads_everything_before_a_period_as_blocks_then_days_then_slots() {
        // Up to 2025-04-01T08:15Z: whole 32-day blocks from year 1, then the days and the
        // 15-minute slots that remain, every slot covered exactly once, in order.
        let end = 1_743_495_300_000;
        let p = pieces(&[bucket(DAWN, end)], 3).unwrap();
        assert_eq!(p.iter().map(|p| p.grain).collect::<Vec<_>>(), [2, 1, 0]);
        assert_eq!(p[0].lo, 0);
        assert_eq!(p[1].lo * DAY, p[0].hi * 32 * DAY);
        assert_eq!(p[2].lo * SLOT, p[1].hi * DAY);
        assert_eq!(p[2].hi * SLOT, end + ORIGIN);
        assert!(p[1].hi - p[1].lo < 32 && p[2].hi - p[2].lo < 96);
        // A period inside one block is days and slots only; periods of other measures never
        // use blocks.
        let day = 1_743_465_600_000;
        assert_eq!(pieces(&[bucket(day, day + DAY)], 3).unwrap().iter().map(|p| p.grain).collect::<Vec<_>>(), [1]);
        assert!(!rollup_sql(Metric::Created, Statistic::Mean, None, &[bucket(DAWN, end)]).unwrap().contains("(0, 2, "));
    }

    #[test]
    fn bounds_off_the_grid_and_statistics_it_does_not_keep_go_the_straight_way() {
        assert!(pieces(&[bucket(1_000, DAY)], 2).is_none());
        let b = [bucket(0, DAY)];
        assert!(rollup_sql(Metric::Backlog, Statistic::Mean, None, &b).unwrap().contains("(-1, 2, 0, "));
        assert!(rollup_sql(Metric::ResolutionTime, Statistic::Median, None, &b).is_none());
        assert!(rollup_sql(Metric::Created, Statistic::Mean, Some(GroupBy::Template), &b).is_none());
        assert!(rollup_sql(Metric::ResolutionTime, Statistic::Mean, Some(GroupBy::Assignee), &b).is_some());
    }

    #[test]
    fn the_migration_counts_the_statuses_the_code_calls_open() {
        let open = crate::store::stats::open_list(true);
        for sql in [
            include_str!("../../migrations/sqlite/0005_stats_rollup.sql"),
            include_str!("../../migrations/postgres/0005_stats_rollup.sql"),
        ] {
            assert!(sql.contains(&format!("IN {open}")), "{open}");
            assert!(sql.contains("IN ('\"done\"', '\"closed\"')"));
        }
    }
}
