//! Dispatch rows: technicians' profiles, each order's dispatch facts and schedule, bookings of
//! a technician, the pool, and the atomic grab (exactly one winner on both engines).

use crate::domain::dispatch::{Booking, DispatchInfo, TechStatus, TechnicianProfile};
use crate::Result;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

fn profile_row(r: &AnyRow) -> Result<TechnicianProfile> {
    Ok(TechnicianProfile {
        user_id: r.try_get("user_id")?,
        status: TechStatus::parse(&r.try_get::<String, _>("status")?)?,
        capacity_hours: r.try_get("capacity_hours")?,
        calendar_id: r.try_get("calendar_id")?,
        last_lat: r.try_get("last_lat")?,
        last_lon: r.try_get("last_lon")?,
        grab_limit: r.try_get("grab_limit")?,
    })
}

const PROFILE_COLUMNS: &str = "user_id, status, capacity_hours, calendar_id, last_lat, last_lon, grab_limit";

pub async fn profiles(conn: &mut AnyConnection) -> Result<Vec<TechnicianProfile>> {
    let sql = format!("SELECT {PROFILE_COLUMNS} FROM technician_profiles");
    let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
    rows.iter().map(profile_row).collect()
}

pub async fn profile(conn: &mut AnyConnection, user_id: &str) -> Result<Option<TechnicianProfile>> {
    let sql = format!("SELECT {PROFILE_COLUMNS} FROM technician_profiles WHERE user_id = $1");
    let row = sqlx::query(&sql).bind(user_id).fetch_optional(&mut *conn).await?;
    row.as_ref().map(profile_row).transpose()
}

pub async fn put_profile(conn: &mut AnyConnection, p: &TechnicianProfile, at: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO technician_profiles (user_id, status, capacity_hours, calendar_id, last_lat, last_lon, \
         located_at, grab_limit) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (user_id) DO UPDATE SET \
         status = excluded.status, capacity_hours = excluded.capacity_hours, calendar_id = excluded.calendar_id, \
         last_lat = excluded.last_lat, last_lon = excluded.last_lon, located_at = excluded.located_at, \
         grab_limit = excluded.grab_limit",
    )
    // sqlx `Any` binds a NULL float as float4 on PostgreSQL; a statement cached with that
    // type then refuses a float8 value. Prepared afresh, each call gets its own types.
    .persistent(false)
    .bind(&p.user_id)
    .bind(p.status.key())
    .bind(p.capacity_hours)
    .bind(&p.calendar_id)
    .bind(p.last_lat)
    .bind(p.last_lon)
    .bind(at)
    .bind(p.grab_limit)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

const INFO_COLUMNS: &str = "required_skill, required_level, duration_minutes, scheduled_start, scheduled_end, \
    pooled_at, grabbed_by";

fn info_row(r: &AnyRow) -> Result<DispatchInfo> {
    Ok(DispatchInfo {
        required_skill: r.try_get("required_skill")?,
        required_level: r.try_get("required_level")?,
        duration_minutes: r.try_get("duration_minutes")?,
        scheduled_start: r.try_get("scheduled_start")?,
        scheduled_end: r.try_get("scheduled_end")?,
        pooled_at: r.try_get("pooled_at")?,
        grabbed_by: r.try_get("grabbed_by")?,
    })
}

/// An order's dispatch facts (the defaults when none were recorded).
pub async fn info(conn: &mut AnyConnection, order_id: &str) -> Result<DispatchInfo> {
    let sql = format!("SELECT {INFO_COLUMNS} FROM order_dispatch WHERE order_id = $1");
    let row = sqlx::query(&sql).bind(order_id).fetch_optional(&mut *conn).await?;
    Ok(row.as_ref().map(info_row).transpose()?.unwrap_or_default())
}

/// Every order's dispatch facts, keyed by order id.
pub async fn infos(conn: &mut AnyConnection, order_ids: &[String]) -> Result<Vec<(String, DispatchInfo)>> {
    let mut out = Vec::with_capacity(order_ids.len());
    for id in order_ids {
        out.push((id.clone(), info(conn, id).await?));
    }
    Ok(out)
}

