//! The command line: global options before the command, as the README documents.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

pub use crate::args_dispatch::{DispatchCommand, PoolCommand};

#[derive(Parser, Debug)]
#[command(
    name = "orderly",
    version,
    about = "Orderly work orders: admin and headless CLI over the same service API as the desktop app"
)]
pub struct Cli {
    /// SQLite file or postgres:// URL [default: the desktop app's own store]
    #[arg(long, global = false, env = "ORDERLY_DB")]
    pub db: Option<String>,
    /// Act as this login [default: $ORDERLY_USER, else the first admin]
    #[arg(long = "as", env = "ORDERLY_USER")]
    pub as_login: Option<String>,
    /// Print one JSON document instead of text
    #[arg(long)]
    pub json: bool,
    /// Language of messages: en, zh-CN, es [default: from LANG]
    #[arg(long)]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create or migrate the store (the first admin is "admin")
    Init,
    /// Manage users
    #[command(subcommand)]
    User(UserCommand),
    /// Manage departments
    #[command(subcommand)]
    Department(DepartmentCommand),
    /// Work orders
    #[command(subcommand)]
    Order(OrderCommand),
    /// Fill the store with realistic orders in Chinese, Spanish and English
    Seed(SeedArgs),
    /// Benchmarks that print figures
    #[command(subcommand)]
    Bench(BenchCommand),
    /// A consistent copy of the SQLite store, safe while the app runs
    Backup { file: PathBuf },
    /// Dispatch engines: batch assignment and day routing
    #[command(subcommand)]
    Dispatch(DispatchCommand),
    /// SLA: the what-if calculator, the scheduler tick and policies
    #[command(subcommand)]
    Sla(SlaCommand),
    /// Business calendars
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// The order pool (抢单)
    #[command(subcommand)]
    Pool(PoolCommand),
    /// Statistics: one metric by day, week or month in the organisation's time zone, as a
    /// table, JSON (--json), CSV (--csv) or a chart file (--chart line|bar --out FILE.svg|.png)
    Stats(Box<StatsArgs>),
    /// Organisation settings: `org.time_zone` (an IANA zone such as Asia/Shanghai; default: the
    /// system's zone) cuts statistics periods
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// Templates: the library, versions, import/export as JSON, publishing, mappings
    #[command(subcommand)]
    Template(TemplateCommand),
    /// Attachments: store a file for a template's attachment field, read one back
    #[command(subcommand)]
    Attachment(crate::attachments::AttachmentCommand),
    /// Workflows: list, import and export (which statuses and actions orders follow)
    #[command(subcommand)]
    Workflow(crate::workflow::WorkflowCommand),
    /// Triggers on create and update: list, import, export, dry run on an order
    #[command(subcommand)]
    Trigger(crate::workflow::TriggerCommand),
    /// Your saved order-list filters
    #[command(subcommand)]
    Filter(crate::args_processing::FilterCommand),
    /// Time rules run by the scheduler: list, import, export
    #[command(subcommand)]
    TimeRule(crate::args_processing::TimeRuleCommand),
    /// Reports: named sets of tiles rendered to one HTML file, on demand or on a schedule
    #[command(subcommand)]
    Report(crate::reports::ReportCommand),
    /// The acting user's notifications
    Inbox {
        /// Only unread ones
        #[arg(long)]
        unread: bool,
        /// Mark them all read
        #[arg(long)]
        mark_read: bool,
    },
}

