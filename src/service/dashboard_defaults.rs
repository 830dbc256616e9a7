//! The built-in dashboards (issue #8): what a supervisor and a dispatcher see before arranging
//! their own. Not stored: every user who may see statistics gets them, and may clone one.

use super::dashboards::Dashboard;
use crate::domain::dashboard::{Tile, TileChart};
use crate::domain::stats::{GroupBy, Metric, Period, Statistic};

pub const SUPERVISOR_ID: &str = "default-supervisor";
pub const DISPATCHER_ID: &str = "default-dispatcher";

pub fn is_default_id(id: &str) -> bool {
    id == SUPERVISOR_ID || id == DISPATCHER_ID
}

fn tile(id: &str, metric: Metric, period: Period, last: u32, chart: TileChart) -> Tile {
    Tile { id: id.into(), title: None, metric, statistic: Statistic::Mean, group_by: None, period, last, chart }
}

fn grouped(mut t: Tile, group: GroupBy) -> Tile {
    t.group_by = Some(group);
    t
}

fn median(mut t: Tile) -> Tile {
    t.statistic = Statistic::Median;
    t
}

/// Created, resolved and backlog by week; resolution time by month per department; SLA
/// compliance; urges; and the technicians' month as a table.
pub fn supervisor_tiles() -> Vec<Tile> {
    use Period::{Month, Week};
    vec![
        tile("created", Metric::Created, Week, 12, TileChart::Line),
        tile("resolved", Metric::Resolved, Week, 12, TileChart::Line),
        tile("backlog", Metric::Backlog, Week, 12, TileChart::Bar),
        grouped(median(tile("resolution", Metric::ResolutionTime, Month, 6, TileChart::Bar)), GroupBy::Department),
        tile("sla-response", Metric::SlaResponse, Month, 6, TileChart::Line),
        tile("sla-resolution", Metric::SlaResolution, Month, 6, TileChart::Line),
        tile("urges", Metric::Urges, Week, 12, TileChart::Bar),
        grouped(tile("technicians", Metric::Resolved, Month, 3, TileChart::Table), GroupBy::Assignee),
    ]
}

/// What waits by status category, what comes in by day and each assignee's load.
pub fn dispatcher_tiles() -> Vec<Tile> {
    vec![
        grouped(
            tile("backlog-status", Metric::Backlog, Period::Day, 14, TileChart::StackedBar),
            GroupBy::StatusCategory,
        ),
        tile("open-now", Metric::Backlog, Period::Day, 1, TileChart::Number),
        tile("created-daily", Metric::Created, Period::Day, 30, TileChart::Bar),
        grouped(tile("assignee-load", Metric::Backlog, Period::Day, 1, TileChart::Table), GroupBy::Assignee),
    ]
}

pub fn default_dashboards() -> Vec<Dashboard> {
    let built_in = |id: &str, kind: &str, name: &str, tiles: Vec<Tile>| Dashboard {
        id: id.into(),
        name: name.into(),
        default_kind: Some(kind.into()),
        owner_id: String::new(),
        owner_name: String::new(),
        mine: false,
        shared: true,
        tiles,
        created_at: 0,
        updated_at: 0,
    };
    vec![
        built_in(SUPERVISOR_ID, "supervisor", "Supervisor overview", supervisor_tiles()),
        built_in(DISPATCHER_ID, "dispatcher", "Dispatch overview", dispatcher_tiles()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_dashboards_pass_their_own_checks() {
        for d in default_dashboards() {
            crate::domain::dashboard::check_tiles(&d.tiles).unwrap();
            assert!(is_default_id(&d.id));
        }
    }
}
