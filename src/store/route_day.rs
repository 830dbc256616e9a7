//! Day routing rows: each visit's terms (appointment window, parts, confirmed), each
//! technician's van (base, capacity), and the orders of a day for a set of technicians.

use crate::domain::route_day::{Van, VisitTerms};
use crate::Result;
use sqlx::{AnyConnection, Row};

/// A visit's terms (none recorded: no window, no parts, not confirmed).
pub async fn terms(conn: &mut AnyConnection, order_id: &str) -> Result<VisitTerms> {
    let row =
        sqlx::query("SELECT window_start, window_end, parts, confirmed FROM order_visit_terms WHERE order_id = $1")
            .bind(order_id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(r) = row else { return Ok(VisitTerms::default()) };
    Ok(VisitTerms {
        window_start: r.try_get(0)?,
        window_end: r.try_get(1)?,
        parts: r.try_get(2)?,
        confirmed: r.try_get::<i64, _>(3)? != 0,
    })
}

pub async fn put_terms(conn: &mut AnyConnection, order_id: &str, t: &VisitTerms) -> Result<()> {
    sqlx::query(
        "INSERT INTO order_visit_terms (order_id, window_start, window_end, parts, confirmed) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (order_id) DO UPDATE SET window_start = excluded.window_start, \
         window_end = excluded.window_end, parts = excluded.parts, confirmed = excluded.confirmed",
    )
    .bind(order_id)
    .bind(t.window_start)
    .bind(t.window_end)
    .bind(t.parts)
    .bind(i64::from(t.confirmed))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A technician's van, if one was recorded.
pub async fn van(conn: &mut AnyConnection, user_id: &str) -> Result<Option<Van>> {
    let row = sqlx::query("SELECT base_lat, base_lon, capacity FROM technician_vans WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|r| Ok(Van { base_lat: r.try_get(0)?, base_lon: r.try_get(1)?, capacity: r.try_get(2)? })).transpose()
}

pub async fn put_van(conn: &mut AnyConnection, user_id: &str, van: &Van) -> Result<()> {
    sqlx::query(
        "INSERT INTO technician_vans (user_id, base_lat, base_lon, capacity) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id) DO UPDATE SET base_lat = excluded.base_lat, base_lon = excluded.base_lon, \
         capacity = excluded.capacity",
    )
    // A NULL float would fix a cached statement's parameter as float4 on PostgreSQL.
    .persistent(false)
    .bind(user_id)
    .bind(van.base_lat)
    .bind(van.base_lon)
    .bind(van.capacity)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Open orders assigned to `technician_id` that are scheduled, or have their appointment
/// window opening, in `[from, to)`.
pub async fn day_orders(conn: &mut AnyConnection, technician_id: &str, (from, to): (i64, i64)) -> Result<Vec<String>> {
    let rows = sqlx::query(
        "SELECT o.id FROM work_orders o LEFT JOIN order_dispatch d ON d.order_id = o.id \
         LEFT JOIN order_visit_terms v ON v.order_id = o.id WHERE o.assignee_id = $1 \
         AND o.status NOT IN ('done', 'closed', 'cancelled', 'suspended', 'transferred') \
         AND ((d.scheduled_start >= $2 AND d.scheduled_start < $3) OR (v.window_start >= $4 AND v.window_start < $5)) \
         ORDER BY o.number",
    )
    .bind(technician_id)
    .bind(from)
    .bind(to)
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
}
