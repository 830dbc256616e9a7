//! Batch dispatch (集中派单): the unassigned orders a dispatcher selects become one assignment
//! problem (skills, levels, capacity, deadlines, travel, saturation), solved anytime within a
//! budget with a certified lower bound, so the plan says how far from optimal it can be at
//! most. Applying a plan assigns every order in one transaction; orders someone changed since
//! the plan come back as conflicts and nothing of theirs is written.

use super::dispatch::technicians;
use super::Orderly;
use crate::domain::dispatch::{check_fit, TechnicianProfile};
use crate::domain::order::WorkOrder;
use crate::domain::user::{Actor, User};
use crate::domain::Millis;
use crate::store::{dispatch as store, orders as order_store};
use crate::{Error, Result};
use orderly_dispatch::{solve, Instance, Meta, Order, SolveOptions, Tech};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;
use std::time::Duration;

/// One proposed assignment, naming the version of the order the plan read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Proposal {
    pub order_id: String,
    pub number: String,
    pub technician_id: String,
    pub version: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BatchPlan {
    pub proposals: Vec<Proposal>,
    /// Orders no technician can take (skill, capacity or deadline).
    pub unassigned: Vec<String>,
    pub objective: f64,
    pub lower_bound: Option<f64>,
    /// The plan is within this share of the optimum (0.02 = 2 %).
    pub within: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BatchOutcome {
    pub applied: Vec<String>,
    /// Numbers of orders changed by someone else since the plan.
    pub conflicts: Vec<String>,
}

const KM_PER_DEGREE: f64 = 111.32;

/// Local planar km around a reference point: plenty for one city's dispatch.
fn planar(lat: f64, lon: f64, origin: (f64, f64)) -> (f64, f64) {
    let x = (lon - origin.1) * KM_PER_DEGREE * origin.0.to_radians().cos();
    (x, (lat - origin.0) * KM_PER_DEGREE)
}

fn skill_index(skills: &mut Vec<String>, skill: &str) -> u32 {
    let key = skill.to_lowercase();
    match skills.iter().position(|s| *s == key) {
        Some(i) => i as u32,
        None => {
            skills.push(key);
            (skills.len() - 1) as u32
        }
    }
}

impl Orderly {
    /// Proposes who takes each of `order_ids` (all unassigned orders when empty).
    pub async fn dispatch_batch(
        &self,
        actor: &Actor,
        order_ids: &[String],
        seconds: f64,
        now: Millis,
    ) -> Result<BatchPlan> {
        actor.require(actor.can_assign(), "perm.assign")?;
        let mut conn = self.read().await?;
        let mut orders: Vec<WorkOrder> = Vec::new();
        let ids =
            if order_ids.is_empty() { order_store::unassigned_ids(&mut conn, 2000).await? } else { order_ids.to_vec() };
        for id in &ids {
            let order = Self::visible_order(&mut conn, actor, id).await?.order;
            if order.assignee_id.is_none() && order.status.is_active() {
                orders.push(order);
            }
        }
        let techs = technicians(&mut conn).await?;
        let loads = store::loads(&mut conn).await?;
        let origin = orders.iter().find_map(|o| o.location.lat.zip(o.location.lon)).unwrap_or((0.0, 0.0));
        let mut skills: Vec<String> = Vec::new();
        let mut inst_orders = Vec::with_capacity(orders.len());
        for (i, order) in orders.iter().enumerate() {
            let info = store::info(&mut conn, &order.id).await?;
            let (x, y) = planar(order.location.lat.unwrap_or(origin.0), order.location.lon.unwrap_or(origin.1), origin);
            let hours_left = order.resolution_due_at.map_or(24.0 * 7.0, |d| ((d - now) as f64 / 3.6e6).max(0.0));
            inst_orders.push(Order {
                id: i as i64,
                x,
                y,
                skill: skill_index(&mut skills, info.required_skill.as_deref().unwrap_or("")),
                service_h: info.duration_minutes as f64 / 60.0,
                priority: (4 - order.priority.rank().min(3)).max(1),
                sla_deadline_h: hours_left,
                unassigned_penalty: 1000.0 * (6 - order.priority.rank()) as f64,
            });
        }
        let inst_techs = techs
            .iter()
            .enumerate()
            .map(|(j, (user, profile))| {
                let (lat, lon) =
                    profile.last_lat.zip(profile.last_lon).or(user.home_lat.zip(user.home_lon)).unwrap_or(origin);
                let (x, y) = planar(lat, lon, origin);
                let mut tech_skills: Vec<(u32, u8)> =
                    user.skills.iter().map(|s| (skill_index(&mut skills, &s.skill), s.level)).collect();
                // An order that names no skill can go to anyone: the "" skill at level 3.
                tech_skills.push((skill_index(&mut skills, ""), 3));
                let preload = loads.iter().find(|(u, ..)| *u == user.id).map_or(0.0, |(_, _, h)| *h);
                Tech {
                    id: j as i64,
                    x,
                    y,
                    skills: tech_skills,
                    capacity_h: profile.capacity_hours.max(preload),
                    preload_h: preload,
                    shift_start_h: 0.0,
                    available: profile.status != crate::domain::dispatch::TechStatus::Off,
                }
            })
            .collect();
        let meta = Meta { speed_kmh: 35.0, sat_threshold: 0.8, beta: 20.0, level_cost: 4.0 };
        let instance = Instance { meta, techs: inst_techs, orders: inst_orders };
        let budget = Duration::from_secs_f64(seconds.clamp(0.05, 30.0));
        let plan = solve(&instance, &SolveOptions { time_limit: budget, seed: 1, ..SolveOptions::default() });
        let mut result = BatchPlan {
            proposals: Vec::new(),
            unassigned: Vec::new(),
            objective: plan.objective,
            lower_bound: plan.lower_bound,
            within: plan.lower_bound.filter(|lb| *lb > 0.0).map(|lb| (plan.objective - lb) / lb),
        };
        for (i, chosen) in plan.assignment.iter().enumerate() {
            match chosen {
                Some(j) => result.proposals.push(Proposal {
                    order_id: orders[i].id.clone(),
                    number: orders[i].number.clone(),
                    technician_id: techs[*j].0.id.clone(),
                    version: orders[i].version,
                }),
                None => result.unassigned.push(orders[i].number.clone()),
            }
        }
        Ok(result)
    }

    /// Applies a (possibly edited) plan in one transaction. An edit that gives an order to
    /// someone who cannot take it (off, lacking the skill or level, not a technician) refuses
    /// the whole plan with the reason, naming the proposal, and writes nothing.
    pub async fn apply_batch(&self, actor: &Actor, proposals: Vec<Proposal>) -> Result<BatchOutcome> {
        actor.require(actor.can_assign(), "perm.assign")?;
        let mut outcome = BatchOutcome { applied: Vec::new(), conflicts: Vec::new() };
        let mut tx = self.store.write().await?;
        let techs = technicians(&mut tx).await?;
        for (i, p) in proposals.into_iter().enumerate() {
            let found = Self::visible_order(&mut tx, actor, &p.order_id).await?;
            if found.order.version != p.version || found.order.assignee_id.is_some() {
                outcome.conflicts.push(found.order.number);
                continue;
            }
            fits(&mut tx, &techs, &found.order.id, &p.technician_id)
                .await
                .map_err(|e| e.on_field(&format!("proposals.{i}")))?;
            Self::assign_in(&mut tx, actor, found.order, &p.technician_id).await?;
            outcome.applied.push(p.number);
        }
        tx.commit().await?;
        if outcome.applied.is_empty() && !outcome.conflicts.is_empty() {
            return Err(Error::conflict("dispatch.batch_all_stale").with("count", outcome.conflicts.len()));
        }
        Ok(outcome)
    }
}

/// Whether the technician a proposal names may take the order (the checks of a board drop that
/// do not depend on the time); `techs` are the active technicians, read once per plan.
async fn fits(
    conn: &mut AnyConnection,
    techs: &[(User, TechnicianProfile)],
    order_id: &str,
    technician_id: &str,
) -> Result<()> {
    let (tech, profile) = techs
        .iter()
        .find(|(u, _)| u.id == technician_id)
        .ok_or_else(|| Error::invalid("dispatch.not_technician").with("login", technician_id))?;
    let info = store::info(conn, order_id).await?;
    check_fit(&info, tech, profile)
}
