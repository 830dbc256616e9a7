//! The fast path of statistics: the same cells as [`super::stats::metric_sql`], read from the
//! `stats_rollup` table (migration 0005) instead of every order. The triggers of that
//! migration keep, per measure and grouping, a count and a sum per 15-minute UTC slot and per
//! UTC day; a period `[lo, hi)` cut at local midnights is a union of whole UTC days inside it
//! and 15-minute slots at its two edges, so a year of months reads a few thousand rows.
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

/// One stretch of a period in one grain: slots `[lo, hi)` of width 15 minutes (grain 0) or
/// one day (grain 1).
#[derive(Debug, PartialEq, Eq)]
struct Piece {
    period: usize,
    grain: u8,
    lo: i64,
    hi: i64,
}

/// Cuts each period into whole UTC days and 15-minute edges; `None` when a bound is off the
/// 15-minute grid (a zone with an odd historical offset) or before year 1.
fn pieces(buckets: &[Bucket]) -> Option<Vec<Piece>> {
    let mut out = Vec::with_capacity(buckets.len() * 3);
    for (period, b) in buckets.iter().enumerate() {
        let (lo, hi) = (b.start.checked_add(ORIGIN)?, b.end.checked_add(ORIGIN)?);
        if lo < 0 || lo % SLOT != 0 || hi % SLOT != 0 || hi < lo {
            return None;
        }
        let (first_day, last_day) = ((lo + DAY - 1) / DAY, hi / DAY);
        if first_day < last_day {
            let mut push = |grain, lo: i64, hi: i64| {
                if lo < hi {
                    out.push(Piece { period, grain, lo, hi })
                }
            };
            push(0, lo / SLOT, first_day * DAY / SLOT);
            push(1, first_day, last_day);
            push(0, last_day * DAY / SLOT, hi / SLOT);
        } else if lo < hi {
            out.push(Piece { period, grain: 0, lo: lo / SLOT, hi: hi / SLOT });
        }
    }
    Some(out)
}

/// The SQL answering `metric` from the rollup, returning rows (k, group, value) exactly as
/// [`super::stats::metric_sql`] would; `None` when the rollup cannot answer it exactly.
pub fn rollup_sql(metric: Metric, statistic: Statistic, group: Option<GroupBy>, buckets: &[Bucket]) -> Option<String> {
    let (measure, value) = measure(metric, statistic)?;
    let (dim, key) = dimension(group)?;
    let mut pieces = pieces(buckets)?;
    if let (Value::RunningCount, Some(first)) = (value, buckets.first()) {
        let before = Bucket { label: String::new(), start: DAWN, end: first.start };
        pieces.extend(
            self::pieces(std::slice::from_ref(&before))?.into_iter().map(|p| Piece { period: usize::MAX, ..p }),
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
        let p = pieces(&[bucket(lo, hi)]).unwrap();
        assert_eq!(p.len(), 3);
        assert_eq!((p[0].grain, p[0].hi - p[0].lo), (0, 32));
        assert_eq!((p[1].grain, p[1].hi - p[1].lo), (1, 29));
        assert_eq!((p[2].grain, p[2].hi - p[2].lo), (0, 64));
        // A UTC day is one day piece; a local day in +05:45 is slots only.
        let midnight = 1_743_465_600_000;
        assert_eq!(
            pieces(&[bucket(midnight, midnight + DAY)]).unwrap(),
            [Piece { period: 0, grain: 1, lo: (midnight + ORIGIN) / DAY, hi: (midnight + ORIGIN) / DAY + 1 }]
        );
        let kathmandu = midnight - (5 * 60 + 45) * 60_000;
        assert_eq!(
            pieces(&[bucket(kathmandu, kathmandu + DAY)]).unwrap().iter().map(|p| p.grain).collect::<Vec<_>>(),
            [0]
        );
    }

    #[test]
    fn bounds_off_the_grid_and_statistics_it_does_not_keep_go_the_straight_way() {
        assert!(pieces(&[bucket(1_000, DAY)]).is_none());
        let b = [bucket(0, DAY)];
        assert!(rollup_sql(Metric::Backlog, Statistic::Mean, None, &b).unwrap().contains("(-1, 1, 0, "));
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
