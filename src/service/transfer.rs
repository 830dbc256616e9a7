//! Transfer between departments with a review (issue #4): a request (target department, reason,
//! optionally a template to convert to) puts the order in `pending_transfer` and tells the
//! target department's reviewers; a reviewer approves (the order moves into that department's
//! queue, unassigned, as `transferred`, converted when asked) or rejects with a comment (back to
//! the status it had). Every step is a history event; the requester hears the decision.
//!
//! Reviewers: whoever the workflow lets take `approve_transfer` / `reject_transfer`
//! (supervisors and dispatchers in the default) who belong to the target department, and
//! admins. A plain dispatcher of another department cannot approve work into a queue that is
//! not theirs.

use super::changes::Edit;
use super::template_orders::OrderConversion;
use super::workflow_moves::{ActInput, Move};
use super::Orderly;
use crate::domain::history::Change;
use crate::domain::new_id;
use crate::domain::order::WorkOrder;
use crate::domain::status::Status;
use crate::domain::user::{Actor, Role};
use crate::store::workflows::{self as wf_store, ReviewRequest};
use crate::store::{org, users, WriteTx};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The default workflow's review decisions.
pub const APPROVE: &str = "approve_transfer";
pub const REJECT: &str = "reject_transfer";
const REQUEST: &str = "request_transfer";

/// A transfer request from the CLI or the app.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TransferRequest {
    pub version: i64,
    pub department_id: String,
    #[serde(default)]
    pub template_key: Option<String>,
    pub reason: String,
}

pub(crate) fn is_reviewer(actor: &Actor, request: &ReviewRequest) -> bool {
    actor.has(Role::Admin) || actor.department_id.as_deref() == Some(request.to_department_id.as_str())
}

/// The active supervisors and dispatchers of a department (admins when it has none).
async fn reviewers_of(conn: &mut sqlx::AnyConnection, department_id: &str) -> Result<Vec<String>> {
    let people = users::all(conn).await?;
    let active = people.iter().filter(|u| u.active);
    let local: Vec<String> = active
        .clone()
        .filter(|u| u.department_id.as_deref() == Some(department_id))
        .filter(|u| u.roles.iter().any(|r| matches!(r, Role::Supervisor | Role::Dispatcher)))
        .map(|u| u.id.clone())
        .collect();
    if !local.is_empty() {
        return Ok(local);
    }
    Ok(active.filter(|u| u.roles.contains(&Role::Admin)).map(|u| u.id.clone()).collect())
}

impl Orderly {
    /// Asks for a transfer (the workflow's `request_transfer`).
    pub async fn request_transfer(&self, actor: &Actor, id: &str, request: TransferRequest) -> Result<WorkOrder> {
        let input = ActInput {
            reason: Some(request.reason),
            department_id: Some(request.department_id),
            template_key: request.template_key,
            ..Default::default()
        };
        self.act(actor, id, request.version, REQUEST, input).await
    }

    /// Approves or rejects the order's pending transfer (the version is the one stored now:
    /// a review decides the request, not an edit someone read).
    pub async fn review_transfer(
        &self,
        actor: &Actor,
        id: &str,
        approve: bool,
        comment: Option<String>,
    ) -> Result<WorkOrder> {
        let mut tx = self.store.write().await?;
        let found = Self::visible_order(&mut tx, actor, id).await?;
        let action = if approve { APPROVE } else { REJECT };
        let input = ActInput { comment, ..Default::default() };
        let order = Self::act_in(&mut tx, self.store.engine(), actor, (found.seq, found.order), action, &input).await?;
        tx.commit().await?;
        Ok(order)
    }

    /// Every transfer request of an order, oldest first.
    pub async fn transfer_requests(&self, actor: &Actor, id: &str) -> Result<Vec<ReviewRequest>> {
        let mut conn = self.read().await?;
        let order = Self::visible_order(&mut conn, actor, id).await?.order;
        wf_store::reviews(&mut conn, &order.id).await
    }

