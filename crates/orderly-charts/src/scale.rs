//! The value axis: the data's extent, rounded out to "nice" tick steps (1, 2 or 5 × 10ⁿ).

use crate::spec::{ChartKind, ChartSpec};

/// Values beyond this are clamped: far past any work-order statistic, and it keeps sums and
/// tick arithmetic finite whatever a caller sends.
pub const VALUE_LIMIT: f64 = 1e15;

/// Most digits a tick label shows after the decimal separator.
const MAX_DECIMALS: usize = 6;

/// The value axis' range and ticks.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueAxis {
    pub min: f64,
    pub max: f64,
    pub ticks: Vec<f64>,
    /// Digits after the decimal separator that tell the ticks apart.
    pub decimals: usize,
}

/// A value clamped into the range the renderer handles.
pub fn clamp_value(value: f64) -> f64 {
    value.clamp(-VALUE_LIMIT, VALUE_LIMIT)
}

/// The lowest and highest value the chart must show, or `None` when there is no data.
pub fn value_extent(spec: &ChartSpec) -> Option<(f64, f64)> {
    let mut extent: Option<(f64, f64)> = None;
    let mut include = |v: f64| {
        extent = Some(extent.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
    };
    let categories = spec.category_count();
    match spec.kind {
        ChartKind::Bar { stacked: true } => {
            for category in 0..categories {
                let (below, above) = stack_totals(spec, category);
                include(below);
                include(above);
            }
        }
        ChartKind::Line | ChartKind::Bar { stacked: false } => {
            for series in 0..spec.series.len() {
                for category in 0..categories {
                    if let Some(v) = spec.value(series, category) {
                        include(clamp_value(v));
                    }
                }
            }
        }
    }
    // Bars grow from zero, so zero must be on the axis.
    if matches!(spec.kind, ChartKind::Bar { .. }) {
        extent = extent.map(|(lo, hi)| (lo.min(0.0), hi.max(0.0)));
    }
    extent
}

/// Sum of the negative and of the positive values in one category (negatives stack downwards).
pub fn stack_totals(spec: &ChartSpec, category: usize) -> (f64, f64) {
    let (mut below, mut above) = (0.0, 0.0);
    for series in 0..spec.series.len() {
        match spec.value(series, category).map(clamp_value) {
            Some(v) if v < 0.0 => below += v,
            Some(v) => above += v,
            None => {}
        }
    }
    (below, above)
}

/// A tick step of 1, 2 or 5 × 10ⁿ near `raw`.
fn nice_step(raw: f64) -> f64 {
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// Rounds the extent out to whole steps, aiming at about `target_ticks` ticks.
pub fn value_axis(extent: Option<(f64, f64)>, target_ticks: usize) -> ValueAxis {
    let (mut lo, mut hi) = extent.unwrap_or((0.0, 1.0));
    if hi - lo <= hi.abs().max(lo.abs()) * 1e-12 {
        // One distinct value: give it room above and below (or 0..1 for all zeros).
        let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        (lo, hi) = if lo == 0.0 { (0.0, pad) } else { (lo - pad, hi + pad) };
    }
    let step = nice_step((hi - lo) / target_ticks.max(1) as f64);
    let min = (lo / step).floor() * step;
    let mut max = (hi / step).ceil() * step;
    if max <= min {
        max = min + step;
    }
    // Bounded: at most target_ticks × 2.5 + 2 steps fit, the cap only guards rounding.
    let ticks: Vec<f64> = (0..64).map(|k| min + step * k as f64).take_while(|t| *t <= max + step * 1e-9).collect();
    let decimals = (-(step.log10() + 1e-9).floor()).clamp(0.0, MAX_DECIMALS as f64) as usize;
    ValueAxis { min, max, ticks, decimals }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_nice_steps() {
        let axis = value_axis(Some((3.0, 97.0)), 5);
        assert_eq!((axis.min, axis.max), (0.0, 100.0));
        assert_eq!(axis.ticks.len(), 6);
        assert_eq!(axis.decimals, 0);
        let small = value_axis(Some((0.12, 0.93)), 5);
        assert_eq!(small.decimals, 1);
    }

    #[test]
    fn degenerate_ranges_get_room() {
        let zero = value_axis(Some((0.0, 0.0)), 5);
        assert!(zero.max > zero.min);
        let single = value_axis(Some((-42.0, -42.0)), 5);
        assert!(single.min < -42.0 && single.max > -42.0);
        let none = value_axis(None, 5);
        assert_eq!((none.min, none.max), (0.0, 1.0));
    }
}
