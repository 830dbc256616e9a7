//! PNG output: plotters' bitmap backend draws the shapes into an RGB buffer, then this module
//! draws the text itself from the same font outlines the layout measured (turned labels too,
//! which plotters' bitmap text cannot do at 45°), and the png crate encodes the buffer.

use ab_glyph::{Font, OutlineCurve};
use ab_glyph_rasterizer::{point, Point, Rasterizer};
use plotters::prelude::*;

use crate::draw::{draw_chart, TEXT_COLOUR};
use crate::fonts::{FontBook, Fonts};
use crate::layout::{layout, TextItem};
use crate::spec::ChartSpec;
use crate::{check_size, ChartError};

/// An RGB image, three bytes a pixel, rows top to bottom.
struct Canvas {
    pixels: Vec<u8>,
    width: usize,
    height: usize,
}

impl Canvas {
    /// Mixes `colour` into a pixel by `coverage` (0..1); pixels outside the image are ignored.
    fn blend(&mut self, x: i64, y: i64, colour: RGBColor, coverage: f32) {
        if x < 0 || y < 0 || x as usize >= self.width || y as usize >= self.height || coverage <= 0.0 {
            return;
        }
        let a = coverage.min(1.0);
        let at = (y as usize * self.width + x as usize) * 3;
        for (channel, value) in [colour.0, colour.1, colour.2].into_iter().enumerate() {
            let old = f32::from(self.pixels[at + channel]);
            self.pixels[at + channel] = (old + (f32::from(value) - old) * a).round() as u8;
        }
    }
}

/// Renders the chart to a PNG file's bytes.
pub fn render_png(spec: &ChartSpec, book: &FontBook) -> Result<Vec<u8>, ChartError> {
    check_size(spec)?;
    let fonts = book.fonts();
    let chart = layout(spec, &fonts);
    let (width, height) = (spec.width as usize, spec.height as usize);
    let mut canvas = Canvas { pixels: vec![255; width * height * 3], width, height };
    {
        let root = BitMapBackend::with_buffer(&mut canvas.pixels, (spec.width, spec.height)).into_drawing_area();
        draw_chart(&root, spec, &chart).map_err(|e| ChartError::Draw(e.to_string()))?;
        root.present().map_err(|e| ChartError::Draw(e.to_string()))?;
    }
    for item in &chart.texts {
        draw_text(&mut canvas, &fonts, item);
    }
    encode(&canvas)
}

fn encode(canvas: &Canvas) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::with_capacity(canvas.pixels.len() / 4);
    let mut encoder = png::Encoder::new(&mut out, canvas.width as u32, canvas.height as u32);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    // Charts are flat colours: fast compression is nearly as small and several times quicker.
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(|e| ChartError::Png(e.to_string()))?;
    writer.write_image_data(&canvas.pixels).map_err(|e| ChartError::Png(e.to_string()))?;
    writer.finish().map_err(|e| ChartError::Png(e.to_string()))?;
    Ok(out)
}

/// A glyph outline segment in screen pixels: a line, a quadratic or a cubic Bézier.
enum Segment {
    Line([Point; 2]),
    Quad([Point; 3]),
    Cubic([Point; 4]),
}

impl Segment {
    fn points(&self) -> &[Point] {
        match self {
            Segment::Line(p) => p,
            Segment::Quad(p) => p,
            Segment::Cubic(p) => p,
        }
    }
}

/// Outlines of every glyph of the item, placed, scaled and turned into screen pixels.
fn text_outline(fonts: &Fonts, item: &TextItem) -> Vec<Segment> {
    let (glyphs, _) = fonts.place(&item.text, item.size);
    let start = item.local_box(fonts).x;
    let (sin, cos) = item.angle.to_radians().sin_cos();
    let mut segments = Vec::new();
    for glyph in glyphs {
        let font = fonts.face(glyph.face);
        let Some(outline) = font.outline(glyph.glyph) else { continue };
        let scale = fonts.scale(glyph.face, item.size);
        let pen = start + glyph.x;
        // Font units grow upwards; the text's frame grows downwards, then it is turned.
        let to_screen = |p: Point| {
            let (lx, ly) = (pen + f64::from(p.x) * scale, -f64::from(p.y) * scale);
            point((item.x + lx * cos - ly * sin) as f32, (item.y + lx * sin + ly * cos) as f32)
        };
        segments.extend(outline.curves.iter().map(|curve| match *curve {
            OutlineCurve::Line(a, b) => Segment::Line([to_screen(a), to_screen(b)]),
            OutlineCurve::Quad(a, b, c) => Segment::Quad([to_screen(a), to_screen(b), to_screen(c)]),
            OutlineCurve::Cubic(a, b, c, d) => Segment::Cubic([to_screen(a), to_screen(b), to_screen(c), to_screen(d)]),
        }));
    }
    segments
}

/// Fills the item's glyph outlines with anti-aliased coverage.
fn draw_text(canvas: &mut Canvas, fonts: &Fonts, item: &TextItem) {
    let segments = text_outline(fonts, item);
    let points = segments.iter().flat_map(Segment::points);
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for p in points {
        (x0, y0, x1, y1) = (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y));
    }
    if segments.is_empty() || !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
        return;
    }
    // Control points bound the curves, so a canvas around them holds every covered pixel. It is
    // never clipped to the image: the rasteriser must not see points left of or above its canvas
    // (it panics there); pixels outside the image are dropped when blending instead.
    let (ox, oy) = (x0.floor(), y0.floor());
    let (w, h) = ((x1.ceil() - ox + 1.0) as usize, (y1.ceil() - oy + 1.0) as usize);
    let off_image = x1 < 0.0 || y1 < 0.0 || x0 > canvas.width as f32 || y0 > canvas.height as f32;
    // Layout fits text to the image, so only a degenerate chart could ask for a huge canvas.
    if off_image || w.saturating_mul(h) > canvas.width * canvas.height * 4 {
        return;
    }
    let mut raster = Rasterizer::new(w, h);
    let shift = |p: Point| point(p.x - ox, p.y - oy);
    for segment in &segments {
        match segment {
            Segment::Line([a, b]) => raster.draw_line(shift(*a), shift(*b)),
            Segment::Quad([a, b, c]) => raster.draw_quad(shift(*a), shift(*b), shift(*c)),
            Segment::Cubic([a, b, c, d]) => raster.draw_cubic(shift(*a), shift(*b), shift(*c), shift(*d)),
        }
    }
    raster.for_each_pixel_2d(|x, y, coverage| {
        canvas.blend(i64::from(x) + ox as i64, i64::from(y) + oy as i64, TEXT_COLOUR, coverage);
    });
}
