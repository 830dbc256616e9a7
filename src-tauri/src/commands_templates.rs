//! Commands of templates (issue #3): the library, one version, saving a draft and publishing,
//! the designer's preview and version diff, attachments, mappings, converting an order, and
//! the form state the new-order and edit forms ask for as values change (which fields show,
//! are required or read-only, and what is wrong with each), so the UI keeps no copy of the
//! rules.

use orderly::domain::attachment::AttachmentRef;
use orderly::domain::form::diff::TemplateDiff;
use orderly::domain::form::library::FieldMapping;
use orderly::domain::form::TemplateDef;
use orderly::domain::order::WorkOrder;
use orderly::domain::template::{FormState, StoredTemplate};
use orderly::service::template_orders::{ConversionPreview, OrderConversion};
use orderly::service::templates::TemplateSummary;
use orderly::Error;
use serde_json::Value;
use tauri::State;

use crate::session::AppState;

type Shared<'a> = State<'a, AppState>;

#[tauri::command]
#[specta::specta]
pub async fn templates_list(state: Shared<'_>) -> Result<Vec<TemplateSummary>, Error> {
    state.orderly.templates(&state.actor()?).await
}

/// One version of a template (`None`: the latest published one).
#[tauri::command]
#[specta::specta]
pub async fn template_version_get(
    state: Shared<'_>,
    key: String,
    version: Option<i32>,
) -> Result<StoredTemplate, Error> {
    state.orderly.get_template(&state.actor()?, &key, version).await
}

#[tauri::command]
#[specta::specta]
pub async fn template_draft_save(state: Shared<'_>, definition: TemplateDef) -> Result<StoredTemplate, Error> {
    state.orderly.save_template_draft(&state.actor()?, definition).await
}

#[tauri::command]
#[specta::specta]
pub async fn template_publish(state: Shared<'_>, key: String) -> Result<StoredTemplate, Error> {
    state.orderly.publish_template(&state.actor()?, &key).await
}

#[tauri::command]
#[specta::specta]
pub async fn template_mapping_get(state: Shared<'_>, from: String, to: String) -> Result<FieldMapping, Error> {
    state.orderly.template_mapping(&state.actor()?, &from, &to).await
}

#[tauri::command]
#[specta::specta]
pub async fn template_mapping_save(state: Shared<'_>, mapping: FieldMapping) -> Result<FieldMapping, Error> {
    state.orderly.save_template_mapping(&state.actor()?, mapping).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_convert_preview(
    state: Shared<'_>,
    id: String,
    to_key: String,
    template_version: Option<i32>,
) -> Result<ConversionPreview, Error> {
    state.orderly.conversion_preview(&state.actor()?, &id, &to_key, template_version).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_convert(state: Shared<'_>, id: String, conversion: OrderConversion) -> Result<WorkOrder, Error> {
    state.orderly.convert_order(&state.actor()?, &id, conversion).await
}

#[tauri::command]
#[specta::specta]
pub async fn template_form_state(
    state: Shared<'_>,
    key: String,
    version: Option<i32>,
    values: Value,
) -> Result<FormState, Error> {
    state.orderly.template_form_state(&state.actor()?, &key, version, &values).await
}

/// The designer's live preview: the form state of `values` under an unsaved definition,
/// which is checked as a save would check it.
#[tauri::command]
#[specta::specta]
pub async fn template_preview_state(
    state: Shared<'_>,
    definition: TemplateDef,
    values: Value,
) -> Result<FormState, Error> {
    state.orderly.template_preview_state(&state.actor()?, definition, &values).await
}

/// What changed from one stored version of a template to another.
#[tauri::command]
#[specta::specta]
pub async fn template_diff(state: Shared<'_>, key: String, from: i32, to: i32) -> Result<TemplateDiff, Error> {
    state.orderly.template_diff(&state.actor()?, &key, from, to).await
}

/// Stores a file for an attachment field, checked against the field's limits first; the
/// reference it returns goes into the order's values.
#[tauri::command]
#[specta::specta]
pub async fn attachment_put(
    state: Shared<'_>,
    template_key: String,
    field_key: String,
    name: String,
    mime: String,
    bytes: Vec<u8>,
) -> Result<AttachmentRef, Error> {
    state.orderly.store_attachment(&state.actor()?, &template_key, &field_key, &name, &mime, &bytes).await
}

#[tauri::command]
#[specta::specta]
pub async fn attachment_get(state: Shared<'_>, sha256: String) -> Result<Vec<u8>, Error> {
    state.orderly.read_attachment(&state.actor()?, &sha256).await
}
