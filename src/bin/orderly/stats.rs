//! `orderly stats` (issue #8): one metric by period as a text table, JSON, CSV or a chart file;
//! `--technicians` for the per-technician figures; and `orderly settings` for the
//! organisation's time zone the periods are cut in. Every input is checked before the store is
//! read, and a file is written only once everything it holds is ready.

use crate::args::{SettingsCommand, StatsArgs};
use crate::output::Out;
use chrono::{Datelike, Duration, NaiveDate};
use orderly::charts::labels::Locale;
use orderly::domain::dashboard::{Tile, TileChart};
use orderly::domain::stats::{parse_date, Period, StatsQuery, StatsResult};
use orderly::domain::user::Actor;
use orderly::service::exports::ExportFormat;
use orderly::service::stats::{TechnicianFilter, TIME_ZONE_SETTING};
use orderly::service::tiles::TileData;
use orderly::service::Orderly;
use orderly::{Error, Result};
use orderly_charts::{ChartKind, FontBook};
use serde_json::json;
use std::path::{Path, PathBuf};

/// Where a chart goes and in which format.
struct ChartOut {
    kind: ChartKind,
    file: PathBuf,
    png: bool,
}

fn chart_out(args: &StatsArgs) -> Result<Option<ChartOut>> {
    let Some(kind) = &args.chart else { return Ok(None) };
    let kind = match kind.as_str() {
        "line" => ChartKind::Line,
        "bar" => ChartKind::Bar { stacked: false },
        other => return Err(Error::invalid("stats.chart_kind_unknown").on_field("chart").with("value", other)),
    };
    let file = args.out.clone().ok_or_else(|| Error::invalid("stats.chart_needs_out").on_field("out"))?;
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let png = match ext.as_str() {
        "svg" => false,
        "png" => true,
        _ => return Err(Error::invalid("stats.chart_format_unknown").on_field("out").with("value", file.display())),
    };
    Ok(Some(ChartOut { kind, file, png }))
}

/// The default range ends today (in the organisation's zone) and spans 30 days, 12 weeks or
/// 12 months.
fn range(args: &StatsArgs, period: Period, today: NaiveDate) -> Result<(NaiveDate, NaiveDate)> {
    let to = args.to.as_deref().map(|t| parse_date("to", t)).transpose()?.unwrap_or(today);
    let from = match args.from.as_deref() {
        Some(f) => parse_date("from", f)?,
        None => match period {
            Period::Day => to - Duration::days(29),
            Period::Week => to - Duration::weeks(11),
            Period::Month => to.with_day(1).and_then(|d| d.checked_sub_months(chrono::Months::new(11))).unwrap_or(to),
        },
    };
    Ok((from, to))
}

pub async fn run(orderly: &Orderly, actor: &Actor, args: StatsArgs, out: &Out) -> Result<()> {
    let period: Period = args.period.parse()?;
    let zone = orderly.org_time_zone().await?;
    let today = chrono::Utc::now().with_timezone(&zone).date_naive();
    let (from, to) = range(&args, period, today)?;
    if args.technicians {
        let list = orderly.technician_stats(actor, &TechnicianFilter { from, to }).await?;
        out.value(&list);
        return Ok(());
    }
    let metric = args.metric.as_deref().unwrap_or("").parse()?;
    let query = StatsQuery {
        metric,
        period,
        from,
        to,
        group_by: args.group_by.as_deref().map(str::parse).transpose()?,
        statistic: args.stat.parse()?,
        week_start: args.week_start.parse()?,
    };
    let chart = chart_out(&args)?;
    let export = match (&args.chart, &args.out) {
        (None, Some(file)) => Some(ExportFormat::of_path(file)?),
        _ => None,
    };
    let result = orderly.stats(actor, &query).await?;
    if let Some(chart) = chart {
        write_chart(&result, &chart)?;
    }
    if let (Some(format), Some(file)) = (export, &args.out) {
        write_export(&query, &result, &out.lang, format, file)?;
    }
    if args.csv {
        print!("{}", csv(&result));
    } else if out.json {
        out.document(&result);
    } else if args.out.is_none() {
        print!("{}", table(&result));
    } else {
        out.done(&args.out.unwrap_or_default().display().to_string());
    }
    Ok(())
}

