//! Chart layout from measured text: margins sized from the widest tick label, x labels turned or
//! thinned only when their measured widths would overlap, the legend box sized from the measured
//! series names, the title centred by its measured width.
//!
//! Every piece of text is placed here, with explicit anchors, so the SVG and the PNG show text
//! exactly where the measurements put it (plotters' own text placement guesses widths from bytes).

use serde::Serialize;

use crate::fonts::Fonts;
use crate::scale::{value_axis, value_extent, ValueAxis};
use crate::spec::ChartSpec;

/// Space between the image edge and anything drawn.
pub const EDGE_PAD: f64 = 12.0;
/// Space between a label and what it labels.
pub const GAP: f64 = 4.0;
/// Length of axis tick marks.
pub const TICK_LEN: f64 = 5.0;
pub const TITLE_SIZE: f64 = 16.0;
pub const LABEL_SIZE: f64 = 12.0;
pub const LEGEND_SIZE: f64 = 12.0;
/// Inner padding of the legend box on every side.
pub const LEGEND_PADDING: f64 = 8.0;
/// Side of a legend colour swatch, and the gap between swatch and name.
pub const SWATCH: f64 = 12.0;
pub const SWATCH_GAP: f64 = 6.0;
/// Legend box width beyond its widest name: padding on both sides, swatch and gap.
pub const LEGEND_CHROME: f64 = 2.0 * LEGEND_PADDING + SWATCH + SWATCH_GAP;
/// A legend name never takes more than this share of the chart's width (longer ones get "…").
const LEGEND_MAX_SHARE: f64 = 0.3;
/// Turned x labels never take more than this share of the chart's height.
const X_BAND_MAX_SHARE: f64 = 0.3;
/// The turn applied to crowded x labels, in degrees (negative: rising to the right).
pub const X_LABEL_ANGLE: f64 = -45.0;
const SIN45: f64 = std::f64::consts::FRAC_1_SQRT_2;

/// A pixel rectangle; y grows downwards as in SVG.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.width
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }
    /// True when the two rectangles share more than a hairline of area.
    pub fn overlaps(&self, other: &Rect) -> bool {
        const EPS: f64 = 0.5;
        self.x + EPS < other.right()
            && other.x + EPS < self.right()
            && self.y + EPS < other.bottom()
            && other.y + EPS < self.bottom()
    }
}

/// Which end of the text its anchor point is (SVG's `text-anchor`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// What a piece of text is, written into the SVG as its class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextRole {
    Title,
    YTick,
    YTitle,
    XLabel,
    Legend,
}

impl TextRole {
    pub fn class(self) -> &'static str {
        match self {
            TextRole::Title => "title",
            TextRole::YTick => "y-tick",
            TextRole::YTitle => "y-title",
            TextRole::XLabel => "x-label",
            TextRole::Legend => "legend",
        }
    }
}

/// One line of text at an anchor point on its baseline, turned `angle` degrees about that point
/// (clockwise on screen, as SVG's `rotate`).
#[derive(Clone, Debug, PartialEq)]
pub struct TextItem {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub anchor: Anchor,
    pub angle: f64,
    pub size: f64,
    pub role: TextRole,
}

impl TextItem {
    /// The line box in the text's own frame: x along the baseline from the anchor, y down.
    pub fn local_box(&self, fonts: &Fonts) -> Rect {
        let m = fonts.measure(&self.text, self.size);
        let start = match self.anchor {
            Anchor::Start => 0.0,
            Anchor::Middle => -m.width / 2.0,
            Anchor::End => -m.width,
        };
        Rect { x: start, y: -m.ascent, width: m.width, height: m.height() }
    }

    /// The screen-aligned box around the (possibly turned) line box.
    pub fn bounds(&self, fonts: &Fonts) -> Rect {
        let local = self.local_box(fonts);
        let (sin, cos) = self.angle.to_radians().sin_cos();
        let corners =
            [(local.x, local.y), (local.right(), local.y), (local.x, local.bottom()), (local.right(), local.bottom())];
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (lx, ly) in corners {
            let (sx, sy) = (self.x + lx * cos - ly * sin, self.y + lx * sin + ly * cos);
            (x0, y0, x1, y1) = (x0.min(sx), y0.min(sy), x1.max(sx), y1.max(sy));
        }
        Rect { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }
    }
}

/// The legend: its box and one swatch per series shown (series that do not fit are left out).
#[derive(Clone, Debug, PartialEq)]
pub struct Legend {
    pub rect: Rect,
    pub swatches: Vec<Rect>,
}

