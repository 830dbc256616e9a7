//! The command line of dispatch and the order pool: `orderly dispatch …` and `orderly pool …`.

use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum DispatchCommand {
    /// Technicians' routes and visit times for a Solomon VRPTW instance (prints JSON)
    Route {
        file: PathBuf,
        #[arg(long, default_value_t = 1.0)]
        seconds: f64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// A batch assignment plan for an instance in the dispatch format (prints JSON)
    Solve {
        file: PathBuf,
        #[arg(long, default_value_t = 0.25)]
        seconds: f64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Technicians ranked for an order, each score explained
    Suggest { order: String },
    /// What an order needs and when it is scheduled
    Info { order: String },
    /// Assign an unassigned order automatically: smart, least_loaded or round_robin
    Auto {
        order: String,
        #[arg(long, default_value = "smart")]
        mode: String,
    },
    /// Show the dispatch rules, or replace them with a JSON file: [{"name", "template_key",
    /// "keywords": [..], "field": {"key", "value"}, "department_id", "assignee_login"}]
    Rules { file: Option<PathBuf> },
    /// Hand pooled orders nobody grabbed in time (setting pool.fallback_minutes) to smart dispatch
    PoolFallback,
    /// Record what an order needs: skill, level 1–3, minutes of work
    Needs {
        order: String,
        #[arg(long)]
        skill: Option<String>,
        #[arg(long, default_value_t = 1)]
        level: i64,
        #[arg(long, default_value_t = 60)]
        minutes: i64,
    },
    /// Assign and schedule an order onto a technician (times RFC 3339)
    Schedule {
        order: String,
        login: String,
        #[arg(long)]
        start: String,
        #[arg(long)]
        end: String,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Propose who takes the unassigned orders (all, or those named); --apply assigns them
    Batch {
        orders: Vec<String>,
        #[arg(long, default_value_t = 1.0)]
        seconds: f64,
        #[arg(long)]
        apply: bool,
    },
    /// A technician's dispatch profile
    Technician {
        login: String,
        /// available, busy or off
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        capacity_hours: Option<f64>,
        /// Working hours: a calendar name
        #[arg(long)]
        calendar: Option<String>,
        /// Last known place: LAT,LON
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        grab_limit: Option<i64>,
    },
    /// Plan a day's visits for technicians (LOGIN[,LOGIN]): order and times inside appointment
    /// windows and shifts, least driving; --accept saves the times, --map draws the route(s)
    OptimiseDay {
        #[arg(long)]
        technician: String,
        /// YYYY-MM-DD in the organisation's time zone
        #[arg(long)]
        date: String,
        #[arg(long, default_value_t = 2.0)]
        seconds: f64,
        #[arg(long, default_value_t = 1)]
        seed: u32,
        #[arg(long)]
        accept: bool,
        /// SVG file for the route map (several technicians: one file each, LOGIN added to the name)
        #[arg(long)]
        map: Option<PathBuf>,
    },
    /// A visit's appointment window (RFC 3339), parts taken from the van, confirmed time
    Visit {
        order: String,
        #[arg(long)]
        window_start: Option<String>,
        #[arg(long)]
        window_end: Option<String>,
        #[arg(long, default_value_t = 0)]
        parts: i64,
        #[arg(long)]
        confirmed: bool,
    },
    /// A technician's van: base LAT,LON and parts capacity
    Van {
        login: String,
        #[arg(long)]
        base: Option<String>,
        #[arg(long)]
        capacity: Option<i64>,
    },
}

#[derive(Subcommand, Debug)]
pub enum PoolCommand {
    /// Put an unassigned order into the pool
    Publish { order: String },
    /// Pooled orders the acting technician may grab, nearest first
    List,
    /// Grab a pooled order (as a technician: --as LOGIN)
    Grab { order: String },
    /// Show the pool rules, or replace them with a JSON file: [{"template_key", "department_id",
    /// "radius_km", "max_load_percent"}] (null = any / no limit)
    Rules { file: Option<std::path::PathBuf> },
}
