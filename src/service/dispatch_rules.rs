//! Rule-based dispatch: on creation, the first rule whose conditions an order meets (its
//! template, a custom field's value, any of some keywords in its title or description) routes it
//! to a department and/or assigns it to a person, with history naming the rule.

use super::Orderly;
use crate::domain::history::Change;
use crate::domain::order::WorkOrder;
use crate::domain::search::index_text;
use crate::domain::user::{Actor, SYSTEM_USER_ID};
use crate::domain::Millis;
use crate::store::{org, sla as settings, users};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::AnyConnection;

pub const DISPATCH_RULES_SETTING: &str = "dispatch.rules";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DispatchRule {
    pub name: String,
    #[serde(default)]
    pub template_key: Option<String>,
    /// Any of these words in the title or description (accent- and case-insensitive).
    #[serde(default)]
    pub keywords: Vec<String>,
    /// A custom field that must hold this value, e.g. `{"key": "fault_type", "value": "network"}`.
    #[serde(default)]
    pub field: Option<FieldCondition>,
    #[serde(default)]
    pub department_id: Option<String>,
    #[serde(default)]
    pub assignee_login: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldCondition {
    pub key: String,
    pub value: String,
}

impl DispatchRule {
    pub fn matches(&self, order: &WorkOrder) -> bool {
        let template = self.template_key.as_deref().is_none_or(|t| t == order.template_key);
        let text = format!(" {} ", index_text([order.title.as_str(), order.description.as_str()]));
        let words = self.keywords.is_empty()
            || self.keywords.iter().any(|k| {
                let k = index_text([k.as_str()]);
                !k.is_empty() && text.contains(&format!(" {k} "))
            });
        let field = self.field.as_ref().is_none_or(|f| {
            let v = &order.values[&f.key];
            match v.as_str() {
                Some(text) => text == f.value,
                // Numbers and booleans compare by their JSON text.
                None => !v.is_null() && v.to_string().as_str() == f.value,
            }
        });
        template && words && field
    }
}

async fn check_rule(conn: &mut AnyConnection, rule: &DispatchRule) -> Result<()> {
    if rule.name.trim().is_empty() {
        return Err(Error::invalid("input.required").on_field("name"));
    }
    if rule.department_id.is_none() && rule.assignee_login.is_none() {
        return Err(Error::invalid("dispatch.rule_without_target").on_field("department_id"));
    }
    if let Some(d) = &rule.department_id {
        if !org::node_exists(conn, org::Tree::Departments, d).await? {
            return Err(Error::invalid("department.not_found").on_field("department_id").with("value", d));
        }
    }
    if let Some(login) = &rule.assignee_login {
        match users::by_login(conn, login).await? {
            Some((u, _)) if u.active => {}
            _ => return Err(Error::invalid("user.not_found").on_field("assignee_login").with("value", login)),
        }
    }
    Ok(())
}

pub(crate) async fn rules_in(conn: &mut AnyConnection) -> Result<Vec<DispatchRule>> {
    match settings::get_setting(conn, DISPATCH_RULES_SETTING).await? {
        Some(text) => serde_json::from_str(&text).map_err(Error::internal),
        None => Ok(Vec::new()),
    }
}

impl Orderly {
    pub async fn dispatch_rules(&self) -> Result<Vec<DispatchRule>> {
        let mut conn = self.read().await?;
        rules_in(&mut conn).await
    }

    /// Replaces the dispatch rules (admins); all are checked first, nothing is stored on error.
    pub async fn set_dispatch_rules(&self, actor: &Actor, rules: Vec<DispatchRule>) -> Result<Vec<DispatchRule>> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut tx = self.store.write().await?;
        for (i, rule) in rules.iter().enumerate() {
            check_rule(&mut tx, rule).await.map_err(|e| e.within(&format!("rules[{i}]")))?;
        }
        settings::put_setting(
            &mut tx,
            DISPATCH_RULES_SETTING,
            &serde_json::to_string(&rules).map_err(Error::internal)?,
        )
        .await?;
        tx.commit().await?;
        Ok(rules)
    }

    /// Applies the first matching rule to a new order inside the creating transaction.
    pub(crate) async fn route_by_rules(
        tx: &mut crate::store::WriteTx,
        order: WorkOrder,
        now: Millis,
    ) -> Result<WorkOrder> {
        let rules = rules_in(tx).await?;
        let Some(rule) = rules.iter().find(|r| r.matches(&order)) else { return Ok(order) };
        let system = super::dispatch_auto::system_actor();
        let mut order = order;
        if let Some(d) = rule.department_id.clone().filter(|d| order.department_id.as_deref() != Some(d)) {
            let change = Change::field("department_id", json!(order.department_id), json!(d));
            order.department_id = Some(d);
            let rule_note = Change::field("dispatch_rule", json!(null), json!(rule.name));
            order = Self::save_changes(tx, &system, order, &[change, rule_note], now).await?;
        }
        if let Some(login) = &rule.assignee_login {
            if let Some((user, _)) =
                users::by_login(tx, login).await?.filter(|(u, _)| u.active && u.id != SYSTEM_USER_ID)
            {
                order = Self::assign_in(tx, &system, order, &user.id).await?;
            }
        }
        Ok(order)
    }
}
