//! Charts rendered by plotters to SVG, shared by the app, exported files and reports. The
//! drawing lives in the `orderly-charts` crate; this module turns a statistics result into the
//! chart model it draws, so the CLI, the bench and the desktop draw the same chart.

pub mod labels;

use crate::domain::stats::StatsResult;
use orderly_charts::{ChartKind, ChartSpec, FontBook, NumberFormat, Series};
use std::sync::OnceLock;

/// The machine's fonts, discovered once per process (discovery reads every installed font).
pub fn font_book() -> &'static FontBook {
    static BOOK: OnceLock<FontBook> = OnceLock::new();
    BOOK.get_or_init(FontBook::discover)
}

/// The words of one chart, already in the viewer's language: its title, the value axis, one
/// label per period and one name per series of the result, and how numbers are written.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartLabels {
    pub title: String,
    pub y_label: String,
    pub x_labels: Vec<String>,
    pub series_names: Vec<String>,
    pub number_format: NumberFormat,
    /// Multiplies every value (100 turns shares into percent).
    pub scale: f64,
}

/// A chart of every series of `result` with the caller's localised labels.
pub fn labelled_chart(
    result: &StatsResult,
    kind: ChartKind,
    width: u32,
    height: u32,
    labels: &ChartLabels,
) -> ChartSpec {
    let series = result
        .series
        .iter()
        .zip(&labels.series_names)
        .map(|(s, name)| Series {
            name: name.clone(),
            values: s.points.iter().map(|p| p.value.0.map(|v| v * labels.scale)).collect(),
        })
        .collect();
    ChartSpec {
        kind,
        title: labels.title.clone(),
        x_labels: labels.x_labels.clone(),
        y_label: labels.y_label.clone(),
        series,
        width,
        height,
        number_format: labels.number_format.clone(),
    }
}

/// A chart of every series of `result`: periods along x, one line or bar colour per group.
pub fn stats_chart(result: &StatsResult, kind: ChartKind, width: u32, height: u32) -> ChartSpec {
    let x_labels =
        result.series.first().map(|s| s.points.iter().map(|p| p.period.clone()).collect()).unwrap_or_default();
    let series = result
        .series
        .iter()
        .map(|s| Series {
            name: s.label.clone().or_else(|| s.group.clone()).unwrap_or_else(|| result.metric.key().to_string()),
            values: s.points.iter().map(|p| p.value.0).collect(),
        })
        .collect();
    ChartSpec {
        kind,
        title: format!("{} ({})", result.metric.key(), result.period.key()),
        x_labels,
        y_label: result.metric.key().to_string(),
        series,
        width,
        height,
        number_format: NumberFormat::default(),
    }
}
