//! Automatic assignment of one order: smart (the best-ranked technician), least-loaded, or
//! round-robin within the order's department; and the pool's fallback, which hands orders
//! nobody grabbed within the set time to smart assignment as the system.

use super::dispatch::technicians;
use super::Orderly;
use crate::domain::dispatch::{DispatchInfo, PoolRule, TechStatus, TechnicianProfile};
use crate::domain::order::WorkOrder;
use crate::domain::user::{Actor, Role, User, SYSTEM_USER_ID};
use crate::domain::Millis;
use crate::store::{dispatch as store, sla as settings};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

/// How to pick the technician.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AutoMode {
    Smart,
    LeastLoaded,
    RoundRobin,
}

impl AutoMode {
    pub fn parse(key: &str) -> Result<AutoMode> {
        match key {
            "smart" => Ok(AutoMode::Smart),
            "least_loaded" | "least-loaded" => Ok(AutoMode::LeastLoaded),
            "round_robin" | "round-robin" => Ok(AutoMode::RoundRobin),
            other => Err(Error::invalid("dispatch.mode_unknown").on_field("mode").with("value", other)),
        }
    }
}

/// The pool rules, as JSON in the settings.
pub const POOL_RULES_SETTING: &str = "pool.rules";

/// Minutes an order waits in the pool before automatic dispatch takes it.
pub const POOL_FALLBACK_SETTING: &str = "pool.fallback_minutes";
const DEFAULT_POOL_FALLBACK_MINUTES: i64 = 30;

fn qualifies(user: &User, profile: &TechnicianProfile, needs: &DispatchInfo) -> bool {
    profile.status != TechStatus::Off
        && needs.required_skill.as_deref().is_none_or(|skill| {
            user.skills
                .iter()
                .any(|s| s.skill.eq_ignore_ascii_case(skill) && i64::from(s.level) >= needs.required_level)
        })
}

/// The next technician after `last` in login order, wrapping around.
fn next_after<'a>(eligible: &[&'a User], last: Option<&str>) -> Option<&'a User> {
    let mut sorted = eligible.to_vec();
    sorted.sort_by(|a, b| a.login.cmp(&b.login));
    let after = last.and_then(|id| sorted.iter().position(|u| u.id == id)).map_or(0, |i| i + 1);
    sorted.get(after % sorted.len().max(1)).copied()
}

pub(crate) fn system_actor() -> Actor {
    Actor {
        user_id: SYSTEM_USER_ID.into(),
        login: "system".into(),
        display_name: "Orderly".into(),
        roles: vec![Role::Dispatcher],
        department_id: None,
    }
}

impl Orderly {
    /// Assigns an unassigned order automatically; refused when nobody qualifies.
    pub async fn auto_assign(
        &self,
        actor: &Actor,
        order_id: &str,
        mode: AutoMode,
        now: Millis,
    ) -> Result<crate::domain::order::WorkOrder> {
        actor.require(actor.can_assign(), "perm.assign")?;
        let chosen = match mode {
            AutoMode::Smart => {
                let suggestion = self.dispatch_suggest(actor, order_id, now).await?;
                suggestion.candidates.first().map(|c| c.user_id.clone())
            }
            AutoMode::LeastLoaded | AutoMode::RoundRobin => self.pick_by_rule(actor, order_id, mode).await?,
        };
        let mut tx = self.store.write().await?;
        let order = Self::visible_order(&mut tx, actor, order_id).await?.order;
        let Some(technician) = chosen else {
            return Err(Error::invalid("dispatch.nobody_qualifies").with("value", &order.number));
        };
        if order.assignee_id.is_some() {
            return Err(Error::conflict("pool.already_assigned").with("value", &order.number));
        }
        if mode == AutoMode::RoundRobin {
            let key = format!("dispatch.round_robin.{}", order.department_id.as_deref().unwrap_or("*"));
            settings::put_setting(&mut tx, &key, &technician).await?;
        }
        let mut info = store::info(&mut tx, &order.id).await?;
        if info.pooled_at.take().is_some() {
            store::put_info(&mut tx, &order.id, &info).await?;
        }
        let order = Self::assign_in(&mut tx, actor, order, &technician).await?;
        tx.commit().await?;
        Ok(order)
    }

    async fn pick_by_rule(&self, actor: &Actor, order_id: &str, mode: AutoMode) -> Result<Option<String>> {
        let mut conn = self.read().await?;
        let order = Self::visible_order(&mut conn, actor, order_id).await?.order;
        let needs = store::info(&mut conn, &order.id).await?;
        let techs = technicians(&mut conn).await?;
        let mut eligible: Vec<(&User, &TechnicianProfile)> =
            techs.iter().filter(|(u, p)| qualifies(u, p, &needs)).map(|(u, p)| (u, p)).collect();
        // Within the order's department when anyone there qualifies.
        if order.department_id.is_some() && eligible.iter().any(|(u, _)| u.department_id == order.department_id) {
            eligible.retain(|(u, _)| u.department_id == order.department_id);
        }
        if mode == AutoMode::RoundRobin {
            let key = format!("dispatch.round_robin.{}", order.department_id.as_deref().unwrap_or("*"));
            let last = settings::get_setting(&mut conn, &key).await?;
            let users: Vec<&User> = eligible.iter().map(|(u, _)| *u).collect();
            return Ok(next_after(&users, last.as_deref()).map(|u| u.id.clone()));
        }
        let loads = store::loads(&mut conn).await?;
        let share = |u: &User, p: &TechnicianProfile| {
            let booked = loads.iter().find(|(id, ..)| *id == u.id).map_or(0.0, |(_, _, h)| *h);
            booked / p.capacity_hours.max(0.5)
        };
        eligible.sort_by(|a, b| share(a.0, a.1).total_cmp(&share(b.0, b.1)).then_with(|| a.0.login.cmp(&b.0.login)));
        Ok(eligible.first().map(|(u, _)| u.id.clone()))
    }

