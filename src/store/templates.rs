//! Templates in the store: their versions (draft or published), the mappings between them,
//! and each order's choice values (`order_field_values`), rewritten with the order in the
//! caller's transaction so the list's filter by a field's value is an index lookup.

use crate::domain::form::library::FieldMapping;
use crate::domain::template::{StoredTemplate, TemplateStatus};
use crate::{Error, Result};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

const COLUMNS: &str = "key, version, status, definition, created_by, created_at";

fn template_row(row: &AnyRow) -> Result<StoredTemplate> {
    let definition: String = row.try_get("definition")?;
    Ok(StoredTemplate {
        key: row.try_get("key")?,
        version: row.try_get::<i64, _>("version")? as i32,
        status: TemplateStatus::parse(&row.try_get::<String, _>("status")?)?,
        definition: serde_json::from_str(&definition).map_err(Error::internal)?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
    })
}

/// Inserts a version, or replaces the stored row of the same key and version (a draft).
pub async fn put(conn: &mut AnyConnection, t: &StoredTemplate) -> Result<()> {
    sqlx::query(
        "INSERT INTO templates (key, version, status, definition, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key, version) DO UPDATE SET status = excluded.status, \
         definition = excluded.definition, created_by = excluded.created_by, created_at = excluded.created_at",
    )
    .bind(&t.key)
    .bind(t.version as i64)
    .bind(t.status.key())
    .bind(serde_json::to_string(&t.definition).map_err(Error::internal)?)
    .bind(&t.created_by)
    .bind(t.created_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// One version; `None` for the latest published one.
pub async fn get(conn: &mut AnyConnection, key: &str, version: Option<i32>) -> Result<Option<StoredTemplate>> {
    let row = match version {
        Some(v) => {
            let sql = format!("SELECT {COLUMNS} FROM templates WHERE key = $1 AND version = $2");
            sqlx::query(&sql).bind(key).bind(v as i64).fetch_optional(&mut *conn).await?
        }
        None => {
            let sql = format!(
                "SELECT {COLUMNS} FROM templates WHERE key = $1 AND status = 'published' ORDER BY version DESC LIMIT 1"
            );
            sqlx::query(&sql).bind(key).fetch_optional(&mut *conn).await?
        }
    };
    row.as_ref().map(template_row).transpose()
}

/// The highest version of a key, draft or published (0 when the key is new).
pub async fn last_version(conn: &mut AnyConnection, key: &str) -> Result<i32> {
    let row = sqlx::query("SELECT MAX(version) FROM templates WHERE key = $1").bind(key).fetch_one(&mut *conn).await?;
    Ok(row.try_get::<Option<i64>, _>(0)?.unwrap_or(0) as i32)
}

/// The latest published version of every key, by key.
pub async fn latest_published(conn: &mut AnyConnection) -> Result<Vec<StoredTemplate>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM templates t WHERE status = 'published' AND version = \
         (SELECT MAX(version) FROM templates l WHERE l.key = t.key AND l.status = 'published') ORDER BY key"
    );
    let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
    rows.iter().map(template_row).collect()
}

/// The keys that have a draft newer than their latest published version.
pub async fn drafts(conn: &mut AnyConnection) -> Result<Vec<StoredTemplate>> {
    let sql = format!("SELECT {COLUMNS} FROM templates WHERE status = 'draft' ORDER BY key");
    let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
    rows.iter().map(template_row).collect()
}

pub async fn put_mapping(conn: &mut AnyConnection, m: &FieldMapping, by: Option<&str>, at: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO template_mappings (from_key, to_key, mapping, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (from_key, to_key) DO UPDATE SET mapping = excluded.mapping, updated_by = excluded.updated_by, \
         updated_at = excluded.updated_at",
    )
    .bind(&m.from)
    .bind(&m.to)
    .bind(serde_json::to_string(m).map_err(Error::internal)?)
    .bind(by)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn mapping(conn: &mut AnyConnection, from: &str, to: &str) -> Result<Option<FieldMapping>> {
    let row = sqlx::query("SELECT mapping FROM template_mappings WHERE from_key = $1 AND to_key = $2")
        .bind(from)
        .bind(to)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|r| serde_json::from_str(&r.try_get::<String, _>(0)?).map_err(Error::internal)).transpose()
}

/// Replaces an order's choice values with `pairs` (field key, value).
pub async fn put_field_values(
    conn: &mut AnyConnection,
    order: (&str, i64, i64),
    template_key: &str,
    pairs: &[(String, String)],
) -> Result<()> {
    let (order_id, seq, created_at) = order;
    sqlx::query("DELETE FROM order_field_values WHERE order_id = $1").bind(order_id).execute(&mut *conn).await?;
    for (field, value) in pairs {
        sqlx::query(
            "INSERT INTO order_field_values (order_id, template_key, field_key, value, created_at, seq) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(order_id)
        .bind(template_key)
        .bind(field)
        .bind(value)
        .bind(created_at)
        .bind(seq)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The stored choice values of one order, sorted.
pub async fn field_values(conn: &mut AnyConnection, order_id: &str) -> Result<Vec<(String, String)>> {
    let rows =
        sqlx::query("SELECT field_key, value FROM order_field_values WHERE order_id = $1 ORDER BY field_key, value")
            .bind(order_id)
            .fetch_all(&mut *conn)
            .await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}
