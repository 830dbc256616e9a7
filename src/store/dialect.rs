//! The few places where SQLite and PostgreSQL truly differ: how a write transaction starts,
//! full-text search, reading JSON text, and consistent backups. Everything else is shared SQL.

use super::Engine;
use crate::domain::search::{index_text, SearchQuery};
use crate::{Error, Result};
use sqlx::{AnyConnection, AnyPool, Executor, Row};
use std::path::Path;

pub fn begin_write(engine: Engine) -> &'static str {
    match engine {
        Engine::Sqlite => "BEGIN IMMEDIATE",
        Engine::Postgres => "BEGIN",
    }
}

/// The searchable parts of an order: its number, title and description.
pub fn search_head(number: &str, title: &str, description: &str) -> String {
    index_text([number, title, description])
}

/// A PostgreSQL tsvector literal with positions, built from normalised text, so CJK phrase
/// queries (`'漏' <-> '水'`) match adjacent characters whatever the server's locale.
fn tsvector_literal(head: &str, tail: &str) -> String {
    let mut out = String::with_capacity(head.len() * 2 + tail.len() * 2);
    let words = head.split(' ').chain(tail.split(' ')).filter(|w| !w.is_empty());
    for (i, word) in words.enumerate() {
        if !out.is_empty() {
            out.push(' ');
        }
        let position = (i + 1).min(16_383);
        out.push('\'');
        out.push_str(word);
        out.push_str("':");
        out.push_str(&position.to_string());
    }
    out
}

/// Writes (inserts or replaces) the search document of the order with sequence `seq`.
pub async fn put_search_doc(conn: &mut AnyConnection, engine: Engine, seq: i64, head: &str, tail: &str) -> Result<()> {
    match engine {
        Engine::Sqlite => {
            sqlx::query("DELETE FROM order_search WHERE rowid = $1").bind(seq).execute(&mut *conn).await?;
            sqlx::query("INSERT INTO order_search (rowid, head, tail) VALUES ($1, $2, $3)")
                .bind(seq)
                .bind(head)
                .bind(tail)
                .execute(&mut *conn)
                .await?;
        }
        Engine::Postgres => {
            sqlx::query(
                "INSERT INTO order_search (rowid, head, tail, vec) VALUES ($1, $2, $3, $4::tsvector) \
                 ON CONFLICT (rowid) DO UPDATE SET head = EXCLUDED.head, tail = EXCLUDED.tail, vec = EXCLUDED.vec",
            )
            .bind(seq)
            .bind(head)
            .bind(tail)
            .bind(tsvector_literal(head, tail))
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// The current (head, tail) of an order's search document.
pub async fn get_search_doc(conn: &mut AnyConnection, seq: i64) -> Result<(String, String)> {
    let row = sqlx::query("SELECT head, tail FROM order_search WHERE rowid = $1")
        .bind(seq)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) => Ok((row.try_get(0)?, row.try_get(1)?)),
        None => Ok((String::new(), String::new())),
    }
}

/// How a list query joins and filters on full-text matches of parameter `$n`. Results are
/// ranked by recency: `order_search.rowid` (= `work_orders.seq`) descending, which FTS5 walks
/// in index order and stops after a page.
pub struct SearchSql {
    pub join: &'static str,
    pub condition: String,
    pub param: String,
}

pub fn search_sql(engine: Engine, n: usize, query: &SearchQuery) -> SearchSql {
    let join = "JOIN order_search ON order_search.rowid = o.seq";
    match engine {
        Engine::Sqlite => SearchSql { join, condition: format!("order_search MATCH ${n}"), param: query.to_fts5() },
        Engine::Postgres => {
            SearchSql { join, condition: format!("order_search.vec @@ ${n}::tsquery"), param: query.to_tsquery() }
        }
    }
}

/// A top-level text value of a JSON text column, as SQL (`key` must be a plain identifier):
/// what a query over the values JSON reads where no side table serves it.
pub fn json_text(engine: Engine, column: &str, key: &str) -> String {
    match engine {
        Engine::Sqlite => format!("json_extract({column}, '$.{key}')"),
        Engine::Postgres => format!("({column}::jsonb ->> '{key}')"),
    }
}

/// A consistent copy of a live SQLite store (readers and writers may keep going).
pub async fn sqlite_backup(pool: &AnyPool, target: &Path) -> Result<()> {
    if target.exists() {
        return Err(Error::invalid("store.backup_target_exists").with("value", target.display()));
    }
    let quoted = target.display().to_string().replace('\'', "''");
    pool.execute(format!("VACUUM INTO '{quoted}'").as_str()).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsvector_literals_carry_positions() {
        assert_eq!(tsvector_literal("wo 2026 电 梯", "漏"), "'wo':1 '2026':2 '电':3 '梯':4 '漏':5");
        assert_eq!(tsvector_literal("", ""), "");
    }
}
