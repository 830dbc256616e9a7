//! Embedded, forward-only migrations, run at start. A SQLite file that already holds data is
//! copied (`VACUUM INTO`) beside itself before a pending migration touches it.

use super::{dialect, Engine, Store};
use crate::Result;
use sqlx::{Executor, Row};

struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "foundation",
        sqlite: include_str!("../../migrations/sqlite/0001_foundation.sql"),
        postgres: include_str!("../../migrations/postgres/0001_foundation.sql"),
    },
    Migration {
        version: 2,
        name: "sla",
        sqlite: include_str!("../../migrations/sqlite/0002_sla.sql"),
        postgres: include_str!("../../migrations/postgres/0002_sla.sql"),
    },
    Migration {
        version: 3,
        name: "stats",
        sqlite: include_str!("../../migrations/sqlite/0003_stats.sql"),
        postgres: include_str!("../../migrations/postgres/0003_stats.sql"),
    },
    Migration {
        version: 4,
        name: "dispatch",
        sqlite: include_str!("../../migrations/sqlite/0004_dispatch.sql"),
        postgres: include_str!("../../migrations/postgres/0004_dispatch.sql"),
    },
    Migration {
        version: 5,
        name: "stats_rollup",
        sqlite: include_str!("../../migrations/sqlite/0005_stats_rollup.sql"),
        postgres: include_str!("../../migrations/postgres/0005_stats_rollup.sql"),
    },
    Migration {
        version: 6,
        name: "templates",
        sqlite: include_str!("../../migrations/sqlite/0006_templates.sql"),
        postgres: include_str!("../../migrations/postgres/0006_templates.sql"),
    },
    Migration {
        version: 7,
        name: "route_day",
        sqlite: include_str!("../../migrations/sqlite/0007_route_day.sql"),
        postgres: include_str!("../../migrations/postgres/0007_route_day.sql"),
    },
    Migration {
        version: 8,
        name: "reports",
        sqlite: include_str!("../../migrations/sqlite/0008_reports.sql"),
        postgres: include_str!("../../migrations/postgres/0008_reports.sql"),
    },
    Migration {
        version: 9,
        name: "attachments",
        sqlite: include_str!("../../migrations/sqlite/0009_attachments.sql"),
        postgres: include_str!("../../migrations/postgres/0009_attachments.sql"),
    },
    Migration {
        version: 10,
        name: "stats_durations",
        sqlite: include_str!("../../migrations/sqlite/0010_stats_durations.sql"),
        postgres: include_str!("../../migrations/postgres/0010_stats_durations.sql"),
    },
    Migration {
        version: 11,
        name: "workflows",
        sqlite: include_str!("../../migrations/sqlite/0011_workflows.sql"),
        postgres: include_str!("../../migrations/postgres/0011_workflows.sql"),
    },
    Migration {
        version: 12,
        name: "processing",
        sqlite: include_str!("../../migrations/sqlite/0012_processing.sql"),
        postgres: include_str!("../../migrations/postgres/0012_processing.sql"),
    },
    Migration {
        version: 13,
        name: "stats_backlog_blocks",
        sqlite: include_str!("../../migrations/sqlite/0013_stats_backlog_blocks.sql"),
        postgres: include_str!("../../migrations/postgres/0013_stats_backlog_blocks.sql"),
    },
];

/// The shipped SQL of migration `version` on `engine` (empty when there is none): the
/// statistics rebuild re-runs the backfill statements of 0005, 0010 and 0013 from it.
pub(super) fn sql_of(version: i64, engine: Engine) -> &'static str {
    MIGRATIONS
        .iter()
        .find(|m| m.version == version)
        .map(|m| match engine {
            Engine::Sqlite => m.sqlite,
            Engine::Postgres => m.postgres,
        })
        .unwrap_or("")
}

pub(super) async fn run(store: &Store) -> Result<()> {
    let mut conn = store.pool().acquire().await?;
    conn.execute(
        "CREATE TABLE IF NOT EXISTS orderly_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
    )
    .await?;
    let applied: Vec<i64> = sqlx::query("SELECT version FROM orderly_migrations ORDER BY version")
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.try_get::<i64, _>(0))
        .collect::<Result<_, _>>()?;
    drop(conn);
    let pending: Vec<&Migration> = MIGRATIONS.iter().filter(|m| !applied.contains(&m.version)).collect();
    let Some(first) = pending.first() else { return Ok(()) };
    if store.engine() == Engine::Sqlite && !applied.is_empty() {
        backup_before(store, first.version).await?;
    }
    for migration in pending {
        let mut tx = store.write().await?;
        let sql = match store.engine() {
            Engine::Sqlite => migration.sqlite,
            Engine::Postgres => migration.postgres,
        };
        sqlx::raw_sql(sql).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO orderly_migrations (version, name, applied_at) VALUES ($1, $2, $3)")
            .bind(migration.version)
            .bind(migration.name)
            .bind(crate::domain::now_millis())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    Ok(())
}

async fn backup_before(store: &Store, version: i64) -> Result<()> {
    let Some(path) = store.sqlite_path() else { return Ok(()) };
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let target = path.with_extension(format!("before-{version:04}-{stamp}.db"));
    dialect::sqlite_backup(store.pool(), &target).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_store_with_data_is_copied_before_a_migration() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("orderly.db");
        let store = Store::open(path.to_str().unwrap()).await.unwrap();
        sqlx::query("INSERT INTO departments (id, name, created_at) VALUES ('d1', '售后服务部', 0)")
            .execute(store.pool())
            .await
            .unwrap();
        backup_before(&store, 2).await.unwrap();
        let copies: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with("orderly.before-0002-") && n.ends_with(".db"))
            .collect();
        assert_eq!(copies.len(), 1, "{copies:?}");
        let copy = rusqlite::Connection::open(dir.path().join(&copies[0])).unwrap();
        let name: String = copy.query_row("SELECT name FROM departments", [], |r| r.get(0)).unwrap();
        assert_eq!(name, "售后服务部");
    }
}