/// Where everything goes.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartLayout {
    pub width: f64,
    pub height: f64,
    pub plot_area: Rect,
    /// Centre of each category's slot, in pixels.
    pub x_positions: Vec<f64>,
    pub slot_width: f64,
    pub axis: ValueAxis,
    /// True when x labels are turned by [`X_LABEL_ANGLE`].
    pub x_labels_turned: bool,
    /// Every n-th x label is shown (1: all).
    pub x_label_step: usize,
    pub legend: Option<Legend>,
    pub texts: Vec<TextItem>,
}

impl ChartLayout {
    /// The pixel row of a value.
    pub fn y_pixel(&self, value: f64) -> f64 {
        let span = self.axis.max - self.axis.min;
        let t = if span > 0.0 { (self.axis.max - value) / span } else { 0.5 };
        self.plot_area.y + self.plot_area.height * t.clamp(0.0, 1.0)
    }
}

/// Baseline that centres a line box of this size vertically on `centre`.
fn centred_baseline(fonts: &Fonts, size: f64, centre: f64) -> f64 {
    let m = fonts.measure("", size);
    centre + (m.ascent - m.descent) / 2.0
}

/// The title, centred by its measured width, and the y where the content below it starts.
fn place_title(spec: &ChartSpec, fonts: &Fonts, texts: &mut Vec<TextItem>) -> f64 {
    if spec.title.trim().is_empty() {
        return EDGE_PAD;
    }
    let width = f64::from(spec.width);
    let text = fonts.fit(&spec.title, TITLE_SIZE, width - 2.0 * EDGE_PAD);
    let m = fonts.measure(&text, TITLE_SIZE);
    let x = ((width - m.width) / 2.0).max(EDGE_PAD);
    texts.push(TextItem {
        text,
        x,
        y: EDGE_PAD + m.ascent,
        anchor: Anchor::Start,
        angle: 0.0,
        size: TITLE_SIZE,
        role: TextRole::Title,
    });
    EDGE_PAD + m.height() + 2.0 * GAP
}

/// The legend and the room it takes: a column at the right, or rows under the title.
struct LegendPlacement {
    legend: Legend,
    /// Width taken from the plot's right side.
    right: f64,
    /// Where the content below the legend starts.
    top: f64,
}

/// A column at the top right, sized from the measured names; when that column would crowd the
/// plot (narrow charts), rows of entries under the title instead.
fn place_legend(spec: &ChartSpec, fonts: &Fonts, top: f64, texts: &mut Vec<TextItem>) -> Option<LegendPlacement> {
    if spec.series.is_empty() {
        return None;
    }
    let (width, height) = (f64::from(spec.width), f64::from(spec.height));
    let names: Vec<String> =
        spec.series.iter().map(|s| fonts.fit(&s.name, LEGEND_SIZE, width * LEGEND_MAX_SHARE)).collect();
    let widest = names.iter().map(|n| fonts.measure(n, LEGEND_SIZE).width).fold(0.0, f64::max);
    if LEGEND_CHROME + widest > width * LEGEND_MAX_SHARE {
        return Some(place_legend_rows(spec, fonts, top, texts));
    }
    let row = fonts.measure("", LEGEND_SIZE).height().max(SWATCH) + GAP;
    // Only rows that fit above the bottom edge are shown; never fewer than one.
    let room = height - top - EDGE_PAD - 2.0 * LEGEND_PADDING + GAP;
    let rows = ((room / row).floor().max(1.0) as usize).min(names.len());
    let box_width = LEGEND_CHROME + widest;
    let rect = Rect {
        x: width - EDGE_PAD - box_width,
        y: top,
        width: box_width,
        height: 2.0 * LEGEND_PADDING + rows as f64 * row - GAP,
    };
    let mut swatches = Vec::with_capacity(rows);
    for (i, name) in names.into_iter().take(rows).enumerate() {
        let centre = rect.y + LEGEND_PADDING + i as f64 * row + (row - GAP) / 2.0;
        swatches.push(legend_entry(fonts, rect.x + LEGEND_PADDING, centre, name, texts));
    }
    Some(LegendPlacement { legend: Legend { rect, swatches }, right: box_width + 2.0 * GAP, top })
}

