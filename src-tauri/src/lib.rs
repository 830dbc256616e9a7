//! Orderly desktop shell: opens the core service on the local store, keeps who is signed in
//! to this window, and exposes the core's use cases as thin typed Tauri commands. The
//! TypeScript bindings for those commands are generated from here into `ui/src/bindings.ts`.

pub mod background;
pub mod commands;
pub mod commands_dispatch;
pub mod commands_processing;
pub mod commands_reports;
pub mod commands_route;
pub mod commands_sla;
pub mod commands_stats;
pub mod commands_templates;
pub mod commands_workflow;
pub mod notifier;
pub mod print;
pub mod session;
pub mod tray;

include!("command_names.rs");

use std::path::{Path, PathBuf};

use orderly::service::Orderly;
use specta_typescript::Typescript;
use tauri::Manager;
use tauri_specta::{collect_commands, Builder};

use crate::session::{AppState, RememberedSessions};

/// The environment variable that points the app at another store (SQLite path or
/// `postgres://` URL) instead of the default file in the app data folder.
pub const DB_ENV: &str = "ORDERLY_DB";

const BINDINGS_HEADER: &str =
    "// generated — do not edit. Regenerate with `cargo run -p orderly-desktop --bin export-bindings`.";

/// Names the UI uses for shapes the generator writes inline.
const BINDINGS_EXTRA: &str = "\
/** What every command resolves to: its data, or the core's refusal. */
export type Result<T, E> = { status: \"ok\"; data: T } | { status: \"error\"; error: E };

/** Any JSON value (serde_json::Value): custom field values, history old/new values. */
export type JsonValue = Value;
";

/// The command registry shared by the running app and the bindings exporter.
pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            commands::setup_status,
            commands::setup_admin,
            commands::sign_in,
            commands::switch_user,
            commands::sign_out,
            commands::order_create,
            commands::order_get,
            commands::order_list,
            commands::order_update,
            commands::order_assign,
            commands::order_set_status,
            commands::order_comment,
            commands::directory,
            commands::template_get,
            commands::user_create,
            commands::user_update,
            commands::department_create,
            commands::customer_create,
            commands_sla::set_language,
            commands_sla::order_sla,
            commands_sla::order_urge,
            commands_sla::sla_setup,
            commands_sla::sla_calendar_save,
            commands_sla::sla_policy_save,
            commands_sla::inbox_get,
            commands_sla::inbox_mark_read,
            commands_sla::notification_prefs,
            commands_sla::notification_prefs_save,
            commands_dispatch::technician_board,
            commands_dispatch::technician_profile_save,
            commands_dispatch::order_dispatch_info,
            commands_dispatch::order_needs_save,
            commands_dispatch::dispatch_suggest,
            commands_dispatch::dispatch_schedule,
            commands_dispatch::dispatch_batch,
            commands_dispatch::dispatch_apply,
            commands_dispatch::pool_publish,
            commands_dispatch::pool_list,
            commands_dispatch::pool_grab,
            commands_dispatch::dispatch_auto,
            commands_dispatch::dispatch_rules,
            commands_dispatch::dispatch_rules_save,
            commands_dispatch::pool_rules,
            commands_dispatch::pool_rules_save,
            commands_dispatch::pool_fallback_minutes,
            commands_dispatch::pool_fallback_minutes_save,
            commands_dispatch::technician_roster,
            commands_dispatch::technician_save,
            commands_dispatch::order_hand_over,
            commands_route::optimise_day,
            commands_route::accept_day_plan,
            commands_route::route_map_svg,
            commands_stats::dashboards_list,
            commands_stats::dashboards_get,
            commands_stats::dashboards_save,
            commands_stats::dashboards_delete,
            commands_stats::dashboards_share,
            commands_stats::dashboards_clone,
            commands_stats::tile_data,
            commands_stats::tile_export,
            commands_stats::technician_stats,
            commands_templates::templates_list,
            commands_templates::template_version_get,
            commands_templates::template_draft_save,
            commands_templates::template_publish,
            commands_templates::template_mapping_get,
            commands_templates::template_mapping_save,
            commands_templates::order_convert,
            commands_templates::order_convert_preview,
            commands_templates::template_form_state,
            commands_templates::template_preview_state,
            commands_templates::template_diff,
            commands_templates::attachment_put,
            commands_templates::attachment_get,
            commands_reports::reports_list,
            commands_reports::reports_save,
            commands_reports::reports_delete,
            commands_reports::reports_run,
            commands_reports::reports_html,
            commands_reports::reports_pdf,
            commands_reports::reports_print,
            commands_reports::smtp_get,
            commands_reports::smtp_save,
            commands_reports::smtp_clear,
            commands_workflow::order_actions,
            commands_workflow::order_act,
            commands_workflow::order_transfer,
            commands_workflow::order_review,
            commands_workflow::trigger_test,
            commands_workflow::workflows_list,
            commands_workflow::workflow_get,
            commands_workflow::workflow_builtin,
            commands_workflow::workflow_save,
            commands_workflow::workflow_assign,
            commands_workflow::triggers_list,
            commands_workflow::trigger_save,
            commands_workflow::trigger_set_active,
            commands_workflow::trigger_delete,
            commands_workflow::triggers_reorder,
            commands_workflow::triggers_dry_run,
            commands_processing::order_processing,
            commands_processing::order_collaborator_add,
            commands_processing::order_collaborator_remove,
            commands_processing::order_link,
            commands_processing::order_unlink,
            commands_processing::order_mark,
            commands_processing::saved_filters,
            commands_processing::saved_filter_save,
            commands_processing::saved_filter_delete,
            commands_processing::order_bulk,
            commands_processing::order_bulk_actions,
        ])
        // Times are epoch milliseconds and versions small counters: both fit a JS number.
        .dangerously_cast_bigints_to_number()
        // One TypeScript type per Rust type (`WorkOrder`, not `WorkOrder_Serialize`).
        .disable_serde_phases()
}

