//! Users and sign-in sessions in the store.

use super::rows::{self, USER_COLUMNS};
use crate::domain::user::User;
use crate::domain::user::SYSTEM_USER_ID;
use crate::Result;
use sqlx::{AnyConnection, Row};

pub async fn insert(conn: &mut AnyConnection, u: &User, password_hash: Option<&str>) -> Result<()> {
    sqlx::query(
        "INSERT INTO users (id, login, display_name, roles, department_id, skills, home_lat, home_lon, active, \
         password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    // sqlx `Any` binds a NULL float as float4 on PostgreSQL; a statement cached with that
    // type then refuses a float8 value. Prepared afresh, each call gets its own types.
    .persistent(false)
    .bind(&u.id)
    .bind(&u.login)
    .bind(&u.display_name)
    .bind(serde_json::to_string(&u.roles).expect("roles serialise"))
    .bind(&u.department_id)
    .bind(serde_json::to_string(&u.skills).expect("skills serialise"))
    .bind(u.home_lat)
    .bind(u.home_lon)
    .bind(u.active as i64)
    .bind(password_hash)
    .bind(u.created_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn update(conn: &mut AnyConnection, u: &User) -> Result<()> {
    sqlx::query(
        "UPDATE users SET display_name = $1, roles = $2, department_id = $3, skills = $4, home_lat = $5, \
         home_lon = $6, active = $7 WHERE id = $8",
    )
    // sqlx `Any` binds a NULL float as float4 on PostgreSQL; a statement cached with that
    // type then refuses a float8 value. Prepared afresh, each call gets its own types.
    .persistent(false)
    .bind(&u.display_name)
    .bind(serde_json::to_string(&u.roles).expect("roles serialise"))
    .bind(&u.department_id)
    .bind(serde_json::to_string(&u.skills).expect("skills serialise"))
    .bind(u.home_lat)
    .bind(u.home_lon)
    .bind(u.active as i64)
    .bind(&u.id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn set_password_hash(conn: &mut AnyConnection, user_id: &str, hash: &str) -> Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn by_login(conn: &mut AnyConnection, login: &str) -> Result<Option<(User, Option<String>)>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE login = $1");
    let row = sqlx::query(&sql).bind(login).fetch_optional(&mut *conn).await?;
    row.map(|r| Ok((rows::user(&r)?, r.try_get("password_hash")?))).transpose()
}

pub async fn by_id(conn: &mut AnyConnection, id: &str) -> Result<Option<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(&mut *conn).await?;
    row.map(|r| rows::user(&r)).transpose()
}

pub async fn all(conn: &mut AnyConnection) -> Result<Vec<User>> {
    // The built-in system user (automatic actions) is nobody to list or notify.
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id <> '{SYSTEM_USER_ID}' ORDER BY login");
    let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
    rows.iter().map(rows::user).collect()
}

/// The first admin created (`orderly init` creates "admin").
pub async fn first_admin(conn: &mut AnyConnection) -> Result<Option<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE roles LIKE '%\"admin\"%' AND active = 1 ORDER BY created_at, id LIMIT 1");
    let row = sqlx::query(&sql).fetch_optional(&mut *conn).await?;
    row.map(|r| rows::user(&r)).transpose()
}

pub async fn count_active_admins(conn: &mut AnyConnection) -> Result<i64> {
    let row = sqlx::query("SELECT COUNT(*) FROM users WHERE roles LIKE '%\"admin\"%' AND active = 1")
        .fetch_one(&mut *conn)
        .await?;
    Ok(row.try_get(0)?)
}

pub async fn insert_session(conn: &mut AnyConnection, token_hash: &str, user_id: &str, at: i64) -> Result<()> {
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at) VALUES ($1, $2, $3)")
        .bind(token_hash)
        .bind(user_id)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn session_user(conn: &mut AnyConnection, token_hash: &str) -> Result<Option<String>> {
    let row = sqlx::query("SELECT user_id FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|r| r.try_get(0).map_err(Into::into)).transpose()
}

pub async fn delete_session(conn: &mut AnyConnection, token_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(&mut *conn).await?;
    Ok(())
}
