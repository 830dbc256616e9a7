//! `orderly bench templates`: the order list's first page filtered by a select field's value
//! (issue #3) on a store of many orders over many templates, through the service (the indexed
//! `order_field_values`) beside the plain SQL over the values JSON, in the same run, on a
//! temporary SQLite file or on a given (empty) store such as a PostgreSQL database.
//! Prints figures; asserts nothing.

use super::percentile;
use crate::domain::order::{FieldFilter, OrderFilter};
use crate::service::Orderly;
use crate::store::rows::ORDER_COLUMNS;
use crate::store::{dialect, Engine};
use crate::{Error, Result};
use serde_json::json;
use sqlx::Row;
use std::time::{Duration, Instant};

const REPS: usize = 50;
const CHANNELS: [&str; 4] = ["phone", "email", "web", "wechat"];
const AREAS: usize = 5;
const ROWS_PER_INSERT: u64 = 200;

/// Fills a store with `orders` orders spread over `templates` templates, then times the
/// filtered first page both ways. The store is `db` (a `postgres://` URL, say), which must hold
/// no orders yet, else a fresh SQLite file in a temporary folder.
pub async fn templates(orders: u64, templates: u32, db: Option<&str>) -> Result<String> {
    let dir = std::env::temp_dir().join(format!("orderly-bench-templates-{}", uuid::Uuid::now_v7()));
    let target = match db {
        Some(db) => db.to_string(),
        None => {
            std::fs::create_dir_all(&dir).map_err(Error::internal)?;
            dir.join("bench-templates.db").display().to_string()
        }
    };
    let orderly = Orderly::open(&target).await?;
    let held: i64 =
        sqlx::query("SELECT COUNT(*) FROM work_orders").fetch_one(orderly.store().pool()).await?.try_get(0)?;
    if held > 0 {
        // The bench writes rows straight into the tables: never into a store in use.
        return Err(Error::invalid("bench.store_not_empty").with("value", orderly.store().location()));
    }
    let engine = match orderly.store().engine() {
        Engine::Sqlite => "SQLite",
        Engine::Postgres => "PostgreSQL",
    };
    let admin = orderly.first_admin().await?;
    for t in 0..templates {
        orderly.import_template(&admin, &definition(t)?.to_string(), false).await?;
    }
    let started = Instant::now();
    fill(&orderly, &admin.user_id, orders, templates).await?;
    let fill_time = started.elapsed();
    let mut out = format!(
        "order list filtered by a select value, {engine}, {orders} orders over {templates} templates (filled in {:.1} s)\n\
         {:<46} {:>9} {:>9} {:>9} {:>9} {:>6}\n",
        fill_time.as_secs_f64(),
        "filter (first page of 50, newest first)",
        "ours p50",
        "ours p99",
        "SQL p50",
        "SQL p99",
        "rows"
    );
    for (key, value, label) in [
        ("channel", "wechat".to_string(), "channel = wechat (1 in 4 orders)"),
        ("area", format!("t{}_a1", templates / 2), "area = one template's option (1 in 100)"),
    ] {
        let (mut ours, mut plain, rows) = time_both(&orderly, &admin, key, &value).await?;
        out.push_str(&format!(
            "{label:<46} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {rows:>6}\n",
            percentile(&mut ours.clone(), 0.5),
            percentile(&mut ours, 0.99),
            percentile(&mut plain.clone(), 0.5),
            percentile(&mut plain, 0.99),
        ));
    }
    out.push_str(&format!(
        "({REPS} runs each, milliseconds; ours = Orderly::list_orders with a field filter, an index lookup on \
         order_field_values; SQL = the same page reading work_orders.field_values as JSON)"
    ));
    orderly.store().close().await;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(out)
}

/// Customer service with its own key and a select `area` whose options differ per template.
fn definition(t: u32) -> Result<serde_json::Value> {
    let lib = crate::domain::form::library::library();
    let base = lib.into_iter().find(|d| d.key == "customer_service").ok_or_else(|| Error::internal("library"))?;
    let mut def = serde_json::to_value(base).map_err(Error::internal)?;
    def["key"] = json!(format!("bench_{t:02}"));
    let names = |s: &str| json!({"en": s, "zh_cn": s, "es": s});
    let options: Vec<_> =
        (0..AREAS).map(|a| json!({"value": format!("t{t}_a{a}"), "labels": names(&format!("Area {a}"))})).collect();
    let section = def["sections"][0]["key"].clone();
    def["fields"].as_array_mut().ok_or_else(|| Error::internal("fields"))?.push(json!({
        "key": "area", "section": section, "labels": names("Area"), "type": "select", "options": options
    }));
    Ok(def)
}

