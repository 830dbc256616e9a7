//! The one repository layer over SQLite (the default, a file in the app data folder) and
//! PostgreSQL (a team's shared store). Both engines run the same SQL through sqlx's `Any`
//! driver; what truly differs (full-text search, transaction start, backup) is in [`dialect`].
//!
//! SQLite runs with WAL, `synchronous=FULL` and a busy timeout, and every write transaction
//! opens with `BEGIN IMMEDIATE`, so an acknowledged edit survives a crash and two writers
//! queue instead of failing with "database is locked".

pub mod attachments;
pub mod dashboards;
pub mod dialect;
pub mod dispatch;
mod migrate;
pub mod notify;
pub mod orders;
pub mod org;
pub mod processing;
pub mod reports;
pub mod route_day;
pub mod rows;
pub mod sla;
pub mod stats;
pub mod stats_backfill;
pub mod stats_quantile;
pub mod stats_rollup;
pub mod templates;
pub mod users;
pub mod workflows;

use crate::{Error, Result};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyPool, Executor};
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    engine: Engine,
    /// The file path or the URL (password elided) the store was opened from.
    location: String,
    sqlite_path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating when needed) and migrates the store named by `target`: a
    /// `postgres://` URL or a SQLite file path (optionally `sqlite://PATH`).
    pub async fn open(target: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let store = if target.starts_with("postgres://") || target.starts_with("postgresql://") {
            Self::open_postgres(target).await?
        } else {
            let path = target.strip_prefix("sqlite://").unwrap_or(target);
            if path.is_empty() || path.contains("://") {
                return Err(Error::invalid("store.url_invalid").with("value", target));
            }
            Self::open_sqlite(Path::new(path)).await?
        };
        migrate::run(&store).await?;
        Ok(store)
    }

    async fn open_sqlite(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| unreachable(path.display(), e))?;
        }
        let url = format!("sqlite://{}?mode=rwc", path.display());
        let options = AnyConnectOptions::from_str(&url).map_err(|e| unreachable(path.display(), e))?;
        let pool = AnyPoolOptions::new()
            .max_connections(4)
            // A local file needs no liveness ping per acquire (it costs a worker round trip).
            .test_before_acquire(false)
            .after_connect(|conn, _| {
                Box::pin(async move {
                    conn.execute(
                        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; \
                         PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;",
                    )
                    .await?;
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(|e| unreachable(path.display(), e))?;
        Ok(Store {
            pool,
            engine: Engine::Sqlite,
            location: path.display().to_string(),
            sqlite_path: Some(path.to_path_buf()),
        })
    }

    async fn open_postgres(url: &str) -> Result<Store> {
        let shown = elide_password(url);
        let options = AnyConnectOptions::from_str(url).map_err(|e| unreachable(&shown, e))?;
        let pool = AnyPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .map_err(|e| unreachable(&shown, e))?;
        Ok(Store { pool, engine: Engine::Postgres, location: shown, sqlite_path: None })
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    pub fn location(&self) -> &str {
        &self.location
    }

    pub fn sqlite_path(&self) -> Option<&Path> {
        self.sqlite_path.as_deref()
    }

    /// For reads: any pooled connection, no transaction.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Starts a write transaction (`BEGIN IMMEDIATE` on SQLite). Dropped without
    /// [`WriteTx::commit`], the connection is closed, which rolls the transaction back.
    pub async fn write(&self) -> Result<WriteTx> {
        let mut conn = self.pool.acquire().await?;
        conn.execute(dialect::begin_write(self.engine)).await?;
        Ok(WriteTx { conn: Some(conn) })
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn unreachable(place: impl std::fmt::Display, cause: impl std::fmt::Display) -> Error {
    eprintln!("orderly: cannot open store {place}: {cause}");
    Error::new(crate::ErrorCode::Internal, "store.unreachable").with("value", place)
}

fn elide_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// A write transaction on one pooled connection.
pub struct WriteTx {
    conn: Option<PoolConnection<Any>>,
}

impl WriteTx {
    pub async fn commit(mut self) -> Result<()> {
        let mut conn = self.conn.take().expect("open transaction");
        if let Err(e) = conn.execute("COMMIT").await {
            conn.close_on_drop();
            return Err(e.into());
        }
        Ok(())
    }
}

impl Deref for WriteTx {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &Self::Target {
        self.conn.as_ref().expect("open transaction")
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.conn.as_mut().expect("open transaction")
    }
}

impl Drop for WriteTx {
    fn drop(&mut self) {
        // Not committed: closing the connection rolls back; it never returns to the pool
        // with a transaction still open.
        if let Some(conn) = self.conn.as_mut() {
            conn.close_on_drop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_elided_from_shown_urls() {
        assert_eq!(elide_password("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
        assert_eq!(elide_password("postgres://u@h/db"), "postgres://u@h/db");
    }
}
