//! Loading many orders without the statistics triggers, and rebuilding the statistics tables
//! afterwards by the migrations' own backfill. The triggers of migrations 0005, 0010 and 0013
//! recount an order's whole history on every write to it, which keeps a live store exact but
//! makes a bulk load crawl (≈ 150 orders/s). A bulk load suspends them, writes, then runs the
//! backfill statements shipped in 0005, 0010 and 0013 (the very SQL that filled the tables of a store
//! that existed before them) over the emptied tables, and restores the triggers — all inside
//! the caller's one write transaction, so a failed or interrupted load leaves nothing behind.
//!
//! The tables are a function of the stored orders, history and SLA rows (each trigger takes an
//! order's rows back and puts them again from its current state), so the backfill of the final
//! rows equals what the triggers would have kept, up to rows whose counts cancel to zero, which
//! no query can tell apart.

use super::{migrate, Engine};
use crate::Result;
use sqlx::{AnyConnection, Row};

/// The statistics triggers taken out of a store for a bulk load, to be put back by
/// [`Suspended::rebuild_and_resume`] in the same transaction.
#[must_use = "the statistics triggers stay off until resumed"]
pub struct Suspended {
    engine: Engine,
    /// SQLite: each trigger's `CREATE TRIGGER` text, in creation order.
    created: Vec<String>,
    /// PostgreSQL: (table, trigger) pairs disabled.
    disabled: Vec<(String, String)>,
}

/// Takes the triggers of migrations 0005, 0010 and 0013 (all named `stats_…`) out of the store:
/// dropped on SQLite (their text kept), disabled on PostgreSQL.
pub async fn suspend(conn: &mut AnyConnection, engine: Engine) -> Result<Suspended> {
    let mut out = Suspended { engine, created: Vec::new(), disabled: Vec::new() };
    match engine {
        Engine::Sqlite => {
            let rows = sqlx::query(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'stats!_%' ESCAPE '!' \
                 ORDER BY rowid",
            )
            .fetch_all(&mut *conn)
            .await?;
            for row in rows {
                let (name, sql): (String, String) = (row.try_get(0)?, row.try_get(1)?);
                sqlx::raw_sql(&format!("DROP TRIGGER {name}")).execute(&mut *conn).await?;
                out.created.push(sql);
            }
        }
        Engine::Postgres => {
            let rows = sqlx::query(
                "SELECT CAST(c.relname AS TEXT), CAST(t.tgname AS TEXT) FROM pg_trigger t \
                 JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
                 WHERE NOT t.tgisinternal AND t.tgname LIKE 'stats!_%' ESCAPE '!' AND n.nspname = current_schema() \
                 ORDER BY 1, 2",
            )
            .fetch_all(&mut *conn)
            .await?;
            for row in rows {
                let (table, name): (String, String) = (row.try_get(0)?, row.try_get(1)?);
                sqlx::raw_sql(&format!("ALTER TABLE {table} DISABLE TRIGGER {name}")).execute(&mut *conn).await?;
                out.disabled.push((table, name));
            }
        }
    }
    Ok(out)
}

impl Suspended {
    /// Empties the statistics tables, refills them with the backfill of migrations 0005 and
    /// 0010 from the rows now stored, and puts the triggers back.
    pub async fn rebuild_and_resume(self, conn: &mut AnyConnection) -> Result<()> {
        for table in ["stats_rollup", "stats_durations", "stats_duration_days"] {
            sqlx::raw_sql(&format!("DELETE FROM {table}")).execute(&mut *conn).await?;
        }
        for statement in backfill(self.engine) {
            sqlx::raw_sql(statement).execute(&mut *conn).await?;
        }
        for sql in &self.created {
            sqlx::raw_sql(sql).execute(&mut *conn).await?;
        }
        for (table, name) in &self.disabled {
            sqlx::raw_sql(&format!("ALTER TABLE {table} ENABLE TRIGGER {name}")).execute(&mut *conn).await?;
        }
        Ok(())
    }
}

/// The backfill statements of migrations 0005 (`stats_rollup`), 0010 (`stats_durations`,
/// then `stats_duration_days` from them) and 0013 (the backlog's 32-day blocks, from the
/// rollup's day rows), in the order the migrations run them.
fn backfill(engine: Engine) -> Vec<&'static str> {
    [5, 10, 13].into_iter().flat_map(|version| statements(migrate::sql_of(version, engine))).collect()
}

/// The statements of a migration that fill a statistics table: those opening a line with
/// `INSERT INTO stats_rollup`, `stats_durations` or `stats_duration_days`, up to the line
/// ending with `;` (the triggers' own inserts are indented inside their bodies).
fn statements(sql: &'static str) -> Vec<&'static str> {
    const FILLS: [&str; 3] =
        ["INSERT INTO stats_rollup ", "INSERT INTO stats_durations ", "INSERT INTO stats_duration_days "];
    let mut out = Vec::new();
    let (mut start, mut offset) = (None, 0);
    for line in sql.split_inclusive('\n') {
        if start.is_none() && FILLS.iter().any(|f| line.starts_with(f)) {
            start = Some(offset);
        }
        offset += line.len();
        if let Some(from) = start.filter(|_| line.trim_end().ends_with(';')) {
            out.push(&sql[from..offset]);
            start = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backfill_is_every_fill_statement_of_0005_0010_and_0013_on_both_engines() {
        for engine in [Engine::Sqlite, Engine::Postgres] {
            let all = backfill(engine);
            let rollup = all[..16].iter().filter(|s| s.starts_with("INSERT INTO stats_rollup ")).count();
            assert_eq!(rollup, 16, "{engine:?}: two per grouping (s, p, d, a) and grain (slot, day)");
            assert!(all[16].starts_with("INSERT INTO stats_durations "), "{engine:?}");
            assert!(all[17].starts_with("INSERT INTO stats_duration_days "), "{engine:?}");
            assert!(all[18].starts_with("INSERT INTO stats_rollup ") && all[18].contains("r.grain = 1"), "{engine:?}");
            assert_eq!(all.len(), 19, "{engine:?}");
            for s in &all {
                assert_eq!(s.matches(';').count(), 1, "{engine:?}: one statement each: {s}");
                assert!(s.contains(" FROM "), "{engine:?}: {s}");
            }
        }
    }
}
