//! The work order and the inputs that create, change and find it. Inputs carry enum values as
//! keys (strings) so a bad one from any front end gets the core's translated error.

use super::priority::Priority;
use super::processing::OrderView;
use super::status::Status;
use super::user::validate_location;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Location {
    pub address: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WorkOrder {
    pub id: String,
    /// Human number, e.g. `WO-2026-000123`.
    pub number: String,
    pub template_key: String,
    pub template_version: i32,
    pub title: String,
    pub description: String,
    /// Custom field values of the template, a JSON object.
    pub values: Value,
    pub status: Status,
    pub priority: Priority,
    pub department_id: Option<String>,
    pub assignee_id: Option<String>,
    pub collaborator_ids: Vec<String>,
    pub customer_id: Option<String>,
    pub catalog_item_id: Option<String>,
    pub location: Location,
    /// Where it came from: `desktop`, `cli`, `import`, `phone`, `email` …
    pub source: String,
    pub external_id: Option<String>,
    pub created_by: String,
    pub created_at: i64,
    pub updated_by: String,
    pub updated_at: i64,
    pub response_due_at: Option<i64>,
    pub resolution_due_at: Option<i64>,
    pub first_response_at: Option<i64>,
    pub resolved_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub urge_count: i32,
    /// Optimistic lock: an update names the version it read.
    pub version: i64,
}

/// Input for a new order.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewOrder {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// `P1`..`P5`; default P3.
    #[serde(default)]
    pub priority: Option<String>,
    /// Default `general`.
    #[serde(default)]
    pub template_key: Option<String>,
    #[serde(default)]
    pub values: Option<Value>,
    #[serde(default)]
    pub department_id: Option<String>,
    #[serde(default)]
    pub customer_id: Option<String>,
    #[serde(default)]
    pub catalog_item_id: Option<String>,
    #[serde(default)]
    pub location: Option<Location>,
    #[serde(default)]
    pub source: Option<String>,
}

/// Checked text fields of a new order or a patch.
pub fn validate_title(title: &str) -> Result<String> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Error::invalid("input.required").on_field("title"));
    }
    if title.chars().count() > 300 {
        return Err(Error::invalid("input.too_long").on_field("title").with("max", 300));
    }
    Ok(title.to_string())
}

pub fn validate_description(text: &str) -> Result<String> {
    if text.chars().count() > 20_000 {
        return Err(Error::invalid("input.too_long").on_field("description").with("max", 20_000));
    }
    Ok(text.to_string())
}

pub fn validate_order_location(location: &Location) -> Result<()> {
    validate_location(location.lat, location.lon, "location")?;
    if location.address.as_ref().is_some_and(|a| a.chars().count() > 500) {
        return Err(Error::invalid("input.too_long").on_field("location").with("max", 500));
    }
    Ok(())
}

pub fn validate_source(source: &str) -> Result<String> {
    let ok = !source.is_empty()
        && source.len() <= 32
        && source.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ok {
        Ok(source.to_string())
    } else {
        Err(Error::invalid("order.source_invalid").on_field("source").with("value", source))
    }
}

/// A change of fields naming the version that was read.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OrderUpdate {
    pub version: i64,
    /// Field key -> new value. Keys: `title`, `description`, `priority`, `department_id`,
    /// `customer_id`, `catalog_item_id`, `address`, `lat`, `lon`, `source`, or a custom field
    /// of the order's template (also as `values.KEY`).
    pub set: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum OrderSort {
    #[default]
    CreatedDesc,
    CreatedAsc,
    UpdatedDesc,
    PriorityAsc,
}

/// Which orders to list. Empty lists and `None` mean "any".
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OrderFilter {
    #[serde(default)]
    pub status: Vec<String>,
    #[serde(default)]
    pub priority: Vec<String>,
    #[serde(default)]
    pub department_id: Option<String>,
    /// A user id, or `none` for unassigned orders.
    #[serde(default)]
    pub assignee_id: Option<String>,
    #[serde(default)]
    pub customer_id: Option<String>,
    #[serde(default)]
    pub template_key: Option<String>,
    /// Orders whose select, multi-select or cascade field `key` holds `value` (a cascade
    /// matches any value on its path).
    #[serde(default)]
    pub field: Option<FieldFilter>,
    /// Full-text query over number, title, description and comments.
    #[serde(default)]
    pub text: Option<String>,
    /// `all` (default), `mine`, `unassigned`, `awaiting_response`, `starred`, `important` or
    /// `overdue`; `mine`, `starred` and `important` are the reader's own.
    #[serde(default)]
    pub view: Option<String>,
    #[serde(default)]
    pub sort: OrderSort,
    /// 1–500, default 50.
    #[serde(default)]
    pub limit: Option<u32>,
    /// The `next` cursor of the previous page.
    #[serde(default)]
    pub after: Option<String>,
}

/// A template field's choice value to filter by.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldFilter {
    pub key: String,
    pub value: String,
}

