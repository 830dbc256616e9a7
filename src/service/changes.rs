//! Changing work orders: fields (naming the version read), assignment, status and comments.
//! Each change and its history events are written in one transaction.

use super::{check_version, Orderly};
use crate::domain::form::values::validate;
use crate::domain::form::TemplateDef;
use crate::domain::history::{validate_comment, Change, Comment, EventKind, NewComment};
use crate::domain::order::{
    validate_description, validate_order_location, validate_source, validate_title, OrderUpdate, WorkOrder,
};
use crate::domain::priority::Priority;
use crate::domain::status::Status;
use crate::domain::template::{self, split_unmapped};
use crate::domain::trigger::TriggerEvent;
use crate::domain::user::Actor;
use crate::domain::{new_id, now_millis};
use crate::store::{orders as order_store, templates as template_store, users, Engine, WriteTx};
use crate::{Error, Result};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

fn text_of(value: &Value, field: &str) -> Result<String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Null => Ok(String::new()),
        Value::Number(n) => Ok(n.to_string()),
        _ => Err(Error::invalid("input.value_invalid").on_field(field).with("value", value)),
    }
}

fn optional_id(value: &Value, field: &str) -> Result<Option<String>> {
    Ok(Some(text_of(value, field)?).filter(|s| !s.is_empty()))
}

fn coordinate(value: &Value, field: &str) -> Result<Option<f64>> {
    match value {
        Value::Null => Ok(None),
        Value::Number(n) => Ok(n.as_f64()),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| Error::invalid("input.value_invalid").on_field(field).with("value", s)),
        _ => Err(Error::invalid("input.value_invalid").on_field(field).with("value", value)),
    }
}

/// The key of a template field named in an update (`values.KEY` or a bare key that is no
/// order column), else `None`.
fn custom_key(key: &str) -> Option<&str> {
    const COLUMNS: [&str; 10] = [
        "title",
        "description",
        "priority",
        "department_id",
        "customer_id",
        "catalog_item_id",
        "address",
        "lat",
        "lon",
        "source",
    ];
    match key.strip_prefix("values.") {
        Some(k) => Some(k),
        None => (!COLUMNS.contains(&key)).then_some(key),
    }
}

/// Applies one `FIELD = VALUE` of an order column to `order`, returning the history change it
/// makes (if any).
fn apply_field(order: &mut WorkOrder, key: &str, value: &Value) -> Result<Option<Change>> {
    let before = serde_json::to_value(&*order).map_err(Error::internal)?;
    match key {
        "title" => order.title = validate_title(&text_of(value, key)?)?,
        "description" => order.description = validate_description(&text_of(value, key)?)?,
        "priority" => order.priority = text_of(value, key)?.parse::<Priority>()?,
        "department_id" => order.department_id = optional_id(value, key)?,
        "customer_id" => order.customer_id = optional_id(value, key)?,
        "catalog_item_id" => order.catalog_item_id = optional_id(value, key)?,
        "address" => order.location.address = optional_id(value, key)?,
        "lat" => order.location.lat = coordinate(value, key)?,
        "lon" => order.location.lon = coordinate(value, key)?,
        "source" => order.source = validate_source(&text_of(value, key)?)?,
        other => return Err(Error::invalid("order.field_unknown").on_field(other).with("value", other)),
    }
    let after = serde_json::to_value(&*order).map_err(Error::internal)?;
    let (stored_key, old, new) = match key {
        "address" | "lat" | "lon" => ("location", &before["location"], &after["location"]),
        other => (other, &before[other], &after[other]),
    };
    Ok((old != new).then(|| Change::field(stored_key, old.clone(), new.clone())))
}

/// Applies template values together (a rule may need two at once: a choice and the field it
/// requires) and checks the result against the order's template version; one history change
/// per value that changed. Unmapped values from a conversion are kept as they are.
fn apply_custom_values(order: &mut WorkOrder, def: &TemplateDef, set: &BTreeMap<&str, &Value>) -> Result<Vec<Change>> {
    if set.is_empty() {
        return Ok(Vec::new());
    }
    let (own, unmapped) = split_unmapped(&order.values);
    let mut next = own.clone();
    for (key, value) in set {
        if def.field(key).is_none() {
            return Err(Error::invalid("order.field_unknown").on_field(&format!("values.{key}")).with("value", key));
        }
        next.insert(key.to_string(), (*value).clone());
    }
    let mut clean = validate(def, &Value::Object(next), Some(&own))?;
    let mut changes = Vec::new();
    for f in &def.fields {
        let (old, new) = (own.get(&f.key), clean.get(&f.key));
        if old != new {
            let null = || Value::Null;
            changes.push(Change::field(
                &format!("values.{}", f.key),
                old.cloned().unwrap_or_else(null),
                new.cloned().unwrap_or_else(null),
            ));
        }
    }
    if let Some(u) = unmapped {
        clean.insert(template::UNMAPPED_KEY.into(), u);
    }
    order.values = Value::Object(clean);
    Ok(changes)
}

