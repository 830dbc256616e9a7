//! `orderly order transfer|review|act`, `orderly workflow …` and `orderly trigger …` (issue
//! #4): moves through an order's workflow, transfers with review, and the stored workflows and
//! triggers as JSON files.

use crate::args::OrderCommand;
use crate::output::Out;
use clap::{Args, Subcommand, ValueEnum};
use orderly::domain::trigger::Trigger;
use orderly::domain::user::Actor;
use orderly::service::transfer::TransferRequest;
use orderly::service::workflow_moves::ActInput;
use orderly::service::workflows::parse_workflow;
use orderly::service::Orderly;
use orderly::{Error, Result};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct ActArgs {
    pub id: String,
    pub action: String,
    #[arg(long)]
    pub comment: Option<String>,
    /// FIELD=VALUE set with the move (a field the action requires; repeatable)
    #[arg(long = "set")]
    pub set: Vec<String>,
    /// The version you read [default: the current one]
    #[arg(long)]
    pub version: Option<i64>,
}

#[derive(Args, Debug)]
pub struct TransferArgs {
    pub id: String,
    /// The target department (name or id)
    #[arg(long)]
    pub to: String,
    /// Convert to this template when approved
    #[arg(long)]
    pub template: Option<String>,
    #[arg(long)]
    pub reason: String,
    #[arg(long)]
    pub version: Option<i64>,
}

#[derive(Args, Debug)]
pub struct ReviewArgs {
    pub id: String,
    pub decision: ReviewDecision,
    #[arg(long)]
    pub comment: Option<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum ReviewDecision {
    Approve,
    Reject,
}

#[derive(Subcommand, Debug)]
pub enum WorkflowCommand {
    /// Every stored workflow with the templates that use it (others use `default`)
    List,
    /// Store a workflow from a JSON definition (checked; the key's next version)
    Import {
        file: PathBuf,
        /// A template that follows this workflow from now on (repeatable)
        #[arg(long = "template")]
        templates: Vec<String>,
    },
    /// Export a workflow as JSON (to FILE or standard output)
    Export { key: String, file: Option<PathBuf> },
}

#[derive(Subcommand, Debug)]
pub enum TriggerCommand {
    /// The triggers in run order
    List,
    /// Replace the triggers with a JSON list (all checked first; all or nothing)
    Import { file: PathBuf },
    /// Export the triggers as JSON (to FILE or standard output)
    Export { file: Option<PathBuf> },
    /// Dry run: what TRIGGER would do to ORDER now, writing nothing
    Test { trigger: String, order: String },
}

pub(crate) fn read(file: &Path) -> Result<String> {
    std::fs::read_to_string(file).map_err(|_| Error::invalid("import.file_missing").with("value", file.display()))
}

pub(crate) fn write(file: Option<PathBuf>, value: &Value, out: &Out) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(Error::internal)?;
    match file {
        Some(path) => {
            std::fs::write(&path, text + "\n")
                .map_err(|_| Error::invalid("cli.file_unwritable").with("value", path.display()))?;
            out.done(&path.display().to_string());
        }
        None => println!("{text}"),
    }
    Ok(())
}

pub async fn workflow(orderly: &Orderly, actor: &Actor, cmd: WorkflowCommand, out: &Out) -> Result<()> {
    match cmd {
        WorkflowCommand::List => out.value(&orderly.workflows(actor).await?),
        WorkflowCommand::Import { file, templates } => {
            let def = parse_workflow(&read(&file)?)?;
            let key = def.key.clone();
            let version = orderly.import_workflow(actor, def, &templates).await?;
            out.value(&json!({"key": key, "version": version, "templates": templates}));
        }
        WorkflowCommand::Export { key, file } => {
            let def = orderly.workflow(actor, &key).await?;
            write(file, &serde_json::to_value(def).map_err(Error::internal)?, out)?;
        }
    }
    Ok(())
}

pub async fn trigger(orderly: &Orderly, actor: &Actor, cmd: TriggerCommand, out: &Out) -> Result<()> {
    match cmd {
        TriggerCommand::List => out.value(&orderly.triggers(actor).await?),
        TriggerCommand::Import { file } => {
            let text = read(&file)?;
            let list: Vec<Trigger> = serde_json::from_str(&text).map_err(|e| Error::from(e).on_field("triggers"))?;
            out.value(&orderly.import_triggers(actor, list).await?);
        }
        TriggerCommand::Export { file } => {
            let list = orderly.triggers(actor).await?;
            write(file, &serde_json::to_value(list).map_err(Error::internal)?, out)?;
        }
        TriggerCommand::Test { trigger, order } => out.value(&orderly.test_trigger(actor, &trigger, &order).await?),
    }
    Ok(())
}

/// `order transfer`, `order review` and `order act`.
pub async fn order_move(orderly: &Orderly, actor: &Actor, cmd: OrderCommand, out: &Out) -> Result<()> {
    let version = |given: Option<i64>, id: String| async move {
        match given {
            Some(v) => Ok::<i64, Error>(v),
            None => Ok(orderly.get_order(actor, &id).await?.version),
        }
    };
    match cmd {
        OrderCommand::Transfer(TransferArgs { id, to, template, reason, version: v }) => {
            let department_id = crate::department_id(orderly, actor, &to).await.map_err(|e| e.on_field("to"))?;
            let version = version(v, id.clone()).await?;
            let request = TransferRequest { version, department_id, template_key: template, reason };
            out.order(&orderly.request_transfer(actor, &id, request).await?);
        }
        OrderCommand::Review(ReviewArgs { id, decision, comment }) => {
            let approve = matches!(decision, ReviewDecision::Approve);
            out.order(&orderly.review_transfer(actor, &id, approve, comment).await?);
        }
        OrderCommand::Act(ActArgs { id, action, comment, set, version: v }) => {
            let values =
                set.iter().map(|s| crate::orders::parse_set(s)).collect::<Result<BTreeMap<String, Value>>>()?;
            let version = version(v, id.clone()).await?;
            let input = ActInput { comment, values, ..Default::default() };
            out.order(&orderly.act(actor, &id, version, &action, input).await?);
        }
        other => unreachable!("not a workflow move: {other:?}"),
    }
    Ok(())
}
