//! Writes sample charts (Chinese, long turned labels, a narrow card, Spanish stacked bars) as
//! SVG and PNG for looking at: `cargo run -p orderly-charts --example dump [OUT_DIR]`.

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "/tmp/chk".into()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = |name: &str| dir.join(name);
    let book = orderly_charts::FontBook::discover();
    let spec = orderly_charts::ChartSpec {
        kind: orderly_charts::ChartKind::Bar { stacked: false },
        title: "各城市月度工单数量".into(),
        x_labels: (1..=12).map(|m| format!("{m}月")).collect(),
        y_label: "工单数".into(),
        series: ["北京", "上海市浦东新区", "广州 Guangzhou", "深圳"]
            .iter()
            .enumerate()
            .map(|(s, n)| orderly_charts::Series {
                name: (*n).into(),
                values: (0..12).map(|m| Some((((m * 5 + s * 11) % 17) as f64 + 3.0) * 12.5)).collect(),
            })
            .collect(),
        width: 800,
        height: 450,
        number_format: Default::default(),
    };
    std::fs::write(out("zh.svg"), orderly_charts::render_svg(&spec, &book).unwrap()).unwrap();
    std::fs::write(out("zh.png"), orderly_charts::render_png(&spec, &book).unwrap()).unwrap();
    let mut long = spec.clone();
    long.kind = orderly_charts::ChartKind::Line;
    long.x_labels = (1..=12).map(|m| format!("上海市浦东新区{m}月")).collect();
    long.series[1].values[4] = None;
    long.series[2].values[7] = Some(-40.0);
    std::fs::write(out("long.png"), orderly_charts::render_png(&long, &book).unwrap()).unwrap();
    std::fs::write(out("long.svg"), orderly_charts::render_svg(&long, &book).unwrap()).unwrap();
    long.width = 320;
    std::fs::write(out("narrow.png"), orderly_charts::render_png(&long, &book).unwrap()).unwrap();
    let mut es = spec.clone();
    es.kind = orderly_charts::ChartKind::Bar { stacked: true };
    es.title = "Órdenes de trabajo por ciudad".into();
    es.y_label = "Órdenes".into();
    es.x_labels = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"]
        .iter()
        .map(|m| format!("{m} 2025"))
        .collect();
    es.number_format = orderly_charts::NumberFormat { decimal_separator: ",".into(), thousands_separator: ".".into() };
    for s in &mut es.series {
        for v in s.values.iter_mut().flatten() {
            *v *= 10.0;
        }
    }
    es.series[3].values[2] = Some(-900.0);
    std::fs::write(out("es.png"), orderly_charts::render_png(&es, &book).unwrap()).unwrap();
}