#[derive(Args, Debug)]
pub struct StatsArgs {
    /// created, resolved, closed, backlog, first_response_time, resolution_time, sla_response,
    /// sla_resolution, urges or reopen_rate
    #[arg(long)]
    pub metric: Option<String>,
    /// day, week (ISO 8601, labelled 2025-W03) or month
    #[arg(long, default_value = "month")]
    pub period: String,
    /// First day, YYYY-MM-DD in the organisation's zone [default: 30 days, 12 weeks or 12
    /// months before --to]
    #[arg(long)]
    pub from: Option<String>,
    /// Last day, inclusive [default: today]
    #[arg(long)]
    pub to: Option<String>,
    /// status_category, template, department, assignee, priority or customer_group
    #[arg(long)]
    pub group_by: Option<String>,
    /// For durations: mean, median or p90
    #[arg(long, default_value = "mean")]
    pub stat: String,
    /// First day of a week: monday (ISO) or sunday
    #[arg(long, default_value = "monday")]
    pub week_start: String,
    /// Print CSV (group,period,value)
    #[arg(long)]
    pub csv: bool,
    /// Write a chart: line or bar (needs --out)
    #[arg(long)]
    pub chart: Option<String>,
    /// The chart file: .svg or .png; without --chart also .csv or .xlsx (every row, labelled in
    /// the user's language; a line chart for .svg/.png)
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Per technician instead: completed, booked load, mean handling time, SLA compliance
    #[arg(long)]
    pub technicians: bool,
}

#[derive(Subcommand, Debug)]
pub enum SettingsCommand {
    /// Show a setting (org.time_zone)
    Get { key: String },
    /// Change a setting: `settings set org.time_zone Asia/Shanghai`
    Set { key: String, value: String },
    /// The mail server scheduled reports are sent through (admins):
    /// `settings smtp --host H [--port P] [--security none|starttls|tls] [--user U --password P] --from ADDR`
    Smtp(crate::reports::SmtpArgs),
}

#[derive(Subcommand, Debug)]
pub enum SlaCommand {
    /// Due times, breaches and the timeline of a case (see docs: shared/sla/FORMAT.md)
    Compute { file: PathBuf },
    /// Run the SLA scheduler once as of a time (RFC 3339; default now)
    Tick {
        #[arg(long)]
        now: Option<String>,
        #[arg(long, default_value_t = 500)]
        limit: i64,
    },
    /// An order's SLA explained: policy, calendar, due times and timeline
    Show {
        id: String,
        #[arg(long)]
        now: Option<String>,
    },
    /// SLA policies
    #[command(subcommand)]
    Policy(TransferCommand),
}

#[derive(Subcommand, Debug)]
pub enum CalendarCommand {
    /// List calendars
    List,
    /// Import calendars: a JSON document, or an iCalendar (.ics) file of holidays added to --into
    Import {
        file: PathBuf,
        /// With an .ics file: the calendar that receives the holidays
        #[arg(long)]
        into: Option<String>,
    },
    /// Export calendars as JSON (to FILE or standard output)
    Export { file: Option<PathBuf> },
}

#[derive(Subcommand, Debug)]
pub enum TransferCommand {
    /// List them
    List,
    /// Import a JSON document (all or nothing)
    Import { file: PathBuf },
    /// Export as JSON (to FILE or standard output)
    Export { file: Option<PathBuf> },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Add a user
    Add {
        login: String,
        #[arg(long)]
        name: String,
        /// admin, supervisor, dispatcher, agent or technician (repeatable)
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        /// Department name or id
        #[arg(long)]
        department: Option<String>,
        /// SKILL:LEVEL with LEVEL 1–3 (repeatable)
        #[arg(long = "skill")]
        skills: Vec<String>,
        #[arg(long)]
        password: Option<String>,
    },
    /// List users
    List,
}

#[derive(Subcommand, Debug)]
pub enum DepartmentCommand {
    /// Add a department
    Add {
        name: String,
        /// Parent department name or id
        #[arg(long)]
        parent: Option<String>,
    },
    /// List departments
    List,
}

