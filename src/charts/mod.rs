//! Charts rendered by plotters to SVG, shared by the app, exported files and reports. The
//! drawing lives in the `orderly-charts` crate; this module turns a statistics result into the
//! chart model it draws, so the CLI, the bench and the desktop draw the same chart.

use crate::domain::stats::StatsResult;
use orderly_charts::{ChartKind, ChartSpec, NumberFormat, Series};

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
