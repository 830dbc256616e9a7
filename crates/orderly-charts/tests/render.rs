//! Renders real charts with the machine's fonts and checks them from the outside: measured text
//! widths, the legend's size, text positions parsed back out of the SVG, and the PNG's pixels.

use std::sync::OnceLock;

use orderly_charts::{
    layout, render_chart, render_png, ChartKind, ChartSpec, FontBook, NumberFormat, Rect, Series, TextRole, BACKGROUND,
    LABEL_SIZE, LEGEND_CHROME, LEGEND_SIZE, TITLE_SIZE,
};

/// Discovery reads every installed font's names, so the tests share one book.
fn book() -> &'static FontBook {
    static BOOK: OnceLock<FontBook> = OnceLock::new();
    BOOK.get_or_init(FontBook::discover)
}

/// Without a CJK font the Chinese checks mean nothing: say so loudly, and fail on CI.
fn require_cjk() -> bool {
    if book().has_cjk() {
        return true;
    }
    eprintln!("!!! NO CJK FONT FOUND: install fonts-noto-cjk (scripts/setup.sh does); Chinese text checks skipped !!!");
    assert!(std::env::var("CI").as_deref() != Ok("true"), "no CJK font on CI: install fonts-noto-cjk");
    false
}

fn chinese_chart(kind: ChartKind, x_labels: Vec<String>) -> ChartSpec {
    let names = ["北京", "上海市浦东新区", "广州 Guangzhou", "深圳"];
    ChartSpec {
        kind,
        title: "各城市月度工单数量".into(),
        x_labels,
        y_label: "工单数".into(),
        series: names
            .iter()
            .enumerate()
            .map(|(s, n)| Series {
                name: (*n).into(),
                values: (0..12).map(|m| Some((((m * 5 + s * 11) % 17) as f64 + 3.0) * 12.5)).collect(),
            })
            .collect(),
        width: 800,
        height: 450,
        number_format: NumberFormat::default(),
    }
}

fn months_zh() -> Vec<String> {
    (1..=12).map(|m| format!("{m}月")).collect()
}

#[test]
fn chinese_text_is_measured_from_the_font_not_guessed_from_bytes() {
    if !require_cjk() {
        return;
    }
    let size = 16.0;
    let text = "上海市浦东新区";
    let measured = book().measure(text, size).width;
    let byte_guess = text.len() as f64 * 0.5 * size; // 21 bytes
    assert!((measured - 7.0 * size).abs() <= 0.1 * 7.0 * size, "7 ideographs ≈ 7 em, got {measured}");
    assert!(measured < byte_guess * 0.75, "measured {measured} vs byte guess {byte_guess}");
}

#[test]
fn latin_widths_are_sane() {
    let fonts = book().fonts();
    let m = fonts.measure("Hello, world", 12.0);
    assert!(m.width > 50.0 && m.width < 90.0, "width {}", m.width);
    assert!(m.height() > 12.0 && m.height() < 20.0, "height {}", m.height());
    assert!(fonts.measure("WWWW", 12.0).width > fonts.measure("iiii", 12.0).width * 2.0);
    assert_eq!(fonts.measure("", 12.0).width, 0.0);
}

#[test]
fn bundled_font_measures_latin_and_survives_missing_glyphs() {
    let bundled = FontBook::bundled_only();
    let latin = bundled.measure("Órdenes de trabajo", 12.0).width;
    assert!(latin > 60.0 && latin < 140.0, "width {latin}");
    // No CJK glyphs in the bundled font: .notdef advances, no panic.
    let tofu = bundled.measure("上海", 12.0).width;
    assert!(tofu > 0.0);
    let spec = chinese_chart(ChartKind::Line, months_zh());
    assert!(render_png(&spec, &bundled).is_ok());
    assert!(bundled.css_font_family().contains("DejaVu Sans"));
}

