//! `orderly dispatch optimise-day`, `dispatch visit` and `dispatch van`: a day's plan printed as
//! a timetable per technician (or JSON), optionally accepted and drawn as route maps.

use crate::args::DispatchCommand;
use crate::dispatch::{instant, user_id};
use crate::output::Out;
use chrono::{TimeZone, Utc};
use chrono_tz::Tz;
use orderly::domain::route_day::{DayPlan, DayPlanRequest, Van, VisitTerms};
use orderly::domain::user::Actor;
use orderly::service::Orderly;
use orderly::{Error, Result};
use std::path::{Path, PathBuf};

pub async fn run(orderly: &Orderly, actor: &Actor, cmd: DispatchCommand, out: &Out) -> Result<()> {
    match cmd {
        DispatchCommand::OptimiseDay { technician, date, seconds, seed, accept, map } => {
            let mut technician_ids = Vec::new();
            for login in technician.split(',').map(str::trim).filter(|l| !l.is_empty()) {
                technician_ids.push(user_id(orderly, actor, login).await?);
            }
            let plan = orderly.optimise_day(actor, DayPlanRequest { date, technician_ids, seconds, seed }).await?;
            if let Some(file) = &map {
                write_maps(orderly, &plan, file)?;
            }
            let written = if accept { Some(orderly.accept_day_plan(actor, plan.clone()).await?.len()) } else { None };
            if out.json {
                out.value(&serde_json::json!({"plan": plan, "accepted": written}));
            } else {
                print_plan(&plan, orderly.org_time_zone().await?);
                if let Some(n) = written {
                    println!("accepted: {n} orders rescheduled");
                }
            }
        }
        DispatchCommand::Visit { order, window_start, window_end, parts, confirmed } => {
            let terms = VisitTerms {
                window_start: window_start.as_deref().map(|t| instant(t, "window_start")).transpose()?,
                window_end: window_end.as_deref().map(|t| instant(t, "window_end")).transpose()?,
                parts,
                confirmed,
            };
            out.value(&orderly.set_visit_terms(actor, &order, terms).await?);
        }
        DispatchCommand::Van { login, base, capacity } => {
            let id = user_id(orderly, actor, &login).await?;
            let mut van: Van = orderly.van(actor, &id).await?;
            if let Some(place) = base {
                let bad = || Error::invalid("location.invalid").on_field("base");
                let (lat, lon) = place.split_once(',').ok_or_else(bad)?;
                van.base_lat = Some(lat.trim().parse().map_err(|_| bad())?);
                van.base_lon = Some(lon.trim().parse().map_err(|_| bad())?);
            }
            van.capacity = capacity.unwrap_or(van.capacity);
            out.value(&orderly.save_van(actor, &id, van).await?);
        }
        _ => unreachable!("dispatch.rs handles the others"),
    }
    Ok(())
}

fn write_maps(orderly: &Orderly, plan: &DayPlan, file: &Path) -> Result<()> {
    for day in &plan.technicians {
        let target = if plan.technicians.len() == 1 { file.to_path_buf() } else { with_login(file, &day.display_name) };
        let svg = orderly.route_map_svg(plan, &day.technician_id, 640, 480)?;
        std::fs::write(&target, svg)
            .map_err(|_| Error::invalid("cli.file_unwritable").with("value", target.display()))?;
    }
    Ok(())
}

fn with_login(file: &Path, name: &str) -> PathBuf {
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let safe: String = name.chars().map(|c| if c.is_alphanumeric() { c } else { '_' }).collect();
    file.with_file_name(format!("{stem}-{safe}.svg"))
}

fn print_plan(plan: &DayPlan, zone: Tz) {
    let hm =
        |ms: i64| Utc.timestamp_millis_opt(ms).single().map(|t| t.with_timezone(&zone).format("%H:%M").to_string());
    let hm = |ms: i64| hm(ms).unwrap_or_default();
    println!(
        "{}: {:.1} km, {} min driving (before: {:.1} km, {} min)",
        plan.date, plan.after.km, plan.after.minutes, plan.before.km, plan.before.minutes
    );
    for day in &plan.technicians {
        println!(
            "\n{} ({}–{}): {:.1} km, {} min driving",
            day.display_name,
            hm(day.shift_start),
            hm(day.shift_end),
            day.km,
            day.drive_minutes
        );
        for (i, v) in day.visits.iter().enumerate() {
            let window = match (v.window_start, v.window_end) {
                (Some(s), Some(e)) => format!(" window {}–{}", hm(s), hm(e)),
                _ => String::new(),
            };
            let pin = if v.pinned { " pinned" } else { "" };
            println!(
                "  {:>2}. {}–{}  {}  {}  (drive {:.1} km, {} min){window}{pin}",
                i + 1,
                hm(v.start),
                hm(v.end),
                v.number,
                v.title,
                v.leg.km,
                v.leg.minutes
            );
        }
        println!("      back to base: {:.1} km, {} min", day.return_leg.km, day.return_leg.minutes);
    }
    for u in &plan.unplaced {
        println!("not placed: {} {} ({})", u.number, u.title, u.reason);
    }
}
