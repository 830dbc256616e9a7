//! SLA policies as the store keeps them, each order's SLA clock state, and the escalation
//! rules: given the due times (counted in business time by `orderly_sla`) and the state, what
//! the scheduler does at `now` — warn, record a breach, alert up the chain, suspend and notify
//! the control centre — and when it next needs to look. Pure: `now` is an argument.

use super::priority::Priority;
use super::status::StatusCategory;
use crate::{Error, Result};
use orderly_sla::{CalendarSpec, SlaTarget};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const MINUTE_MS: i64 = 60_000;

/// A named business calendar, in the JSON shape of `orderly sla compute` (checked by
/// `orderly_sla` whenever it is saved or used).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StoredCalendar {
    /// Empty for a new calendar.
    #[serde(default)]
    pub id: String,
    pub name: String,
    pub calendar: CalendarSpec,
}

/// Response and resolution targets per priority key (`P1` … `P5`).
pub type Targets = BTreeMap<String, SlaTarget>;

/// Who an escalation step or the control centre notifies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Recipient {
    /// The order's assignee (its department's dispatchers while unassigned).
    Assignee,
    /// Supervisors of the order's department (every supervisor when it has none).
    Supervisors,
    /// Everyone holding a role, e.g. `admin`.
    Role(String),
    /// Everyone in a department (by id).
    Department(String),
    /// One person (by login).
    User(String),
}

/// Everything a policy says beyond its scope: targets, calendar use and escalation.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PolicyRules {
    pub targets: Targets,
    /// A warning when this share of a target is consumed (1–99).
    #[serde(default = "default_warn_percent")]
    pub warn_percent: u32,
    /// Minutes between repeated alerts once a target is breached.
    #[serde(default = "default_alert_interval")]
    pub alert_interval_minutes: u32,
    /// Alerts without progress before the order is suspended and the control centre told.
    #[serde(default = "default_max_alerts")]
    pub max_alerts: u32,
    /// Alert n goes to step n (the last step repeats).
    #[serde(default = "default_chain")]
    pub chain: Vec<Recipient>,
    #[serde(default = "default_control_centre")]
    pub control_centre: Recipient,
}

fn default_warn_percent() -> u32 {
    80
}
fn default_alert_interval() -> u32 {
    30
}
fn default_max_alerts() -> u32 {
    5
}
fn default_chain() -> Vec<Recipient> {
    vec![Recipient::Assignee, Recipient::Supervisors, Recipient::Role("admin".into())]
}
fn default_control_centre() -> Recipient {
    Recipient::Role("admin".into())
}

impl PolicyRules {
    pub fn with_targets(targets: Targets) -> PolicyRules {
        PolicyRules {
            targets,
            warn_percent: default_warn_percent(),
            alert_interval_minutes: default_alert_interval(),
            max_alerts: default_max_alerts(),
            chain: default_chain(),
            control_centre: default_control_centre(),
        }
    }

    /// The rules beyond the targets (which `orderly_sla` checks).
    pub fn validate(&self) -> Result<()> {
        if !(1..=99).contains(&self.warn_percent) {
            return Err(range("warn_percent", self.warn_percent, 1, 99));
        }
        if !(1..=10_080).contains(&self.alert_interval_minutes) {
            return Err(range("alert_interval_minutes", self.alert_interval_minutes, 1, 10_080));
        }
        if !(1..=50).contains(&self.max_alerts) {
            return Err(range("max_alerts", self.max_alerts, 1, 50));
        }
        if self.chain.is_empty() {
            return Err(Error::invalid("sla.chain_empty").on_field("chain"));
        }
        Ok(())
    }

    pub fn recipient_for_alert(&self, alert: u32) -> &Recipient {
        let step = (alert.max(1) as usize - 1).min(self.chain.len().saturating_sub(1));
        &self.chain[step]
    }
}

fn range(field: &str, value: u32, min: u32, max: u32) -> Error {
    Error::invalid("input.out_of_range").on_field(field).with("value", value).with("min", min).with("max", max)
}

/// A policy for one (customer group, catalog item) pair; `None` on a side means "any".
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StoredPolicy {
    /// Empty for a new policy.
    #[serde(default)]
    pub id: String,
    pub name: String,
    pub customer_group_id: Option<String>,
    pub catalog_item_id: Option<String>,
    pub calendar_id: String,
    pub rules: PolicyRules,
}

impl StoredPolicy {
    /// The unique key of the pair: one policy per (customer group, catalog item), not two.
    pub fn scope(&self) -> String {
        let side = |s: &Option<String>| s.clone().unwrap_or_else(|| "*".into());
        format!("{}|{}", side(&self.customer_group_id), side(&self.catalog_item_id))
    }
}

