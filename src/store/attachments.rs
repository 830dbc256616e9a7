//! Stored files in the store (issue #3): one row per distinct content (its SHA-256, size, type
//! and the name it was first uploaded with), and which orders name which files — rewritten
//! with the order in the caller's transaction, so who may read a file is an index lookup.

use crate::domain::attachment::AttachmentRef;
use crate::Result;
use sqlx::{AnyConnection, Row};

/// Records a stored file; the same content stored again keeps its first row.
pub async fn put(conn: &mut AnyConnection, file: &AttachmentRef, by: &str, at: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO attachments (sha256, size, mime, name, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(&file.sha256)
    .bind(i64::from(file.size))
    .bind(&file.mime)
    .bind(&file.name)
    .bind(by)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Who first stored the file, when it is stored.
pub async fn uploader(conn: &mut AnyConnection, sha256: &str) -> Result<Option<String>> {
    let row = sqlx::query("SELECT created_by FROM attachments WHERE sha256 = $1")
        .bind(sha256)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|r| r.try_get(0).map_err(Into::into)).transpose()
}

/// The ids of the orders that name the file.
pub async fn orders_naming(conn: &mut AnyConnection, sha256: &str) -> Result<Vec<String>> {
    let rows = sqlx::query("SELECT order_id FROM order_attachments WHERE sha256 = $1 ORDER BY order_id")
        .bind(sha256)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(|r| r.try_get(0).map_err(Into::into)).collect()
}

/// Records the files an order names, replacing those it named before unless `new_order`
/// (a new order names none yet, so its insert costs nothing when it has no files).
pub async fn put_order_files(conn: &mut AnyConnection, order_id: &str, shas: &[&str], new_order: bool) -> Result<()> {
    if !new_order {
        sqlx::query("DELETE FROM order_attachments WHERE order_id = $1").bind(order_id).execute(&mut *conn).await?;
    }
    for sha in shas {
        sqlx::query("INSERT INTO order_attachments (order_id, sha256) VALUES ($1, $2)")
            .bind(order_id)
            .bind(*sha)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
