//! Running an order's SLA clock: its history read as pauses and priority changes, the due and
//! warning times counted by `orderly_sla` (the same code as `orderly sla compute`), and the
//! scheduler's tick, which looks only at orders whose next check has come and acts on them.

use super::notify::{notify, notify_recipient};
use super::Orderly;
use crate::domain::history::{Change, Event, EventKind};
use crate::domain::order::WorkOrder;
use crate::domain::priority::Priority;
use crate::domain::sla::{self, ClockFacts, Dues, OrderSlaState, PolicyRules, Recipient, SlaAction, StoredPolicy};
use crate::domain::status::{Status, StatusCategory};
use crate::domain::user::SYSTEM_USER_ID;
use crate::store::{orders as order_store, sla as sla_store, Engine};
use crate::{Error, Result};
use orderly_sla::CalendarSpec;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{AnyConnection, Row};

/// What an order's history says to the clock.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ClockHistory {
    /// The priority the order was created with.
    pub initial_priority: Option<Priority>,
    /// Intervals in a pending, suspended or finished status (the last may be open).
    pub pauses: Vec<(i64, Option<i64>)>,
    pub priority_changes: Vec<(i64, Priority)>,
}

fn status_of(value: &Option<serde_json::Value>) -> Option<Status> {
    let v = value.as_ref()?;
    let key = v.get("status").unwrap_or(v);
    serde_json::from_value(key.clone()).ok()
}

/// Reads pauses and priority changes from the events, oldest first.
pub(crate) fn clock_history(events: &[Event]) -> ClockHistory {
    let mut h = ClockHistory::default();
    let mut paused_since: Option<i64> = None;
    for e in events {
        if e.kind == EventKind::Created {
            h.initial_priority = e.new_value.as_ref().and_then(|v| v["priority"].as_str()).and_then(|p| p.parse().ok());
        }
        let status = match e.kind {
            EventKind::Created | EventKind::StatusChanged => status_of(&e.new_value),
            EventKind::FieldChanged if e.field.as_deref() == Some("priority") => {
                if let Some(p) = e.new_value.as_ref().and_then(|v| v.as_str()).and_then(|s| s.parse().ok()) {
                    h.priority_changes.push((e.at, p));
                }
                None
            }
            _ => None,
        };
        let Some(status) = status else { continue };
        let counts = matches!(status.category(), StatusCategory::New | StatusCategory::Open);
        match (counts, paused_since) {
            (false, None) => paused_since = Some(e.at),
            (true, Some(from)) => {
                if e.at > from {
                    h.pauses.push((from, Some(e.at)));
                }
                paused_since = None;
            }
            _ => {}
        }
    }
    if let Some(from) = paused_since {
        h.pauses.push((from, None));
    }
    h
}

/// The SLA of one order as of `now`, explained: the policy and calendar that apply, the due
/// times and the timeline of counted, paused and closed time.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OrderSla {
    pub policy_name: String,
    pub calendar_name: String,
    pub priority: Priority,
    pub response_target_minutes: i64,
    pub resolution_target_minutes: i64,
    pub response_due: Option<i64>,
    pub resolution_due: Option<i64>,
    pub response_breached: bool,
    pub resolution_breached: bool,
    pub counted_minutes: i64,
    pub first_response_at: Option<i64>,
    pub alerts_sent: i64,
    pub timeline: Vec<SlaSpan>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SlaSpan {
    pub from: i64,
    pub to: i64,
    /// `counted`, `paused` or `closed`.
    pub kind: String,
}

/// Everything the clock of one order needs, loaded once.
pub(crate) struct ClockSetup {
    pub policy: StoredPolicy,
    pub calendar_name: String,
    pub calendar: CalendarSpec,
}

pub(crate) async fn clock_setup(conn: &mut AnyConnection, order: &WorkOrder) -> Result<Option<ClockSetup>> {
    let group = match &order.customer_id {
        Some(c) => sla_store::customer_group(conn, c).await?,
        None => None,
    };
    let Some(policy) = sla_store::policy_for(conn, group.as_deref(), order.catalog_item_id.as_deref()).await? else {
        return Ok(None);
    };
    let stored = sla_store::calendar(conn, &policy.calendar_id)
        .await?
        .ok_or_else(|| Error::internal(format!("policy {} names a missing calendar", policy.id)))?;
    Ok(Some(ClockSetup { policy, calendar_name: stored.name, calendar: stored.calendar }))
}

use super::sla_math::dues;

fn facts(order: &WorkOrder) -> ClockFacts {
    ClockFacts {
        category: order.status.category(),
        first_response_at: order.first_response_at,
        priority: order.priority,
    }
}

