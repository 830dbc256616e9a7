//! `orderly bench stats`: the figures issue #8 asks for on a big store — a year of monthly
//! counts by status category, dashboard tiles of every kind of metric, and a chart render —
//! each beside the same aggregate as plain SQL over the orders, on SQLite or PostgreSQL.
//! Prints; asserts nothing.

use super::percentile;
use crate::domain::stats::{buckets, GroupBy, Metric, Period, Statistic, StatsQuery, WeekStart};
use crate::domain::user::Actor;
use crate::service::dashboard_defaults::default_dashboards;
use crate::service::Orderly;
use crate::store::stats::metric_sql;
use crate::store::stats_quantile;
use crate::store::stats_rollup::rollup_sql;
use crate::{Error, Result};
use chrono::{Duration, NaiveDate};
use std::time::Instant;

struct Tile {
    name: &'static str,
    metric: Metric,
    statistic: Statistic,
    period: Period,
    group_by: Option<GroupBy>,
    days: i64,
}

const fn tile(
    name: &'static str,
    metric: Metric,
    statistic: Statistic,
    period: Period,
    group_by: Option<GroupBy>,
    days: i64,
) -> Tile {
    Tile { name, metric, statistic, period, group_by, days }
}

/// The figures: the year of monthly counts by status first (its chart is the one
/// rendered), then dashboard tiles over the last 30 days, 12 weeks or 12 months.
const TILES: [Tile; 14] = [
    tile(
        "created by month x status_category, 1 year",
        Metric::Created,
        Statistic::Mean,
        Period::Month,
        Some(GroupBy::StatusCategory),
        365,
    ),
    tile("created by day x assignee, 30 d", Metric::Created, Statistic::Mean, Period::Day, Some(GroupBy::Assignee), 30),
    tile(
        "created by week x department, 12 w",
        Metric::Created,
        Statistic::Mean,
        Period::Week,
        Some(GroupBy::Department),
        84,
    ),
    tile(
        "resolved by week x department, 12 w",
        Metric::Resolved,
        Statistic::Mean,
        Period::Week,
        Some(GroupBy::Department),
        84,
    ),
    tile(
        "closed by month x priority, 1 year",
        Metric::Closed,
        Statistic::Mean,
        Period::Month,
        Some(GroupBy::Priority),
        365,
    ),
    tile("backlog by week, 12 w", Metric::Backlog, Statistic::Mean, Period::Week, None, 84),
    tile("backlog by day x assignee, 30 d", Metric::Backlog, Statistic::Mean, Period::Day, Some(GroupBy::Assignee), 30),
    tile(
        "resolution_time mean by month x assignee, 1 year",
        Metric::ResolutionTime,
        Statistic::Mean,
        Period::Month,
        Some(GroupBy::Assignee),
        365,
    ),
    tile(
        "resolution_time median by month x department, 1 year",
        Metric::ResolutionTime,
        Statistic::Median,
        Period::Month,
        Some(GroupBy::Department),
        365,
    ),
    tile("first_response_time p90 by week, 12 w", Metric::FirstResponseTime, Statistic::P90, Period::Week, None, 84),
    tile("sla_resolution by month, 1 year", Metric::SlaResolution, Statistic::Mean, Period::Month, None, 365),
    tile(
        "sla_response by week x priority, 12 w",
        Metric::SlaResponse,
        Statistic::Mean,
        Period::Week,
        Some(GroupBy::Priority),
        84,
    ),
    tile("urges by day, 30 d", Metric::Urges, Statistic::Mean, Period::Day, None, 30),
    tile("reopen_rate by month, 1 year", Metric::ReopenRate, Statistic::Mean, Period::Month, None, 365),
];

fn query(tile: &Tile, today: NaiveDate) -> StatsQuery {
    StatsQuery {
        metric: tile.metric,
        period: tile.period,
        from: today - Duration::days(tile.days - 1),
        to: today,
        group_by: tile.group_by,
        statistic: tile.statistic,
        week_start: WeekStart::Monday,
    }
}

/// The same aggregate as plain SQL on the engine's own driver: rusqlite on the SQLite file,
/// sqlx's native PostgreSQL connection on PostgreSQL. No pool, no service, no rollup.
enum Raw {
    Sqlite(rusqlite::Connection),
    Postgres(sqlx::PgConnection),
}

impl Raw {
    async fn open(orderly: &Orderly, pg_url: Option<&str>) -> Result<Raw> {
        match (orderly.store().sqlite_path(), pg_url) {
            (Some(path), _) => Ok(Raw::Sqlite(rusqlite::Connection::open(path).map_err(Error::internal)?)),
            (None, Some(url)) => {
                use sqlx::Connection;
                Ok(Raw::Postgres(sqlx::PgConnection::connect(url).await?))
            }
            (None, None) => Err(Error::internal("a PostgreSQL bench needs its URL")),
        }
    }

