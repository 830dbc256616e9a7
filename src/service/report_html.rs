//! A report as one self-contained HTML file (issue #8): a title, the period it covers and when
//! it was made in the reader's language, then each tile's chart as inline SVG from the shared
//! renderer and a table of its figures. No scripts, no outside files; `@media print` rules so
//! printing it from the app gives a clean PDF.

use super::tiles::TileData;
use crate::charts::font_book;
use crate::charts::labels::{Locale, Unit};
use crate::domain::dashboard::TileChart;
use crate::domain::stats::StatsResult;
use crate::{Error, Result};
use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;
use std::fmt::Write;

/// Size of a chart in a report (it scales to the page; the SVG has a viewBox).
pub const REPORT_CHART_WIDTH: u32 = 960;
pub const REPORT_CHART_HEIGHT: u32 = 420;

/// One tile of a report, figures ready.
pub struct ReportTile {
    pub data: TileData,
    pub result: StatsResult,
}

/// What the page says about itself.
pub struct ReportPage<'a> {
    pub name: &'a str,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub generated_at: DateTime<Tz>,
    pub locale: Locale,
}

const STYLE: &str = "body{font-family:'Noto Sans','Noto Sans CJK SC','DejaVu Sans',sans-serif;color:#1f2328;\
margin:24px auto;max-width:1000px;padding:0 16px}h1{font-size:24px;margin:0 0 4px}\
.meta{color:#57606a;margin:0 0 24px}section.tile{margin:0 0 32px}h2{font-size:18px;margin:0 0 8px}\
figure{margin:0 0 12px}figure svg{width:100%;height:auto}.number{font-size:36px;font-weight:600}\
.number small{font-size:14px;color:#57606a;font-weight:400;margin-left:8px}\
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #d0d7de;padding:4px 8px}\
th{background:#f6f8fa;text-align:left}td.v{text-align:right;font-variant-numeric:tabular-nums}\
@media print{@page{size:A4;margin:14mm}body{margin:0;max-width:none;padding:0}\
section.tile{break-inside:avoid;page-break-inside:avoid}th{background:#eee;-webkit-print-color-adjust:exact;\
print-color-adjust:exact}}";

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A value as the reader writes it: counts whole, minutes to one decimal, shares as percent.
pub fn figure(value: Option<f64>, unit: Unit, locale: Locale) -> String {
    let format = locale.number_format();
    match (value, unit) {
        (None, _) => "–".to_string(),
        (Some(v), Unit::Count) => format.format(v, 0),
        (Some(v), Unit::Minutes) => format.format(v, 1),
        (Some(v), Unit::Share) => format!("{}%", format.format(v * 100.0, 1)),
    }
}

/// The whole page.
pub fn render(page: &ReportPage, tiles: &[ReportTile]) -> Result<String> {
    let locale = page.locale;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body>\n<header><h1>{}</h1>",
        locale.lang(),
        escape(page.name),
        escape(page.name)
    );
    let generated = format!(
        "{} {} ({})",
        locale.date(page.generated_at.date_naive()),
        page.generated_at.format("%H:%M"),
        page.generated_at.timezone().name()
    );
    let _ = writeln!(
        out,
        "<p class=\"meta\">{}: {} – {} · {}: {}</p></header>",
        escape(&locale.word("report.period")),
        escape(&locale.date(page.from)),
        escape(&locale.date(page.to)),
        escape(&locale.word("report.generated")),
        escape(&generated)
    );
    for tile in tiles {
        out.push_str(&tile_section(tile, locale)?);
    }
    out.push_str("</body></html>\n");
    Ok(out)
}

fn tile_section(tile: &ReportTile, locale: Locale) -> Result<String> {
    let data = &tile.data;
    let mut out =
        format!("<section class=\"tile\" id=\"tile-{}\"><h2>{}</h2>", escape(&data.tile.id), escape(&data.title));
    match data.tile.chart {
        TileChart::Line | TileChart::Bar | TileChart::StackedBar => {
            let spec = data.chart_spec(&tile.result, locale, REPORT_CHART_WIDTH, REPORT_CHART_HEIGHT);
            let svg = orderly_charts::render_svg(&spec, font_book()).map_err(Error::internal)?;
            let svg = svg.find("<svg").map_or(svg.as_str(), |at| &svg[at..]);
            let _ = write!(out, "<figure>{svg}</figure>");
        }
        TileChart::Number => out.push_str(&number(data, locale)),
        TileChart::Table => {}
    }
    out.push_str(&table(data, locale));
    out.push_str("</section>\n");
    Ok(out)
}

/// The latest period's value (summed over groups for counts) beside the one before it.
fn number(data: &TileData, locale: Locale) -> String {
    let at = |i: usize| -> Option<f64> {
        match (data.unit, data.series.as_slice()) {
            (_, [only]) => only.values.get(i).copied().flatten(),
            (Unit::Count, many) => Some(many.iter().filter_map(|s| s.values.get(i).copied().flatten()).sum()),
            _ => None,
        }
    };
    let n = data.periods.len();
    if n == 0 {
        return String::new();
    }
    let previous = if n >= 2 {
        format!("<small>{} {}</small>", escape(&locale.word("report.previous")), figure(at(n - 2), data.unit, locale))
    } else {
        String::new()
    };
    format!("<p class=\"number\">{}{previous}</p>", figure(at(n - 1), data.unit, locale))
}

/// Periods down, series across.
fn table(data: &TileData, locale: Locale) -> String {
    let mut out = format!("<table><thead><tr><th>{}</th>", escape(&locale.word("column.period")));
    for s in &data.series {
        let _ = write!(out, "<th>{}</th>", escape(&s.name));
    }
    out.push_str("</tr></thead><tbody>");
    for (i, label) in data.period_labels.iter().enumerate() {
        let _ = write!(out, "<tr><td>{}</td>", escape(label));
        for s in &data.series {
            let _ =
                write!(out, "<td class=\"v\">{}</td>", figure(s.values.get(i).copied().flatten(), data.unit, locale));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_and_text_are_written_for_the_reader() {
        let es = Locale::new("es");
        assert_eq!(figure(Some(1234.0), Unit::Count, es), "1.234");
        assert_eq!(figure(Some(0.875), Unit::Share, Locale::new("en")), "87.5%");
        assert_eq!(figure(None, Unit::Minutes, es), "–");
        assert_eq!(escape("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
