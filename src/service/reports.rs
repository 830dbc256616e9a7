//! Reports (issue #8): supervisors and admins keep named reports (tiles, a schedule, a folder,
//! recipients); a run renders one self-contained HTML file; the scheduler tick runs every due
//! report, saves its file, mails it when SMTP settings and recipients are given, and records
//! the outcome and the next due time. A failed run is recorded and shown, never lost, and does
//! not stop the other reports.

use super::exports::{export_dir, file_name_with};
use super::report_html::{self, ReportPage, ReportTile};
use super::smtp::{send_report, ReportMail};
use super::Orderly;
use crate::charts::labels::Locale;
use crate::domain::report::ReportDef;
use crate::domain::user::{Actor, Role};
use crate::domain::{new_id, now_millis, Millis};
use crate::store::reports::{self as store, ReportRow};
use crate::store::users;
use crate::{Error, Result};
use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Why a run failed, as a message key and its parameters (the UI translates it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReportFailure {
    pub key: String,
    pub params: BTreeMap<String, String>,
}

/// A report as the UI shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Report {
    pub id: String,
    pub owner_name: String,
    pub definition: ReportDef,
    pub next_run_at: Option<Millis>,
    pub last_run_at: Option<Millis>,
    /// The file the last run wrote (also when only its mail failed).
    pub last_file: Option<String>,
    pub last_error: Option<ReportFailure>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// What one scheduled run did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReportRun {
    pub name: String,
    pub file: Option<String>,
    pub mailed_to: Vec<String>,
    pub error: Option<ReportFailure>,
    pub next_run_at: Option<Millis>,
}

