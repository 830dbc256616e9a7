//! Empty, missing, single, negative and wild inputs render without panicking.

use std::sync::OnceLock;

use orderly_charts::{render_chart, render_png, ChartError, ChartKind, ChartSpec, FontBook, NumberFormat, Series};
use proptest::prelude::*;

fn book() -> &'static FontBook {
    static BOOK: OnceLock<FontBook> = OnceLock::new();
    BOOK.get_or_init(FontBook::discover)
}

fn spec(kind: ChartKind, series: Vec<Series>, x_labels: Vec<String>, width: u32, height: u32) -> ChartSpec {
    ChartSpec {
        kind,
        title: String::new(),
        x_labels,
        y_label: String::new(),
        series,
        width,
        height,
        number_format: NumberFormat { decimal_separator: ",".into(), thousands_separator: ".".into() },
    }
}

const KINDS: [ChartKind; 3] = [ChartKind::Line, ChartKind::Bar { stacked: false }, ChartKind::Bar { stacked: true }];

#[test]
fn empty_all_missing_single_and_negative_render() {
    let cases = vec![
        vec![],
        vec![Series { name: String::new(), values: vec![] }],
        vec![Series { name: "none".into(), values: vec![None, None, None] }],
        vec![Series { name: "one".into(), values: vec![Some(5.0)] }],
        vec![Series { name: "neg".into(), values: vec![Some(-3.0), Some(-7.5), None, Some(2.0)] }],
        vec![Series { name: "zeros".into(), values: vec![Some(0.0); 4] }],
    ];
    for kind in KINDS {
        for series in &cases {
            let s = spec(kind, series.clone(), vec![], 400, 300);
            let rendered = render_chart(&s, book()).unwrap();
            assert!(rendered.y_max > rendered.y_min);
            assert!(rendered.svg.ends_with("</svg>\n"));
            render_png(&s, book()).unwrap();
        }
    }
}

#[test]
fn negative_bars_put_zero_inside_the_axis() {
    let s = spec(
        ChartKind::Bar { stacked: true },
        vec![Series { name: "a".into(), values: vec![Some(-3.0), Some(4.0)] }],
        vec![],
        400,
        300,
    );
    let r = render_chart(&s, book()).unwrap();
    assert!(r.y_min <= -3.0 && r.y_max >= 4.0);
}

#[test]
fn sizes_out_of_range_are_errors() {
    let s = spec(ChartKind::Line, vec![], vec![], 0, 300);
    assert!(matches!(render_chart(&s, book()), Err(ChartError::Size { .. })));
    let s = spec(ChartKind::Line, vec![], vec![], 400, 100_000);
    assert!(matches!(render_png(&s, book()), Err(ChartError::Size { .. })));
}

fn value() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        Just(None),
        (-1e6f64..1e6).prop_map(Some),
        any::<f64>().prop_map(Some),
        Just(Some(f64::NAN)),
        Just(Some(f64::INFINITY)),
        Just(Some(0.0)),
    ]
}

fn label() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-zA-Z ]{0,30}", "[一-龥]{1,12}", "\\PC{0,20}", Just("a\u{0}b\n<&>".to_owned())]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn random_charts_never_panic(
        kind in 0usize..3,
        series in prop::collection::vec((label(), prop::collection::vec(value(), 0..20)), 0..8),
        x_labels in prop::collection::vec(label(), 0..30),
        title in label(),
        width in 64u32..1000,
        height in 64u32..700,
    ) {
        let series = series.into_iter().map(|(name, values)| Series { name, values }).collect();
        let mut s = spec(KINDS[kind], series, x_labels, width, height);
        s.title = title.clone();
        s.y_label = title;
        let r = render_chart(&s, book()).unwrap();
        prop_assert!(r.y_min.is_finite() && r.y_max.is_finite() && r.y_max > r.y_min);
        prop_assert_eq!(r.x_positions.len(), s.category_count());
        render_png(&s, book()).unwrap();
    }
}
