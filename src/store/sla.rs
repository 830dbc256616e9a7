//! SLA rows in the store: business calendars, policies, each order's clock state and the
//! scheduler's index of orders whose next check has come.

use crate::domain::sla::{OrderSlaState, StoredCalendar, StoredPolicy};
use crate::{Error, Result};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

fn json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(Error::internal)
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(Error::internal)
}

pub async fn put_calendar(conn: &mut AnyConnection, c: &StoredCalendar, at: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO business_calendars (id, name, definition, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, definition = excluded.definition, \
         updated_at = excluded.updated_at",
    )
    .bind(&c.id)
    .bind(&c.name)
    .bind(to_json(&c.calendar)?)
    .bind(at)
    .execute(&mut *conn)
    .await
    .map_err(|e| duplicate_as(e, "sla.calendar_name_taken", "name", &c.name))?;
    Ok(())
}

fn calendar_row(row: &AnyRow) -> Result<StoredCalendar> {
    Ok(StoredCalendar {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        calendar: json(&row.try_get::<String, _>("definition")?)?,
    })
}

pub async fn calendars(conn: &mut AnyConnection) -> Result<Vec<StoredCalendar>> {
    let rows =
        sqlx::query("SELECT id, name, definition FROM business_calendars ORDER BY name").fetch_all(&mut *conn).await?;
    rows.iter().map(calendar_row).collect()
}

/// A calendar by id or by name.
pub async fn calendar(conn: &mut AnyConnection, id_or_name: &str) -> Result<Option<StoredCalendar>> {
    let row = sqlx::query("SELECT id, name, definition FROM business_calendars WHERE id = $1 OR name = $1")
        .bind(id_or_name)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(calendar_row).transpose()
}

pub async fn put_policy(conn: &mut AnyConnection, p: &StoredPolicy, at: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO sla_policies (id, name, scope, customer_group_id, catalog_item_id, calendar_id, definition, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, scope = excluded.scope, \
         customer_group_id = excluded.customer_group_id, catalog_item_id = excluded.catalog_item_id, \
         calendar_id = excluded.calendar_id, definition = excluded.definition, updated_at = excluded.updated_at",
    )
    .bind(&p.id)
    .bind(&p.name)
    .bind(p.scope())
    .bind(&p.customer_group_id)
    .bind(&p.catalog_item_id)
    .bind(&p.calendar_id)
    .bind(to_json(&p.rules)?)
    .bind(at)
    .execute(&mut *conn)
    .await
    .map_err(|e| duplicate_as(e, "sla.policy_scope_taken", "customer_group_id", p.scope()))?;
    Ok(())
}

fn duplicate_as(e: sqlx::Error, key: &str, field: &str, value: impl ToString) -> Error {
    match Error::from(e) {
        err if err.key == "store.duplicate" => Error::conflict(key).on_field(field).with("value", value),
        err => err,
    }
}

const POLICY_COLUMNS: &str = "id, name, customer_group_id, catalog_item_id, calendar_id, definition";

fn policy_row(row: &AnyRow) -> Result<StoredPolicy> {
    Ok(StoredPolicy {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        customer_group_id: row.try_get("customer_group_id")?,
        catalog_item_id: row.try_get("catalog_item_id")?,
        calendar_id: row.try_get("calendar_id")?,
        rules: json(&row.try_get::<String, _>("definition")?)?,
    })
}

pub async fn policies(conn: &mut AnyConnection) -> Result<Vec<StoredPolicy>> {
    let sql = format!("SELECT {POLICY_COLUMNS} FROM sla_policies ORDER BY scope");
    let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
    rows.iter().map(policy_row).collect()
}

pub async fn policy(conn: &mut AnyConnection, id_or_name: &str) -> Result<Option<StoredPolicy>> {
    let sql = format!("SELECT {POLICY_COLUMNS} FROM sla_policies WHERE id = $1 OR name = $1");
    let row = sqlx::query(&sql).bind(id_or_name).fetch_optional(&mut *conn).await?;
    row.as_ref().map(policy_row).transpose()
}

