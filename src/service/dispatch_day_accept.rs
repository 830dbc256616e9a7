//! Accepting a day plan (every changed visit's technician and times in one transaction, a
//! history event per order, the technician told like a board drop tells them; an order changed
//! since it was planned refuses the whole plan), recording visit terms and vans, and the
//! route map of one technician's day.

use super::dispatch_day::van_or_home;
use super::sla_clock::notify_assigned;
use super::Orderly;
use crate::domain::dispatch::{check_schedule, TechnicianProfile};
use crate::domain::history::{Change, EventKind};
use crate::domain::now_millis;
use crate::domain::order::WorkOrder;
use crate::domain::route_day::{DayPlan, PlannedVisit, TechnicianDay, Van, VisitTerms};
use crate::domain::status::Status;
use crate::domain::user::{Actor, Role, User};
use crate::store::{dispatch as dispatch_store, route_day as store, users, WriteTx};
use crate::{Error, Result};
use serde_json::json;

impl Orderly {
    /// Writes the plan: each visit whose technician or time changed gets them, with a history
    /// event; all or nothing. Refused as a conflict when any order changed since it was planned.
    pub async fn accept_day_plan(&self, actor: &Actor, plan: DayPlan) -> Result<Vec<WorkOrder>> {
        actor.require(actor.can_assign(), "perm.assign")?;
        let mut tx = self.store.write().await?;
        let now = now_millis();
        let in_plan: Vec<&str> =
            plan.technicians.iter().flat_map(|t| t.visits.iter().map(|v| v.order_id.as_str())).collect();
        let mut written = Vec::new();
        for day in &plan.technicians {
            let tech = users::by_id(&mut tx, &day.technician_id)
                .await?
                .filter(|u| u.active && u.roles.contains(&Role::Technician))
                .ok_or_else(|| {
                    Error::invalid("dispatch.not_technician")
                        .on_field("technician_ids")
                        .with("login", &day.technician_id)
                })?;
            for visit in &day.visits {
                if let Some(order) = accept_visit(&mut tx, actor, &tech, visit, &in_plan, now).await? {
                    written.push(order);
                }
            }
        }
        tx.commit().await?;
        Ok(written)
    }

    /// Records a visit's appointment window, parts and confirmation, with history.
    pub async fn set_visit_terms(&self, actor: &Actor, order_id: &str, terms: VisitTerms) -> Result<VisitTerms> {
        terms.validate()?;
        let mut tx = self.store.write().await?;
        let order = Self::visible_order(&mut tx, actor, order_id).await?.order;
        actor.require(actor.can_assign() || actor.can_work(&order), "perm.work_order")?;
        let before = store::terms(&mut tx, &order.id).await?;
        if before != terms {
            store::put_terms(&mut tx, &order.id, &terms).await?;
            let change = Change::field("visit_terms", json!(before), json!(terms));
            crate::store::orders::append_event(&mut tx, &order.id, now_millis(), &actor.user_id, &change).await?;
        }
        tx.commit().await?;
        Ok(terms)
    }

    pub async fn visit_terms(&self, actor: &Actor, order_id: &str) -> Result<VisitTerms> {
        let mut conn = self.read().await?;
        let order = Self::visible_order(&mut conn, actor, order_id).await?.order;
        store::terms(&mut conn, &order.id).await
    }

    /// A technician's van: base and parts capacity (the home as base until one is recorded).
    pub async fn van(&self, _actor: &Actor, technician_id: &str) -> Result<Van> {
        let mut conn = self.read().await?;
        let tech = technician(&mut conn, technician_id).await?;
        Ok(van_or_home(store::van(&mut conn, &tech.id).await?, &tech))
    }

    pub async fn save_van(&self, actor: &Actor, technician_id: &str, van: Van) -> Result<Van> {
        actor.require(actor.can_assign() || actor.user_id == technician_id, "perm.assign")?;
        van.validate()?;
        let mut tx = self.store.write().await?;
        let tech = technician(&mut tx, technician_id).await?;
        store::put_van(&mut tx, &tech.id, &van).await?;
        tx.commit().await?;
        Ok(van)
    }

