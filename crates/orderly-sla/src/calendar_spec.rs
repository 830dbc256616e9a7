//! The JSON shape of a business calendar (FORMAT.md's `calendar` object), as the app stores it
//! and the CLI imports and exports it, and its validation into a [`BusinessCalendar`].
//!
//! `BusinessCalendar` (de)serializes through [`CalendarSpec`], so a stored calendar can never
//! be loaded unvalidated; callers wanting the structured error call
//! [`CalendarSpec::validate`] directly.

use std::collections::BTreeMap;

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::calendar::{hhmm, BusinessCalendar, WeeklyHours, WorkingInterval, DAY_MINUTES, WEEKDAYS};
use crate::error::{keys, SlaError};
use crate::holiday::Holiday;

/// `{"time_zone": "Asia/Shanghai", "hours": {"mon": [["09:00", "12:00"]]}, "holidays": ["12-25"]}`
/// or `{"time_zone": "UTC", "always": true}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    pub time_zone: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub always: bool,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub hours: BTreeMap<String, Vec<Vec<String>>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<String>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl CalendarSpec {
    /// Validates every rule of FORMAT.md; error fields are relative to the calendar object
    /// (`time_zone`, `hours.mon[1]`, `holidays[0]`).
    pub fn validate(&self) -> Result<BusinessCalendar, SlaError> {
        let time_zone: Tz = self
            .time_zone
            .parse()
            .map_err(|_| SlaError::new(keys::UNKNOWN_ZONE).at("time_zone").with("zone", &self.time_zone))?;
        let holidays = self
            .holidays
            .iter()
            .enumerate()
            .map(|(i, text)| text.parse::<Holiday>().map_err(|e| e.at(format!("holidays[{i}]"))))
            .collect::<Result<Vec<_>, _>>()?;
        if self.always {
            if self.hours.values().any(|day| !day.is_empty()) {
                return Err(SlaError::new(keys::ALWAYS_WITH_HOURS).at("hours"));
            }
            return Ok(BusinessCalendar::always(time_zone));
        }
        let mut hours: WeeklyHours = Default::default();
        for (day, intervals) in &self.hours {
            let index = WEEKDAYS
                .iter()
                .position(|d| d == day)
                .ok_or_else(|| SlaError::new(keys::UNKNOWN_WEEKDAY).at(format!("hours.{day}")).with("day", day))?;
            for (i, pair) in intervals.iter().enumerate() {
                let interval = parse_interval(pair).map_err(|e| e.at(format!("hours.{day}[{i}]")))?;
                hours[index].push(interval);
            }
        }
        BusinessCalendar::weekly(time_zone, hours, holidays)
    }
}

/// `["HH:MM", "HH:MM"]`; `24:00` only as the end.
fn parse_interval(pair: &[String]) -> Result<WorkingInterval, SlaError> {
    let bad = || SlaError::new(keys::BAD_HOURS).with("value", format!("{pair:?}"));
    let [start, end] = pair else { return Err(bad()) };
    let start = parse_hhmm(start).filter(|&m| m < DAY_MINUTES).ok_or_else(bad)?;
    let end = parse_hhmm(end).ok_or_else(bad)?;
    WorkingInterval::new(start, end)
}

/// Strict `HH:MM` (two digits each) from 00:00 to 24:00.
pub fn parse_hhmm(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    if bytes.len() != 5 || bytes[2] != b':' {
        return None;
    }
    let digit = |i: usize| bytes[i].is_ascii_digit().then(|| u16::from(bytes[i] - b'0'));
    let hours = digit(0)? * 10 + digit(1)?;
    let minutes = digit(3)? * 10 + digit(4)?;
    let total = hours * 60 + minutes;
    (minutes < 60 && total <= DAY_MINUTES).then_some(total)
}

impl From<&BusinessCalendar> for CalendarSpec {
    fn from(calendar: &BusinessCalendar) -> Self {
        let hours = WEEKDAYS
            .iter()
            .zip(calendar.hours())
            .filter(|(_, intervals)| !intervals.is_empty())
            .map(|(day, intervals)| {
                let pairs = intervals.iter().map(|iv| vec![hhmm(iv.start()), hhmm(iv.end())]).collect();
                (day.to_string(), pairs)
            })
            .collect();
        CalendarSpec {
            time_zone: calendar.time_zone().name().to_string(),
            always: calendar.is_always(),
            hours,
            holidays: calendar.holidays().iter().map(Holiday::to_string).collect(),
        }
    }
}

impl TryFrom<CalendarSpec> for BusinessCalendar {
    type Error = SlaError;

    fn try_from(spec: CalendarSpec) -> Result<Self, SlaError> {
        spec.validate()
    }
}

impl From<BusinessCalendar> for CalendarSpec {
    fn from(calendar: BusinessCalendar) -> Self {
        CalendarSpec::from(&calendar)
    }
}

impl Serialize for BusinessCalendar {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        CalendarSpec::from(self).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for BusinessCalendar {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        CalendarSpec::deserialize(deserializer)?.validate().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hhmm_is_strict() {
        assert_eq!(parse_hhmm("09:30"), Some(570));
        assert_eq!(parse_hhmm("24:00"), Some(1440));
        for bad in ["9:30", "24:01", "25:00", "12:60", "12-00", "ab:cd", "", "12:000"] {
            assert_eq!(parse_hhmm(bad), None, "{bad}");
        }
    }

    #[test]
    fn calendar_round_trips_through_json() {
        let json = r#"{"time_zone":"Asia/Shanghai","hours":{"fri":[["09:00","12:00"]],"mon":[["09:00","12:00"],["13:00","24:00"]]},"holidays":["2026-10-01","12-25"]}"#;
        let cal: BusinessCalendar = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_string(&cal).unwrap(), json);
        let always = serde_json::to_string(&BusinessCalendar::default()).unwrap();
        assert_eq!(always, r#"{"time_zone":"UTC","always":true}"#);
    }

    #[test]
    fn start_at_24_is_refused() {
        let spec = CalendarSpec {
            time_zone: "UTC".into(),
            always: false,
            hours: [("sun".to_string(), vec![vec!["24:00".to_string(), "24:00".to_string()]])].into(),
            holidays: vec![],
        };
        let err = spec.validate().unwrap_err();
        assert_eq!((err.key, err.field.as_deref()), (keys::BAD_HOURS, Some("hours.sun[0]")));
    }
}
