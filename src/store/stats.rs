//! Statistics SQL, shared by both engines. The service hands in the periods already cut into
//! UTC bounds; they become a small `periods (k, lo, hi)` table that drives a range join on an
//! indexed time column, so each period reads only its slice of an index and the engine needs
//! no time-zone arithmetic. Every value column is cast to DOUBLE PRECISION (and every key to
//! BIGINT/TEXT) because PostgreSQL's NUMERIC and INT4 do not cross sqlx's `Any` driver.

use crate::domain::stats::{Bucket, GroupBy, Metric, Statistic};
use crate::domain::status::{Status, StatusCategory};
use crate::domain::Millis;
use crate::Result;
use sqlx::{AnyConnection, Row};

/// One aggregated cell: period index (`-1` = everything before the first period), group key,
/// value.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub period: i64,
    pub group: Option<String>,
    pub value: Option<f64>,
}

/// Start of the "before" pseudo-period that backlog sums over (year 1).
pub(super) const DAWN: Millis = -62_135_596_800_000;

fn category_key(c: StatusCategory) -> &'static str {
    match c {
        StatusCategory::New => "new",
        StatusCategory::Open => "open",
        StatusCategory::Pending => "pending",
        StatusCategory::Suspended => "suspended",
        StatusCategory::Resolved => "resolved",
        StatusCategory::Closed => "closed",
        StatusCategory::Cancelled => "cancelled",
    }
}

/// A status as stored: plainly in `work_orders.status`, as a JSON string in history values.
fn status_literal(s: Status, json: bool) -> String {
    if json {
        format!("'\"{}\"'", s.key())
    } else {
        format!("'{}'", s.key())
    }
}

fn status_list(json: bool, keep: impl Fn(Status) -> bool) -> String {
    let items: Vec<String> = Status::ALL.into_iter().filter(|s| keep(*s)).map(|s| status_literal(s, json)).collect();
    format!("({})", items.join(", "))
}

/// Statuses that count in a backlog (new, open, pending, suspended).
pub(super) fn open_list(json: bool) -> String {
    status_list(json, Status::is_active)
}

pub(super) fn category_case(status_expr: &str, json: bool) -> String {
    let arms: String = Status::ALL
        .into_iter()
        .map(|s| format!(" WHEN {} THEN '{}'", status_literal(s, json), category_key(s.category())))
        .collect();
    format!("CASE {status_expr}{arms} END")
}

/// The group key of an order `o`; `status_expr` is where its status (at the moment that
/// matters) comes from.
pub(super) fn group_expr(group: Option<GroupBy>, status_expr: &str, json: bool) -> String {
    match group {
        None => "CAST(NULL AS TEXT)".into(),
        Some(GroupBy::StatusCategory) => category_case(status_expr, json),
        Some(GroupBy::Template) => "o.template_key".into(),
        Some(GroupBy::Department) => "o.department_id".into(),
        Some(GroupBy::Assignee) => "o.assignee_id".into(),
        Some(GroupBy::Priority) => "'P' || CAST(o.priority AS TEXT)".into(),
        Some(GroupBy::CustomerGroup) => "(SELECT c.group_id FROM customers c WHERE c.id = o.customer_id)".into(),
    }
}

/// `WITH periods (k, lo, hi) AS (VALUES …)`; the bounds are integers computed by the core,
/// written inline so the planner sees them (no user text reaches this SQL).
fn periods_cte(buckets: &[Bucket], with_dawn: bool) -> String {
    let mut rows: Vec<String> = Vec::with_capacity(buckets.len() + 1);
    if with_dawn {
        if let Some(first) = buckets.first() {
            rows.push(format!("(-1, {DAWN}, {})", first.start));
        }
    }
    rows.extend(buckets.iter().enumerate().map(|(k, b)| format!("({k}, {}, {})", b.start, b.end)));
    format!("WITH periods (k, lo, hi) AS (VALUES {})", rows.join(", "))
}

fn in_period(column: &str) -> String {
    format!("{column} >= p.lo AND {column} < p.hi")
}

