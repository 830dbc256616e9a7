//! Commands of day routing: optimise a day for the board's technicians (each better plan is
//! sent on the caller's channel while the search runs), accept the plan, and draw one
//! technician's route map.

use orderly::domain::order::WorkOrder;
use orderly::domain::route_day::{DayPlan, DayPlanRequest};
use orderly::Error;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use tauri::ipc::Channel;
use tauri::State;

use crate::session::AppState;

type Shared<'a> = State<'a, AppState>;

#[tauri::command]
#[specta::specta]
pub async fn optimise_day(
    state: Shared<'_>,
    request: DayPlanRequest,
    progress: Channel<DayPlan>,
) -> Result<DayPlan, Error> {
    let cancel = Arc::new(AtomicBool::new(false));
    let report = move |plan: DayPlan| {
        // A closed window just stops listening; the search goes on to its answer.
        let _ = progress.send(plan);
    };
    state.orderly.optimise_day_with(&state.actor()?, request, cancel, report).await
}

#[tauri::command]
#[specta::specta]
pub async fn accept_day_plan(state: Shared<'_>, plan: DayPlan) -> Result<Vec<WorkOrder>, Error> {
    state.orderly.accept_day_plan(&state.actor()?, plan).await
}

#[tauri::command]
#[specta::specta]
pub async fn route_map_svg(
    state: Shared<'_>,
    plan: DayPlan,
    technician_id: String,
    width: u32,
    height: u32,
) -> Result<String, Error> {
    state.actor()?;
    state.orderly.route_map_svg(&plan, &technician_id, width, height)
}
