//! `orderly bench store`: the figures issue #2 asks for, each beside the same work done by raw
//! SQLite (rusqlite on the same file, same SQL, no service layer). Prints; asserts nothing.

mod sla;
mod stats;
mod templates;
pub use sla::sla;
pub use stats::stats;
pub use templates::templates;

use crate::domain::order::{NewOrder, OrderFilter};
use crate::domain::search::SearchQuery;
use crate::domain::user::Actor;
use crate::service::Orderly;
use crate::store::rows::ORDER_COLUMNS;
use crate::{Error, Result};
use serde::Serialize;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub name: String,
    pub ours_p50_ms: f64,
    pub ours_p99_ms: f64,
    pub raw_p50_ms: Option<f64>,
    pub raw_p99_ms: Option<f64>,
    pub rows: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct StoreBench {
    pub orders_in_store: i64,
    pub engine: String,
    pub figures: Vec<Figure>,
}

impl StoreBench {
    pub fn table(&self) -> String {
        let mut out = format!("store: {} orders ({})\n", self.orders_in_store, self.engine);
        out.push_str(&format!(
            "{:<44} {:>10} {:>10} {:>10} {:>10} {:>6}\n",
            "operation", "ours p50", "ours p99", "raw p50", "raw p99", "rows"
        ));
        let ms = |v: Option<f64>| v.map(|v| format!("{v:.3}")).unwrap_or_else(|| "-".into());
        for f in &self.figures {
            out.push_str(&format!(
                "{:<44} {:>10.3} {:>10.3} {:>10} {:>10} {:>6}\n",
                f.name,
                f.ours_p50_ms,
                f.ours_p99_ms,
                ms(f.raw_p50_ms),
                ms(f.raw_p99_ms),
                f.rows
            ));
        }
        out.push_str("(milliseconds; raw = rusqlite running the same SQL on the same file)");
        out
    }
}

pub(crate) fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i].as_secs_f64() * 1000.0
}

/// The searches measured: Latin (accent-insensitive prefix), 3+-character and 2-character
/// Chinese.
const SEARCHES: [(&str, &str); 5] = [
    ("search top 50: Latin \"reparacion\"", "reparacion"),
    ("search top 50: Latin \"printer jam\"", "printer jam"),
    ("search top 50: Chinese 3+ \"空调不制冷\"", "空调不制冷"),
    ("search top 50: Chinese 2 \"漏水\"", "漏水"),
    ("search top 50: Chinese 2 \"电梯\"", "电梯"),
];

pub async fn store(orderly: &Orderly, actor: &Actor, reps: usize, creates: usize) -> Result<StoreBench> {
    let reps = reps.max(1);
    let raw =
        orderly.store().sqlite_path().map(|p| rusqlite::Connection::open(p).map_err(Error::internal)).transpose()?;
    let count: i64 = {
        let mut conn = orderly.store().pool().acquire().await?;
        sqlx::Row::try_get(&sqlx::query("SELECT COUNT(*) FROM work_orders").fetch_one(&mut *conn).await?, 0)?
    };
    let mut figures = Vec::new();
    let newest = OrderFilter { limit: Some(50), ..Default::default() };
    let list_sql = format!("SELECT {ORDER_COLUMNS} FROM work_orders o ORDER BY o.created_at DESC, o.seq DESC LIMIT 51");
    figures
        .push(read_figure("list page: newest 50", orderly, actor, &newest, raw.as_ref(), &list_sql, None, reps).await?);
    let open = OrderFilter { status: vec!["todo".into(), "in_progress".into()], limit: Some(50), ..Default::default() };
    let open_sql = format!(
        "SELECT {ORDER_COLUMNS} FROM work_orders o WHERE o.status IN ('todo', 'in_progress') ORDER BY o.created_at DESC, o.seq DESC LIMIT 51"
    );
    figures.push(
        read_figure("list page: status todo+in_progress", orderly, actor, &open, raw.as_ref(), &open_sql, None, reps)
            .await?,
    );
    for (name, text) in SEARCHES {
        let filter = OrderFilter { text: Some(text.into()), limit: Some(50), ..Default::default() };
        let sql = format!(
            "SELECT {ORDER_COLUMNS} FROM work_orders o JOIN order_search ON order_search.rowid = o.seq \
             WHERE order_search MATCH ?1 ORDER BY order_search.rowid DESC LIMIT 51"
        );
        let fts = SearchQuery::parse(text)?.to_fts5();
        figures.push(read_figure(name, orderly, actor, &filter, raw.as_ref(), &sql, Some(&fts), reps).await?);
    }
    figures.push(create_figure(orderly, actor, creates.max(1)).await?);
    Ok(StoreBench { orders_in_store: count, engine: format!("{:?}", orderly.store().engine()), figures })
}