    pub async fn pool_fallback_minutes(&self) -> Result<i64> {
        let mut conn = self.read().await?;
        Ok(settings::get_setting(&mut conn, POOL_FALLBACK_SETTING)
            .await?
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(DEFAULT_POOL_FALLBACK_MINUTES))
    }

    /// Sets how long an order waits in the pool (1–1440 minutes). Admins only.
    pub async fn set_pool_fallback_minutes(&self, actor: &Actor, minutes: i64) -> Result<i64> {
        actor.require(actor.can_administer(), "perm.administer")?;
        if !(1..=1440).contains(&minutes) {
            return Err(Error::invalid("input.out_of_range")
                .on_field(POOL_FALLBACK_SETTING)
                .with("value", minutes)
                .with("min", 1)
                .with("max", 1440));
        }
        let mut tx = self.store.write().await?;
        settings::put_setting(&mut tx, POOL_FALLBACK_SETTING, &minutes.to_string()).await?;
        tx.commit().await?;
        Ok(minutes)
    }

    pub async fn pool_rules(&self) -> Result<Vec<PoolRule>> {
        let mut conn = self.read().await?;
        pool_rules_in(&mut conn).await
    }

    /// Replaces the pool rules (admins): each checked, and its department must exist.
    pub async fn set_pool_rules(&self, actor: &Actor, rules: Vec<PoolRule>) -> Result<Vec<PoolRule>> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut tx = self.store.write().await?;
        for (i, rule) in rules.iter().enumerate() {
            rule.validate().map_err(|e| e.within(&format!("rules[{i}]")))?;
            if let Some(d) = &rule.department_id {
                if !crate::store::org::node_exists(&mut tx, crate::store::org::Tree::Departments, d).await? {
                    return Err(Error::invalid("department.not_found")
                        .with("value", d)
                        .within(&format!("rules[{i}].department_id")));
                }
            }
        }
        let text = serde_json::to_string(&rules).map_err(Error::internal)?;
        settings::put_setting(&mut tx, POOL_RULES_SETTING, &text).await?;
        tx.commit().await?;
        Ok(rules)
    }

    /// Hands pooled orders nobody grabbed within `pool.fallback_minutes` (default 30) to smart
    /// assignment, as the system. Orders nobody qualifies for stay in the pool.
    pub async fn pool_fallback(&self, now: Millis) -> Result<Vec<String>> {
        let minutes = self.pool_fallback_minutes().await?;
        let mut conn = self.read().await?;
        let stale: Vec<String> = store::pooled(&mut conn)
            .await?
            .into_iter()
            .filter(|(_, at)| *at + minutes * 60_000 <= now)
            .map(|(id, _)| id)
            .collect();
        drop(conn);
        let system = system_actor();
        let mut assigned = Vec::new();
        for id in stale {
            match self.auto_assign(&system, &id, AutoMode::Smart, now).await {
                Ok(order) => assigned.push(order.number),
                Err(e) if e.key == "dispatch.nobody_qualifies" => {}
                Err(e) => return Err(e),
            }
        }
        Ok(assigned)
    }
}

pub(crate) async fn pool_rules_in(conn: &mut AnyConnection) -> Result<Vec<PoolRule>> {
    match settings::get_setting(conn, POOL_RULES_SETTING).await? {
        Some(text) => serde_json::from_str(&text).map_err(Error::internal),
        None => Ok(Vec::new()),
    }
}

/// The rule that pools `order`, if any.
pub(crate) fn rule_for<'a>(rules: &'a [PoolRule], order: &WorkOrder) -> Option<&'a PoolRule> {
    rules.iter().find(|r| r.matches(&order.template_key, order.department_id.as_deref()))
}

/// Puts a new order into the pool when a rule says so (inside the creating transaction).
pub(crate) async fn pool_if_ruled(conn: &mut AnyConnection, order: &WorkOrder, now: Millis) -> Result<()> {
    if rule_for(&pool_rules_in(conn).await?, order).is_some() && order.assignee_id.is_none() {
        let info = DispatchInfo { pooled_at: Some(now), ..store::info(conn, &order.id).await? };
        store::put_info(conn, &order.id, &info).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str, login: &str) -> User {
        serde_json::from_value(serde_json::json!({
            "id": id, "login": login, "display_name": login, "roles": ["technician"], "department_id": null,
            "skills": [], "home_lat": null, "home_lon": null, "active": true, "has_password": false, "created_at": 0
        }))
        .unwrap()
    }

    #[test]
    fn round_robin_takes_turns_in_login_order_and_wraps() {
        let (a, b, c) = (user("1", "ana"), user("2", "bo"), user("3", "chen"));
        let eligible = [&c, &a, &b];
        let picks: Vec<&str> = [None, Some("1"), Some("2"), Some("3"), Some("gone")]
            .iter()
            .map(|last| next_after(&eligible, *last).unwrap().login.as_str())
            .collect();
        assert_eq!(picks, ["ana", "bo", "chen", "ana", "ana"]);
        assert!(next_after(&[], None).is_none());
    }
}
