//! The SLA timeline: `[created_at, until)` cut into consecutive stretches of counted, paused
//! or closed time, for the order's SLA panel and the what-if calculator.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::calendar::{BusinessCalendar, TimeSpan};
use crate::clock::{pause_covers, Pause};

/// What the clock did during a stretch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    /// Business time outside pauses: the clock ran.
    Counted,
    /// The order was paused; shown even over closed hours, since that is what the user did.
    Paused,
    /// Outside business hours.
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimelineSegment {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub kind: SegmentKind,
}

/// Consecutive segments covering `[created_at, until)`, neighbours of the same kind merged.
/// `pauses` must be validated (sorted, disjoint); time after `now` is projected, so an open
/// pause runs to `until`.
pub fn build_timeline(
    calendar: &BusinessCalendar,
    created_at: DateTime<Utc>,
    pauses: &[Pause],
    until: DateTime<Utc>,
) -> Vec<TimelineSegment> {
    let business = calendar.business_intervals(created_at, until);
    let mut cuts = vec![created_at, until];
    cuts.extend(business.iter().flat_map(|s| [s.from, s.to]));
    cuts.extend(pauses.iter().flat_map(|p| [Some(p.from), p.to]).flatten());
    cuts.retain(|t| (created_at..=until).contains(t));
    cuts.sort();
    cuts.dedup();
    let mut segments: Vec<TimelineSegment> = Vec::new();
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let kind = classify(&business, pauses, from);
        match segments.last_mut() {
            Some(last) if last.kind == kind => last.to = to,
            _ => segments.push(TimelineSegment { from, to, kind }),
        }
    }
    segments
}

/// Kind of the stretch starting at `t`; every boundary is a cut, so its start decides.
fn classify(business: &[TimeSpan], pauses: &[Pause], t: DateTime<Utc>) -> SegmentKind {
    if pause_covers(pauses, t) {
        return SegmentKind::Paused;
    }
    let index = business.partition_point(|s| s.to <= t);
    match business.get(index) {
        Some(span) if span.from <= t => SegmentKind::Counted,
        _ => SegmentKind::Closed,
    }
}