#[allow(clippy::too_many_arguments)]
async fn read_figure(
    name: &str,
    orderly: &Orderly,
    actor: &Actor,
    filter: &OrderFilter,
    raw: Option<&rusqlite::Connection>,
    raw_sql: &str,
    raw_param: Option<&str>,
    reps: usize,
) -> Result<Figure> {
    let mut ours = Vec::with_capacity(reps);
    let mut rows = 0;
    for _ in 0..reps {
        let start = Instant::now();
        rows = orderly.list_orders(actor, filter.clone()).await?.items.len();
        ours.push(start.elapsed());
    }
    let (raw_p50, raw_p99) = match raw {
        Some(conn) => {
            let mut samples = Vec::with_capacity(reps);
            let mut stmt = conn.prepare(raw_sql).map_err(Error::internal)?;
            for _ in 0..reps {
                let start = Instant::now();
                let params: Vec<&dyn rusqlite::ToSql> = raw_param.iter().map(|p| p as &dyn rusqlite::ToSql).collect();
                let mut result = stmt.query(params.as_slice()).map_err(Error::internal)?;
                let mut n = 0;
                while let Some(row) = result.next().map_err(Error::internal)? {
                    // Read every column, as the service does when it builds orders.
                    for i in 0..row.as_ref().column_count() {
                        let _: rusqlite::types::Value = row.get(i).map_err(Error::internal)?;
                    }
                    n += 1;
                }
                std::hint::black_box(n);
                samples.push(start.elapsed());
            }
            (Some(percentile(&mut samples, 0.5)), Some(percentile(&mut samples, 0.99)))
        }
        None => (None, None),
    };
    Ok(Figure {
        name: name.to_string(),
        ours_p50_ms: percentile(&mut ours.clone(), 0.5),
        ours_p99_ms: percentile(&mut ours, 0.99),
        raw_p50_ms: raw_p50,
        raw_p99_ms: raw_p99,
        rows,
    })
}

/// Durable single creates through the service (validation, number, row, search document,
/// history event, `BEGIN IMMEDIATE` … `COMMIT` with `synchronous=FULL`), beside raw SQLite
/// doing the same four writes in a scratch copy of the schema.
async fn create_figure(orderly: &Orderly, actor: &Actor, creates: usize) -> Result<Figure> {
    let mut ours = Vec::with_capacity(creates);
    for i in 0..creates {
        let input = NewOrder {
            title: format!("Bench 基准 {i}"),
            description: Some("durable single create".into()),
            source: Some("bench".into()),
            ..Default::default()
        };
        let start = Instant::now();
        orderly.create_order(actor, input).await?;
        ours.push(start.elapsed());
    }
    let raw = match orderly.store().sqlite_path() {
        Some(path) => Some(raw_creates(path, creates)?),
        None => None,
    };
    Ok(Figure {
        name: "durable single create".into(),
        ours_p50_ms: percentile(&mut ours.clone(), 0.5),
        ours_p99_ms: percentile(&mut ours, 0.99),
        raw_p50_ms: raw.as_ref().map(|r| r.0),
        raw_p99_ms: raw.as_ref().map(|r| r.1),
        rows: 1,
    })
}

fn raw_creates(beside: &std::path::Path, creates: usize) -> Result<(f64, f64)> {
    let scratch = beside.with_extension("bench-raw.db");
    let _ = std::fs::remove_file(&scratch);
    let conn = rusqlite::Connection::open(&scratch).map_err(Error::internal)?;
    conn.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF;")
        .map_err(Error::internal)?;
    conn.execute_batch(include_str!("../../migrations/sqlite/0001_foundation.sql")).map_err(Error::internal)?;
    let mut samples = Vec::with_capacity(creates);
    for i in 0..creates as i64 {
        let start = Instant::now();
        conn.execute_batch("BEGIN IMMEDIATE").map_err(Error::internal)?;
        let counter: i64 = conn
            .query_row("INSERT INTO number_counters (year, last) VALUES (2026, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last", [], |r| r.get(0))
            .map_err(Error::internal)?;
        let id = crate::domain::new_id();
        let seq: i64 = conn
            .query_row(
                "INSERT INTO work_orders (id, number, template_key, template_version, title, status, priority, source, created_by, created_at, updated_by, updated_at) \
                 VALUES (?1, ?2, 'general', 1, ?3, 'unassigned', 3, 'bench', 'u', ?4, 'u', ?4) RETURNING seq",
                rusqlite::params![id, format!("WO-2026-{counter:06}"), format!("Bench 基准 {i}"), i],
                |r| r.get(0),
            )
            .map_err(Error::internal)?;
        conn.execute(
            "INSERT INTO order_search (rowid, head, tail) VALUES (?1, ?2, '')",
            rusqlite::params![seq, format!("bench 基 准 {i}")],
        )
        .map_err(Error::internal)?;
        conn.execute(
            "INSERT INTO order_events (id, order_id, at, actor_id, kind, new_value) VALUES (?1, ?2, ?3, 'u', 'created', '{}')",
            rusqlite::params![crate::domain::new_id(), id, i],
        )
        .map_err(Error::internal)?;
        conn.execute_batch("COMMIT").map_err(Error::internal)?;
        samples.push(start.elapsed());
    }
    drop(conn);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", scratch.display()));
    }
    Ok((percentile(&mut samples.clone(), 0.5), percentile(&mut samples, 0.99)))
}