/// The order's own template version.
pub(super) async fn template_of(conn: &mut sqlx::AnyConnection, order: &WorkOrder) -> Result<TemplateDef> {
    let found = template_store::get(conn, &order.template_key, Some(order.template_version)).await?;
    let t = found.ok_or_else(|| {
        Error::internal(format!(
            "order {} names missing template {}@{}",
            order.id, order.template_key, order.template_version
        ))
    })?;
    Ok(t.definition)
}

/// Rewrites the order's choice values for the list's filter (inside the write).
pub(super) async fn index_values(
    conn: &mut sqlx::AnyConnection,
    def: &TemplateDef,
    seq: i64,
    order: &WorkOrder,
) -> Result<()> {
    let own: Map<String, Value> = split_unmapped(&order.values).0;
    let pairs = template::choice_values(def, &own);
    template_store::put_field_values(conn, (&order.id, seq, order.created_at), &order.template_key, &pairs).await
}

/// Sets the status and the times that follow from it.
pub(super) fn status_change(order: &mut WorkOrder, to: Status, now: i64) -> Change {
    let from = order.status;
    order.status = to;
    order.first_response_at.get_or_insert(now);
    match to {
        Status::Done => order.resolved_at = Some(now),
        Status::Closed => {
            order.resolved_at.get_or_insert(now);
            order.closed_at = Some(now);
        }
        _ if !to.is_active() => {}
        _ => {
            order.resolved_at = None;
            order.closed_at = None;
        }
    }
    Change {
        kind: EventKind::StatusChanged,
        field: Some("status".into()),
        old_value: Some(json!(from)),
        new_value: Some(json!(to)),
    }
}

/// An edit of an order's fields, before it is saved: its history changes, and the template
/// version when template values were set.
pub(super) struct Edit {
    pub changes: Vec<Change>,
    pub def: Option<TemplateDef>,
}

impl Edit {
    /// The fields the edit changed, as triggers name them.
    pub fn changed_fields(&self) -> BTreeSet<String> {
        self.changes.iter().filter_map(|c| c.field.clone()).collect()
    }
}

/// Applies `FIELD = VALUE`s (columns and template values) to `order`, checked as one edit;
/// nothing is written.
pub(super) async fn edit_fields(
    conn: &mut sqlx::AnyConnection,
    order: &mut WorkOrder,
    set: &BTreeMap<String, Value>,
) -> Result<Edit> {
    let mut changes = Vec::new();
    let mut custom = BTreeMap::new();
    for (key, value) in set {
        match custom_key(key) {
            Some(k) => drop(custom.insert(k, value)),
            None => changes.extend(apply_field(order, key, value)?),
        }
    }
    let def = if custom.is_empty() { None } else { Some(template_of(conn, order).await?) };
    if let Some(def) = &def {
        changes.extend(apply_custom_values(order, def, &custom)?);
        let values = order.values.as_object().cloned().unwrap_or_default();
        super::attachments::check_stored(conn, def, &values).await?;
    }
    validate_order_location(&order.location)?;
    super::people::check_order_references(conn, order).await?;
    Ok(Edit { changes, def })
}

impl Orderly {
    /// Loads an order for a change in `tx`: visible, workable by the actor, version current.
    pub(super) async fn order_for_change(
        tx: &mut WriteTx,
        actor: &Actor,
        id: &str,
        read_version: i64,
    ) -> Result<(i64, WorkOrder)> {
        let found = Self::visible_order(tx, actor, id).await?;
        check_version(&found.order, read_version)?;
        Ok((found.seq, found.order))
    }

    /// Stores `order` (one version up) with its changes as history, in `tx`.
    pub(super) async fn save_changes(
        tx: &mut WriteTx,
        actor: &Actor,
        mut order: WorkOrder,
        changes: &[Change],
        now: i64,
    ) -> Result<WorkOrder> {
        if changes.is_empty() {
            return Ok(order);
        }
        let read_version = order.version;
        order.version += 1;
        order.updated_at = now;
        order.updated_by = actor.user_id.clone();
        if !order_store::update_if_version(tx, &order, read_version).await? {
            return Err(Error::conflict("order.version_stale")
                .with("value", &order.number)
                .with("read", read_version)
                .with("current", "?"));
        }
        for change in changes {
            order_store::append_event(tx, &order.id, now, &actor.user_id, change).await?;
        }
        Ok(order)
    }

