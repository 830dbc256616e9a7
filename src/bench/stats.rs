//! `orderly bench stats`: the figures issue #8 asks for on a big store — a year of monthly
//! counts by status category, the supervisors' and dispatchers' default dashboard tiles, and a
//! chart render — each beside the same SQL run by rusqlite on the same file. Prints; asserts
//! nothing.

use super::percentile;
use crate::domain::stats::{buckets, GroupBy, Metric, Period, Statistic, StatsQuery, WeekStart};
use crate::domain::user::Actor;
use crate::service::Orderly;
use crate::store::stats::metric_sql;
use crate::{Error, Result};
use chrono::{Duration, NaiveDate};
use std::time::Instant;

struct Tile {
    name: &'static str,
    metric: Metric,
    period: Period,
    group_by: Option<GroupBy>,
    days: i64,
}

const TILES: [Tile; 7] = [
    Tile {
        name: "year of monthly created by status_category",
        metric: Metric::Created,
        period: Period::Month,
        group_by: Some(GroupBy::StatusCategory),
        days: 365,
    },
    Tile {
        name: "supervisor: created per week by department",
        metric: Metric::Created,
        period: Period::Week,
        group_by: Some(GroupBy::Department),
        days: 84,
    },
    Tile {
        name: "supervisor: resolved per week by department",
        metric: Metric::Resolved,
        period: Period::Week,
        group_by: Some(GroupBy::Department),
        days: 84,
    },
    Tile {
        name: "supervisor: backlog per month",
        metric: Metric::Backlog,
        period: Period::Month,
        group_by: None,
        days: 365,
    },
    Tile {
        name: "supervisor: resolution_time per month",
        metric: Metric::ResolutionTime,
        period: Period::Month,
        group_by: None,
        days: 365,
    },
    Tile {
        name: "supervisor: sla_resolution per month",
        metric: Metric::SlaResolution,
        period: Period::Month,
        group_by: None,
        days: 365,
    },
    Tile {
        name: "dispatcher: created per day by priority (30 d)",
        metric: Metric::Created,
        period: Period::Day,
        group_by: Some(GroupBy::Priority),
        days: 30,
    },
];

/// The dispatcher's other tile: backlog per day for the last 30 days by assignee.
const BACKLOG_BY_ASSIGNEE: Tile = Tile {
    name: "dispatcher: backlog by assignee (30 d)",
    metric: Metric::Backlog,
    period: Period::Day,
    group_by: Some(GroupBy::Assignee),
    days: 30,
};

fn query(tile: &Tile, today: NaiveDate) -> StatsQuery {
    StatsQuery {
        metric: tile.metric,
        period: tile.period,
        from: today - Duration::days(tile.days - 1),
        to: today,
        group_by: tile.group_by,
        statistic: Statistic::Mean,
        week_start: WeekStart::Monday,
    }
}

pub async fn stats(orderly: &Orderly, actor: &Actor, reps: usize) -> Result<String> {
    let reps = reps.max(1);
    let path = orderly.store().sqlite_path().ok_or_else(|| Error::invalid("store.backup_sqlite_only"))?;
    let raw = rusqlite::Connection::open(path).map_err(Error::internal)?;
    let orders: i64 = raw.query_row("SELECT COUNT(*) FROM work_orders", [], |r| r.get(0)).map_err(Error::internal)?;
    let zone = orderly.org_time_zone().await?;
    let today = chrono::Utc::now().with_timezone(&zone).date_naive();
    let mut out = format!(
        "statistics on {orders} orders (SQLite, zone {}), {reps} runs each, milliseconds\n{:<50} {:>9} {:>9} {:>9} {:>9} {:>6}\n",
        zone.name(),
        "figure",
        "ours p50",
        "ours p99",
        "raw p50",
        "raw p99",
        "cells"
    );
    let mut chart_input = None;
    for tile in TILES.iter().chain([&BACKLOG_BY_ASSIGNEE]) {
        let q = query(tile, today);
        let mut ours = Vec::with_capacity(reps);
        let mut result = None;
        for _ in 0..reps {
            let t = Instant::now();
            result = Some(orderly.stats(actor, &q).await?);
            ours.push(t.elapsed());
        }
        let result = result.expect("one run");
        let cells: usize = result.series.iter().map(|s| s.points.len()).sum();
        let sql = metric_sql(q.metric, q.statistic, q.group_by, &buckets(&q, zone)?);
        let mut rawt = Vec::with_capacity(reps);
        for _ in 0..reps {
            let t = Instant::now();
            let mut stmt = raw.prepare_cached(&sql).map_err(Error::internal)?;
            let mut rows = stmt.query([]).map_err(Error::internal)?;
            let mut n = 0usize;
            while let Some(row) = rows.next().map_err(Error::internal)? {
                let _: (i64, Option<String>, Option<f64>) = (
                    row.get(0).map_err(Error::internal)?,
                    row.get(1).map_err(Error::internal)?,
                    row.get(2).map_err(Error::internal)?,
                );
                n += 1;
            }
            std::hint::black_box(n);
            rawt.push(t.elapsed());
        }
        out.push_str(&format!(
            "{:<50} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>6}\n",
            tile.name,
            percentile(&mut ours.clone(), 0.5),
            percentile(&mut ours, 0.99),
            percentile(&mut rawt.clone(), 0.5),
            percentile(&mut rawt, 0.99),
            cells
        ));
        chart_input.get_or_insert(result);
    }
    out.push_str(&chart_figures(chart_input.as_ref().expect("a tile ran"), reps)?);
    out.push_str("(ours = service call: periods, SQL through sqlx Any, series; raw = rusqlite running the same SQL)");
    Ok(out)
}

/// Rendering the first tile's chart (fonts discovered once, as the app does at start).
fn chart_figures(result: &crate::domain::stats::StatsResult, reps: usize) -> Result<String> {
    let book = orderly_charts::FontBook::discover();
    let spec = crate::charts::stats_chart(result, orderly_charts::ChartKind::Line, 960, 540);
    let mut svg = Vec::with_capacity(reps);
    let mut png = Vec::with_capacity(reps);
    for _ in 0..reps {
        let t = Instant::now();
        std::hint::black_box(orderly_charts::render_svg(&spec, &book).map_err(Error::internal)?);
        svg.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(orderly_charts::render_png(&spec, &book).map_err(Error::internal)?);
        png.push(t.elapsed());
    }
    Ok(format!(
        "{:<50} {:>9.1} {:>9.1} {:>9} {:>9}\n{:<50} {:>9.1} {:>9.1} {:>9} {:>9}\n",
        "chart render: line 960x540 SVG (first tile)",
        percentile(&mut svg.clone(), 0.5),
        percentile(&mut svg, 0.99),
        "-",
        "-",
        "chart render: line 960x540 PNG (first tile)",
        percentile(&mut png.clone(), 0.5),
        percentile(&mut png, 0.99),
        "-",
        "-"
    ))
}
