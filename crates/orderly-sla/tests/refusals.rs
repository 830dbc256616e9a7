//! Cases FORMAT.md says must be refused, through `compute_case`, each asserting the message
//! key and the field it names; plus the message catalogue's completeness.

use std::collections::BTreeSet;

use orderly_sla::error::{placeholders, MESSAGES};
use orderly_sla::{compute_case, SlaError};
use serde_json::{json, Value};

fn valid() -> Value {
    let day = json!([["09:00", "12:00"], ["13:00", "18:00"]]);
    json!({
        "calendar": {"time_zone": "Asia/Shanghai", "hours": {"mon": day, "tue": day, "wed": day},
                     "holidays": ["2026-10-01", "12-25"]},
        "policy": {"P1": {"response_minutes": 30, "resolution_minutes": 240},
                   "P2": {"response_minutes": 60, "resolution_minutes": 480},
                   "P3": {"response_minutes": 120, "resolution_minutes": 960},
                   "P4": {"response_minutes": 240, "resolution_minutes": 1920},
                   "P5": {"response_minutes": 480, "resolution_minutes": 2880}},
        "priority": "P3",
        "priority_changes": [{"at": "2026-11-19T07:00:00Z", "priority": "P2"}],
        "created_at": "2026-11-19T01:30:00Z",
        "paused": [{"from": "2026-11-19T02:00:00Z", "to": "2026-11-19T06:00:00Z"}],
        "now": "2026-11-20T03:00:00Z"})
}

/// Replaces the value at a JSON pointer (creating the last key if needed).
fn set(mut case: Value, pointer: &str, value: Value) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = case.pointer_mut(parent).unwrap();
    match target {
        Value::Array(items) => items[key.parse::<usize>().unwrap()] = value,
        _ => target[key] = value,
    }
    case
}

