//! A dashboard tile's figures and chart (issue #8): the tile's query run for today in the
//! organisation's zone, its series named in the viewer's language, and the chart drawn by the
//! core (SVG with the geometry the UI maps the pointer with). Exports reuse the same data.

use super::Orderly;
use crate::charts::labels::{Locale, Unit};
use crate::charts::{font_book, labelled_chart, ChartLabels};
use crate::domain::dashboard::{Tile, TileChart};
use crate::domain::stats::{StatsResult, WeekStart};
use crate::domain::user::Actor;
use crate::{Error, Result};
use chrono::NaiveDate;
use orderly_charts::{ChartKind, ChartSpec};
use serde::{Deserialize, Serialize};

/// Size of a chart on a dashboard; the SVG scales to its box (it has a viewBox).
pub const TILE_WIDTH: u32 = 640;
pub const TILE_HEIGHT: u32 = 320;

/// One named series of a tile, values as the metric gives them (shares 0–1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TileSeries {
    /// The group's key; `null` when ungrouped or for orders without one.
    pub group: Option<String>,
    /// The series' name in the viewer's language.
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// A rectangle in SVG pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlotArea {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// A drawn chart: the SVG and where the plot sits in it. The category under the pointer is the
/// nearest of `x_positions`; values run linearly from `y_min` (bottom) to `y_max` (top), in
/// the chart's scale (percent for shares).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TileChartImage {
    pub svg: String,
    pub width: u32,
    pub height: u32,
    pub plot_area: PlotArea,
    pub x_positions: Vec<f64>,
    pub y_min: f64,
    pub y_max: f64,
}

/// What a tile shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TileData {
    pub tile: Tile,
    /// The tile's own title, else the metric's name in the viewer's language.
    pub title: String,
    pub unit: Unit,
    /// Period keys (`2026-01`, `2026-W03`, `2026-01-05`) and their labels in the language.
    pub periods: Vec<String>,
    pub period_labels: Vec<String>,
    pub series: Vec<TileSeries>,
    /// The chart for line and bar tiles; number and table tiles are drawn by the UI.
    pub chart: Option<TileChartImage>,
    pub time_zone: String,
    pub week_start: WeekStart,
}

/// The chart kind a tile is drawn (and exported) with; numbers and tables export as bars.
pub fn chart_kind(chart: TileChart) -> ChartKind {
    match chart {
        TileChart::Line => ChartKind::Line,
        TileChart::StackedBar => ChartKind::Bar { stacked: true },
        TileChart::Bar | TileChart::Number | TileChart::Table => ChartKind::Bar { stacked: false },
    }
}

impl TileData {
    /// The figures of `result` named as `tile` shows them, in the locale's words (the CLI builds
    /// a tile around its own query to export it the way the desktop does).
    pub fn from_result(tile: &Tile, result: &StatsResult, locale: Locale) -> TileData {
        TileData::new(tile, result.clone(), locale)
    }

    fn new(tile: &Tile, result: StatsResult, locale: Locale) -> TileData {
        let title = tile.title.clone().unwrap_or_else(|| locale.tile_title(tile.metric, tile.statistic, tile.group_by));
        let periods: Vec<String> =
            result.series.first().map(|s| s.points.iter().map(|p| p.period.clone()).collect()).unwrap_or_default();
        let period_labels = periods.iter().map(|p| locale.period(tile.period, p)).collect();
        let series = result
            .series
            .iter()
            .map(|s| TileSeries {
                group: s.group.clone(),
                name: locale.group_name(tile.group_by, s.group.as_deref(), s.label.as_deref(), tile.metric),
                values: s.points.iter().map(|p| p.value.0).collect(),
            })
            .collect();
        TileData {
            tile: tile.clone(),
            title,
            unit: Unit::of(tile.metric),
            periods,
            period_labels,
            series,
            chart: None,
            time_zone: result.time_zone,
            week_start: locale.week_start(),
        }
    }

    /// The chart model of this tile at a size, in the tile's kind.
    pub fn chart_spec(&self, result: &StatsResult, locale: Locale, width: u32, height: u32) -> ChartSpec {
        let labels = ChartLabels {
            title: self.title.clone(),
            y_label: locale.unit(self.tile.metric),
            x_labels: self.period_labels.clone(),
            series_names: self.series.iter().map(|s| s.name.clone()).collect(),
            number_format: locale.number_format(),
            scale: if self.unit == Unit::Share { 100.0 } else { 1.0 },
        };
        labelled_chart(result, chart_kind(self.tile.chart), width, height, &labels)
    }
}

impl Orderly {
    /// The tile's figures for today in the organisation's zone, with its chart, in `lang`.
    pub async fn tile_data(&self, actor: &Actor, tile: &Tile, lang: &str) -> Result<TileData> {
        let today = self.org_today().await?;
        self.tile_data_on(actor, tile, lang, today).await
    }

    /// As [`Orderly::tile_data`], for a chosen day.
    pub async fn tile_data_on(&self, actor: &Actor, tile: &Tile, lang: &str, today: NaiveDate) -> Result<TileData> {
        let (mut data, result, locale) = self.tile_figures(actor, tile, lang, today).await?;
        if matches!(tile.chart, TileChart::Line | TileChart::Bar | TileChart::StackedBar) {
            let spec = data.chart_spec(&result, locale, TILE_WIDTH, TILE_HEIGHT);
            let drawn = orderly_charts::render_chart(&spec, font_book()).map_err(Error::internal)?;
            data.chart = Some(TileChartImage {
                svg: drawn.svg,
                width: TILE_WIDTH,
                height: TILE_HEIGHT,
                plot_area: PlotArea {
                    x: drawn.plot_area.x,
                    y: drawn.plot_area.y,
                    width: drawn.plot_area.width,
                    height: drawn.plot_area.height,
                },
                x_positions: drawn.x_positions,
                y_min: drawn.y_min,
                y_max: drawn.y_max,
            });
        }
        Ok(data)
    }

    /// The tile checked, its query run and its series named; no chart drawn yet (exports and
    /// reports draw it at their own size with [`TileData::chart_spec`]).
    pub async fn tile_figures(
        &self,
        actor: &Actor,
        tile: &Tile,
        lang: &str,
        today: NaiveDate,
    ) -> Result<(TileData, StatsResult, Locale)> {
        tile.check("tile")?;
        let locale = Locale::new(lang);
        let result = self.stats(actor, &tile.query(today, locale.week_start())).await?;
        Ok((TileData::new(tile, result.clone(), locale), result, locale))
    }

    /// Today's date in the organisation's zone.
    pub async fn org_today(&self) -> Result<NaiveDate> {
        let zone = self.org_time_zone().await?;
        Ok(chrono::Utc::now().with_timezone(&zone).date_naive())
    }
}