#[test]
fn legend_box_is_the_widest_measured_name_plus_padding() {
    let spec = chinese_chart(ChartKind::Bar { stacked: false }, months_zh());
    let fonts = book().fonts();
    let chart = layout(&spec, &fonts);
    let widest = spec.series.iter().map(|s| fonts.measure(&s.name, LEGEND_SIZE).width).fold(0.0, f64::max);
    let legend = chart.legend.expect("a legend for four series");
    assert!((legend.rect.width - (widest + LEGEND_CHROME)).abs() < 1e-9);
    assert_eq!(legend.swatches.len(), 4);
    assert!(legend.rect.right() <= f64::from(spec.width) && legend.rect.x > chart.plot_area.right());
}

/// One `<text>` element parsed back out of the SVG.
struct SvgText {
    class: String,
    x: f64,
    y: f64,
    anchor: String,
    size: f64,
    angle: f64,
    text: String,
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = start + tag[start..].find('"')?;
    Some(tag[start..end].to_owned())
}

fn parse_texts(svg: &str) -> Vec<SvgText> {
    let mut out = Vec::new();
    for chunk in svg.split("<text ").skip(1) {
        let (tag, rest) = chunk.split_once(">").unwrap();
        let tag = &format!(" {tag}");
        let text = rest.split_once("</text>").unwrap().0.replace("&amp;", "&").replace("&lt;", "<");
        let num = |n: &str| attribute(tag, n).map(|v| v.parse::<f64>().unwrap());
        let angle = attribute(tag, "transform")
            .map(|t| t.trim_start_matches("rotate(").split(' ').next().unwrap().parse().unwrap())
            .unwrap_or(0.0);
        out.push(SvgText {
            class: attribute(tag, "class").unwrap_or_default(),
            x: num("x").unwrap(),
            y: num("y").unwrap(),
            anchor: attribute(tag, "text-anchor").unwrap(),
            size: num("font-size").unwrap(),
            angle,
            text,
        });
    }
    out
}

/// The text's line box in its own turned frame: texts at the same angle overlap exactly when
/// these boxes do, so turned labels are compared fairly.
fn frame_box(t: &SvgText) -> Rect {
    let m = book().measure(&t.text, t.size);
    let (sin, cos) = (-t.angle).to_radians().sin_cos();
    let (fx, fy) = (t.x * cos - t.y * sin, t.x * sin + t.y * cos);
    let start = match t.anchor.as_str() {
        "start" => fx,
        "middle" => fx - m.width / 2.0,
        _ => fx - m.width,
    };
    Rect { x: start, y: fy - m.ascent, width: m.width, height: m.height() }
}

/// Screen bounds of the turned line box.
fn screen_box(t: &SvgText) -> Rect {
    let f = frame_box(t);
    let (sin, cos) = t.angle.to_radians().sin_cos();
    let pts = [(f.x, f.y), (f.right(), f.y), (f.x, f.bottom()), (f.right(), f.bottom())]
        .map(|(x, y)| (x * cos - y * sin, x * sin + y * cos));
    let (x0, x1) = (pts.iter().map(|p| p.0).fold(f64::MAX, f64::min), pts.iter().map(|p| p.0).fold(f64::MIN, f64::max));
    let (y0, y1) = (pts.iter().map(|p| p.1).fold(f64::MAX, f64::min), pts.iter().map(|p| p.1).fold(f64::MIN, f64::max));
    Rect { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }
}

fn assert_laid_out(spec: &ChartSpec) -> Vec<SvgText> {
    let rendered = render_chart(spec, book()).unwrap();
    let texts = parse_texts(&rendered.svg);
    let image = Rect { x: 0.0, y: 0.0, width: f64::from(spec.width), height: f64::from(spec.height) };
    for t in &texts {
        let b = screen_box(t);
        assert!(
            b.x >= -0.5 && b.y >= -0.5 && b.right() <= image.width + 0.5 && b.bottom() <= image.height + 0.5,
            "{} «{}» leaves the image: {b:?}",
            t.class,
            t.text
        );
    }
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            let clash = if a.angle == b.angle {
                frame_box(a).overlaps(&frame_box(b))
            } else {
                screen_box(a).overlaps(&screen_box(b))
            };
            assert!(!clash, "«{}» ({}) overlaps «{}» ({})", a.text, a.class, b.text, b.class);
        }
    }
    texts
}

