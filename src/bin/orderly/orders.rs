//! `orderly order …`

use crate::args::{CreateArgs, ListArgs, OrderCommand};
use crate::output::Out;
use orderly::domain::history::NewComment;
use orderly::domain::order::{FieldFilter, Location, NewOrder, OrderFilter, OrderSort, OrderUpdate};
use orderly::domain::user::Actor;
use orderly::service::handover::Handover;
use orderly::service::template_orders::OrderConversion;
use orderly::service::Orderly;
use orderly::{Error, Result};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::BufRead;

pub async fn run(orderly: &Orderly, actor: &Actor, cmd: OrderCommand, out: &Out) -> Result<()> {
    match cmd {
        OrderCommand::Create(a) => {
            out.order(&orderly.create_order_from(actor, new_order(orderly, actor, a).await?, "cli").await?)
        }
        OrderCommand::Import { file, batch } => import(orderly, actor, &file, batch.max(1), out).await?,
        OrderCommand::List(a) => out.page(&orderly.list_orders(actor, filter(orderly, a).await?).await?),
        OrderCommand::Show { id } => out.detail(&orderly.order_detail(actor, &id).await?),
        OrderCommand::Update { id, version, set } => {
            let set = set.iter().map(|s| parse_set(s)).collect::<Result<BTreeMap<String, Value>>>()?;
            out.order(&orderly.update_order(actor, &id, OrderUpdate { version, set }).await?)
        }
        OrderCommand::Assign { id, login, to, department, reason, version } => {
            let version = current_version(orderly, actor, &id, version).await?;
            let assignee = match login.or(to).as_deref() {
                None | Some("none") => None,
                Some(login) => Some(orderly.actor(login).await.map_err(|e| e.on_field("assignee"))?.user_id),
            };
            match reason {
                Some(reason) => {
                    let department_id = match department {
                        Some(d) => Some(crate::department_id(orderly, actor, &d).await?),
                        None => None,
                    };
                    let order_id = id.clone();
                    let handover = Handover { order_id, version, assignee_id: assignee, department_id, reason };
                    out.order(&orderly.hand_over(actor, handover).await?)
                }
                None => out.order(&orderly.assign_order(actor, &id, assignee, version).await?),
            }
        }
        OrderCommand::Status { id, status, version } => {
            let version = current_version(orderly, actor, &id, version).await?;
            out.order(&orderly.change_status(actor, &id, &status, version).await?)
        }
        cmd @ (OrderCommand::Transfer(_) | OrderCommand::Review(_) | OrderCommand::Act(_)) => {
            crate::workflow::order_move(orderly, actor, cmd, out).await?
        }
        OrderCommand::Urge { id } => out.order(&orderly.urge_order(actor, &id).await?),
        OrderCommand::Comment { id, text, internal } => {
            out.value(&orderly.add_comment(actor, &id, NewComment { body: text, public: !internal }).await?)
        }
        cmd @ (OrderCommand::Collaborator(_)
        | OrderCommand::Link(_)
        | OrderCommand::Unlink { .. }
        | OrderCommand::Star(_)
        | OrderCommand::Important(_)
        | OrderCommand::BulkAssign(_)
        | OrderCommand::BulkStatus(_)) => crate::processing::order(orderly, actor, cmd, out).await?,
        OrderCommand::Convert { id, to, template_version, preview: true, .. } => {
            out.value(&orderly.conversion_preview(actor, &id, &to, template_version).await?)
        }
        OrderCommand::Convert { id, to, version, template_version, values, preview: false } => {
            let version = current_version(orderly, actor, &id, version).await?;
            let values = json_arg(values.as_deref(), "values")?;
            let conversion = OrderConversion { to_key: to, template_version, version, values };
            out.order(&orderly.convert_order(actor, &id, conversion).await?)
        }
    }
    Ok(())
}

/// The version to name: the one given, else the one stored now (the CLI reads, then writes).
async fn current_version(orderly: &Orderly, actor: &Actor, id: &str, given: Option<i64>) -> Result<i64> {
    match given {
        Some(v) => Ok(v),
        None => Ok(orderly.get_order(actor, id).await?.version),
    }
}