    async fn run(&mut self, sql: &str) -> Result<usize> {
        match self {
            Raw::Sqlite(conn) => {
                let mut stmt = conn.prepare_cached(sql).map_err(Error::internal)?;
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
                Ok(n)
            }
            Raw::Postgres(conn) => {
                use sqlx::Row;
                let rows = sqlx::query(sql).fetch_all(&mut *conn).await?;
                for row in &rows {
                    let _: (i64, Option<String>, Option<f64>) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
                }
                Ok(rows.len())
            }
        }
    }
}

/// Times each figure `reps` times through [`Orderly::stats`] (the rollup where it answers)
/// and as the straightforward aggregate in raw SQL, then every tile of the default dashboards
/// as the desktop asks for it ([`Orderly::tile_data`]: query, names and chart), and renders the
/// first figure's chart.
/// `reps` is (runs of ours, runs of the plain SQL).
pub async fn stats(orderly: &Orderly, actor: &Actor, reps: (usize, usize), pg_url: Option<&str>) -> Result<String> {
    let (reps, raw_reps) = (reps.0.max(1), reps.1.max(1));
    let mut raw = Raw::open(orderly, pg_url).await?;
    let orders: i64 = {
        let mut conn = orderly.store().pool().acquire().await?;
        sqlx::Row::try_get(&sqlx::query("SELECT COUNT(*) FROM work_orders").fetch_one(&mut *conn).await?, 0)?
    };
    let zone = orderly.org_time_zone().await?;
    let today = chrono::Utc::now().with_timezone(&zone).date_naive();
    let mut out = format!(
        "statistics on {orders} orders ({:?}, zone {}), {reps} runs each ({raw_reps} of the plain SQL), milliseconds\n{:<54} {:>8} {:>8} {:>8} {:>8} {:>6} {:>8}\n",
        orderly.store().engine(),
        zone.name(),
        "figure",
        "ours p50",
        "ours p99",
        "raw p50",
        "raw p99",
        "cells",
        "path"
    );
    let mut chart_input = None;
    for tile in &TILES {
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
        out.push_str(&line(tile.name, &q, zone, ours, cells, &mut raw, raw_reps).await?);
        chart_input.get_or_insert(result);
    }
    out.push_str(
        "default dashboard tiles (Orderly::tile_data: query, series names, chart drawn; raw = the query alone)\n",
    );
    for board in default_dashboards() {
        for tile in &board.tiles {
            let q = tile.query(today, WeekStart::Monday);
            let mut ours = Vec::with_capacity(reps);
            let mut cells = 0;
            for _ in 0..reps {
                let t = Instant::now();
                let data = orderly.tile_data(actor, tile, "en").await?;
                ours.push(t.elapsed());
                cells = data.series.iter().map(|s| s.values.len()).sum();
            }
            let name = format!(
                "{}: {} ({:?} x {})",
                board.default_kind.as_deref().unwrap_or(""),
                tile.id,
                q.period,
                tile.last
            );
            out.push_str(&line(&name, &q, zone, ours, cells, &mut raw, raw_reps).await?);
        }
    }
    out.push_str(&chart_figures(chart_input.as_ref().expect("a tile ran"), reps)?);
    out.push_str(
        "(ours = Orderly::stats: periods, SQL through sqlx Any, series; raw = the straightforward aggregate over \
         orders and history, on the engine's own driver; path = where ours read)",
    );
    Ok(out)
}

/// One figure's line: ours as timed, beside the straightforward SQL of `q` timed `reps` times.
async fn line(
    name: &str,
    q: &StatsQuery,
    zone: chrono_tz::Tz,
    mut ours: Vec<std::time::Duration>,
    cells: usize,
    raw: &mut Raw,
    reps: usize,
) -> Result<String> {
    let periods = buckets(q, zone)?;
    let sql = metric_sql(q.metric, q.statistic, q.group_by, &periods);
    let mut rawt = Vec::with_capacity(reps);
    for _ in 0..reps {
        let t = Instant::now();
        std::hint::black_box(raw.run(&sql).await?);
        rawt.push(t.elapsed());
    }
    let path = if rollup_sql(q.metric, q.statistic, q.group_by, &periods).is_some() {
        "rollup"
    } else if stats_quantile::answers(q.metric, q.statistic, q.group_by, &periods) {
        "durations"
    } else {
        "orders"
    };
    Ok(format!(
        "{:<54} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>6} {:>8}\n",
        name,
        percentile(&mut ours.clone(), 0.5),
        percentile(&mut ours, 0.99),
        percentile(&mut rawt.clone(), 0.5),
        percentile(&mut rawt, 0.99),
        cells,
        path
    ))
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
        "{:<54} {:>8.1} {:>8.1} {:>8} {:>8}\n{:<54} {:>8.1} {:>8.1} {:>8} {:>8}\n",
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
