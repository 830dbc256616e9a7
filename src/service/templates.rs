//! Admin use cases of templates (issue #3): the built-in library every store starts with,
//! listing and reading versions, drafts and publishing (a published version never changes;
//! publishing makes the next one), what changed between two versions, import and export as
//! JSON, cloning, and the mappings that conversion follows. Every definition is checked by
//! [`form::check`] before it is stored.

use super::Orderly;
use crate::domain::form::check::check;
use crate::domain::form::diff::{diff, TemplateDiff};
use crate::domain::form::library::{customer_service_to_after_sales, library, FieldMapping};
use crate::domain::form::{FieldKind, TemplateDef};
use crate::domain::now_millis;
use crate::domain::template::{StoredTemplate, TemplateStatus};
use crate::domain::user::Actor;
use crate::domain::workflow::Names;
use crate::store::templates as template_store;
use crate::{Error, ErrorCode, Result};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

/// A template in the library list: its latest published version, and whether a newer draft
/// waits to be published.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TemplateSummary {
    pub key: String,
    pub version: i32,
    pub names: Names,
    pub category: String,
    pub fields: u32,
    pub draft_version: Option<i32>,
}

/// The template (key, version) of a new order: the latest published version of the key.
pub(crate) async fn published(conn: &mut AnyConnection, key: &str, version: Option<i32>) -> Result<StoredTemplate> {
    let found = template_store::get(conn, key, version).await?.filter(|t| t.status == TemplateStatus::Published);
    found.ok_or_else(|| {
        let e = Error::invalid("template.unknown").on_field("template_key").with("value", key);
        match version {
            Some(v) => e.with("version", v),
            None => e,
        }
    })
}

/// Parses a definition from JSON text, naming what is wrong.
pub fn parse_definition(text: &str) -> Result<TemplateDef> {
    serde_json::from_str(text).map_err(|e| Error::from(e).on_field("definition"))
}

impl Orderly {
    /// Stores the built-in library as published version 1 of each key that has no version
    /// yet, and the built-in customer service -> after-sales mapping. Idempotent.
    pub(crate) async fn ensure_template_library(&self) -> Result<()> {
        let mut tx = self.store.write().await?;
        let now = now_millis();
        for def in library() {
            if template_store::last_version(&mut tx, &def.key).await? == 0 {
                let t = StoredTemplate {
                    key: def.key.clone(),
                    version: 1,
                    status: TemplateStatus::Published,
                    definition: def,
                    created_by: None,
                    created_at: now,
                };
                template_store::put(&mut tx, &t).await?;
            }
        }
        let built_in = customer_service_to_after_sales();
        if template_store::mapping(&mut tx, &built_in.from, &built_in.to).await?.is_none() {
            template_store::put_mapping(&mut tx, &built_in, None, now).await?;
        }
        tx.commit().await
    }

    /// Every template's latest published version, by key.
    pub async fn templates(&self, _actor: &Actor) -> Result<Vec<TemplateSummary>> {
        let mut conn = self.read().await?;
        let drafts = template_store::drafts(&mut conn).await?;
        let published = template_store::latest_published(&mut conn).await?;
        let mut out: Vec<TemplateSummary> = published
            .into_iter()
            .map(|t| TemplateSummary {
                draft_version: drafts.iter().find(|d| d.key == t.key).map(|d| d.version),
                key: t.key,
                version: t.version,
                names: t.definition.names,
                category: t.definition.category,
                fields: t.definition.fields.len() as u32,
            })
            .collect();
        for d in drafts.into_iter().filter(|d| d.version == 1) {
            out.push(TemplateSummary {
                key: d.key,
                version: 0,
                names: d.definition.names,
                category: d.definition.category,
                fields: d.definition.fields.len() as u32,
                draft_version: Some(d.version),
            });
        }
        out.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(out)
    }

    /// One version of a template; without `version`, the latest published one. Drafts are
    /// shown to admins only.
    pub async fn get_template(&self, actor: &Actor, key: &str, version: Option<i32>) -> Result<StoredTemplate> {
        let mut conn = self.read().await?;
        let found = template_store::get(&mut conn, key, version)
            .await?
            .filter(|t| t.status == TemplateStatus::Published || actor.can_administer());
        found.ok_or_else(|| Error::not_found("template.unknown").with("value", key))
    }

