//! Commands of dispatch: the board's technicians, suggestions, scheduling (the board's drop),
//! what an order needs, automatic assignment, rules, batch plans, and the order pool.

use orderly::domain::dispatch::{DispatchInfo, PoolRule, TechnicianProfile};
use orderly::domain::order::WorkOrder;
use orderly::service::dispatch::{PoolItem, ScheduleRequest, Suggestion, TechnicianCard};
use orderly::service::dispatch_auto::AutoMode;
use orderly::service::dispatch_batch::{BatchOutcome, BatchPlan, Proposal};
use orderly::service::dispatch_rules::DispatchRule;
use orderly::Error;
use tauri::State;

use crate::session::AppState;

type Shared<'a> = State<'a, AppState>;

#[tauri::command]
#[specta::specta]
pub async fn technician_board(state: Shared<'_>) -> Result<Vec<TechnicianCard>, Error> {
    state.orderly.technician_board(&state.actor()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn technician_profile_save(
    state: Shared<'_>,
    profile: TechnicianProfile,
) -> Result<TechnicianProfile, Error> {
    state.orderly.save_technician_profile(&state.actor()?, profile).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_dispatch_info(state: Shared<'_>, id: String) -> Result<DispatchInfo, Error> {
    state.orderly.dispatch_info(&state.actor()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_needs_save(state: Shared<'_>, id: String, needs: DispatchInfo) -> Result<DispatchInfo, Error> {
    state.orderly.set_order_needs(&state.actor()?, &id, needs).await
}

#[tauri::command]
#[specta::specta]
pub async fn dispatch_suggest(state: Shared<'_>, id: String) -> Result<Suggestion, Error> {
    state.orderly.dispatch_suggest(&state.actor()?, &id, orderly::domain::now_millis()).await
}

#[tauri::command]
#[specta::specta]
pub async fn dispatch_schedule(state: Shared<'_>, request: ScheduleRequest) -> Result<WorkOrder, Error> {
    state.orderly.schedule_order(&state.actor()?, request).await
}

#[tauri::command]
#[specta::specta]
pub async fn dispatch_batch(state: Shared<'_>, order_ids: Vec<String>, seconds: f64) -> Result<BatchPlan, Error> {
    state.orderly.dispatch_batch(&state.actor()?, &order_ids, seconds, orderly::domain::now_millis()).await
}

#[tauri::command]
#[specta::specta]
pub async fn dispatch_apply(state: Shared<'_>, proposals: Vec<Proposal>) -> Result<BatchOutcome, Error> {
    state.orderly.apply_batch(&state.actor()?, proposals).await
}

#[tauri::command]
#[specta::specta]
pub async fn pool_publish(state: Shared<'_>, id: String) -> Result<DispatchInfo, Error> {
    state.orderly.pool_publish(&state.actor()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn pool_list(state: Shared<'_>) -> Result<Vec<PoolItem>, Error> {
    state.orderly.pool_for(&state.actor()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn pool_grab(state: Shared<'_>, id: String) -> Result<WorkOrder, Error> {
    state.orderly.pool_grab(&state.actor()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn dispatch_auto(state: Shared<'_>, id: String, mode: AutoMode) -> Result<WorkOrder, Error> {
    state.orderly.auto_assign(&state.actor()?, &id, mode, orderly::domain::now_millis()).await
}

#[tauri::command]
#[specta::specta]
pub async fn dispatch_rules(state: Shared<'_>) -> Result<Vec<DispatchRule>, Error> {
    state.actor()?;
    state.orderly.dispatch_rules().await
}

#[tauri::command]
#[specta::specta]
pub async fn dispatch_rules_save(state: Shared<'_>, rules: Vec<DispatchRule>) -> Result<Vec<DispatchRule>, Error> {
    state.orderly.set_dispatch_rules(&state.actor()?, rules).await
}

#[tauri::command]
#[specta::specta]
pub async fn pool_rules(state: Shared<'_>) -> Result<Vec<PoolRule>, Error> {
    state.actor()?;
    state.orderly.pool_rules().await
}

#[tauri::command]
#[specta::specta]
pub async fn pool_rules_save(state: Shared<'_>, rules: Vec<PoolRule>) -> Result<Vec<PoolRule>, Error> {
    state.orderly.set_pool_rules(&state.actor()?, rules).await
}
