//! Triggers (issue #4): on create and on update, when every condition holds (a field's value,
//! the template, the priority, the department, a field changed to a value, keywords in the
//! text), actions run in order (set a field, assign to a person or a department, add a
//! collaborator, notify, comment, change the priority). Pure: [`plan`] works on a snapshot of
//! the order and says what would happen — the service applies it, and a dry run shows it.
//!
//! Loop protection: each trigger fires at most once per change; the changes triggers make count
//! as a further update for the others. A trigger whose conditions hold again and that would
//! change the order again is a loop: it is stopped and reported, not run.

use crate::domain::priority::Priority;
use crate::domain::search::index_text;
use crate::domain::workflow::Names;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// The order's fields triggers read and write, besides custom fields (`values.<key>`).
pub const BUILT_IN_FIELDS: [&str; 8] =
    ["title", "description", "priority", "status", "template_key", "department_id", "assignee_id", "customer_id"];
/// Fields a trigger may set (status moves go through the workflow, never a trigger's set).
const SETTABLE_BUILT_INS: [&str; 3] = ["priority", "department_id", "assignee_id"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TriggerEvent {
    Create,
    Update,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Condition {
    /// A field (built-in or `values.<key>`) equals the value (text comparison).
    FieldIs { field: String, value: String },
    /// A field is empty (null, missing or blank).
    FieldEmpty { field: String },
    /// In this change, the field changed and now equals the value.
    ChangedTo { field: String, value: String },
    /// Any of the words in the title or description (accent- and case-insensitive).
    TextContains { words: Vec<String> },
}

/// Who a notification goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NotifyTarget {
    Assignee,
    Requester,
    User { user_id: String },
    DepartmentSupervisors,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TriggerAction {
    SetField { field: String, value: String },
    SetPriority { priority: String },
    AssignPerson { user_id: String },
    AssignDepartment { department_id: String },
    AddCollaborator { user_id: String },
    Notify { to: NotifyTarget, message: String },
    Comment { text: String, public: bool },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Trigger {
    pub key: String,
    pub names: Names,
    pub on: Vec<TriggerEvent>,
    #[serde(default = "yes")]
    pub active: bool,
    /// All must hold; none means always.
    #[serde(default)]
    pub conditions: Vec<Condition>,
    pub actions: Vec<TriggerAction>,
}

fn yes() -> bool {
    true
}

/// The order as triggers see it: built-in fields by name, custom fields as `values.<key>`,
/// collaborators as `collaborators` (an array of ids).
pub type Snapshot = Map<String, Value>;

fn text_of(v: Option<&Value>) -> Option<String> {
    match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    }
}

fn check_field(field: &str, at: &str, settable: bool) -> Result<()> {
    let custom = field
        .strip_prefix("values.")
        .is_some_and(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
    let built_in = if settable { SETTABLE_BUILT_INS.contains(&field) } else { BUILT_IN_FIELDS.contains(&field) };
    if custom || built_in {
        Ok(())
    } else {
        Err(Error::invalid("trigger.field_unknown").on_field(at).with("value", field))
    }
}

impl Condition {
    fn check(&self, at: &str) -> Result<()> {
        match self {
            Condition::FieldIs { field, .. } | Condition::FieldEmpty { field } | Condition::ChangedTo { field, .. } => {
                check_field(field, &format!("{at}.field"), false)
            }
            Condition::TextContains { words } => {
                if words.iter().all(|w| index_text([w.as_str()]).is_empty()) {
                    return Err(Error::invalid("trigger.words_empty").on_field(&format!("{at}.words")));
                }
                Ok(())
            }
        }
    }

    fn holds(&self, order: &Snapshot, changed: &BTreeSet<String>) -> bool {
        match self {
            Condition::FieldIs { field, value } => text_of(order.get(field)).as_deref() == Some(value.as_str()),
            Condition::FieldEmpty { field } => text_of(order.get(field)).is_none_or(|t| t.trim().is_empty()),
            Condition::ChangedTo { field, value } => {
                changed.contains(field) && text_of(order.get(field)).as_deref() == Some(value.as_str())
            }
            Condition::TextContains { words } => {
                let text = text_of(order.get("title")).unwrap_or_default()
                    + " "
                    + &text_of(order.get("description")).unwrap_or_default();
                let text = format!(" {} ", index_text([text.as_str()]));
                words.iter().any(|w| {
                    let w = index_text([w.as_str()]);
                    !w.is_empty() && text.contains(&format!(" {w} "))
                })
            }
        }
    }
}

impl TriggerAction {
    fn check(&self, at: &str) -> Result<()> {
        let required = |text: &str, field: &str| {
            if text.trim().is_empty() {
                Err(Error::invalid("input.required").on_field(&format!("{at}.{field}")))
            } else {
                Ok(())
            }
        };
        match self {
            TriggerAction::SetField { field, .. } => check_field(field, &format!("{at}.field"), true),
            TriggerAction::SetPriority { priority } => {
                priority.parse::<Priority>().map(|_| ()).map_err(|e| e.within(at))
            }
            TriggerAction::AssignPerson { user_id } | TriggerAction::AddCollaborator { user_id } => {
                required(user_id, "user_id")
            }
            TriggerAction::AssignDepartment { department_id } => required(department_id, "department_id"),
            TriggerAction::Notify { message, .. } => required(message, "message"),
            TriggerAction::Comment { text, .. } => required(text, "text"),
        }
    }

    /// Applies the action to the snapshot; returns the fields it changed.
    fn apply(&self, order: &mut Snapshot) -> Vec<String> {
        let (field, value) = match self {
            TriggerAction::SetField { field, value } => (field.as_str(), Value::String(value.clone())),
            TriggerAction::SetPriority { priority } => {
                let key = priority.parse::<Priority>().map(|p| p.to_string()).unwrap_or_else(|_| priority.clone());
                ("priority", Value::String(key))
            }
            TriggerAction::AssignPerson { user_id } => ("assignee_id", Value::String(user_id.clone())),
            TriggerAction::AssignDepartment { department_id } => {
                ("department_id", Value::String(department_id.clone()))
            }
            TriggerAction::AddCollaborator { user_id } => {
                let mut list = order.get("collaborators").and_then(Value::as_array).cloned().unwrap_or_default();
                let id = Value::String(user_id.clone());
                if !list.contains(&id) {
                    list.push(id);
                }
                ("collaborators", Value::Array(list))
            }
            TriggerAction::Notify { .. } | TriggerAction::Comment { .. } => return vec![],
        };
        if order.get(field) == Some(&value) {
            vec![]
        } else {
            order.insert(field.to_string(), value);
            vec![field.to_string()]
        }
    }
}

impl Trigger {
    /// Refuses a trigger that could not run, naming the field (`actions.1.priority`).
    pub fn check(&self) -> Result<()> {
        let key_ok = !self.key.is_empty()
            && self.key.len() <= 40
            && self.key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !key_ok {
            return Err(Error::invalid("workflow.key_invalid").on_field("key").with("value", &self.key));
        }
        if self.on.is_empty() {
            return Err(Error::invalid("trigger.events_empty").on_field("on"));
        }
        if self.actions.is_empty() {
            return Err(Error::invalid("trigger.actions_empty").on_field("actions"));
        }
        for (i, c) in self.conditions.iter().enumerate() {
            c.check(&format!("conditions.{i}"))?;
        }
        for (i, a) in self.actions.iter().enumerate() {
            a.check(&format!("actions.{i}"))?;
        }
        Ok(())
    }
}

/// One trigger's firing within a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Firing {
    pub trigger: String,
    /// The trigger's names, kept with what it did so the history reads in any language.
    pub names: Names,
    pub actions: Vec<TriggerAction>,
    /// Fields this firing changed.
    pub changed: Vec<String>,
}

/// What the triggers do to one change of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TriggerPlan {
    pub firings: Vec<Firing>,
    /// The order after every firing.
    pub result: Snapshot,
    /// A trigger that would have fired again and changed the order again: stopped, not run.
    pub loop_stopped: Option<String>,
}

/// Runs `triggers` (in order) on a change of the order: `changed` names the fields the change
/// touched (every field for a create).
pub fn plan(triggers: &[Trigger], event: TriggerEvent, order: &Snapshot, changed: &BTreeSet<String>) -> TriggerPlan {
    let mut state = order.clone();
    let mut changed = changed.clone();
    let mut firings: Vec<Firing> = Vec::new();
    let mut event = event;
    // Each round is one more update made by the previous round's firings.
    for _round in 0..=triggers.len() {
        let mut next_changed = BTreeSet::new();
        for t in triggers.iter().filter(|t| t.active && t.on.contains(&event)) {
            if !t.conditions.iter().all(|c| c.holds(&state, &changed)) {
                continue;
            }
            let mut trial = state.clone();
            let touched: Vec<String> = t.actions.iter().flat_map(|a| a.apply(&mut trial)).collect();
            if firings.iter().any(|f| f.trigger == t.key) {
                if touched.is_empty() {
                    continue;
                }
                return TriggerPlan { firings, result: state, loop_stopped: Some(t.key.clone()) };
            }
            state = trial;
            next_changed.extend(touched.iter().cloned());
            firings.push(Firing {
                trigger: t.key.clone(),
                names: t.names.clone(),
                actions: t.actions.clone(),
                changed: touched,
            });
        }
        if next_changed.is_empty() {
            break;
        }
        changed = next_changed;
        event = TriggerEvent::Update;
    }
    TriggerPlan { firings, result: state, loop_stopped: None }
}

#[cfg(test)]
#[path = "trigger_tests.rs"]
mod tests;