    pub(super) async fn request_transfer_in(
        tx: &mut WriteTx,
        actor: &Actor,
        order: WorkOrder,
        edit: Edit,
        mv: &Move<'_>,
        to: Status,
        input: &ActInput,
    ) -> Result<WorkOrder> {
        let department = input.department_id.as_deref().map(str::trim).filter(|d| !d.is_empty());
        let department = department.ok_or_else(|| Error::invalid("input.required").on_field("department_id"))?;
        if !org::node_exists(tx, org::Tree::Departments, department).await? {
            return Err(Error::invalid("department.not_found").on_field("department_id").with("value", department));
        }
        if order.department_id.as_deref() == Some(department) {
            return Err(Error::invalid("handover.no_change").on_field("department_id").with("value", &order.number));
        }
        let template = input.template_key.as_deref().map(str::trim).filter(|t| !t.is_empty());
        if let Some(key) = template {
            super::templates::published(tx, key, None).await.map_err(|e| e.on_field("template_key"))?;
        }
        let reason = mv.note.clone().ok_or_else(|| Error::invalid("input.required").on_field("reason"))?;
        let request = ReviewRequest {
            id: new_id(),
            order_id: order.id.clone(),
            requested_by: actor.user_id.clone(),
            from_department_id: order.department_id.clone(),
            to_department_id: department.to_string(),
            target_template_key: template.map(str::to_string),
            from_status: order.status.key().to_string(),
            reason: reason.clone(),
            status: "pending".into(),
            reviewer_id: None,
            comment: None,
            requested_at: mv.now,
            decided_at: None,
        };
        wf_store::insert_review(tx, &request).await?;
        let detail = json!({"request_id": request.id, "to_department_id": department, "template_key": template});
        let order = Self::record_move(tx, actor, order, edit, mv, to, detail).await?;
        let reviewers = reviewers_of(tx, department).await?;
        let params = json!({"title": order.title, "reason": reason, "by": actor.display_name});
        super::notify::notify(tx, &reviewers, &order, "transfer_requested", params, mv.now).await?;
        Ok(order)
    }

    /// Approves or rejects the pending request; `to` is where the workflow's approval leads.
    pub(super) async fn review_in(
        tx: &mut WriteTx,
        actor: &Actor,
        mut order: WorkOrder,
        mut edit: Edit,
        mv: &Move<'_>,
        to: Status,
    ) -> Result<WorkOrder> {
        let mut request = wf_store::pending_review(tx, &order.id)
            .await?
            .ok_or_else(|| Error::invalid("transfer.no_request").with("value", &order.number))?;
        if !is_reviewer(actor, &request) {
            return Err(Error::forbidden("transfer.not_reviewer").with("login", &actor.login));
        }
        let approve = mv.action == APPROVE;
        if !approve && mv.note.is_none() {
            return Err(Error::invalid("workflow.comment_required").on_field("comment").with("action", mv.action));
        }
        request.status = if approve { "approved" } else { "rejected" }.into();
        request.reviewer_id = Some(actor.user_id.clone());
        request.comment = mv.note.clone();
        request.decided_at = Some(mv.now);
        if !wf_store::decide_review(tx, &request).await? {
            return Err(Error::conflict("order.version_stale").with("value", &order.number));
        }
        let to = if approve {
            let department = Some(request.to_department_id.clone());
            edit.changes.push(Change::field("department_id", json!(order.department_id), json!(department)));
            order.department_id = department;
            if order.assignee_id.is_some() {
                edit.changes.push(Change {
                    kind: crate::domain::history::EventKind::Assigned,
                    field: Some("assignee_id".into()),
                    old_value: Some(json!(order.assignee_id)),
                    new_value: Some(Value::Null),
                });
                order.assignee_id = None;
            }
            to
        } else {
            // A rejected request goes back to where the order was, not to a fixed status.
            request.from_status.parse()?
        };
        let detail = json!({"request_id": request.id, "decision": request.status,
            "to_department_id": request.to_department_id});
        let mut order = Self::record_move(tx, actor, order, edit, mv, to, detail).await?;
        if let (true, Some(key)) = (approve, request.target_template_key.clone()) {
            let conversion = OrderConversion { to_key: key, version: order.version, ..Default::default() };
            order = Self::convert_in(tx, actor, (mv.seq, order), conversion).await?;
        }
        let kind = if approve { "transfer_approved" } else { "transfer_rejected" };
        let params = json!({"title": order.title, "comment": mv.note, "by": actor.display_name});
        super::notify::notify(tx, std::slice::from_ref(&request.requested_by), &order, kind, params, mv.now).await?;
        Ok(order)
    }

    /// Closes a pending request when the order leaves the review another way (cancelled).
    pub(super) async fn close_review(
        tx: &mut WriteTx,
        actor: &Actor,
        order: &WorkOrder,
        note: Option<&str>,
        now: i64,
    ) -> Result<()> {
        if let Some(mut request) = wf_store::pending_review(tx, &order.id).await? {
            request.status = "rejected".into();
            request.reviewer_id = Some(actor.user_id.clone());
            request.comment = note.map(str::to_string);
            request.decided_at = Some(now);
            wf_store::decide_review(tx, &request).await?;
        }
        Ok(())
    }
}
