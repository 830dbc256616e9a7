//! Fresh stores for the conformance suite: a new SQLite file, and a new PostgreSQL database on
//! 127.0.0.1:5432 (or `ORDERLY_TEST_PG`). Without PostgreSQL the suite fails under `CI=true`
//! and says loudly that it skipped otherwise.
#![allow(dead_code)]

use orderly::domain::user::{Actor, NewUser};
use orderly::service::Orderly;
use sqlx::{Connection, Executor};

pub enum Engine {
    Sqlite,
    Postgres,
}

pub struct TestStore {
    pub orderly: Orderly,
    pub admin: Actor,
    _dir: Option<tempfile::TempDir>,
}

fn pg_base() -> String {
    std::env::var("ORDERLY_TEST_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_string())
}

pub async fn open(engine: Engine) -> Option<TestStore> {
    let (orderly, dir) = match engine {
        Engine::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("orderly.db");
            (Orderly::open(path.to_str().unwrap()).await.unwrap(), Some(dir))
        }
        Engine::Postgres => {
            // PostgreSQL keeps no files: attachments go to a folder the opener names.
            let dir = tempfile::tempdir().unwrap();
            let files = Some(dir.path().join("attachments"));
            (Orderly::open_with_files(&fresh_pg_database().await?, files).await.unwrap(), Some(dir))
        }
    };
    let admin = orderly.first_admin().await.unwrap();
    Some(TestStore { orderly, admin, _dir: dir })
}

/// Creates a new empty database and returns its URL; `None` (skip) only outside CI.
async fn fresh_pg_database() -> Option<String> {
    sqlx::any::install_default_drivers();
    let base = pg_base();
    let server = format!("{}/postgres", base.trim_end_matches('/'));
    match sqlx::PgConnection::connect(&server).await {
        Ok(mut conn) => {
            let name = format!("orderly_test_{}", uuid_simple());
            conn.execute(format!("CREATE DATABASE {name}").as_str()).await.unwrap();
            Some(format!("{}/{name}", base.trim_end_matches('/')))
        }
        Err(e) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("PostgreSQL is required in CI ({server}): {e}")
        }
        Err(e) => {
            eprintln!("\n!!!! SKIPPED PostgreSQL conformance: no server at {server}: {e} !!!!\n");
            None
        }
    }
}

fn uuid_simple() -> String {
    orderly::domain::new_id().replace('-', "")
}

impl TestStore {
    pub async fn user(&self, login: &str, roles: &[&str], department_id: Option<&str>) -> Actor {
        let input = NewUser {
            login: login.into(),
            display_name: login.to_uppercase(),
            roles: roles.iter().map(|r| r.to_string()).collect(),
            department_id: department_id.map(str::to_string),
            ..Default::default()
        };
        self.orderly.create_user(&self.admin, input).await.unwrap();
        self.orderly.actor(login).await.unwrap()
    }

    pub async fn count(&self, table: &str) -> i64 {
        let mut conn = self.orderly.store().pool().acquire().await.unwrap();
        let row = sqlx::query(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&mut *conn).await.unwrap();
        sqlx::Row::get(&row, 0)
    }
}

/// Declares one test per engine running the same scenario: `name::sqlite`, `name::postgres`.
#[macro_export]
macro_rules! conformance {
    ($name:ident, $scenario:path) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let store = common::open(common::Engine::Sqlite).await.unwrap();
                $scenario(store).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(store) = common::open(common::Engine::Postgres).await {
                    $scenario(store).await;
                }
            }
        }
    };
}

/// A fresh store on each engine that answers (PostgreSQL only where it runs), for property
/// tests that drive many cases through one runtime.
pub fn open_all(rt: &tokio::runtime::Runtime) -> Vec<TestStore> {
    rt.block_on(async {
        let mut stores = Vec::new();
        for engine in [Engine::Sqlite, Engine::Postgres] {
            stores.extend(open(engine).await);
        }
        stores
    })
}

/// Two statistics answers are the same: equal series, with values equal up to the last bits of
/// a floating-point division (a mean is a sum over a count on the fast paths, an `AVG` on the
/// straightforward one).
pub fn same_stats(fast: &orderly::domain::stats::StatsResult, straight: &orderly::domain::stats::StatsResult) -> bool {
    fast.series.len() == straight.series.len()
        && fast.series.iter().zip(&straight.series).all(|(a, b)| {
            a.group == b.group
                && a.label == b.label
                && a.points.len() == b.points.len()
                && a.points.iter().zip(&b.points).all(|(p, q)| {
                    p.period == q.period
                        && match (p.value.0, q.value.0) {
                            (Some(x), Some(y)) => x == y || (x - y).abs() <= 1e-9 * x.abs().max(y.abs()),
                            (None, None) => true,
                            _ => false,
                        }
                })
        })
}
