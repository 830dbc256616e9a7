//! Orderly charts: line and bar charts rendered by plotters to SVG and PNG, text measured with a real font
//!
//! The caller sends a [`ChartSpec`] with labels already localised; [`render_chart`] returns the
//! SVG with the plot geometry the UI uses for hover read-outs, [`render_png`] the export image.
//! Text is measured with the fonts a [`FontBook`] found on the machine, so Chinese labels get
//! their real widths rather than plotters' byte-count guess (which makes them twice too wide).

mod bench;
mod draw;
mod fonts;
mod layout;
mod raster;
mod route_map;
mod scale;
mod spec;
mod svg;

pub use bench::bench_charts;
pub use draw::{series_colour, BACKGROUND, PALETTE, TEXT_COLOUR};
pub use fonts::{FaceRole, FontBook, Fonts, PlacedGlyph, TextSize};
pub use layout::{
    layout, Anchor, ChartLayout, Legend, Rect, TextItem, TextRole, LABEL_SIZE, LEGEND_CHROME, LEGEND_SIZE, TITLE_SIZE,
    X_LABEL_ANGLE,
};
pub use raster::render_png;
pub use route_map::{project as project_route_map, render_route_map, RouteMap};
pub use scale::{value_axis, value_extent, ValueAxis};
pub use spec::{ChartKind, ChartSpec, NumberFormat, Series};
pub use svg::{render_chart, render_svg, RenderedChart};

/// Smallest chart side that still has room for axes and a plot.
pub const MIN_SIDE: u32 = 64;
/// Largest chart side accepted (a 4K export is 3840 wide).
pub const MAX_SIDE: u32 = 8192;

/// Why a chart could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("chart size {width}×{height} is outside {MIN_SIDE}..={MAX_SIDE} pixels a side")]
    Size { width: u32, height: u32 },
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    #[error("encoding the PNG failed: {0}")]
    Png(String),
}

fn check_size(spec: &ChartSpec) -> Result<(), ChartError> {
    let ok = |side: u32| (MIN_SIDE..=MAX_SIDE).contains(&side);
    if ok(spec.width) && ok(spec.height) {
        Ok(())
    } else {
        Err(ChartError::Size { width: spec.width, height: spec.height })
    }
}