/// (name, case, expected key, expected field).
type Refusal = (&'static str, Value, &'static str, Option<&'static str>);

fn refusals() -> Vec<Refusal> {
    [calendar_refusals(), policy_refusals(), priority_refusals(), history_refusals(), other_refusals()].concat()
}

fn calendar_refusals() -> Vec<Refusal> {
    vec![
        (
            "unknown zone",
            set(valid(), "/calendar/time_zone", json!("Mars/Olympus")),
            "sla.unknown_zone",
            Some("calendar.time_zone"),
        ),
        (
            "malformed HH:MM",
            set(valid(), "/calendar/hours/mon/0", json!(["9:00", "12:00"])),
            "sla.bad_hours",
            Some("calendar.hours.mon[0]"),
        ),
        (
            "three times in an interval",
            set(valid(), "/calendar/hours/tue/1", json!(["13:00", "14:00", "15:00"])),
            "sla.bad_hours",
            Some("calendar.hours.tue[1]"),
        ),
        (
            "24:00 as a start",
            set(valid(), "/calendar/hours/mon/1", json!(["24:00", "24:00"])),
            "sla.bad_hours",
            Some("calendar.hours.mon[1]"),
        ),
        (
            "start after end",
            set(valid(), "/calendar/hours/wed/0", json!(["12:00", "09:00"])),
            "sla.hours_not_increasing",
            Some("calendar.hours.wed[0]"),
        ),
        (
            "start equals end",
            set(valid(), "/calendar/hours/wed/0", json!(["09:00", "09:00"])),
            "sla.hours_not_increasing",
            Some("calendar.hours.wed[0]"),
        ),
        (
            "overlapping hours",
            set(valid(), "/calendar/hours/tue/1", json!(["11:00", "18:00"])),
            "sla.overlapping_hours",
            Some("calendar.hours.tue"),
        ),
        (
            "unknown weekday",
            set(valid(), "/calendar/hours/monday", json!([])),
            "sla.unknown_weekday",
            Some("calendar.hours.monday"),
        ),
        (
            "24x7 with hours",
            set(valid(), "/calendar/always", json!(true)),
            "sla.always_with_hours",
            Some("calendar.hours"),
        ),
        (
            "bad holiday",
            set(valid(), "/calendar/holidays/1", json!("02-30")),
            "sla.bad_holiday",
            Some("calendar.holidays[1]"),
        ),
    ]
}

fn policy_refusals() -> Vec<Refusal> {
    vec![
        ("policy all zero", set(valid(), "/policy", zero_policy()), "sla.policy_all_zero", Some("policy")),
        (
            "policy decreasing",
            set(valid(), "/policy/P3/resolution_minutes", json!(300)),
            "sla.policy_decreasing",
            Some("policy.P3.resolution_minutes"),
        ),
        (
            "policy decreasing response",
            set(valid(), "/policy/P5/response_minutes", json!(239)),
            "sla.policy_decreasing",
            Some("policy.P5.response_minutes"),
        ),
        (
            "policy missing a priority",
            remove(valid(), "/policy", "P4"),
            "sla.policy_missing_priority",
            Some("policy.P4"),
        ),
        (
            "policy unknown priority",
            set(valid(), "/policy/P6", json!({"response_minutes": 1, "resolution_minutes": 1})),
            "sla.unknown_priority",
            Some("policy.P6"),
        ),
    ]
}

fn priority_refusals() -> Vec<Refusal> {
    vec![
        ("unknown priority", set(valid(), "/priority", json!("P9")), "sla.unknown_priority", Some("priority")),
        (
            "unknown priority in a change",
            set(valid(), "/priority_changes/0/priority", json!("urgent")),
            "sla.unknown_priority",
            Some("priority_changes[0].priority"),
        ),
        (
            "instant without offset",
            set(valid(), "/created_at", json!("2026-11-19T01:30:00")),
            "sla.bad_instant",
            Some("created_at"),
        ),
        ("instant not a date", set(valid(), "/now", json!("tomorrow")), "sla.bad_instant", Some("now")),
        (
            "bad instant in a pause",
            set(valid(), "/paused/0/to", json!("2026-13-01T00:00:00Z")),
            "sla.bad_instant",
            Some("paused[0].to"),
        ),
        (
            "bad instant in a change",
            set(valid(), "/priority_changes/0/at", json!("")),
            "sla.bad_instant",
            Some("priority_changes[0].at"),
        ),
    ]
}

fn history_refusals() -> Vec<Refusal> {
    let pause = |from: &str, to: Option<&str>| json!({"from": from, "to": to});
    vec![
        (
            "now before creation",
            set(valid(), "/now", json!("2026-11-19T01:29:00Z")),
            "sla.now_before_created",
            Some("now"),
        ),
        (
            "pause before creation",
            set(valid(), "/paused/0", pause("2026-11-19T01:00:00Z", Some("2026-11-19T02:00:00Z"))),
            "sla.pause_outside_history",
            Some("paused[0].from"),
        ),
        (
            "pause starting after now",
            set(valid(), "/paused/0", pause("2026-11-21T01:00:00Z", None)),
            "sla.pause_outside_history",
            Some("paused[0].from"),
        ),
        (
            "pause ending after now",
            set(valid(), "/paused/0", pause("2026-11-19T02:00:00Z", Some("2026-11-20T03:01:00Z"))),
            "sla.pause_outside_history",
            Some("paused[0].to"),
        ),
        (
            "pause ending before it starts",
            set(valid(), "/paused/0", pause("2026-11-19T02:00:00Z", Some("2026-11-19T01:59:00Z"))),
            "sla.pause_inverted",
            Some("paused[0].to"),
        ),
        (
            "overlapping pauses",
            set(
                valid(),
                "/paused",
                json!([
                    pause("2026-11-19T05:00:00Z", Some("2026-11-19T07:00:00Z")),
                    pause("2026-11-19T02:00:00Z", Some("2026-11-19T06:00:00Z"))
                ]),
            ),
            "sla.pause_overlap",
            Some("paused[0].from"),
        ),
        (
            "open pause not last",
            set(
                valid(),
                "/paused",
                json!([
                    pause("2026-11-19T02:00:00Z", None),
                    pause("2026-11-19T07:00:00Z", Some("2026-11-19T08:00:00Z"))
                ]),
            ),
            "sla.pause_open_not_last",
            Some("paused[0].to"),
        ),
    ]
}

fn other_refusals() -> Vec<Refusal> {
    vec![
        ("no working hours", set(valid(), "/calendar/hours", json!({})), "sla.no_working_time", Some("calendar")),
        (
            "every day a holiday for 400 days",
            set(valid(), "/calendar/holidays", closed_for_years()),
            "sla.no_working_time",
            Some("calendar"),
        ),
        ("missing field", remove(valid(), "", "now"), "sla.bad_case", None),
        ("unknown field", set(valid(), "/pauses", json!([])), "sla.bad_case", None),
        ("negative target", set(valid(), "/policy/P1/response_minutes", json!(-5)), "sla.bad_case", None),
        ("not JSON", json!("just a string"), "sla.bad_case", None),
    ]
}

fn zero_policy() -> Value {
    let zero = json!({"response_minutes": 0, "resolution_minutes": 0});
    json!({"P1": zero, "P2": zero, "P3": zero, "P4": zero, "P5": zero})
}

fn remove(mut case: Value, pointer: &str, key: &str) -> Value {
    case.pointer_mut(pointer).unwrap().as_object_mut().unwrap().remove(key);
    case
}

/// One-off holidays on every Monday–Wednesday from creation for two years.
fn closed_for_years() -> Value {
    let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
    start.iter_days().take(730).map(|d| json!(d.format("%Y-%m-%d").to_string())).collect()
}

#[test]
fn refused_cases_name_key_and_field() {
    let mut failures = Vec::new();
    for (name, case, key, field) in refusals() {
        match compute_case(&case.to_string()) {
            Ok(out) => failures.push(format!("{name}: accepted: {out}")),
            Err(err) => {
                if err.key != key || err.field.as_deref() != field {
                    failures.push(format!("{name}: got {} at {:?}: {err}", err.key, err.field));
                }
                if let Err(problem) = params_match_template(&err) {
                    failures.push(format!("{name}: {problem}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_valid_baseline_is_accepted() {
    compute_case(&valid().to_string()).unwrap();
}

fn params_match_template(err: &SlaError) -> Result<(), String> {
    let row = MESSAGES.iter().find(|r| r.0 == err.key).ok_or(format!("no message row for {}", err.key))?;
    let given: BTreeSet<&str> = err.params.iter().map(|(n, _)| *n).collect();
    if given != placeholders(row.1) {
        return Err(format!("{} has params {given:?}, template wants {:?}", err.key, placeholders(row.1)));
    }
    Ok(())
}

/// Every `"sla.…"` literal in the sources has a row; every row has three non-empty languages
/// with the same placeholders; no key is listed twice.
#[test]
fn message_catalogue_is_complete() {
    let sources = [
        include_str!("../src/error.rs"),
        include_str!("../src/calendar.rs"),
        include_str!("../src/calendar_spec.rs"),
        include_str!("../src/case.rs"),
        include_str!("../src/clock.rs"),
        include_str!("../src/holiday.rs"),
        include_str!("../src/ics.rs"),
        include_str!("../src/policy.rs"),
        include_str!("../src/timeline.rs"),
    ];
    let mut used = BTreeSet::new();
    for source in sources {
        for piece in source.split("\"sla.").skip(1) {
            let end = piece.find('"').unwrap();
            used.insert(format!("sla.{}", &piece[..end]));
        }
    }
    let listed: BTreeSet<String> = MESSAGES.iter().map(|r| r.0.to_string()).collect();
    assert_eq!(listed.len(), MESSAGES.len(), "a key is listed twice");
    assert_eq!(used, listed, "keys used in the sources vs keys with messages");
    for (key, en, zh, es) in MESSAGES {
        assert!(key.starts_with("sla."), "{key}");
        assert!(!en.is_empty() && !zh.is_empty() && !es.is_empty(), "{key} has an empty translation");
        assert_eq!(placeholders(en), placeholders(zh), "{key}: zh placeholders");
        assert_eq!(placeholders(en), placeholders(es), "{key}: es placeholders");
    }
}