/// The SQL answering `metric` over `buckets`, returning rows (k, group, value).
pub fn metric_sql(metric: Metric, statistic: Statistic, group: Option<GroupBy>, buckets: &[Bucket]) -> String {
    let g = group_expr(group, "o.status", false);
    let head = periods_cte(buckets, metric == Metric::Backlog);
    let count = |column: &str| {
        format!(
            "{head} SELECT CAST(p.k AS BIGINT), {g}, CAST(COUNT(*) AS DOUBLE PRECISION) \
             FROM periods p CROSS JOIN work_orders o WHERE {} GROUP BY 1, 2",
            in_period(&format!("o.{column}"))
        )
    };
    match metric {
        Metric::Created => count("created_at"),
        Metric::Resolved => count("resolved_at"),
        Metric::Closed => count("closed_at"),
        Metric::Urges => format!(
            "{head} SELECT CAST(p.k AS BIGINT), {g}, CAST(COUNT(*) AS DOUBLE PRECISION) \
             FROM periods p CROSS JOIN order_events e JOIN work_orders o ON o.id = e.order_id \
             WHERE e.kind = 'urged' AND {} GROUP BY 1, 2",
            in_period("e.at")
        ),
        Metric::FirstResponseTime => duration_sql(&head, &g, "first_response_at", statistic),
        Metric::ResolutionTime => duration_sql(&head, &g, "resolved_at", statistic),
        Metric::SlaResponse => sla_sql(&head, &g, "first_response_at", "response_due_at", "response_breached_at"),
        Metric::SlaResolution => sla_sql(&head, &g, "resolved_at", "resolution_due_at", "resolution_breached_at"),
        Metric::ReopenRate => reopen_sql(&head, &g),
        Metric::Backlog => backlog_sql(&head, group),
    }
}

/// Minutes from creation to `column`, by period of `column`: the mean directly, the median
/// and p90 by ranking within each (period, group) and averaging the picked rank(s).
fn duration_sql(head: &str, g: &str, column: &str, statistic: Statistic) -> String {
    let minutes = format!("CAST(o.{column} - o.created_at AS DOUBLE PRECISION) / 60000.0");
    let slice = format!("FROM periods p CROSS JOIN work_orders o WHERE {}", in_period(&format!("o.{column}")));
    let pick = match statistic {
        Statistic::Mean => {
            return format!(
                "{head} SELECT CAST(p.k AS BIGINT), {g}, CAST(AVG({minutes}) AS DOUBLE PRECISION) {slice} GROUP BY 1, 2"
            )
        }
        Statistic::Median => "r.rn = (r.n + 1) / 2 OR r.rn = r.n / 2 + 1",
        Statistic::P90 => "r.rn = (9 * r.n + 9) / 10",
    };
    format!(
        "{head}, d AS (SELECT CAST(p.k AS BIGINT) AS k, {g} AS g, {minutes} AS v {slice}), \
         r AS (SELECT k, g, v, ROW_NUMBER() OVER (PARTITION BY k, g ORDER BY v) AS rn, \
               COUNT(*) OVER (PARTITION BY k, g) AS n FROM d) \
         SELECT r.k, r.g, CAST(AVG(r.v) AS DOUBLE PRECISION) FROM r WHERE {pick} GROUP BY 1, 2"
    )
}

/// Whether an order under an SLA met a target: never marked breached, and done by the due
/// time the SLA clock keeps (pauses move it), which also catches a miss the scheduler has not
/// ticked over yet.
fn met(done: &str, due: &str, breached: &str) -> String {
    format!("s.{breached} IS NULL AND (o.{due} IS NULL OR o.{done} <= o.{due})")
}

fn sla_sql(head: &str, g: &str, done: &str, due: &str, breached: &str) -> String {
    format!(
        "{head} SELECT CAST(p.k AS BIGINT), {g}, \
         CAST(AVG(CASE WHEN {} THEN 1.0 ELSE 0.0 END) AS DOUBLE PRECISION) \
         FROM periods p CROSS JOIN work_orders o JOIN order_sla s ON s.order_id = o.id \
         WHERE {} GROUP BY 1, 2",
        met(done, due, breached),
        in_period(&format!("o.{done}"))
    )
}

/// Resolutions (a status change from an open status to a resolved or closed one) in each
/// period, and the share of them that a later change took back to an open status.
fn reopen_sql(head: &str, g: &str) -> String {
    let open = open_list(true);
    let finished = status_list(true, |s| matches!(s.category(), StatusCategory::Resolved | StatusCategory::Closed));
    format!(
        "{head} SELECT CAST(p.k AS BIGINT), {g}, CAST(AVG(CASE WHEN EXISTS (\
            SELECT 1 FROM order_events r WHERE r.order_id = e.order_id AND r.kind = 'status_changed' \
            AND r.seq > e.seq AND r.old_value IN {finished} AND r.new_value IN {open}) \
         THEN 1.0 ELSE 0.0 END) AS DOUBLE PRECISION) \
         FROM periods p CROSS JOIN order_events e JOIN work_orders o ON o.id = e.order_id \
         WHERE e.kind = 'status_changed' AND {} AND e.new_value IN {finished} AND e.old_value IN {open} \
         GROUP BY 1, 2",
        in_period("e.at")
    )
}

