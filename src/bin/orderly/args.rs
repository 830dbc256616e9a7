//! The command line: global options before the command, as the README documents.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

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
    /// Assign to a login ("none" unassigns)
    Assign {
        id: String,
        login: String,
        /// The version you read [default: the current one]
        #[arg(long)]
        version: Option<i64>,
    },
    /// Change the status (a status key such as in_progress, done, closed)
    Status {
        id: String,
        status: String,
        #[arg(long)]
        version: Option<i64>,
    },
    /// Add a comment (public unless --internal)
    Comment {
        id: String,
        text: String,
        #[arg(long)]
        internal: bool,
    },
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
}

#[derive(Args, Debug)]
pub struct SeedArgs {
    #[arg(long)]
    pub orders: u64,
    #[arg(long, default_value_t = 50)]
    pub technicians: u32,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
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
}
