//! Importing orders from JSON lines: the create fields plus optional `external_id`,
//! `created_at` (RFC 3339), `status` and `assignee` (a login). Every line is checked before
//! anything is written; then batches are written one transaction each, so an import killed at
//! any moment leaves only whole batches, and a re-run skips lines whose `external_id` exists.

use super::orders::{insert_new_order, Arrival};
use super::Orderly;
use crate::domain::form::values::validate;
use crate::domain::now_millis;
use crate::domain::order::NewOrder;
use crate::domain::status::Status;
use crate::domain::template::{self, StoredTemplate};
use crate::domain::user::Actor;
use crate::store::{orders as order_store, users};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportLine {
    title: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    priority: Option<String>,
    #[serde(default)]
    template_key: Option<String>,
    #[serde(default)]
    values: Option<serde_json::Value>,
    #[serde(default)]
    department_id: Option<String>,
    #[serde(default)]
    customer_id: Option<String>,
    #[serde(default)]
    catalog_item_id: Option<String>,
    #[serde(default)]
    location: Option<crate::domain::order::Location>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    external_id: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    assignee: Option<String>,
}

/// A line checked and ready to write.
#[derive(Debug, Clone)]
pub struct PreparedLine {
    input: NewOrder,
    arrival: Arrival,
}

/// What happened to one line, printed once its transaction has committed.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    pub id: String,
    pub number: String,
    pub external_id: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub skipped: bool,
}

fn line_error(line: usize, e: Error, lang: &str) -> Error {
    let mut out = Error::new(e.code, "import.line_invalid").with("line", line).with("detail", e.message(lang));
    out.field = e.field;
    out
}

impl Orderly {
    /// Checks every line (numbered from 1) before anything is written; the first bad line is
    /// refused with its number and the reason in `lang`.
    pub async fn prepare_import(&self, actor: &Actor, lines: &[String], lang: &str) -> Result<Vec<PreparedLine>> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut logins: HashMap<String, String> = HashMap::new();
        let mut templates: HashMap<String, Arc<StoredTemplate>> = HashMap::new();
        let mut conn = self.read().await?;
        let mut prepared = Vec::with_capacity(lines.len());
        for (i, text) in lines.iter().enumerate() {
            let parsed: ImportLine = serde_json::from_str(text).map_err(|e| line_error(i + 1, e.into(), lang))?;
            let check = async {
                let assignee_id = match &parsed.assignee {
                    None => None,
                    Some(login) => match logins.get(login) {
                        Some(id) => Some(id.clone()),
                        None => {
                            let (user, _) = users::by_login(&mut conn, login).await?.ok_or_else(|| {
                                Error::invalid("user.not_found").on_field("assignee").with("value", login)
                            })?;
                            logins.insert(login.clone(), user.id.clone());
                            Some(user.id)
                        }
                    },
                };
                let at = match &parsed.created_at {
                    None => now_millis(),
                    Some(t) => chrono::DateTime::parse_from_rfc3339(t)
                        .map_err(|_| {
                            Error::invalid("import.created_at_invalid").on_field("created_at").with("value", t)
                        })?
                        .timestamp_millis(),
                };
                let status =
                    parsed.status.as_deref().map(str::parse::<Status>).transpose()?.unwrap_or(Status::Unassigned);
                let key = parsed.template_key.as_deref().filter(|k| !k.is_empty()).unwrap_or(template::GENERAL);
                let template = match templates.get(key) {
                    Some(t) => t.clone(),
                    None => {
                        let t = Arc::new(super::templates::published(&mut conn, key, None).await?);
                        templates.insert(key.to_string(), t.clone());
                        t
                    }
                };
                let values =
                    validate(&template.definition, parsed.values.as_ref().unwrap_or(&serde_json::Value::Null), None)?;
                // A line naming a file the store lacks is refused here, before any batch.
                super::attachments::check_stored(&mut conn, &template.definition, &values).await?;
                if let Some(p) = &parsed.priority {
                    p.parse::<crate::domain::priority::Priority>()?;
                }
                Ok::<_, Error>(Arrival {
                    at,
                    status,
                    assignee_id,
                    external_id: parsed.external_id.clone(),
                    default_source: "import",
                    template: Some(template),
                })
            };
            let arrival = check.await.map_err(|e| line_error(i + 1, e, lang))?;
            let input = NewOrder {
                title: parsed.title,
                description: parsed.description,
                priority: parsed.priority,
                template_key: parsed.template_key,
                values: parsed.values,
                department_id: parsed.department_id,
                customer_id: parsed.customer_id,
                catalog_item_id: parsed.catalog_item_id,
                location: parsed.location,
                source: parsed.source,
            };
            prepared.push(PreparedLine { input, arrival });
        }
        Ok(prepared)
    }

    /// Writes one batch in one transaction. Lines whose `external_id` is already stored are
    /// skipped. Returns what happened to each line after the commit.
    pub async fn import_batch(&self, actor: &Actor, batch: &[PreparedLine]) -> Result<Vec<Imported>> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut tx = self.store.write().await?;
        let mut out = Vec::with_capacity(batch.len());
        for line in batch {
            if let Some(ext) = &line.arrival.external_id {
                if let Some(existing) = order_store::find_by_external_id(&mut tx, ext).await? {
                    out.push(Imported {
                        id: existing.id,
                        number: existing.number,
                        external_id: Some(ext.clone()),
                        skipped: true,
                    });
                    continue;
                }
            }
            let order =
                insert_new_order(&mut tx, self.store.engine(), actor, line.input.clone(), &line.arrival).await?;
            out.push(Imported { id: order.id, number: order.number, external_id: order.external_id, skipped: false });
        }
        tx.commit().await?;
        Ok(out)
    }
}