#[derive(Subcommand, Debug)]
pub enum OrderCommand {
    /// Create an order
    Create(CreateArgs),
    /// Import orders from JSON lines (FILE or - for standard input)
    Import {
        #[arg(default_value = "-")]
        file: String,
        /// Lines per transaction
        #[arg(long, default_value_t = 500)]
        batch: usize,
    },
    /// List orders, newest first
    List(ListArgs),
    /// Show one order with its history and comments
    Show { id: String },
    /// Change fields, naming the version you read
    Update {
        id: String,
        #[arg(long)]
        version: i64,
        /// FIELD=VALUE; VALUE is read as JSON when it parses, else as text (repeatable)
        #[arg(long = "set", required = true)]
        set: Vec<String>,
    },
    /// Assign to a login ("none" unassigns); with --reason, reassign (改派) or transfer (转单)
    Assign {
        id: String,
        #[arg(required_unless_present_any = ["to", "department"], conflicts_with = "to")]
        login: Option<String>,
        /// The login who takes the order over ("none": nobody, into the queue)
        #[arg(long)]
        to: Option<String>,
        /// Transfer (转单) to this department's queue (name or id); needs --reason
        #[arg(long, requires = "reason")]
        department: Option<String>,
        /// Why it is handed over; kept in the history and told to the new assignee
        #[arg(long)]
        reason: Option<String>,
        /// The version you read [default: the current one]
        #[arg(long)]
        version: Option<i64>,
    },
    /// Urge an order (催单): counted, and the assignee and supervisors are told
    Urge { id: String },
    /// Change the status (a status key such as in_progress, done, closed)
    Status {
        id: String,
        status: String,
        #[arg(long)]
        version: Option<i64>,
    },
    /// Take a workflow action (start, resolve, close …), refused with the reason
    Act(crate::workflow::ActArgs),
    /// Ask to transfer to another department (待转); a reviewer there approves or rejects
    Transfer(crate::workflow::TransferArgs),
    /// Approve or reject the pending transfer (a reject needs --comment)
    Review(crate::workflow::ReviewArgs),
    /// Add a comment (public unless --internal)
    Comment {
        id: String,
        text: String,
        #[arg(long)]
        internal: bool,
    },
    /// Convert to another template through the stored mapping (number, history and comments
    /// stay; values with no place are kept under values._unmapped)
    Convert {
        id: String,
        /// The target template's key
        #[arg(long)]
        to: String,
        /// The order's version you read [default: the current one]
        #[arg(long)]
        version: Option<i64>,
        /// A published version of the target [default: its latest]
        #[arg(long)]
        template_version: Option<i32>,
        /// Values for target fields the mapping leaves empty, as a JSON object
        #[arg(long)]
        values: Option<String>,
        /// Only show where each value would go (or that it is kept aside); change nothing
        #[arg(long, conflicts_with_all = ["version", "values"])]
        preview: bool,
    },
    /// Collaborators from any department: add or remove
    #[command(subcommand)]
    Collaborator(crate::args_processing::CollaboratorCommand),
    /// Link two orders (both show the link; both histories record it)
    Link(crate::args_processing::LinkArgs),
    /// Remove the link between two orders
    Unlink { id: String, other: String },
    /// Star an order for yourself (--off clears it)
    Star(crate::args_processing::MarkArgs),
    /// Mark an order important for yourself (--off clears it)
    Important(crate::args_processing::MarkArgs),
    /// Assign many orders (at most 500), each on its own: one refusal does not stop the others
    BulkAssign(crate::args_processing::BulkAssignArgs),
    /// Take one workflow action on many orders (at most 500), each on its own
    BulkStatus(crate::args_processing::BulkStatusArgs),
}

#[derive(Subcommand, Debug)]
pub enum TemplateCommand {
    /// Every template's latest published version
    List,
    /// A template version's definition (JSON)
    Show {
        key: String,
        #[arg(long)]
        version: Option<i32>,
    },
    /// Import a definition (JSON file): checked, then published as the key's next version
    Import {
        file: PathBuf,
        /// Keep it as a draft instead of publishing it
        #[arg(long)]
        draft: bool,
    },
    /// Write a definition as JSON (to FILE, else standard output)
    Export {
        key: String,
        file: Option<PathBuf>,
        #[arg(long)]
        version: Option<i32>,
    },
    /// Publish the key's draft as its next version
    Publish { key: String },
    /// Copy a template (a built-in one) into a draft of a new key
    Clone { from: String, key: String },
    /// Show the mapping FROM -> TO, or replace it with a JSON file {"fields": {...}, "options": {...}}
    Mapping { from: String, to: String, file: Option<PathBuf> },
    /// What changed from version FROM to version TO of a template (drafts too)
    Diff { key: String, from: i32, to: i32 },
}

