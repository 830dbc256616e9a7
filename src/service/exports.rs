//! Exports of a tile (issue #8): its chart as SVG or PNG, its figures as CSV (UTF-8 with a BOM
//! so Excel reads Chinese correctly) or XLSX (numbers as numbers under a header row). Every row
//! is written, no cap. The file is written only once all of it is ready.

use super::tiles::TileData;
use super::{Orderly, APP_IDENTIFIER};
use crate::charts::font_book;
use crate::charts::labels::{Locale, Unit};
use crate::domain::dashboard::Tile;
use crate::domain::stats::StatsResult;
use crate::domain::user::Actor;
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Size of an exported chart image.
pub const EXPORT_WIDTH: u32 = 1280;
pub const EXPORT_HEIGHT: u32 = 720;

/// Overrides the folder the desktop writes exports into (tests, locked-down machines).
pub const EXPORT_DIR_ENV: &str = "ORDERLY_EXPORT_DIR";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Svg,
    Png,
    Csv,
    Xlsx,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }

    /// The format a file name asks for by its extension.
    pub fn of_path(path: &Path) -> Result<ExportFormat> {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        [ExportFormat::Svg, ExportFormat::Png, ExportFormat::Csv, ExportFormat::Xlsx]
            .into_iter()
            .find(|f| f.extension() == ext)
            .ok_or_else(|| Error::invalid("export.format_unknown").on_field("out").with("value", path.display()))
    }
}

/// Where the desktop puts exports: `$ORDERLY_EXPORT_DIR`, else `Documents/Orderly exports`,
/// else an `exports` folder in the app's data folder.
pub fn export_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(EXPORT_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    match dirs::document_dir() {
        Some(docs) => docs.join("Orderly exports"),
        None => dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join(APP_IDENTIFIER).join("exports"),
    }
}

/// A file name from a title: letters (any script) and digits kept, the rest turned into `-`,
/// with the day and time so exports never overwrite each other.
pub fn export_file_name(title: &str, stamp: &str, format: ExportFormat) -> String {
    file_name_with(title, stamp, format.extension())
}

/// [`export_file_name`] for any extension (reports are `.html`).
pub fn file_name_with(title: &str, stamp: &str, extension: &str) -> String {
    let mut base: String =
        title.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).take(60).collect::<String>();
    while base.contains("--") {
        base = base.replace("--", "-");
    }
    let base = base.trim_matches('-');
    let base = if base.is_empty() { "chart" } else { base };
    format!("{base}-{stamp}.{extension}")
}

/// A header row and one row per period and series: (period key, series name, value).
fn rows(data: &TileData) -> impl Iterator<Item = (&str, &str, Option<f64>)> {
    data.series
        .iter()
        .flat_map(move |s| data.periods.iter().zip(&s.values).map(move |(p, v)| (p.as_str(), s.name.as_str(), *v)))
}

fn headers(locale: Locale) -> [String; 3] {
    [locale.word("column.period"), locale.word("column.group"), locale.word("column.value")]
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The figures as CSV: a BOM, a header row in the viewer's language, every row; numbers with
/// a dot (shares 0–1, durations in minutes).
pub fn tile_csv(data: &TileData, locale: Locale) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    out.push_str(&headers(locale).iter().map(|h| csv_field(h)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
    for (period, group, value) in rows(data) {
        let value = crate::domain::stats::Value(value).text();
        out.push_str(&format!("{},{},{value}\r\n", csv_field(period), csv_field(group)));
    }
    out.into_bytes()
}

/// The figures as an XLSX workbook: one sheet, a bold header row, numbers as numbers (shares
/// formatted as percent).
pub fn tile_xlsx(data: &TileData, locale: Locale) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold();
    let number = match data.unit {
        Unit::Share => Format::new().set_num_format("0.0%"),
        Unit::Minutes => Format::new().set_num_format("0.0"),
        Unit::Count => Format::new().set_num_format("0"),
    };
    for (col, header) in headers(locale).iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, header, &bold).map_err(Error::internal)?;
    }
    for (i, (period, group, value)) in rows(data).enumerate() {
        let row = u32::try_from(i + 1).map_err(Error::internal)?;
        sheet.write_string(row, 0, period).map_err(Error::internal)?;
        sheet.write_string(row, 1, group).map_err(Error::internal)?;
        if let Some(v) = value {
            sheet.write_number_with_format(row, 2, v, &number).map_err(Error::internal)?;
        }
    }
    sheet.set_column_width(0, 14).map_err(Error::internal)?;
    sheet.set_column_width(1, 28).map_err(Error::internal)?;
    sheet.set_column_width(2, 12).map_err(Error::internal)?;
    book.save_to_buffer().map_err(Error::internal)
}

