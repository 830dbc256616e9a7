//! Commands of the SLA and the inbox: an order's SLA explained, urging, calendars and
//! policies (admins), notifications and their preferences, and the UI's language (which the
//! native notifications and the tray follow).

use orderly::domain::notify::NotificationPrefs;
use orderly::domain::order::WorkOrder;
use orderly::domain::sla::{StoredCalendar, StoredPolicy};
use orderly::service::notify::Inbox;
use orderly::service::sla::SlaSetup;
use orderly::service::sla_clock::OrderSla;
use orderly::Error;
use tauri::{AppHandle, State};

use crate::session::AppState;

type Shared<'a> = State<'a, AppState>;

#[tauri::command]
#[specta::specta]
pub async fn set_language(app: AppHandle, state: Shared<'_>, lang: String) -> Result<(), Error> {
    state.set_language(&lang);
    crate::background::refresh(&app).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_sla(state: Shared<'_>, id: String) -> Result<Option<OrderSla>, Error> {
    state.orderly.order_sla(&state.actor()?, &id, orderly::domain::now_millis()).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_urge(state: Shared<'_>, id: String) -> Result<WorkOrder, Error> {
    state.orderly.urge_order(&state.actor()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn sla_setup(state: Shared<'_>) -> Result<SlaSetup, Error> {
    state.orderly.sla_setup(&state.actor()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn sla_calendar_save(state: Shared<'_>, calendar: StoredCalendar) -> Result<StoredCalendar, Error> {
    state.orderly.save_calendar(&state.actor()?, calendar).await
}

#[tauri::command]
#[specta::specta]
pub async fn sla_policy_save(state: Shared<'_>, policy: StoredPolicy) -> Result<StoredPolicy, Error> {
    state.orderly.save_policy(&state.actor()?, policy).await
}

#[tauri::command]
#[specta::specta]
pub async fn inbox_get(state: Shared<'_>, unread_only: bool) -> Result<Inbox, Error> {
    state.orderly.inbox(&state.actor()?, unread_only).await
}

/// Marks notifications read (all when `ids` is empty) and refreshes the tray.
#[tauri::command]
#[specta::specta]
pub async fn inbox_mark_read(app: AppHandle, state: Shared<'_>, ids: Vec<String>) -> Result<(), Error> {
    state.orderly.mark_read(&state.actor()?, &ids).await?;
    crate::background::refresh(&app).await
}

#[tauri::command]
#[specta::specta]
pub async fn notification_prefs(state: Shared<'_>) -> Result<NotificationPrefs, Error> {
    state.orderly.notification_prefs(&state.actor()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn notification_prefs_save(state: Shared<'_>, prefs: NotificationPrefs) -> Result<NotificationPrefs, Error> {
    state.orderly.set_notification_prefs(&state.actor()?, prefs).await
}
