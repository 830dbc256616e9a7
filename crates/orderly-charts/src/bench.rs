//! A timing run for the renderer: a representative chart rendered many times to SVG and PNG.
//! Timings live here and in `examples/bench.rs`, never in tests, which must not depend on load.

use std::fmt::Write as _;
use std::time::Instant;

use crate::fonts::FontBook;
use crate::spec::{ChartKind, ChartSpec, NumberFormat, Series};
use crate::{render_png, render_svg};

const RUNS: usize = 200;

/// Twelve months × six series with Chinese and Latin names: the shape of a yearly report.
pub fn sample_chart(kind: ChartKind) -> ChartSpec {
    let names = ["北京 Beijing", "上海市浦东新区", "Guangzhou 广州", "深圳", "Hangzhou", "成都 Chengdu"];
    let series = names
        .iter()
        .enumerate()
        .map(|(s, name)| Series {
            name: (*name).to_owned(),
            values: (0..12).map(|m| Some(((m * 7 + s * 13) % 23) as f64 * 41.5 + 120.0 * s as f64)).collect(),
        })
        .collect();
    ChartSpec {
        kind,
        title: "2025 年各城市工单数量 (Work orders by city)".to_owned(),
        x_labels: (1..=12).map(|m| format!("2025年{m}月")).collect(),
        y_label: "工单数".to_owned(),
        series,
        width: 900,
        height: 480,
        number_format: NumberFormat::default(),
    }
}

fn percentile(sorted_ms: &[f64], p: f64) -> f64 {
    let rank = ((sorted_ms.len() - 1) as f64 * p).round() as usize;
    sorted_ms[rank]
}

fn time_runs(mut render: impl FnMut()) -> (f64, f64) {
    render(); // warm-up: first-touch of font tables and allocator growth
    let mut ms: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            render();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    (percentile(&ms, 0.5), percentile(&ms, 0.99))
}

/// Renders the sample chart [`RUNS`] times per kind and output, and reports p50/p99 in ms.
pub fn bench_charts() -> String {
    let start = Instant::now();
    let book = FontBook::discover();
    let discovery_ms = start.elapsed().as_secs_f64() * 1000.0;
    let mut report = String::new();
    let _ = writeln!(report, "font discovery (once per app): {discovery_ms:.1} ms; fonts: {}", book.css_font_family());
    let kinds = [
        ("line", ChartKind::Line),
        ("bar grouped", ChartKind::Bar { stacked: false }),
        ("bar stacked", ChartKind::Bar { stacked: true }),
    ];
    for (label, kind) in kinds {
        let spec = sample_chart(kind);
        let (svg50, svg99) = time_runs(|| {
            std::hint::black_box(render_svg(&spec, &book).expect("sample chart renders"));
        });
        let (png50, png99) = time_runs(|| {
            std::hint::black_box(render_png(&spec, &book).expect("sample chart renders"));
        });
        let verdict = if svg50 <= 20.0 { "ok" } else { "OVER 20 ms" };
        let _ = writeln!(
            report,
            "{label:<12} {}x{}, {RUNS} runs: SVG p50 {svg50:.2} ms p99 {svg99:.2} ms ({verdict}); PNG p50 {png50:.2} ms p99 {png99:.2} ms",
            spec.width, spec.height
        );
    }
    report
}
