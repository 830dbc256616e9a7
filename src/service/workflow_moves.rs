//! Moving an order through its workflow (issue #4): [`Orderly::act`] asks the order's
//! [`WorkflowDef`] whether the actor may take the action (parties, required fields, a required
//! comment) and refuses with a coded error naming the field, writing nothing; a permitted move
//! writes the status, a `workflow_action` history event (action, note) and the fields set with
//! it in one transaction, re-runs the SLA clock and the update triggers. A transfer request and
//! its review are moves too ([`super::transfer`]). [`Orderly::available_actions`] tells the UI
//! which actions the actor may take now.

use super::changes::{edit_fields, status_change, Edit};
use super::transfer::{APPROVE, REJECT};
use super::workflows::workflow_of;
use super::Orderly;
use crate::domain::history::Change;
use crate::domain::now_millis;
use crate::domain::order::WorkOrder;
use crate::domain::status::Status;
use crate::domain::trigger::TriggerEvent;
use crate::domain::user::Actor;
use crate::domain::workflow::{Mover, Names, WorkflowDef};
use crate::store::{workflows as wf_store, Engine, WriteTx};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sqlx::AnyConnection;
use std::collections::BTreeMap;

/// What comes with a move: a comment (the why), fields set with it (a required field filled
/// in, as in an update), a reason (taken as the comment when no comment is given), and for a
/// transfer request the target department and optionally a template to convert to.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ActInput {
    #[serde(default)]
    pub comment: Option<String>,
    #[serde(default)]
    pub values: BTreeMap<String, Value>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub department_id: Option<String>,
    #[serde(default)]
    pub template_key: Option<String>,
}

impl ActInput {
    /// The note kept with the move: the comment, else the reason, trimmed; none when blank.
    pub fn note(&self) -> Option<String> {
        [&self.comment, &self.reason].into_iter().flatten().map(|t| t.trim().to_string()).find(|t| !t.is_empty())
    }
}

/// An action the actor may take on an order now.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AvailableAction {
    pub action: String,
    pub names: Names,
    pub to: String,
    pub review: bool,
    pub comment_required: bool,
    pub requires_fields: Vec<String>,
}

pub(crate) fn mover_of<'a>(actor: &'a Actor, order: &WorkOrder) -> Mover<'a> {
    Mover {
        roles: &actor.roles,
        is_assignee: order.assignee_id.as_deref() == Some(actor.user_id.as_str()),
        is_requester: order.created_by == actor.user_id,
    }
}

/// Whether the order holds a value for `field` (a column or `values.KEY`, bare keys too).
pub(crate) fn has_value(order: &WorkOrder, field: &str) -> bool {
    let snapshot = super::triggers::snapshot(order);
    let value = snapshot.get(field).or_else(|| snapshot.get(&format!("values.{field}")));
    match value {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(_) => true,
    }
}

/// The action of the order's workflow that leads from its status to `to` and that the actor
/// may take (else the first that leads there, for its refusal).
pub(crate) async fn action_to(
    conn: &mut AnyConnection,
    actor: &Actor,
    order: &WorkOrder,
    to: Status,
) -> Result<String> {
    let flow = workflow_of(conn, order).await?;
    let leading: Vec<_> = flow.actions_from(order.status.key()).filter(|t| t.to == to.key()).collect();
    let mover = mover_of(actor, order);
    let permitted =
        leading.iter().find(|t| flow.decide(order.status.key(), &t.action, &mover, &|_| true, Some("-")).is_ok());
    match permitted.or(leading.first()) {
        Some(t) => Ok(t.action.clone()),
        None => Err(order.status.check_transition(to).err().unwrap_or_else(|| {
            Error::invalid("order.transition_refused")
                .on_field("status")
                .with("from", order.status.key())
                .with("to", to.key())
        })),
    }
}

/// The actions of `flow` the actor may take on `order` (fields and comments are asked for
/// when the action is taken); a review decision only for a reviewer of the target department.
pub(crate) fn actions_for(
    flow: &WorkflowDef,
    actor: &Actor,
    order: &WorkOrder,
    reviewer: bool,
) -> Vec<AvailableAction> {
    let mover = mover_of(actor, order);
    flow.actions_from(order.status.key())
        .filter(|t| flow.decide(order.status.key(), &t.action, &mover, &|_| true, Some("-")).is_ok())
        .filter(|t| reviewer || (t.action != APPROVE && t.action != REJECT))
        .map(|t| AvailableAction {
            action: t.action.clone(),
            names: t.names.clone(),
            to: t.to.clone(),
            review: t.review,
            comment_required: t.comment_required,
            requires_fields: t.requires_fields.clone(),
        })
        .collect()
}