#[derive(Args, Debug)]
pub struct CreateArgs {
    #[arg(long)]
    pub title: String,
    #[arg(long)]
    pub description: Option<String>,
    /// P1 (most urgent) .. P5
    #[arg(long)]
    pub priority: Option<String>,
    #[arg(long)]
    pub template: Option<String>,
    /// Custom field values as a JSON object
    #[arg(long)]
    pub values: Option<String>,
    /// Department name or id
    #[arg(long)]
    pub department: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    /// Where the work is: LAT,LON
    #[arg(long)]
    pub at: Option<String>,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// Status key (repeatable)
    #[arg(long)]
    pub status: Vec<String>,
    /// P1..P5 (repeatable)
    #[arg(long)]
    pub priority: Vec<String>,
    /// A login, or "none" for unassigned orders
    #[arg(long)]
    pub assignee: Option<String>,
    /// Full-text search over number, title, description and comments
    #[arg(long)]
    pub search: Option<String>,
    /// created_desc, created_asc, updated_desc or priority_asc
    #[arg(long, default_value = "created_desc")]
    pub sort: String,
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    /// The "next" cursor of the previous page
    #[arg(long)]
    pub after: Option<String>,
    /// Only orders whose template select field KEY holds VALUE: --field channel=wechat
    #[arg(long)]
    pub field: Option<String>,
    /// Only orders of this template
    #[arg(long)]
    pub template: Option<String>,
    /// all, mine, unassigned, awaiting_response, starred, important or overdue
    #[arg(long)]
    pub view: Option<String>,
}

#[derive(Args, Debug)]
pub struct SeedArgs {
    #[arg(long)]
    pub orders: u64,
    #[arg(long, default_value_t = 50)]
    pub technicians: u32,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// An empty store only: one transaction, statistics triggers suspended and the statistics
    /// tables filled afterwards by the migrations' backfill (for big benchmark stores)
    #[arg(long)]
    pub bulk: bool,
}

#[derive(Subcommand, Debug)]
pub enum BenchCommand {
    /// List, search and create figures on the store, each beside raw SQLite
    Store {
        /// Timed repetitions of each read
        #[arg(long, default_value_t = 200)]
        reps: usize,
        /// Timed durable creates
        #[arg(long, default_value_t = 300)]
        creates: usize,
    },
    /// Day routing on Solomon instances: gap to the best known distance at each time budget
    Route {
        #[arg(long, default_value = "tests/data/solomon")]
        dir: PathBuf,
        /// Time budgets in seconds (repeatable)
        #[arg(long = "seconds", default_values_t = vec![1.0, 10.0])]
        seconds: Vec<f64>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Batch assignment on the dispatch samples beside the exact solver and the baselines,
    /// and the one-order ranking over 500 technicians
    Dispatch {
        #[arg(long, default_value = "tests/data/dispatch")]
        dir: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Statistics on a store (copy a big one first): a year of monthly counts by status, the
    /// default dashboard tiles and a chart, each beside the same SQL through rusqlite
    Stats {
        /// The SQLite store to measure [default: --db]
        #[arg(long)]
        db: Option<String>,
        /// Timed repetitions of each figure
        #[arg(long, default_value_t = 20)]
        reps: usize,
        /// Timed repetitions of each plain-SQL reference [default: --reps] (at 1M orders a
        /// plain backlog takes tens of seconds)
        #[arg(long)]
        raw_reps: Option<usize>,
        /// Also measure this PostgreSQL store (a `postgres://` URL with its database)
        #[arg(long)]
        pg: Option<String>,
    },
    /// One SLA scheduler tick over a store of open orders (a new SQLite file in a temp folder)
    Sla {
        #[arg(long, default_value_t = 100_000)]
        orders: u64,
        /// Orders whose next check has come at the timed tick
        #[arg(long, default_value_t = 20)]
        due: u64,
    },
    /// The order list filtered by a select field's value over many orders and templates,
    /// beside the plain SQL over the values JSON
    Templates {
        #[arg(long, default_value_t = 100_000)]
        orders: u64,
        #[arg(long, default_value_t = 20)]
        templates: u32,
        /// Fill and measure this store (a postgres:// URL of an empty database, or a new SQLite
        /// file) [default: a new SQLite file in a temporary folder, removed afterwards]
        #[arg(long)]
        db: Option<String>,
    },
}
