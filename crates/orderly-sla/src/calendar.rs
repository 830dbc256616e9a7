//! The business calendar: which real instants are working time.
//!
//! Rule (FORMAT.md): an instant is business time when its local wall-clock reading in the
//! calendar's zone lies in a working interval of that local date's weekday and the date is no
//! holiday. We apply that rule literally, instant by instant, which settles daylight-saving
//! changes without special cases:
//! - local times that do not exist (spring-forward gap) are simply never read on a clock, so
//!   they contribute nothing: Madrid hours 01:00–04:00 on 2026-03-29 are 2 real hours;
//! - local times read twice (fall-back fold) are working time both times: Madrid hours
//!   01:00–04:00 on 2026-10-25 are 4 real hours, and an interval starting inside the fold
//!   (02:30–05:00) is working 02:30–03:00 CEST and again 02:30–05:00 CET.
//!
//! Durations are therefore real elapsed time. The walk splits time into stretches of constant
//! UTC offset; it assumes a zone changes offset at most once per UTC day (true of every zone
//! in the tz database since 1900 except in freak historical cases).

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::{keys, SlaError};
use crate::holiday::{Holiday, HolidaySet};

/// Minutes in a local day; 24:00 is a valid end.
pub const DAY_MINUTES: u16 = 24 * 60;

/// A half-open local interval `[start, end)` in minutes since local midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct WorkingInterval {
    start: u16,
    end: u16,
}

impl WorkingInterval {
    pub fn new(start: u16, end: u16) -> Result<Self, SlaError> {
        if end > DAY_MINUTES || start >= end {
            return Err(SlaError::new(keys::HOURS_NOT_INCREASING).with("start", hhmm(start)).with("end", hhmm(end)));
        }
        Ok(WorkingInterval { start, end })
    }

    pub fn start(&self) -> u16 {
        self.start
    }

    pub fn end(&self) -> u16 {
        self.end
    }
}

