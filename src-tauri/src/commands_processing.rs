//! Commands of processing (issue #4): collaborators, links, the reader's own marks, saved list
//! filters and bulk changes. The order detail's extra panel reads [`order_processing`].
//!
//! Bulk changes report progress as `bulk-progress` events, `{done, total}` after each order,
//! while the one command call runs; its answer is every order's outcome.

use orderly::domain::processing::Mark;
use orderly::service::bulk::{BulkAction, BulkChange, BulkReport};
use orderly::service::processing::{NewSavedFilter, OrderProcessing};
use orderly::store::processing::SavedFilter;
use orderly::Error;
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};

use crate::session::AppState;

type Shared<'a> = State<'a, AppState>;

/// The payload of a `bulk-progress` event.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BulkProgress {
    pub done: u32,
    pub total: u32,
}

/// An order's collaborators, links and the reader's star and important marks.
#[tauri::command]
#[specta::specta]
pub async fn order_processing(state: Shared<'_>, id: String) -> Result<OrderProcessing, Error> {
    state.orderly.order_processing(&state.actor()?, &id).await
}

/// Adds a collaborator (user id or login).
#[tauri::command]
#[specta::specta]
pub async fn order_collaborator_add(state: Shared<'_>, id: String, user: String) -> Result<OrderProcessing, Error> {
    state.orderly.add_collaborator(&state.actor()?, &id, &user).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_collaborator_remove(state: Shared<'_>, id: String, user: String) -> Result<OrderProcessing, Error> {
    state.orderly.remove_collaborator(&state.actor()?, &id, &user).await
}

/// Links `id` to `other`: `related` (default), `duplicate_of`, `parent_of` or `child_of`.
#[tauri::command]
#[specta::specta]
pub async fn order_link(
    state: Shared<'_>,
    id: String,
    other: String,
    kind: Option<String>,
) -> Result<OrderProcessing, Error> {
    state.orderly.link_orders(&state.actor()?, &id, &other, kind.as_deref().unwrap_or("related")).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_unlink(state: Shared<'_>, id: String, other: String) -> Result<OrderProcessing, Error> {
    state.orderly.unlink_orders(&state.actor()?, &id, &other).await
}

/// Sets (`on`) or clears the reader's own star or important mark.
#[tauri::command]
#[specta::specta]
pub async fn order_mark(state: Shared<'_>, id: String, mark: Mark, on: bool) -> Result<OrderProcessing, Error> {
    state.orderly.set_mark(&state.actor()?, &id, mark, on).await
}

#[tauri::command]
#[specta::specta]
pub async fn saved_filters(state: Shared<'_>) -> Result<Vec<SavedFilter>, Error> {
    state.orderly.saved_filters(&state.actor()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn saved_filter_save(state: Shared<'_>, input: NewSavedFilter) -> Result<SavedFilter, Error> {
    state.orderly.save_filter(&state.actor()?, input).await
}

/// Deletes one of the reader's filters (id or name).
#[tauri::command]
#[specta::specta]
pub async fn saved_filter_delete(state: Shared<'_>, id: String) -> Result<(), Error> {
    state.orderly.delete_saved_filter(&state.actor()?, &id).await
}

/// The workflow actions a bulk status change can offer on the selected orders (up to 500), with
/// how many of them offer each.
#[tauri::command]
#[specta::specta]
pub async fn order_bulk_actions(state: Shared<'_>, ids: Vec<String>) -> Result<Vec<BulkAction>, Error> {
    state.orderly.bulk_actions(&state.actor()?, &ids).await
}

/// Assigns or takes a workflow action on up to 500 orders, each on its own, emitting
/// `bulk-progress` after each.
#[tauri::command]
#[specta::specta]
pub async fn order_bulk(
    app: AppHandle,
    state: Shared<'_>,
    ids: Vec<String>,
    change: BulkChange,
) -> Result<BulkReport, Error> {
    let progress = |done: usize, total: usize| {
        let _ = app.emit("bulk-progress", BulkProgress { done: done as u32, total: total as u32 });
    };
    state.orderly.bulk_change(&state.actor()?, &ids, &change, progress).await
}
