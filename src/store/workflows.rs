//! Workflows, triggers, time rules and review requests in the store (issue #4). Definitions are
//! JSON the service has checked; rows here only keep them, their order and their versions.
//! Review requests are one row per transfer asked for, decided once.

use crate::domain::time_rule::TimeRule;
use crate::domain::trigger::Trigger;
use crate::domain::workflow::WorkflowDef;
use crate::domain::Millis;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// A stored workflow: its definition and how many times it was imported.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StoredWorkflow {
    pub version: i64,
    pub definition: WorkflowDef,
    pub updated_at: Millis,
}

fn workflow_row(row: &AnyRow) -> Result<StoredWorkflow> {
    let text: String = row.try_get("definition")?;
    Ok(StoredWorkflow {
        version: row.try_get("version")?,
        definition: serde_json::from_str(&text).map_err(Error::internal)?,
        updated_at: row.try_get("updated_at")?,
    })
}

pub async fn workflow(conn: &mut AnyConnection, key: &str) -> Result<Option<StoredWorkflow>> {
    let row = sqlx::query("SELECT version, definition, updated_at FROM workflows WHERE key = $1")
        .bind(key)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(workflow_row).transpose()
}

pub async fn workflows(conn: &mut AnyConnection) -> Result<Vec<StoredWorkflow>> {
    let rows =
        sqlx::query("SELECT version, definition, updated_at FROM workflows ORDER BY key").fetch_all(&mut *conn).await?;
    rows.iter().map(workflow_row).collect()
}

/// Stores a definition as the key's next version; returns that version.
pub async fn put_workflow(conn: &mut AnyConnection, def: &WorkflowDef, by: Option<&str>, now: Millis) -> Result<i64> {
    let version = workflow(conn, &def.key).await?.map_or(1, |w| w.version + 1);
    let text = serde_json::to_string(def).map_err(Error::internal)?;
    sqlx::query(
        "INSERT INTO workflows (key, version, definition, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (key) DO UPDATE SET version = excluded.version, definition = excluded.definition, \
         updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(&def.key)
    .bind(version)
    .bind(text)
    .bind(by)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(version)
}

/// The workflow key a template uses, if it names one.
pub async fn template_workflow(conn: &mut AnyConnection, template_key: &str) -> Result<Option<String>> {
    let row = sqlx::query("SELECT workflow_key FROM template_workflows WHERE template_key = $1")
        .bind(template_key)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(|r| r.try_get::<String, _>(0)).transpose()?)
}

/// (template key, workflow key) for every template that names one.
pub async fn template_workflows(conn: &mut AnyConnection) -> Result<Vec<(String, String)>> {
    let rows = sqlx::query("SELECT template_key, workflow_key FROM template_workflows ORDER BY template_key")
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(|r| -> Result<(String, String)> { Ok((r.try_get(0)?, r.try_get(1)?)) }).collect()
}

pub async fn set_template_workflow(
    conn: &mut AnyConnection,
    template_key: &str,
    workflow_key: &str,
    now: Millis,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO template_workflows (template_key, workflow_key, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (template_key) DO UPDATE SET workflow_key = excluded.workflow_key, updated_at = excluded.updated_at",
    )
    .bind(template_key)
    .bind(workflow_key)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Every trigger in run order.
pub async fn triggers(conn: &mut AnyConnection) -> Result<Vec<Trigger>> {
    let rows = sqlx::query("SELECT definition FROM triggers ORDER BY position, key").fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| -> Result<_> { serde_json::from_str(&r.try_get::<String, _>(0)?).map_err(Error::internal) })
        .collect()
}