impl Orderly {
    /// Recomputes an order's due times and runs its clock as of `now`, inside the caller's
    /// transaction: called after every change that can move a due time (create, status,
    /// priority, customer or catalog change, a public reply).
    pub(crate) async fn refresh_sla(
        conn: &mut AnyConnection,
        order: &mut WorkOrder,
        progress: bool,
        now: i64,
    ) -> Result<()> {
        let Some(setup) = clock_setup(conn, order).await? else { return Ok(()) };
        let mut state = sla_store::state(conn, &order.id).await?.unwrap_or_else(|| OrderSlaState {
            order_id: order.id.clone(),
            policy_id: setup.policy.id.clone(),
            ..OrderSlaState::default()
        });
        state.policy_id = setup.policy.id.clone();
        if progress {
            // Progress restarts the count; the next alert is a whole interval away.
            state.alerts_sent = 0;
            state.last_alert_at = state.last_alert_at.map(|_| now);
        }
        // A change only moves the due times and the next check; the scheduler acts (at once
        // when a due time now lies in the past), so creating or editing never waits on alerts.
        let events = order_store::events(conn, &order.id).await?;
        let dues = dues(&setup, order, &clock_history(&events))?;
        state.next_check_at = sla::next_check_of(&state, &facts(order), &dues, &setup.policy.rules);
        Self::write_dues(conn, order, &dues).await?;
        sla_store::put_state(conn, &state).await
    }

    async fn write_dues(conn: &mut AnyConnection, order: &mut WorkOrder, dues: &Dues) -> Result<()> {
        if (order.response_due_at, order.resolution_due_at) != (dues.response_due, dues.resolution_due) {
            order.response_due_at = dues.response_due;
            order.resolution_due_at = dues.resolution_due;
            sqlx::query("UPDATE work_orders SET response_due_at = $1, resolution_due_at = $2 WHERE id = $3")
                .bind(dues.response_due)
                .bind(dues.resolution_due)
                .bind(&order.id)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }

    /// One step of the clock: dues written on the order, actions taken, next check stored.
    /// Returns how many actions it took.
    async fn run_clock(
        conn: &mut AnyConnection,
        order: &mut WorkOrder,
        setup: &ClockSetup,
        state: OrderSlaState,
        now: i64,
    ) -> Result<usize> {
        let events = order_store::events(conn, &order.id).await?;
        let dues = dues(setup, order, &clock_history(&events))?;
        let (next, actions) = sla::step(&state, &facts(order), &dues, &setup.policy.rules, now);
        Self::write_dues(conn, order, &dues).await?;
        for action in &actions {
            Self::take_action(conn, order, &setup.policy.rules, action, now).await?;
        }
        let mut next = next;
        if actions.iter().any(|a| matches!(a, SlaAction::Suspend { .. })) {
            next.next_check_at = None;
        }
        sla_store::put_state(conn, &next).await?;
        Ok(actions.len())
    }

    async fn take_action(
        conn: &mut AnyConnection,
        order: &mut WorkOrder,
        rules: &PolicyRules,
        action: &SlaAction,
        now: i64,
    ) -> Result<()> {
        let (kind, params, recipient) = match action {
            SlaAction::Warn { target, due } => {
                (EventKind::SlaWarning, json!({"target": target, "due": due}), Recipient::Assignee)
            }
            SlaAction::Breach { target, due } => {
                (EventKind::SlaBreached, json!({"target": target, "due": due}), Recipient::Supervisors)
            }
            SlaAction::Alert { number, recipient } => {
                (EventKind::SlaAlert, json!({"number": number, "recipient": recipient}), recipient.clone())
            }
            SlaAction::Suspend { alerts } => {
                Self::suspend_for_sla(conn, order, now).await?;
                (EventKind::SlaSuspended, json!({"alerts": alerts}), rules.control_centre.clone())
            }
        };
        let change = Change { kind, field: None, old_value: None, new_value: Some(params.clone()) };
        order_store::append_event(conn, &order.id, now, SYSTEM_USER_ID, &change).await?;
        notify_recipient(conn, &recipient, order, kind.key(), params, now).await?;
        Ok(())
    }

    /// The automatic suspension after the last alert: a status change by the system.
    async fn suspend_for_sla(conn: &mut AnyConnection, order: &mut WorkOrder, now: i64) -> Result<()> {
        if !order.status.is_active() || order.status == Status::Suspended {
            return Ok(());
        }
        let change = Change {
            kind: EventKind::StatusChanged,
            field: Some("status".into()),
            old_value: Some(json!(order.status)),
            new_value: Some(json!(Status::Suspended)),
        };
        let read_version = order.version;
        order.status = Status::Suspended;
        order.version += 1;
        order.updated_at = now;
        order.updated_by = SYSTEM_USER_ID.to_string();
        if !order_store::update_if_version(conn, order, read_version).await? {
            return Err(Error::conflict("order.version_stale").with("value", &order.number));
        }
        order_store::append_event(conn, &order.id, now, SYSTEM_USER_ID, &change).await
    }

    /// Runs the SLA scheduler once as of `now`: only orders whose next check has come (read
    /// through an index), at most `limit` of them. On PostgreSQL a transaction-scoped advisory
    /// lock makes sure exactly one desktop of a team runs a tick at a time.
    pub async fn sla_tick(&self, now: i64, limit: i64) -> Result<TickReport> {
        let mut tx = self.store.write().await?;
        if self.store.engine() == Engine::Postgres {
            let row = sqlx::query("SELECT pg_try_advisory_xact_lock(7021107) AS got").fetch_one(&mut *tx).await?;
            if !row.try_get::<bool, _>("got")? {
                return Ok(TickReport { skipped: true, ..TickReport::default() });
            }
        }
        let due = sla_store::due_for_check(&mut tx, now, limit).await?;
        let mut report = TickReport { checked: due.len() as i64, ..TickReport::default() };
        for order_id in due {
            let Some(found) = order_store::find(&mut tx, &order_id).await? else { continue };
            let mut order = found.order;
            let (Some(setup), Some(state)) =
                (clock_setup(&mut tx, &order).await?, sla_store::state(&mut tx, &order.id).await?)
            else {
                continue;
            };
            report.events += Self::run_clock(&mut tx, &mut order, &setup, state, now).await? as i64;
        }
        tx.commit().await?;
        // The workflow's time rules share the tick (and, on PostgreSQL, its one runner).
        report.time_rules = self.time_rule_tick(now).await?;
        Ok(report)
    }

    /// An order's SLA explained as of `now`.
    pub async fn order_sla(&self, actor: &crate::domain::user::Actor, id: &str, now: i64) -> Result<Option<OrderSla>> {
        let mut conn = self.read().await?;
        let order = Self::visible_order(&mut conn, actor, id).await?.order;
        let Some(setup) = clock_setup(&mut conn, &order).await? else { return Ok(None) };
        let history = clock_history(&order_store::events(&mut conn, &order.id).await?);
        let state = sla_store::state(&mut conn, &order.id).await?.unwrap_or_default();
        let mut view = super::sla_math::explain(&setup, &order, &history, now)?;
        view.alerts_sent = state.alerts_sent;
        Ok(Some(view))
    }
}

/// What one scheduler tick did.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TickReport {
    /// Another desktop held the scheduler lock.
    pub skipped: bool,
    pub checked: i64,
    pub events: i64,
    /// What the workflow's time rules did in the same tick.
    #[serde(default)]
    pub time_rules: super::time_rules::TimeRuleReport,
}

