//! The fast path of medians and p90 of response and resolution times: the same cells as
//! [`super::stats::metric_sql`], read from the tables of migration 0010 instead of ranking
//! every order of each period.
//!
//! Every duration sits in one bucket of a fixed ladder (`stats_duration_ladder`), so the k-th
//! smallest duration of a (period, group) is in the bucket where the running count of the
//! buckets below reaches k. Step one adds up per-bucket counts — kept per UTC day and per
//! 8 UTC days in `stats_duration_days`, and counted from the orders for the parts of a period
//! that are not whole UTC days — and finds, in Rust, each picked rank's bucket and its rank
//! inside it.
//! Step two ranks only those buckets' durations of the period (`stats_durations`, stored in
//! bucket and time order) and returns the picked ones. The picks are the ranks the
//! straightforward SQL picks, averaged the same way, so answers are exact.

use super::stats::{group_expr, Cell};
use super::stats_rollup::dimension;
use crate::domain::stats::{Bucket, GroupBy, Metric, Statistic};
use crate::domain::Millis;
use crate::Result;
use sqlx::{AnyConnection, Row};
use std::collections::BTreeMap;

/// Milliseconds from 0001-01-01T00:00Z to the Unix epoch, as in the rollup: day numbers count
/// from there so that integer division is a floor.
const ORIGIN: Millis = 62_135_596_800_000;
const DAY: Millis = 86_400_000;

/// The measure of migration 0010 and the orders' column a metric's durations end at.
fn measure(metric: Metric) -> Option<(&'static str, &'static str)> {
    match metric {
        Metric::ResolutionTime => Some(("resolved", "resolved_at")),
        Metric::FirstResponseTime => Some(("responded", "first_response_at")),
        _ => None,
    }
}

/// The 1-based ranks among `n` sorted durations whose mean a statistic reports, as the
/// straightforward SQL picks them (the median's two middle ranks coincide when `n` is odd).
pub fn ranks(statistic: Statistic, n: i64) -> Vec<i64> {
    match statistic {
        Statistic::Mean => Vec::new(),
        Statistic::Median if (n + 1) / 2 == n / 2 + 1 => vec![(n + 1) / 2],
        Statistic::Median => vec![(n + 1) / 2, n / 2 + 1],
        Statistic::P90 => vec![(9 * n + 9) / 10],
    }
}

/// Days per block in the coarse rows of `stats_duration_days` (the fine rows are single days).
const BLOCK: i64 = 8;

/// A period cut into blocks of whole UTC days (`blocks`: period, days per block, block
/// numbers `[lo, hi)`) and the stretches at its edges that are not whole UTC days (`edges`:
/// period, instants `[lo, hi)`).
#[derive(Debug, Default, PartialEq)]
struct Cut {
    blocks: Vec<(usize, i64, i64, i64)>,
    edges: Vec<(usize, Millis, Millis)>,
}

impl Cut {
    /// Days `[lo, hi)` as single days up to the first 8-day boundary, 8-day blocks, single days
    /// after the last boundary.
    fn days(&mut self, k: usize, lo: i64, hi: i64) {
        let (first, last) = ((lo + BLOCK - 1).div_euclid(BLOCK) * BLOCK, hi.div_euclid(BLOCK) * BLOCK);
        let mut push = |width, lo: i64, hi: i64| {
            if lo < hi {
                self.blocks.push((k, width, lo, hi))
            }
        };
        if first < last {
            push(1, lo, first);
            push(BLOCK, first / BLOCK, last / BLOCK);
            push(1, last, hi);
        } else {
            push(1, lo, hi);
        }
    }
}