fn series_name(result: &StatsResult, i: usize) -> String {
    let s = &result.series[i];
    s.label.clone().or_else(|| s.group.clone()).unwrap_or_else(|| result.metric.key().to_string())
}

fn write_chart(result: &StatsResult, chart: &ChartOut) -> Result<()> {
    let spec = orderly::charts::stats_chart(result, chart.kind, 960, 540);
    let book = FontBook::discover();
    let bytes = if chart.png {
        orderly_charts::render_png(&spec, &book).map_err(Error::internal)?
    } else {
        orderly_charts::render_svg(&spec, &book).map_err(Error::internal)?.into_bytes()
    };
    write_file(&chart.file, &bytes)
}

/// `--out FILE.csv|.xlsx|.svg|.png` without `--chart`: every row (CSV with a BOM, XLSX with
/// numbers as numbers) or a line chart, labelled in the user's language as the desktop does.
fn write_export(query: &StatsQuery, result: &StatsResult, lang: &str, format: ExportFormat, file: &Path) -> Result<()> {
    let tile = Tile {
        id: "cli".into(),
        title: None,
        metric: query.metric,
        statistic: query.statistic,
        group_by: query.group_by,
        period: query.period,
        last: result.series.first().map_or(1, |s| s.points.len() as u32),
        chart: TileChart::Line,
    };
    let locale = Locale::new(lang);
    let data = TileData::from_result(&tile, result, locale);
    let bytes = orderly::service::exports::tile_file(&data, result, locale, format)?;
    write_file(file, &bytes)
}

fn write_file(file: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(file, bytes)
        .map_err(|_| Error::invalid("cli.file_unwritable").on_field("out").with("value", file.display()))
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// `group,period,value`, one row per point; an ungrouped series has an empty group.
pub fn csv(result: &StatsResult) -> String {
    let mut out = String::from("group,period,value\n");
    for s in &result.series {
        let group = csv_field(s.group.as_deref().unwrap_or(""));
        for p in &s.points {
            out.push_str(&format!("{group},{},{}\n", csv_field(&p.period), p.value.text()));
        }
    }
    out
}

fn table(result: &StatsResult) -> String {
    let mut out = format!("{} by {} ({})\n", result.metric.key(), result.period.key(), result.time_zone);
    for (i, s) in result.series.iter().enumerate() {
        if s.group.is_some() || result.series.len() > 1 {
            out.push_str(&format!("[{}]\n", series_name(result, i)));
        }
        for p in &s.points {
            out.push_str(&format!("  {:<10} {:>12}\n", p.period, p.value.text()));
        }
    }
    out
}

pub async fn settings(orderly: &Orderly, actor: &Actor, cmd: SettingsCommand, out: &Out) -> Result<()> {
    use orderly::service::dispatch_auto::POOL_FALLBACK_SETTING;
    let known = |key: &str| {
        if key == TIME_ZONE_SETTING || key == POOL_FALLBACK_SETTING {
            Ok(())
        } else {
            let allowed = format!("{TIME_ZONE_SETTING}, {POOL_FALLBACK_SETTING}");
            Err(Error::invalid("settings.key_unknown").with("value", key).with("allowed", allowed))
        }
    };
    match cmd {
        SettingsCommand::Smtp(args) => return crate::reports::smtp(orderly, actor, args, out).await,
        SettingsCommand::Get { key } if key == POOL_FALLBACK_SETTING => {
            out.value(&json!({"key": key, "value": orderly.pool_fallback_minutes().await?}));
        }
        SettingsCommand::Set { key, value } if key == POOL_FALLBACK_SETTING => {
            let minutes = value.trim().parse::<i64>().map_err(|_| {
                Error::invalid("input.value_invalid").on_field(POOL_FALLBACK_SETTING).with("value", &value)
            })?;
            out.value(&json!({"key": key, "value": orderly.set_pool_fallback_minutes(actor, minutes).await?}));
        }
        SettingsCommand::Get { key } => {
            known(&key)?;
            let zone = orderly.org_time_zone().await?;
            out.value(&json!({"key": key, "value": zone.name()}));
        }
        SettingsCommand::Set { key, value } => {
            known(&key)?;
            let zone = orderly.set_org_time_zone(actor, &value).await?;
            out.value(&json!({"key": key, "value": zone.name()}));
        }
    }
    Ok(())
}
