//! Handing an order over with a reason: reassign (改派) to another person, or transfer (转单) to
//! another department's queue (optionally straight to a person there). The reason is required
//! and kept in a `handover` history event beside the assignment it explains; the new assignee is
//! told, with the reason. A transfer with review between departments is issue #4's workflow.

use super::changes::status_change;
use super::Orderly;
use crate::domain::history::{Change, EventKind};
use crate::domain::now_millis;
use crate::domain::order::WorkOrder;
use crate::domain::status::Status;
use crate::domain::user::Actor;
use crate::store::{dispatch as dispatch_store, org, users, WriteTx};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// Longest reason kept, in characters.
pub const REASON_MAX: usize = 500;

/// Who takes the order over and why, naming the version read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Handover {
    pub order_id: String,
    pub version: i64,
    /// The person who takes the order; none leaves it unassigned in the (new) department's queue.
    #[serde(default)]
    pub assignee_id: Option<String>,
    /// Another department's queue (转单); none keeps the order's department (改派).
    #[serde(default)]
    pub department_id: Option<String>,
    pub reason: String,
}

fn checked_reason(reason: &str) -> Result<String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("input.required").on_field("reason"));
    }
    if reason.chars().count() > REASON_MAX {
        return Err(Error::invalid("input.too_long").on_field("reason").with("max", REASON_MAX));
    }
    Ok(reason.to_string())
}

async fn check_targets(tx: &mut WriteTx, handover: &Handover) -> Result<()> {
    if let Some(id) = &handover.assignee_id {
        let user = users::by_id(tx, id)
            .await?
            .ok_or_else(|| Error::invalid("user.not_found").on_field("assignee_id").with("value", id))?;
        if !user.active {
            return Err(Error::invalid("user.inactive").on_field("assignee_id").with("value", &user.login));
        }
    }
    if let Some(d) = &handover.department_id {
        if !org::node_exists(tx, org::Tree::Departments, d).await? {
            return Err(Error::invalid("department.not_found").on_field("department_id").with("value", d));
        }
    }
    Ok(())
}

impl Orderly {
    /// Reassigns or transfers an order with a reason (dispatchers, supervisors, admins).
    /// Refused, with nothing stored, without a reason, to an unknown or inactive person or an
    /// unknown department, or when it would change nothing.
    pub async fn hand_over(&self, actor: &Actor, handover: Handover) -> Result<WorkOrder> {
        actor.require(actor.can_assign(), "perm.assign")?;
        let reason = checked_reason(&handover.reason)?;
        let mut tx = self.store.write().await?;
        let found = Self::visible_order(&mut tx, actor, &handover.order_id).await?;
        super::check_version(&found.order, handover.version)?;
        check_targets(&mut tx, &handover).await?;
        let mut order = found.order;
        let transfer = handover.department_id.is_some() && handover.department_id != order.department_id;
        let department = if transfer { handover.department_id.clone() } else { order.department_id.clone() };
        if !transfer && handover.assignee_id == order.assignee_id {
            return Err(Error::invalid("handover.no_change").on_field("assignee_id").with("value", &order.number));
        }
        let now = now_millis();
        let before = json!({"assignee_id": order.assignee_id, "department_id": order.department_id});
        let mut changes = Vec::new();
        if transfer {
            changes.push(Change::field("department_id", json!(order.department_id), json!(department)));
            order.department_id = department;
        }
        let assigned = handover.assignee_id.is_some() && handover.assignee_id != order.assignee_id;
        if handover.assignee_id != order.assignee_id {
            changes.push(Change {
                kind: EventKind::Assigned,
                field: Some("assignee_id".into()),
                old_value: Some(json!(order.assignee_id)),
                new_value: Some(json!(handover.assignee_id)),
            });
            order.assignee_id = handover.assignee_id.clone();
            if assigned && order.status == Status::Unassigned {
                changes.push(status_change(&mut order, Status::Todo, now));
            }
        }
        let kind = if transfer { "transfer" } else { "reassign" };
        let after = json!({"kind": kind, "reason": reason, "assignee_id": order.assignee_id,
            "department_id": order.department_id});
        changes.push(Change::field("handover", before, after));
        let mut order = Self::save_changes(&mut tx, actor, order, &changes, now).await?;
        Self::refresh_sla(&mut tx, &mut order, true, now).await?;
        if let Some(assignee) = order.assignee_id.clone().filter(|_| assigned) {
            dispatch_store::unpool(&mut tx, &order.id).await?;
            let params = json!({"title": order.title, "priority": order.priority, "reason": reason, "kind": kind});
            super::notify::notify(&mut tx, &[assignee], &order, "assigned", params, now).await?;
        }
        tx.commit().await?;
        Ok(order)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_required_and_bounded() {
        assert_eq!(checked_reason("  ").unwrap_err().field.as_deref(), Some("reason"));
        assert_eq!(checked_reason(&"长".repeat(REASON_MAX + 1)).unwrap_err().key, "input.too_long");
        assert_eq!(checked_reason(" 客户要求换人 ").unwrap(), "客户要求换人");
    }
}