fn cut(buckets: &[Bucket]) -> Option<Cut> {
    let mut out = Cut::default();
    for (k, b) in buckets.iter().enumerate() {
        let (lo, hi) = (b.start.checked_add(ORIGIN)?, b.end.checked_add(ORIGIN)?);
        if lo < 0 || hi < lo {
            return None;
        }
        let (first_day, last_day) = ((lo + DAY - 1) / DAY, hi / DAY);
        if first_day < last_day {
            out.days(k, first_day, last_day);
            for (from, to) in [(b.start, first_day * DAY - ORIGIN), (last_day * DAY - ORIGIN, b.end)] {
                if from < to {
                    out.edges.push((k, from, to));
                }
            }
        } else if lo < hi {
            out.edges.push((k, b.start, b.end));
        }
    }
    Some(out)
}

/// Whether this path answers the query (the statistic is a median or p90 of a duration, by a
/// grouping the duration tables keep).
pub fn answers(metric: Metric, statistic: Statistic, group: Option<GroupBy>, buckets: &[Bucket]) -> bool {
    statistic != Statistic::Mean && measure(metric).is_some() && dimension(group).is_some() && cut(buckets).is_some()
}

fn values<T: ToString>(rows: impl Iterator<Item = T>) -> String {
    rows.map(|r| r.to_string()).collect::<Vec<_>>().join(", ")
}

/// Step one's SQL: rows (period, group, bucket, count).
fn bucket_counts_sql(measure: &str, column: &str, group: Option<GroupBy>, cut: &Cut) -> Option<String> {
    let (dim, key) = dimension(group)?;
    let mut ctes = Vec::new();
    let mut parts = Vec::new();
    if !cut.blocks.is_empty() {
        let rows = values(cut.blocks.iter().map(|(k, width, lo, hi)| format!("({k}, {width}, {lo}, {hi})")));
        ctes.push(format!("blocks (k, width, lo, hi) AS (VALUES {rows})"));
        parts.push(format!(
            "SELECT p.k AS k, {key} AS g, r.bucket AS b, r.n AS n FROM blocks p JOIN stats_duration_days r \
             ON r.measure = '{measure}' AND r.dim = '{dim}' AND r.width = p.width AND r.block >= p.lo AND r.block < p.hi"
        ));
    }
    if !cut.edges.is_empty() {
        let rows = values(cut.edges.iter().map(|(k, lo, hi)| format!("({k}, {lo}, {hi})")));
        ctes.push(format!("edges (k, lo, hi) AS (VALUES {rows})"));
        parts.push(format!(
            "SELECT p.k AS k, {} AS g, (SELECT l.bucket FROM stats_duration_ladder l \
             WHERE l.lo <= o.{column} - o.created_at ORDER BY l.lo DESC LIMIT 1) AS b, 1 AS n \
             FROM edges p CROSS JOIN work_orders o WHERE o.{column} >= p.lo AND o.{column} < p.hi",
            group_expr(group, "o.status", false)
        ));
    }
    if parts.is_empty() {
        return None;
    }
    Some(format!(
        "WITH {} SELECT CAST(x.k AS BIGINT), x.g, CAST(x.b AS BIGINT), CAST(SUM(x.n) AS BIGINT) FROM ({}) x \
         GROUP BY x.k, x.g, x.b HAVING SUM(x.n) <> 0",
        ctes.join(", "),
        parts.join(" UNION ALL ")
    ))
}

/// Per (period, group): (bucket, durations in it), by bucket.
type BucketCounts = BTreeMap<(usize, Option<String>), Vec<(i64, i64)>>;

/// One picked rank: period, group, bucket, rank inside the bucket.
#[derive(Debug, Clone, PartialEq)]
struct Pick {
    k: usize,
    g: Option<String>,
    bucket: i64,
    pos: i64,
}

/// Where each rank of `statistic` falls, per (period, group), given the counts per bucket
/// (sorted by bucket within each key).
fn picks(statistic: Statistic, counts: &BucketCounts) -> Vec<Pick> {
    let mut out = Vec::new();
    for ((k, g), buckets) in counts {
        let n: i64 = buckets.iter().map(|(_, c)| c).sum();
        for rank in ranks(statistic, n) {
            let mut below = 0;
            for &(bucket, c) in buckets {
                if rank <= below + c {
                    out.push(Pick { k: *k, g: g.clone(), bucket, pos: rank - below });
                    break;
                }
                below += c;
            }
        }
    }
    out
}