fn shown(row: ReportRow) -> Result<Report> {
    let definition: ReportDef = serde_json::from_str(&row.definition).map_err(Error::internal)?;
    let last_error = row.last_error.as_deref().map(serde_json::from_str).transpose().map_err(Error::internal)?;
    Ok(Report {
        id: row.id,
        owner_name: row.owner_name,
        definition,
        next_run_at: row.next_run_at,
        last_run_at: row.last_run_at,
        last_file: row.last_file,
        last_error,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

fn not_found(name: &str) -> Error {
    Error::not_found("report.not_found").with("value", name)
}

fn require_reports(actor: &Actor) -> Result<()> {
    actor.require(actor.has(Role::Supervisor) || actor.can_administer(), "perm.manage_reports")
}

fn millis(at: DateTime<Utc>) -> Millis {
    at.timestamp_millis()
}

fn next_run(def: &ReportDef, now: DateTime<Utc>, zone: Tz) -> Option<Millis> {
    def.schedule.as_ref().and_then(|s| s.next_run_after(now, zone)).map(millis)
}

impl Orderly {
    /// Every report, by name (supervisors and admins).
    pub async fn reports(&self, actor: &Actor) -> Result<Vec<Report>> {
        require_reports(actor)?;
        let mut conn = self.read().await?;
        store::all(&mut conn).await?.into_iter().map(shown).collect()
    }

    pub async fn report(&self, actor: &Actor, name: &str) -> Result<Report> {
        require_reports(actor)?;
        let mut conn = self.read().await?;
        shown(store::by_name(&mut conn, name).await?.ok_or_else(|| not_found(name))?)
    }

    /// Stores a new report; a bad definition is refused naming the field, nothing stored.
    pub async fn create_report(&self, actor: &Actor, def: ReportDef) -> Result<Report> {
        require_reports(actor)?;
        let def = def.checked()?;
        let zone = self.org_time_zone().await?;
        let now = now_millis();
        let row = ReportRow {
            id: new_id(),
            owner_id: actor.user_id.clone(),
            owner_name: String::new(),
            name: def.name.clone(),
            definition: serde_json::to_string(&def).map_err(Error::internal)?,
            next_run_at: next_run(&def, Utc::now(), zone),
            last_run_at: None,
            last_file: None,
            last_error: None,
            created_at: now,
            updated_at: now,
        };
        let mut tx = self.store.write().await?;
        if store::by_name(&mut tx, &row.name).await?.is_some() {
            return Err(name_taken(&row.name));
        }
        store::insert(&mut tx, &row).await?;
        tx.commit().await?;
        self.report(actor, &def.name).await
    }

    /// Rewrites the report called `name` (it may be renamed); its next run is worked out
    /// again from the new schedule.
    pub async fn update_report(&self, actor: &Actor, name: &str, def: ReportDef) -> Result<Report> {
        require_reports(actor)?;
        let def = def.checked()?;
        let zone = self.org_time_zone().await?;
        let mut tx = self.store.write().await?;
        let mut row = store::by_name(&mut tx, name).await?.ok_or_else(|| not_found(name))?;
        if def.name != row.name && store::by_name(&mut tx, &def.name).await?.is_some() {
            return Err(name_taken(&def.name));
        }
        row.name = def.name.clone();
        row.definition = serde_json::to_string(&def).map_err(Error::internal)?;
        row.next_run_at = next_run(&def, Utc::now(), zone);
        row.updated_at = now_millis();
        store::update(&mut tx, &row).await?;
        tx.commit().await?;
        self.report(actor, &def.name).await
    }

    pub async fn delete_report(&self, actor: &Actor, name: &str) -> Result<()> {
        require_reports(actor)?;
        let mut tx = self.store.write().await?;
        let row = store::by_name(&mut tx, name).await?.ok_or_else(|| not_found(name))?;
        store::delete(&mut tx, &row.id).await?;
        tx.commit().await
    }

    /// Renders the report called `name` as of `now` into `out_dir`; returns the file's path.
    pub async fn run_report(
        &self,
        actor: &Actor,
        name: &str,
        out_dir: &Path,
        now: DateTime<Utc>,
        lang: &str,
    ) -> Result<PathBuf> {
        let report = self.report(actor, name).await?;
        let (html, file_name) = self.report_html(actor, &report.definition, now, lang).await?;
        write_file(out_dir, &file_name, &html)
    }

    /// The report's page and the file name it is saved under.
    pub async fn report_html(
        &self,
        actor: &Actor,
        def: &ReportDef,
        now: DateTime<Utc>,
        lang: &str,
    ) -> Result<(String, String)> {
        let zone = self.org_time_zone().await?;
        let local = now.with_timezone(&zone);
        let today = local.date_naive();
        let locale = Locale::new(lang);
        let mut tiles = Vec::new();
        let mut from = today;
        for (i, tile) in def.tiles.iter().enumerate() {
            from = from.min(tile.query(today, locale.week_start()).from);
            let (data, result, _) =
                self.tile_figures(actor, tile, lang, today).await.map_err(|e| e.within(&format!("tiles.{i}")))?;
            tiles.push(ReportTile { data, result });
        }
        let page = ReportPage { name: &def.name, from, to: today, generated_at: local, locale };
        let html = report_html::render(&page, &tiles)?;
        Ok((html, file_name_with(&def.name, &local.format("%Y%m%d-%H%M").to_string(), "html")))
    }

    /// Runs every report due at `now`: each is rendered in its owner's name into its folder
    /// (else the exports folder), mailed when SMTP settings and recipients are given, and
    /// rescheduled; each outcome is recorded, a failure included.
    pub async fn report_tick(&self, now: DateTime<Utc>, lang: &str) -> Result<Vec<ReportRun>> {
        let due = {
            let mut conn = self.read().await?;
            store::due(&mut conn, millis(now)).await?
        };
        let zone = self.org_time_zone().await?;
        let mut runs = Vec::new();
        for row in due {
            runs.extend(self.scheduled_run(row, now, zone, lang).await?);
        }
        Ok(runs)
    }

    /// Claims the report (so two desktops on one PostgreSQL never both run it), runs it and
    /// records the outcome; `None` when another desktop claimed it first.
    async fn scheduled_run(
        &self,
        row: ReportRow,
        now: DateTime<Utc>,
        zone: Tz,
        lang: &str,
    ) -> Result<Option<ReportRun>> {
        let def: ReportDef = serde_json::from_str(&row.definition).map_err(Error::internal)?;
        let mut run = ReportRun {
            name: def.name.clone(),
            file: None,
            mailed_to: Vec::new(),
            error: None,
            next_run_at: next_run(&def, now, zone),
        };
        let mut tx = self.store.write().await?;
        let due = row.next_run_at.unwrap_or_default();
        let claimed = store::claim(&mut tx, &row.id, due, run.next_run_at).await?;
        tx.commit().await?;
        if !claimed {
            return Ok(None);
        }
        if let Err(e) = self.deliver(&row, &def, now, lang, &mut run).await {
            run.error = Some(ReportFailure { key: e.key, params: e.params });
        }
        let error = run.error.as_ref().map(serde_json::to_string).transpose().map_err(Error::internal)?;
        let mut tx = self.store.write().await?;
        store::record_run(&mut tx, &row.id, millis(now), run.file.as_deref(), error.as_deref()).await?;
        tx.commit().await?;
        Ok(Some(run))
    }

    async fn deliver(
        &self,
        row: &ReportRow,
        def: &ReportDef,
        now: DateTime<Utc>,
        lang: &str,
        run: &mut ReportRun,
    ) -> Result<()> {
        let owner = self.report_owner(&row.owner_id).await?;
        require_reports(&owner)?;
        let (html, file_name) = self.report_html(&owner, def, now, lang).await?;
        let folder = def.folder.as_ref().map(PathBuf::from).unwrap_or_else(export_dir);
        let path = write_file(&folder, &file_name, &html)?;
        run.file = Some(path.display().to_string());
        let Some(smtp) = self.smtp_stored().await?.filter(|_| !def.recipients.is_empty()) else { return Ok(()) };
        let local = now.with_timezone(&self.org_time_zone().await?);
        let subject = format!("{} · {}", def.name, Locale::new(lang).date(local.date_naive()));
        let mail = ReportMail { to: &def.recipients, subject: &subject, html: &html, file_name: &file_name };
        send_report(&smtp, &mail).await?;
        run.mailed_to = def.recipients.clone();
        Ok(())
    }

    /// The owner of a scheduled report, who it runs as; a removed or inactive owner is a
    /// recorded failure.
    async fn report_owner(&self, owner_id: &str) -> Result<Actor> {
        let mut conn = self.read().await?;
        match users::by_id(&mut conn, owner_id).await? {
            Some(user) if user.active => Ok(super::auth::actor_of(&user)),
            _ => Err(Error::invalid("report.owner_inactive").with("value", owner_id)),
        }
    }
}

fn name_taken(name: &str) -> Error {
    Error::conflict("report.name_taken").on_field("name").with("value", name)
}

/// Writes the finished page into `dir` (made when missing); returns the path.
fn write_file(dir: &Path, file_name: &str, html: &str) -> Result<PathBuf> {
    let unwritable = |p: &Path| Error::invalid("export.unwritable").on_field("out").with("value", p.display());
    std::fs::create_dir_all(dir).map_err(|_| unwritable(dir))?;
    let path = dir.join(file_name);
    std::fs::write(&path, html).map_err(|_| unwritable(&path))?;
    Ok(path)
}

/// Reads `--now` style RFC 3339 instants.
pub fn parse_instant(text: &str, field: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| Utc.from_utc_datetime(&t.naive_utc()))
        .map_err(|_| Error::invalid("input.value_invalid").on_field(field).with("value", text))
}