/// An order's SLA clock state, one row per order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OrderSlaState {
    pub order_id: String,
    pub policy_id: String,
    pub next_check_at: Option<i64>,
    pub response_warned_at: Option<i64>,
    pub resolution_warned_at: Option<i64>,
    pub response_breached_at: Option<i64>,
    pub resolution_breached_at: Option<i64>,
    pub alerts_sent: i64,
    pub last_alert_at: Option<i64>,
    pub suspended_at: Option<i64>,
}

/// The due and warning instants of an order now (epoch ms); `None` while a pause holds a
/// time not yet reached.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dues {
    pub response_due: Option<i64>,
    pub resolution_due: Option<i64>,
    pub response_warn: Option<i64>,
    pub resolution_warn: Option<i64>,
}

/// What the clock needs to know of an order besides its dues.
#[derive(Debug, Clone, Copy)]
pub struct ClockFacts {
    pub category: StatusCategory,
    pub first_response_at: Option<i64>,
    pub priority: Priority,
}

impl ClockFacts {
    fn paused(&self) -> bool {
        !matches!(self.category, StatusCategory::New | StatusCategory::Open)
    }
    fn resolved(&self) -> bool {
        matches!(self.category, StatusCategory::Resolved | StatusCategory::Closed | StatusCategory::Cancelled)
    }
}

/// One thing the scheduler does to an order, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlaAction {
    Warn { target: Target, due: i64 },
    Breach { target: Target, due: i64 },
    Alert { number: i64, recipient: Recipient },
    Suspend { alerts: i64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Response,
    Resolution,
}

impl Target {
    pub fn key(self) -> &'static str {
        match self {
            Target::Response => "response",
            Target::Resolution => "resolution",
        }
    }
}

/// Decides what happens at `now` and returns the new state with its next check.
pub fn step(
    state: &OrderSlaState,
    facts: &ClockFacts,
    dues: &Dues,
    rules: &PolicyRules,
    now: i64,
) -> (OrderSlaState, Vec<SlaAction>) {
    let mut next = state.clone();
    let mut actions = Vec::new();
    let responding = facts.first_response_at.is_none() && !facts.resolved();
    let resolving = !facts.resolved();
    if !facts.paused() {
        if responding {
            mark(&mut next.response_warned_at, dues.response_warn, now, Target::Response, true, &mut actions);
            mark(&mut next.response_breached_at, dues.response_due, now, Target::Response, false, &mut actions);
        }
        if resolving {
            mark(&mut next.resolution_warned_at, dues.resolution_warn, now, Target::Resolution, true, &mut actions);
            mark(&mut next.resolution_breached_at, dues.resolution_due, now, Target::Resolution, false, &mut actions);
        }
    }
    // A response given after its due time is a breach on record even if no tick saw it.
    if let (Some(first), Some(due), None) = (facts.first_response_at, dues.response_due, next.response_breached_at) {
        if first > due {
            next.response_breached_at = Some(due);
        }
    }
    let breached =
        (responding && next.response_breached_at.is_some()) || (resolving && next.resolution_breached_at.is_some());
    if breached && !facts.paused() {
        escalate(&mut next, rules, now, &mut actions);
    }
    next.next_check_at = next_check(&next, facts, dues, rules, breached);
    (next, actions)
}

fn mark(slot: &mut Option<i64>, at: Option<i64>, now: i64, target: Target, warning: bool, out: &mut Vec<SlaAction>) {
    if let (None, Some(due)) = (*slot, at) {
        if due <= now {
            *slot = Some(now);
            out.push(if warning { SlaAction::Warn { target, due } } else { SlaAction::Breach { target, due } });
        }
    }
}

fn escalate(next: &mut OrderSlaState, rules: &PolicyRules, now: i64, actions: &mut Vec<SlaAction>) {
    let interval = i64::from(rules.alert_interval_minutes) * MINUTE_MS;
    let due = next.last_alert_at.map_or(now, |last| last + interval);
    if due > now {
        return;
    }
    if next.alerts_sent >= i64::from(rules.max_alerts) {
        actions.push(SlaAction::Suspend { alerts: next.alerts_sent });
        next.suspended_at = Some(now);
        next.last_alert_at = Some(now);
        return;
    }
    next.alerts_sent += 1;
    next.last_alert_at = Some(now);
    let recipient = rules.recipient_for_alert(next.alerts_sent as u32).clone();
    actions.push(SlaAction::Alert { number: next.alerts_sent, recipient });
}

/// When the scheduler next needs to look at an order, without acting now (after a change).
pub fn next_check_of(s: &OrderSlaState, facts: &ClockFacts, dues: &Dues, rules: &PolicyRules) -> Option<i64> {
    let breached =
        (facts.first_response_at.is_none() && s.response_breached_at.is_some()) || s.resolution_breached_at.is_some();
    next_check(s, facts, dues, rules, breached)
}