/// A group key as it is compared in step two, where no group is `''` (no kept grouping has
/// an empty key: the rollup's dimensions already read `''` as none).
fn key_literal(g: &Option<String>) -> String {
    format!("'{}'", g.as_deref().unwrap_or("").replace('\'', "''"))
}

/// Step two's SQL: rows (period, group, bucket, rank in bucket, duration ms) for the picks.
/// The picks are matched as a row-value `IN` list, which both engines look up by hash or
/// index rather than joining every ranked row against every pick.
fn picked_sql(measure: &str, group: Option<GroupBy>, buckets: &[Bucket], picks: &[Pick]) -> String {
    let mut wanted: Vec<(usize, i64)> = picks.iter().map(|p| (p.k, p.bucket)).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let want = values(wanted.iter().map(|(k, b)| format!("({k}, {b}, {}, {})", buckets[*k].start, buckets[*k].end)));
    let pick = values(picks.iter().map(|p| format!("({}, {}, {}, {})", p.k, p.bucket, key_literal(&p.g), p.pos)));
    let g = group_expr(group, "o.status", false);
    format!(
        "WITH want (k, b, lo, hi) AS (VALUES {want}), \
         r AS (SELECT w.k AS k, w.b AS b, COALESCE({g}, '') AS g, o.ms AS ms, \
               ROW_NUMBER() OVER (PARTITION BY w.k, w.b, {g} ORDER BY o.ms) AS rn \
               FROM want w JOIN stats_durations o ON o.measure = '{measure}' AND o.bucket = w.b \
               AND o.t >= w.lo AND o.t < w.hi) \
         SELECT CAST(r.k AS BIGINT), NULLIF(r.g, ''), CAST(r.b AS BIGINT), CAST(r.rn AS BIGINT), CAST(r.ms AS BIGINT) \
         FROM r WHERE (r.k, r.b, r.g, r.rn) IN (VALUES {pick})"
    )
}