/// `FIELD=VALUE`, VALUE as JSON when it parses, else as text.
pub(crate) fn parse_set(text: &str) -> Result<(String, Value)> {
    let (field, value) = text.split_once('=').ok_or_else(|| Error::invalid("cli.set_invalid").with("value", text))?;
    if field.trim().is_empty() {
        return Err(Error::invalid("cli.set_invalid").with("value", text));
    }
    let value = serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.to_string()));
    Ok((field.trim().to_string(), value))
}

/// An optional JSON argument, refused naming the option when it does not parse.
fn json_arg(text: Option<&str>, field: &str) -> Result<Option<Value>> {
    text.map(serde_json::from_str::<Value>).transpose().map_err(|e| Error::from(e).on_field(field))
}

async fn new_order(orderly: &Orderly, actor: &Actor, a: CreateArgs) -> Result<NewOrder> {
    let values = json_arg(a.values.as_deref(), "values")?;
    let department_id = match a.department {
        Some(d) => Some(crate::department_id(orderly, actor, &d).await?),
        None => None,
    };
    Ok(NewOrder {
        title: a.title,
        description: a.description,
        priority: a.priority,
        template_key: a.template,
        values,
        department_id,
        location: location(a.address, a.at.as_deref())?,
        ..Default::default()
    })
}

fn location(address: Option<String>, at: Option<&str>) -> Result<Option<Location>> {
    let (lat, lon) = match at {
        None => (None, None),
        Some(place) => {
            let bad = || Error::invalid("location.invalid").on_field("at");
            let (lat, lon) = place.split_once(',').ok_or_else(bad)?;
            (Some(lat.trim().parse().map_err(|_| bad())?), Some(lon.trim().parse().map_err(|_| bad())?))
        }
    };
    Ok((address.is_some() || lat.is_some()).then_some(Location { address, lat, lon }))
}

pub(crate) async fn filter(orderly: &Orderly, a: ListArgs) -> Result<OrderFilter> {
    let sort: OrderSort = serde_json::from_value(Value::String(a.sort.clone()))
        .map_err(|_| Error::invalid("input.value_invalid").on_field("sort").with("value", &a.sort))?;
    let assignee_id = match a.assignee.as_deref() {
        None => None,
        Some("none") => Some("none".to_string()),
        Some(login) => Some(orderly.actor(login).await.map_err(|e| e.on_field("assignee"))?.user_id),
    };
    Ok(OrderFilter {
        status: a.status,
        priority: a.priority,
        assignee_id,
        text: a.search,
        sort,
        limit: Some(a.limit),
        after: a.after,
        template_key: a.template,
        field: a.field.as_deref().map(FieldFilter::parse).transpose()?,
        view: a.view,
        ..Default::default()
    })
}

async fn import(orderly: &Orderly, actor: &Actor, file: &str, batch: usize, out: &Out) -> Result<()> {
    let lines = read_lines(file)?;
    let prepared = orderly.prepare_import(actor, &lines, &out.lang).await?;
    let mut stdout = std::io::stdout().lock();
    for chunk in prepared.chunks(batch) {
        for imported in orderly.import_batch(actor, chunk).await? {
            use std::io::Write;
            writeln!(stdout, "{}", serde_json::to_string(&imported).expect("serialisable")).map_err(Error::internal)?;
        }
        std::io::Write::flush(&mut stdout).map_err(Error::internal)?;
    }
    Ok(())
}

/// Non-empty lines of FILE, or of standard input for `-`.
fn read_lines(file: &str) -> Result<Vec<String>> {
    let reader: Box<dyn BufRead> = if file == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let f = std::fs::File::open(file).map_err(|_| Error::not_found("import.file_missing").with("value", file))?;
        Box::new(std::io::BufReader::new(f))
    };
    let mut lines = Vec::new();
    for line in reader.lines() {
        let line = line.map_err(Error::internal)?;
        if !line.trim().is_empty() {
            lines.push(line);
        }
    }
    Ok(lines)
}
