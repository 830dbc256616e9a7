//! The in-app inbox in the store: every notification is kept, read or not, and marked once a
//! desktop has shown it natively.

use crate::domain::notify::{Notification, NotificationPrefs};
use crate::{Error, Result};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

pub async fn insert(conn: &mut AnyConnection, n: &Notification) -> Result<()> {
    sqlx::query(
        "INSERT INTO notifications (id, user_id, order_id, kind, params, created_at, read_at, delivered_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&n.id)
    .bind(&n.user_id)
    .bind(&n.order_id)
    .bind(&n.kind)
    .bind(n.params.to_string())
    .bind(n.created_at)
    .bind(n.read_at)
    .bind(n.delivered_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

const COLUMNS: &str =
    "n.id, n.user_id, n.order_id, o.number, n.kind, n.params, n.created_at, n.read_at, n.delivered_at";

fn row(r: &AnyRow) -> Result<Notification> {
    Ok(Notification {
        id: r.try_get("id")?,
        user_id: r.try_get("user_id")?,
        order_id: r.try_get("order_id")?,
        order_number: r.try_get("number")?,
        kind: r.try_get("kind")?,
        params: serde_json::from_str(&r.try_get::<String, _>("params")?).map_err(Error::internal)?,
        created_at: r.try_get("created_at")?,
        read_at: r.try_get("read_at")?,
        delivered_at: r.try_get("delivered_at")?,
    })
}

/// The newest notifications of a user, unread ones only when asked.
pub async fn inbox(
    conn: &mut AnyConnection,
    user_id: &str,
    unread_only: bool,
    limit: i64,
) -> Result<Vec<Notification>> {
    let unread = if unread_only { " AND n.read_at IS NULL" } else { "" };
    let sql = format!(
        "SELECT {COLUMNS} FROM notifications n LEFT JOIN work_orders o ON o.id = n.order_id \
         WHERE n.user_id = $1{unread} ORDER BY n.created_at DESC, n.id DESC LIMIT $2"
    );
    let rows = sqlx::query(&sql).bind(user_id).bind(limit).fetch_all(&mut *conn).await?;
    rows.iter().map(row).collect()
}

pub async fn unread_count(conn: &mut AnyConnection, user_id: &str) -> Result<i64> {
    let r = sqlx::query("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
        .bind(user_id)
        .fetch_one(&mut *conn)
        .await?;
    Ok(r.try_get(0)?)
}

/// Marks the named notifications of `user_id` read (all unread ones when `ids` is empty).
pub async fn mark_read(conn: &mut AnyConnection, user_id: &str, ids: &[String], at: i64) -> Result<u64> {
    if ids.is_empty() {
        let done = sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
            .bind(at)
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
        return Ok(done.rows_affected());
    }
    let mut total = 0;
    for id in ids {
        let done =
            sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND id = $3 AND read_at IS NULL")
                .bind(at)
                .bind(user_id)
                .bind(id)
                .execute(&mut *conn)
                .await?;
        total += done.rows_affected();
    }
    Ok(total)
}

/// The user's notifications no desktop has shown yet, oldest first, marked shown as they are
/// taken (so two desktops of one user never both pop the same one up).
pub async fn take_undelivered(conn: &mut AnyConnection, user_id: &str, at: i64) -> Result<Vec<Notification>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM notifications n LEFT JOIN work_orders o ON o.id = n.order_id \
         WHERE n.user_id = $1 AND n.delivered_at IS NULL AND n.read_at IS NULL ORDER BY n.created_at LIMIT 50"
    );
    let rows = sqlx::query(&sql).bind(user_id).fetch_all(&mut *conn).await?;
    let taken: Vec<Notification> = rows.iter().map(row).collect::<Result<_>>()?;
    for n in &taken {
        sqlx::query("UPDATE notifications SET delivered_at = $1 WHERE id = $2")
            .bind(at)
            .bind(&n.id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(taken)
}

pub async fn prefs(conn: &mut AnyConnection, user_id: &str) -> Result<NotificationPrefs> {
    let row = sqlx::query("SELECT definition FROM notification_prefs WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(r) => serde_json::from_str(&r.try_get::<String, _>(0)?).map_err(Error::internal),
        None => Ok(NotificationPrefs::default()),
    }
}

pub async fn put_prefs(conn: &mut AnyConnection, user_id: &str, prefs: &NotificationPrefs) -> Result<()> {
    sqlx::query(
        "INSERT INTO notification_prefs (user_id, definition) VALUES ($1, $2) \
         ON CONFLICT (user_id) DO UPDATE SET definition = excluded.definition",
    )
    .bind(user_id)
    .bind(serde_json::to_string(prefs).map_err(Error::internal)?)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