/// Where the committed bindings live: `ui/src/bindings.ts` of this repository.
pub fn bindings_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts")
}

/// Writes the TypeScript bindings to `path`.
pub fn write_bindings(path: &Path) -> Result<(), specta_typescript::Error> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let language = Typescript::default().header(BINDINGS_HEADER).with_raw(BINDINGS_EXTRA);
    specta_builder().export(language, path)
}

/// The store to open: `$ORDERLY_DB`, else the core's default SQLite file in the app data dir.
pub fn store_location() -> String {
    match std::env::var(DB_ENV) {
        Ok(url) if !url.trim().is_empty() => url,
        _ => orderly::service::default_db_path().to_string_lossy().into_owned(),
    }
}

/// The store for display: a PostgreSQL URL loses its password.
pub fn store_display(location: &str) -> String {
    match (location.find("://"), location.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &location[scheme_end + 3..at];
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{}{}@{}", &location[..scheme_end + 3], user, &location[at + 1..])
        }
        _ => location.to_string(),
    }
}

pub fn run() {
    let builder = specta_builder();
    tauri::Builder::default()
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            let location = store_location();
            // A SQLite store keeps attachments beside its file; a shared PostgreSQL one keeps
            // this desktop's in its app data folder.
            let files = if location.starts_with("postgres") {
                Some(app.path().app_data_dir()?.join("attachments"))
            } else {
                None
            };
            let orderly = tauri::async_runtime::block_on(Orderly::open_with_files(&location, files))
                .map_err(|e| format!("cannot open the store {}: {}", store_display(&location), e.message("en")))?;
            let sessions = RememberedSessions::new(app.path().app_config_dir()?.join("sessions.json"));
            app.manage(AppState::new(orderly, store_display(&location), sessions));
            if let Err(e) = tray::install(app.handle()) {
                // A desktop without a tray host still works; the inbox is in the window.
                eprintln!("orderly: no tray icon: {e}");
            }
            background::start(app.handle().clone());
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("error while running Orderly");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_are_fresh() {
        let path = bindings_path();
        if std::env::var_os("ORDERLY_WRITE_BINDINGS").is_some() {
            write_bindings(&path).unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("bindings.ts");
        write_bindings(&fresh).unwrap();
        let fresh = std::fs::read_to_string(fresh).unwrap();
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            fresh == committed,
            "{} is stale: run `cargo run -p orderly-desktop --bin export-bindings` and commit it",
            path.display()
        );
    }

    #[test]
    fn every_command_is_in_the_manifest_the_capability_and_the_bindings() {
        let dir = tempfile::tempdir().unwrap();
        let ts = dir.path().join("bindings.ts");
        write_bindings(&ts).unwrap();
        let ts = std::fs::read_to_string(ts).unwrap();
        let capability = include_str!("../capabilities/default.json");
        let capability: serde_json::Value = serde_json::from_str(capability).unwrap();
        let granted: Vec<&str> =
            capability["permissions"].as_array().unwrap().iter().filter_map(|p| p.as_str()).collect();
        for name in COMMAND_NAMES {
            assert!(ts.contains(&format!("\"{name}\"")), "{name} missing from the bindings");
            let permission = format!("allow-{}", name.replace('_', "-"));
            assert!(granted.contains(&permission.as_str()), "{permission} missing from the capability");
        }
        let invoked = ts.matches("TAURI_INVOKE(\"").count();
        assert_eq!(invoked, COMMAND_NAMES.len(), "a handler is not listed in command_names.rs");
    }

    #[test]
    fn a_postgres_password_is_not_shown() {
        assert_eq!(store_display("postgres://app:s3cret@db:5432/orderly"), "postgres://app@db:5432/orderly");
        assert_eq!(store_display("/home/a/.local/share/x.db"), "/home/a/.local/share/x.db");
    }
}