    /// What changed from one stored version of a template to another (drafts too, for
    /// admins). A version the key does not have is not found, naming it.
    pub async fn template_diff(&self, actor: &Actor, key: &str, from: i32, to: i32) -> Result<TemplateDiff> {
        let version = |v: i32, field: &'static str| async move {
            self.get_template(actor, key, Some(v)).await.map_err(|e| match e.code {
                ErrorCode::NotFound => {
                    Error::not_found("template.version_unknown").on_field(field).with("value", key).with("version", v)
                }
                _ => e,
            })
        };
        let old = version(from, "from").await?;
        let new = version(to, "to").await?;
        Ok(TemplateDiff { key: key.to_string(), from, to, changes: diff(&old.definition, &new.definition) })
    }

    /// Saves a checked definition as the key's draft: the draft's row is replaced, or a new
    /// draft version follows the latest published one. Admins only.
    pub async fn save_template_draft(&self, actor: &Actor, def: TemplateDef) -> Result<StoredTemplate> {
        actor.require(actor.can_administer(), "perm.administer")?;
        check(&def)?;
        let mut tx = self.store.write().await?;
        let last_version = template_store::last_version(&mut tx, &def.key).await?;
        let last = template_store::get(&mut tx, &def.key, Some(last_version)).await?;
        let version = match &last {
            Some(t) if t.status == TemplateStatus::Draft => t.version,
            Some(t) => t.version + 1,
            None => 1,
        };
        let t = StoredTemplate {
            key: def.key.clone(),
            version,
            status: TemplateStatus::Draft,
            definition: def,
            created_by: Some(actor.user_id.clone()),
            created_at: now_millis(),
        };
        template_store::put(&mut tx, &t).await?;
        tx.commit().await?;
        Ok(t)
    }

    /// Publishes the key's draft as its next version. Orders made with earlier versions keep
    /// theirs. Admins only.
    pub async fn publish_template(&self, actor: &Actor, key: &str) -> Result<StoredTemplate> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut tx = self.store.write().await?;
        let last = template_store::last_version(&mut tx, key).await?;
        let mut draft = template_store::get(&mut tx, key, Some(last))
            .await?
            .filter(|t| t.status == TemplateStatus::Draft)
            .ok_or_else(|| Error::invalid("template.no_draft").on_field("key").with("value", key))?;
        // Checked again: a draft stored by an older Orderly may not pass today's checks.
        check(&draft.definition)?;
        draft.status = TemplateStatus::Published;
        draft.created_by = Some(actor.user_id.clone());
        draft.created_at = now_millis();
        template_store::put(&mut tx, &draft).await?;
        tx.commit().await?;
        Ok(draft)
    }

    /// Imports a definition from JSON text: checked, stored as a draft, and published unless
    /// `draft_only`. A refused one stores nothing.
    pub async fn import_template(&self, actor: &Actor, text: &str, draft_only: bool) -> Result<StoredTemplate> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let def = parse_definition(text)?;
        let draft = self.save_template_draft(actor, def).await?;
        if draft_only {
            return Ok(draft);
        }
        self.publish_template(actor, &draft.key).await
    }

    /// A version's definition as JSON text, the shape [`Orderly::import_template`] reads.
    pub async fn export_template(&self, actor: &Actor, key: &str, version: Option<i32>) -> Result<String> {
        let t = self.get_template(actor, key, version).await?;
        serde_json::to_string_pretty(&t.definition).map_err(Error::internal)
    }

    /// Copies the latest published version of `from` (a built-in one, say) into a draft of a
    /// new key, to adapt and publish. Admins only.
    pub async fn clone_template(
        &self,
        actor: &Actor,
        from: &str,
        new_key: &str,
        names: Option<Names>,
    ) -> Result<StoredTemplate> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut def = self.get_template(actor, from, None).await?.definition;
        {
            let mut conn = self.read().await?;
            if template_store::last_version(&mut conn, new_key).await? > 0 {
                return Err(Error::invalid("template.key_taken").on_field("key").with("value", new_key));
            }
        }
        def.key = new_key.to_string();
        if let Some(names) = names {
            def.names = names;
        }
        self.save_template_draft(actor, def).await
    }

    /// The mapping from one template to another: the stored one, else the default in which
    /// only fields of the same key carry over.
    pub async fn template_mapping(&self, _actor: &Actor, from: &str, to: &str) -> Result<FieldMapping> {
        let mut conn = self.read().await?;
        published(&mut conn, from, None).await.map_err(|e| e.on_field("from"))?;
        published(&mut conn, to, None).await.map_err(|e| e.on_field("to"))?;
        let stored = template_store::mapping(&mut conn, from, to).await?;
        Ok(stored.unwrap_or_else(|| FieldMapping { from: from.into(), to: to.into(), ..Default::default() }))
    }

    /// Saves a mapping checked against both templates' latest published versions: unknown
    /// fields, fields of different types and unknown options are refused naming the field.
    pub async fn save_template_mapping(&self, actor: &Actor, mapping: FieldMapping) -> Result<FieldMapping> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut tx = self.store.write().await?;
        let from = published(&mut tx, &mapping.from, None).await.map_err(|e| e.on_field("from"))?;
        let to = published(&mut tx, &mapping.to, None).await.map_err(|e| e.on_field("to"))?;
        check_mapping(&mapping, &from.definition, &to.definition)?;
        template_store::put_mapping(&mut tx, &mapping, Some(&actor.user_id), now_millis()).await?;
        tx.commit().await?;
        Ok(mapping)
    }
}

/// The library's check (targets and types) plus the source side of option maps: every
/// mapped option must be one the source field offers.
pub(crate) fn check_mapping(mapping: &FieldMapping, from: &TemplateDef, to: &TemplateDef) -> Result<()> {
    mapping.check(from, to)?;
    for (source, values) in &mapping.options {
        let at = format!("options.{source}");
        let offered: Vec<&str> = match from.field(source).map(|f| &f.kind) {
            Some(FieldKind::Select { options } | FieldKind::MultiSelect { options, .. }) => {
                options.iter().map(|o| o.value.as_str()).collect()
            }
            _ => return Err(Error::invalid("template.mapping_not_a_choice").on_field(&at).with("value", source)),
        };
        if let Some(bad) = values.keys().find(|v| !offered.contains(&v.as_str())) {
            return Err(Error::invalid("template.value_not_an_option")
                .on_field(&format!("{at}.{bad}"))
                .with("value", bad));
        }
    }
    Ok(())
}
