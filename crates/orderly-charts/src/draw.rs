//! Shapes drawn with plotters on any backend (SVG or bitmap): background, grid, axes, bars,
//! lines and the legend's box and swatches. Text is not drawn here: see `svg` and `raster`.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::layout::{ChartLayout, Rect};
use crate::scale::{clamp_value, stack_totals};
use crate::spec::{ChartKind, ChartSpec};

/// Okabe–Ito colours, told apart with the common colour-vision deficiencies; its yellow is left
/// out because it is too faint on white.
pub const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(0, 0, 0),
];
pub const BACKGROUND: RGBColor = RGBColor(255, 255, 255);
pub const TEXT_COLOUR: RGBColor = RGBColor(31, 41, 55);
const GRID: RGBColor = RGBColor(229, 231, 235);
const AXIS: RGBColor = RGBColor(107, 114, 128);
const LEGEND_BORDER: RGBColor = RGBColor(209, 213, 219);

/// The colour of a series.
pub fn series_colour(series: usize) -> RGBColor {
    PALETTE[series % PALETTE.len()]
}

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

fn px(x: f64, y: f64) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

fn rect_element(r: &Rect, style: ShapeStyle) -> Rectangle<(i32, i32)> {
    Rectangle::new([px(r.x, r.y), px(r.right(), r.bottom())], style)
}

/// Draws every shape of the chart.
pub fn draw_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    layout: &ChartLayout,
) -> DrawResult<DB> {
    root.fill(&BACKGROUND)?;
    draw_axes(root, layout)?;
    match spec.kind {
        ChartKind::Line => draw_lines(root, spec, layout)?,
        ChartKind::Bar { stacked: false } => draw_grouped_bars(root, spec, layout)?,
        ChartKind::Bar { stacked: true } => draw_stacked_bars(root, spec, layout)?,
    }
    draw_legend(root, layout)
}

fn draw_axes<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, layout: &ChartLayout) -> DrawResult<DB> {
    let plot = layout.plot_area;
    for tick in &layout.axis.ticks {
        let y = layout.y_pixel(*tick);
        root.draw(&PathElement::new(vec![px(plot.x, y), px(plot.right(), y)], GRID.stroke_width(1)))?;
        root.draw(&PathElement::new(
            vec![px(plot.x - crate::layout::TICK_LEN, y), px(plot.x, y)],
            AXIS.stroke_width(1),
        ))?;
    }
    root.draw(&PathElement::new(vec![px(plot.x, plot.y), px(plot.x, plot.bottom())], AXIS.stroke_width(1)))?;
    // The category axis sits at zero when zero is inside the range, so bars visibly grow from it.
    let zero = if layout.axis.min < 0.0 && layout.axis.max > 0.0 { layout.y_pixel(0.0) } else { plot.bottom() };
    root.draw(&PathElement::new(vec![px(plot.x, zero), px(plot.right(), zero)], AXIS.stroke_width(1)))?;
    if zero != plot.bottom() {
        root.draw(&PathElement::new(
            vec![px(plot.x, plot.bottom()), px(plot.right(), plot.bottom())],
            GRID.stroke_width(1),
        ))?;
    }
    for (i, x) in layout.x_positions.iter().enumerate() {
        let len = if i % layout.x_label_step == 0 { crate::layout::TICK_LEN } else { crate::layout::TICK_LEN / 2.0 };
        root.draw(&PathElement::new(vec![px(*x, plot.bottom()), px(*x, plot.bottom() + len)], AXIS.stroke_width(1)))?;
    }
    Ok(())
}

/// One polyline per series through its consecutive values; a missing value breaks the line, and
/// every point gets a marker so a lone value still shows.
fn draw_lines<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    layout: &ChartLayout,
) -> DrawResult<DB> {
    for series in 0..spec.series.len() {
        let colour = series_colour(series);
        let mut run: Vec<(i32, i32)> = Vec::new();
        for (category, x) in layout.x_positions.iter().enumerate() {
            match spec.value(series, category) {
                Some(v) => run.push(px(*x, layout.y_pixel(clamp_value(v)))),
                None => flush_run(root, &mut run, colour)?,
            }
        }
        flush_run(root, &mut run, colour)?;
    }
    Ok(())
}

fn flush_run<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    run: &mut Vec<(i32, i32)>,
    colour: RGBColor,
) -> DrawResult<DB> {
    if run.len() > 1 {
        root.draw(&PathElement::new(run.clone(), colour.stroke_width(2)))?;
    }
    for point in run.drain(..) {
        root.draw(&Circle::new(point, 3, colour.filled()))?;
    }
    Ok(())
}

fn draw_grouped_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    layout: &ChartLayout,
) -> DrawResult<DB> {
    let count = spec.series.len().max(1) as f64;
    let group = layout.slot_width * 0.8;
    let bar = group / count;
    // A hairline between neighbouring bars only when bars are wide enough to spare it.
    let inset = if bar > 6.0 { 1.0 } else { 0.0 };
    let zero = layout.y_pixel(0.0);
    for series in 0..spec.series.len() {
        let style = series_colour(series).filled();
        for (category, centre) in layout.x_positions.iter().enumerate() {
            let Some(v) = spec.value(series, category) else { continue };
            let x = centre - group / 2.0 + series as f64 * bar;
            let y = layout.y_pixel(clamp_value(v));
            let r =
                Rect { x: x + inset, y: y.min(zero), width: (bar - 2.0 * inset).max(1.0), height: (y - zero).abs() };
            root.draw(&rect_element(&r, style))?;
        }
    }
    Ok(())
}

/// Positive values stack up from zero and negative ones down, each in series order.
fn draw_stacked_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    layout: &ChartLayout,
) -> DrawResult<DB> {
    let bar = layout.slot_width * 0.6;
    for (category, centre) in layout.x_positions.iter().enumerate() {
        if stack_totals(spec, category) == (0.0, 0.0) {
            continue;
        }
        let (mut below, mut above) = (0.0, 0.0);
        for series in 0..spec.series.len() {
            let Some(v) = spec.value(series, category).map(clamp_value) else { continue };
            let total = if v < 0.0 { &mut below } else { &mut above };
            let (from, to) = (layout.y_pixel(*total), layout.y_pixel(*total + v));
            *total += v;
            let r = Rect { x: centre - bar / 2.0, y: from.min(to), width: bar.max(1.0), height: (from - to).abs() };
            root.draw(&rect_element(&r, series_colour(series).filled()))?;
        }
    }
    Ok(())
}

fn draw_legend<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, layout: &ChartLayout) -> DrawResult<DB> {
    let Some(legend) = &layout.legend else { return Ok(()) };
    root.draw(&rect_element(&legend.rect, LEGEND_BORDER.stroke_width(1)))?;
    for (series, swatch) in legend.swatches.iter().enumerate() {
        root.draw(&rect_element(swatch, series_colour(series).filled()))?;
    }
    Ok(())
}
