//! "Optimise day": gathers one day's facts for one or more technicians (their bases, shifts
//! from their working calendars, vans and skills; the assigned visits with place, duration,
//! appointment window, parts and pin), runs the day router within a time budget — seeded,
//! cancellable, reporting improving plans as it goes — and returns the [`DayPlan`]. Accepting a
//! plan and recording visit terms and vans are in `dispatch_day_accept`.

use super::Orderly;
use crate::domain::dispatch::{TechStatus, TechnicianProfile};
use crate::domain::route_day::{
    DayFacts, DayPlan, DayPlanRequest, DayTechnician, DayVisit, Van, DEFAULT_SHIFT_MINUTES, DEFAULT_SPEED_KMH,
};
use crate::domain::status::Status;
use crate::domain::user::{Actor, Role, User};
use crate::store::{dispatch as dispatch_store, orders as order_store, route_day as store, sla as sla_store, users};
use crate::{Error, Result};
use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use orderly_route::{solve, SolveOptions};
use sqlx::AnyConnection;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

/// Longest search a request may ask for.
pub const MAX_SECONDS: f64 = 60.0;

/// The day's local midnight and the next one, epoch ms.
fn day_bounds(zone: Tz, date: &str) -> Result<(NaiveDate, i64, i64)> {
    let bad = || Error::invalid("route.date_invalid").on_field("date").with("value", date);
    let day = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| bad())?;
    let midnight = |d: NaiveDate| {
        let naive = d.and_hms_opt(0, 0, 0).unwrap_or_default();
        zone.from_local_datetime(&naive).earliest().map(|t| t.timestamp_millis()).ok_or_else(bad)
    };
    let next = day.succ_opt().ok_or_else(bad)?;
    Ok((day, midnight(day)?, midnight(next)?))
}

impl Orderly {
    /// Plans the day of the technicians in `request`; see [`Orderly::optimise_day_with`].
    pub async fn optimise_day(&self, actor: &Actor, request: DayPlanRequest) -> Result<DayPlan> {
        self.optimise_day_with(actor, request, Arc::new(AtomicBool::new(false)), |_| {}).await
    }

    /// Plans the day: started and confirmed visits keep their time and technician, the others
    /// are ordered and timed inside their appointment windows and the technicians' shifts, and
    /// move between the named technicians only where skills allow. `on_improve` sees each
    /// better plan as the search finds it; setting `cancel` ends the search with the best so far.
    pub async fn optimise_day_with(
        &self,
        actor: &Actor,
        request: DayPlanRequest,
        cancel: Arc<AtomicBool>,
        mut on_improve: impl FnMut(DayPlan) + Send + 'static,
    ) -> Result<DayPlan> {
        actor.require(actor.can_assign(), "perm.assign")?;
        if !(0.01..=MAX_SECONDS).contains(&request.seconds) {
            return Err(Error::invalid("input.out_of_range")
                .on_field("seconds")
                .with("value", request.seconds)
                .with("min", 0.01)
                .with("max", MAX_SECONDS));
        }
        let zone = self.org_time_zone().await?;
        let facts = {
            let mut conn = self.read().await?;
            day_facts(&mut conn, zone, &request).await?
        };
        let options = (Duration::from_secs_f64(request.seconds), u64::from(request.seed));
        tokio::task::spawn_blocking(move || {
            let day = facts.problem();
            let mut opts = SolveOptions::with_time(options.0, options.1);
            opts.cancel = Some(&cancel);
            let solution = solve(&day.problem, &opts, |s| on_improve(facts.plan(&day, s)));
            facts.plan(&day, &solution)
        })
        .await
        .map_err(Error::internal)
    }
}

/// Everything the day's problem needs, read in one go.
async fn day_facts(conn: &mut AnyConnection, zone: Tz, request: &DayPlanRequest) -> Result<DayFacts> {
    let (day, from, to) = day_bounds(zone, &request.date)?;
    if request.technician_ids.is_empty() {
        return Err(Error::invalid("route.no_technicians").on_field("technician_ids"));
    }
    let mut technicians = Vec::new();
    let mut visits = Vec::new();
    for id in &request.technician_ids {
        let tech = users::by_id(conn, id)
            .await?
            .filter(|u| u.active && u.roles.contains(&Role::Technician))
            .ok_or_else(|| Error::invalid("dispatch.not_technician").on_field("technician_ids").with("login", id))?;
        if technicians.iter().any(|t: &DayTechnician| t.id == tech.id) {
            continue;
        }
        let index = technicians.len();
        technicians.push(day_technician(conn, &tech, (from, to)).await?);
        for order_id in store::day_orders(conn, &tech.id, (from, to)).await? {
            visits.push(day_visit(conn, &order_id, index, from).await?);
        }
    }
    if visits.is_empty() {
        return Err(Error::invalid("route.no_orders").on_field("date").with("date", day.format("%Y-%m-%d")));
    }
    Ok(DayFacts {
        date: day.format("%Y-%m-%d").to_string(),
        day_start: from,
        day_minutes: (to - from) / 60_000,
        technicians,
        visits,
        speed_kmh: DEFAULT_SPEED_KMH,
    })
}

