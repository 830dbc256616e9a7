//! Dashboards (issue #8): each supervisor's own arrangement of statistics tiles, shareable with
//! everyone who may see statistics, plus two built-in dashboards (supervisors', dispatchers')
//! that anyone may clone into their own. Only a dashboard's owner may change, share or delete
//! it; a definition is checked tile by tile and refused whole, naming the field.

use super::dashboard_defaults::{default_dashboards, is_default_id};
use super::Orderly;
use crate::domain::dashboard::{check_tiles, check_title, Tile};
use crate::domain::user::Actor;
use crate::domain::{new_id, now_millis, Millis};
use crate::store::dashboards::{self as store, DashboardRow};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// A dashboard as the UI shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Dashboard {
    pub id: String,
    pub name: String,
    /// `supervisor` or `dispatcher` for a built-in dashboard (the UI names it in its language).
    pub default_kind: Option<String>,
    /// Empty for a built-in dashboard.
    pub owner_id: String,
    pub owner_name: String,
    /// Whether the viewer owns it (and so may change it).
    pub mine: bool,
    pub shared: bool,
    pub tiles: Vec<Tile>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// What the UI saves: a new dashboard (no id) or new name and tiles for one of the user's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DashboardInput {
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    pub tiles: Vec<Tile>,
}

/// Parses a dashboard definition (the JSON list of tiles) and checks every tile.
pub fn parse_definition(text: &str) -> Result<Vec<Tile>> {
    let tiles: Vec<Tile> = serde_json::from_str(text)
        .map_err(|e| Error::invalid("input.malformed_json").on_field("tiles").with("detail", e))?;
    check_tiles(&tiles)?;
    Ok(tiles)
}

fn check_name(name: &str) -> Result<String> {
    if name.trim().is_empty() {
        return Err(Error::invalid("dashboard.name_empty").on_field("name"));
    }
    check_title(Some(name), "name")?;
    Ok(name.trim().to_string())
}

fn shown(row: DashboardRow, viewer: &Actor) -> Result<Dashboard> {
    let tiles: Vec<Tile> = serde_json::from_str(&row.definition).map_err(Error::internal)?;
    Ok(Dashboard {
        mine: row.owner_id == viewer.user_id,
        id: row.id,
        name: row.name,
        default_kind: None,
        owner_id: row.owner_id,
        owner_name: row.owner_name,
        shared: row.shared,
        tiles,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

fn not_found(id: &str) -> Error {
    Error::not_found("dashboard.not_found").with("value", id)
}

impl Orderly {
    /// The viewer's dashboards, then those others share, then the built-in ones.
    pub async fn dashboards(&self, actor: &Actor) -> Result<Vec<Dashboard>> {
        actor.require(actor.can_assign(), "perm.see_stats")?;
        let mut conn = self.read().await?;
        let mut out = Vec::new();
        for row in store::visible_to(&mut conn, &actor.user_id).await? {
            out.push(shown(row, actor)?);
        }
        out.extend(default_dashboards());
        Ok(out)
    }

    /// One dashboard the viewer may see: theirs, a shared one or a built-in one.
    pub async fn dashboard(&self, actor: &Actor, id: &str) -> Result<Dashboard> {
        actor.require(actor.can_assign(), "perm.see_stats")?;
        if let Some(d) = default_dashboards().into_iter().find(|d| d.id == id) {
            return Ok(d);
        }
        let mut conn = self.read().await?;
        match store::by_id(&mut conn, id).await? {
            Some(row) if row.owner_id == actor.user_id || row.shared => shown(row, actor),
            _ => Err(not_found(id)),
        }
    }

    /// Creates a dashboard (no id) or rewrites one of the actor's own; nothing is stored when
    /// the name or any tile is refused.
    pub async fn save_dashboard(&self, actor: &Actor, input: DashboardInput) -> Result<Dashboard> {
        actor.require(actor.can_assign(), "perm.see_stats")?;
        let name = check_name(&input.name)?;
        check_tiles(&input.tiles)?;
        let definition = serde_json::to_string(&input.tiles).map_err(Error::internal)?;
        let now = now_millis();
        let mut tx = self.store.write().await?;
        let id = match input.id.as_deref() {
            None => {
                let row = DashboardRow {
                    id: new_id(),
                    owner_id: actor.user_id.clone(),
                    owner_name: String::new(),
                    name,
                    definition,
                    shared: false,
                    created_at: now,
                    updated_at: now,
                };
                store::insert(&mut tx, &row).await?;
                row.id
            }
            Some(id) => {
                let mut row = owned(&mut tx, actor, id).await?;
                (row.name, row.definition, row.updated_at) = (name, definition, now);
                store::update(&mut tx, &row).await?;
                row.id
            }
        };
        tx.commit().await?;
        self.dashboard(actor, &id).await
    }

    /// Shares one of the actor's dashboards with everyone who may see statistics, or stops.
    pub async fn share_dashboard(&self, actor: &Actor, id: &str, shared: bool) -> Result<Dashboard> {
        actor.require(actor.can_assign(), "perm.see_stats")?;
        let mut tx = self.store.write().await?;
        let mut row = owned(&mut tx, actor, id).await?;
        (row.shared, row.updated_at) = (shared, now_millis());
        store::update(&mut tx, &row).await?;
        tx.commit().await?;
        self.dashboard(actor, id).await
    }

    pub async fn delete_dashboard(&self, actor: &Actor, id: &str) -> Result<()> {
        actor.require(actor.can_assign(), "perm.see_stats")?;
        let mut tx = self.store.write().await?;
        owned(&mut tx, actor, id).await?;
        store::delete(&mut tx, id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Copies a dashboard the actor may see (a built-in or shared one) into their own.
    pub async fn clone_dashboard(&self, actor: &Actor, id: &str, name: &str) -> Result<Dashboard> {
        let source = self.dashboard(actor, id).await?;
        self.save_dashboard(actor, DashboardInput { id: None, name: name.to_string(), tiles: source.tiles }).await
    }
}

/// Loads a stored dashboard for a change: refused unless the actor owns it.
async fn owned(conn: &mut sqlx::AnyConnection, actor: &Actor, id: &str) -> Result<DashboardRow> {
    if is_default_id(id) {
        return Err(Error::forbidden("dashboard.default_read_only").with("value", id));
    }
    let row = store::by_id(conn, id).await?.ok_or_else(|| not_found(id))?;
    if row.owner_id == actor.user_id {
        Ok(row)
    } else if row.shared {
        Err(Error::forbidden("dashboard.not_owner").with("value", &row.name).with("owner", &row.owner_name))
    } else {
        Err(not_found(id))
    }
}
