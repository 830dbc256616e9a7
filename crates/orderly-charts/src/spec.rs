//! The chart model the UI and exports send in: what to draw, already localised by the caller.

use serde::{Deserialize, Serialize};

/// Line chart or bar chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum ChartKind {
    /// One polyline per series; `None` values leave a gap.
    Line,
    /// Bars per category: side by side (grouped) or on top of each other (stacked).
    Bar {
        #[serde(default)]
        stacked: bool,
    },
}

/// One named series of values, one per category (missing values are `None`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub name: String,
    #[serde(default)]
    pub values: Vec<Option<f64>>,
}

/// How the caller's locale writes numbers; the renderer never guesses a locale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NumberFormat {
    /// "." in English and Chinese, "," in Spanish.
    pub decimal_separator: String,
    /// "," in English and Chinese, "." in Spanish; empty for no grouping.
    pub thousands_separator: String,
}

impl Default for NumberFormat {
    fn default() -> Self {
        Self { decimal_separator: ".".to_owned(), thousands_separator: ",".to_owned() }
    }
}

impl NumberFormat {
    /// Writes `value` with `decimals` digits after the separator, grouping thousands.
    pub fn format(&self, value: f64, decimals: usize) -> String {
        let rounded = format!("{:.*}", decimals, value.abs());
        let (int_part, frac_part) = rounded.split_once('.').unwrap_or((&rounded, ""));
        let mut out = String::with_capacity(rounded.len() + 8);
        // A value that rounds to zero is written without a minus sign ("-0" reads as a bug).
        let is_zero = rounded.bytes().all(|b| b == b'0' || b == b'.');
        if value < 0.0 && !is_zero {
            out.push('-');
        }
        for (i, digit) in int_part.chars().enumerate() {
            if i > 0 && (int_part.len() - i) % 3 == 0 {
                out.push_str(&self.thousands_separator);
            }
            out.push(digit);
        }
        if !frac_part.is_empty() {
            out.push_str(&self.decimal_separator);
            out.push_str(frac_part);
        }
        out
    }
}

/// Everything needed to draw one chart. Labels and names arrive already localised.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartSpec {
    pub kind: ChartKind,
    #[serde(default)]
    pub title: String,
    /// Category labels, e.g. "2025-01", "1月", "ene 2025".
    #[serde(default)]
    pub x_labels: Vec<String>,
    /// The value axis' title, e.g. "Orders" / "工单数".
    #[serde(default)]
    pub y_label: String,
    #[serde(default)]
    pub series: Vec<Series>,
    pub width: u32,
    pub height: u32,
    #[serde(default)]
    pub number_format: NumberFormat,
}

impl ChartSpec {
    /// Number of categories: the labels, or the longest series if it is longer.
    pub fn category_count(&self) -> usize {
        self.series.iter().map(|s| s.values.len()).max().unwrap_or(0).max(self.x_labels.len())
    }

    /// The value at a category, treating NaN and infinities as missing.
    pub fn value(&self, series: usize, category: usize) -> Option<f64> {
        self.series.get(series)?.values.get(category).copied().flatten().filter(|v| v.is_finite())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_numbers_by_locale() {
        let en = NumberFormat::default();
        let es = NumberFormat { decimal_separator: ",".into(), thousands_separator: ".".into() };
        assert_eq!(en.format(1234567.891, 2), "1,234,567.89");
        assert_eq!(es.format(1234567.891, 1), "1.234.567,9");
        assert_eq!(en.format(-1500.0, 0), "-1,500");
        assert_eq!(en.format(-0.0001, 1), "0.0");
        assert_eq!(en.format(999.0, 0), "999");
    }

    #[test]
    fn deserialises_from_the_ui_json() {
        let json = r#"{"kind":{"type":"bar","stacked":true},"title":"工单","x_labels":["1月"],
            "series":[{"name":"北京","values":[1.5,null]}],"width":640,"height":360,
            "number_format":{"decimal_separator":","}}"#;
        let spec: ChartSpec = serde_json::from_str(json).unwrap();
        assert_eq!(spec.kind, ChartKind::Bar { stacked: true });
        assert_eq!(spec.series[0].values, vec![Some(1.5), None]);
        assert_eq!(spec.number_format.thousands_separator, ",");
        assert_eq!(spec.category_count(), 2);
    }
}