/// One swatch and name with the swatch's left edge at `x`, centred on the row at `centre`.
fn legend_entry(fonts: &Fonts, x: f64, centre: f64, name: String, texts: &mut Vec<TextItem>) -> Rect {
    let y = centred_baseline(fonts, LEGEND_SIZE, centre);
    let text_x = x + SWATCH + SWATCH_GAP;
    texts.push(TextItem {
        text: name,
        x: text_x,
        y,
        anchor: Anchor::Start,
        angle: 0.0,
        size: LEGEND_SIZE,
        role: TextRole::Legend,
    });
    Rect { x, y: centre - SWATCH / 2.0, width: SWATCH, height: SWATCH }
}

/// Entries flowed left to right in rows across the chart's width, under the title.
fn place_legend_rows(spec: &ChartSpec, fonts: &Fonts, top: f64, texts: &mut Vec<TextItem>) -> LegendPlacement {
    let (width, height) = (f64::from(spec.width), f64::from(spec.height));
    let inner = (width - 2.0 * EDGE_PAD - 2.0 * LEGEND_PADDING).max(1.0);
    let row = fonts.measure("", LEGEND_SIZE).height().max(SWATCH) + GAP;
    // Rows beyond this share of the height are left out rather than squeezing the plot away.
    let max_rows = ((height * X_BAND_MAX_SHARE / row).floor() as usize).max(1);
    let (mut x, mut row_index) = (0.0, 0usize);
    let mut swatches = Vec::new();
    for series in &spec.series {
        let name = fonts.fit(&series.name, LEGEND_SIZE, (inner - SWATCH - SWATCH_GAP).max(1.0));
        let entry = SWATCH + SWATCH_GAP + fonts.measure(&name, LEGEND_SIZE).width;
        if x > 0.0 && x + entry > inner {
            (x, row_index) = (0.0, row_index + 1);
        }
        if row_index >= max_rows {
            break;
        }
        let centre = top + LEGEND_PADDING + row_index as f64 * row + (row - GAP) / 2.0;
        swatches.push(legend_entry(fonts, EDGE_PAD + LEGEND_PADDING + x, centre, name, texts));
        x += entry + 2.0 * LEGEND_PADDING;
    }
    let rows = row_index.min(max_rows - 1) + 1;
    let rect = Rect {
        x: EDGE_PAD,
        y: top,
        width: width - 2.0 * EDGE_PAD,
        height: 2.0 * LEGEND_PADDING + rows as f64 * row - GAP,
    };
    LegendPlacement { legend: Legend { rect, swatches }, right: 0.0, top: rect.bottom() + 2.0 * GAP }
}

/// How the x labels fit their slots.
struct XLabelPlan {
    labels: Vec<String>,
    turned: bool,
    step: usize,
    /// Height from the plot's bottom edge to the bottom of the lowest label.
    band: f64,
}

/// Keeps labels upright when the widest fits its slot, otherwise turns them and, if turned
/// labels would still touch, shows every n-th one.
fn plan_x_labels(spec: &ChartSpec, fonts: &Fonts, slot: f64) -> XLabelPlan {
    let labels: Vec<String> = spec.x_labels.clone();
    let line = fonts.measure("", LABEL_SIZE).height();
    let widest = labels.iter().map(|l| fonts.measure(l, LABEL_SIZE).width).fold(0.0, f64::max);
    if labels.is_empty() || widest + GAP <= slot {
        return XLabelPlan { labels, turned: false, step: 1, band: TICK_LEN + GAP + line };
    }
    // Neighbouring turned labels are parallel strips slot·sin45 apart.
    let step = ((line + GAP) / (slot * SIN45).max(1e-6)).ceil().clamp(1.0, labels.len() as f64) as usize;
    let max_band = f64::from(spec.height) * X_BAND_MAX_SHARE;
    let max_width = ((max_band - TICK_LEN - GAP) / SIN45 - line).max(2.0 * line);
    let labels: Vec<String> = labels.iter().map(|l| fonts.fit(l, LABEL_SIZE, max_width)).collect();
    let widest = labels.iter().map(|l| fonts.measure(l, LABEL_SIZE).width).fold(0.0, f64::max);
    XLabelPlan { labels, turned: true, step, band: TICK_LEN + GAP + (widest + line) * SIN45 }
}

/// Tick labels for the value axis and the width of the widest.
fn tick_labels(spec: &ChartSpec, fonts: &Fonts, axis: &ValueAxis) -> (Vec<String>, f64) {
    let labels: Vec<String> = axis.ticks.iter().map(|t| spec.number_format.format(*t, axis.decimals)).collect();
    let widest = labels.iter().map(|l| fonts.measure(l, LABEL_SIZE).width).fold(0.0, f64::max);
    (labels, widest)
}

