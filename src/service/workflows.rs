//! Workflows as stored definitions (issue #4): the built-in `default` seeded at start (like the
//! template library), listing, import (checked, stored as the key's next version, optionally
//! used by templates) and export, and which workflow an order follows (its template's, else
//! `default`).
//!
//! Orders still keep their status in the built-in [`Status`] set that SLA, dispatch and
//! statistics read, so a stored workflow uses those status keys with their categories and
//! starts at `unassigned`; its transitions, parties, required fields, comment rules, reviews
//! and names are free.

use super::Orderly;
use crate::domain::now_millis;
use crate::domain::order::WorkOrder;
use crate::domain::status::Status;
use crate::domain::user::Actor;
use crate::domain::workflow::WorkflowDef;
use crate::domain::workflow_default::default_workflow;
use crate::store::{templates as template_store, workflows as store};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

pub const DEFAULT_WORKFLOW: &str = "default";

/// A workflow in the list, with the templates that use it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WorkflowSummary {
    pub key: String,
    pub version: i64,
    pub definition: WorkflowDef,
    /// Templates naming this workflow (every other template uses `default`).
    pub templates: Vec<String>,
}

/// Checks a definition the way [`WorkflowDef::check`] does, and that it fits the statuses an
/// order can hold, naming the field.
pub fn check_storable(def: &WorkflowDef) -> Result<()> {
    def.check()?;
    let allowed = Status::ALL.iter().map(|s| s.key()).collect::<Vec<_>>().join(", ");
    let fixed = |field: &str, value: &str| {
        Error::invalid("workflow.status_fixed").on_field(field).with("value", value).with("allowed", &allowed)
    };
    for (i, s) in def.statuses.iter().enumerate() {
        match s.key.parse::<Status>() {
            Ok(st) if st.key() == s.key && st.category() == s.category => {}
            Ok(st) if st.key() == s.key => return Err(fixed(&format!("statuses.{i}.category"), &s.key)),
            _ => return Err(fixed(&format!("statuses.{i}.key"), &s.key)),
        }
    }
    if def.initial != Status::Unassigned.key() {
        return Err(fixed("initial", &def.initial));
    }
    Ok(())
}

/// Parses a workflow from JSON text, naming what is wrong.
pub fn parse_workflow(text: &str) -> Result<WorkflowDef> {
    serde_json::from_str(text).map_err(|e| Error::from(e).on_field("definition"))
}

/// The workflow `order` follows.
pub(crate) async fn workflow_of(conn: &mut AnyConnection, order: &WorkOrder) -> Result<WorkflowDef> {
    let key = store::template_workflow(conn, &order.template_key).await?.unwrap_or_else(|| DEFAULT_WORKFLOW.into());
    Ok(match store::workflow(conn, &key).await? {
        Some(w) => w.definition,
        None => default_workflow(),
    })
}

impl Orderly {
    /// Stores the built-in default workflow when the store has none. Idempotent.
    pub(crate) async fn ensure_workflow_library(&self) -> Result<()> {
        let mut tx = self.store.write().await?;
        if store::workflow(&mut tx, DEFAULT_WORKFLOW).await?.is_none() {
            store::put_workflow(&mut tx, &default_workflow(), None, now_millis()).await?;
        }
        tx.commit().await
    }

    pub async fn workflows(&self, actor: &Actor) -> Result<Vec<WorkflowSummary>> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut conn = self.read().await?;
        let uses = store::template_workflows(&mut conn).await?;
        Ok(store::workflows(&mut conn)
            .await?
            .into_iter()
            .map(|w| WorkflowSummary {
                key: w.definition.key.clone(),
                version: w.version,
                templates: uses.iter().filter(|(_, k)| *k == w.definition.key).map(|(t, _)| t.clone()).collect(),
                definition: w.definition,
            })
            .collect())
    }

    pub async fn workflow(&self, actor: &Actor, key: &str) -> Result<WorkflowDef> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut conn = self.read().await?;
        let found = store::workflow(&mut conn, key).await?;
        Ok(found.ok_or_else(|| Error::not_found("workflow.not_found").with("value", key))?.definition)
    }

    /// Stores a checked workflow as its key's next version (admins) and makes `templates` use
    /// it. A refusal names the field and stores nothing.
    pub async fn import_workflow(&self, actor: &Actor, def: WorkflowDef, templates: &[String]) -> Result<i64> {
        actor.require(actor.can_administer(), "perm.administer")?;
        check_storable(&def)?;
        let mut tx = self.store.write().await?;
        check_templates(&mut tx, templates).await?;
        let now = now_millis();
        let version = store::put_workflow(&mut tx, &def, Some(&actor.user_id), now).await?;
        for t in templates {
            store::set_template_workflow(&mut tx, t, &def.key, now).await?;
        }
        tx.commit().await?;
        Ok(version)
    }

    /// Makes exactly `templates` use the stored workflow `key` (admins): the templates that
    /// used it and are not listed go back to `default`. Returns the workflows with their users.
    pub async fn assign_workflow(
        &self,
        actor: &Actor,
        key: &str,
        templates: &[String],
    ) -> Result<Vec<WorkflowSummary>> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut tx = self.store.write().await?;
        if store::workflow(&mut tx, key).await?.is_none() {
            return Err(Error::not_found("workflow.not_found").on_field("key").with("value", key));
        }
        check_templates(&mut tx, templates).await?;
        let now = now_millis();
        for (template, used) in store::template_workflows(&mut tx).await? {
            if used == key && !templates.contains(&template) {
                store::set_template_workflow(&mut tx, &template, DEFAULT_WORKFLOW, now).await?;
            }
        }
        for t in templates {
            store::set_template_workflow(&mut tx, t, key, now).await?;
        }
        tx.commit().await?;
        self.workflows(actor).await
    }
}

/// Refuses template keys no template has, naming the first (`templates.1`).
async fn check_templates(conn: &mut AnyConnection, templates: &[String]) -> Result<()> {
    for (i, t) in templates.iter().enumerate() {
        if template_store::last_version(conn, t).await? == 0 {
            return Err(Error::invalid("template.unknown").on_field(&format!("templates.{i}")).with("value", t));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::status::StatusCategory;

    #[test]
    fn a_stored_workflow_keeps_the_statuses_orders_can_hold() {
        check_storable(&default_workflow()).unwrap();
        let mut def = default_workflow();
        def.statuses[2].key = "working".into();
        def.transitions.iter_mut().for_each(|t| {
            t.from.iter_mut().filter(|f| *f == "in_progress").for_each(|f| *f = "working".into());
            if t.to == "in_progress" {
                t.to = "working".into();
            }
        });
        let e = check_storable(&def).unwrap_err();
        assert_eq!((e.key.as_str(), e.field.as_deref()), ("workflow.status_fixed", Some("statuses.2.key")));
        let mut def = default_workflow();
        def.statuses[5].category = StatusCategory::Open;
        assert_eq!(check_storable(&def).unwrap_err().field.as_deref(), Some("statuses.5.category"));
    }
}