fn next_check(s: &OrderSlaState, facts: &ClockFacts, dues: &Dues, rules: &PolicyRules, breached: bool) -> Option<i64> {
    if facts.paused() || facts.resolved() {
        return None;
    }
    let responding = facts.first_response_at.is_none();
    let pending = |slot: Option<i64>, at: Option<i64>| if slot.is_none() { at } else { None };
    let mut candidates = vec![
        pending(s.resolution_warned_at, dues.resolution_warn),
        pending(s.resolution_breached_at, dues.resolution_due),
    ];
    if responding {
        candidates.push(pending(s.response_warned_at, dues.response_warn));
        candidates.push(pending(s.response_breached_at, dues.response_due));
    }
    if breached {
        let interval = i64::from(rules.alert_interval_minutes) * MINUTE_MS;
        let first_breach = [s.response_breached_at, s.resolution_breached_at].into_iter().flatten().min();
        candidates.push(s.last_alert_at.map(|last| last + interval).or(first_breach));
    }
    candidates.into_iter().flatten().min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> PolicyRules {
        serde_json::from_value(serde_json::json!({
            "targets": {"P1": {"response_minutes": 10, "resolution_minutes": 60},
                        "P2": {"response_minutes": 20, "resolution_minutes": 120},
                        "P3": {"response_minutes": 30, "resolution_minutes": 240},
                        "P4": {"response_minutes": 60, "resolution_minutes": 480},
                        "P5": {"response_minutes": 120, "resolution_minutes": 960}},
            "max_alerts": 2, "alert_interval_minutes": 30
        }))
        .unwrap()
    }

    fn open(first_response_at: Option<i64>) -> ClockFacts {
        ClockFacts { category: StatusCategory::Open, first_response_at, priority: Priority::P3 }
    }

    const M: i64 = MINUTE_MS;

    #[test]
    fn warns_breaches_alerts_then_suspends() {
        let dues = Dues {
            response_due: Some(30 * M),
            resolution_due: Some(240 * M),
            response_warn: Some(24 * M),
            resolution_warn: Some(192 * M),
        };
        let facts = open(None);
        let s0 = OrderSlaState::default();
        let (s1, a1) = step(&s0, &facts, &dues, &rules(), 0);
        assert!(a1.is_empty());
        assert_eq!(s1.next_check_at, Some(24 * M), "the response warning is next");
        let (s2, a2) = step(&s1, &facts, &dues, &rules(), 24 * M);
        assert_eq!(a2, vec![SlaAction::Warn { target: Target::Response, due: 24 * M }]);
        assert_eq!(s2.next_check_at, Some(30 * M));
        let (s3, a3) = step(&s2, &facts, &dues, &rules(), 30 * M);
        assert_eq!(a3[0], SlaAction::Breach { target: Target::Response, due: 30 * M });
        assert_eq!(a3[1], SlaAction::Alert { number: 1, recipient: Recipient::Assignee });
        assert_eq!(s3.next_check_at, Some(60 * M), "the next alert after the interval");
        let (s4, a4) = step(&s3, &facts, &dues, &rules(), 60 * M);
        assert_eq!(a4, vec![SlaAction::Alert { number: 2, recipient: Recipient::Supervisors }]);
        let (s5, a5) = step(&s4, &facts, &dues, &rules(), 75 * M);
        assert!(a5.is_empty(), "not yet the interval");
        let (s6, a6) = step(&s5, &facts, &dues, &rules(), 90 * M);
        assert_eq!(a6, vec![SlaAction::Suspend { alerts: 2 }]);
        assert_eq!(s6.suspended_at, Some(90 * M));
        let paused = ClockFacts { category: StatusCategory::Suspended, ..facts };
        let (s7, a7) = step(&s6, &paused, &dues, &rules(), 91 * M);
        assert!(a7.is_empty());
        assert_eq!(s7.next_check_at, None, "a suspended order is not looked at");
    }

    #[test]
    fn a_late_first_response_is_a_breach_on_record_and_resolution_goes_on() {
        let dues = Dues { response_due: Some(30 * M), resolution_due: Some(240 * M), ..Dues::default() };
        let (s, actions) = step(&OrderSlaState::default(), &open(Some(40 * M)), &dues, &rules(), 41 * M);
        assert!(actions.is_empty());
        assert_eq!(s.response_breached_at, Some(30 * M));
        assert_eq!(s.next_check_at, Some(240 * M));
    }

    #[test]
    fn resolved_orders_need_no_checks() {
        let dues = Dues { resolution_due: Some(M), ..Dues::default() };
        let facts =
            ClockFacts { category: StatusCategory::Resolved, first_response_at: Some(0), priority: Priority::P3 };
        let (s, actions) = step(&OrderSlaState::default(), &facts, &dues, &rules(), 10 * M);
        assert!(actions.is_empty());
        assert_eq!(s.next_check_at, None);
    }

    #[test]
    fn rules_are_checked() {
        let mut r = rules();
        r.warn_percent = 100;
        assert_eq!(r.validate().unwrap_err().field.as_deref(), Some("warn_percent"));
        let mut r = rules();
        r.chain.clear();
        assert_eq!(r.validate().unwrap_err().key, "sla.chain_empty");
    }
}