async fn day_technician(conn: &mut AnyConnection, tech: &User, day: (i64, i64)) -> Result<DayTechnician> {
    let profile =
        dispatch_store::profile(conn, &tech.id).await?.unwrap_or_else(|| TechnicianProfile::default_for(&tech.id));
    let van = store::van(conn, &tech.id).await?.unwrap_or_default();
    let base = match (van.base_lat, van.base_lon, tech.home_lat, tech.home_lon, profile.last_lat, profile.last_lon) {
        (Some(lat), Some(lon), ..) | (_, _, Some(lat), Some(lon), ..) | (.., Some(lat), Some(lon)) => (lat, lon),
        _ => {
            return Err(Error::invalid("route.base_missing").on_field("technician_ids").with("login", &tech.login));
        }
    };
    let shift = if profile.status == TechStatus::Off { (0, 0) } else { shift_of(conn, &profile, day).await? };
    Ok(DayTechnician {
        id: tech.id.clone(),
        display_name: tech.display_name.clone(),
        skills: tech.skills.iter().map(|s| (s.skill.to_lowercase(), s.level)).collect(),
        base,
        shift,
        capacity: van.capacity,
    })
}

/// The working stretch of the day from the technician's calendar (first start to last end;
/// breaks inside it are not modelled), or the default day without a calendar.
async fn shift_of(conn: &mut AnyConnection, profile: &TechnicianProfile, (from, to): (i64, i64)) -> Result<(i64, i64)> {
    let Some(calendar_id) = &profile.calendar_id else { return Ok(DEFAULT_SHIFT_MINUTES) };
    let Some(stored) = sla_store::calendar(conn, calendar_id).await? else { return Ok(DEFAULT_SHIFT_MINUTES) };
    let calendar = stored.calendar.validate().map_err(super::sla_error)?;
    let instant = |ms: i64| Utc.timestamp_millis_opt(ms).single().unwrap_or_default();
    let spans = calendar.business_intervals(instant(from), instant(to));
    let minute = |t: chrono::DateTime<Utc>| (t.timestamp_millis() - from) / 60_000;
    Ok(match (spans.first(), spans.last()) {
        (Some(first), Some(last)) => (minute(first.from), minute(last.to)),
        _ => (0, 0),
    })
}

async fn day_visit(conn: &mut AnyConnection, order_id: &str, assignee: usize, from: i64) -> Result<DayVisit> {
    let order = order_store::find(conn, order_id).await?.ok_or_else(|| Error::not_found("order.not_found"))?.order;
    let info = dispatch_store::info(conn, order_id).await?;
    let terms = store::terms(conn, order_id).await?;
    let minute = |at: i64| (at - from).div_euclid(60_000);
    let scheduled = info.scheduled_start.zip(info.scheduled_end).map(|(s, e)| (minute(s), minute(e)));
    let pinned = scheduled.is_some() && (order.status == Status::InProgress || terms.confirmed);
    Ok(DayVisit {
        order_id: order.id.clone(),
        number: order.number.clone(),
        title: order.title.clone(),
        version: order.version,
        assignee,
        assignee_id: order.assignee_id.clone(),
        place: order.location.lat.zip(order.location.lon),
        minutes: info.duration_minutes,
        skill: info.required_skill.map(|s| (s.to_lowercase(), info.required_level)),
        window: terms.window_start.zip(terms.window_end).map(|(s, e)| (minute(s), minute(e))),
        parts: terms.parts,
        scheduled,
        pinned,
    })
}

/// A van with the technician's home as its base when none was recorded.
pub(crate) fn van_or_home(van: Option<Van>, tech: &User) -> Van {
    van.unwrap_or(Van { base_lat: tech.home_lat, base_lon: tech.home_lon, ..Van::default() })
}
