//! The append-only history of an order (every change, who, when, old -> new) and comments.

use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Created,
    FieldChanged,
    Assigned,
    StatusChanged,
    Commented,
    Urged,
    SlaWarning,
    SlaBreached,
    SlaAlert,
    SlaSuspended,
}

impl EventKind {
    pub fn key(self) -> &'static str {
        match self {
            EventKind::Created => "created",
            EventKind::FieldChanged => "field_changed",
            EventKind::Assigned => "assigned",
            EventKind::StatusChanged => "status_changed",
            EventKind::Commented => "commented",
            EventKind::Urged => "urged",
            EventKind::SlaWarning => "sla_warning",
            EventKind::SlaBreached => "sla_breached",
            EventKind::SlaAlert => "sla_alert",
            EventKind::SlaSuspended => "sla_suspended",
        }
    }
    pub fn from_key(key: &str) -> Result<Self> {
        match key {
            "created" => Ok(EventKind::Created),
            "field_changed" => Ok(EventKind::FieldChanged),
            "assigned" => Ok(EventKind::Assigned),
            "status_changed" => Ok(EventKind::StatusChanged),
            "commented" => Ok(EventKind::Commented),
            "urged" => Ok(EventKind::Urged),
            "sla_warning" => Ok(EventKind::SlaWarning),
            "sla_breached" => Ok(EventKind::SlaBreached),
            "sla_alert" => Ok(EventKind::SlaAlert),
            "sla_suspended" => Ok(EventKind::SlaSuspended),
            other => Err(Error::internal(format!("stored event kind {other}"))),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Event {
    pub id: String,
    pub order_id: String,
    pub at: i64,
    pub actor_id: String,
    pub kind: EventKind,
    /// The field that changed (`status`, `assignee_id`, `title`, `values.contact_name` …).
    pub field: Option<String>,
    pub old_value: Option<Value>,
    pub new_value: Option<Value>,
}

/// An event before it is stored: the service builds these beside the change they record.
#[derive(Debug, Clone)]
pub struct Change {
    pub kind: EventKind,
    pub field: Option<String>,
    pub old_value: Option<Value>,
    pub new_value: Option<Value>,
}

impl Change {
    pub fn field(field: &str, old: Value, new: Value) -> Change {
        Change {
            kind: EventKind::FieldChanged,
            field: Some(field.to_string()),
            old_value: Some(old),
            new_value: Some(new),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Comment {
    pub id: String,
    pub order_id: String,
    pub author_id: String,
    pub body: String,
    /// Public comments are visible to the customer; internal ones only to staff.
    pub public: bool,
    pub created_at: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewComment {
    pub body: String,
    #[serde(default)]
    pub public: bool,
}

pub fn validate_comment(body: &str) -> Result<String> {
    let body = body.trim();
    if body.is_empty() {
        return Err(Error::invalid("input.required").on_field("body"));
    }
    if body.chars().count() > 20_000 {
        return Err(Error::invalid("input.too_long").on_field("body").with("max", 20_000));
    }
    Ok(body.to_string())
}
