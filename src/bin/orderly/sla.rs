//! `orderly sla …`, `orderly calendar …` and `orderly inbox`: the SLA scheduler as of a time,
//! an order's SLA explained, policies and calendars in and out as JSON (holidays also from
//! iCalendar), and the acting user's notifications.

use crate::args::{CalendarCommand, SlaCommand, TransferCommand};
use crate::output::Out;
use orderly::domain::user::Actor;
use orderly::service::sla::SlaSetup;
use orderly::service::Orderly;
use orderly::{Error, Result};
use std::path::{Path, PathBuf};

/// An RFC 3339 time as epoch milliseconds; none means now.
fn instant(text: Option<&str>, field: &str) -> Result<i64> {
    match text {
        None => Ok(orderly::domain::now_millis()),
        Some(t) => chrono::DateTime::parse_from_rfc3339(t)
            .map(|d| d.timestamp_millis())
            .map_err(|_| Error::invalid("import.created_at_invalid").on_field(field).with("value", t)),
    }
}

fn read(file: &Path) -> Result<String> {
    std::fs::read_to_string(file).map_err(|_| Error::invalid("import.file_missing").with("value", file.display()))
}

fn write(file: Option<PathBuf>, value: &impl serde::Serialize) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(Error::internal)?;
    match file {
        Some(f) => std::fs::write(&f, text + "\n")
            .map_err(|_| Error::invalid("cli.file_unwritable").with("value", f.display())),
        None => {
            println!("{text}");
            Ok(())
        }
    }
}

pub async fn run(orderly: &Orderly, actor: &Actor, cmd: SlaCommand, out: &Out) -> Result<()> {
    match cmd {
        SlaCommand::Compute { .. } => unreachable!("run without a store"),
        SlaCommand::Tick { now, limit } => {
            let now = instant(now.as_deref(), "now")?;
            out.value(&orderly.sla_tick(now, limit).await?);
        }
        SlaCommand::Show { id, now } => {
            let now = instant(now.as_deref(), "now")?;
            out.value(&orderly.order_sla(actor, &id, now).await?);
        }
        SlaCommand::Policy(TransferCommand::List) => out.value(&orderly.sla_setup(actor).await?.policies),
        SlaCommand::Policy(TransferCommand::Export { file }) => write(file, &orderly.sla_setup(actor).await?)?,
        SlaCommand::Policy(TransferCommand::Import { file }) => {
            let setup: SlaSetup = serde_json::from_str(&read(&file)?)?;
            out.value(&orderly.import_sla(actor, setup).await?);
        }
    }
    Ok(())
}

pub async fn calendar(orderly: &Orderly, actor: &Actor, cmd: CalendarCommand, out: &Out) -> Result<()> {
    match cmd {
        CalendarCommand::List => out.value(&orderly.sla_setup(actor).await?.calendars),
        CalendarCommand::Export { file } => write(file, &orderly.sla_setup(actor).await?.calendars)?,
        CalendarCommand::Import { file, into } => {
            let text = read(&file)?;
            let is_ics = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("ics"));
            if is_ics {
                let name = into.ok_or_else(|| Error::invalid("input.required").on_field("into"))?;
                out.value(&orderly.import_holidays(actor, &name, &text).await?);
            } else {
                let calendars = serde_json::from_str(&text)?;
                out.value(&orderly.import_sla(actor, SlaSetup { calendars, policies: Vec::new() }).await?.calendars);
            }
        }
    }
    Ok(())
}

pub async fn inbox(orderly: &Orderly, actor: &Actor, unread: bool, mark_read: bool, out: &Out) -> Result<()> {
    let inbox = orderly.inbox(actor, unread).await?;
    if mark_read {
        orderly.mark_read(actor, &[]).await?;
    }
    out.value(&inbox);
    Ok(())
}
