//! The SLA clock: counted business time of an order, its due times and breaches.
//!
//! Counted time at `t` is the business time in `[created_at, t)` outside every pause. A due
//! time is the earliest instant at which counted time reaches a target; it may lie in the past
//! (a priority change keeps the time consumed) and is `None` while an open pause stops the
//! clock before the target is reached. Everything here is pure: `now` is an argument.

use chrono::{DateTime, TimeDelta, Utc};

use crate::calendar::{BusinessCalendar, TimeSpan};
use crate::error::{keys, SlaError};
use crate::policy::{Priority, SlaPolicy, TargetKind};
use crate::timeline::{build_timeline, TimelineSegment};

/// A calendar must have working time within this many days of an order's creation; it bounds
/// every forward walk.
pub const WORKING_TIME_HORIZON_DAYS: i64 = 400;

/// Width of one step of the forward walk for due times; a few weeks keeps both the number of
/// steps and the size of each step small.
const WALK_STEP_DAYS: i64 = 28;

/// An interval in a pending or suspended status; `to: None` is still running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    pub from: DateTime<Utc>,
    pub to: Option<DateTime<Utc>>,
}

impl Pause {
    fn covers(&self, t: DateTime<Utc>) -> bool {
        self.from <= t && self.to.is_none_or(|to| t < to)
    }
}

/// From `at` on, the order has `priority`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PriorityChange {
    pub at: DateTime<Utc>,
    pub priority: Priority,
}

/// Checks pauses are history as FORMAT.md demands and returns them sorted by start. Fields name
/// the pause by its index in `pauses` (`paused[2].to`).
pub fn validate_pauses(
    pauses: &[Pause],
    created_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<Pause>, SlaError> {
    for (i, pause) in pauses.iter().enumerate() {
        let field = |part: &str| format!("paused[{i}].{part}");
        if pause.from < created_at || pause.from > now {
            return Err(SlaError::new(keys::PAUSE_OUTSIDE_HISTORY).at(field("from")));
        }
        if let Some(to) = pause.to {
            if to < pause.from {
                return Err(SlaError::new(keys::PAUSE_INVERTED).at(field("to")));
            }
            if to > now {
                return Err(SlaError::new(keys::PAUSE_OUTSIDE_HISTORY).at(field("to")));
            }
        }
    }
    let mut order: Vec<usize> = (0..pauses.len()).collect();
    order.sort_by_key(|&i| (pauses[i].from, pauses[i].to.is_none()));
    for pair in order.windows(2) {
        let (earlier, later) = (pauses[pair[0]], pauses[pair[1]]);
        match earlier.to {
            None => return Err(SlaError::new(keys::PAUSE_OPEN_NOT_LAST).at(format!("paused[{}].to", pair[0]))),
            Some(end) if later.from < end => {
                return Err(SlaError::new(keys::PAUSE_OVERLAP).at(format!("paused[{}].from", pair[1])))
            }
            Some(_) => {}
        }
    }
    Ok(order.into_iter().map(|i| pauses[i]).collect())
}

/// The priority in force at `now`: changes apply in time order, a change at `now` counts.
pub fn priority_in_force(initial: Priority, changes: &[PriorityChange], now: DateTime<Utc>) -> Priority {
    // Latest change not after `now`; among equal instants the last listed wins, as if applied
    // in list order.
    changes
        .iter()
        .enumerate()
        .filter(|(_, c)| c.at <= now)
        .max_by_key(|(i, c)| (c.at, *i))
        .map_or(initial, |(_, c)| c.priority)
}

/// The clock of one order: its calendar, creation and (validated, sorted) pauses.
#[derive(Debug, Clone, Copy)]
pub struct SlaClock<'a> {
    calendar: &'a BusinessCalendar,
    created_at: DateTime<Utc>,
    pauses: &'a [Pause],
}

impl<'a> SlaClock<'a> {
    /// `pauses` must be sorted and disjoint, as [`validate_pauses`] returns them.
    pub fn new(calendar: &'a BusinessCalendar, created_at: DateTime<Utc>, pauses: &'a [Pause]) -> Self {
        SlaClock { calendar, created_at, pauses }
    }

