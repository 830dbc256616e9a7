//! `orderly bench sla`: one SLA scheduler tick over a store holding many open orders, when
//! `due` of them have a check due (each then warns, breaches and alerts, writing history and
//! notifications) and when none has. Prints figures; asserts nothing.

use super::percentile;
use crate::domain::sla::MINUTE_MS;
use crate::service::Orderly;
use crate::{Error, Result};
use std::time::{Duration, Instant};

const REPS: usize = 30;

/// Creates `orders` open orders in a fresh SQLite store, then times ticks.
pub async fn sla(orders: u64, due: u64) -> Result<String> {
    let dir = tempdir()?;
    let orderly = Orderly::open(&dir.join("bench-sla.db").display().to_string()).await?;
    let actor = orderly.first_admin().await?;
    let started = Instant::now();
    let created = crate::domain::now_millis();
    orderly.fill_open_orders(&actor, orders, |done| eprint!("\rcreating open orders: {done}/{orders}")).await?;
    eprintln!();
    let fill = started.elapsed();
    // Every check far ahead, so a tick sees exactly the orders each round makes due.
    let tick_at = created + 300 * MINUTE_MS;
    let pool = orderly.store().pool();
    sqlx::query("UPDATE order_sla SET next_check_at = $1").bind(tick_at + 86_400_000).execute(pool).await?;
    let mut busy = Vec::with_capacity(REPS);
    let mut events = 0;
    for round in 0..REPS {
        sqlx::query(
            "UPDATE order_sla SET next_check_at = $1 WHERE order_id IN \
             (SELECT order_id FROM order_sla WHERE last_alert_at IS NULL ORDER BY order_id LIMIT $2)",
        )
        .bind(tick_at - MINUTE_MS)
        .bind(due as i64)
        .execute(pool)
        .await?;
        let t = Instant::now();
        let report = orderly.sla_tick(tick_at + round as i64, 500).await?;
        busy.push(t.elapsed());
        events += report.events;
    }
    let mut idle = Vec::with_capacity(REPS);
    for round in 0..REPS {
        let t = Instant::now();
        orderly.sla_tick(tick_at + round as i64, 500).await?;
        idle.push(t.elapsed());
    }
    orderly.store().close().await;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(table(orders, due, fill, &mut busy, &mut idle, events))
}

fn table(orders: u64, due: u64, fill: Duration, busy: &mut [Duration], idle: &mut [Duration], events: i64) -> String {
    format!(
        "SLA scheduler tick, SQLite, {orders} open orders (created in {:.1} s)\n\
         {:<52} {:>9} {:>9}\n\
         {:<52} {:>9.2} {:>9.2}\n\
         {:<52} {:>9.2} {:>9.2}\n\
         ({REPS} ticks each, milliseconds; {events} SLA actions taken by the busy ticks, each with history and notifications)",
        fill.as_secs_f64(),
        "tick",
        "p50",
        "p99",
        format!("{due} orders due (warning, breach, first alert each)"),
        percentile(busy, 0.5),
        percentile(busy, 0.99),
        "nothing due (index lookup only)",
        percentile(idle, 0.5),
        percentile(idle, 0.99),
    )
}

fn tempdir() -> Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("orderly-bench-sla-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).map_err(Error::internal)?;
    Ok(dir)
}