#[test]
fn chinese_labels_and_legend_do_not_overlap_or_leave_the_image() {
    if !require_cjk() {
        return;
    }
    let spec = chinese_chart(ChartKind::Bar { stacked: true }, months_zh());
    let texts = assert_laid_out(&spec);
    let x_labels: Vec<_> = texts.iter().filter(|t| t.class == "x-label").collect();
    assert_eq!(x_labels.len(), 12, "short month labels all fit upright");
    assert!(x_labels.iter().all(|t| t.angle == 0.0));
    assert_eq!(texts.iter().filter(|t| t.class == "legend").count(), 4);
    let title = texts.iter().find(|t| t.class == "title").unwrap();
    let width = book().measure(&title.text, TITLE_SIZE).width;
    assert!((title.x + width / 2.0 - 400.0).abs() < 1.0, "title centred by its measured width");
}

#[test]
fn long_chinese_labels_are_turned_or_thinned_by_measurement() {
    if !require_cjk() {
        return;
    }
    let labels = (1..=12).map(|m| format!("上海市浦东新区{m}月")).collect();
    let mut spec = chinese_chart(ChartKind::Line, labels);
    let texts = assert_laid_out(&spec);
    assert!(texts.iter().filter(|t| t.class == "x-label").all(|t| t.angle != 0.0), "turned");
    spec.width = 320;
    let narrow = assert_laid_out(&spec);
    let shown = narrow.iter().filter(|t| t.class == "x-label").count();
    assert!(shown < 12 && shown > 0, "thinned to {shown}");
    let _ = LABEL_SIZE;
}

#[test]
fn hover_geometry_matches_the_plot() {
    let spec = chinese_chart(ChartKind::Line, months_zh());
    let rendered = render_chart(&spec, book()).unwrap();
    assert_eq!(rendered.x_positions.len(), 12);
    let p = rendered.plot_area;
    assert!(rendered.x_positions.windows(2).all(|w| w[0] < w[1]));
    assert!(rendered.x_positions.iter().all(|x| *x > p.x && *x < p.right()));
    assert!(rendered.y_min <= 37.5 && rendered.y_max >= 212.5);
    assert!(p.width > 300.0 && p.height > 250.0, "{p:?}");
}

fn is_background(px: &[u8]) -> bool {
    px == [BACKGROUND.0, BACKGROUND.1, BACKGROUND.2]
}

#[test]
fn png_export_has_the_size_the_plot_and_the_chinese_title() {
    let spec = chinese_chart(ChartKind::Bar { stacked: false }, months_zh());
    let bytes = render_png(&spec, book()).unwrap();
    std::fs::write("/tmp/chart-zh.png", &bytes).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((info.width, info.height), (spec.width, spec.height));
    assert_eq!(info.color_type, png::ColorType::Rgb);
    let at = |x: f64, y: f64| {
        let i = (y as usize * info.width as usize + x as usize) * 3;
        &pixels[i..i + 3]
    };
    let fonts = book().fonts();
    let chart = layout(&spec, &fonts);
    let count_ink = |r: Rect| {
        let mut ink = 0;
        for y in r.y as usize..r.bottom() as usize {
            for x in r.x as usize..r.right() as usize {
                ink += usize::from(!is_background(at(x as f64, y as f64)));
            }
        }
        ink
    };
    let plot = chart.plot_area;
    assert!(count_ink(plot) as f64 > plot.width * plot.height * 0.1, "bars fill part of the plot");
    let title = chart.texts.iter().find(|t| t.role == TextRole::Title).unwrap();
    let title_box = title.bounds(&fonts);
    let ink = count_ink(title_box);
    assert!(ink as f64 > title_box.width * title_box.height * 0.08, "title drawn: {ink} ink pixels in {title_box:?}");
    if require_cjk() {
        // Real ideographs are dense; .notdef boxes would be a thin outline per character.
        assert!(ink as f64 > title_box.width * title_box.height * 0.15, "CJK title looks like tofu: {ink} ink pixels");
    }
}
