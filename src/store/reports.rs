//! Reports in the store: one row per named report, its definition as JSON, when it is next
//! due and how its last run went. Which rows are due is decided here in SQL; what a report
//! means and who may change it is the service's.

use crate::domain::Millis;
use crate::Result;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// A stored report as written: the definition and the last error are JSON the service reads.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    pub id: String,
    pub owner_id: String,
    pub owner_name: String,
    pub name: String,
    pub definition: String,
    pub next_run_at: Option<Millis>,
    pub last_run_at: Option<Millis>,
    pub last_file: Option<String>,
    pub last_error: Option<String>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

const COLUMNS: &str = "r.id, r.owner_id, COALESCE(u.display_name, '') AS owner_name, r.name, r.definition, \
     r.next_run_at, r.last_run_at, r.last_file, r.last_error, r.created_at, r.updated_at";

fn row(r: &AnyRow) -> Result<ReportRow> {
    Ok(ReportRow {
        id: r.try_get("id")?,
        owner_id: r.try_get("owner_id")?,
        owner_name: r.try_get("owner_name")?,
        name: r.try_get("name")?,
        definition: r.try_get("definition")?,
        next_run_at: r.try_get("next_run_at")?,
        last_run_at: r.try_get("last_run_at")?,
        last_file: r.try_get("last_file")?,
        last_error: r.try_get("last_error")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

pub async fn insert(conn: &mut AnyConnection, r: &ReportRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO reports (id, owner_id, name, definition, next_run_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&r.id)
    .bind(&r.owner_id)
    .bind(&r.name)
    .bind(&r.definition)
    .bind(r.next_run_at)
    .bind(r.created_at)
    .bind(r.updated_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Rewrites the name, definition and next due time of a report.
pub async fn update(conn: &mut AnyConnection, r: &ReportRow) -> Result<()> {
    sqlx::query("UPDATE reports SET name = $1, definition = $2, next_run_at = $3, updated_at = $4 WHERE id = $5")
        .bind(&r.name)
        .bind(&r.definition)
        .bind(r.next_run_at)
        .bind(r.updated_at)
        .bind(&r.id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Takes a due report for one run by moving its next due time on, only if no other desktop
/// did so first; `false` means someone else runs it.
pub async fn claim(conn: &mut AnyConnection, id: &str, due: Millis, next_run_at: Option<Millis>) -> Result<bool> {
    let done = sqlx::query("UPDATE reports SET next_run_at = $1 WHERE id = $2 AND next_run_at = $3")
        .bind(next_run_at)
        .bind(id)
        .bind(due)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Records how a run went.
pub async fn record_run(
    conn: &mut AnyConnection,
    id: &str,
    ran_at: Millis,
    file: Option<&str>,
    error: Option<&str>,
) -> Result<()> {
    sqlx::query("UPDATE reports SET last_run_at = $1, last_file = $2, last_error = $3 WHERE id = $4")
        .bind(ran_at)
        .bind(file)
        .bind(error)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn delete(conn: &mut AnyConnection, id: &str) -> Result<()> {
    sqlx::query("DELETE FROM reports WHERE id = $1").bind(id).execute(&mut *conn).await?;
    Ok(())
}

pub async fn by_name(conn: &mut AnyConnection, name: &str) -> Result<Option<ReportRow>> {
    let sql = format!("SELECT {COLUMNS} FROM reports r LEFT JOIN users u ON u.id = r.owner_id WHERE r.name = $1");
    let found = sqlx::query(&sql).bind(name).fetch_optional(&mut *conn).await?;
    found.as_ref().map(row).transpose()
}

/// Every report, by name.
pub async fn all(conn: &mut AnyConnection) -> Result<Vec<ReportRow>> {
    let sql = format!("SELECT {COLUMNS} FROM reports r LEFT JOIN users u ON u.id = r.owner_id ORDER BY r.name, r.id");
    let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
    rows.iter().map(row).collect()
}

/// The reports due at `now`, longest overdue first.
pub async fn due(conn: &mut AnyConnection, now: Millis) -> Result<Vec<ReportRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM reports r LEFT JOIN users u ON u.id = r.owner_id \
         WHERE r.next_run_at IS NOT NULL AND r.next_run_at <= $1 ORDER BY r.next_run_at, r.id"
    );
    let rows = sqlx::query(&sql).bind(now).fetch_all(&mut *conn).await?;
    rows.iter().map(row).collect()
}
