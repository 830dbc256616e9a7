//! Dashboards and reports (issue #8): what a supervisor arranges — tiles, each one metric by
//! period over the last few periods, shown as a number, a line, bars or a table — and reports,
//! a named set of tiles rendered to a file on a schedule. Pure: turning a tile into a
//! [`StatsQuery`] for a given day and checking a definition; storing and running them is the
//! service's.

use crate::domain::stats::{GroupBy, Metric, Period, Statistic, StatsQuery, WeekStart};
use crate::{Error, Result};
use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Most periods a tile looks back over (a year of days).
pub const MAX_TILE_PERIODS: u32 = 366;
/// Most tiles on one dashboard or report.
pub const MAX_TILES: usize = 48;
/// Longest dashboard, report or tile title, in characters.
pub const MAX_TITLE_CHARS: usize = 120;

/// How a tile shows its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TileChart {
    /// The latest period's value (the sum over groups for counts), with the one before it.
    Number,
    Line,
    /// Bars per period, groups side by side.
    Bar,
    /// Bars per period, groups on top of each other.
    StackedBar,
    Table,
}

/// One tile: a metric by period, optionally grouped, over the `last` periods up to today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Tile {
    /// Stable within its dashboard or report (the UI keys and reorders by it).
    pub id: String,
    /// The supervisor's own title; the UI names the metric when there is none.
    #[serde(default)]
    pub title: Option<String>,
    pub metric: Metric,
    #[serde(default)]
    pub statistic: Statistic,
    #[serde(default)]
    pub group_by: Option<GroupBy>,
    pub period: Period,
    /// How many periods, the current one included.
    pub last: u32,
    pub chart: TileChart,
}

impl Tile {
    /// The query for this tile on `today` (the organisation's date): the `last` periods ending
    /// with the one that holds today.
    pub fn query(&self, today: NaiveDate, week_start: WeekStart) -> StatsQuery {
        let n = self.last.clamp(1, MAX_TILE_PERIODS);
        let from = match self.period {
            Period::Day => today - Duration::days(i64::from(n) - 1),
            Period::Week => {
                let offset = match week_start {
                    WeekStart::Monday => today.weekday().num_days_from_monday(),
                    WeekStart::Sunday => today.weekday().num_days_from_sunday(),
                };
                today - Duration::days(i64::from(offset)) - Duration::weeks(i64::from(n) - 1)
            }
            Period::Month => {
                let first = today.with_day(1).unwrap_or(today);
                first.checked_sub_months(Months::new(n - 1)).unwrap_or(first)
            }
        };
        StatsQuery {
            metric: self.metric,
            period: self.period,
            from,
            to: today,
            group_by: self.group_by,
            statistic: self.statistic,
            week_start,
        }
    }

    /// Refuses a tile that could not be shown, naming the field (`tiles.3.last`).
    pub fn check(&self, field: &str) -> Result<()> {
        if self.id.trim().is_empty() || self.id.len() > 64 {
            return Err(Error::invalid("dashboard.tile_id_invalid").on_field(&format!("{field}.id")));
        }
        check_title(self.title.as_deref(), &format!("{field}.title"))?;
        if self.last == 0 || self.last > MAX_TILE_PERIODS {
            return Err(Error::invalid("dashboard.tile_periods_out_of_range")
                .on_field(&format!("{field}.last"))
                .with("max", MAX_TILE_PERIODS));
        }
        Ok(())
    }
}

/// Checks a list of tiles: not too many, each valid, ids distinct.
pub fn check_tiles(tiles: &[Tile]) -> Result<()> {
    if tiles.len() > MAX_TILES {
        return Err(Error::invalid("dashboard.too_many_tiles").on_field("tiles").with("max", MAX_TILES));
    }
    for (i, tile) in tiles.iter().enumerate() {
        tile.check(&format!("tiles.{i}"))?;
        if tiles[..i].iter().any(|t| t.id == tile.id) {
            return Err(Error::invalid("dashboard.tile_id_duplicate")
                .on_field(&format!("tiles.{i}.id"))
                .with("value", &tile.id));
        }
    }
    Ok(())
}

/// Refuses an empty-when-given or over-long title.
pub fn check_title(title: Option<&str>, field: &str) -> Result<()> {
    match title {
        Some(t) if t.trim().is_empty() => Err(Error::invalid("dashboard.title_empty").on_field(field)),
        Some(t) if t.chars().count() > MAX_TITLE_CHARS => {
            Err(Error::invalid("dashboard.title_too_long").on_field(field).with("max", MAX_TITLE_CHARS))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tile(period: Period, last: u32) -> Tile {
        Tile {
            id: "t1".into(),
            title: None,
            metric: Metric::Created,
            statistic: Statistic::Mean,
            group_by: None,
            period,
            last,
            chart: TileChart::Line,
        }
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_tile_looks_back_over_whole_periods_ending_with_the_current_one() {
        let today = day("2026-03-18"); // a Wednesday
        assert_eq!(tile(Period::Day, 7).query(today, WeekStart::Monday).from, day("2026-03-12"));
        assert_eq!(tile(Period::Week, 2).query(today, WeekStart::Monday).from, day("2026-03-09"));
        assert_eq!(tile(Period::Week, 1).query(today, WeekStart::Sunday).from, day("2026-03-15"));
        assert_eq!(tile(Period::Month, 12).query(today, WeekStart::Monday).from, day("2025-04-01"));
        assert_eq!(tile(Period::Month, 12).query(today, WeekStart::Monday).to, today);
    }

    #[test]
    fn bad_tiles_are_refused_with_the_field() {
        let err = check_tiles(&[tile(Period::Day, 0)]).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("tiles.0.last"));
        let err = check_tiles(&[tile(Period::Day, 3), tile(Period::Day, 3)]).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("tiles.1.id"));
        let mut titled = tile(Period::Day, 3);
        titled.title = Some("  ".into());
        assert_eq!(check_tiles(&[titled]).unwrap_err().field.as_deref(), Some("tiles.0.title"));
    }
}