    /// Business time in `[from, to)` (clipped to creation) minus pauses, sorted.
    pub fn counted_spans(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<TimeSpan> {
        let business = self.calendar.business_intervals(from.max(self.created_at), to);
        subtract_pauses(business, self.pauses)
    }

    /// Counted time at `t`.
    pub fn counted_at(&self, t: DateTime<Utc>) -> TimeDelta {
        self.counted_spans(self.created_at, t).iter().map(TimeSpan::len).sum()
    }

    /// The earliest instant at which counted time reaches `target_minutes`, or `None` when an
    /// open pause stops the clock first.
    pub fn due(&self, target_minutes: u32) -> Result<Option<DateTime<Utc>>, SlaError> {
        if target_minutes == 0 {
            return Ok(Some(self.created_at));
        }
        let target = TimeDelta::minutes(i64::from(target_minutes));
        let stop = self.pauses.iter().find(|p| p.to.is_none()).map(|p| p.from);
        let (mut consumed, mut cursor, mut last_work) = (TimeDelta::zero(), self.created_at, self.created_at);
        loop {
            let step_end = step_after(cursor)?;
            let step_end = stop.map_or(step_end, |s| step_end.min(s));
            let business = self.calendar.business_intervals(cursor, step_end);
            if let Some(last) = business.last() {
                last_work = last.to;
            }
            for span in subtract_pauses(business, self.pauses) {
                if consumed + span.len() >= target {
                    return Ok(Some(span.from + (target - consumed)));
                }
                consumed += span.len();
            }
            if Some(step_end) == stop {
                return Ok(None);
            }
            // Working time in the first horizon does not promise more later (one-off holidays
            // can close years); give up rather than walk forever.
            if step_end - last_work > TimeDelta::days(WORKING_TIME_HORIZON_DAYS) {
                return Err(SlaError::new(keys::NO_WORKING_TIME)
                    .at("calendar")
                    .with("days", WORKING_TIME_HORIZON_DAYS));
            }
            cursor = step_end;
        }
    }
}

fn step_after(cursor: DateTime<Utc>) -> Result<DateTime<Utc>, SlaError> {
    // RFC 3339 cannot express years past 9999, so neither can a due time we report.
    const LAST_SUPPORTED: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
    cursor
        .checked_add_signed(TimeDelta::days(WALK_STEP_DAYS))
        .filter(|t| t.timestamp() <= LAST_SUPPORTED)
        .ok_or_else(|| SlaError::new(keys::OUT_OF_RANGE))
}

/// Removes the paused parts of sorted business spans.
fn subtract_pauses(spans: Vec<TimeSpan>, pauses: &[Pause]) -> Vec<TimeSpan> {
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        let mut rest = Some(span);
        for pause in pauses {
            let Some(current) = rest else { break };
            let pause_end = pause.to.unwrap_or(DateTime::<Utc>::MAX_UTC);
            if pause_end <= current.from || pause.from >= current.to {
                continue;
            }
            if pause.from > current.from {
                out.push(TimeSpan { from: current.from, to: pause.from });
            }
            rest = (pause_end < current.to).then_some(TimeSpan { from: pause_end, to: current.to });
        }
        out.extend(rest);
    }
    out
}

/// The scheduler's entry: due instant of `target_minutes` for an order, without a timeline.
/// `pauses` may come in any order; they must start at or after `created_at`, be disjoint and
/// only the last may be open. A calendar with no working time in the
/// [`WORKING_TIME_HORIZON_DAYS`] after `created_at` is refused.
pub fn due_at(
    calendar: &BusinessCalendar,
    created_at: DateTime<Utc>,
    pauses: &[Pause],
    target_minutes: u32,
) -> Result<Option<DateTime<Utc>>, SlaError> {
    // Without `now` the only upper bound on history is the end of time.
    let pauses = validate_pauses(pauses, created_at, DateTime::<Utc>::MAX_UTC)?;
    calendar.ensure_working_time(created_at, WORKING_TIME_HORIZON_DAYS)?;
    SlaClock::new(calendar, created_at, &pauses).due(target_minutes)
}

/// Everything needed to evaluate one order's SLA at `now`.
#[derive(Debug, Clone, PartialEq)]
pub struct SlaCase {
    pub calendar: BusinessCalendar,
    pub policy: SlaPolicy,
    pub priority: Priority,
    pub priority_changes: Vec<PriorityChange>,
    pub created_at: DateTime<Utc>,
    pub paused: Vec<Pause>,
    pub now: DateTime<Utc>,
}

/// The state of an order's SLA at `now` (FORMAT.md's output).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaReport {
    pub priority: Priority,
    pub response_due: Option<DateTime<Utc>>,
    pub resolution_due: Option<DateTime<Utc>>,
    pub response_breached: bool,
    pub resolution_breached: bool,
    pub counted_minutes: i64,
    pub timeline: Vec<TimelineSegment>,
}

