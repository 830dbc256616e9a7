//! Holidays of a business calendar: a local date once (`YYYY-MM-DD`) or every year (`MM-DD`),
//! their text form and the fast lookup the interval arithmetic uses.

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{keys, SlaError};

/// A whole local day on which a business-hours calendar is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Holiday {
    /// That local date, once.
    Once(NaiveDate),
    /// That month and day every year; `02-29` only matches in leap years (other years simply
    /// have no such date).
    Yearly { month: u32, day: u32 },
}

impl Holiday {
    pub fn yearly(month: u32, day: u32) -> Result<Self, SlaError> {
        // 2000 is a leap year, so this accepts exactly the month-days that exist in some year.
        if NaiveDate::from_ymd_opt(2000, month, day).is_none() {
            return Err(SlaError::new(keys::BAD_HOLIDAY).with("value", format!("{month:02}-{day:02}")));
        }
        Ok(Holiday::Yearly { month, day })
    }

    pub fn matches(&self, date: NaiveDate) -> bool {
        match *self {
            Holiday::Once(d) => d == date,
            Holiday::Yearly { month, day } => date.month() == month && date.day() == day,
        }
    }
}

impl fmt::Display for Holiday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Holiday::Once(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Holiday::Yearly { month, day } => write!(f, "{month:02}-{day:02}"),
        }
    }
}

impl FromStr for Holiday {
    type Err = SlaError;

    fn from_str(text: &str) -> Result<Self, SlaError> {
        let bad = || SlaError::new(keys::BAD_HOLIDAY).with("value", text);
        // Strict shape check first: chrono's parser would accept `2026-1-5`, which we do not
        // want to store as-is and re-emit differently.
        let digits_at = |positions: &[usize]| positions.iter().all(|&i| text.as_bytes()[i].is_ascii_digit());
        match text.len() {
            10 if text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-' && digits_at(&[0, 1, 2, 3, 5, 6, 8, 9]) => {
                let (y, m, d) = (num(&text[0..4]), num(&text[5..7]), num(&text[8..10]));
                NaiveDate::from_ymd_opt(y as i32, m, d).map(Holiday::Once).ok_or_else(bad)
            }
            5 if text.as_bytes()[2] == b'-' && digits_at(&[0, 1, 3, 4]) => {
                Holiday::yearly(num(&text[0..2]), num(&text[3..5])).map_err(|_| bad())
            }
            _ => Err(bad()),
        }
    }
}

fn num(digits: &str) -> u32 {
    digits.bytes().fold(0, |acc, b| acc * 10 + u32::from(b - b'0'))
}

impl Serialize for Holiday {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Holiday {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Holidays indexed for the per-day lookup done while walking a calendar.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct HolidaySet {
    once: HashSet<NaiveDate>,
    yearly: HashSet<(u32, u32)>,
}

impl HolidaySet {
    pub(crate) fn new(holidays: &[Holiday]) -> Self {
        let mut set = HolidaySet::default();
        for holiday in holidays {
            match *holiday {
                Holiday::Once(d) => {
                    set.once.insert(d);
                }
                Holiday::Yearly { month, day } => {
                    set.yearly.insert((month, day));
                }
            }
        }
        set
    }

    pub(crate) fn contains(&self, date: NaiveDate) -> bool {
        self.once.contains(&date) || self.yearly.contains(&(date.month(), date.day()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_both_forms() {
        for text in ["2026-10-01", "12-25", "02-29"] {
            assert_eq!(text.parse::<Holiday>().unwrap().to_string(), text);
        }
        for bad in ["2026-02-29", "02-30", "13-01", "2026-1-05", "1-1", "", "xx-yy", "2026/10/01"] {
            let err = bad.parse::<Holiday>().unwrap_err();
            assert_eq!(err.key, keys::BAD_HOLIDAY, "{bad}");
        }
    }

    #[test]
    fn yearly_feb_29_only_matches_leap_years() {
        let h: Holiday = "02-29".parse().unwrap();
        assert!(h.matches(NaiveDate::from_ymd_opt(2028, 2, 29).unwrap()));
        assert!(!h.matches(NaiveDate::from_ymd_opt(2027, 2, 28).unwrap()));
        assert!(!h.matches(NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()));
    }
}
