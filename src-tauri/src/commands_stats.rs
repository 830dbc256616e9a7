//! Commands of statistics (issue #8): dashboards (list, get, save, delete, share, clone), a
//! tile's figures and chart in the UI's language, a tile's export into the user's export
//! folder, and the technicians' figures.

use orderly::domain::dashboard::Tile;
use orderly::domain::stats::{parse_date, TechnicianStats};
use orderly::service::dashboards::{Dashboard, DashboardInput};
use orderly::service::exports::{export_dir, ExportFormat};
use orderly::service::stats::TechnicianFilter;
use orderly::service::tiles::TileData;
use orderly::Error;
use tauri::State;

use crate::session::AppState;

type Shared<'a> = State<'a, AppState>;

#[tauri::command]
#[specta::specta]
pub async fn dashboards_list(state: Shared<'_>) -> Result<Vec<Dashboard>, Error> {
    state.orderly.dashboards(&state.actor()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn dashboards_get(state: Shared<'_>, id: String) -> Result<Dashboard, Error> {
    state.orderly.dashboard(&state.actor()?, &id).await
}

/// Creates a dashboard (no id) or saves one of the user's own.
#[tauri::command]
#[specta::specta]
pub async fn dashboards_save(state: Shared<'_>, dashboard: DashboardInput) -> Result<Dashboard, Error> {
    state.orderly.save_dashboard(&state.actor()?, dashboard).await
}

#[tauri::command]
#[specta::specta]
pub async fn dashboards_delete(state: Shared<'_>, id: String) -> Result<(), Error> {
    state.orderly.delete_dashboard(&state.actor()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn dashboards_share(state: Shared<'_>, id: String, shared: bool) -> Result<Dashboard, Error> {
    state.orderly.share_dashboard(&state.actor()?, &id, shared).await
}

/// Copies a built-in or shared dashboard into the user's own under `name`.
#[tauri::command]
#[specta::specta]
pub async fn dashboards_clone(state: Shared<'_>, id: String, name: String) -> Result<Dashboard, Error> {
    state.orderly.clone_dashboard(&state.actor()?, &id, &name).await
}

/// The tile's figures and chart in `lang` (the UI's language, sent along so a chart never
/// races the language switch).
#[tauri::command]
#[specta::specta]
pub async fn tile_data(state: Shared<'_>, tile: Tile, lang: String) -> Result<TileData, Error> {
    state.orderly.tile_data(&state.actor()?, &tile, &lang).await
}

/// Writes the tile into the export folder and returns the file's full path.
#[tauri::command]
#[specta::specta]
pub async fn tile_export(state: Shared<'_>, tile: Tile, format: ExportFormat, lang: String) -> Result<String, Error> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    let actor = state.actor()?;
    let path = state.orderly.tile_export_into(&actor, &tile, &lang, format, &export_dir(), &stamp).await?;
    Ok(path.display().to_string())
}

#[tauri::command]
#[specta::specta]
pub async fn technician_stats(state: Shared<'_>, from: String, to: String) -> Result<Vec<TechnicianStats>, Error> {
    let filter = TechnicianFilter { from: parse_date("from", &from)?, to: parse_date("to", &to)? };
    state.orderly.technician_stats(&state.actor()?, &filter).await
}