    pub async fn update_order(&self, actor: &Actor, id: &str, update: OrderUpdate) -> Result<WorkOrder> {
        let mut tx = self.store.write().await?;
        let (seq, mut order) = Self::order_for_change(&mut tx, actor, id, update.version).await?;
        actor.require(actor.can_work(&order), "perm.work_order")?;
        let edit = edit_fields(&mut tx, &mut order, &update.set).await?;
        let now = now_millis();
        let mut order = Self::save_changes(&mut tx, actor, order, &edit.changes, now).await?;
        Self::after_edit(&mut tx, self.store.engine(), seq, &mut order, &edit, now).await?;
        let changed = edit.changed_fields();
        if !changed.is_empty() {
            order = Self::run_triggers(&mut tx, self.store.engine(), order, TriggerEvent::Update, changed, now).await?;
        }
        tx.commit().await?;
        Ok(order)
    }

    /// What follows an edit once it is saved: the list's value index, the search document and
    /// the SLA clock, each only when a field it reads changed.
    pub(super) async fn after_edit(
        tx: &mut WriteTx,
        engine: Engine,
        seq: i64,
        order: &mut WorkOrder,
        edit: &Edit,
        now: i64,
    ) -> Result<()> {
        let touched = |f: &[&str]| edit.changes.iter().any(|c| c.field.as_deref().is_some_and(|x| f.contains(&x)));
        let values_changed = edit.changes.iter().any(|c| c.field.as_deref().is_some_and(|f| f.starts_with("values.")));
        if let (Some(def), true) = (&edit.def, values_changed) {
            index_values(tx, def, seq, order).await?;
            super::attachments::link_files(tx, def, order, false).await?;
        }
        if touched(&["title", "description"]) {
            order_store::index_head(tx, engine, seq, order).await?;
        }
        if touched(&["priority", "customer_id", "catalog_item_id"]) {
            Self::refresh_sla(tx, order, false, now).await?;
        }
        Ok(())
    }

    /// Assigns (or, with `None`, unassigns) an order. An unassigned order becomes to-do.
    pub async fn assign_order(
        &self,
        actor: &Actor,
        id: &str,
        assignee_id: Option<String>,
        version: i64,
    ) -> Result<WorkOrder> {
        actor.require(actor.can_assign(), "perm.assign")?;
        let mut tx = self.store.write().await?;
        let (_, order) = Self::order_for_change(&mut tx, actor, id, version).await?;
        let order = Self::assign_in(&mut tx, actor, order, assignee_id.as_deref().unwrap_or("")).await?;
        tx.commit().await?;
        Ok(order)
    }

    /// Assigns `order` to `assignee_id` ("" unassigns) inside the caller's transaction, with
    /// history, the SLA clock and the new assignee's notification.
    pub(super) async fn assign_in(
        tx: &mut WriteTx,
        actor: &Actor,
        mut order: WorkOrder,
        assignee_id: &str,
    ) -> Result<WorkOrder> {
        let assignee_id = Some(assignee_id.to_string()).filter(|a| !a.is_empty());
        if let Some(user_id) = &assignee_id {
            let user = users::by_id(tx, user_id)
                .await?
                .ok_or_else(|| Error::invalid("user.not_found").on_field("assignee_id").with("value", user_id))?;
            if !user.active {
                return Err(Error::invalid("user.inactive").on_field("assignee_id").with("value", &user.login));
            }
        }
        let now = now_millis();
        let mut changes = Vec::new();
        if order.assignee_id != assignee_id {
            changes.push(Change {
                kind: EventKind::Assigned,
                field: Some("assignee_id".into()),
                old_value: Some(json!(order.assignee_id)),
                new_value: Some(json!(assignee_id)),
            });
            order.assignee_id = assignee_id;
            if order.assignee_id.is_some() && order.status == Status::Unassigned {
                changes.push(status_change(&mut order, Status::Todo, now));
            }
        }
        let assigned = !changes.is_empty() && order.assignee_id.is_some();
        let mut order = Self::save_changes(tx, actor, order, &changes, now).await?;
        if !changes.is_empty() {
            Self::refresh_sla(tx, &mut order, true, now).await?;
        }
        if assigned {
            crate::store::dispatch::unpool(tx, &order.id).await?;
            super::sla_clock::notify_assigned(tx, &order, now).await?;
        }
        Ok(order)
    }