/// Lays out the whole chart.
pub fn layout(spec: &ChartSpec, fonts: &Fonts) -> ChartLayout {
    let (width, height) = (f64::from(spec.width), f64::from(spec.height));
    let mut texts = Vec::new();
    let top = place_title(spec, fonts, &mut texts);
    let legend = place_legend(spec, fonts, top, &mut texts);
    let right = width - EDGE_PAD - legend.as_ref().map_or(0.0, |l| l.right);
    let top = legend.as_ref().map_or(top, |l| l.top);
    let label_line = fonts.measure("", LABEL_SIZE).height();

    // Tick count from a first guess at the plot height (upright x labels); about one per 40 px.
    let guess = (height - top - EDGE_PAD - TICK_LEN - GAP - label_line).max(1.0);
    let axis = value_axis(value_extent(spec), ((guess / 40.0) as usize).clamp(2, 10));
    let (ticks, widest_tick) = tick_labels(spec, fonts, &axis);
    let y_title_room = if spec.y_label.trim().is_empty() { 0.0 } else { label_line + GAP };
    let mut left = EDGE_PAD + y_title_room + widest_tick + GAP + TICK_LEN;

    let categories = spec.category_count();
    let slot_for = |left: f64| (right - left).max(1.0) / categories.max(1) as f64;
    let mut plan = plan_x_labels(spec, fonts, slot_for(left));
    if plan.turned {
        // A turned first label reaches left of its slot: widen the margin so it stays inside.
        let first = plan.labels.first().map_or(0.0, |l| fonts.measure(l, LABEL_SIZE).width);
        let reach = (first + label_line) * SIN45 - slot_for(left) / 2.0;
        if left - reach < EDGE_PAD {
            left = EDGE_PAD + reach;
            plan = plan_x_labels(spec, fonts, slot_for(left));
        }
    }
    let slot = slot_for(left);
    let plot_bottom = (height - EDGE_PAD - plan.band).max(top + 1.0);
    let plot_area = Rect { x: left, y: top, width: (right - left).max(1.0), height: plot_bottom - top };
    let x_positions = (0..categories).map(|i| left + slot * (i as f64 + 0.5)).collect();

    let mut chart = ChartLayout {
        width,
        height,
        plot_area,
        x_positions,
        slot_width: slot,
        axis,
        x_labels_turned: plan.turned,
        x_label_step: plan.step,
        legend: legend.map(|l| l.legend),
        texts,
    };
    place_axis_texts(&mut chart, spec, fonts, &ticks, &plan);
    chart
}

/// A label-sized text item.
fn label(text: String, (x, y): (f64, f64), anchor: Anchor, angle: f64, role: TextRole) -> TextItem {
    TextItem { text, x, y, anchor, angle, size: LABEL_SIZE, role }
}

/// Tick labels, the value axis title and the category labels.
fn place_axis_texts(chart: &mut ChartLayout, spec: &ChartSpec, fonts: &Fonts, ticks: &[String], plan: &XLabelPlan) {
    let plot = chart.plot_area;
    for (value, text) in chart.axis.ticks.iter().zip(ticks) {
        let y = centred_baseline(fonts, LABEL_SIZE, chart.y_pixel(*value));
        let x = plot.x - TICK_LEN - GAP;
        chart.texts.push(label(text.clone(), (x, y), Anchor::End, 0.0, TextRole::YTick));
    }
    if !spec.y_label.trim().is_empty() {
        let text = fonts.fit(&spec.y_label, LABEL_SIZE, plot.height);
        let m = fonts.measure(&text, LABEL_SIZE);
        // Turned a quarter anticlockwise, the ascent faces left: the anchor sits one ascent in.
        let at = (EDGE_PAD + m.ascent, plot.y + plot.height / 2.0);
        chart.texts.push(label(text, at, Anchor::Middle, -90.0, TextRole::YTitle));
    }
    let top = plot.bottom() + TICK_LEN + GAP;
    let ascent = fonts.measure("", LABEL_SIZE).ascent;
    for (i, (text, cx)) in plan.labels.iter().zip(&chart.x_positions).enumerate() {
        if i % plan.step != 0 || text.is_empty() {
            continue;
        }
        let item = if plan.turned {
            // Puts the line box's top edge on the tick row with its end centred under the tick.
            let at = (cx + ascent / 2.0 * SIN45, top + ascent * SIN45);
            label(text.clone(), at, Anchor::End, X_LABEL_ANGLE, TextRole::XLabel)
        } else {
            label(text.clone(), (*cx, top + ascent), Anchor::Middle, 0.0, TextRole::XLabel)
        };
        chart.texts.push(item);
    }
}
