//! Medians and p90 of durations from the duration tables (migration 0010), on both engines,
//! against hand-built answers: an even count (the two middle values averaged), one order, ties,
//! a value that is not a whole minute, an empty period, a resolution at a UTC midnight that is
//! morning in Shanghai, an order reopened and resolved again in another month, an order moved
//! to another department; and the migration's backfill of orders written before it existed.

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::TestStore;
use orderly::domain::stats::{GroupBy, Metric, Period, Statistic, StatsQuery, StatsResult, WeekStart};
use orderly::store::Engine;

const MINUTE: i64 = 60_000;

fn at(y: i32, mo: u32, d: u32, h: u32) -> i64 {
    Utc.with_ymd_and_hms(y, mo, d, h, 0, 0).unwrap().timestamp_millis()
}

async fn exec(s: &TestStore, sql: &str) {
    sqlx::raw_sql(sql).execute(s.orderly.store().pool()).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
}

fn query(metric: Metric, statistic: Statistic, period: Period, from: &str, to: &str, g: Option<GroupBy>) -> StatsQuery {
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    StatsQuery { metric, period, from: date(from), to: date(to), group_by: g, statistic, week_start: WeekStart::Monday }
}

fn series(r: &StatsResult, group: Option<&str>) -> Vec<Option<f64>> {
    let s = r.series.iter().find(|s| s.group.as_deref() == group).unwrap_or_else(|| panic!("{group:?} in {r:?}"));
    s.points.iter().map(|p| p.value.0).collect()
}

/// Runs `q` on the fast path, checks the straightforward SQL agrees, and returns the answer.
async fn stats(s: &TestStore, q: StatsQuery) -> StatsResult {
    let fast = s.orderly.stats(&s.admin, &q).await.unwrap();
    let straight = s.orderly.stats_without_rollup(&s.admin, &q).await.unwrap();
    assert_eq!(fast, straight, "{q:?}");
    fast
}

