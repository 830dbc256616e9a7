//! Commands of the workflow (issue #4): the actions the signed-in person may take on an order,
//! taking one, a transfer request and its review, and a trigger's dry run; for admins, the
//! workflows (edit, save, assign to templates) and the ordered triggers (save, switch, delete,
//! reorder, dry run). The rules are the core's; the UI shows what these return.

use orderly::domain::order::WorkOrder;
use orderly::domain::trigger::{Trigger, TriggerEvent, TriggerPlan};
use orderly::domain::workflow::WorkflowDef;
use orderly::domain::workflow_default::default_workflow;
use orderly::service::transfer::TransferRequest;
use orderly::service::workflow_moves::{ActInput, AvailableAction};
use orderly::service::workflows::WorkflowSummary;
use orderly::Error;
use tauri::State;

use crate::session::AppState;

type Shared<'a> = State<'a, AppState>;

#[tauri::command]
#[specta::specta]
pub async fn order_actions(state: Shared<'_>, id: String) -> Result<Vec<AvailableAction>, Error> {
    state.orderly.available_actions(&state.actor()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_act(
    state: Shared<'_>,
    id: String,
    version: i64,
    action: String,
    input: ActInput,
) -> Result<WorkOrder, Error> {
    state.orderly.act(&state.actor()?, &id, version, &action, input).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_transfer(state: Shared<'_>, id: String, request: TransferRequest) -> Result<WorkOrder, Error> {
    state.orderly.request_transfer(&state.actor()?, &id, request).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_review(
    state: Shared<'_>,
    id: String,
    approve: bool,
    comment: Option<String>,
) -> Result<WorkOrder, Error> {
    state.orderly.review_transfer(&state.actor()?, &id, approve, comment).await
}

#[tauri::command]
#[specta::specta]
pub async fn trigger_test(state: Shared<'_>, trigger: String, order: String) -> Result<TriggerPlan, Error> {
    state.orderly.test_trigger(&state.actor()?, &trigger, &order).await
}

// Admin pages: workflows (the editor saves through the core's checked import) and the ordered
// trigger list. Permissions and checks are the core's.

#[tauri::command]
#[specta::specta]
pub async fn workflows_list(state: Shared<'_>) -> Result<Vec<WorkflowSummary>, Error> {
    state.orderly.workflows(&state.actor()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn workflow_get(state: Shared<'_>, key: String) -> Result<WorkflowDef, Error> {
    state.orderly.workflow(&state.actor()?, &key).await
}

/// The built-in workflow: the statuses an order can hold with their categories and names.
#[tauri::command]
#[specta::specta]
pub async fn workflow_builtin(state: Shared<'_>) -> Result<WorkflowDef, Error> {
    state.actor()?;
    Ok(default_workflow())
}

#[tauri::command]
#[specta::specta]
pub async fn workflow_save(state: Shared<'_>, definition: WorkflowDef, templates: Vec<String>) -> Result<i64, Error> {
    state.orderly.import_workflow(&state.actor()?, definition, &templates).await
}

#[tauri::command]
#[specta::specta]
pub async fn workflow_assign(
    state: Shared<'_>,
    key: String,
    templates: Vec<String>,
) -> Result<Vec<WorkflowSummary>, Error> {
    state.orderly.assign_workflow(&state.actor()?, &key, &templates).await
}

#[tauri::command]
#[specta::specta]
pub async fn triggers_list(state: Shared<'_>) -> Result<Vec<Trigger>, Error> {
    state.orderly.triggers(&state.actor()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn trigger_save(state: Shared<'_>, trigger: Trigger) -> Result<Vec<Trigger>, Error> {
    state.orderly.save_trigger(&state.actor()?, trigger).await
}

#[tauri::command]
#[specta::specta]
pub async fn trigger_set_active(state: Shared<'_>, key: String, active: bool) -> Result<Vec<Trigger>, Error> {
    state.orderly.set_trigger_active(&state.actor()?, &key, active).await
}

#[tauri::command]
#[specta::specta]
pub async fn trigger_delete(state: Shared<'_>, key: String) -> Result<Vec<Trigger>, Error> {
    state.orderly.delete_trigger(&state.actor()?, &key).await
}

#[tauri::command]
#[specta::specta]
pub async fn triggers_reorder(state: Shared<'_>, keys: Vec<String>) -> Result<Vec<Trigger>, Error> {
    state.orderly.reorder_triggers(&state.actor()?, &keys).await
}

#[tauri::command]
#[specta::specta]
pub async fn triggers_dry_run(state: Shared<'_>, order: String, event: TriggerEvent) -> Result<TriggerPlan, Error> {
    state.orderly.dry_run_triggers(&state.actor()?, &order, event).await
}