impl Orderly {
    /// The actions the actor may take on the order now, in the workflow's order.
    pub async fn available_actions(&self, actor: &Actor, id: &str) -> Result<Vec<AvailableAction>> {
        let mut conn = self.read().await?;
        let order = Self::visible_order(&mut conn, actor, id).await?.order;
        let flow = workflow_of(&mut conn, &order).await?;
        let reviewer = match wf_store::pending_review(&mut conn, &order.id).await? {
            Some(r) => super::transfer::is_reviewer(actor, &r),
            None => false,
        };
        Ok(actions_for(&flow, actor, &order, reviewer))
    }

    /// Takes a workflow action on an order, naming the version read.
    pub async fn act(&self, actor: &Actor, id: &str, version: i64, action: &str, input: ActInput) -> Result<WorkOrder> {
        let mut tx = self.store.write().await?;
        let (seq, order) = Self::order_for_change(&mut tx, actor, id, version).await?;
        let order = Self::act_in(&mut tx, self.store.engine(), actor, (seq, order), action, &input).await?;
        tx.commit().await?;
        Ok(order)
    }

    /// [`Orderly::act`] inside the caller's transaction (also the time rules' path).
    pub(crate) async fn act_in(
        tx: &mut WriteTx,
        engine: Engine,
        actor: &Actor,
        (seq, mut order): (i64, WorkOrder),
        action: &str,
        input: &ActInput,
    ) -> Result<WorkOrder> {
        let flow = workflow_of(tx, &order).await?;
        let edit = edit_fields(tx, &mut order, &input.values).await?;
        let note = input.note();
        let step = flow.decide(
            order.status.key(),
            action,
            &mover_of(actor, &order),
            &|f: &str| has_value(&order, f),
            note.as_deref(),
        )?;
        let to: Status = step.to.parse()?;
        let now = now_millis();
        let names = flow.actions_from(order.status.key()).find(|t| t.action == action).map(|t| t.names.clone());
        let mv = Move { engine, seq, action, names, note, now };
        if step.review {
            return Self::request_transfer_in(tx, actor, order, edit, &mv, to, input).await;
        }
        if action == APPROVE || action == REJECT {
            return Self::review_in(tx, actor, order, edit, &mv, to).await;
        }
        if order.status == Status::PendingTransfer {
            // Leaving the review by another way (cancel) closes the request with the note.
            Self::close_review(tx, actor, &order, mv.note.as_deref(), now).await?;
        }
        Self::record_move(tx, actor, order, edit, &mv, to, json!({})).await
    }

    /// Writes a permitted move: fields set with it, the status (and the times following from
    /// it), the `workflow_action` event with `detail`, the SLA clock and the update triggers.
    pub(super) async fn record_move(
        tx: &mut WriteTx,
        actor: &Actor,
        mut order: WorkOrder,
        mut edit: Edit,
        mv: &Move<'_>,
        to: Status,
        detail: Value,
    ) -> Result<WorkOrder> {
        if order.status != to {
            edit.changes.push(status_change(&mut order, to, mv.now));
        }
        // The action's names as the workflow had them, so the history reads in any language.
        let mut note = json!({"action": mv.action, "names": mv.names, "comment": mv.note});
        if let (Some(n), Value::Object(d)) = (note.as_object_mut(), detail) {
            n.extend(d);
        }
        edit.changes.push(Change::field("workflow_action", Value::Null, note));
        let mut order = Self::save_changes(tx, actor, order, &edit.changes, mv.now).await?;
        Self::after_edit(tx, mv.engine, mv.seq, &mut order, &edit, mv.now).await?;
        Self::refresh_sla(tx, &mut order, true, mv.now).await?;
        let mut changed = edit.changed_fields();
        changed.remove("workflow_action");
        Self::run_triggers(tx, mv.engine, order, TriggerEvent::Update, changed, mv.now).await
    }
}

/// One move in progress: where and when it is written, the action and its note.
pub(super) struct Move<'a> {
    pub engine: Engine,
    pub seq: i64,
    pub action: &'a str,
    /// The action's names in the order's workflow (none for a move no transition names).
    pub names: Option<Names>,
    pub note: Option<String>,
    pub now: i64,
}
