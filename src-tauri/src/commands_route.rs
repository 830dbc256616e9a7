//! Commands of day routing: optimise a day for the board's technicians, accept the plan, and
//! draw one technician's route map. (Improving plans are not streamed to the window yet: the
//! core reports them through `Orderly::optimise_day_with`.)

use orderly::domain::order::WorkOrder;
use orderly::domain::route_day::{DayPlan, DayPlanRequest};
use orderly::Error;
use tauri::State;

use crate::session::AppState;

type Shared<'a> = State<'a, AppState>;

#[tauri::command]
#[specta::specta]
pub async fn optimise_day(state: Shared<'_>, request: DayPlanRequest) -> Result<DayPlan, Error> {
    state.orderly.optimise_day(&state.actor()?, request).await
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
