//! Orders and their templates (issue #3): converting an order to another template through
//! the stored mapping, and the form state the UI asks for as values change (of a stored
//! version, or of an unsaved definition in the designer's preview).
//!
//! A conversion keeps the order's number, history, comments and attachments; it records the
//! old template, version and values in one history event (`field: "template"`), and keeps
//! every value the target has no field for visible under `values._unmapped`.

use super::attachments::{check_stored, link_files};
use super::changes::{index_values, template_of};
use super::templates::{check_mapping, published};
use super::Orderly;
use crate::domain::form::check::check;
use crate::domain::form::library::FieldMapping;
use crate::domain::form::values::validate;
use crate::domain::form::TemplateDef;
use crate::domain::history::Change;
use crate::domain::now_millis;
use crate::domain::order::WorkOrder;
use crate::domain::template::{form_state, split_unmapped, FormState, StoredTemplate, TemplateStatus, UNMAPPED_KEY};
use crate::domain::user::Actor;
use crate::store::{orders as order_store, templates as template_store};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use sqlx::AnyConnection;

/// Converting an order to another template.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OrderConversion {
    /// The target template's key.
    pub to_key: String,
    /// A published version of it; default the latest.
    #[serde(default)]
    pub template_version: Option<i32>,
    /// The order's version as read (a stale one is a conflict).
    pub version: i64,
    /// Values for target fields the mapping leaves empty (a field the target requires), by
    /// target key; they win over mapped values.
    #[serde(default)]
    pub values: Option<Value>,
}

/// The target's values: mapped ones, then the given ones over them.
fn target_values(
    mapping: &FieldMapping,
    to: &TemplateDef,
    own: &Map<String, Value>,
    given: Option<&Value>,
) -> Result<(Map<String, Value>, Map<String, Value>)> {
    let converted = mapping.convert(to, own);
    let mut values = converted.values;
    match given {
        None | Some(Value::Null) => {}
        Some(Value::Object(extra)) => values.extend(extra.clone()),
        Some(_) => return Err(Error::invalid("template.values_not_object").on_field("values")),
    }
    Ok((values, converted.unmapped))
}

/// One value the order holds, in a conversion's preview: where the mapping carries it, or
/// nowhere (kept aside as unmapped).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CarriedValue {
    /// The source field's key and the order's value of it.
    pub from: String,
    pub value: Value,
    /// The target field and the value it would hold (options renamed); none when kept aside.
    pub to: Option<String>,
    pub mapped: Option<Value>,
}

/// What converting an order would do with its values, before anyone confirms.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ConversionPreview {
    pub to_key: String,
    pub template_version: i32,
    pub carried: Vec<CarriedValue>,
}

/// The target version and the mapping a conversion of `order` to `to_key` applies.
struct Plan {
    target: StoredTemplate,
    mapping: FieldMapping,
}

/// Finds the published target and the stored mapping (else same keys only) and checks the
/// mapping against both versions; converting to the order's own version is refused.
async fn conversion_plan(
    conn: &mut AnyConnection,
    order: &WorkOrder,
    to_key: &str,
    version: Option<i32>,
) -> Result<Plan> {
    let from = template_of(conn, order).await?;
    let target = published(conn, to_key, version).await.map_err(|e| e.on_field("to_key"))?;
    if (target.key.as_str(), target.version) == (order.template_key.as_str(), order.template_version) {
        return Err(Error::invalid("template.convert_same").on_field("to_key").with("value", &target.key));
    }
    let mapping = template_store::mapping(conn, &order.template_key, &target.key).await?.unwrap_or_else(|| {
        FieldMapping { from: order.template_key.clone(), to: target.key.clone(), ..Default::default() }
    });
    check_mapping(&mapping, &from, &target.definition).map_err(|e| e.within("mapping"))?;
    Ok(Plan { target, mapping })
}

impl Orderly {
    /// What converting the order to `to_key` would carry where, by the same mapping and the
    /// same refusals as [`Orderly::convert_order`]; nothing is written. The target's own rules
    /// (a value they hide is kept aside too) are applied at the conversion itself.
    pub async fn conversion_preview(
        &self,
        actor: &Actor,
        id: &str,
        to_key: &str,
        template_version: Option<i32>,
    ) -> Result<ConversionPreview> {
        let mut conn = self.read().await?;
        let order = Self::visible_order(&mut conn, actor, id).await?.order;
        let Plan { target, mapping } = conversion_plan(&mut conn, &order, to_key, template_version).await?;
        let (own, _) = split_unmapped(&order.values);
        let carried = own
            .into_iter()
            .map(|(from, value)| {
                let carried = mapping.carry(&target.definition, &from, &value);
                let (to, mapped) = carried.map_or((None, None), |(to, mapped)| (Some(to), Some(mapped)));
                CarriedValue { from, value, to, mapped }
            })
            .collect();
        Ok(ConversionPreview { to_key: target.key, template_version: target.version, carried })
    }

