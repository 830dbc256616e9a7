//! `orderly order collaborator|link|unlink|star|important|bulk-assign|bulk-status`,
//! `orderly filter …` and `orderly time-rule …`.

use crate::args::OrderCommand;
use crate::args_processing::{CollaboratorCommand, FilterCommand, TimeRuleCommand};
use crate::output::Out;
use crate::workflow::{read, write};
use orderly::domain::processing::Mark;
use orderly::domain::time_rule::TimeRule;
use orderly::domain::user::Actor;
use orderly::service::bulk::{BulkChange, BulkReport};
use orderly::service::processing::NewSavedFilter;
use orderly::service::Orderly;
use orderly::{Error, Result};

pub async fn order(orderly: &Orderly, actor: &Actor, cmd: OrderCommand, out: &Out) -> Result<()> {
    let processing = match cmd {
        OrderCommand::Collaborator(CollaboratorCommand::Add { id, user }) => {
            orderly.add_collaborator(actor, &id, &user).await?
        }
        OrderCommand::Collaborator(CollaboratorCommand::Remove { id, user }) => {
            orderly.remove_collaborator(actor, &id, &user).await?
        }
        OrderCommand::Link(a) => orderly.link_orders(actor, &a.id, &a.other, &a.kind).await?,
        OrderCommand::Unlink { id, other } => orderly.unlink_orders(actor, &id, &other).await?,
        OrderCommand::Star(a) => orderly.set_mark(actor, &a.id, Mark::Star, !a.off).await?,
        OrderCommand::Important(a) => orderly.set_mark(actor, &a.id, Mark::Important, !a.off).await?,
        OrderCommand::BulkAssign(a) => {
            let assignee_id = match a.to.as_str() {
                "none" => None,
                login => Some(orderly.actor(login).await.map_err(|e| e.on_field("to"))?.user_id),
            };
            let change = BulkChange::Assign { assignee_id };
            return bulk(orderly, actor, &a.ids, &change, out).await;
        }
        OrderCommand::BulkStatus(a) => {
            let change = BulkChange::Act { action: a.action, comment: a.comment };
            return bulk(orderly, actor, &a.ids, &change, out).await;
        }
        _ => unreachable!("routed here by orders::run"),
    };
    out.value(&processing);
    Ok(())
}

/// Prints the report; when an order was refused, exits with that refusal's code (after the
/// others were done), its message in the user's language.
async fn bulk(orderly: &Orderly, actor: &Actor, ids: &[String], change: &BulkChange, out: &Out) -> Result<()> {
    let report: BulkReport =
        orderly.bulk_change(actor, ids, change, |done, total| out.progress(done as u64, total as u64)).await?;
    out.value(&report);
    if !out.json {
        for outcome in &report.outcomes {
            if let Some(e) = &outcome.error {
                eprintln!("orderly: {}: {}", outcome.order, e.message(&out.lang));
            }
        }
    }
    match report.outcomes.into_iter().find_map(|o| o.error) {
        Some(first) => Err(first),
        None => Ok(()),
    }
}

pub async fn filter(orderly: &Orderly, actor: &Actor, cmd: FilterCommand, out: &Out) -> Result<()> {
    match cmd {
        FilterCommand::List => out.value(&orderly.saved_filters(actor).await?),
        FilterCommand::Save { name, list } => {
            let filter = crate::orders::filter(orderly, *list).await?;
            out.value(&orderly.save_filter(actor, NewSavedFilter { name, filter }).await?)
        }
        FilterCommand::Delete { name } => {
            orderly.delete_saved_filter(actor, &name).await?;
            out.done(&name);
        }
    }
    Ok(())
}

pub async fn time_rule(orderly: &Orderly, actor: &Actor, cmd: TimeRuleCommand, out: &Out) -> Result<()> {
    match cmd {
        TimeRuleCommand::List => out.value(&orderly.time_rules(actor).await?),
        TimeRuleCommand::Import { file } => {
            let text = read(&file)?;
            let list: Vec<TimeRule> = serde_json::from_str(&text).map_err(|e| Error::from(e).on_field("time_rules"))?;
            out.value(&orderly.set_time_rules(actor, list).await?);
        }
        TimeRuleCommand::Export { file } => {
            let list = orderly.time_rules(actor).await?;
            write(file, &serde_json::to_value(list).map_err(Error::internal)?, out)?;
        }
    }
    Ok(())
}