/// Backlog as signed changes per period (the service adds them up): +1 when an order arrives
/// open, and for every status change −1 from an open status and +1 into one. Orders that never
/// changed status (no first response, not suspended by the SLA) are open exactly when their
/// current status is; the others start in the status their first change left.
fn backlog_sql(head: &str, group: Option<GroupBy>) -> String {
    let open_plain = open_list(false);
    let open_json = open_list(true);
    let steady = group_expr(group, "o.status", false);
    let initial = group_expr(group, "b.st", true);
    let new_side = group_expr(group, "e.new_value", true);
    let old_side = group_expr(group, "e.old_value", true);
    let suspended = status_literal(Status::Suspended, false);
    format!(
        "{head}, x (k, g, d) AS (\
           SELECT p.k, {steady}, 1 FROM periods p CROSS JOIN work_orders o \
             WHERE {created} AND o.first_response_at IS NULL AND o.status <> {suspended} AND o.status IN {open_plain} \
           UNION ALL \
           SELECT b.k, {initial}, 1 FROM (\
             SELECT p.k AS k, o.id AS id, COALESCE((SELECT e.old_value FROM order_events e \
               WHERE e.order_id = o.id AND e.kind = 'status_changed' ORDER BY e.seq LIMIT 1), \
               '\"' || o.status || '\"') AS st \
             FROM periods p CROSS JOIN work_orders o \
             WHERE {created} AND (o.first_response_at IS NOT NULL OR o.status = {suspended})) b \
             JOIN work_orders o ON o.id = b.id WHERE b.st IN {open_json} \
           UNION ALL \
           SELECT p.k, {new_side}, 1 FROM periods p CROSS JOIN order_events e JOIN work_orders o ON o.id = e.order_id \
             WHERE e.kind = 'status_changed' AND {at} AND e.new_value IN {open_json} \
           UNION ALL \
           SELECT p.k, {old_side}, -1 FROM periods p CROSS JOIN order_events e JOIN work_orders o ON o.id = e.order_id \
             WHERE e.kind = 'status_changed' AND {at} AND e.old_value IN {open_json}) \
         SELECT CAST(k AS BIGINT), g, CAST(SUM(d) AS DOUBLE PRECISION) FROM x GROUP BY 1, 2",
        created = in_period("o.created_at"),
        at = in_period("e.at"),
    )
}

/// Runs the SQL of [`metric_sql`].
pub async fn cells(conn: &mut AnyConnection, sql: &str) -> Result<Vec<Cell>> {
    let rows = sqlx::query(sql).fetch_all(&mut *conn).await?;
    rows.iter().map(|r| Ok(Cell { period: r.try_get(0)?, group: r.try_get(1)?, value: r.try_get(2)? })).collect()
}

/// Names for group keys that are ids: departments, users, customer groups.
pub async fn group_labels(conn: &mut AnyConnection, group: GroupBy) -> Result<Vec<(String, String)>> {
    let sql = match group {
        GroupBy::Department => "SELECT id, name FROM departments",
        GroupBy::Assignee => "SELECT id, display_name FROM users",
        GroupBy::CustomerGroup => "SELECT id, name FROM customer_groups",
        GroupBy::StatusCategory | GroupBy::Template | GroupBy::Priority => return Ok(Vec::new()),
    };
    let rows = sqlx::query(sql).fetch_all(&mut *conn).await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}

/// Per technician over `[lo, hi)` of resolution time: (user id, completed, mean handling
/// minutes, completed under an SLA, of which met).
pub async fn technician_completions(
    conn: &mut AnyConnection,
    lo: Millis,
    hi: Millis,
) -> Result<Vec<(String, i64, Option<f64>, i64, i64)>> {
    let sql = format!(
        "SELECT o.assignee_id, CAST(COUNT(*) AS BIGINT), \
           CAST(AVG(CAST(o.resolved_at - COALESCE(o.first_response_at, o.created_at) AS DOUBLE PRECISION)) / 60000.0 AS DOUBLE PRECISION), \
           CAST(SUM(CASE WHEN s.order_id IS NULL THEN 0 ELSE 1 END) AS BIGINT), \
           CAST(SUM(CASE WHEN s.order_id IS NOT NULL AND {} THEN 1 ELSE 0 END) AS BIGINT) \
         FROM work_orders o LEFT JOIN order_sla s ON s.order_id = o.id \
         WHERE o.assignee_id IS NOT NULL AND o.resolved_at >= $1 AND o.resolved_at < $2 GROUP BY o.assignee_id",
        met("resolved_at", "resolution_due_at", "resolution_breached_at")
    );
    let rows = sqlx::query(&sql).bind(lo).bind(hi).fetch_all(&mut *conn).await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?, r.try_get(4)?))).collect()
}

/// Per technician: orders assigned to them that still need work.
pub async fn technician_loads(conn: &mut AnyConnection) -> Result<Vec<(String, i64)>> {
    let sql = format!(
        "SELECT assignee_id, CAST(COUNT(*) AS BIGINT) FROM work_orders \
         WHERE assignee_id IS NOT NULL AND status IN {} GROUP BY assignee_id",
        open_list(false)
    );
    let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}