/// `HH:MM` text of minutes since midnight (1440 prints as `24:00`).
pub fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A half-open span of real time `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TimeSpan {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

impl TimeSpan {
    pub fn len(&self) -> TimeDelta {
        self.to - self.from
    }

    pub fn is_empty(&self) -> bool {
        self.to <= self.from
    }
}

/// Weekday names in the order of `Weekday::num_days_from_monday`.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Working hours per weekday, Monday first.
pub type WeeklyHours = [Vec<WorkingInterval>; 7];

/// A validated business calendar. Build it with [`BusinessCalendar::always`] or
/// [`BusinessCalendar::weekly`], or deserialize it from the FORMAT.md JSON shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessCalendar {
    time_zone: Tz,
    always: bool,
    hours: WeeklyHours,
    holidays: Vec<Holiday>,
    holiday_set: HolidaySet,
}

impl Default for BusinessCalendar {
    /// 24×7 in UTC: the calendar of an organisation that has not configured one.
    fn default() -> Self {
        BusinessCalendar::always(Tz::UTC)
    }
}

impl BusinessCalendar {
    /// Open every instant; holidays would not close it, so none are kept.
    pub fn always(time_zone: Tz) -> Self {
        BusinessCalendar {
            time_zone,
            always: true,
            hours: Default::default(),
            holidays: Vec::new(),
            holiday_set: HolidaySet::default(),
        }
    }

    /// Weekly working hours closed on `holidays`. Intervals of a day may come in any order but
    /// must not overlap (touching is fine: 09:00–12:00 and 12:00–13:00).
    pub fn weekly(time_zone: Tz, mut hours: WeeklyHours, holidays: Vec<Holiday>) -> Result<Self, SlaError> {
        for (day, intervals) in hours.iter_mut().enumerate() {
            intervals.sort();
            if intervals.windows(2).any(|w| w[1].start < w[0].end) {
                return Err(SlaError::new(keys::OVERLAPPING_HOURS)
                    .at(format!("hours.{}", WEEKDAYS[day]))
                    .with("day", WEEKDAYS[day]));
            }
        }
        let holiday_set = HolidaySet::new(&holidays);
        Ok(BusinessCalendar { time_zone, always: false, hours, holidays, holiday_set })
    }

    pub fn time_zone(&self) -> Tz {
        self.time_zone
    }

    pub fn is_always(&self) -> bool {
        self.always
    }

    pub fn hours(&self) -> &WeeklyHours {
        &self.hours
    }

    pub fn holidays(&self) -> &[Holiday] {
        &self.holidays
    }

    /// Whether the local `date` is closed all day by a holiday (never for a 24×7 calendar).
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        !self.always && self.holiday_set.contains(date)
    }

    /// The business time within `[from, to)`, as sorted, disjoint, non-touching spans.
    pub fn business_intervals(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<TimeSpan> {
        if from >= to {
            return Vec::new();
        }
        if self.always {
            return vec![TimeSpan { from, to }];
        }
        let mut spans = Vec::new();
        for stretch in offset_stretches(self.time_zone, from, to) {
            self.collect_stretch(&stretch, &mut spans);
        }
        merge_spans(spans)
    }

    /// Refuses a calendar with no working time in the `days` days after `from`; everything that
    /// walks a calendar forwards relies on this to terminate.
    pub fn ensure_working_time(&self, from: DateTime<Utc>, days: i64) -> Result<(), SlaError> {
        let to = TimeDelta::try_days(days)
            .and_then(|d| from.checked_add_signed(d))
            .ok_or_else(|| SlaError::new(keys::OUT_OF_RANGE))?;
        if self.business_intervals(from, to).is_empty() {
            return Err(SlaError::new(keys::NO_WORKING_TIME).at("calendar").with("days", days));
        }
        Ok(())
    }

    /// Working spans of one constant-offset stretch: there local time is UTC plus a fixed
    /// offset, so local intervals map back to UTC by a plain subtraction.
    fn collect_stretch(&self, stretch: &OffsetStretch, out: &mut Vec<TimeSpan>) {
        let offset = TimeDelta::seconds(i64::from(stretch.offset_seconds));
        let local_from = stretch.from.naive_utc() + offset;
        let local_to = stretch.to.naive_utc() + offset;
        let last_date = (local_to - TimeDelta::nanoseconds(1)).date();
        let mut date = local_from.date();
        while date <= last_date {
            if !self.holiday_set.contains(date) {
                let weekday = date.weekday().num_days_from_monday() as usize;
                for interval in &self.hours[weekday] {
                    let start = local_at(date, interval.start).max(local_from);
                    let end = local_at(date, interval.end).min(local_to);
                    if start < end {
                        out.push(TimeSpan { from: utc(start - offset), to: utc(end - offset) });
                    }
                }
            }
            match date.succ_opt() {
                Some(next) => date = next,
                None => break,
            }
        }
    }
}

fn local_at(date: NaiveDate, minutes: u16) -> NaiveDateTime {
    // 24:00 is the next midnight; adding minutes to midnight handles it uniformly.
    date.and_time(chrono::NaiveTime::MIN) + TimeDelta::minutes(i64::from(minutes))
}

fn utc(naive: NaiveDateTime) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(naive, Utc)
}

/// Sorts and joins overlapping or touching spans.
pub(crate) fn merge_spans(mut spans: Vec<TimeSpan>) -> Vec<TimeSpan> {
    spans.retain(|s| !s.is_empty());
    spans.sort();
    let mut merged: Vec<TimeSpan> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.from <= last.to => last.to = last.to.max(span.to),
            _ => merged.push(span),
        }
    }
    merged
}

/// A stretch of real time during which the zone's UTC offset does not change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct OffsetStretch {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    offset_seconds: i32,
}

fn offset_at(tz: Tz, instant: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&instant.naive_utc()).fix().local_minus_utc()
}

/// Splits `[from, to)` at the zone's offset changes. chrono-tz does not expose its transition
/// table, so we probe one UTC day at a time and bisect (to the second) when the offset at the
/// end of the day differs from the one at its start.
fn offset_stretches(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<OffsetStretch> {
    let mut stretches: Vec<OffsetStretch> = Vec::new();
    let mut cursor = from;
    while cursor < to {
        let day_end = cursor.checked_add_signed(TimeDelta::days(1)).map_or(to, |d| d.min(to));
        let offset = offset_at(tz, cursor);
        let probe = (day_end - TimeDelta::seconds(1)).max(cursor);
        let end = if offset_at(tz, probe) == offset { day_end } else { first_change(tz, cursor, probe, offset) };
        match stretches.last_mut() {
            Some(last) if last.offset_seconds == offset && last.to == cursor => last.to = end,
            _ => stretches.push(OffsetStretch { from: cursor, to: end, offset_seconds: offset }),
        }
        cursor = end;
    }
    stretches
}

/// The first whole second in `(low, high]` whose offset differs from `offset`, knowing that
/// `low` has `offset` and `high` does not.
fn first_change(tz: Tz, low: DateTime<Utc>, high: DateTime<Utc>, offset: i32) -> DateTime<Utc> {
    let (mut lo, mut hi) = (low.timestamp(), high.timestamp());
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        let at = DateTime::from_timestamp(mid, 0).expect("between two valid instants");
        if offset_at(tz, at) == offset {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    DateTime::from_timestamp(hi, 0).expect("between two valid instants").max(low)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    fn night_hours(from: u16, to: u16) -> WeeklyHours {
        std::array::from_fn(|_| vec![WorkingInterval::new(from, to).unwrap()])
    }

    fn total_minutes(spans: &[TimeSpan]) -> i64 {
        spans.iter().map(|s| s.len().num_minutes()).sum()
    }

    #[test]
    fn madrid_spring_forward_gap_is_skipped() {
        let cal = BusinessCalendar::weekly(chrono_tz::Europe::Madrid, night_hours(60, 240), vec![]).unwrap();
        let spans = cal.business_intervals(at("2026-03-28T12:00:00Z"), at("2026-03-29T12:00:00Z"));
        assert_eq!(spans, vec![TimeSpan { from: at("2026-03-29T00:00:00Z"), to: at("2026-03-29T02:00:00Z") }]);
    }

    #[test]
    fn madrid_fall_back_fold_counts_twice() {
        let cal = BusinessCalendar::weekly(chrono_tz::Europe::Madrid, night_hours(60, 240), vec![]).unwrap();
        let spans = cal.business_intervals(at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z"));
        assert_eq!(spans, vec![TimeSpan { from: at("2026-10-24T23:00:00Z"), to: at("2026-10-25T03:00:00Z") }]);
        // Starting inside the fold: both readings of 02:30–03:00 are working time.
        let cal = BusinessCalendar::weekly(chrono_tz::Europe::Madrid, night_hours(150, 300), vec![]).unwrap();
        let spans = cal.business_intervals(at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z"));
        assert_eq!(total_minutes(&spans), 30 + 150);
        assert_eq!(spans[0].from, at("2026-10-25T00:30:00Z"));
        assert_eq!(spans.last().unwrap().to, at("2026-10-25T04:00:00Z"));
    }

    #[test]
    fn offset_stretches_find_the_transition_second() {
        let s = offset_stretches(chrono_tz::Europe::Madrid, at("2026-03-28T00:00:00Z"), at("2026-03-30T00:00:00Z"));
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].to, at("2026-03-29T01:00:00Z"));
        assert_eq!((s[0].offset_seconds, s[1].offset_seconds), (3600, 7200));
    }

    #[test]
    fn overlapping_and_inverted_intervals_are_refused() {
        assert_eq!(WorkingInterval::new(600, 600).unwrap_err().key, keys::HOURS_NOT_INCREASING);
        assert_eq!(WorkingInterval::new(0, 1441).unwrap_err().key, keys::HOURS_NOT_INCREASING);
        let mut hours: WeeklyHours = Default::default();
        hours[2] = vec![WorkingInterval::new(540, 720).unwrap(), WorkingInterval::new(700, 800).unwrap()];
        let err = BusinessCalendar::weekly(Tz::UTC, hours, vec![]).unwrap_err();
        assert_eq!((err.key, err.field.as_deref()), (keys::OVERLAPPING_HOURS, Some("hours.wed")));
    }
}