/// Orders as the service would store them, written in bulk: the row, its values JSON and its
/// choice values in the side table.
async fn fill(orderly: &Orderly, by: &str, orders: u64, templates: u32) -> Result<()> {
    let pool = orderly.store().pool();
    let mut written = 0u64;
    while written < orders {
        let mut tx = orderly.store().write().await?;
        for _ in 0..25 {
            let n = (orders - written).min(ROWS_PER_INSERT);
            if n == 0 {
                break;
            }
            insert_rows(&mut tx, by, written, n, templates).await?;
            written += n;
        }
        tx.commit().await?;
        eprint!("\rfilling: {written}/{orders}");
    }
    eprintln!();
    sqlx::query("ANALYZE").execute(pool).await?;
    Ok(())
}

async fn insert_rows(tx: &mut crate::store::WriteTx, by: &str, from: u64, n: u64, templates: u32) -> Result<()> {
    let mut orders = Vec::new();
    let mut values = Vec::new();
    for i in from..from + n {
        let (t, channel, area) = ((i % templates as u64) as u32, CHANNELS[(i / 7 % 4) as usize], i / 3 % AREAS as u64);
        let id = uuid::Uuid::now_v7().to_string();
        let fields = json!({"channel": channel, "area": format!("t{t}_a{area}")}).to_string().replace('\'', "''");
        orders.push(format!(
            "('{id}', 'WO-2026-{:07}', 'bench_{t:02}', 1, '基准 {i}', '{fields}', 'unassigned', 3, 'bench', '{by}', {i}, '{by}', {i})",
            i + 1
        ));
        for (key, value) in [("channel", channel.to_string()), ("area", format!("t{t}_a{area}"))] {
            values.push(format!("('{id}', '{key}', '{value}')"));
        }
    }
    let sql = format!(
        "INSERT INTO work_orders (id, number, template_key, template_version, title, field_values, status, priority, \
         source, created_by, created_at, updated_by, updated_at) VALUES {}",
        orders.join(", ")
    );
    sqlx::query(&sql).execute(&mut **tx).await?;
    // The orders' seq is theirs (an identity column on PostgreSQL): read back by id.
    let sql = format!(
        "INSERT INTO order_field_values (order_id, template_key, field_key, value, created_at, seq) \
         SELECT o.id, o.template_key, v.column2, v.column3, o.created_at, o.seq \
         FROM (VALUES {}) AS v JOIN work_orders o ON o.id = v.column1",
        values.join(", ")
    );
    sqlx::query(&sql).execute(&mut **tx).await?;
    Ok(())
}

async fn time_both(
    orderly: &Orderly,
    admin: &crate::domain::user::Actor,
    key: &str,
    value: &str,
) -> Result<(Vec<Duration>, Vec<Duration>, usize)> {
    let filter = OrderFilter {
        field: Some(FieldFilter { key: key.into(), value: value.into() }),
        limit: Some(50),
        ..Default::default()
    };
    let value_sql = dialect::json_text(orderly.store().engine(), "o.field_values", key);
    let plain = format!(
        "SELECT {ORDER_COLUMNS} FROM work_orders o WHERE {value_sql} = $1 ORDER BY o.created_at DESC, o.seq DESC LIMIT 51"
    );
    let (mut ours, mut raw, mut rows) = (Vec::new(), Vec::new(), 0);
    for _ in 0..REPS {
        let t = Instant::now();
        let page = orderly.list_orders(admin, filter.clone()).await?;
        ours.push(t.elapsed());
        rows = page.items.len();
        let t = Instant::now();
        let found = sqlx::query(&plain).bind(value).fetch_all(orderly.store().pool()).await?;
        raw.push(t.elapsed());
        if found.len().min(50) != rows {
            return Err(Error::internal(format!("bench: {} rows by SQL, {rows} by the service", found.len())));
        }
    }
    Ok((ours, raw, rows))
}
