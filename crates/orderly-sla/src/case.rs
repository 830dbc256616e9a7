//! The JSON document of `orderly sla compute CASE.json` (FORMAT.md): parsing and validating a
//! case, and rendering the report. Error fields are paths into the case document.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::calendar_spec::CalendarSpec;
use crate::clock::{evaluate, Pause, PriorityChange, SlaCase, SlaReport};
use crate::error::{keys, SlaError};
use crate::policy::{Priority, SlaPolicy, SlaTarget};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseSpec {
    calendar: CalendarSpec,
    policy: BTreeMap<String, SlaTarget>,
    priority: String,
    #[serde(default)]
    priority_changes: Vec<ChangeSpec>,
    created_at: String,
    #[serde(default)]
    paused: Vec<PauseSpec>,
    now: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangeSpec {
    at: String,
    priority: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PauseSpec {
    from: String,
    #[serde(default)]
    to: Option<String>,
}

/// Computes FORMAT.md's output for a case document, or refuses the case.
pub fn compute_case(json: &str) -> Result<Value, SlaError> {
    let case = parse_case(json)?;
    Ok(report_json(&evaluate(&case)?))
}

/// Parses and validates the parts of a case that need no arithmetic (zone, hours, holidays,
/// policy, priorities, instants). Pauses and working time are checked by [`evaluate`].
pub fn parse_case(json: &str) -> Result<SlaCase, SlaError> {
    let spec: CaseSpec = serde_json::from_str(json).map_err(|e| SlaError::new(keys::BAD_CASE).with("detail", e))?;
    let calendar = spec.calendar.validate().map_err(|e| e.within("calendar"))?;
    let policy = SlaPolicy::from_map(&spec.policy).map_err(|e| e.within("policy"))?;
    let priority = parse_priority(&spec.priority, "priority")?;
    let priority_changes = spec
        .priority_changes
        .iter()
        .enumerate()
        .map(|(i, change)| {
            Ok(PriorityChange {
                at: parse_instant(&change.at, &format!("priority_changes[{i}].at"))?,
                priority: parse_priority(&change.priority, &format!("priority_changes[{i}].priority"))?,
            })
        })
        .collect::<Result<Vec<_>, SlaError>>()?;
    let paused = spec
        .paused
        .iter()
        .enumerate()
        .map(|(i, pause)| {
            let to = pause.to.as_deref().map(|to| parse_instant(to, &format!("paused[{i}].to"))).transpose()?;
            Ok(Pause { from: parse_instant(&pause.from, &format!("paused[{i}].from"))?, to })
        })
        .collect::<Result<Vec<_>, SlaError>>()?;
    Ok(SlaCase {
        calendar,
        policy,
        priority,
        priority_changes,
        created_at: parse_instant(&spec.created_at, "created_at")?,
        paused,
        now: parse_instant(&spec.now, "now")?,
    })
}

fn parse_priority(text: &str, field: &str) -> Result<Priority, SlaError> {
    text.parse().map_err(|e: SlaError| e.at(field))
}

/// RFC 3339, truncated to the whole minute: the clock counts in whole minutes, so seconds
/// would only produce due times that no one asked for.
pub fn parse_instant(text: &str, field: &str) -> Result<DateTime<Utc>, SlaError> {
    let bad = || SlaError::new(keys::BAD_INSTANT).at(field).with("value", text);
    let instant = DateTime::parse_from_rfc3339(text).map_err(|_| bad())?;
    let minute = instant.timestamp().div_euclid(60) * 60;
    DateTime::from_timestamp(minute, 0).ok_or_else(bad)
}

/// `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_instant(instant: DateTime<Utc>) -> String {
    instant.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// FORMAT.md's output object.
pub fn report_json(report: &SlaReport) -> Value {
    let due = |d: Option<DateTime<Utc>>| d.map_or(Value::Null, |d| Value::String(format_instant(d)));
    let timeline: Vec<Value> = report
        .timeline
        .iter()
        .map(|s| json!({"from": format_instant(s.from), "to": format_instant(s.to), "kind": s.kind}))
        .collect();
    json!({
        "response_due": due(report.response_due),
        "resolution_due": due(report.resolution_due),
        "response_breached": report.response_breached,
        "resolution_breached": report.resolution_breached,
        "counted_minutes": report.counted_minutes,
        "timeline": timeline,
    })
}