/// The policy for a (customer group, catalog item) pair: the exact pair, else the group's,
/// else the catalog item's, else the default (`*|*`).
pub async fn policy_for(
    conn: &mut AnyConnection,
    group_id: Option<&str>,
    catalog_item_id: Option<&str>,
) -> Result<Option<StoredPolicy>> {
    let g = group_id.unwrap_or("*");
    let c = catalog_item_id.unwrap_or("*");
    let scopes = [format!("{g}|{c}"), format!("{g}|*"), format!("*|{c}"), "*|*".to_string()];
    let sql = format!("SELECT {POLICY_COLUMNS}, scope FROM sla_policies WHERE scope IN ($1, $2, $3, $4)");
    let rows = sqlx::query(&sql)
        .bind(&scopes[0])
        .bind(&scopes[1])
        .bind(&scopes[2])
        .bind(&scopes[3])
        .fetch_all(&mut *conn)
        .await?;
    let rank = |row: &AnyRow| {
        let scope: String = row.try_get("scope").unwrap_or_default();
        scopes.iter().position(|s| *s == scope).unwrap_or(usize::MAX)
    };
    rows.iter().min_by_key(|r| rank(r)).map(policy_row).transpose()
}

/// The customer group of an order's customer, if any.
pub async fn customer_group(conn: &mut AnyConnection, customer_id: &str) -> Result<Option<String>> {
    let row = sqlx::query("SELECT group_id FROM customers WHERE id = $1")
        .bind(customer_id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(|r| r.try_get::<Option<String>, _>(0)).transpose()?.flatten())
}

const STATE_COLUMNS: &str = "order_id, policy_id, next_check_at, response_warned_at, resolution_warned_at, \
    response_breached_at, resolution_breached_at, alerts_sent, last_alert_at, suspended_at";

fn state_row(row: &AnyRow) -> Result<OrderSlaState> {
    Ok(OrderSlaState {
        order_id: row.try_get("order_id")?,
        policy_id: row.try_get("policy_id")?,
        next_check_at: row.try_get("next_check_at")?,
        response_warned_at: row.try_get("response_warned_at")?,
        resolution_warned_at: row.try_get("resolution_warned_at")?,
        response_breached_at: row.try_get("response_breached_at")?,
        resolution_breached_at: row.try_get("resolution_breached_at")?,
        alerts_sent: row.try_get("alerts_sent")?,
        last_alert_at: row.try_get("last_alert_at")?,
        suspended_at: row.try_get("suspended_at")?,
    })
}

pub async fn state(conn: &mut AnyConnection, order_id: &str) -> Result<Option<OrderSlaState>> {
    let sql = format!("SELECT {STATE_COLUMNS} FROM order_sla WHERE order_id = $1");
    let row = sqlx::query(&sql).bind(order_id).fetch_optional(&mut *conn).await?;
    row.as_ref().map(state_row).transpose()
}

pub async fn put_state(conn: &mut AnyConnection, s: &OrderSlaState) -> Result<()> {
    sqlx::query(
        "INSERT INTO order_sla (order_id, policy_id, next_check_at, response_warned_at, resolution_warned_at, \
         response_breached_at, resolution_breached_at, alerts_sent, last_alert_at, suspended_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (order_id) DO UPDATE SET \
         policy_id = excluded.policy_id, next_check_at = excluded.next_check_at, \
         response_warned_at = excluded.response_warned_at, resolution_warned_at = excluded.resolution_warned_at, \
         response_breached_at = excluded.response_breached_at, \
         resolution_breached_at = excluded.resolution_breached_at, alerts_sent = excluded.alerts_sent, \
         last_alert_at = excluded.last_alert_at, suspended_at = excluded.suspended_at",
    )
    .bind(&s.order_id)
    .bind(&s.policy_id)
    .bind(s.next_check_at)
    .bind(s.response_warned_at)
    .bind(s.resolution_warned_at)
    .bind(s.response_breached_at)
    .bind(s.resolution_breached_at)
    .bind(s.alerts_sent)
    .bind(s.last_alert_at)
    .bind(s.suspended_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The orders whose next check is at or before `now`, earliest first — read through the
/// partial index on `next_check_at`, never a scan of the open orders.
pub async fn due_for_check(conn: &mut AnyConnection, now: i64, limit: i64) -> Result<Vec<String>> {
    let rows = sqlx::query(
        "SELECT order_id FROM order_sla WHERE next_check_at IS NOT NULL AND next_check_at <= $1 \
         ORDER BY next_check_at LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| r.try_get(0).map_err(Into::into)).collect()
}

pub async fn get_setting(conn: &mut AnyConnection, key: &str) -> Result<Option<String>> {
    let row = sqlx::query("SELECT value FROM settings WHERE key = $1").bind(key).fetch_optional(&mut *conn).await?;
    Ok(row.map(|r| r.try_get(0)).transpose()?)
}

pub async fn put_setting(conn: &mut AnyConnection, key: &str, value: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
