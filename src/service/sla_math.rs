//! The bridge to `orderly_sla`, the SLA arithmetic: epoch milliseconds and the core's
//! priorities in, due times and explained timelines out, and its errors as the core's
//! translated [`Error`]. The order's clock and `orderly sla compute` run the same code.

use super::sla_clock::{ClockHistory, ClockSetup, OrderSla, SlaSpan};
use crate::domain::order::WorkOrder;
use crate::domain::priority::Priority;
use crate::domain::sla::Dues;
use crate::{Error, ErrorCode, Result};
use chrono::{DateTime, TimeZone, Utc};
use orderly_sla::{evaluate, BusinessCalendar, Pause, PriorityChange, SlaCase, SlaError, SlaPolicy, TargetKind};

/// The SLA arithmetic's refusal as the core's error: same key, same field, same parameters.
pub fn sla_error(e: SlaError) -> Error {
    let mut error = Error::new(ErrorCode::InvalidInput, e.key);
    for (name, value) in &e.params {
        error = error.with(name, value);
    }
    match &e.field {
        Some(field) => error.on_field(field),
        None => error,
    }
}

fn instant(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or(DateTime::<Utc>::MIN_UTC)
}

fn millis(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

fn priority(p: Priority) -> orderly_sla::Priority {
    match p {
        Priority::P1 => orderly_sla::Priority::P1,
        Priority::P2 => orderly_sla::Priority::P2,
        Priority::P3 => orderly_sla::Priority::P3,
        Priority::P4 => orderly_sla::Priority::P4,
        Priority::P5 => orderly_sla::Priority::P5,
    }
}

fn pauses(history: &ClockHistory) -> Vec<Pause> {
    history.pauses.iter().map(|(from, to)| Pause { from: instant(*from), to: to.map(instant) }).collect()
}

/// The validated calendar and targets of a clock setup.
pub(crate) fn validated(setup: &ClockSetup) -> Result<(BusinessCalendar, SlaPolicy)> {
    let calendar = setup.calendar.validate().map_err(sla_error)?;
    let policy = SlaPolicy::from_map(&setup.policy.rules.targets).map_err(sla_error)?;
    Ok((calendar, policy))
}

/// Due and warning times of `order` with its current priority.
pub(crate) fn dues(setup: &ClockSetup, order: &WorkOrder, history: &ClockHistory) -> Result<Dues> {
    let (calendar, policy) = validated(setup)?;
    let target = policy.target(priority(order.priority));
    let pauses = pauses(history);
    let created = instant(order.created_at);
    let due = |minutes: u32| -> Result<Option<i64>> {
        Ok(orderly_sla::due_at(&calendar, created, &pauses, minutes).map_err(sla_error)?.map(millis))
    };
    let warn = |minutes: u32| minutes * setup.policy.rules.warn_percent / 100;
    let (response, resolution) = (target.minutes(TargetKind::Response), target.minutes(TargetKind::Resolution));
    Ok(Dues {
        response_due: due(response)?,
        resolution_due: due(resolution)?,
        response_warn: due(warn(response))?,
        resolution_warn: due(warn(resolution))?,
    })
}

/// An order's SLA at `now`, explained with its timeline, through the calculator's own code.
pub(crate) fn explain(setup: &ClockSetup, order: &WorkOrder, history: &ClockHistory, now: i64) -> Result<OrderSla> {
    let (calendar, policy) = validated(setup)?;
    let now = now.max(order.created_at);
    let first_priority = history.initial_priority.unwrap_or(order.priority);
    let case = SlaCase {
        calendar,
        policy,
        priority: priority(first_priority),
        priority_changes: history
            .priority_changes
            .iter()
            .map(|(at, p)| PriorityChange { at: instant(*at), priority: priority(*p) })
            .collect(),
        created_at: instant(order.created_at),
        paused: pauses(history),
        now: instant(now),
    };
    let report = evaluate(&case).map_err(sla_error)?;
    let target = policy.target(priority(order.priority));
    Ok(OrderSla {
        policy_name: setup.policy.name.clone(),
        calendar_name: setup.calendar_name.clone(),
        priority: order.priority,
        response_target_minutes: i64::from(target.minutes(TargetKind::Response)),
        resolution_target_minutes: i64::from(target.minutes(TargetKind::Resolution)),
        response_due: report.response_due.map(millis),
        resolution_due: report.resolution_due.map(millis),
        response_breached: report.response_breached,
        resolution_breached: report.resolution_breached,
        counted_minutes: report.counted_minutes,
        first_response_at: order.first_response_at,
        alerts_sent: 0,
        timeline: report
            .timeline
            .iter()
            .map(|s| SlaSpan { from: millis(s.from), to: millis(s.to), kind: segment_kind(s.kind).to_string() })
            .collect(),
    })
}

fn segment_kind(kind: orderly_sla::SegmentKind) -> &'static str {
    match kind {
        orderly_sla::SegmentKind::Counted => "counted",
        orderly_sla::SegmentKind::Paused => "paused",
        orderly_sla::SegmentKind::Closed => "closed",
    }
}