/// The bytes of the export in `format`.
pub fn tile_file(data: &TileData, result: &StatsResult, locale: Locale, format: ExportFormat) -> Result<Vec<u8>> {
    let image = || data.chart_spec(result, locale, EXPORT_WIDTH, EXPORT_HEIGHT);
    match format {
        ExportFormat::Svg => {
            Ok(orderly_charts::render_svg(&image(), font_book()).map_err(Error::internal)?.into_bytes())
        }
        ExportFormat::Png => orderly_charts::render_png(&image(), font_book()).map_err(Error::internal),
        ExportFormat::Csv => Ok(tile_csv(data, locale)),
        ExportFormat::Xlsx => tile_xlsx(data, locale),
    }
}

impl Orderly {
    /// Writes the tile (for today in the organisation's zone) to `path`, in the format its
    /// extension names (.svg, .png, .csv, .xlsx); returns the path written.
    pub async fn tile_export(&self, actor: &Actor, tile: &Tile, lang: &str, path: &Path) -> Result<PathBuf> {
        let today = self.org_today().await?;
        self.tile_export_on(actor, tile, lang, path, today).await
    }

    pub async fn tile_export_on(
        &self,
        actor: &Actor,
        tile: &Tile,
        lang: &str,
        path: &Path,
        today: NaiveDate,
    ) -> Result<PathBuf> {
        let format = ExportFormat::of_path(path)?;
        let (data, result, locale) = self.tile_figures(actor, tile, lang, today).await?;
        let bytes = tile_file(&data, &result, locale, format)?;
        std::fs::write(path, bytes)
            .map_err(|_| Error::invalid("export.unwritable").on_field("out").with("value", path.display()))?;
        Ok(path.to_path_buf())
    }

    /// Writes the tile into `dir` under a name made of its title and `stamp`; returns the path.
    pub async fn tile_export_into(
        &self,
        actor: &Actor,
        tile: &Tile,
        lang: &str,
        format: ExportFormat,
        dir: &Path,
        stamp: &str,
    ) -> Result<PathBuf> {
        let today = self.org_today().await?;
        let (data, result, locale) = self.tile_figures(actor, tile, lang, today).await?;
        let bytes = tile_file(&data, &result, locale, format)?;
        std::fs::create_dir_all(dir)
            .map_err(|_| Error::invalid("export.unwritable").on_field("out").with("value", dir.display()))?;
        let path = dir.join(export_file_name(&data.title, stamp, format));
        std::fs::write(&path, bytes)
            .map_err(|_| Error::invalid("export.unwritable").on_field("out").with("value", path.display()))?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_any_script_and_drop_punctuation() {
        assert_eq!(
            export_file_name("积压 / 按状态", "20260105-0930", ExportFormat::Png),
            "积压-按状态-20260105-0930.png"
        );
        assert_eq!(export_file_name("///", "x", ExportFormat::Csv), "chart-x.csv");
        assert_eq!(ExportFormat::of_path(Path::new("a/B.XLSX")).unwrap(), ExportFormat::Xlsx);
        assert_eq!(ExportFormat::of_path(Path::new("a.pdf")).unwrap_err().key, "export.format_unknown");
    }
}
