//! Use cases: the only way into the store for the desktop shell and the CLI alike. Every call
//! names an [`Actor`] and checks what that actor may do; every change is written with its
//! history events in one transaction.

pub mod attachments;
mod auth;
pub mod bulk;
mod changes;
pub mod dashboard_defaults;
pub mod dashboards;
pub mod dispatch;
pub mod dispatch_auto;
pub mod dispatch_batch;
pub mod dispatch_day;
pub mod dispatch_day_accept;
pub mod dispatch_people;
pub mod dispatch_rules;
pub mod exports;
pub mod handover;
pub mod import;
pub mod notify;
mod orders;
mod people;
pub mod processing;
pub mod report_html;
pub mod reports;
pub mod seed;
pub mod sla;
pub mod sla_clock;
mod sla_math;
pub mod smtp;
pub mod stats;
pub mod template_orders;
pub mod templates;
pub mod tiles;
pub mod time_rules;
pub mod transfer;
pub mod trigger_admin;
pub mod triggers;
pub mod workflow_moves;
pub mod workflows;

use crate::domain::order::WorkOrder;
use crate::domain::user::Actor;
use crate::store::{orders as order_store, rows::OrderRow, Store};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;
use std::path::PathBuf;
use std::sync::Arc;

pub use orders::OrderDetail;
pub use people::{Directory, TemplateField, TemplateInfo};
pub use sla_math::sla_error;

/// The desktop app's identifier: its data folder is `<data dir>/<identifier>`.
pub const APP_IDENTIFIER: &str = "com.orderly.desktop";

/// The default store: the desktop app's own SQLite file, so the app and the CLI share it.
pub fn default_db_path() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join(APP_IDENTIFIER).join("orderly.db")
}

/// A signed-in session token (random, shown once; the store keeps only its hash).
pub type SessionToken = String;

/// The service API. Cheap to clone; share one per process.
#[derive(Clone)]
pub struct Orderly {
    store: Arc<Store>,
    /// Where attachments are kept (see [`Orderly::open_with_files`]); `None` when the store
    /// has no folder of its own and the opener gave none.
    files: Option<Arc<PathBuf>>,
}

/// What the desktop shows before anyone signs in.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SetupStatus {
    pub needs_admin_password: bool,
    pub store: String,
    pub remembered: Vec<Actor>,
    pub current: Option<Actor>,
}

impl Orderly {
    /// Opens and migrates the store at `target` (a SQLite path or a `postgres://` URL) and
    /// makes sure the first admin, `admin`, exists.
    pub async fn open(target: &str) -> Result<Orderly> {
        Self::open_with_files(target, None).await
    }

    /// [`Orderly::open`], keeping attachments in `files`. Without it, a SQLite store keeps
    /// them beside its file (`<dir of the file>/attachments`); a PostgreSQL or in-memory store
    /// has no folder of its own, so storing a file is refused until the opener names one.
    pub async fn open_with_files(target: &str, files: Option<PathBuf>) -> Result<Orderly> {
        let store = Store::open(target).await?;
        let beside_file = store
            .sqlite_path()
            .filter(|p| !p.to_string_lossy().contains(":memory:"))
            .map(|p| p.parent().unwrap_or(std::path::Path::new("")).join("attachments"));
        let files = files.or(beside_file).map(Arc::new);
        let orderly = Orderly { store: Arc::new(store), files };
        orderly.ensure_first_admin().await?;
        orderly.ensure_sla_defaults().await?;
        orderly.ensure_template_library().await?;
        orderly.ensure_workflow_library().await?;
        Ok(orderly)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The folder attachments are kept in, if this store has one.
    pub fn files_folder(&self) -> Option<&std::path::Path> {
        self.files.as_deref().map(PathBuf::as_path)
    }

    async fn read(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.store.pool().acquire().await?)
    }

    /// Loads an order the actor may see; a hidden order is refused as forbidden.
    async fn visible_order(conn: &mut AnyConnection, actor: &Actor, id_or_number: &str) -> Result<OrderRow> {
        let found = order_store::find(conn, id_or_number)
            .await?
            .ok_or_else(|| Error::not_found("order.not_found").with("value", id_or_number))?;
        actor.require(actor.can_see(&found.order), "perm.see_order")?;
        Ok(found)
    }
}

/// Refuses a write that names a version other than the stored one.
fn check_version(order: &WorkOrder, read: i64) -> Result<()> {
    if order.version == read {
        Ok(())
    } else {
        Err(Error::conflict("order.version_stale")
            .with("value", &order.number)
            .with("read", read)
            .with("current", order.version))
    }
}
