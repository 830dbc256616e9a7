//! Reports (issue #8): a named set of dashboard tiles rendered to a file, optionally on a
//! schedule (daily, weekly or monthly at a wall-clock time in the organisation's zone), saved
//! to a folder and mailed to recipients. Pure: checking a definition field by field and the
//! next due instant, which stays right across daylight-saving changes and month ends.

use crate::domain::dashboard::{check_tiles, check_title, Tile};
use crate::{Error, Result};
use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// Most recipients of one report.
pub const MAX_RECIPIENTS: usize = 50;

/// How often a scheduled report runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Every {
    Daily,
    Weekly,
    Monthly,
}

/// When a report runs: `at` is "HH:MM" in the organisation's zone; `weekday` (1 = Monday …
/// 7 = Sunday) for weekly reports; `day` (1–31) for monthly ones, the month's last day in
/// months too short for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Schedule {
    pub every: Every,
    pub at: String,
    #[serde(default)]
    pub weekday: Option<u8>,
    #[serde(default)]
    pub day: Option<u8>,
}

/// A report as a supervisor defines it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReportDef {
    pub name: String,
    pub tiles: Vec<Tile>,
    #[serde(default)]
    pub schedule: Option<Schedule>,
    /// Where scheduled runs write the file (an absolute path); the exports folder when unset.
    #[serde(default)]
    pub folder: Option<String>,
    /// Who receives each scheduled run by e-mail (needs the SMTP settings).
    #[serde(default)]
    pub recipients: Vec<String>,
}

impl ReportDef {
    /// Refuses a definition that could not run, naming the first bad field; returns it with
    /// the name, folder and addresses trimmed.
    pub fn checked(mut self) -> Result<ReportDef> {
        self.name = self.name.trim().to_string();
        if self.name.is_empty() {
            return Err(Error::invalid("report.name_empty").on_field("name"));
        }
        check_title(Some(&self.name), "name")?;
        if self.tiles.is_empty() {
            return Err(Error::invalid("report.tiles_empty").on_field("tiles"));
        }
        check_tiles(&self.tiles)?;
        if let Some(schedule) = &self.schedule {
            schedule.check()?;
        }
        self.folder = self.folder.map(|f| f.trim().to_string());
        if let Some(folder) = &self.folder {
            if !std::path::Path::new(folder).is_absolute() {
                return Err(Error::invalid("report.folder_not_absolute").on_field("folder").with("value", folder));
            }
        }
        self.check_recipients()?;
        Ok(self)
    }

    fn check_recipients(&mut self) -> Result<()> {
        if self.recipients.len() > MAX_RECIPIENTS {
            return Err(Error::invalid("report.too_many_recipients")
                .on_field("recipients")
                .with("max", MAX_RECIPIENTS));
        }
        for (i, address) in self.recipients.iter_mut().enumerate() {
            *address = address.trim().to_string();
            check_email(address, &format!("recipients.{i}"))?;
        }
        Ok(())
    }
}

/// Refuses what is not a plain `local@domain.tld` address.
pub fn check_email(address: &str, field: &str) -> Result<()> {
    let valid = match address.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && local.len() <= 64
                && domain.len() <= 253
                && !domain.contains('@')
                && domain.split('.').count() >= 2
                && domain
                    .split('.')
                    .all(|label| !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-'))
                && local.chars().all(|c| !c.is_whitespace() && !c.is_control() && !"<>()[],;:\\\"".contains(c))
        }
        None => false,
    };
    if valid {
        Ok(())
    } else {
        Err(Error::invalid("report.email_invalid").on_field(field).with("value", address))
    }
}

