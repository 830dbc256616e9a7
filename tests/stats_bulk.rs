//! A store filled by the bulk seed (statistics triggers suspended, tables rebuilt by the
//! backfill of migrations 0005 and 0010) answers every statistic exactly as the straightforward
//! SQL over its orders and history does, on both engines; it goes on counting new orders through
//! the restored triggers; and a bulk seed refuses a store that already holds orders.

mod common;

use chrono::Duration;
use common::TestStore;
use orderly::domain::order::NewOrder;
use orderly::domain::stats::{GroupBy, Metric, Period, Statistic, StatsQuery, StatsResult, WeekStart};
use orderly::service::seed::SeedMode;

const ORDERS: u64 = 300;

fn year_of(
    metric: Metric,
    statistic: Statistic,
    period: Period,
    group_by: Option<GroupBy>,
    today: chrono::NaiveDate,
) -> StatsQuery {
    let days = if period == Period::Day { 30 } else { 365 };
    StatsQuery {
        metric,
        period,
        from: today - Duration::days(days - 1),
        to: today,
        group_by,
        statistic,
        week_start: WeekStart::Monday,
    }
}

/// The figures checked: counts, backlog, means, medians, p90, SLA shares, urges and the reopen
/// rate, by every grouping the fast paths keep (and one they do not).
const FIGURES: [(Metric, Statistic, Period, Option<GroupBy>); 14] = [
    (Metric::Created, Statistic::Mean, Period::Month, Some(GroupBy::StatusCategory)),
    (Metric::Created, Statistic::Mean, Period::Day, Some(GroupBy::Assignee)),
    (Metric::Resolved, Statistic::Mean, Period::Week, Some(GroupBy::Department)),
    (Metric::Closed, Statistic::Mean, Period::Month, Some(GroupBy::Priority)),
    (Metric::Backlog, Statistic::Mean, Period::Week, None),
    (Metric::Backlog, Statistic::Mean, Period::Day, Some(GroupBy::StatusCategory)),
    (Metric::ResolutionTime, Statistic::Mean, Period::Month, Some(GroupBy::Assignee)),
    (Metric::ResolutionTime, Statistic::Median, Period::Month, Some(GroupBy::Department)),
    (Metric::FirstResponseTime, Statistic::P90, Period::Week, None),
    (Metric::SlaResponse, Statistic::Mean, Period::Week, Some(GroupBy::Priority)),
    (Metric::SlaResolution, Statistic::Mean, Period::Month, None),
    (Metric::Urges, Statistic::Mean, Period::Month, None),
    (Metric::ReopenRate, Statistic::Mean, Period::Month, None),
    (Metric::Created, Statistic::Mean, Period::Month, Some(GroupBy::CustomerGroup)),
];

fn total(r: &StatsResult) -> f64 {
    r.series.iter().flat_map(|s| &s.points).filter_map(|p| p.value.0).sum()
}

fn any_above_zero(r: &StatsResult) -> bool {
    r.series.iter().flat_map(|s| &s.points).any(|p| p.value.0.is_some_and(|v| v > 0.0))
}

async fn bulk_seeded_store_answers_as_its_orders_do(s: TestStore) {
    s.orderly.set_org_time_zone(&s.admin, "Asia/Shanghai").await.unwrap();
    let report = s.orderly.seed_with(&s.admin, SeedMode::Bulk, (ORDERS, 8, 7), |_, _| {}).await.unwrap();
    assert_eq!(report.orders, ORDERS);
    assert_eq!(s.count("work_orders").await, ORDERS as i64);
    let today = s.orderly.org_today().await.unwrap();
    let mut answers = Vec::new();
    for (metric, statistic, period, group) in FIGURES {
        let q = year_of(metric, statistic, period, group, today);
        let fast = s.orderly.stats(&s.admin, &q).await.unwrap();
        let straight = s.orderly.stats_without_rollup(&s.admin, &q).await.unwrap();
        assert!(common::same_stats(&fast, &straight), "{q:?}\nfast: {fast:?}\nstraight: {straight:?}");
        answers.push(fast);
    }
    // The answers are about real data: nearly every order of the year is counted, and orders
    // wait, are resolved late and early, reopened, urged and grouped by customer group.
    let created = total(&answers[0]);
    assert!((ORDERS as f64 - 3.0..=ORDERS as f64).contains(&created), "created {created}");
    for (i, answer) in answers.iter().enumerate() {
        assert!(any_above_zero(answer), "figure {i} is empty: {answer:?}");
    }
    assert!(answers[13].series.iter().filter(|s| s.group.is_some()).count() >= 2, "two customer groups");

    // The triggers are back: a new order is counted today on the fast path.
    let q = year_of(Metric::Created, Statistic::Mean, Period::Day, None, today);
    let before = total(&s.orderly.stats(&s.admin, &q).await.unwrap());
    let input = NewOrder { title: "漏水 after the bulk load".into(), ..Default::default() };
    s.orderly.create_order(&s.admin, input).await.unwrap();
    let after = s.orderly.stats(&s.admin, &q).await.unwrap();
    assert_eq!(total(&after), before + 1.0);
    assert!(common::same_stats(&after, &s.orderly.stats_without_rollup(&s.admin, &q).await.unwrap()));

    // A second bulk seed is refused with a translated message, and writes nothing.
    let e = s.orderly.seed_with(&s.admin, SeedMode::Bulk, (10, 2, 8), |_, _| {}).await.unwrap_err();
    assert_eq!(e.key, "bench.store_not_empty");
    assert_ne!(e.message("zh-CN"), e.key, "translated");
    assert_eq!(s.count("work_orders").await, ORDERS as i64 + 1);
}

conformance!(bulk_seed, bulk_seeded_store_answers_as_its_orders_do);
