//! Statistics over orders and their history (issue #8): which metric, over which periods of
//! the organisation's calendar, grouped how. Pure: the periods are cut here, in the
//! organisation's time zone (DST-correct through chrono-tz), into UTC boundaries the store
//! buckets by, so both engines count the same instants and neither needs time-zone support.

use crate::domain::Millis;
use crate::{Error, Result};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize, Serializer};
use std::str::FromStr;

/// What is measured. Keys are the CLI's `--metric` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Orders created in the period.
    Created,
    /// Orders whose (current) resolution time falls in the period.
    Resolved,
    /// Orders closed in the period.
    Closed,
    /// Orders open (new, open, pending, suspended) at the end of the period, from history.
    Backlog,
    /// Minutes from creation to first response, by period of the response.
    FirstResponseTime,
    /// Minutes from creation to resolution, by period of the resolution.
    ResolutionTime,
    /// Share of responses in the period that met the SLA response target.
    SlaResponse,
    /// Share of resolutions in the period that met the SLA resolution target.
    SlaResolution,
    /// Urges (催单) made in the period.
    Urges,
    /// Share of resolutions in the period that were later reopened.
    ReopenRate,
}

impl Metric {
    pub const ALL: [Metric; 10] = [
        Metric::Created,
        Metric::Resolved,
        Metric::Closed,
        Metric::Backlog,
        Metric::FirstResponseTime,
        Metric::ResolutionTime,
        Metric::SlaResponse,
        Metric::SlaResolution,
        Metric::Urges,
        Metric::ReopenRate,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Metric::Created => "created",
            Metric::Resolved => "resolved",
            Metric::Closed => "closed",
            Metric::Backlog => "backlog",
            Metric::FirstResponseTime => "first_response_time",
            Metric::ResolutionTime => "resolution_time",
            Metric::SlaResponse => "sla_response",
            Metric::SlaResolution => "sla_resolution",
            Metric::Urges => "urges",
            Metric::ReopenRate => "reopen_rate",
        }
    }

    /// Whether the metric is a duration, summarised by a [`Statistic`].
    pub fn is_duration(self) -> bool {
        matches!(self, Metric::FirstResponseTime | Metric::ResolutionTime)
    }
}

/// How a duration metric is summarised within a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Statistic {
    #[default]
    Mean,
    /// The middle value; the mean of the two middle values when the count is even.
    Median,
    /// Nearest rank: the value at rank ⌈0.9·n⌉.
    P90,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Day,
    Week,
    Month,
}

/// Which day opens a week. Sunday-first weeks carry the ISO label of the Monday after them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum WeekStart {
    #[default]
    Monday,
    Sunday,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    StatusCategory,
    Template,
    Department,
    Assignee,
    Priority,
    CustomerGroup,
}

macro_rules! keyed {
    ($ty:ty, $err:literal, $field:literal, [$($v:path => $k:literal),+ $(,)?]) => {
        impl $ty {
            pub fn key(self) -> &'static str {
                match self { $($v => $k),+ }
            }
        }
        impl FromStr for $ty {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self> {
                match s.trim() {
                    $($k => Ok($v),)+
                    other => Err(Error::invalid($err).on_field($field).with("value", other)
                        .with("allowed", [$($k),+].join(", "))),
                }
            }
        }
    };
}

keyed!(Statistic, "stats.statistic_unknown", "stat", [Statistic::Mean => "mean", Statistic::Median => "median", Statistic::P90 => "p90"]);
keyed!(Period, "stats.period_unknown", "period", [Period::Day => "day", Period::Week => "week", Period::Month => "month"]);
keyed!(WeekStart, "stats.week_start_unknown", "week_start", [WeekStart::Monday => "monday", WeekStart::Sunday => "sunday"]);
keyed!(GroupBy, "stats.group_unknown", "group_by", [
    GroupBy::StatusCategory => "status_category", GroupBy::Template => "template",
    GroupBy::Department => "department", GroupBy::Assignee => "assignee",
    GroupBy::Priority => "priority", GroupBy::CustomerGroup => "customer_group",
]);

impl FromStr for Metric {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Metric::ALL.into_iter().find(|m| m.key() == s.trim()).ok_or_else(|| {
            let allowed: Vec<&str> = Metric::ALL.iter().map(|m| m.key()).collect();
            Error::invalid("stats.metric_unknown")
                .on_field("metric")
                .with("value", s.trim())
                .with("allowed", allowed.join(", "))
        })
    }
}