/// Replaces every trigger, keeping the given order.
pub async fn replace_triggers(conn: &mut AnyConnection, triggers: &[Trigger], by: &str, now: Millis) -> Result<()> {
    sqlx::query("DELETE FROM triggers").execute(&mut *conn).await?;
    for (i, t) in triggers.iter().enumerate() {
        sqlx::query(
            "INSERT INTO triggers (key, position, active, definition, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&t.key)
        .bind(i as i64)
        .bind(t.active as i64)
        .bind(serde_json::to_string(t).map_err(Error::internal)?)
        .bind(by)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn time_rules(conn: &mut AnyConnection) -> Result<Vec<TimeRule>> {
    let rows = sqlx::query("SELECT definition FROM time_rules ORDER BY position, key").fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| -> Result<_> { serde_json::from_str(&r.try_get::<String, _>(0)?).map_err(Error::internal) })
        .collect()
}

pub async fn replace_time_rules(conn: &mut AnyConnection, rules: &[TimeRule], now: Millis) -> Result<()> {
    sqlx::query("DELETE FROM time_rules").execute(&mut *conn).await?;
    for (i, r) in rules.iter().enumerate() {
        sqlx::query("INSERT INTO time_rules (key, position, definition, updated_at) VALUES ($1, $2, $3, $4)")
            .bind(&r.key)
            .bind(i as i64)
            .bind(serde_json::to_string(r).map_err(Error::internal)?)
            .bind(now)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Orders in `status` that entered it at or before `entered_by`, with when they entered it
/// (their last status change, else their creation), oldest first, at most `limit`.
pub async fn staying_since(
    conn: &mut AnyConnection,
    status: &str,
    entered_by: Millis,
    limit: i64,
) -> Result<Vec<(String, Millis)>> {
    let rows = sqlx::query(
        "SELECT id, since FROM (SELECT o.id AS id, COALESCE((SELECT MAX(e.at) FROM order_events e \
         WHERE e.order_id = o.id AND e.kind = 'status_changed'), o.created_at) AS since \
         FROM work_orders o WHERE o.status = $1) s WHERE since <= $2 ORDER BY since, id LIMIT $3",
    )
    .bind(status)
    .bind(entered_by)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| -> Result<(String, Millis)> { Ok((r.try_get("id")?, r.try_get("since")?)) }).collect()
}

/// Records a rule's run for one stay; `false` when it already ran in that stay.
pub async fn claim_time_rule_run(
    conn: &mut AnyConnection,
    order_id: &str,
    rule: &str,
    since: Millis,
    now: Millis,
) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO time_rule_runs (order_id, rule_key, since, ran_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (order_id, rule_key, since) DO NOTHING",
    )
    .bind(order_id)
    .bind(rule)
    .bind(since)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A request to move an order to another department, and its review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReviewRequest {
    pub id: String,
    pub order_id: String,
    pub requested_by: String,
    pub from_department_id: Option<String>,
    pub to_department_id: String,
    pub target_template_key: Option<String>,
    /// The status the order goes back to when the request is rejected.
    pub from_status: String,
    pub reason: String,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
    pub reviewer_id: Option<String>,
    pub comment: Option<String>,
    pub requested_at: Millis,
    pub decided_at: Option<Millis>,
}

const REVIEW_COLUMNS: &str = "id, order_id, requested_by, from_department_id, to_department_id, target_template_key, \
     from_status, reason, status, reviewer_id, comment, requested_at, decided_at";

fn review_row(r: &AnyRow) -> Result<ReviewRequest> {
    Ok(ReviewRequest {
        id: r.try_get("id")?,
        order_id: r.try_get("order_id")?,
        requested_by: r.try_get("requested_by")?,
        from_department_id: r.try_get("from_department_id")?,
        to_department_id: r.try_get("to_department_id")?,
        target_template_key: r.try_get("target_template_key")?,
        from_status: r.try_get("from_status")?,
        reason: r.try_get("reason")?,
        status: r.try_get("status")?,
        reviewer_id: r.try_get("reviewer_id")?,
        comment: r.try_get("comment")?,
        requested_at: r.try_get("requested_at")?,
        decided_at: r.try_get("decided_at")?,
    })
}

pub async fn insert_review(conn: &mut AnyConnection, r: &ReviewRequest) -> Result<()> {
    sqlx::query(
        "INSERT INTO review_requests (id, order_id, requested_by, from_department_id, to_department_id, \
         target_template_key, from_status, reason, status, requested_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&r.id)
    .bind(&r.order_id)
    .bind(&r.requested_by)
    .bind(&r.from_department_id)
    .bind(&r.to_department_id)
    .bind(&r.target_template_key)
    .bind(&r.from_status)
    .bind(&r.reason)
    .bind(&r.status)
    .bind(r.requested_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The order's pending request, if any.
pub async fn pending_review(conn: &mut AnyConnection, order_id: &str) -> Result<Option<ReviewRequest>> {
    let sql = format!("SELECT {REVIEW_COLUMNS} FROM review_requests WHERE order_id = $1 AND status = 'pending'");
    let row = sqlx::query(&sql).bind(order_id).fetch_optional(&mut *conn).await?;
    row.as_ref().map(review_row).transpose()
}

/// Every request of an order, oldest first.
pub async fn reviews(conn: &mut AnyConnection, order_id: &str) -> Result<Vec<ReviewRequest>> {
    let sql = format!("SELECT {REVIEW_COLUMNS} FROM review_requests WHERE order_id = $1 ORDER BY requested_at, id");
    let rows = sqlx::query(&sql).bind(order_id).fetch_all(&mut *conn).await?;
    rows.iter().map(review_row).collect()
}

/// Decides a pending request; `false` when it was no longer pending.
pub async fn decide_review(conn: &mut AnyConnection, r: &ReviewRequest) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE review_requests SET status = $1, reviewer_id = $2, comment = $3, decided_at = $4 \
         WHERE id = $5 AND status = 'pending'",
    )
    .bind(&r.status)
    .bind(&r.reviewer_id)
    .bind(&r.comment)
    .bind(r.decided_at)
    .bind(&r.id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Adds a collaborator; `false` when they already were one.
pub async fn add_collaborator(conn: &mut AnyConnection, order_id: &str, user_id: &str) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO order_collaborators (order_id, user_id) VALUES ($1, $2) ON CONFLICT (order_id, user_id) DO NOTHING",
    )
    .bind(order_id)
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
