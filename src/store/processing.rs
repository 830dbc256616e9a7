//! Links between orders, each person's marks and saved filters in the store (issue #4).
//! A pair of orders links once: the row is keyed by the pair in id order, `from_id` says which
//! end the kind reads from.

use crate::domain::processing::{LinkKind, Mark};
use crate::domain::Millis;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, Row};

/// A stored link as seen from one order.
#[derive(Debug, Clone)]
pub struct StoredLink {
    pub other_id: String,
    pub kind: LinkKind,
    /// Whether the order it was read from is the `from` end.
    pub from_here: bool,
    pub created_by: String,
    pub created_at: Millis,
}

fn pair<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if a < b {
        (a, b)
    } else {
        (b, a)
    }
}

/// The link between two orders, if any, as seen from `order_id`.
pub async fn link_between(conn: &mut AnyConnection, order_id: &str, other_id: &str) -> Result<Option<StoredLink>> {
    let (low, high) = pair(order_id, other_id);
    let row =
        sqlx::query("SELECT from_id, kind, created_by, created_at FROM order_links WHERE low_id = $1 AND high_id = $2")
            .bind(low)
            .bind(high)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let from_id: String = row.try_get(0)?;
    Ok(Some(StoredLink {
        other_id: other_id.to_string(),
        kind: LinkKind::from_key(&row.try_get::<String, _>(1)?)?,
        from_here: from_id == order_id,
        created_by: row.try_get(2)?,
        created_at: row.try_get(3)?,
    }))
}

pub async fn insert_link(
    conn: &mut AnyConnection,
    from_id: &str,
    to_id: &str,
    kind: LinkKind,
    by: &str,
    at: Millis,
) -> Result<()> {
    let (low, high) = pair(from_id, to_id);
    sqlx::query(
        "INSERT INTO order_links (low_id, high_id, from_id, kind, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(low)
    .bind(high)
    .bind(from_id)
    .bind(kind.key())
    .bind(by)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Removes the link between two orders; `false` when there was none.
pub async fn delete_link(conn: &mut AnyConnection, a: &str, b: &str) -> Result<bool> {
    let (low, high) = pair(a, b);
    let done = sqlx::query("DELETE FROM order_links WHERE low_id = $1 AND high_id = $2")
        .bind(low)
        .bind(high)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Every link of an order, oldest first, as seen from it.
pub async fn links_of(conn: &mut AnyConnection, order_id: &str) -> Result<Vec<StoredLink>> {
    let rows = sqlx::query(
        "SELECT low_id, high_id, from_id, kind, created_by, created_at FROM order_links \
         WHERE low_id = $1 OR high_id = $1 ORDER BY created_at, low_id, high_id",
    )
    .bind(order_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let (low, high, from): (String, String, String) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
            Ok(StoredLink {
                other_id: if low == order_id { high } else { low },
                kind: LinkKind::from_key(&row.try_get::<String, _>(3)?)?,
                from_here: from == order_id,
                created_by: row.try_get(4)?,
                created_at: row.try_get(5)?,
            })
        })
        .collect()
}

/// Removes a collaborator; `false` when they were none.
pub async fn remove_collaborator(conn: &mut AnyConnection, order_id: &str, user_id: &str) -> Result<bool> {
    let done = sqlx::query("DELETE FROM order_collaborators WHERE order_id = $1 AND user_id = $2")
        .bind(order_id)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Sets or clears a person's mark on an order (idempotent).
pub async fn set_mark(
    conn: &mut AnyConnection,
    user_id: &str,
    order_id: &str,
    mark: Mark,
    on: bool,
    at: Millis,
) -> Result<()> {
    if on {
        sqlx::query(
            "INSERT INTO order_marks (user_id, mark, order_id, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id, mark, order_id) DO NOTHING",
        )
        .bind(user_id)
        .bind(mark.key())
        .bind(order_id)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    } else {
        sqlx::query("DELETE FROM order_marks WHERE user_id = $1 AND mark = $2 AND order_id = $3")
            .bind(user_id)
            .bind(mark.key())
            .bind(order_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The marks a person set on an order.
pub async fn marks(conn: &mut AnyConnection, user_id: &str, order_id: &str) -> Result<Vec<String>> {
    let rows = sqlx::query("SELECT mark FROM order_marks WHERE user_id = $1 AND order_id = $2 ORDER BY mark")
        .bind(user_id)
        .bind(order_id)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(|r| r.try_get(0).map_err(Into::into)).collect()
}

/// The marks a person set on any of `order_ids`, as (order id, mark) pairs.
pub async fn marks_among(
    conn: &mut AnyConnection,
    user_id: &str,
    order_ids: &[String],
) -> Result<Vec<(String, String)>> {
    if order_ids.is_empty() {
        return Ok(Vec::new());
    }
    let slots: Vec<String> = (0..order_ids.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "SELECT order_id, mark FROM order_marks WHERE user_id = $1 AND order_id IN ({}) ORDER BY order_id, mark",
        slots.join(", ")
    );
    let mut query = sqlx::query(&sql).bind(user_id);
    for id in order_ids {
        query = query.bind(id);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}

/// A person's saved list filter: the filter JSON without paging.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SavedFilter {
    pub id: String,
    pub name: String,
    pub filter: crate::domain::order::OrderFilter,
    pub created_at: Millis,
}

pub async fn saved_filters(conn: &mut AnyConnection, user_id: &str) -> Result<Vec<SavedFilter>> {
    let rows = sqlx::query("SELECT id, name, filter, created_at FROM saved_filters WHERE user_id = $1 ORDER BY name")
        .bind(user_id)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|row| {
            let text: String = row.try_get(2)?;
            Ok(SavedFilter {
                id: row.try_get(0)?,
                name: row.try_get(1)?,
                filter: serde_json::from_str(&text).map_err(Error::internal)?,
                created_at: row.try_get(3)?,
            })
        })
        .collect()
}

pub async fn insert_saved_filter(conn: &mut AnyConnection, user_id: &str, f: &SavedFilter) -> Result<()> {
    let text = serde_json::to_string(&f.filter).map_err(Error::internal)?;
    sqlx::query("INSERT INTO saved_filters (id, user_id, name, filter, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&f.id)
        .bind(user_id)
        .bind(&f.name)
        .bind(text)
        .bind(f.created_at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Deletes a person's filter by id or name; `false` when they have none such.
pub async fn delete_saved_filter(conn: &mut AnyConnection, user_id: &str, id_or_name: &str) -> Result<bool> {
    let done = sqlx::query("DELETE FROM saved_filters WHERE user_id = $1 AND (id = $2 OR name = $2)")
        .bind(user_id)
        .bind(id_or_name)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}