impl FieldFilter {
    /// `KEY=VALUE`, as the CLI's `--field` takes it.
    pub fn parse(text: &str) -> Result<FieldFilter> {
        match text.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() && !v.is_empty() => {
                Ok(FieldFilter { key: k.trim().to_string(), value: v.to_string() })
            }
            _ => Err(Error::invalid("template.field_filter_invalid").on_field("field").with("value", text)),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OrderPage {
    pub items: Vec<WorkOrder>,
    pub next: Option<String>,
    /// Ids of the orders on this page the reader starred.
    pub starred: Vec<String>,
    /// Ids of the orders on this page the reader marked important.
    pub important: Vec<String>,
}

/// The parsed, checked form of an [`OrderFilter`].
#[derive(Debug, Clone, Default)]
pub struct OrderQuery {
    pub status: Vec<Status>,
    pub priority: Vec<Priority>,
    pub department_id: Option<String>,
    pub assignee: AssigneeFilter,
    pub customer_id: Option<String>,
    pub template_key: Option<String>,
    pub field: Option<FieldFilter>,
    pub text: Option<String>,
    pub sort: OrderSort,
    pub limit: u32,
    pub after: Option<Cursor>,
    /// Set by the service for technicians: only orders this user may see.
    pub visible_to: Option<(String, Option<String>)>,
    pub view: OrderView,
    /// Set by the service: whose `mine`, `starred` and `important` views these are.
    pub viewer: String,
    /// Set by the service: the time the `overdue` view compares due times with.
    pub now: i64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub enum AssigneeFilter {
    #[default]
    Any,
    Nobody,
    User(String),
}

/// Keyset position: the sort keys of the last row, ending with its sequence number.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    pub keys: Vec<i64>,
}

impl Cursor {
    pub fn encode(&self) -> String {
        let parts: Vec<String> = self.keys.iter().map(i64::to_string).collect();
        parts.join(".")
    }
    pub fn decode(text: &str) -> Result<Cursor> {
        let bad = || Error::invalid("order.cursor_invalid").on_field("after");
        let keys = text.split('.').map(|k| k.parse::<i64>().map_err(|_| bad())).collect::<Result<Vec<i64>>>()?;
        if keys.is_empty() || keys.len() > 3 {
            return Err(bad());
        }
        Ok(Cursor { keys })
    }
}

impl OrderFilter {
    pub fn parse(&self) -> Result<OrderQuery> {
        let limit = self.limit.unwrap_or(50);
        if !(1..=500).contains(&limit) {
            return Err(Error::invalid("order.limit_invalid").on_field("limit").with("max", 500));
        }
        let status = self.status.iter().map(|s| s.parse()).collect::<Result<Vec<Status>>>()?;
        let priority = self.priority.iter().map(|p| p.parse()).collect::<Result<Vec<Priority>>>()?;
        let assignee = match self.assignee_id.as_deref() {
            None | Some("") => AssigneeFilter::Any,
            Some("none") => AssigneeFilter::Nobody,
            Some(id) => AssigneeFilter::User(id.to_string()),
        };
        let text = self.text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
        Ok(OrderQuery {
            status,
            priority,
            department_id: self.department_id.clone().filter(|d| !d.is_empty()),
            assignee,
            customer_id: self.customer_id.clone().filter(|c| !c.is_empty()),
            template_key: self.template_key.clone().filter(|t| !t.is_empty()),
            field: self.field.clone().filter(|f| !f.key.is_empty()),
            text,
            sort: self.sort,
            limit,
            after: self.after.as_deref().filter(|a| !a.is_empty()).map(Cursor::decode).transpose()?,
            visible_to: None,
            view: OrderView::parse(self.view.as_deref().unwrap_or(""))?,
            viewer: String::new(),
            now: 0,
        })
    }
}

/// The human number of the `counter`-th order created in `year`.
pub fn format_number(year: i32, counter: i64) -> String {
    format!("WO-{year}-{counter:06}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_zero_padded_per_year() {
        assert_eq!(format_number(2026, 123), "WO-2026-000123");
        assert_eq!(format_number(2027, 1_234_567), "WO-2027-1234567");
    }

    #[test]
    fn filters_refuse_bad_keys_and_limits() {
        let f = OrderFilter { status: vec!["todo".into(), "nope".into()], ..Default::default() };
        assert_eq!(f.parse().unwrap_err().key, "order.status_invalid");
        let f = OrderFilter { limit: Some(0), ..Default::default() };
        assert_eq!(f.parse().unwrap_err().key, "order.limit_invalid");
        let f = OrderFilter { after: Some("garbage".into()), ..Default::default() };
        assert_eq!(f.parse().unwrap_err().key, "order.cursor_invalid");
        let f = OrderFilter { assignee_id: Some("none".into()), text: Some("  ".into()), ..Default::default() };
        let q = f.parse().unwrap();
        assert_eq!(q.assignee, AssigneeFilter::Nobody);
        assert_eq!(q.text, None);
    }

    #[test]
    fn cursors_round_trip() {
        let c = Cursor { keys: vec![2, 1_700_000_000_000, 42] };
        assert_eq!(Cursor::decode(&c.encode()).unwrap(), c);
        assert!(Cursor::decode("1.2.3.4").is_err());
    }

    #[test]
    fn locations_must_be_on_earth() {
        let ok = Location { address: Some("北京市朝阳区".into()), lat: Some(39.9), lon: Some(116.4) };
        assert!(validate_order_location(&ok).is_ok());
        let bad = Location { lat: Some(91.0), lon: Some(0.0), ..Default::default() };
        assert!(validate_order_location(&bad).is_err());
        let half = Location { lat: Some(10.0), ..Default::default() };
        assert!(validate_order_location(&half).is_err());
    }
}