/// One statistics question. Dates are calendar days in the organisation's zone, `to` inclusive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatsQuery {
    pub metric: Metric,
    pub period: Period,
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(default)]
    pub group_by: Option<GroupBy>,
    #[serde(default)]
    pub statistic: Statistic,
    #[serde(default)]
    pub week_start: WeekStart,
}

/// Longest span a query may cover, so a typo (year 20255) cannot ask for a million periods.
pub const MAX_PERIODS: usize = 3_700;

/// One period: its label and its UTC bounds `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub label: String,
    pub start: Millis,
    pub end: Millis,
}

/// Parses a `YYYY-MM-DD` date, naming the field when it is not one.
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid("stats.date_invalid").on_field(field).with("value", text))
}

/// Parses an IANA zone name such as `Asia/Shanghai`.
pub fn parse_zone(name: &str) -> Result<Tz> {
    name.trim().parse::<Tz>().map_err(|_| Error::invalid("stats.time_zone_invalid").with("value", name))
}

/// The periods covering `from..=to` (the first and last may reach beyond them: a month is
/// counted whole), each bounded by local midnights converted to UTC.
pub fn buckets(query: &StatsQuery, zone: Tz) -> Result<Vec<Bucket>> {
    if query.from > query.to {
        return Err(Error::invalid("stats.range_reversed").with("from", query.from).with("to", query.to));
    }
    let mut day = period_start(query.period, query.week_start, query.from);
    let mut out = Vec::new();
    while day <= query.to {
        if out.len() >= MAX_PERIODS {
            return Err(Error::invalid("stats.range_too_long").with("max", MAX_PERIODS));
        }
        let next = next_start(query.period, day);
        out.push(Bucket {
            label: label(query.period, day),
            start: local_midnight(zone, day),
            end: local_midnight(zone, next),
        });
        day = next;
    }
    Ok(out)
}

fn period_start(period: Period, week_start: WeekStart, day: NaiveDate) -> NaiveDate {
    match period {
        Period::Day => day,
        Period::Week => {
            let back = match week_start {
                WeekStart::Monday => day.weekday().num_days_from_monday(),
                WeekStart::Sunday => day.weekday().num_days_from_sunday(),
            };
            day - Duration::days(back as i64)
        }
        Period::Month => day.with_day(1).expect("day 1 exists"),
    }
}

fn next_start(period: Period, start: NaiveDate) -> NaiveDate {
    match period {
        Period::Day => start + Duration::days(1),
        Period::Week => start + Duration::days(7),
        Period::Month => start.checked_add_months(chrono::Months::new(1)).expect("date in range"),
    }
}

fn label(period: Period, start: NaiveDate) -> String {
    match period {
        Period::Day => start.format("%Y-%m-%d").to_string(),
        Period::Month => start.format("%Y-%m").to_string(),
        Period::Week => {
            // A Sunday-first week shares six days with the ISO week of the Monday after it.
            let monday = if start.weekday() == Weekday::Sun { start + Duration::days(1) } else { start };
            let iso = monday.iso_week();
            format!("{}-W{:02}", iso.year(), iso.week())
        }
    }
}

/// The UTC instant of the local midnight opening `day`. Where a DST jump skips midnight the
/// day opens at the first local instant that exists.
fn local_midnight(zone: Tz, day: NaiveDate) -> Millis {
    let midnight: NaiveDateTime = day.and_hms_opt(0, 0, 0).expect("midnight");
    let mut local = midnight;
    for _ in 0..4 {
        if let Some(t) = zone.from_local_datetime(&local).earliest() {
            return t.timestamp_millis();
        }
        local += Duration::minutes(30);
    }
    zone.from_utc_datetime(&midnight).timestamp_millis()
}

/// A point's value: a count, a share (0–1) or minutes; `None` when the period has nothing to
/// measure (no resolutions to average). Whole numbers serialise as JSON integers.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Value(pub Option<f64>);

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self.0 {
            Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => s.serialize_i64(v as i64),
            Some(v) => s.serialize_f64(v),
            None => s.serialize_none(),
        }
    }
}

