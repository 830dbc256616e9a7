//! Time rules at work (issue #4): admins store the rules; the scheduler tick (the desktop's
//! background tick and `orderly sla tick`) finds orders that have stayed in a rule's status for
//! its time and acts once per stay: a notification, or a workflow action taken by the system
//! through [`Orderly::act_in`], with the same rules as anyone's move. A stay is known by when
//! the order entered the status, so a rule runs again only after the order left and came back.

use super::workflow_moves::ActInput;
use super::Orderly;
use crate::domain::history::Change;
use crate::domain::time_rule::{TimeAction, TimeRule};
use crate::domain::trigger::NotifyTarget;
use crate::domain::user::{Actor, Role, SYSTEM_USER_ID};
use crate::domain::workflow_default::default_workflow;
use crate::domain::Millis;
use crate::store::{orders as order_store, workflows as store};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Orders looked at per rule and tick; the rest wait for the next tick.
const PER_RULE: i64 = 200;

/// What one time-rule tick did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TimeRuleReport {
    /// Rule runs (one per order and rule).
    pub ran: i64,
    /// Runs whose action the workflow refused (recorded in the order's history).
    pub refused: i64,
}

/// The scheduler acts for the organisation: an admin in the workflow's eyes, the system user in
/// the history.
fn scheduler_actor() -> Actor {
    Actor {
        user_id: SYSTEM_USER_ID.into(),
        login: "system".into(),
        display_name: "Orderly".into(),
        roles: vec![Role::Admin],
        department_id: None,
    }
}

impl Orderly {
    pub async fn time_rules(&self, _actor: &Actor) -> Result<Vec<TimeRule>> {
        let mut conn = self.read().await?;
        store::time_rules(&mut conn).await
    }

    /// Replaces the time rules (admins); each is checked against the statuses orders hold, a
    /// refusal names the field (`rules.1.after_minutes`) and stores nothing.
    pub async fn set_time_rules(&self, actor: &Actor, rules: Vec<TimeRule>) -> Result<Vec<TimeRule>> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let flow = default_workflow();
        let statuses: Vec<&str> = flow.statuses.iter().map(|s| s.key.as_str()).collect();
        for (i, r) in rules.iter().enumerate() {
            r.check(&statuses).map_err(|e| e.within(&format!("rules.{i}")))?;
            if rules[..i].iter().any(|o| o.key == r.key) {
                return Err(Error::invalid("trigger.key_duplicate")
                    .on_field(&format!("rules.{i}.key"))
                    .with("value", &r.key));
            }
        }
        let mut tx = self.store.write().await?;
        store::replace_time_rules(&mut tx, &rules, crate::domain::now_millis()).await?;
        tx.commit().await?;
        Ok(rules)
    }

    /// Runs every due time rule once as of `now`, in one transaction.
    pub async fn time_rule_tick(&self, now: Millis) -> Result<TimeRuleReport> {
        let mut tx = self.store.write().await?;
        let rules = store::time_rules(&mut tx).await?;
        let mut report = TimeRuleReport::default();
        for rule in &rules {
            let entered_by = now - rule.after_minutes * 60_000;
            for (order_id, since) in store::staying_since(&mut tx, &rule.status, entered_by, PER_RULE).await? {
                if !store::claim_time_rule_run(&mut tx, &order_id, &rule.key, since, now).await? {
                    continue;
                }
                report.ran += 1;
                if !self.run_time_rule(&mut tx, rule, &order_id, now).await? {
                    report.refused += 1;
                }
            }
        }
        tx.commit().await?;
        Ok(report)
    }

    /// One rule on one order; `false` when the workflow refused its action.
    async fn run_time_rule(
        &self,
        tx: &mut crate::store::WriteTx,
        rule: &TimeRule,
        order_id: &str,
        now: Millis,
    ) -> Result<bool> {
        let Some(found) = order_store::find(tx, order_id).await? else { return Ok(true) };
        let note = json!({"rule": rule.key, "status": rule.status, "after_minutes": rule.after_minutes});
        order_store::append_event(tx, order_id, now, SYSTEM_USER_ID, &Change::field("time_rule", Value::Null, note))
            .await?;
        match &rule.action {
            TimeAction::Notify { to, message } => {
                let order = found.order;
                let ids = match to {
                    NotifyTarget::Requester => vec![order.created_by.clone()],
                    NotifyTarget::User { user_id } => vec![user_id.clone()],
                    NotifyTarget::Assignee | NotifyTarget::DepartmentSupervisors => {
                        let recipient = match to {
                            NotifyTarget::DepartmentSupervisors => crate::domain::sla::Recipient::Supervisors,
                            _ => crate::domain::sla::Recipient::Assignee,
                        };
                        let people = crate::store::users::all(tx).await?;
                        super::notify::resolve(&recipient, &order, &people)
                    }
                };
                let params = json!({"title": order.title, "message": message, "rule": rule.key});
                super::notify::notify(tx, &ids, &order, "time_rule", params, now).await?;
                Ok(true)
            }
            TimeAction::Transition { action } => {
                let input = ActInput { comment: Some(rule.names.en.clone()), ..Default::default() };
                let engine = self.store.engine();
                match Self::act_in(tx, engine, &scheduler_actor(), (found.seq, found.order), action, &input).await {
                    Ok(_) => Ok(true),
                    Err(e) if e.code == crate::ErrorCode::InvalidInput || e.code == crate::ErrorCode::Forbidden => {
                        let failed = json!({"rule": rule.key, "error": e.key});
                        let change = Change::field("time_rule_failed", Value::Null, failed);
                        order_store::append_event(tx, order_id, now, SYSTEM_USER_ID, &change).await?;
                        Ok(false)
                    }
                    Err(e) => Err(e),
                }
            }
        }
    }
}
