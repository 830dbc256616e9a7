//! Commands of reports (issue #8): list, save (create or rewrite), delete, run now into the
//! report's folder (else the export folder) returning the file's path, the HTML of a run for
//! printing in the app (the system's dialog, or straight into a PDF file), and the SMTP
//! settings (admins).

use orderly::domain::report::ReportDef;
use orderly::service::exports::export_dir;
use orderly::service::reports::Report;
use orderly::service::smtp::{SmtpSettings, SmtpView};
use orderly::Error;
use std::path::PathBuf;
use tauri::{AppHandle, State};

use crate::print::{print_html, PrintTo};
use crate::session::AppState;

type Shared<'a> = State<'a, AppState>;

#[tauri::command]
#[specta::specta]
pub async fn reports_list(state: Shared<'_>) -> Result<Vec<Report>, Error> {
    state.orderly.reports(&state.actor()?).await
}

/// Creates a report (`previous` is none) or rewrites the one called `previous`.
#[tauri::command]
#[specta::specta]
pub async fn reports_save(state: Shared<'_>, previous: Option<String>, report: ReportDef) -> Result<Report, Error> {
    let actor = state.actor()?;
    match previous {
        Some(name) => state.orderly.update_report(&actor, &name, report).await,
        None => state.orderly.create_report(&actor, report).await,
    }
}

#[tauri::command]
#[specta::specta]
pub async fn reports_delete(state: Shared<'_>, name: String) -> Result<(), Error> {
    state.orderly.delete_report(&state.actor()?, &name).await
}

/// Renders the report now into its folder (else the export folder); returns the file's path.
#[tauri::command]
#[specta::specta]
pub async fn reports_run(state: Shared<'_>, name: String, lang: String) -> Result<String, Error> {
    let actor = state.actor()?;
    let report = state.orderly.report(&actor, &name).await?;
    let dir = report.definition.folder.map(PathBuf::from).unwrap_or_else(export_dir);
    let path = state.orderly.run_report(&actor, &name, &dir, chrono::Utc::now(), &lang).await?;
    Ok(path.display().to_string())
}

/// The report as of now as one HTML page, for the app's print preview.
#[tauri::command]
#[specta::specta]
pub async fn reports_html(state: Shared<'_>, name: String, lang: String) -> Result<String, Error> {
    let actor = state.actor()?;
    let report = state.orderly.report(&actor, &name).await?;
    Ok(state.orderly.report_html(&actor, &report.definition, chrono::Utc::now(), &lang).await?.0)
}

/// Prints the report as of now into a PDF file in its folder (else the export folder), with
/// no dialog; returns the file's path.
#[tauri::command]
#[specta::specta]
pub async fn reports_pdf(app: AppHandle, state: Shared<'_>, name: String, lang: String) -> Result<String, Error> {
    let actor = state.actor()?;
    let report = state.orderly.report(&actor, &name).await?;
    let now = chrono::Utc::now();
    let html = state.orderly.report_html(&actor, &report.definition, now, &lang).await?.0;
    let dir = report.definition.folder.clone().map(PathBuf::from).unwrap_or_else(export_dir);
    std::fs::create_dir_all(&dir).map_err(|e| print_failed(e.to_string()))?;
    let path = dir.join(format!("{}-{}.pdf", file_stem(&report.definition.name), now.format("%Y%m%d-%H%M%S")));
    print_html(&app, html, PrintTo::Pdf(path.clone())).await.map_err(print_failed)?;
    match std::fs::metadata(&path) {
        Ok(m) if m.len() > 0 => Ok(path.display().to_string()),
        _ => Err(print_failed(format!("no PDF was written at {}", path.display()))),
    }
}

/// Prints the report as of now through the system's print dialog (a printer, or a file).
#[tauri::command]
#[specta::specta]
pub async fn reports_print(app: AppHandle, state: Shared<'_>, name: String, lang: String) -> Result<(), Error> {
    let actor = state.actor()?;
    let report = state.orderly.report(&actor, &name).await?;
    let html = state.orderly.report_html(&actor, &report.definition, chrono::Utc::now(), &lang).await?.0;
    print_html(&app, html, PrintTo::Dialog).await.map_err(print_failed)
}

fn print_failed(reason: String) -> Error {
    eprintln!("orderly: printing a report failed: {reason}");
    Error::new(orderly::ErrorCode::Internal, "report.print_failed").with("reason", reason)
}

/// A report's name as a file name: path separators and control characters become `_`.
fn file_stem(name: &str) -> String {
    name.chars().map(|c| if c == '/' || c == '\\' || c.is_control() { '_' } else { c }).collect()
}

#[tauri::command]
#[specta::specta]
pub async fn smtp_get(state: Shared<'_>) -> Result<Option<SmtpView>, Error> {
    state.orderly.smtp_settings(&state.actor()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn smtp_save(state: Shared<'_>, settings: SmtpSettings) -> Result<SmtpView, Error> {
    state.orderly.set_smtp_settings(&state.actor()?, settings).await
}

#[tauri::command]
#[specta::specta]
pub async fn smtp_clear(state: Shared<'_>) -> Result<(), Error> {
    state.orderly.clear_smtp_settings(&state.actor()?).await
}