    /// One technician's day of `plan` drawn as a map: base, numbered stops, legs.
    pub fn route_map_svg(&self, plan: &DayPlan, technician_id: &str, width: u32, height: u32) -> Result<String> {
        let day = plan.technicians.iter().find(|t| t.technician_id == technician_id).ok_or_else(|| {
            Error::invalid("dispatch.not_technician").on_field("technician_id").with("login", technician_id)
        })?;
        route_map(day, width, height)
    }
}

/// The map of one technician's day.
pub fn route_map(day: &TechnicianDay, width: u32, height: u32) -> Result<String> {
    let map = orderly_charts::RouteMap {
        width,
        height,
        base: (day.base_lat, day.base_lon),
        stops: day.visits.iter().map(|v| (v.lat, v.lon)).collect(),
    };
    // Stop numbers need no measuring, so the bundled face's family list is enough.
    let book = orderly_charts::FontBook::bundled_only();
    orderly_charts::render_route_map(&map, &book).map_err(|e| Error::invalid("route.map_size").with("value", e))
}

async fn technician(conn: &mut sqlx::AnyConnection, id_or_login: &str) -> Result<User> {
    let found = match users::by_id(conn, id_or_login).await? {
        Some(u) => Some(u),
        None => users::by_login(conn, id_or_login).await?.map(|(u, _)| u),
    };
    found
        .filter(|u| u.roles.contains(&Role::Technician))
        .ok_or_else(|| Error::invalid("dispatch.not_technician").on_field("technician_id").with("login", id_or_login))
}

/// Writes one visit if its technician or time changed; `None` when it stands as it is.
async fn accept_visit(
    tx: &mut WriteTx,
    actor: &Actor,
    tech: &User,
    visit: &PlannedVisit,
    in_plan: &[&str],
    now: i64,
) -> Result<Option<WorkOrder>> {
    let found = Orderly::visible_order(tx, actor, &visit.order_id).await?;
    super::check_version(&found.order, visit.version)?;
    let mut order = found.order;
    let mut info = dispatch_store::info(tx, &order.id).await?;
    let same_tech = order.assignee_id.as_deref() == Some(tech.id.as_str());
    if same_tech && info.scheduled_start == Some(visit.start) && info.scheduled_end == Some(visit.end) {
        return Ok(None);
    }
    let profile =
        dispatch_store::profile(tx, &tech.id).await?.unwrap_or_else(|| TechnicianProfile::default_for(&tech.id));
    let span = (visit.start, visit.end);
    let others: Vec<_> = dispatch_store::bookings(tx, &tech.id, span, &order.id)
        .await?
        .into_iter()
        .filter(|b| !in_plan.contains(&b.order_id.as_str()))
        .collect();
    // Shifts were the plan's bounds already; skill, status and clashes are checked again here
    // because the plan comes back from the front end.
    check_schedule(&info, tech, &profile, span, true, &others)?;
    let mut changes = Vec::new();
    if !same_tech {
        changes.push(Change {
            kind: EventKind::Assigned,
            field: Some("assignee_id".into()),
            old_value: Some(json!(order.assignee_id)),
            new_value: Some(json!(tech.id)),
        });
        order.assignee_id = Some(tech.id.clone());
        if order.status == Status::Unassigned {
            changes.push(super::changes::status_change(&mut order, Status::Todo, now));
        }
    }
    let before = json!({"start": info.scheduled_start, "end": info.scheduled_end});
    (info.scheduled_start, info.scheduled_end, info.pooled_at) = (Some(visit.start), Some(visit.end), None);
    changes.push(Change::field(
        "schedule",
        before,
        json!({"start": visit.start, "end": visit.end, "reason": "optimise_day"}),
    ));
    dispatch_store::put_info(tx, &order.id, &info).await?;
    let mut order = Orderly::save_changes(tx, actor, order, &changes, now).await?;
    Orderly::refresh_sla(tx, &mut order, true, now).await?;
    if !same_tech {
        notify_assigned(tx, &order, now).await?;
    }
    Ok(Some(order))
}