/// Evaluates a case; refuses it when FORMAT.md's rules are broken.
pub fn evaluate(case: &SlaCase) -> Result<SlaReport, SlaError> {
    if case.now < case.created_at {
        return Err(SlaError::new(keys::NOW_BEFORE_CREATED).at("now"));
    }
    let pauses = validate_pauses(&case.paused, case.created_at, case.now)?;
    // Refused even when both targets are zero: a calendar that never opens is a broken case.
    case.calendar.ensure_working_time(case.created_at, WORKING_TIME_HORIZON_DAYS).map_err(|e| e.at("calendar"))?;
    let clock = SlaClock::new(&case.calendar, case.created_at, &pauses);
    let priority = priority_in_force(case.priority, &case.priority_changes, case.now);
    let target = case.policy.target(priority);
    let response_due = clock.due(target.minutes(TargetKind::Response))?;
    let resolution_due = clock.due(target.minutes(TargetKind::Resolution))?;
    let breached = |due: Option<DateTime<Utc>>| due.is_some_and(|d| d <= case.now);
    let until = [response_due, resolution_due].into_iter().flatten().fold(case.now, DateTime::max);
    let counted = clock.counted_at(case.now);
    Ok(SlaReport {
        priority,
        response_due,
        resolution_due,
        response_breached: breached(response_due),
        resolution_breached: breached(resolution_due),
        // Floor: a minute is counted once it has fully elapsed.
        counted_minutes: counted.num_minutes(),
        timeline: build_timeline(&case.calendar, case.created_at, &pauses, until),
    })
}

pub(crate) fn pause_covers(pauses: &[Pause], t: DateTime<Utc>) -> bool {
    pauses.iter().any(|p| p.covers(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn subtracting_pauses_splits_and_clips() {
        let span = TimeSpan { from: at("2026-01-01T09:00:00Z"), to: at("2026-01-01T17:00:00Z") };
        let pauses = [
            Pause { from: at("2026-01-01T08:00:00Z"), to: Some(at("2026-01-01T10:00:00Z")) },
            Pause { from: at("2026-01-01T12:00:00Z"), to: Some(at("2026-01-01T13:00:00Z")) },
            Pause { from: at("2026-01-01T16:00:00Z"), to: None },
        ];
        let rest = subtract_pauses(vec![span], &pauses);
        let expect = [("10", "12"), ("13", "16")].map(|(a, b)| TimeSpan {
            from: at(&format!("2026-01-01T{a}:00:00Z")),
            to: at(&format!("2026-01-01T{b}:00:00Z")),
        });
        assert_eq!(rest, expect);
    }

    #[test]
    fn latest_change_not_after_now_wins() {
        let changes = [
            PriorityChange { at: at("2026-01-01T12:00:00Z"), priority: Priority::P1 },
            PriorityChange { at: at("2026-01-01T10:00:00Z"), priority: Priority::P4 },
            PriorityChange { at: at("2026-01-01T14:00:00Z"), priority: Priority::P2 },
        ];
        assert_eq!(priority_in_force(Priority::P3, &changes, at("2026-01-01T09:00:00Z")), Priority::P3);
        assert_eq!(priority_in_force(Priority::P3, &changes, at("2026-01-01T11:00:00Z")), Priority::P4);
        assert_eq!(priority_in_force(Priority::P3, &changes, at("2026-01-01T12:00:00Z")), Priority::P1);
        assert_eq!(priority_in_force(Priority::P3, &changes, at("2026-01-01T14:00:00Z")), Priority::P2);
    }

    #[test]
    fn open_pause_must_be_last_and_pauses_disjoint() {
        let (created, now) = (at("2026-01-01T00:00:00Z"), at("2026-01-02T00:00:00Z"));
        let open_first = [
            Pause { from: at("2026-01-01T01:00:00Z"), to: None },
            Pause { from: at("2026-01-01T03:00:00Z"), to: Some(at("2026-01-01T04:00:00Z")) },
        ];
        let err = validate_pauses(&open_first, created, now).unwrap_err();
        assert_eq!((err.key, err.field.as_deref()), (keys::PAUSE_OPEN_NOT_LAST, Some("paused[0].to")));
        let overlapping = [
            Pause { from: at("2026-01-01T03:00:00Z"), to: Some(at("2026-01-01T05:00:00Z")) },
            Pause { from: at("2026-01-01T01:00:00Z"), to: Some(at("2026-01-01T04:00:00Z")) },
        ];
        let err = validate_pauses(&overlapping, created, now).unwrap_err();
        assert_eq!((err.key, err.field.as_deref()), (keys::PAUSE_OVERLAP, Some("paused[0].from")));
    }
}