/// Orders created at `created` (ms) in `department`, resolved `minutes` later.
async fn resolved(s: &TestStore, department: Option<&str>, created: i64, minutes: &[f64]) -> Vec<String> {
    let lines: Vec<String> = minutes
        .iter()
        .map(|_| {
            let dept = department.map(|d| format!(r#","department_id":"{d}""#)).unwrap_or_default();
            let when = Utc.timestamp_millis_opt(created).unwrap().to_rfc3339();
            format!(r#"{{"title":"报修","priority":"P2"{dept},"created_at":"{when}"}}"#)
        })
        .collect();
    let prepared = s.orderly.prepare_import(&s.admin, &lines, "en").await.unwrap();
    let ids: Vec<String> =
        s.orderly.import_batch(&s.admin, &prepared).await.unwrap().into_iter().map(|i| i.id).collect();
    for (id, m) in ids.iter().zip(minutes) {
        let done = created + (m * MINUTE as f64) as i64;
        exec(s, &format!("UPDATE work_orders SET status = 'done', first_response_at = {created} + 60000, resolved_at = {done} WHERE id = '{id}'")).await;
    }
    ids
}

async fn department(s: &TestStore, name: &str) -> String {
    let node = orderly::domain::org::NewNode { name: name.into(), parent_id: None };
    s.orderly.create_department(&s.admin, node).await.unwrap().id
}

async fn known_answers(s: TestStore) {
    s.orderly.set_org_time_zone(&s.admin, "UTC").await.unwrap();
    let (a, b) = (department(&s, "售后服务部").await, department(&s, "Mantenimiento").await);
    let march = at(2025, 3, 3, 8);
    resolved(&s, Some(&a), march, &[40.0, 10.0, 30.0, 20.0]).await;
    resolved(&s, Some(&b), march, &[90.5]).await;
    resolved(&s, None, march, &[5.0, 7.0, 5.0]).await;
    resolved(&s, Some(&a), at(2025, 4, 7, 8), &[144.0, 1.0, 89.0, 2.0, 55.0, 3.0, 34.0, 5.0, 21.0, 8.0, 13.0]).await;
    let months = |st, g| query(Metric::ResolutionTime, st, Period::Month, "2025-02-01", "2025-04-30", g);
    let by_dept = stats(&s, months(Statistic::Median, Some(GroupBy::Department))).await;
    assert_eq!(series(&by_dept, Some(&a)), [None, Some(25.0), Some(13.0)]);
    assert_eq!(series(&by_dept, Some(&b)), [None, Some(90.5), None]);
    assert_eq!(series(&by_dept, None), [None, Some(5.0), None]);
    let by_dept = stats(&s, months(Statistic::P90, Some(GroupBy::Department))).await;
    assert_eq!(series(&by_dept, Some(&a)), [None, Some(40.0), Some(89.0)]);
    assert_eq!(series(&by_dept, None), [None, Some(7.0), None]);
    // March, all eight: 5 5 7 10 | 20 30 40 90.5.
    let all = stats(&s, months(Statistic::Median, None)).await;
    assert_eq!(series(&all, None), [None, Some(15.0), Some(13.0)]);
    assert_eq!(series(&stats(&s, months(Statistic::P90, None)).await, None), [None, Some(90.5), Some(89.0)]);
    // First response: one minute for every order.
    let response = query(Metric::FirstResponseTime, Statistic::P90, Period::Week, "2025-03-03", "2025-03-09", None);
    assert_eq!(series(&stats(&s, response).await, None), [Some(1.0)]);

    // Resolved at 2025-04-30T23:00Z: the last day of April in UTC, 1 May in Shanghai.
    let late = resolved(&s, Some(&b), at(2025, 4, 30, 21), &[120.0]).await;
    let may =
        |st| query(Metric::ResolutionTime, st, Period::Month, "2025-04-01", "2025-05-31", Some(GroupBy::Department));
    assert_eq!(series(&stats(&s, may(Statistic::Median)).await, Some(&b)), [Some(120.0), None]);
    s.orderly.set_org_time_zone(&s.admin, "Asia/Shanghai").await.unwrap();
    assert_eq!(series(&stats(&s, may(Statistic::Median)).await, Some(&b)), [None, Some(120.0)]);
    let days = query(Metric::ResolutionTime, Statistic::P90, Period::Day, "2025-04-30", "2025-05-01", None);
    assert_eq!(series(&stats(&s, days).await, None), [None, Some(120.0)]);
    s.orderly.set_org_time_zone(&s.admin, "UTC").await.unwrap();

    // Reopened (no resolution time while open), then resolved again in April after 3 days.
    let id = &late[0];
    exec(&s, &format!("UPDATE work_orders SET status = 'in_progress', resolved_at = NULL WHERE id = '{id}'")).await;
    let open = stats(&s, may(Statistic::Median)).await;
    assert!(open.series.iter().all(|x| x.group.as_deref() != Some(&b)), "{open:?}");
    let again = at(2025, 4, 30, 21) + 4320 * MINUTE;
    exec(&s, &format!("UPDATE work_orders SET status = 'done', resolved_at = {again} WHERE id = '{id}'")).await;
    assert_eq!(series(&stats(&s, may(Statistic::Median)).await, Some(&b)), [None, Some(4320.0)]);
    // Moved to department A: B's May is empty, A's May has it.
    exec(&s, &format!("UPDATE work_orders SET department_id = '{a}' WHERE id = '{id}'")).await;
    let moved = stats(&s, may(Statistic::P90)).await;
    assert_eq!(series(&moved, Some(&a)), [Some(89.0), Some(4320.0)]);
    assert!(moved.series.iter().all(|x| x.group.as_deref() != Some(&b)), "{moved:?}");
    // A period with no resolutions has no value.
    let empty = query(Metric::ResolutionTime, Statistic::Median, Period::Day, "2025-01-01", "2025-01-02", None);
    assert_eq!(series(&stats(&s, empty).await, None), [None, None]);

    backfill_answers_the_same(&s, &a, march).await;
}

/// Takes migration 0010 out, writes more orders and changes without it, puts the migration
/// back as shipped: its backfill must give the answers the orders give.
async fn backfill_answers_the_same(s: &TestStore, department: &str, march: i64) {
    let engine = s.orderly.store().engine();
    let undo = match engine {
        Engine::Sqlite => {
            "DROP TRIGGER stats_durations_orders_insert; DROP TRIGGER stats_durations_orders_update; \
             DROP TRIGGER stats_durations_orders_delete; DROP TABLE stats_durations; DROP TABLE stats_duration_days; \
             DROP TABLE stats_duration_ladder;"
        }
        Engine::Postgres => {
            "DROP TRIGGER stats_durations_follow ON work_orders; DROP TABLE stats_durations; \
             DROP TABLE stats_duration_days; DROP FUNCTION stats_duration_bucket(BIGINT); DROP TABLE stats_duration_ladder; \
             DROP FUNCTION stats_durations_follow(); DROP FUNCTION stats_duration_days_follow();"
        }
    };
    exec(s, undo).await;
    resolved(s, Some(department), march, &[35.0, 36.0]).await;
    exec(s, "UPDATE work_orders SET first_response_at = first_response_at + 120000 WHERE title = '报修'").await;
    exec(
        s,
        match engine {
            Engine::Sqlite => include_str!("../migrations/sqlite/0010_stats_durations.sql"),
            Engine::Postgres => include_str!("../migrations/postgres/0010_stats_durations.sql"),
        },
    )
    .await;
    let q = |st, m| query(m, st, Period::Month, "2025-03-01", "2025-05-31", Some(GroupBy::Department));
    // A's March: 10 20 30 35 36 40.
    let march = stats(s, q(Statistic::Median, Metric::ResolutionTime)).await;
    assert_eq!(series(&march, Some(department))[0], Some(32.5));
    let response = stats(s, q(Statistic::P90, Metric::FirstResponseTime)).await;
    assert_eq!(series(&response, Some(department))[0], Some(3.0));
    // And the triggers are back.
    exec(s, "UPDATE work_orders SET resolved_at = resolved_at + 600000 WHERE title = '报修'").await;
    let later = stats(s, q(Statistic::Median, Metric::ResolutionTime)).await;
    assert_eq!(series(&later, Some(department))[0], Some(42.5));
}

conformance!(quantiles_match_hand_built_answers, known_answers);