/// The cells of a median or p90 of a duration metric from the tables of migration 0010;
/// `None` when this path does not answer the query (see [`answers`]).
pub async fn cells(
    conn: &mut AnyConnection,
    metric: Metric,
    statistic: Statistic,
    group: Option<GroupBy>,
    buckets: &[Bucket],
) -> Result<Option<Vec<Cell>>> {
    if !answers(metric, statistic, group, buckets) {
        return Ok(None);
    }
    let (Some((measure, column)), Some(cut)) = (measure(metric), cut(buckets)) else { return Ok(None) };
    let Some(sql) = bucket_counts_sql(measure, column, group, &cut) else { return Ok(Some(Vec::new())) };
    let mut counts = BucketCounts::new();
    for row in sqlx::query(&sql).fetch_all(&mut *conn).await? {
        let (k, g, bucket, n): (i64, Option<String>, i64, i64) =
            (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?, row.try_get(3)?);
        counts.entry((k as usize, g)).or_default().push((bucket, n));
    }
    for list in counts.values_mut() {
        list.sort_unstable();
    }
    let picks = picks(statistic, &counts);
    if picks.is_empty() {
        return Ok(Some(Vec::new()));
    }
    let mut picked: BTreeMap<(usize, Option<String>), Vec<f64>> = BTreeMap::new();
    for row in sqlx::query(&picked_sql(measure, group, buckets, &picks)).fetch_all(&mut *conn).await? {
        let (k, g, ms): (i64, Option<String>, i64) = (row.try_get(0)?, row.try_get(1)?, row.try_get(4)?);
        // The straightforward SQL's value: minutes as a double, then AVG over the picked ranks.
        picked.entry((k as usize, g)).or_default().push(ms as f64 / 60000.0);
    }
    Ok(Some(
        picked
            .into_iter()
            .map(|((k, group), v)| Cell {
                period: k as i64,
                group,
                value: Some(v.iter().sum::<f64>() / v.len() as f64),
            })
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bucket(start: Millis, end: Millis) -> Bucket {
        Bucket { label: String::new(), start, end }
    }

    #[test]
    fn the_ranks_are_the_straightforward_sqls() {
        assert_eq!(ranks(Statistic::Median, 1), [1]);
        assert_eq!(ranks(Statistic::Median, 4), [2, 3]);
        assert_eq!(ranks(Statistic::Median, 5), [3]);
        assert_eq!(ranks(Statistic::P90, 1), [1]);
        assert_eq!(ranks(Statistic::P90, 10), [9]);
        assert_eq!(ranks(Statistic::P90, 11), [10]);
        assert!(ranks(Statistic::Mean, 7).is_empty());
    }

    #[test]
    fn a_period_is_whole_utc_days_and_its_edges() {
        // 2025-04 in Shanghai: 2025-03-31T16:00Z .. 2025-04-30T16:00Z.
        let (lo, hi) = (1_743_436_800_000, 1_746_028_800_000);
        let c = cut(&[bucket(lo, hi)]).unwrap();
        // 29 whole days (2025-04-01 .. 04-29): 8-day blocks inside, single days around them.
        let days: i64 = c.blocks.iter().map(|(_, width, lo, hi)| width * (hi - lo)).sum();
        assert_eq!(days, 29);
        assert!(c.blocks.iter().any(|b| b.1 == BLOCK && b.3 - b.2 >= 2), "{c:?}");
        assert!(c.blocks.iter().all(|b| b.1 == BLOCK || b.3 - b.2 < BLOCK), "{c:?}");
        assert_eq!(c.edges, [(0, lo, lo + 8 * 3_600_000), (0, hi - 16 * 3_600_000, hi)]);
        // A UTC day is one single-day block and no edges; a day in +05:45 is one edge.
        let midnight = 1_743_465_600_000;
        let c = cut(&[bucket(midnight, midnight + DAY)]).unwrap();
        assert_eq!((c.blocks.len(), c.edges.len()), (1, 0));
        let kathmandu = midnight - (5 * 60 + 45) * 60_000;
        let c = cut(&[bucket(kathmandu, kathmandu + DAY)]).unwrap();
        assert_eq!((c.blocks.len(), c.edges.len()), (0, 1));
    }

    #[test]
    fn a_rank_is_found_in_the_bucket_where_the_running_count_reaches_it() {
        let mut counts = BTreeMap::new();
        counts.insert((0, Some("d1".to_string())), vec![(3, 2), (5, 1), (9, 3)]);
        counts.insert((1, None), vec![(4, 1)]);
        let p = picks(Statistic::Median, &counts);
        // Six durations: ranks 3 and 4, the only one of bucket 5 and the first of bucket 9.
        assert_eq!(p[0], Pick { k: 0, g: Some("d1".into()), bucket: 5, pos: 1 });
        assert_eq!(p[1], Pick { k: 0, g: Some("d1".into()), bucket: 9, pos: 1 });
        assert_eq!(p[2], Pick { k: 1, g: None, bucket: 4, pos: 1 });
        assert_eq!(picks(Statistic::P90, &counts)[0], Pick { k: 0, g: Some("d1".into()), bucket: 9, pos: 3 });
    }

    #[test]
    fn only_medians_and_p90_of_durations_by_kept_groupings_take_this_path() {
        let b = [bucket(0, DAY)];
        assert!(answers(Metric::ResolutionTime, Statistic::Median, Some(GroupBy::Department), &b));
        assert!(answers(Metric::FirstResponseTime, Statistic::P90, None, &b));
        assert!(!answers(Metric::ResolutionTime, Statistic::Mean, None, &b));
        assert!(!answers(Metric::Created, Statistic::Median, None, &b));
        assert!(!answers(Metric::ResolutionTime, Statistic::Median, Some(GroupBy::Template), &b));
    }
}
