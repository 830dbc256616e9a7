//! Mapping rows of either engine to domain types. Integers are i64 and booleans 0/1 on both
//! engines so one decoder serves both.

use crate::domain::history::{Comment, Event, EventKind};
use crate::domain::order::{Location, WorkOrder};
use crate::domain::priority::Priority;
use crate::domain::user::User;
use crate::{Error, Result};
use sqlx::any::AnyRow;
use sqlx::Row;

pub const ORDER_COLUMNS: &str = "o.seq, o.id, o.number, o.template_key, o.template_version, o.title, o.description, \
    o.field_values, o.status, o.priority, o.department_id, o.assignee_id, o.customer_id, o.catalog_item_id, \
    o.address, o.lat, o.lon, o.source, o.external_id, o.created_by, o.created_at, o.updated_by, o.updated_at, \
    o.response_due_at, o.resolution_due_at, o.first_response_at, o.resolved_at, o.closed_at, o.urge_count, o.version";

fn json(text: &str) -> Result<serde_json::Value> {
    serde_json::from_str(text).map_err(Error::internal)
}

/// A stored order with its internal sequence number (the keyset and search key).
pub struct OrderRow {
    pub seq: i64,
    pub order: WorkOrder,
}

pub fn order(row: &AnyRow) -> Result<OrderRow> {
    let status: String = row.try_get("status")?;
    let order = WorkOrder {
        id: row.try_get("id")?,
        number: row.try_get("number")?,
        template_key: row.try_get("template_key")?,
        template_version: row.try_get::<i64, _>("template_version")? as i32,
        title: row.try_get("title")?,
        description: row.try_get("description")?,
        values: json(&row.try_get::<String, _>("field_values")?)?,
        status: status.parse().map_err(|_| Error::internal(format!("stored status {status}")))?,
        priority: Priority::from_rank(row.try_get("priority")?)?,
        department_id: row.try_get("department_id")?,
        assignee_id: row.try_get("assignee_id")?,
        collaborator_ids: Vec::new(),
        customer_id: row.try_get("customer_id")?,
        catalog_item_id: row.try_get("catalog_item_id")?,
        location: Location { address: row.try_get("address")?, lat: row.try_get("lat")?, lon: row.try_get("lon")? },
        source: row.try_get("source")?,
        external_id: row.try_get("external_id")?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
        updated_by: row.try_get("updated_by")?,
        updated_at: row.try_get("updated_at")?,
        response_due_at: row.try_get("response_due_at")?,
        resolution_due_at: row.try_get("resolution_due_at")?,
        first_response_at: row.try_get("first_response_at")?,
        resolved_at: row.try_get("resolved_at")?,
        closed_at: row.try_get("closed_at")?,
        urge_count: row.try_get::<i64, _>("urge_count")? as i32,
        version: row.try_get("version")?,
    };
    Ok(OrderRow { seq: row.try_get("seq")?, order })
}

pub const USER_COLUMNS: &str =
    "id, login, display_name, roles, department_id, skills, home_lat, home_lon, active, password_hash, created_at";

pub fn user(row: &AnyRow) -> Result<User> {
    let hash: Option<String> = row.try_get("password_hash")?;
    Ok(User {
        id: row.try_get("id")?,
        login: row.try_get("login")?,
        display_name: row.try_get("display_name")?,
        roles: serde_json::from_str(&row.try_get::<String, _>("roles")?).map_err(Error::internal)?,
        department_id: row.try_get("department_id")?,
        skills: serde_json::from_str(&row.try_get::<String, _>("skills")?).map_err(Error::internal)?,
        home_lat: row.try_get("home_lat")?,
        home_lon: row.try_get("home_lon")?,
        active: row.try_get::<i64, _>("active")? != 0,
        has_password: hash.is_some(),
        created_at: row.try_get("created_at")?,
    })
}

pub fn event(row: &AnyRow) -> Result<Event> {
    let optional_json = |name: &str| -> Result<Option<serde_json::Value>> {
        row.try_get::<Option<String>, _>(name)?.map(|t| json(&t)).transpose()
    };
    Ok(Event {
        id: row.try_get("id")?,
        order_id: row.try_get("order_id")?,
        at: row.try_get("at")?,
        actor_id: row.try_get("actor_id")?,
        kind: EventKind::from_key(&row.try_get::<String, _>("kind")?)?,
        field: row.try_get("field")?,
        old_value: optional_json("old_value")?,
        new_value: optional_json("new_value")?,
    })
}

pub fn comment(row: &AnyRow) -> Result<Comment> {
    Ok(Comment {
        id: row.try_get("id")?,
        order_id: row.try_get("order_id")?,
        author_id: row.try_get("author_id")?,
        body: row.try_get("body")?,
        public: row.try_get::<i64, _>("public")? != 0,
        created_at: row.try_get("created_at")?,
    })
}
