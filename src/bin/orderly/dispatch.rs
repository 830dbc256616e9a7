//! `orderly dispatch …` and `orderly pool …` over the store: suggestions that explain
//! themselves, what an order needs, scheduling, batch plans, technicians' profiles and the
//! order pool. (`dispatch route` and `dispatch solve` work on files, without a store.)

use crate::args::{DispatchCommand, PoolCommand};
use crate::output::Out;
use orderly::domain::dispatch::{DispatchInfo, TechStatus};
use orderly::domain::user::Actor;
use orderly::service::dispatch::ScheduleRequest;
use orderly::service::Orderly;
use orderly::{Error, Result};

pub(crate) fn instant(text: &str, field: &str) -> Result<i64> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|d| d.timestamp_millis())
        .map_err(|_| Error::invalid("import.created_at_invalid").on_field(field).with("value", text))
}

pub(crate) async fn user_id(orderly: &Orderly, actor: &Actor, login: &str) -> Result<String> {
    let dir = orderly.directory(actor).await?;
    dir.users
        .iter()
        .find(|u| u.login == login || u.id == login)
        .map(|u| u.id.clone())
        .ok_or_else(|| Error::invalid("user.not_found").on_field("login").with("value", login))
}

pub async fn run(orderly: &Orderly, actor: &Actor, cmd: DispatchCommand, out: &Out) -> Result<()> {
    let now = orderly::domain::now_millis();
    match cmd {
        DispatchCommand::Route { .. } | DispatchCommand::Solve { .. } => unreachable!("run without a store"),
        DispatchCommand::Auto { order, mode } => {
            let mode = orderly::service::dispatch_auto::AutoMode::parse(&mode)?;
            out.order(&orderly.auto_assign(actor, &order, mode, now).await?);
        }
        DispatchCommand::Rules { file: None } => out.value(&orderly.dispatch_rules().await?),
        DispatchCommand::Rules { file: Some(file) } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|_| Error::invalid("import.file_missing").with("value", file.display()))?;
            out.value(&orderly.set_dispatch_rules(actor, serde_json::from_str(&text)?).await?);
        }
        DispatchCommand::PoolFallback => out.value(&orderly.pool_fallback(now).await?),
        DispatchCommand::Info { order } => out.value(&orderly.dispatch_info(actor, &order).await?),
        DispatchCommand::Suggest { order } => out.value(&orderly.dispatch_suggest(actor, &order, now).await?),
        DispatchCommand::Needs { order, skill, level, minutes } => {
            let needs = DispatchInfo {
                required_skill: skill,
                required_level: level,
                duration_minutes: minutes,
                ..Default::default()
            };
            out.value(&orderly.set_order_needs(actor, &order, needs).await?);
        }
        DispatchCommand::Schedule { order, login, start, end, reason } => {
            let current = orderly.get_order(actor, &order).await?;
            let request = ScheduleRequest {
                order_id: current.id,
                technician_id: user_id(orderly, actor, &login).await?,
                start: instant(&start, "start")?,
                end: instant(&end, "end")?,
                version: current.version,
                reason,
            };
            out.order(&orderly.schedule_order(actor, request).await?);
        }
        DispatchCommand::Batch { orders, seconds, apply } => {
            let plan = orderly.dispatch_batch(actor, &orders, seconds, now).await?;
            if apply {
                out.value(&orderly.apply_batch(actor, plan.proposals).await?);
            } else {
                out.value(&plan);
            }
        }
        DispatchCommand::Technician { login, status, capacity_hours, calendar, at, grab_limit } => {
            let id = user_id(orderly, actor, &login).await?;
            let board = orderly.technician_board(actor).await?;
            let mut profile = board
                .into_iter()
                .find(|c| c.user.id == id)
                .map(|c| c.profile)
                .ok_or_else(|| Error::invalid("dispatch.not_technician").on_field("login").with("login", &login))?;
            if let Some(s) = status {
                profile.status = TechStatus::parse(&s)?;
            }
            profile.capacity_hours = capacity_hours.unwrap_or(profile.capacity_hours);
            profile.grab_limit = grab_limit.unwrap_or(profile.grab_limit);
            if let Some(c) = calendar {
                profile.calendar_id = Some(orderly::service::sla::calendar_id(orderly, actor, &c).await?);
            }
            if let Some(place) = at {
                let bad = || Error::invalid("location.invalid").on_field("at");
                let (lat, lon) = place.split_once(',').ok_or_else(bad)?;
                profile.last_lat = Some(lat.trim().parse().map_err(|_| bad())?);
                profile.last_lon = Some(lon.trim().parse().map_err(|_| bad())?);
            }
            out.value(&orderly.save_technician_profile(actor, profile).await?);
        }
        cmd @ (DispatchCommand::OptimiseDay { .. } | DispatchCommand::Visit { .. } | DispatchCommand::Van { .. }) => {
            crate::route_day::run(orderly, actor, cmd, out).await?
        }
    }
    Ok(())
}

pub async fn pool(orderly: &Orderly, actor: &Actor, cmd: PoolCommand, out: &Out) -> Result<()> {
    match cmd {
        PoolCommand::Publish { order } => out.value(&orderly.pool_publish(actor, &order).await?),
        PoolCommand::List => out.value(&orderly.pool_for(actor).await?),
        PoolCommand::Grab { order } => out.order(&orderly.pool_grab(actor, &order).await?),
        PoolCommand::Rules { file: None } => out.value(&orderly.pool_rules().await?),
        PoolCommand::Rules { file: Some(file) } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|_| Error::invalid("import.file_missing").with("value", file.display()))?;
            out.value(&orderly.set_pool_rules(actor, serde_json::from_str(&text)?).await?);
        }
    }
    Ok(())
}
