//! Dispatch use cases: technicians with their loads, what an order needs, the smart ranking
//! that explains itself, scheduling an order onto a technician and a time (refused with the
//! reason), and the order pool (抢单) with its atomic grab. Batch plans are in `dispatch_batch`.

use super::sla_clock::notify_assigned;
use super::Orderly;
use crate::domain::dispatch::{check_schedule, DispatchInfo, TechStatus, TechnicianProfile};
use crate::domain::history::{Change, EventKind};
use crate::domain::order::WorkOrder;
use crate::domain::status::Status;
use crate::domain::user::{Actor, Role, User};
use crate::domain::{now_millis, Millis};
use crate::store::{dispatch as store, orders as order_store, sla as sla_store, users};
use crate::{Error, Result};
use chrono::{TimeZone, Utc};
use orderly_dispatch::{rank, Due, RankOrder, RankTech, RankWeights};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sqlx::AnyConnection;

/// A technician as the dispatch board shows them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TechnicianCard {
    pub user: User,
    pub profile: TechnicianProfile,
    pub open_orders: i64,
    pub booked_hours: f64,
    /// Orders grabbed from the pool, ever.
    pub grabs: i64,
}

/// One technician offered for an order, with each term of the score.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SuggestedTechnician {
    pub user_id: String,
    pub display_name: String,
    /// Lower is better.
    pub score: f64,
    /// `[{kind: "skill"|"travel"|"load"|"status"|"sla_risk"|"fairness", cost, detail: {...}}]`.
    pub terms: Value,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NotOffered {
    pub user_id: String,
    pub display_name: String,
    /// `{type: "missing_skill"|"level_too_low"|"off"|"over_capacity"|…, …numbers}`.
    pub reason: Value,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Suggestion {
    pub order_id: String,
    pub candidates: Vec<SuggestedTechnician>,
    pub not_offered: Vec<NotOffered>,
}

pub(crate) async fn technicians(conn: &mut AnyConnection) -> Result<Vec<(User, TechnicianProfile)>> {
    let profiles = store::profiles(conn).await?;
    Ok(users::all(conn)
        .await?
        .into_iter()
        .filter(|u| u.active && u.roles.contains(&Role::Technician))
        .map(|u| {
            let p = profiles.iter().find(|p| p.user_id == u.id).cloned();
            let p = p.unwrap_or_else(|| TechnicianProfile::default_for(&u.id));
            (u, p)
        })
        .collect())
}

fn rank_tech(user: &User, profile: &TechnicianProfile, load: (i64, f64), completed_today: i64) -> RankTech {
    let (lat, lon) = match (profile.last_lat, profile.last_lon) {
        (Some(lat), Some(lon)) => (lat, lon),
        _ => (user.home_lat.unwrap_or(0.0), user.home_lon.unwrap_or(0.0)),
    };
    RankTech {
        id: user.id.clone(),
        skills: user.skills.iter().map(|s| (s.skill.to_lowercase(), s.level)).collect(),
        lat,
        lon,
        status: match profile.status {
            TechStatus::Available => orderly_dispatch::TechStatus::Available,
            TechStatus::Busy => orderly_dispatch::TechStatus::Busy,
            TechStatus::Off => orderly_dispatch::TechStatus::Off,
        },
        capacity_hours: profile.capacity_hours,
        booked_hours: load.1,
        open_orders: load.0 as u32,
        completed_today: u32::try_from(completed_today).unwrap_or(0),
        shift_end_minutes: 24.0 * 60.0,
    }
}

pub(super) fn load_of(loads: &[(String, i64, f64)], user_id: &str) -> (i64, f64) {
    loads.iter().find(|(u, ..)| u == user_id).map_or((0, 0.0), |(_, n, h)| (*n, *h))
}

impl Orderly {
    pub async fn technician_board(&self, _actor: &Actor) -> Result<Vec<TechnicianCard>> {
        let mut conn = self.read().await?;
        let loads = store::loads(&mut conn).await?;
        let grabs = store::grab_counts(&mut conn).await?;
        Ok(technicians(&mut conn)
            .await?
            .into_iter()
            .map(|(user, profile)| {
                let (open_orders, booked_hours) = load_of(&loads, &user.id);
                let grabs = grabs.iter().find(|(u, _)| *u == user.id).map_or(0, |(_, n)| *n);
                TechnicianCard { user, profile, open_orders, booked_hours, grabs }
            })
            .collect())
    }

    pub async fn save_technician_profile(
        &self,
        actor: &Actor,
        profile: TechnicianProfile,
    ) -> Result<TechnicianProfile> {
        actor.require(actor.can_assign() || actor.user_id == profile.user_id, "perm.assign")?;
        let mut tx = self.store.write().await?;
        super::dispatch_people::checked_technician(&mut tx, &profile).await?;
        store::put_profile(&mut tx, &profile, now_millis()).await?;
        tx.commit().await?;
        Ok(profile)
    }

    pub async fn dispatch_info(&self, actor: &Actor, order_id: &str) -> Result<DispatchInfo> {
        let mut conn = self.read().await?;
        let order = Self::visible_order(&mut conn, actor, order_id).await?.order;
        store::info(&mut conn, &order.id).await
    }

    /// Records what an order needs (skill, level, duration), with history.
    pub async fn set_order_needs(&self, actor: &Actor, order_id: &str, needs: DispatchInfo) -> Result<DispatchInfo> {
        needs.validate()?;
        let mut tx = self.store.write().await?;
        let order = Self::visible_order(&mut tx, actor, order_id).await?.order;
        actor.require(actor.can_assign() || actor.can_work(&order), "perm.work_order")?;
        let mut info = store::info(&mut tx, &order.id).await?;
        let before =
            json!({"skill": info.required_skill, "level": info.required_level, "minutes": info.duration_minutes});
        info.required_skill = needs.required_skill.map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty());
        info.required_level = needs.required_level;
        info.duration_minutes = needs.duration_minutes;
        let after =
            json!({"skill": info.required_skill, "level": info.required_level, "minutes": info.duration_minutes});
        if before != after {
            store::put_info(&mut tx, &order.id, &info).await?;
            order_store::append_event(
                &mut tx,
                &order.id,
                now_millis(),
                &actor.user_id,
                &Change::field("needs", before, after),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(info)
    }

    /// Every active technician ranked for one order, each score explained term by term, and
    /// the others with the reason they are not offered.
    pub async fn dispatch_suggest(&self, actor: &Actor, order_id: &str, now: Millis) -> Result<Suggestion> {
        actor.require(actor.can_assign(), "perm.assign")?;
        let mut conn = self.read().await?;
        let order = Self::visible_order(&mut conn, actor, order_id).await?.order;
        let info = store::info(&mut conn, &order.id).await?;
        let loads = store::loads(&mut conn).await?;
        let techs = technicians(&mut conn).await?;
        let done = super::dispatch_people::completed_today(&mut conn, now).await?;
        let ranked: Vec<RankTech> = techs
            .iter()
            .map(|(u, p)| rank_tech(u, p, load_of(&loads, &u.id), super::dispatch_people::count_of(&done, &u.id)))
            .collect();
        let target = RankOrder {
            lat: order.location.lat.unwrap_or(0.0),
            lon: order.location.lon.unwrap_or(0.0),
            skill: info.required_skill.clone().unwrap_or_default(),
            min_level: info.required_level as u8,
            service_minutes: info.duration_minutes as f64,
            due: order.resolution_due_at.map_or(Due::InMinutes(7.0 * 24.0 * 60.0), |d| Due::AtEpoch(d / 1000)),
            now_epoch_s: now / 1000,
            priority: match order.priority.rank() {
                1 => 3,
                2 => 2,
                _ => 1,
            },
        };
        let ranking = rank(&target, &ranked, &RankWeights::default(), 5);
        let name = |i: usize| (techs[i].0.id.clone(), techs[i].0.display_name.clone());
        let candidates = ranking
            .candidates
            .iter()
            .map(|c| {
                let (user_id, display_name) = name(c.index);
                SuggestedTechnician { user_id, display_name, score: c.score, terms: json!(c.terms) }
            })
            .collect();
        let not_offered = ranking
            .ineligible
            .iter()
            .map(|n| {
                let (user_id, display_name) = name(n.index);
                NotOffered { user_id, display_name, reason: json!(n.reason) }
            })
            .collect();
        Ok(Suggestion { order_id: order.id, candidates, not_offered })
    }

    /// Assigns and schedules an order onto a technician from `start` to `end` (epoch ms): the
    /// dispatch board's drop. Refused, with the reason, when the technician lacks the skill or
    /// level, is off, is not working then, or has another visit then.
    pub async fn schedule_order(&self, actor: &Actor, request: ScheduleRequest) -> Result<WorkOrder> {
        actor.require(actor.can_assign(), "perm.assign")?;
        let mut tx = self.store.write().await?;
        let found = Self::visible_order(&mut tx, actor, &request.order_id).await?;
        super::check_version(&found.order, request.version)?;
        let mut order = found.order;
        let tech = users::by_id(&mut tx, &request.technician_id)
            .await?
            .filter(|u| u.active && u.roles.contains(&Role::Technician))
            .ok_or_else(|| {
                Error::invalid("dispatch.not_technician")
                    .on_field("technician_id")
                    .with("login", &request.technician_id)
            })?;
        let profile =
            store::profile(&mut tx, &tech.id).await?.unwrap_or_else(|| TechnicianProfile::default_for(&tech.id));
        let mut info = store::info(&mut tx, &order.id).await?;
        let span = (request.start, request.end);
        let working = works_through(&mut tx, &profile, span).await?;
        let bookings = store::bookings(&mut tx, &tech.id, span, &order.id).await?;
        check_schedule(&info, &tech, &profile, span, working, &bookings)?;
        let now = now_millis();
        let mut changes = Vec::new();
        if order.assignee_id.as_deref() != Some(tech.id.as_str()) {
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
        (info.scheduled_start, info.scheduled_end, info.pooled_at) = (Some(span.0), Some(span.1), None);
        changes.push(Change::field(
            "schedule",
            before,
            json!({"start": span.0, "end": span.1, "reason": request.reason}),
        ));
        store::put_info(&mut tx, &order.id, &info).await?;
        let assigned = changes.iter().any(|c| c.kind == EventKind::Assigned);
        let mut order = Self::save_changes(&mut tx, actor, order, &changes, now).await?;
        Self::refresh_sla(&mut tx, &mut order, true, now).await?;
        if assigned {
            notify_assigned(&mut tx, &order, now).await?;
        }
        tx.commit().await?;
        Ok(order)
    }

    /// Puts an unassigned order into the pool for technicians to grab.
    pub async fn pool_publish(&self, actor: &Actor, order_id: &str) -> Result<DispatchInfo> {
        actor.require(actor.can_assign(), "perm.assign")?;
        let mut tx = self.store.write().await?;
        let order = Self::visible_order(&mut tx, actor, order_id).await?.order;
        if order.assignee_id.is_some() {
            return Err(Error::invalid("pool.already_assigned").with("value", &order.number));
        }
        let mut info = store::info(&mut tx, &order.id).await?;
        let now = now_millis();
        info.pooled_at = Some(now);
        store::put_info(&mut tx, &order.id, &info).await?;
        order_store::append_event(
            &mut tx,
            &order.id,
            now,
            &actor.user_id,
            &Change::field("pool", json!(false), json!(true)),
        )
        .await?;
        tx.commit().await?;
        Ok(info)
    }

    /// Pooled orders the technician may take (skill and level; the pool rule's radius and load
    /// limit), nearest first.
    pub async fn pool_for(&self, actor: &Actor) -> Result<Vec<PoolItem>> {
        let mut conn = self.read().await?;
        let me = users::by_id(&mut conn, &actor.user_id).await?.ok_or_else(|| Error::not_found("user.not_found"))?;
        let profile =
            store::profile(&mut conn, &me.id).await?.unwrap_or_else(|| TechnicianProfile::default_for(&me.id));
        let loads = store::loads(&mut conn).await?;
        let booked = load_of(&loads, &me.id).1;
        let load_percent = 100.0 * booked / profile.capacity_hours.max(0.5);
        let rules = super::dispatch_auto::pool_rules_in(&mut conn).await?;
        let here = rank_tech(&me, &profile, (0, 0.0), 0);
        let mut items = Vec::new();
        for (order_id, pooled_at) in store::pooled(&mut conn).await? {
            let Some(found) = order_store::find(&mut conn, &order_id).await?.filter(|f| f.order.assignee_id.is_none())
            else {
                continue;
            };
            let info = store::info(&mut conn, &order_id).await?;
            let skilled = info.required_skill.as_deref().is_none_or(|skill| {
                me.skills
                    .iter()
                    .any(|s| s.skill.eq_ignore_ascii_case(skill) && i64::from(s.level) >= info.required_level)
            });
            if !skilled {
                continue;
            }
            let km = match (found.order.location.lat, found.order.location.lon) {
                (Some(lat), Some(lon)) => Some(orderly_dispatch::haversine_km(here.lat, here.lon, lat, lon)),
                _ => None,
            };
            let rule = super::dispatch_auto::rule_for(&rules, &found.order);
            if rule.is_some_and(|r| !r.admits(km, load_percent)) {
                continue;
            }
            items.push(PoolItem { order: found.order, pooled_at, km });
        }
        items.sort_by(|a, b| a.km.unwrap_or(f64::MAX).total_cmp(&b.km.unwrap_or(f64::MAX)));
        Ok(items)
    }

    /// A technician grabs a pooled order: exactly one of any number of simultaneous grabs wins;
    /// the others are told it is gone. A technician grabs at most their daily limit.
    pub async fn pool_grab(&self, actor: &Actor, order_id: &str) -> Result<WorkOrder> {
        actor.require(actor.roles.contains(&Role::Technician), "perm.grab")?;
        let mut tx = self.store.write().await?;
        let found = order_store::find(&mut tx, order_id)
            .await?
            .ok_or_else(|| Error::not_found("order.not_found").with("value", order_id))?;
        let mut order = found.order;
        let profile = store::profile(&mut tx, &actor.user_id)
            .await?
            .unwrap_or_else(|| TechnicianProfile::default_for(&actor.user_id));
        let now = now_millis();
        if store::grabs_since(&mut tx, &actor.user_id, now - 86_400_000).await? >= profile.grab_limit {
            return Err(Error::invalid("pool.limit_reached").with("limit", profile.grab_limit));
        }
        if !store::grab(&mut tx, &order.id, &actor.user_id, now).await? {
            return Err(Error::conflict("pool.gone").with("value", &order.number));
        }
        let mut changes = vec![Change {
            kind: EventKind::Assigned,
            field: Some("assignee_id".into()),
            old_value: Some(json!(order.assignee_id)),
            new_value: Some(json!(actor.user_id)),
        }];
        order.assignee_id = Some(actor.user_id.clone());
        if order.status == Status::Unassigned {
            changes.push(super::changes::status_change(&mut order, Status::Todo, now));
        }
        changes.push(Change::field("pool", json!(true), json!({"grabbed_by": actor.login})));
        let mut order = Self::save_changes(&mut tx, actor, order, &changes, now).await?;
        Self::refresh_sla(&mut tx, &mut order, true, now).await?;
        tx.commit().await?;
        Ok(order)
    }
}

/// The dispatch board's drop: which order, onto whom, when, naming the version read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScheduleRequest {
    pub order_id: String,
    pub technician_id: String,
    pub start: i64,
    pub end: i64,
    pub version: i64,
    /// Why (改派 / 转单 reasons are kept in the history).
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PoolItem {
    pub order: WorkOrder,
    pub pooled_at: i64,
    /// Distance from the technician's last known place or home base.
    pub km: Option<f64>,
}

/// Whether `[start, end)` lies wholly in the technician's working hours.
async fn works_through(
    conn: &mut AnyConnection,
    profile: &TechnicianProfile,
    (start, end): (i64, i64),
) -> Result<bool> {
    let Some(calendar_id) = &profile.calendar_id else { return Ok(true) };
    let Some(stored) = sla_store::calendar(conn, calendar_id).await? else { return Ok(true) };
    let calendar = stored.calendar.validate().map_err(super::sla_error)?;
    let instant = |ms: i64| Utc.timestamp_millis_opt(ms).single().unwrap_or_default();
    let working: i64 =
        calendar.business_intervals(instant(start), instant(end)).iter().map(|s| s.len().num_milliseconds()).sum();
    Ok(working >= end - start)
}
