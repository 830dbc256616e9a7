//! Arguments of processing commands (issue #4): collaborators, links, marks, bulk changes,
//! saved filters and time rules.

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum CollaboratorCommand {
    /// Add a collaborator (login): they see the order and may comment, whatever their department
    Add { id: String, user: String },
    /// Remove a collaborator (login); anyone may remove themselves
    Remove { id: String, user: String },
}

#[derive(Args, Debug)]
pub struct LinkArgs {
    pub id: String,
    pub other: String,
    /// related, duplicate_of (ID repeats OTHER), parent_of or child_of
    #[arg(long, default_value = "related")]
    pub kind: String,
}

#[derive(Args, Debug)]
pub struct MarkArgs {
    pub id: String,
    /// Clear the mark instead of setting it
    #[arg(long)]
    pub off: bool,
}

#[derive(Args, Debug)]
pub struct BulkAssignArgs {
    /// The login who takes the orders ("none" unassigns)
    #[arg(long)]
    pub to: String,
    /// Order ids or numbers (at most 500)
    #[arg(required = true)]
    pub ids: Vec<String>,
}

#[derive(Args, Debug)]
pub struct BulkStatusArgs {
    /// The workflow action: start, resolve, suspend, resume, close, reopen, cancel …
    #[arg(long)]
    pub action: String,
    /// Why, for actions that need a comment
    #[arg(long)]
    pub comment: Option<String>,
    /// Order ids or numbers (at most 500)
    #[arg(required = true)]
    pub ids: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum FilterCommand {
    /// Your saved filters
    List,
    /// Save a list filter under a name (the options of `order list`; paging is not kept)
    Save {
        name: String,
        #[command(flatten)]
        list: Box<crate::args::ListArgs>,
    },
    /// Delete one of your filters (by name or id)
    Delete { name: String },
}

#[derive(Subcommand, Debug)]
pub enum TimeRuleCommand {
    /// The time rules in run order
    List,
    /// Replace the time rules with a JSON list (all checked first; all or nothing)
    Import { file: PathBuf },
    /// Export the time rules as JSON (to FILE or standard output)
    Export { file: Option<PathBuf> },
}
