//! Commands of the workflow (issue #4): the actions the signed-in person may take on an order,
//! taking one, a transfer request and its review, and a trigger's dry run. The rules are the
//! core's; the UI shows what these return.

use orderly::domain::order::WorkOrder;
use orderly::domain::trigger::TriggerPlan;
use orderly::service::transfer::TransferRequest;
use orderly::service::workflow_moves::{ActInput, AvailableAction};
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
