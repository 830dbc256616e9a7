//! SVG output: plotters draws the shapes, then the text layer is written with the positions and
//! anchors the layout measured, never plotters' byte-count estimates.

use std::fmt::Write as _;

use plotters::prelude::*;

use crate::draw::{draw_chart, TEXT_COLOUR};
use crate::fonts::FontBook;
use crate::layout::{layout, Anchor, ChartLayout, Rect, TextItem};
use crate::spec::ChartSpec;
use crate::{check_size, ChartError};

/// An SVG chart and the geometry the UI needs to map the mouse to data points: the category
/// under the pointer is the nearest of `x_positions`, and a pointer row `py` reads as the value
/// `y_max - (py - plot_area.y) / plot_area.height * (y_max - y_min)`; the series' values
/// themselves come from the spec the UI already holds.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct RenderedChart {
    pub svg: String,
    /// The plot's pixel rectangle inside the SVG.
    pub plot_area: Rect,
    /// Pixel x of each category's centre.
    pub x_positions: Vec<f64>,
    /// Values at the plot's bottom and top edges (the y scale is linear between them).
    pub y_min: f64,
    pub y_max: f64,
}

/// Renders the chart to SVG with its hover geometry.
pub fn render_chart(spec: &ChartSpec, book: &FontBook) -> Result<RenderedChart, ChartError> {
    check_size(spec)?;
    let fonts = book.fonts();
    let chart = layout(spec, &fonts);
    let mut svg = String::with_capacity(32 * 1024);
    {
        let root = SVGBackend::with_string(&mut svg, (spec.width, spec.height)).into_drawing_area();
        draw_chart(&root, spec, &chart).map_err(|e| ChartError::Draw(e.to_string()))?;
        root.present().map_err(|e| ChartError::Draw(e.to_string()))?;
    }
    let body =
        svg.strip_suffix("</svg>\n").ok_or_else(|| ChartError::Draw("plotters wrote no closing </svg>".into()))?;
    let mut out = String::with_capacity(svg.len() + chart.texts.len() * 160);
    out.push_str(body);
    write_text_layer(&mut out, &chart, &book.css_font_family());
    out.push_str("</svg>\n");
    Ok(RenderedChart {
        svg: out,
        plot_area: chart.plot_area,
        x_positions: chart.x_positions,
        y_min: chart.axis.min,
        y_max: chart.axis.max,
    })
}

/// Renders the chart to an SVG document.
pub fn render_svg(spec: &ChartSpec, book: &FontBook) -> Result<String, ChartError> {
    render_chart(spec, book).map(|r| r.svg)
}

fn write_text_layer(out: &mut String, chart: &ChartLayout, font_family: &str) {
    let RGBColor(r, g, b) = TEXT_COLOUR;
    // Writing to a String cannot fail, so the fmt results are ignored.
    let _ = writeln!(out, r##"<g font-family="{}" fill="#{r:02x}{g:02x}{b:02x}">"##, escape(font_family));
    for item in &chart.texts {
        write_text(out, item);
    }
    out.push_str("</g>\n");
}

fn write_text(out: &mut String, item: &TextItem) {
    let anchor = match item.anchor {
        Anchor::Start => "start",
        Anchor::Middle => "middle",
        Anchor::End => "end",
    };
    let (x, y) = (item.x, item.y);
    let _ = write!(
        out,
        r#"<text class="{}" x="{x:.2}" y="{y:.2}" font-size="{}" text-anchor="{anchor}""#,
        item.role.class(),
        item.size
    );
    if item.angle != 0.0 {
        let _ = write!(out, r#" transform="rotate({} {x:.2} {y:.2})""#, item.angle);
    }
    let _ = writeln!(out, r#" xml:space="preserve">{}</text>"#, escape(&item.text));
}

/// Escapes text for SVG content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even escaped.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}
