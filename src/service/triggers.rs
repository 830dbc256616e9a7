//! Triggers in the store and at work (issue #4): admins import and export the ordered list;
//! on every create and update the active triggers run inside the same transaction through
//! [`trigger::plan`] (loop protection included), and each firing's actions go through the
//! service's own paths (field edits, assignment, collaborators, inbox, comments) as the system
//! user, with a `trigger` history event naming it. A stopped loop is a `trigger_loop` event.
//! [`Orderly::test_trigger`] shows what one trigger would do to an order, writing nothing.

use super::changes::{edit_fields, Edit};
use super::dispatch_auto::system_actor;
use super::Orderly;
use crate::domain::history::{Change, Comment, EventKind};
use crate::domain::new_id;
use crate::domain::order::WorkOrder;
use crate::domain::sla::Recipient;
use crate::domain::trigger::{self, Firing, NotifyTarget, Snapshot, Trigger, TriggerAction, TriggerEvent, TriggerPlan};
use crate::domain::user::{Actor, SYSTEM_USER_ID};
use crate::store::{orders as order_store, org, users, workflows as store, Engine, WriteTx};
use crate::{Error, Result};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The order as triggers see it: built-in fields by name (priority as `P1`..`P5`, status as
/// its key), template values as `values.KEY`, collaborators as a list of ids.
pub fn snapshot(order: &WorkOrder) -> Snapshot {
    let mut s = Snapshot::new();
    s.insert("title".into(), json!(order.title));
    s.insert("description".into(), json!(order.description));
    s.insert("priority".into(), json!(order.priority.to_string()));
    s.insert("status".into(), json!(order.status.key()));
    s.insert("template_key".into(), json!(order.template_key));
    s.insert("department_id".into(), json!(order.department_id));
    s.insert("assignee_id".into(), json!(order.assignee_id));
    s.insert("customer_id".into(), json!(order.customer_id));
    if let Some(values) = order.values.as_object() {
        for (k, v) in values {
            s.insert(format!("values.{k}"), v.clone());
        }
    }
    s.insert("collaborators".into(), json!(order.collaborator_ids));
    s
}

/// Refuses a trigger list that could not run: each trigger's own check, keys used twice, and
/// people or departments that do not exist; the field names the trigger (`triggers.2.actions.0`).
pub(crate) async fn check_triggers(conn: &mut sqlx::AnyConnection, triggers: &[Trigger]) -> Result<()> {
    for (i, t) in triggers.iter().enumerate() {
        let at = format!("triggers.{i}");
        check_trigger(conn, t).await.map_err(|e| e.within(&at))?;
        if triggers[..i].iter().any(|o| o.key == t.key) {
            return Err(Error::invalid("trigger.key_duplicate").on_field(&format!("{at}.key")).with("value", &t.key));
        }
    }
    Ok(())
}

/// One trigger's own check and the people and departments it names; the field is the
/// trigger's own (`actions.0.department_id`).
pub(crate) async fn check_trigger(conn: &mut sqlx::AnyConnection, t: &Trigger) -> Result<()> {
    t.check()?;
    for (k, a) in t.actions.iter().enumerate() {
        let field = |f: &str| format!("actions.{k}.{f}");
        let (user, department) = match a {
            TriggerAction::AssignPerson { user_id }
            | TriggerAction::AddCollaborator { user_id }
            | TriggerAction::Notify { to: NotifyTarget::User { user_id }, .. } => (Some(user_id), None),
            TriggerAction::SetField { field: f, value } if f == "assignee_id" => (Some(value), None),
            TriggerAction::AssignDepartment { department_id } => (None, Some(department_id)),
            TriggerAction::SetField { field: f, value } if f == "department_id" => (None, Some(value)),
            _ => (None, None),
        };
        if let Some(id) = user {
            if !users::by_id(conn, id).await?.is_some_and(|u| u.active) {
                return Err(Error::invalid("user.not_found").on_field(&field("user_id")).with("value", id));
            }
        }
        if let Some(id) = department {
            if !org::node_exists(conn, org::Tree::Departments, id).await? {
                return Err(Error::invalid("department.not_found").on_field(&field("department_id")).with("value", id));
            }
        }
    }
    Ok(())
}

impl Orderly {
    /// Every trigger in run order.
    pub async fn triggers(&self, actor: &Actor) -> Result<Vec<Trigger>> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut conn = self.read().await?;
        store::triggers(&mut conn).await
    }

    /// Replaces the trigger list (admins); every trigger is checked first, and a refusal names
    /// the field and stores nothing.
    pub async fn import_triggers(&self, actor: &Actor, triggers: Vec<Trigger>) -> Result<Vec<Trigger>> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut tx = self.store.write().await?;
        check_triggers(&mut tx, &triggers).await?;
        store::replace_triggers(&mut tx, &triggers, &actor.user_id, crate::domain::now_millis()).await?;
        tx.commit().await?;
        Ok(triggers)
    }

    /// What the stored trigger `key` would do to the order now (as on its first event; on
    /// create every field counts as changed), writing nothing.
    pub async fn test_trigger(&self, actor: &Actor, key: &str, order_id: &str) -> Result<TriggerPlan> {
        let mut conn = self.read().await?;
        let order = Self::visible_order(&mut conn, actor, order_id).await?.order;
        let mut found = store::triggers(&mut conn)
            .await?
            .into_iter()
            .find(|t| t.key == key)
            .ok_or_else(|| Error::not_found("trigger.not_found").with("value", key))?;
        found.active = true;
        let event = found.on.first().copied().unwrap_or(TriggerEvent::Update);
        let snap = snapshot(&order);
        let changed: BTreeSet<String> = snap.keys().cloned().collect();
        Ok(trigger::plan(&[found], event, &snap, &changed))
    }

    /// Runs the active triggers on a change of `order` inside the caller's transaction.
    pub(crate) async fn run_triggers(
        tx: &mut WriteTx,
        engine: Engine,
        order: WorkOrder,
        event: TriggerEvent,
        changed: BTreeSet<String>,
        now: i64,
    ) -> Result<WorkOrder> {
        let triggers = store::triggers(tx).await?;
        if triggers.is_empty() {
            return Ok(order);
        }
        let plan = trigger::plan(&triggers, event, &snapshot(&order), &changed);
        let mut order = order;
        for firing in &plan.firings {
            order = Self::apply_firing(tx, engine, order, firing, now).await?;
        }
        if let Some(key) = &plan.loop_stopped {
            let change = Change::field("trigger_loop", Value::Null, json!({"trigger": key}));
            order_store::append_event(tx, &order.id, now, SYSTEM_USER_ID, &change).await?;
        }
        Ok(order)
    }

    /// One firing: field edits first (one history write naming the trigger), then assignment,
    /// collaborators, notifications and comments. A firing whose edit the order refuses (a value
    /// its template does not take) is skipped and recorded as `trigger_failed`.
    async fn apply_firing(
        tx: &mut WriteTx,
        engine: Engine,
        mut order: WorkOrder,
        firing: &Firing,
        now: i64,
    ) -> Result<WorkOrder> {
        let system = system_actor();
        let mut set: BTreeMap<String, Value> = BTreeMap::new();
        for a in &firing.actions {
            match a {
                TriggerAction::SetField { field, value } if field != "assignee_id" => {
                    drop(set.insert(field.clone(), json!(value)))
                }
                TriggerAction::SetPriority { priority } => drop(set.insert("priority".into(), json!(priority))),
                TriggerAction::AssignDepartment { department_id } => {
                    drop(set.insert("department_id".into(), json!(department_id)))
                }
                _ => {}
            }
        }
        let mut edited = order.clone();
        let edit = match edit_fields(tx, &mut edited, &set).await {
            Ok(edit) => edit,
            Err(e) if e.code == crate::ErrorCode::InvalidInput => {
                let change = Change::field(
                    "trigger_failed",
                    Value::Null,
                    json!({"trigger": firing.trigger, "names": firing.names, "error": e.key, "field": e.field}),
                );
                order_store::append_event(tx, &order.id, now, SYSTEM_USER_ID, &change).await?;
                return Ok(order);
            }
            Err(e) => return Err(e),
        };
        let mut changes = edit.changes;
        changes.push(Change::field(
            "trigger",
            Value::Null,
            json!({"trigger": firing.trigger, "names": firing.names, "changed": firing.changed}),
        ));
        order = Self::save_changes(tx, &system, edited, &changes, now).await?;
        let found = order_store::find(tx, &order.id).await?.ok_or_else(|| Error::internal("order vanished"))?;
        Self::after_edit(tx, engine, found.seq, &mut order, &Edit { changes, def: edit.def }, now).await?;
        for a in &firing.actions {
            order = Self::apply_side_action(tx, engine, order, a, (found.seq, &firing.trigger), now).await?;
        }
        Ok(order)
    }

    async fn apply_side_action(
        tx: &mut WriteTx,
        engine: Engine,
        mut order: WorkOrder,
        action: &TriggerAction,
        (seq, key): (i64, &str),
        now: i64,
    ) -> Result<WorkOrder> {
        let system = system_actor();
        match action {
            TriggerAction::AssignPerson { user_id } => return Self::assign_in(tx, &system, order, user_id).await,
            TriggerAction::SetField { field, value } if field == "assignee_id" => {
                return Self::assign_in(tx, &system, order, value).await
            }
            TriggerAction::AddCollaborator { user_id } => {
                if store::add_collaborator(tx, &order.id, user_id).await? {
                    let change = Change::field("collaborators", Value::Null, json!({"added": user_id, "trigger": key}));
                    order_store::append_event(tx, &order.id, now, SYSTEM_USER_ID, &change).await?;
                    order.collaborator_ids.push(user_id.clone());
                }
            }
            TriggerAction::Notify { to, message } => {
                let params = json!({"title": order.title, "message": message, "trigger": key});
                let ids = match to {
                    NotifyTarget::Requester => vec![order.created_by.clone()],
                    NotifyTarget::User { user_id } => vec![user_id.clone()],
                    NotifyTarget::Assignee | NotifyTarget::DepartmentSupervisors => {
                        let recipient = match to {
                            NotifyTarget::DepartmentSupervisors => Recipient::Supervisors,
                            _ => Recipient::Assignee,
                        };
                        let people = users::all(tx).await?;
                        super::notify::resolve(&recipient, &order, &people)
                    }
                };
                super::notify::notify(tx, &ids, &order, "trigger", params, now).await?;
            }
            TriggerAction::Comment { text, public } => {
                let comment = Comment {
                    id: new_id(),
                    order_id: order.id.clone(),
                    author_id: SYSTEM_USER_ID.into(),
                    body: text.clone(),
                    public: *public,
                    created_at: now,
                };
                order_store::insert_comment(tx, &comment).await?;
                let change = Change {
                    kind: EventKind::Commented,
                    field: None,
                    old_value: None,
                    new_value: Some(json!({"comment_id": comment.id, "public": comment.public, "trigger": key})),
                };
                order_store::append_event(tx, &order.id, now, SYSTEM_USER_ID, &change).await?;
                order_store::index_comment(tx, engine, seq, &comment.body).await?;
            }
            TriggerAction::SetField { .. }
            | TriggerAction::SetPriority { .. }
            | TriggerAction::AssignDepartment { .. } => {}
        }
        Ok(order)
    }
}