impl Value {
    /// As written in CSV and text tables: integers plainly, others to 4 decimals, empty when none.
    pub fn text(self) -> String {
        match self.0 {
            Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => format!("{}", v as i64),
            Some(v) => format!("{v:.4}"),
            None => String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Point {
    pub period: String,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatsSeries {
    /// The group's key (a status category, template key, id, or `P1`..`P5`); `null` when
    /// ungrouped or for orders without one (no department, unassigned).
    pub group: Option<String>,
    /// A readable name for the group (department or customer group name, user's display name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub points: Vec<Point>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatsResult {
    pub metric: Metric,
    pub period: Period,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statistic: Option<Statistic>,
    pub time_zone: String,
    pub series: Vec<StatsSeries>,
}

/// One technician's figures over a range (`completed` and handling by resolution time).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TechnicianStats {
    pub user_id: String,
    pub login: String,
    pub display_name: String,
    /// Orders assigned to them resolved in the range.
    pub completed: i64,
    /// Orders assigned to them still needing work now.
    pub booked_load: i64,
    /// Mean minutes from first response (else creation) to resolution, over `completed`.
    pub mean_handling_minutes: Option<f64>,
    /// Share of `completed` orders under an SLA that met the resolution target.
    pub sla_compliance: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(period: Period, from: &str, to: &str) -> StatsQuery {
        StatsQuery {
            metric: Metric::Created,
            period,
            from: parse_date("from", from).unwrap(),
            to: parse_date("to", to).unwrap(),
            group_by: None,
            statistic: Statistic::Mean,
            week_start: WeekStart::Monday,
        }
    }

    #[test]
    fn iso_week_one_of_2025_starts_on_30_december_2024() {
        let b = buckets(&q(Period::Week, "2025-01-01", "2025-01-06"), chrono_tz::UTC).unwrap();
        assert_eq!(b.iter().map(|b| b.label.as_str()).collect::<Vec<_>>(), ["2025-W01", "2025-W02"]);
        assert_eq!(b[0].start, chrono::Utc.with_ymd_and_hms(2024, 12, 30, 0, 0, 0).unwrap().timestamp_millis());
        let mut sunday = q(Period::Week, "2025-01-01", "2025-01-01");
        sunday.week_start = WeekStart::Sunday;
        let b = buckets(&sunday, chrono_tz::UTC).unwrap();
        assert_eq!(
            (b[0].label.as_str(), b[0].start),
            ("2025-W01", chrono::Utc.with_ymd_and_hms(2024, 12, 29, 0, 0, 0).unwrap().timestamp_millis())
        );
    }

    #[test]
    fn months_are_cut_at_local_midnight_and_dst_days_have_their_length() {
        let b = buckets(&q(Period::Month, "2025-03-15", "2025-04-02"), chrono_tz::Asia::Shanghai).unwrap();
        assert_eq!(b[1].label, "2025-04");
        assert_eq!(b[1].start, chrono::Utc.with_ymd_and_hms(2025, 3, 31, 16, 0, 0).unwrap().timestamp_millis());
        let b = buckets(&q(Period::Day, "2025-03-30", "2025-03-30"), chrono_tz::Europe::Madrid).unwrap();
        assert_eq!(b[0].end - b[0].start, 23 * 3_600_000);
    }

    #[test]
    fn refusals_name_what_is_wrong() {
        assert_eq!(parse_date("from", "2025-13-01").unwrap_err().key, "stats.date_invalid");
        assert_eq!("weekly".parse::<Period>().unwrap_err().key, "stats.period_unknown");
        assert_eq!("speed".parse::<Metric>().unwrap_err().key, "stats.metric_unknown");
        assert_eq!(
            buckets(&q(Period::Day, "2025-02-01", "2025-01-01"), chrono_tz::UTC).unwrap_err().key,
            "stats.range_reversed"
        );
        assert_eq!(parse_zone("Mars/Olympus").unwrap_err().key, "stats.time_zone_invalid");
    }

    #[test]
    fn values_serialise_counts_as_integers() {
        assert_eq!(serde_json::to_string(&Value(Some(3.0))).unwrap(), "3");
        assert_eq!(serde_json::to_string(&Value(Some(0.5))).unwrap(), "0.5");
        assert_eq!(serde_json::to_string(&Value(None)).unwrap(), "null");
    }
}
