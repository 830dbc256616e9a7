//! Creating, reading and listing work orders.

use super::{people, Orderly};
use crate::domain::form::values::validate;
use crate::domain::history::{Change, Comment, Event, EventKind};
use crate::domain::order::{
    format_number, validate_description, validate_order_location, validate_source, validate_title, NewOrder,
    OrderFilter, OrderPage, WorkOrder,
};
use crate::domain::priority::Priority;
use crate::domain::status::Status;
use crate::domain::template::{self, StoredTemplate};
use crate::domain::trigger::TriggerEvent;
use crate::domain::user::Actor;
use crate::domain::{new_id, now_millis};
use crate::store::{dialect, orders as order_store, templates as template_store, Engine};
use crate::Result;
use chrono::{Datelike, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sqlx::AnyConnection;
use std::sync::Arc;

/// An order with everything its detail view shows; the allowed next statuses come from the
/// core so the UI never guesses the workflow.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OrderDetail {
    pub order: WorkOrder,
    pub history: Vec<Event>,
    pub comments: Vec<Comment>,
    pub next_statuses: Vec<Status>,
    pub can_work: bool,
    pub can_assign: bool,
}

/// How an order enters the store besides its [`NewOrder`] fields: a live create, or an import
/// that carries its own history.
#[derive(Debug, Clone)]
pub(crate) struct Arrival {
    pub at: i64,
    pub status: Status,
    pub assignee_id: Option<String>,
    pub external_id: Option<String>,
    pub default_source: &'static str,
    /// The template version already loaded (an import loads each once), else looked up.
    pub template: Option<Arc<StoredTemplate>>,
}

impl Arrival {
    pub fn now(default_source: &'static str) -> Arrival {
        Arrival {
            at: now_millis(),
            status: Status::Unassigned,
            assignee_id: None,
            external_id: None,
            default_source,
            template: None,
        }
    }
}

/// Checks a new order and fills in its defaults, with no I/O.
fn build_order(actor: &Actor, input: NewOrder, arrival: &Arrival, template: &StoredTemplate) -> Result<WorkOrder> {
    let title = validate_title(&input.title)?;
    let description = validate_description(input.description.as_deref().unwrap_or(""))?;
    let priority = match input.priority.as_deref() {
        Some(p) => p.parse()?,
        None => Priority::P3,
    };
    let values = Value::Object(validate(&template.definition, &input.values.unwrap_or(Value::Null), None)?);
    let location = input.location.unwrap_or_default();
    validate_order_location(&location)?;
    let source = validate_source(input.source.as_deref().unwrap_or(arrival.default_source))?;
    let status = match (&arrival.assignee_id, arrival.status) {
        (Some(_), Status::Unassigned) => Status::Todo,
        (_, status) => status,
    };
    Ok(WorkOrder {
        id: new_id(),
        number: String::new(),
        template_key: template.key.clone(),
        template_version: template.version,
        title,
        description,
        values,
        status,
        priority,
        department_id: input.department_id.filter(|d| !d.is_empty()),
        assignee_id: arrival.assignee_id.clone(),
        collaborator_ids: Vec::new(),
        customer_id: input.customer_id.filter(|c| !c.is_empty()),
        catalog_item_id: input.catalog_item_id.filter(|c| !c.is_empty()),
        location,
        source,
        external_id: arrival.external_id.clone(),
        created_by: actor.user_id.clone(),
        created_at: arrival.at,
        updated_by: actor.user_id.clone(),
        updated_at: arrival.at,
        response_due_at: None,
        resolution_due_at: None,
        first_response_at: None,
        resolved_at: matches!(status, Status::Done | Status::Closed).then_some(arrival.at),
        closed_at: (status == Status::Closed).then_some(arrival.at),
        urge_count: 0,
        version: 1,
    })
}