/// Reads "HH:MM" (24-hour clock).
pub fn parse_time_of_day(text: &str) -> Option<NaiveTime> {
    let (h, m) = text.trim().split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !h.chars().chain(m.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

impl Schedule {
    pub fn check(&self) -> Result<()> {
        if parse_time_of_day(&self.at).is_none() {
            return Err(Error::invalid("report.time_invalid").on_field("schedule.at").with("value", &self.at));
        }
        match self.every {
            Every::Daily => Ok(()),
            Every::Weekly => match self.weekday {
                Some(1..=7) => Ok(()),
                other => Err(Error::invalid("report.weekday_invalid")
                    .on_field("schedule.weekday")
                    .with("value", other.map(|d| d.to_string()).unwrap_or_default())),
            },
            Every::Monthly => match self.day {
                Some(1..=31) => Ok(()),
                other => Err(Error::invalid("report.day_invalid")
                    .on_field("schedule.day")
                    .with("value", other.map(|d| d.to_string()).unwrap_or_default())),
            },
        }
    }

    /// Whether the report runs on this local date.
    fn runs_on(&self, date: NaiveDate) -> bool {
        match self.every {
            Every::Daily => true,
            Every::Weekly => self.weekday == Some(date.weekday().number_from_monday() as u8),
            Every::Monthly => {
                let wanted = u32::from(self.day.unwrap_or(1));
                date.day() == wanted.min(last_day_of_month(date))
            }
        }
    }

    /// The first due instant strictly after `now`. A time that a spring-forward change skips
    /// runs at the first minute that exists after it (as cron does); a time that the autumn
    /// change repeats runs once, at its first occurrence. `None` for an invalid schedule.
    pub fn next_run_after(&self, now: DateTime<Utc>, zone: Tz) -> Option<DateTime<Utc>> {
        let at = parse_time_of_day(&self.at)?;
        let mut date = now.with_timezone(&zone).date_naive();
        // A monthly run on the 31st is at most 62 days away; a year bounds every schedule.
        for _ in 0..=366 {
            if self.runs_on(date) {
                let due = resolve_local(zone, date.and_time(at))?;
                if due > now {
                    return Some(due);
                }
            }
            date = date.succ_opt()?;
        }
        None
    }
}

fn last_day_of_month(date: NaiveDate) -> u32 {
    let (y, m) = if date.month() == 12 { (date.year() + 1, 1) } else { (date.year(), date.month() + 1) };
    NaiveDate::from_ymd_opt(y, m, 1).and_then(|d| d.pred_opt()).map(|d| d.day()).unwrap_or(28)
}

/// A wall-clock time in `zone` as an instant: the earlier of two in a repeated hour, the first
/// existing minute after it in a skipped one.
fn resolve_local(zone: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    for shift in 0..=(24 * 60) {
        match zone.from_local_datetime(&(local + Duration::minutes(shift))) {
            LocalResult::Single(t) => return Some(t.with_timezone(&Utc)),
            LocalResult::Ambiguous(first, _) => return Some(first.with_timezone(&Utc)),
            LocalResult::None => continue,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dashboard::TileChart;
    use crate::domain::stats::{Metric, Period, Statistic};

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn schedule(every: Every, at: &str, weekday: Option<u8>, day: Option<u8>) -> Schedule {
        Schedule { every, at: at.into(), weekday, day }
    }

    fn def() -> ReportDef {
        let tile = Tile {
            id: "t1".into(),
            title: None,
            metric: Metric::Created,
            statistic: Statistic::Mean,
            group_by: None,
            period: Period::Week,
            last: 4,
            chart: TileChart::Bar,
        };
        ReportDef {
            name: " Weekly backlog ".into(),
            tiles: vec![tile],
            schedule: Some(schedule(Every::Weekly, "08:00", Some(1), None)),
            folder: None,
            recipients: vec!["jefa@example.com".into()],
        }
    }

    #[test]
    fn next_runs_follow_the_wall_clock_across_daylight_saving() {
        let madrid: Tz = "Europe/Madrid".parse().unwrap();
        let daily = schedule(Every::Daily, "08:00", None, None);
        // 08:00 CET is 07:00 UTC; after the change on 29 March 2026, 08:00 CEST is 06:00 UTC.
        assert_eq!(daily.next_run_after(utc("2026-03-28T07:00:00Z"), madrid), Some(utc("2026-03-29T06:00:00Z")));
        assert_eq!(daily.next_run_after(utc("2026-03-28T06:59:00Z"), madrid), Some(utc("2026-03-28T07:00:00Z")));
        // 02:30 does not exist on 29 March in Madrid: it runs at 03:00 CEST (01:00 UTC).
        let skipped = schedule(Every::Daily, "02:30", None, None);
        assert_eq!(skipped.next_run_after(utc("2026-03-28T12:00:00Z"), madrid), Some(utc("2026-03-29T01:00:00Z")));
        // 02:30 happens twice on 25 October: it runs once, at the first (CEST, 00:30 UTC).
        let first = skipped.next_run_after(utc("2026-10-24T12:00:00Z"), madrid).unwrap();
        assert_eq!(first, utc("2026-10-25T00:30:00Z"));
        assert_eq!(skipped.next_run_after(first, madrid), Some(utc("2026-10-26T01:30:00Z")));
    }

    #[test]
    fn weekly_and_monthly_runs_land_on_their_day() {
        let shanghai: Tz = "Asia/Shanghai".parse().unwrap();
        // Monday 09:00 in Shanghai (UTC+8); 2026-12-04 is a Friday.
        let weekly = schedule(Every::Weekly, "09:00", Some(1), None);
        assert_eq!(weekly.next_run_after(utc("2026-12-04T13:00:00Z"), shanghai), Some(utc("2026-12-07T01:00:00Z")));
        // The 31st runs on the last day of shorter months, leap February included.
        let monthly = schedule(Every::Monthly, "23:30", None, Some(31));
        let utc_zone = chrono_tz::UTC;
        assert_eq!(monthly.next_run_after(utc("2028-01-31T23:30:00Z"), utc_zone), Some(utc("2028-02-29T23:30:00Z")));
        assert_eq!(monthly.next_run_after(utc("2026-04-01T00:00:00Z"), utc_zone), Some(utc("2026-04-30T23:30:00Z")));
        assert_eq!(monthly.next_run_after(utc("2026-04-30T23:30:00Z"), utc_zone), Some(utc("2026-05-31T23:30:00Z")));
        let first = schedule(Every::Monthly, "00:00", None, Some(1));
        assert_eq!(first.next_run_after(utc("2026-12-31T23:59:00Z"), utc_zone), Some(utc("2027-01-01T00:00:00Z")));
    }

    #[test]
    fn bad_definitions_name_their_field() {
        type Change = Box<dyn Fn(&mut ReportDef)>;
        let cases: Vec<(Change, &str, &str)> = vec![
            (Box::new(|d| d.name = "  ".into()), "report.name_empty", "name"),
            (Box::new(|d| d.tiles.clear()), "report.tiles_empty", "tiles"),
            (Box::new(|d| d.tiles = vec![d.tiles[0].clone(); 49]), "dashboard.too_many_tiles", "tiles"),
            (Box::new(|d| d.tiles[0].last = 0), "dashboard.tile_periods_out_of_range", "tiles.0.last"),
            (Box::new(|d| d.schedule.as_mut().unwrap().at = "25:00".into()), "report.time_invalid", "schedule.at"),
            (Box::new(|d| d.schedule.as_mut().unwrap().at = "8:00".into()), "report.time_invalid", "schedule.at"),
            (
                Box::new(|d| d.schedule.as_mut().unwrap().weekday = Some(8)),
                "report.weekday_invalid",
                "schedule.weekday",
            ),
            (
                Box::new(|d| d.schedule = Some(schedule(Every::Monthly, "08:00", None, Some(0)))),
                "report.day_invalid",
                "schedule.day",
            ),
            (Box::new(|d| d.recipients.push("no-at-sign".into())), "report.email_invalid", "recipients.1"),
            (Box::new(|d| d.recipients = vec!["a@b".into()]), "report.email_invalid", "recipients.0"),
            (Box::new(|d| d.recipients = vec!["a b@c.com".into()]), "report.email_invalid", "recipients.0"),
            (Box::new(|d| d.folder = Some("relative/dir".into())), "report.folder_not_absolute", "folder"),
        ];
        for (change, key, field) in cases {
            let mut d = def();
            change(&mut d);
            let err = d.checked().unwrap_err();
            assert_eq!((err.key.as_str(), err.field.as_deref()), (key, Some(field)));
        }
        let ok = def().checked().unwrap();
        assert_eq!(ok.name, "Weekly backlog");
        assert!(check_email("王芳@例子.中国", "x").is_ok());
    }
}