/// Tells the new assignee (used by assignment).
pub(crate) async fn notify_assigned(conn: &mut AnyConnection, order: &WorkOrder, now: i64) -> Result<()> {
    if let Some(assignee) = &order.assignee_id {
        let params = json!({"title": order.title, "priority": order.priority});
        notify(conn, std::slice::from_ref(assignee), order, "assigned", params, now).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(at: i64, kind: EventKind, field: Option<&str>, new: serde_json::Value) -> Event {
        Event {
            id: String::new(),
            order_id: String::new(),
            at,
            actor_id: String::new(),
            kind,
            field: field.map(String::from),
            old_value: None,
            new_value: Some(new),
        }
    }

    #[test]
    fn history_reads_as_pauses_and_priority_changes() {
        let events = [
            event(0, EventKind::Created, None, json!({"status": "unassigned", "priority": "P3"})),
            event(10, EventKind::StatusChanged, Some("status"), json!("awaiting_customer")),
            event(20, EventKind::FieldChanged, Some("priority"), json!("P1")),
            event(30, EventKind::StatusChanged, Some("status"), json!("in_progress")),
            event(40, EventKind::StatusChanged, Some("status"), json!("done")),
            event(50, EventKind::StatusChanged, Some("status"), json!("closed")),
        ];
        let h = clock_history(&events);
        assert_eq!(h.pauses, vec![(10, Some(30)), (40, None)]);
        assert_eq!(h.priority_changes, vec![(20, Priority::P1)]);
        assert_eq!(h.initial_priority, Some(Priority::P3));
    }
}
