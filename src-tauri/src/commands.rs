//! The Tauri commands: each one finds the signed-in actor, calls the core service and returns
//! its answer. No rules live here — a command that grows past a few lines moves into the core.

use orderly::domain::history::{Comment, NewComment};
use orderly::domain::order::{NewOrder, OrderFilter, OrderPage, OrderUpdate, WorkOrder};
use orderly::domain::org::{Customer, Department, NewCustomer, NewNode};
use orderly::domain::user::{Actor, NewUser, User, UserPatch};
use orderly::service::{Directory, OrderDetail, SetupStatus, TemplateInfo};
use orderly::Error;
use tauri::State;

use crate::session::AppState;

type Shared<'a> = State<'a, AppState>;

#[tauri::command]
#[specta::specta]
pub async fn setup_status(state: Shared<'_>) -> Result<SetupStatus, Error> {
    state.setup_status().await
}

#[tauri::command]
#[specta::specta]
pub async fn setup_admin(state: Shared<'_>, password: String, remember: bool) -> Result<Actor, Error> {
    let (actor, token) = state.orderly.setup_admin(&password).await?;
    state.begin(actor, token, remember)
}

#[tauri::command]
#[specta::specta]
pub async fn sign_in(state: Shared<'_>, login: String, password: String, remember: bool) -> Result<Actor, Error> {
    let (actor, token) = state.orderly.sign_in(&login, &password).await?;
    state.begin(actor, token, remember)
}

#[tauri::command]
#[specta::specta]
pub async fn switch_user(state: Shared<'_>, login: String) -> Result<Actor, Error> {
    state.switch_to(&login).await
}

#[tauri::command]
#[specta::specta]
pub async fn sign_out(state: Shared<'_>) -> Result<(), Error> {
    let token = state.end()?;
    state.orderly.sign_out(&token).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_create(state: Shared<'_>, input: NewOrder) -> Result<WorkOrder, Error> {
    state.orderly.create_order(&state.actor()?, input).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_get(state: Shared<'_>, id: String) -> Result<OrderDetail, Error> {
    state.orderly.order_detail(&state.actor()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_list(state: Shared<'_>, filter: OrderFilter) -> Result<OrderPage, Error> {
    state.orderly.list_orders(&state.actor()?, filter).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_update(state: Shared<'_>, id: String, update: OrderUpdate) -> Result<WorkOrder, Error> {
    state.orderly.update_order(&state.actor()?, &id, update).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_assign(
    state: Shared<'_>,
    id: String,
    assignee_id: Option<String>,
    version: i64,
) -> Result<WorkOrder, Error> {
    state.orderly.assign_order(&state.actor()?, &id, assignee_id, version).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_set_status(state: Shared<'_>, id: String, status: String, version: i64) -> Result<WorkOrder, Error> {
    state.orderly.change_status(&state.actor()?, &id, &status, version).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_comment(state: Shared<'_>, id: String, comment: NewComment) -> Result<Comment, Error> {
    state.orderly.add_comment(&state.actor()?, &id, comment).await
}

#[tauri::command]
#[specta::specta]
pub async fn directory(state: Shared<'_>) -> Result<Directory, Error> {
    state.orderly.directory(&state.actor()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn template_get(state: Shared<'_>, key: String) -> Result<TemplateInfo, Error> {
    state.orderly.template(&state.actor()?, &key).await
}

#[tauri::command]
#[specta::specta]
pub async fn user_create(state: Shared<'_>, input: NewUser) -> Result<User, Error> {
    state.orderly.create_user(&state.actor()?, input).await
}

#[tauri::command]
#[specta::specta]
pub async fn user_update(state: Shared<'_>, id: String, patch: UserPatch) -> Result<User, Error> {
    state.orderly.update_user(&state.actor()?, &id, patch).await
}

#[tauri::command]
#[specta::specta]
pub async fn department_create(state: Shared<'_>, input: NewNode) -> Result<Department, Error> {
    state.orderly.create_department(&state.actor()?, input).await
}

#[tauri::command]
#[specta::specta]
pub async fn customer_create(state: Shared<'_>, input: NewCustomer) -> Result<Customer, Error> {
    state.orderly.create_customer(&state.actor()?, input).await
}
