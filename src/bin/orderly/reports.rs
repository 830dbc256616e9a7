//! `orderly report …` and `orderly settings smtp …`: named reports (tiles, schedule, folder,
//! recipients) kept as JSON definitions, rendered to one HTML file on demand or by the
//! scheduler tick as of a time, and the mail server scheduled reports are sent through.

use crate::output::Out;
use clap::{Args, Subcommand};
use orderly::domain::report::ReportDef;
use orderly::domain::user::Actor;
use orderly::service::reports::parse_instant;
use orderly::service::smtp::{SmtpSecurity, SmtpSettings};
use orderly::service::Orderly;
use orderly::{Error, Result};
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// Every report with its schedule, next run and last outcome
    List,
    /// Store a report from a JSON definition: {"name", "tiles": [...], "schedule": {"every":
    /// "daily|weekly|monthly", "at": "HH:MM", "weekday": 1-7, "day": 1-31}, "folder", "recipients"}
    Add { file: PathBuf },
    /// Replace the definition of the report NAME (it may rename it)
    Update { name: String, file: PathBuf },
    /// One report
    Show { name: String },
    /// Delete a report
    Remove { name: String },
    /// Render the report as one HTML file into DIR and print its path
    Run {
        name: String,
        #[arg(long)]
        out: PathBuf,
        /// As of this time (RFC 3339) [default: now]
        #[arg(long)]
        now: Option<String>,
    },
    /// Run every report that is due: save, mail, record and reschedule
    Tick {
        /// As of this time (RFC 3339) [default: now]
        #[arg(long)]
        now: Option<String>,
    },
}

#[derive(Args, Debug)]
pub struct SmtpArgs {
    /// The mail server's name
    #[arg(long)]
    pub host: Option<String>,
    #[arg(long)]
    pub port: Option<u16>,
    /// none, starttls or tls
    #[arg(long, default_value = "starttls")]
    pub security: String,
    #[arg(long)]
    pub user: Option<String>,
    #[arg(long)]
    pub password: Option<String>,
    /// The sender address of reports
    #[arg(long)]
    pub from: Option<String>,
    /// Show the settings (without the password)
    #[arg(long, conflicts_with_all = ["host", "port", "from", "clear"])]
    pub show: bool,
    /// Forget the settings (reports are then only saved)
    #[arg(long, conflicts_with_all = ["host", "port", "from"])]
    pub clear: bool,
}

fn definition(file: &Path) -> Result<ReportDef> {
    let text = std::fs::read_to_string(file)
        .map_err(|_| Error::invalid("import.file_missing").with("value", file.display()))?;
    Ok(serde_json::from_str(&text)?)
}

fn now(text: Option<&str>) -> Result<chrono::DateTime<chrono::Utc>> {
    text.map_or_else(|| Ok(chrono::Utc::now()), |t| parse_instant(t, "now"))
}

pub async fn run(orderly: &Orderly, actor: &Actor, cmd: ReportCommand, out: &Out) -> Result<()> {
    match cmd {
        ReportCommand::List => out.value(&orderly.reports(actor).await?),
        ReportCommand::Add { file } => out.value(&orderly.create_report(actor, definition(&file)?).await?),
        ReportCommand::Update { name, file } => {
            out.value(&orderly.update_report(actor, &name, definition(&file)?).await?)
        }
        ReportCommand::Show { name } => out.value(&orderly.report(actor, &name).await?),
        ReportCommand::Remove { name } => {
            orderly.delete_report(actor, &name).await?;
            out.done(&name);
        }
        ReportCommand::Run { name, out: dir, now: at } => {
            let path = orderly.run_report(actor, &name, &dir, now(at.as_deref())?, &out.lang).await?;
            out.done(&path.display().to_string());
        }
        ReportCommand::Tick { now: at } => {
            actor.require(actor.can_administer(), "perm.administer")?;
            let runs = orderly.report_tick(now(at.as_deref())?, &out.lang).await?;
            out.value(&json!({ "runs": runs }));
        }
    }
    Ok(())
}

fn security(text: &str) -> Result<SmtpSecurity> {
    match text {
        "none" => Ok(SmtpSecurity::None),
        "starttls" => Ok(SmtpSecurity::Starttls),
        "tls" => Ok(SmtpSecurity::Tls),
        other => Err(Error::invalid("input.value_invalid").on_field("security").with("value", other)),
    }
}

pub async fn smtp(orderly: &Orderly, actor: &Actor, args: SmtpArgs, out: &Out) -> Result<()> {
    if args.show {
        out.value(&orderly.smtp_settings(actor).await?);
        return Ok(());
    }
    if args.clear {
        orderly.clear_smtp_settings(actor).await?;
        out.done("smtp");
        return Ok(());
    }
    let required =
        |value: Option<String>, field: &str| value.ok_or_else(|| Error::invalid("input.required").on_field(field));
    let security = security(&args.security)?;
    let default_port = match security {
        SmtpSecurity::None => 25,
        SmtpSecurity::Starttls => 587,
        SmtpSecurity::Tls => 465,
    };
    let input = SmtpSettings {
        host: required(args.host, "host")?,
        port: args.port.unwrap_or(default_port),
        security,
        username: args.user,
        password: args.password,
        from: required(args.from, "from")?,
    };
    out.value(&orderly.set_smtp_settings(actor, input).await?);
    Ok(())
}