/// Validates and writes a new order, its search document and its `created` event inside the
/// caller's transaction.
pub(crate) async fn insert_new_order(
    conn: &mut AnyConnection,
    engine: Engine,
    actor: &Actor,
    input: NewOrder,
    arrival: &Arrival,
) -> Result<WorkOrder> {
    let template = match &arrival.template {
        Some(t) => t.clone(),
        None => {
            let key = input.template_key.as_deref().filter(|k| !k.is_empty()).unwrap_or(template::GENERAL);
            Arc::new(super::templates::published(conn, key, None).await?)
        }
    };
    let mut order = build_order(actor, input, arrival, &template)?;
    people::check_order_references(conn, &order).await?;
    let values = order.values.as_object().cloned().unwrap_or_default();
    super::attachments::check_stored(conn, &template.definition, &values).await?;
    let year = Utc.timestamp_millis_opt(order.created_at).single().map(|t| t.year()).unwrap_or(1970);
    order.number = format_number(year, order_store::next_number(conn, year).await?);
    let seq = order_store::insert(conn, &order).await?;
    let pairs = template::choice_values(&template.definition, order.values.as_object().unwrap_or(&Default::default()));
    template_store::put_field_values(conn, (&order.id, seq, order.created_at), &order.template_key, &pairs).await?;
    super::attachments::link_files(conn, &template.definition, &order, true).await?;
    let head = dialect::search_head(&order.number, &order.title, &order.description);
    dialect::put_search_doc(conn, engine, seq, &head, "").await?;
    let created = Change {
        kind: EventKind::Created,
        field: None,
        old_value: None,
        new_value: Some(json!({
            "number": order.number, "title": order.title, "priority": order.priority,
            "status": order.status, "source": order.source,
        })),
    };
    order_store::append_event(conn, &order.id, order.created_at, &actor.user_id, &created).await?;
    if let Some(assignee) = &order.assignee_id {
        let assigned = Change {
            kind: EventKind::Assigned,
            field: Some("assignee_id".into()),
            old_value: None,
            new_value: Some(json!(assignee)),
        };
        order_store::append_event(conn, &order.id, order.created_at, &actor.user_id, &assigned).await?;
    }
    let at = now_millis().max(order.created_at);
    Orderly::refresh_sla(conn, &mut order, false, at).await?;
    Ok(order)
}

impl Orderly {
    pub async fn create_order(&self, actor: &Actor, input: NewOrder) -> Result<WorkOrder> {
        self.create_order_from(actor, input, "desktop").await
    }

    /// Creates an order, naming where it came from when the input does not (`cli`, `desktop`).
    pub async fn create_order_from(&self, actor: &Actor, input: NewOrder, source: &'static str) -> Result<WorkOrder> {
        actor.require(actor.can_create_order(), "perm.create_order")?;
        let mut tx = self.store.write().await?;
        let arrival = Arrival::now(source);
        let order = insert_new_order(&mut tx, self.store.engine(), actor, input, &arrival).await?;
        let every_field = super::triggers::snapshot(&order).keys().cloned().collect();
        let order =
            Self::run_triggers(&mut tx, self.store.engine(), order, TriggerEvent::Create, every_field, arrival.at)
                .await?;
        let order = Self::route_by_rules(&mut tx, order, arrival.at).await?;
        super::dispatch_auto::pool_if_ruled(&mut tx, &order, arrival.at).await?;
        tx.commit().await?;
        Ok(order)
    }

    pub async fn get_order(&self, actor: &Actor, id_or_number: &str) -> Result<WorkOrder> {
        let mut conn = self.read().await?;
        Ok(Self::visible_order(&mut conn, actor, id_or_number).await?.order)
    }

    pub async fn order_detail(&self, actor: &Actor, id_or_number: &str) -> Result<OrderDetail> {
        let mut conn = self.read().await?;
        let order = Self::visible_order(&mut conn, actor, id_or_number).await?.order;
        let history = order_store::events(&mut conn, &order.id).await?;
        let comments = order_store::comments(&mut conn, &order.id).await?;
        let can_work = actor.can_work(&order);
        // The statuses the actor's workflow actions lead to (review decisions excluded: they
        // are offered by `available_actions` to the target department's reviewers).
        let flow = super::workflows::workflow_of(&mut conn, &order).await?;
        let mut next_statuses: Vec<Status> = Vec::new();
        for a in super::workflow_moves::actions_for(&flow, actor, &order, false).into_iter().filter(|a| !a.review) {
            let to: Status = a.to.parse()?;
            if !next_statuses.contains(&to) {
                next_statuses.push(to);
            }
        }
        Ok(OrderDetail { can_assign: actor.can_assign(), order, history, comments, next_statuses, can_work })
    }

    /// One page of the orders the actor may see, filtered, searched and sorted.
    pub async fn list_orders(&self, actor: &Actor, filter: OrderFilter) -> Result<OrderPage> {
        let mut query = filter.parse()?;
        query.viewer = actor.user_id.clone();
        query.now = now_millis();
        if !actor.sees_all_orders() {
            query.visible_to = Some((actor.user_id.clone(), actor.department_id.clone()));
        }
        let mut conn = self.read().await?;
        let (items, next) = order_store::list(&mut conn, self.store.engine(), &query).await?;
        // The reader's own marks on the page, so a list shows them without asking per row.
        let ids: Vec<String> = items.iter().map(|o| o.id.clone()).collect();
        let (mut starred, mut important) = (Vec::new(), Vec::new());
        for (id, mark) in crate::store::processing::marks_among(&mut conn, &actor.user_id, &ids).await? {
            match mark.as_str() {
                "star" => starred.push(id),
                "important" => important.push(id),
                _ => {}
            }
        }
        Ok(OrderPage { items, next: next.map(|c| c.encode()), starred, important })
    }
}