    /// Converts an order to the template `conversion.to_key` in one transaction: values carried
    /// by the mapping (stored, else same keys only), checked against the target version; a
    /// refusal names the field and changes nothing.
    pub async fn convert_order(&self, actor: &Actor, id: &str, conversion: OrderConversion) -> Result<WorkOrder> {
        let mut tx = self.store.write().await?;
        let (seq, order) = Self::order_for_change(&mut tx, actor, id, conversion.version).await?;
        actor.require(actor.can_work(&order), "perm.work_order")?;
        let order = Self::convert_in(&mut tx, actor, (seq, order), conversion).await?;
        tx.commit().await?;
        Ok(order)
    }

    /// [`Orderly::convert_order`] inside the caller's transaction, once the order is loaded and
    /// the actor allowed (an approved transfer converts too).
    pub(super) async fn convert_in(
        tx: &mut crate::store::WriteTx,
        actor: &Actor,
        (seq, mut order): (i64, WorkOrder),
        conversion: OrderConversion,
    ) -> Result<WorkOrder> {
        let Plan { target, mapping } =
            conversion_plan(tx, &order, &conversion.to_key, conversion.template_version).await?;
        let (own, old_unmapped) = split_unmapped(&order.values);
        let (given, newly_unmapped) = target_values(&mapping, &target.definition, &own, conversion.values.as_ref())?;
        let clean = validate(&target.definition, &Value::Object(given.clone()), None)?;
        let mut unmapped: Map<String, Value> = old_unmapped.and_then(|u| u.as_object().cloned()).unwrap_or_default();
        unmapped.extend(newly_unmapped.clone());
        // A value the target's rules hide has no place either; it stays visible too.
        unmapped.extend(given.into_iter().filter(|(k, _)| !clean.contains_key(k)));
        let mut values = clean;
        if !unmapped.is_empty() {
            values.insert(UNMAPPED_KEY.into(), Value::Object(unmapped));
        }
        // Values given with the conversion may name files too; carried ones are stored.
        check_stored(tx, &target.definition, &values).await?;
        let change = Change::field(
            "template",
            json!({"key": order.template_key, "version": order.template_version, "values": order.values}),
            json!({"key": target.key, "version": target.version, "values": values, "unmapped": newly_unmapped}),
        );
        order.values = Value::Object(values);
        order.template_key = target.key.clone();
        order.template_version = target.version;
        order_store::set_template(tx, &order.id, &target.key, target.version).await?;
        let order = Self::save_changes(tx, actor, order, &[change], now_millis()).await?;
        index_values(tx, &target.definition, seq, &order).await?;
        link_files(tx, &target.definition, &order, false).await?;
        Ok(order)
    }

    /// Which fields of a template version show, are required or read-only for `values`, and
    /// what is wrong with each; without `version`, the latest published one.
    pub async fn template_form_state(
        &self,
        actor: &Actor,
        key: &str,
        version: Option<i32>,
        values: &Value,
    ) -> Result<FormState> {
        let t = self.get_template(actor, key, version).await?;
        Ok(form_state(&t, &own_values(values)?))
    }

    /// The form state of `values` under an unsaved definition: the designer's live preview.
    /// The definition meets the same check as a save (a refusal names the field, e.g.
    /// `fields.3.key`); the state is reported as version 0, a version no store holds.
    pub async fn template_preview_state(
        &self,
        actor: &Actor,
        definition: TemplateDef,
        values: &Value,
    ) -> Result<FormState> {
        actor.require(actor.can_administer(), "perm.administer")?;
        check(&definition)?;
        let t = StoredTemplate {
            key: definition.key.clone(),
            version: 0,
            status: TemplateStatus::Draft,
            definition,
            created_by: Some(actor.user_id.clone()),
            created_at: now_millis(),
        };
        Ok(form_state(&t, &own_values(values)?))
    }
}

/// The values a form state is asked for, without the unmapped ones a conversion kept.
fn own_values(values: &Value) -> Result<Map<String, Value>> {
    match values {
        Value::Object(_) => Ok(split_unmapped(values).0),
        Value::Null => Ok(Map::new()),
        _ => Err(Error::invalid("template.values_not_object").on_field("values")),
    }
}
