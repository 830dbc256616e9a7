//! Statistics on both engines against hand-built fixtures with known answers, in the
//! Asia/Shanghai zone: orders across month, ISO-week and time-zone boundaries, a reopened
//! order, SLA targets missed, met, and met only because a pause moved the due time.
//!
//! Fixture setup: orders are imported with chosen `created_at`; their later life (status
//! changes, urges) is written as the history rows the service writes, with chosen times, and
//! the order columns those changes set are adjusted by direct SQL. A second scenario runs the
//! real service path (assign, resolve, reopen, urge) at the current time.

mod common;

use chrono::{NaiveDate, TimeZone};
use common::TestStore;
use orderly::domain::stats::{GroupBy, Metric, Period, Statistic, StatsQuery, StatsResult, WeekStart};
use orderly::service::stats::TechnicianFilter;

const SHANGHAI: chrono_tz::Tz = chrono_tz::Asia::Shanghai;

/// Epoch ms of a Shanghai local time.
fn local(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
    SHANGHAI.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap().timestamp_millis()
}

fn rfc3339(ms: i64) -> String {
    chrono::Utc.timestamp_millis_opt(ms).unwrap().to_rfc3339()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn query(metric: Metric, period: Period, from: &str, to: &str, group_by: Option<GroupBy>) -> StatsQuery {
    StatsQuery {
        metric,
        period,
        from: date(from),
        to: date(to),
        group_by,
        statistic: Statistic::Mean,
        week_start: WeekStart::Monday,
    }
}

async fn exec(s: &TestStore, sql: &str) {
    sqlx::query(sql).execute(s.orderly.store().pool()).await.unwrap();
}

/// The one ungrouped series' values.
fn values(r: &StatsResult) -> Vec<Option<f64>> {
    assert_eq!(r.series.len(), 1, "{r:?}");
    r.series[0].points.iter().map(|p| p.value.0).collect()
}

fn series(r: &StatsResult, group: Option<&str>) -> Vec<Option<f64>> {
    let s = r.series.iter().find(|s| s.group.as_deref() == group).unwrap_or_else(|| panic!("{group:?} in {r:?}"));
    s.points.iter().map(|p| p.value.0).collect()
}

fn some(v: &[f64]) -> Vec<Option<f64>> {
    v.iter().map(|x| Some(*x)).collect()
}

/// Writes one status change as the service would: the history row and the order's columns.
async fn change(s: &TestStore, id: &str, at: i64, from: &str, to: &str) {
    exec(
        s,
        &format!(
            "INSERT INTO order_events (id, order_id, at, actor_id, kind, field, old_value, new_value) \
         VALUES ('{}', '{id}', {at}, '{}', 'status_changed', 'status', '\"{from}\"', '\"{to}\"')",
            orderly::domain::new_id(),
            s.admin.user_id
        ),
    )
    .await;
    let mut set = format!("status = '{to}', first_response_at = COALESCE(first_response_at, {at})");
    match to {
        "done" => set.push_str(&format!(", resolved_at = {at}")),
        "closed" => set.push_str(&format!(", resolved_at = COALESCE(resolved_at, {at}), closed_at = {at}")),
        "cancelled" => {}
        _ => set.push_str(", resolved_at = NULL, closed_at = NULL"),
    }
    exec(s, &format!("UPDATE work_orders SET {set} WHERE id = '{id}'")).await;
}

async fn urge(s: &TestStore, id: &str, at: i64) {
    exec(
        s,
        &format!(
            "INSERT INTO order_events (id, order_id, at, actor_id, kind) VALUES ('{}', '{id}', {at}, '{}', 'urged')",
            orderly::domain::new_id(),
            s.admin.user_id
        ),
    )
    .await;
}

async fn sla_row(s: &TestStore, id: &str, response_breached: Option<i64>) {
    let policy: String = sqlx::Row::get(
        &sqlx::query("SELECT id FROM sla_policies ORDER BY id LIMIT 1")
            .fetch_one(s.orderly.store().pool())
            .await
            .unwrap(),
        0,
    );
    exec(s, &format!("DELETE FROM order_sla WHERE order_id = '{id}'")).await;
    let breached = response_breached.map(|b| b.to_string()).unwrap_or_else(|| "NULL".into());
    exec(
        s,
        &format!(
            "INSERT INTO order_sla (order_id, policy_id, response_breached_at) VALUES ('{id}', '{policy}', {breached})"
        ),
    )
    .await;
}

struct Fixture {
    ids: Vec<String>,
    department: String,
    group: String,
    tech1: String,
    tech2: String,
}

/// O1..O4 (see the test for their lives) plus O5/O6, created cancelled around the turn of 2025.
async fn fixture(s: &TestStore) -> Fixture {
    s.orderly.set_org_time_zone(&s.admin, "Asia/Shanghai").await.unwrap();
    let department = s
        .orderly
        .create_department(&s.admin, orderly::domain::org::NewNode { name: "售后服务部".into(), parent_id: None })
        .await
        .unwrap()
        .id;
    let group = s.orderly.create_customer_group(&s.admin, "VIP").await.unwrap().id;
    let customer = s
        .orderly
        .create_customer(
            &s.admin,
            orderly::domain::org::NewCustomer {
                name: "华信".into(),
                group_id: Some(group.clone()),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .id;
    let tech1 = s.user("tech1", &["technician"], None).await.user_id;
    let tech2 = s.user("tech2", &["technician"], None).await.user_id;
    let lines = [
        format!(
            r#"{{"title":"O1","priority":"P1","department_id":"{department}","customer_id":"{customer}","created_at":"{}"}}"#,
            rfc3339(local(2025, 3, 10, 10, 0))
        ),
        format!(r#"{{"title":"O2","priority":"P2","created_at":"{}"}}"#, rfc3339(local(2025, 4, 1, 0, 30))),
        format!(r#"{{"title":"O3","priority":"P2","created_at":"{}"}}"#, rfc3339(local(2025, 3, 31, 23, 30))),
        format!(r#"{{"title":"O4","priority":"P5","created_at":"{}"}}"#, rfc3339(local(2025, 4, 15, 12, 0))),
        format!(r#"{{"title":"O5","status":"cancelled","created_at":"{}"}}"#, "2024-12-29T15:00:00Z"),
        format!(r#"{{"title":"O6","status":"cancelled","created_at":"{}"}}"#, "2024-12-29T17:00:00Z"),
    ];
    let prepared = s.orderly.prepare_import(&s.admin, &lines, "en").await.unwrap();
    let ids: Vec<String> =
        s.orderly.import_batch(&s.admin, &prepared).await.unwrap().into_iter().map(|i| i.id).collect();
    let (o1, o2, o3, o4) = (&ids[0], &ids[1], &ids[2], &ids[3]);
    change(s, o1, local(2025, 3, 10, 11, 0), "unassigned", "todo").await;
    change(s, o1, local(2025, 3, 12, 10, 0), "todo", "done").await;
    change(s, o1, local(2025, 3, 15, 10, 0), "done", "closed").await;
    change(s, o2, local(2025, 4, 1, 2, 30), "unassigned", "done").await;
    change(s, o2, local(2025, 4, 20, 9, 0), "done", "in_progress").await;
    change(s, o2, local(2025, 5, 2, 0, 30), "in_progress", "done").await;
    change(s, o4, local(2025, 4, 15, 12, 30), "unassigned", "todo").await;
    change(s, o4, local(2025, 5, 10, 12, 0), "todo", "cancelled").await;
    urge(s, o3, local(2025, 4, 30, 23, 0)).await;
    urge(s, o3, local(2025, 5, 1, 0, 30)).await;
    // SLA: O1 missed both targets (response marked breached; resolution late but not yet
    // ticked over); O2 responded and resolved within due times that a pause pushed back; O4
    // responded in time.
    sla_row(s, o1, Some(local(2025, 3, 10, 10, 30))).await;
    sla_row(s, o2, None).await;
    sla_row(s, o4, None).await;
    for (id, response_due, resolution_due) in [
        (o1, local(2025, 3, 10, 10, 30), local(2025, 3, 11, 10, 0)),
        (o2, local(2025, 4, 1, 3, 0), local(2025, 5, 3, 0, 0)),
        (o4, local(2025, 4, 15, 13, 0), local(2025, 4, 16, 12, 0)),
    ] {
        exec(s, &format!("UPDATE work_orders SET response_due_at = {response_due}, resolution_due_at = {resolution_due} WHERE id = '{id}'")).await;
    }
    exec(s, &format!("UPDATE work_orders SET assignee_id = '{tech1}' WHERE id IN ('{o1}', '{o4}')")).await;
    exec(s, &format!("UPDATE work_orders SET assignee_id = '{tech2}' WHERE id = '{o3}'")).await;
    Fixture { ids, department, group, tech1, tech2 }
}

async fn metrics_match_the_hand_built_answers(s: TestStore) {
    let f = fixture(&s).await;
    let o = &s.orderly;
    let a = &s.admin;
    let months = |m: Metric| query(m, Period::Month, "2025-03-01", "2025-05-31", None);
    let run = |q: StatsQuery| async move { o.stats(a, &q).await.unwrap() };
    let r = run(months(Metric::Created)).await;
    assert_eq!(
        r.series[0].points.iter().map(|p| p.period.as_str()).collect::<Vec<_>>(),
        ["2025-03", "2025-04", "2025-05"]
    );
    assert_eq!(r.time_zone, "Asia/Shanghai");
    // O2 was created at 2025-03-31T16:30Z: April in Shanghai.
    assert_eq!(values(&r), some(&[2.0, 2.0, 0.0]));
    assert_eq!(values(&run(months(Metric::Resolved)).await), some(&[1.0, 0.0, 1.0]));
    assert_eq!(values(&run(months(Metric::Closed)).await), some(&[1.0, 0.0, 0.0]));
    // End of March: O3; April: O2 (reopened), O3, O4; May: O3.
    assert_eq!(values(&run(months(Metric::Backlog)).await), some(&[1.0, 3.0, 1.0]));
    let by_category =
        run(query(Metric::Backlog, Period::Month, "2025-03-01", "2025-05-31", Some(GroupBy::StatusCategory))).await;
    assert_eq!(series(&by_category, Some("new")), some(&[1.0, 1.0, 1.0]));
    assert_eq!(series(&by_category, Some("open")), some(&[0.0, 2.0, 0.0]));
    assert_eq!(values(&run(months(Metric::FirstResponseTime)).await), vec![Some(60.0), Some(75.0), None]);
    let mut p90 = months(Metric::FirstResponseTime);
    p90.statistic = Statistic::P90;
    assert_eq!(values(&run(p90.clone()).await), vec![Some(60.0), Some(120.0), None]);
    p90.statistic = Statistic::Median;
    assert_eq!(values(&run(p90).await), vec![Some(60.0), Some(75.0), None]);
    assert_eq!(values(&run(months(Metric::ResolutionTime)).await), vec![Some(2880.0), None, Some(44640.0)]);
    assert_eq!(values(&run(months(Metric::SlaResponse)).await), vec![Some(0.0), Some(1.0), None]);
    assert_eq!(values(&run(months(Metric::SlaResolution)).await), vec![Some(0.0), None, Some(1.0)]);
    assert_eq!(values(&run(months(Metric::Urges)).await), some(&[0.0, 1.0, 1.0]));
    assert_eq!(values(&run(months(Metric::ReopenRate)).await), vec![Some(0.0), Some(1.0), Some(0.0)]);

    let by_priority =
        run(query(Metric::Created, Period::Month, "2025-03-01", "2025-05-31", Some(GroupBy::Priority))).await;
    assert_eq!(series(&by_priority, Some("P2")), some(&[1.0, 1.0, 0.0]));
    assert_eq!(series(&by_priority, Some("P5")), some(&[0.0, 1.0, 0.0]));
    let by_department =
        run(query(Metric::Created, Period::Month, "2025-03-01", "2025-05-31", Some(GroupBy::Department))).await;
    assert_eq!(series(&by_department, Some(&f.department)), some(&[1.0, 0.0, 0.0]));
    assert_eq!(by_department.series.iter().find(|s| s.group.is_some()).unwrap().label.as_deref(), Some("售后服务部"));
    assert_eq!(series(&by_department, None), some(&[1.0, 2.0, 0.0]));
    let by_group =
        run(query(Metric::Created, Period::Month, "2025-03-01", "2025-05-31", Some(GroupBy::CustomerGroup))).await;
    assert_eq!(series(&by_group, Some(&f.group)), some(&[1.0, 0.0, 0.0]));
    let by_assignee =
        run(query(Metric::Backlog, Period::Month, "2025-03-01", "2025-05-31", Some(GroupBy::Assignee))).await;
    assert_eq!(series(&by_assignee, Some(&f.tech2)), some(&[1.0, 1.0, 1.0]));
    let by_template =
        run(query(Metric::Created, Period::Month, "2025-03-01", "2025-05-31", Some(GroupBy::Template))).await;
    assert_eq!(series(&by_template, Some("general")), some(&[2.0, 2.0, 0.0]));

    // Days: O2 (00:30 local on 1 April) and O3 (23:30 local on 31 March) fall either side.
    let days = run(query(Metric::Created, Period::Day, "2025-03-31", "2025-04-01", None)).await;
    assert_eq!(values(&days), some(&[1.0, 1.0]));
    // ISO week 2025-W01 starts on Monday 30 December 2024 (O6 is 01:00 that day in Shanghai,
    // O5 is 23:00 on the Sunday before).
    let weeks = run(query(Metric::Created, Period::Week, "2024-12-23", "2025-01-05", None)).await;
    assert_eq!(weeks.series[0].points.iter().map(|p| p.period.as_str()).collect::<Vec<_>>(), ["2024-W52", "2025-W01"]);
    assert_eq!(values(&weeks), some(&[1.0, 1.0]));
    let mut sunday = query(Metric::Created, Period::Week, "2024-12-23", "2025-01-05", None);
    sunday.week_start = WeekStart::Sunday;
    let sunday = run(sunday).await;
    assert_eq!(sunday.series[0].points[1].period, "2025-W01");
    assert_eq!(values(&sunday)[..2], some(&[0.0, 2.0]));

    let techs =
        o.technician_stats(a, &TechnicianFilter { from: date("2025-03-01"), to: date("2025-05-31") }).await.unwrap();
    let t1 = techs.iter().find(|t| t.user_id == f.tech1).unwrap();
    assert_eq!((t1.login.as_str(), t1.completed, t1.booked_load), ("tech1", 1, 0));
    assert_eq!(t1.mean_handling_minutes, Some(2820.0));
    assert_eq!(t1.sla_compliance, Some(0.0));
    let t2 = techs.iter().find(|t| t.user_id == f.tech2).unwrap();
    assert_eq!((t2.completed, t2.booked_load, t2.sla_compliance), (0, 1, None));
    assert_eq!(f.ids.len(), 6);
}

async fn the_service_path_feeds_backlog_and_reopen_rate(s: TestStore) {
    s.orderly.set_org_time_zone(&s.admin, "UTC").await.unwrap();
    let tech = s.user("tech", &["technician"], None).await;
    let input = orderly::domain::order::NewOrder { title: "空调不制冷".into(), ..Default::default() };
    let order = s.orderly.create_order(&s.admin, input).await.unwrap();
    let order = s.orderly.assign_order(&s.admin, &order.id, Some(tech.user_id.clone()), order.version).await.unwrap();
    let order = s.orderly.change_status(&s.admin, &order.id, "done", order.version).await.unwrap();
    // Reopening takes a reason in the workflow (issue #4).
    let reopen = orderly::service::workflow_moves::ActInput {
        comment: Some("客户反馈仍不制冷".into()),
        ..Default::default()
    };
    let order = s.orderly.act(&s.admin, &order.id, order.version, "reopen", reopen).await.unwrap();
    s.orderly.urge_order(&s.admin, &order.id).await.unwrap();
    let today = chrono::Utc::now().date_naive().format("%Y-%m-%d").to_string();
    let q = |m| query(m, Period::Day, &today, &today, None);
    let get = |m| {
        let q = q(m);
        let o = &s.orderly;
        let a = &s.admin;
        async move { values(&o.stats(a, &q).await.unwrap()) }
    };
    assert_eq!(get(Metric::Backlog).await, some(&[1.0]));
    assert_eq!(get(Metric::ReopenRate).await, some(&[1.0]));
    assert_eq!(get(Metric::Resolved).await, some(&[0.0]));
    assert_eq!(get(Metric::Urges).await, some(&[1.0]));
    assert_eq!(get(Metric::Created).await, some(&[1.0]));
    let by_category = s
        .orderly
        .stats(&s.admin, &query(Metric::Backlog, Period::Day, &today, &today, Some(GroupBy::StatusCategory)))
        .await
        .unwrap();
    assert_eq!(series(&by_category, Some("open")), some(&[1.0]));
    // Technicians may not see statistics; a bad zone is refused and nothing changes.
    let refused = s.orderly.stats(&tech, &q(Metric::Created)).await.unwrap_err();
    assert_eq!(refused.key, "perm.see_stats");
    assert_eq!(s.orderly.set_org_time_zone(&s.admin, "Mars/Olympus").await.unwrap_err().key, "stats.time_zone_invalid");
    assert_eq!(s.orderly.org_time_zone().await.unwrap().name(), "UTC");
}

conformance!(metrics_match_hand_built_answers, metrics_match_the_hand_built_answers);
conformance!(service_path_feeds_backlog_and_reopen_rate, the_service_path_feeds_backlog_and_reopen_rate);
