//! Dashboards in the store: one row per saved dashboard, its tiles as a JSON definition, the
//! owner and whether others may see it. Which rows a user sees is decided here in SQL (their
//! own and the shared ones); what they may change is the service's.

use crate::domain::Millis;
use crate::Result;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// A stored dashboard as written: the definition is the tiles' JSON, parsed by the service.
#[derive(Debug, Clone, PartialEq)]
pub struct DashboardRow {
    pub id: String,
    pub owner_id: String,
    pub owner_name: String,
    pub name: String,
    pub definition: String,
    pub shared: bool,
    pub created_at: Millis,
    pub updated_at: Millis,
}

const COLUMNS: &str = "d.id, d.owner_id, COALESCE(u.display_name, '') AS owner_name, d.name, d.definition, \
     d.shared, d.created_at, d.updated_at";

fn row(r: &AnyRow) -> Result<DashboardRow> {
    Ok(DashboardRow {
        id: r.try_get("id")?,
        owner_id: r.try_get("owner_id")?,
        owner_name: r.try_get("owner_name")?,
        name: r.try_get("name")?,
        definition: r.try_get("definition")?,
        shared: r.try_get::<i64, _>("shared")? != 0,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

pub async fn insert(conn: &mut AnyConnection, d: &DashboardRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO dashboards (id, owner_id, name, definition, shared, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&d.id)
    .bind(&d.owner_id)
    .bind(&d.name)
    .bind(&d.definition)
    .bind(i64::from(d.shared))
    .bind(d.created_at)
    .bind(d.updated_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Rewrites name, definition and sharing of a dashboard.
pub async fn update(conn: &mut AnyConnection, d: &DashboardRow) -> Result<()> {
    sqlx::query("UPDATE dashboards SET name = $1, definition = $2, shared = $3, updated_at = $4 WHERE id = $5")
        .bind(&d.name)
        .bind(&d.definition)
        .bind(i64::from(d.shared))
        .bind(d.updated_at)
        .bind(&d.id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn delete(conn: &mut AnyConnection, id: &str) -> Result<()> {
    sqlx::query("DELETE FROM dashboards WHERE id = $1").bind(id).execute(&mut *conn).await?;
    Ok(())
}

pub async fn by_id(conn: &mut AnyConnection, id: &str) -> Result<Option<DashboardRow>> {
    let sql = format!("SELECT {COLUMNS} FROM dashboards d LEFT JOIN users u ON u.id = d.owner_id WHERE d.id = $1");
    let found = sqlx::query(&sql).bind(id).fetch_optional(&mut *conn).await?;
    found.as_ref().map(row).transpose()
}

/// The user's own dashboards and those others share, the user's first, then by name.
pub async fn visible_to(conn: &mut AnyConnection, user_id: &str) -> Result<Vec<DashboardRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM dashboards d LEFT JOIN users u ON u.id = d.owner_id \
         WHERE d.owner_id = $1 OR d.shared <> 0 \
         ORDER BY CASE WHEN d.owner_id = $2 THEN 0 ELSE 1 END, d.name, d.id"
    );
    let rows = sqlx::query(&sql).bind(user_id).bind(user_id).fetch_all(&mut *conn).await?;
    rows.iter().map(row).collect()
}