pub async fn put_info(conn: &mut AnyConnection, order_id: &str, i: &DispatchInfo) -> Result<()> {
    sqlx::query(
        "INSERT INTO order_dispatch (order_id, required_skill, required_level, duration_minutes, scheduled_start, \
         scheduled_end, pooled_at, grabbed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (order_id) DO UPDATE \
         SET required_skill = excluded.required_skill, required_level = excluded.required_level, \
         duration_minutes = excluded.duration_minutes, scheduled_start = excluded.scheduled_start, \
         scheduled_end = excluded.scheduled_end, pooled_at = excluded.pooled_at, grabbed_by = excluded.grabbed_by",
    )
    .bind(order_id)
    .bind(&i.required_skill)
    .bind(i.required_level)
    .bind(i.duration_minutes)
    .bind(i.scheduled_start)
    .bind(i.scheduled_end)
    .bind(i.pooled_at)
    .bind(&i.grabbed_by)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The technician's booked visits overlapping `[from, to)`, other than `except_order`.
pub async fn bookings(
    conn: &mut AnyConnection,
    technician_id: &str,
    (from, to): (i64, i64),
    except_order: &str,
) -> Result<Vec<Booking>> {
    let rows = sqlx::query(
        "SELECT d.order_id, o.number, d.scheduled_start, d.scheduled_end FROM order_dispatch d \
         JOIN work_orders o ON o.id = d.order_id WHERE o.assignee_id = $1 AND d.scheduled_start < $2 \
         AND d.scheduled_end > $3 AND d.order_id <> $4 AND o.status NOT IN ('done', 'closed', 'cancelled')",
    )
    .bind(technician_id)
    .bind(to)
    .bind(from)
    .bind(except_order)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Booking { order_id: r.try_get(0)?, number: r.try_get(1)?, start: r.try_get(2)?, end: r.try_get(3)? })
        })
        .collect()
}

/// Open orders and booked hours per assignee, for loads shown beside every technician.
pub async fn loads(conn: &mut AnyConnection) -> Result<Vec<(String, i64, f64)>> {
    let rows = sqlx::query(
        "SELECT o.assignee_id, COUNT(*), CAST(COALESCE(SUM(COALESCE(d.duration_minutes, 60)), 0) AS BIGINT) FROM work_orders o \
         LEFT JOIN order_dispatch d ON d.order_id = o.id WHERE o.assignee_id IS NOT NULL \
         AND o.status NOT IN ('done', 'closed', 'cancelled') GROUP BY o.assignee_id",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            let minutes: i64 = r.try_get(2)?;
            Ok((r.try_get(0)?, r.try_get(1)?, minutes as f64 / 60.0))
        })
        .collect()
}

/// Takes a pooled order for `user_id` if it is still in the pool: true for the one winner.
pub async fn grab(conn: &mut AnyConnection, order_id: &str, user_id: &str, at: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE order_dispatch SET grabbed_by = $1, grabbed_at = $2, pooled_at = NULL \
         WHERE order_id = $3 AND pooled_at IS NOT NULL",
    )
    .bind(user_id)
    .bind(at)
    .bind(order_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Grabs by a technician since `since`.
pub async fn grabs_since(conn: &mut AnyConnection, user_id: &str, since: i64) -> Result<i64> {
    let row = sqlx::query("SELECT COUNT(*) FROM order_dispatch WHERE grabbed_by = $1 AND grabbed_at >= $2")
        .bind(user_id)
        .bind(since)
        .fetch_one(&mut *conn)
        .await?;
    Ok(row.try_get(0)?)
}

/// Ids of pooled orders, oldest in the pool first.
pub async fn pooled(conn: &mut AnyConnection) -> Result<Vec<(String, i64)>> {
    let rows =
        sqlx::query("SELECT order_id, pooled_at FROM order_dispatch WHERE pooled_at IS NOT NULL ORDER BY pooled_at")
            .fetch_all(&mut *conn)
            .await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}

/// Grabs per technician ever, so supervisors see who takes what.
pub async fn grab_counts(conn: &mut AnyConnection) -> Result<Vec<(String, i64)>> {
    let rows =
        sqlx::query("SELECT grabbed_by, COUNT(*) FROM order_dispatch WHERE grabbed_by IS NOT NULL GROUP BY grabbed_by")
            .fetch_all(&mut *conn)
            .await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}

/// Takes an order out of the pool (it was assigned some other way).
pub async fn unpool(conn: &mut AnyConnection, order_id: &str) -> Result<()> {
    sqlx::query("UPDATE order_dispatch SET pooled_at = NULL WHERE order_id = $1 AND pooled_at IS NOT NULL")
        .bind(order_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Grabs per technician since `since`, for the cherry-picking figures (last 7 and 30 days).
pub async fn grab_counts_since(conn: &mut AnyConnection, since: i64) -> Result<Vec<(String, i64)>> {
    let rows = sqlx::query(
        "SELECT grabbed_by, COUNT(*) FROM order_dispatch WHERE grabbed_by IS NOT NULL AND grabbed_at >= $1 \
         GROUP BY grabbed_by",
    )
    .bind(since)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}

/// Orders each assignee resolved in `[from, to)` that are still resolved (done or closed).
pub async fn completed_between(conn: &mut AnyConnection, (from, to): (i64, i64)) -> Result<Vec<(String, i64)>> {
    let rows = sqlx::query(
        "SELECT assignee_id, COUNT(*) FROM work_orders WHERE assignee_id IS NOT NULL \
         AND status IN ('done', 'closed') AND resolved_at >= $1 AND resolved_at < $2 GROUP BY assignee_id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}
