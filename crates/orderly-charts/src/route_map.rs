//! A technician's day on a map: the base as a square, the stops as numbered circles in visiting
//! order, the legs as lines from the base through every stop and back. Latitude and longitude
//! are projected equirectangularly around the route's mean latitude (true shape at city scale)
//! and fitted into the picture with a margin, keeping the aspect ratio.

use std::fmt::Write as _;

use plotters::prelude::*;

use crate::draw::{BACKGROUND, PALETTE, TEXT_COLOUR};
use crate::fonts::FontBook;
use crate::ChartError;

/// What to draw: degrees of latitude and longitude.
#[derive(Clone, Debug, PartialEq)]
pub struct RouteMap {
    pub width: u32,
    pub height: u32,
    pub base: (f64, f64),
    /// In visiting order; numbered from 1.
    pub stops: Vec<(f64, f64)>,
}

const MARGIN: f64 = 28.0;
const STOP_RADIUS: i32 = 11;
const LEG: RGBColor = PALETTE[0];
const STOP: RGBColor = PALETTE[1];
const BASE: RGBColor = PALETTE[6];

/// Pixel positions of the base and of every stop.
pub fn project(map: &RouteMap) -> Vec<(f64, f64)> {
    let points: Vec<(f64, f64)> = std::iter::once(map.base).chain(map.stops.iter().copied()).collect();
    let mean_lat = points.iter().map(|p| p.0).sum::<f64>() / points.len() as f64;
    let squeeze = mean_lat.to_radians().cos().max(0.01);
    let xy: Vec<(f64, f64)> = points.iter().map(|&(lat, lon)| (lon * squeeze, -lat)).collect();
    let (min_x, max_x) = xy.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let (min_y, max_y) = xy.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
    let (w, h) = (f64::from(map.width) - 2.0 * MARGIN, f64::from(map.height) - 2.0 * MARGIN);
    let span = (max_x - min_x).max(max_y - min_y).max(1e-6);
    let scale = (w.min(h) / span).max(0.0);
    // Centred: the shorter side of the route's box gets the spare room.
    let (off_x, off_y) = (MARGIN + (w - (max_x - min_x) * scale) / 2.0, MARGIN + (h - (max_y - min_y) * scale) / 2.0);
    xy.iter().map(|&(x, y)| (off_x + (x - min_x) * scale, off_y + (y - min_y) * scale)).collect()
}

/// The map as an SVG document.
pub fn render_route_map(map: &RouteMap, book: &FontBook) -> Result<String, ChartError> {
    let ok = |side: u32| (crate::MIN_SIDE..=crate::MAX_SIDE).contains(&side);
    if !ok(map.width) || !ok(map.height) {
        return Err(ChartError::Size { width: map.width, height: map.height });
    }
    let px = project(map);
    let at = |p: (f64, f64)| (p.0.round() as i32, p.1.round() as i32);
    let mut svg = String::with_capacity(8 * 1024);
    {
        let root = SVGBackend::with_string(&mut svg, (map.width, map.height)).into_drawing_area();
        let draw = |root: &DrawingArea<SVGBackend, _>| -> Result<(), DrawingAreaErrorKind<_>> {
            root.fill(&BACKGROUND)?;
            let mut path: Vec<(i32, i32)> = px.iter().map(|&p| at(p)).collect();
            path.push(at(px[0]));
            root.draw(&PathElement::new(path, LEG.stroke_width(3)))?;
            let (bx, by) = at(px[0]);
            root.draw(&Rectangle::new([(bx - 9, by - 9), (bx + 9, by + 9)], BASE.filled()))?;
            for &p in &px[1..] {
                root.draw(&Circle::new(at(p), STOP_RADIUS, STOP.filled()))?;
                root.draw(&Circle::new(at(p), STOP_RADIUS, BACKGROUND.stroke_width(2)))?;
            }
            Ok(())
        };
        draw(&root).map_err(|e| ChartError::Draw(e.to_string()))?;
        root.present().map_err(|e| ChartError::Draw(e.to_string()))?;
    }
    let body =
        svg.strip_suffix("</svg>\n").ok_or_else(|| ChartError::Draw("plotters wrote no closing </svg>".into()))?;
    let mut out = String::with_capacity(svg.len() + 64 * px.len());
    out.push_str(body);
    let RGBColor(r, g, b) = TEXT_COLOUR;
    let _ = writeln!(
        out,
        r##"<g font-family="{}" font-size="12" font-weight="bold" text-anchor="middle" fill="#{r:02x}{g:02x}{b:02x}">"##,
        book.css_font_family().replace('"', "")
    );
    for (i, p) in px[1..].iter().enumerate() {
        let _ = writeln!(out, r#"<text class="stop" x="{:.1}" y="{:.1}">{}</text>"#, p.0, p.1 + 4.0, i + 1);
    }
    out.push_str("</g>\n</svg>\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_fit_inside_and_are_numbered_in_order() {
        let map = RouteMap {
            width: 320,
            height: 240,
            base: (31.23, 121.47),
            stops: vec![(31.25, 121.50), (31.20, 121.45), (31.22, 121.52)],
        };
        for (x, y) in project(&map) {
            assert!((MARGIN - 0.01..=320.0 - MARGIN + 0.01).contains(&x), "{x}");
            assert!((MARGIN - 0.01..=240.0 - MARGIN + 0.01).contains(&y), "{y}");
        }
        let svg = render_route_map(&map, &FontBook::bundled_only()).unwrap();
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        let numbers: Vec<&str> = svg.match_indices(r#"class="stop""#).map(|(i, _)| &svg[i..]).collect();
        assert_eq!(numbers.len(), 3);
        assert!(svg.contains(">1</text>") && svg.contains(">3</text>"));
        // North is up: the northernmost stop (1) sits above the southernmost (2).
        let px = project(&map);
        assert!(px[1].1 < px[2].1);
    }
}
