//! Pure types and rules of the work-order domain: no I/O, no clock (time is an argument).

pub mod attachment;
pub mod dashboard;
pub mod dispatch;
pub mod form;
pub mod history;
pub mod notify;
pub mod order;
pub mod org;
pub mod priority;
pub mod processing;
pub mod report;
pub mod route_day;
pub mod search;
pub mod sla;
pub mod stats;
pub mod status;
pub mod template;
pub mod time_rule;
pub mod trigger;
pub mod user;
pub mod workflow;
pub mod workflow_default;

/// Milliseconds since the Unix epoch, UTC. Safe as a JavaScript number.
pub type Millis = i64;

/// A new UUIDv7 as text: sortable by creation, merge-friendly across desktops.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The current time in [`Millis`]; only the service layer calls this, domain code takes `now`.
pub fn now_millis() -> Millis {
    chrono::Utc::now().timestamp_millis()
}
