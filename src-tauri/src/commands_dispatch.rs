//! Commands of dispatch: the board's technicians, suggestions, scheduling (the board's drop),
//! what an order needs, automatic assignment, rules, batch plans, the order pool and its
//! fallback time, the technicians' roster and editor, and handing an order over with a reason.

use orderly::domain::dispatch::{DispatchInfo, PoolRule, TechnicianProfile};
use orderly::domain::order::WorkOrder;
use orderly::service::dispatch::{PoolItem, ScheduleRequest, Suggestion, TechnicianCard};
use orderly::service::dispatch_auto::AutoMode;
use orderly::service::dispatch_batch::{BatchOutcome, BatchPlan, Proposal};
use orderly::service::dispatch_people::{TechnicianEdit, TechnicianRow};
use orderly::service::dispatch_rules::DispatchRule;
use orderly::service::handover::Handover;
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

#[tauri::command]
#[specta::specta]
pub async fn pool_fallback_minutes(state: Shared<'_>) -> Result<i64, Error> {
    state.actor()?;
    state.orderly.pool_fallback_minutes().await
}

#[tauri::command]
#[specta::specta]
pub async fn pool_fallback_minutes_save(state: Shared<'_>, minutes: i64) -> Result<i64, Error> {
    state.orderly.set_pool_fallback_minutes(&state.actor()?, minutes).await
}

#[tauri::command]
#[specta::specta]
pub async fn technician_roster(state: Shared<'_>) -> Result<Vec<TechnicianRow>, Error> {
    state.orderly.technician_roster(&state.actor()?, orderly::domain::now_millis()).await
}

#[tauri::command]
#[specta::specta]
pub async fn technician_save(state: Shared<'_>, edit: TechnicianEdit) -> Result<TechnicianCard, Error> {
    state.orderly.save_technician(&state.actor()?, edit).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_hand_over(state: Shared<'_>, handover: Handover) -> Result<WorkOrder, Error> {
    state.orderly.hand_over(&state.actor()?, handover).await
}