    /// Moves an order to `status` by the workflow action that leads there from its status
    /// (the same rules as [`Orderly::act`]); refused when no action leads there.
    pub async fn change_status(&self, actor: &Actor, id: &str, status: &str, version: i64) -> Result<WorkOrder> {
        let to: Status = status.parse()?;
        let mut conn = self.read().await?;
        let order = Self::visible_order(&mut conn, actor, id).await?.order;
        let action = super::workflow_moves::action_to(&mut conn, actor, &order, to).await?;
        drop(conn);
        self.act(actor, id, version, &action, super::workflow_moves::ActInput::default()).await
    }

    /// Adds a comment. Comments do not bump the order's version (they never conflict with an
    /// edit); a public one counts as the first response. `@login` mentions notify those people
    /// (see [`crate::domain::processing`]).
    pub async fn add_comment(&self, actor: &Actor, id: &str, input: NewComment) -> Result<Comment> {
        let body = validate_comment(&input.body)?;
        let mut tx = self.store.write().await?;
        let mut found = Self::visible_order(&mut tx, actor, id).await?;
        let now = now_millis();
        let comment = Comment {
            id: new_id(),
            order_id: found.order.id.clone(),
            author_id: actor.user_id.clone(),
            body,
            public: input.public,
            created_at: now,
        };
        order_store::insert_comment(&mut tx, &comment).await?;
        super::processing::notify_mentions(&mut tx, actor, &mut found.order, (&comment.body, &comment.id), now).await?;
        let change = Change {
            kind: EventKind::Commented,
            field: None,
            old_value: None,
            new_value: Some(json!({"comment_id": comment.id, "public": comment.public})),
        };
        order_store::append_event(&mut tx, &comment.order_id, now, &actor.user_id, &change).await?;
        order_store::touch_after_comment(&mut tx, &comment.order_id, now, comment.public).await?;
        order_store::index_comment(&mut tx, self.store.engine(), found.seq, &comment.body).await?;
        if comment.public {
            let mut order = found.order;
            order.first_response_at.get_or_insert(now);
            Self::refresh_sla(&mut tx, &mut order, true, now).await?;
        }
        tx.commit().await?;
        Ok(comment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order() -> WorkOrder {
        serde_json::from_value(json!({
            "id": "o1", "number": "WO-2026-000001", "template_key": "general", "template_version": 1,
            "title": "电梯故障", "description": "", "values": {}, "status": "todo", "priority": "P3",
            "department_id": null, "assignee_id": null, "collaborator_ids": [], "customer_id": null,
            "catalog_item_id": null, "location": {"address": null, "lat": null, "lon": null}, "source": "cli",
            "external_id": null, "created_by": "u", "created_at": 0, "updated_by": "u", "updated_at": 0,
            "response_due_at": null, "resolution_due_at": null, "first_response_at": null, "resolved_at": null,
            "closed_at": null, "urge_count": 0, "version": 1
        }))
        .unwrap()
    }

    #[test]
    fn fields_apply_with_history_and_refuse_bad_values() {
        let mut o = order();
        let change = apply_field(&mut o, "priority", &json!("P1")).unwrap().unwrap();
        assert_eq!((change.old_value, change.new_value), (Some(json!("P3")), Some(json!("P1"))));
        assert!(apply_field(&mut o, "priority", &json!("P1")).unwrap().is_none(), "no change, no event");
        assert_eq!(apply_field(&mut o, "priority", &json!("P0")).unwrap_err().key, "order.priority_invalid");
        let general = crate::domain::form::library::library().remove(0);
        let red = json!("red");
        let e = apply_custom_values(&mut o, &general, &BTreeMap::from([("colour", &red)])).unwrap_err();
        assert_eq!((e.key.as_str(), e.field.as_deref()), ("order.field_unknown", Some("values.colour")));
        let name = json!("王芳");
        let c = apply_custom_values(&mut o, &general, &BTreeMap::from([("contact_name", &name)])).unwrap();
        assert_eq!(c[0].field.as_deref(), Some("values.contact_name"));
        assert_eq!(o.values["contact_name"], "王芳");
        assert_eq!(
            (custom_key("values.asset_tag"), custom_key("colour"), custom_key("title")),
            (Some("asset_tag"), Some("colour"), None)
        );
        let c = apply_field(&mut o, "lat", &json!(39.9)).unwrap().unwrap();
        assert_eq!(c.field.as_deref(), Some("location"));
    }

    #[test]
    fn status_times_follow_the_status() {
        let mut o = order();
        status_change(&mut o, Status::Done, 10);
        assert_eq!((o.first_response_at, o.resolved_at), (Some(10), Some(10)));
        status_change(&mut o, Status::Closed, 20);
        assert_eq!((o.resolved_at, o.closed_at), (Some(10), Some(20)));
        status_change(&mut o, Status::InProgress, 30);
        assert_eq!((o.resolved_at, o.closed_at, o.first_response_at), (None, None, Some(10)));
    }
}
