//! Workflows (issue #4): per template, the statuses an order moves through — each with a
//! [`StatusCategory`] that SLA and statistics reason about — and the actions that move it, with
//! who may take them, which fields they require, whether they need a review and whether a
//! comment is required. Pure: checking a definition and deciding one move. The default
//! workflow is in [`crate::domain::workflow_default`].

use crate::domain::status::StatusCategory;
use crate::domain::user::Role;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::{HashSet, VecDeque};

/// A name in the three UI languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Names {
    pub en: String,
    pub zh_cn: String,
    pub es: String,
}

impl Names {
    pub fn new(en: &str, zh_cn: &str, es: &str) -> Names {
        Names { en: en.into(), zh_cn: zh_cn.into(), es: es.into() }
    }

    fn check(&self, field: &str) -> Result<()> {
        for (lang, text) in [("en", &self.en), ("zh_cn", &self.zh_cn), ("es", &self.es)] {
            if text.trim().is_empty() || text.chars().count() > 60 {
                return Err(Error::invalid("workflow.name_missing").on_field(&format!("{field}.{lang}")));
            }
        }
        Ok(())
    }
}

/// Who may take an action: a role, or the order's own assignee or requester whatever their role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Admin,
    Supervisor,
    Dispatcher,
    Agent,
    Technician,
    /// The person the order is assigned to.
    Assignee,
    /// The person who opened the order.
    Requester,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatusDef {
    pub key: String,
    pub category: StatusCategory,
    pub names: Names,
}

/// One action: from any of `from` to `to`, for `parties`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TransitionDef {
    pub action: String,
    pub names: Names,
    pub from: Vec<String>,
    pub to: String,
    pub parties: Vec<Party>,
    /// Fields of the order that must hold a value before the move.
    #[serde(default)]
    pub requires_fields: Vec<String>,
    /// The move is a request a reviewer (of the target department) approves or rejects.
    #[serde(default)]
    pub review: bool,
    #[serde(default)]
    pub comment_required: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WorkflowDef {
    pub key: String,
    pub names: Names,
    /// The status of a new order.
    pub initial: String,
    pub statuses: Vec<StatusDef>,
    pub transitions: Vec<TransitionDef>,
}

/// The person attempting a move, as the order sees them.
#[derive(Debug, Clone, Copy)]
pub struct Mover<'a> {
    pub roles: &'a [Role],
    pub is_assignee: bool,
    pub is_requester: bool,
}

impl Mover<'_> {
    fn is(&self, party: Party) -> bool {
        let role = |r: Role| self.roles.contains(&r);
        match party {
            Party::Admin => role(Role::Admin),
            Party::Supervisor => role(Role::Supervisor),
            Party::Dispatcher => role(Role::Dispatcher),
            Party::Agent => role(Role::Agent),
            Party::Technician => role(Role::Technician),
            Party::Assignee => self.is_assignee,
            Party::Requester => self.is_requester,
        }
    }
}

/// What a permitted move does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub to: String,
    pub category: StatusCategory,
    pub review: bool,
}

fn check_key(key: &str, field: &str) -> Result<()> {
    let ok = !key.is_empty()
        && key.len() <= 40
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(Error::invalid("workflow.key_invalid").on_field(field).with("value", key))
    }
}

impl WorkflowDef {
    pub fn status(&self, key: &str) -> Option<&StatusDef> {
        self.statuses.iter().find(|s| s.key == key)
    }

    /// The actions open from `status`, in definition order.
    pub fn actions_from<'a>(&'a self, status: &'a str) -> impl Iterator<Item = &'a TransitionDef> + 'a {
        self.transitions.iter().filter(move |t| t.from.iter().any(|f| f == status))
    }

    /// Refuses a definition that could not run, naming the offending field: bad or duplicate
    /// keys, missing names, transitions to unknown statuses, an action offered twice from one
    /// status, no closed status, a status no order can reach (an orphan, or an unreachable
    /// closed status), or a status from which an order can never finish (a dead end).
    pub fn check(&self) -> Result<()> {
        check_key(&self.key, "key")?;
        self.names.check("names")?;
        self.check_statuses()?;
        self.check_transitions()?;
        let initial = self.status(&self.initial).ok_or_else(|| {
            Error::invalid("workflow.status_unknown").on_field("initial").with("value", &self.initial)
        })?;
        if !matches!(initial.category, StatusCategory::New | StatusCategory::Open) {
            return Err(Error::invalid("workflow.initial_category").on_field("initial").with("value", &self.initial));
        }
        if !self.statuses.iter().any(|s| s.category == StatusCategory::Closed) {
            return Err(Error::invalid("workflow.no_closed_status").on_field("statuses"));
        }
        self.check_reachable()?;
        self.check_no_dead_end()
    }

    fn check_statuses(&self) -> Result<()> {
        for (i, s) in self.statuses.iter().enumerate() {
            check_key(&s.key, &format!("statuses.{i}.key"))?;
            s.names.check(&format!("statuses.{i}.names"))?;
            if self.statuses[..i].iter().any(|o| o.key == s.key) {
                return Err(Error::invalid("workflow.status_duplicate")
                    .on_field(&format!("statuses.{i}.key"))
                    .with("value", &s.key));
            }
        }
        Ok(())
    }

    fn check_transitions(&self) -> Result<()> {
        for (i, t) in self.transitions.iter().enumerate() {
            let field = |f: &str| format!("transitions.{i}.{f}");
            check_key(&t.action, &field("action"))?;
            t.names.check(&field("names"))?;
            if self.status(&t.to).is_none() {
                return Err(Error::invalid("workflow.status_unknown").on_field(&field("to")).with("value", &t.to));
            }
            if t.from.is_empty() {
                return Err(Error::invalid("workflow.from_empty").on_field(&field("from")));
            }
            for from in &t.from {
                if self.status(from).is_none() {
                    return Err(Error::invalid("workflow.status_unknown").on_field(&field("from")).with("value", from));
                }
                if *from == t.to {
                    return Err(Error::invalid("workflow.transition_loop").on_field(&field("to")).with("value", from));
                }
                let twice = self.transitions[..i].iter().any(|o| o.action == t.action && o.from.contains(from));
                if twice {
                    return Err(Error::invalid("workflow.action_ambiguous")
                        .on_field(&field("action"))
                        .with("action", &t.action)
                        .with("status", from));
                }
            }
            if t.parties.is_empty() {
                return Err(Error::invalid("workflow.parties_empty").on_field(&field("parties")));
            }
            for (k, f) in t.requires_fields.iter().enumerate() {
                check_key(f, &field(&format!("requires_fields.{k}")))?;
            }
        }
        Ok(())
    }

    /// Statuses reachable from `start` (itself included) following transitions forwards, or
    /// backwards when `reverse`.
    fn reach(&self, start: &[&str], reverse: bool) -> HashSet<String> {
        let mut seen: HashSet<String> = start.iter().map(|s| s.to_string()).collect();
        let mut queue: VecDeque<String> = seen.iter().cloned().collect();
        while let Some(at) = queue.pop_front() {
            for t in &self.transitions {
                let next: Vec<&String> = if reverse {
                    if t.to == at {
                        t.from.iter().collect()
                    } else {
                        vec![]
                    }
                } else if t.from.contains(&at) {
                    vec![&t.to]
                } else {
                    vec![]
                };
                for n in next {
                    if seen.insert(n.clone()) {
                        queue.push_back(n.clone());
                    }
                }
            }
        }
        seen
    }

    fn check_reachable(&self) -> Result<()> {
        let reached = self.reach(&[self.initial.as_str()], false);
        match self.statuses.iter().position(|s| !reached.contains(&s.key)) {
            Some(i) => Err(Error::invalid("workflow.status_unreachable")
                .on_field(&format!("statuses.{i}.key"))
                .with("value", &self.statuses[i].key)),
            None => Ok(()),
        }
    }

    fn check_no_dead_end(&self) -> Result<()> {
        let finished: Vec<&str> = self
            .statuses
            .iter()
            .filter(|s| matches!(s.category, StatusCategory::Closed | StatusCategory::Cancelled))
            .map(|s| s.key.as_str())
            .collect();
        let can_finish = self.reach(&finished, true);
        match self.statuses.iter().position(|s| !can_finish.contains(&s.key)) {
            Some(i) => Err(Error::invalid("workflow.dead_end")
                .on_field(&format!("statuses.{i}.key"))
                .with("value", &self.statuses[i].key)),
            None => Ok(()),
        }
    }

    /// Decides one move: `action` from `from` by `mover`, with `filled` telling which fields
    /// hold a value and `comment` the comment given. Refusals are coded: the action is not open
    /// from this status, the mover may not take it, a required field is empty, a comment is
    /// required.
    pub fn decide(
        &self,
        from: &str,
        action: &str,
        mover: &Mover,
        filled: &dyn Fn(&str) -> bool,
        comment: Option<&str>,
    ) -> Result<Step> {
        let t = self.actions_from(from).find(|t| t.action == action).ok_or_else(|| {
            Error::invalid("workflow.action_unavailable").on_field("action").with("action", action).with("status", from)
        })?;
        if !t.parties.iter().any(|p| mover.is(*p)) {
            return Err(Error::forbidden("workflow.not_permitted").with("action", action));
        }
        if let Some(field) = t.requires_fields.iter().find(|f| !filled(f)) {
            return Err(Error::invalid("workflow.field_required")
                .on_field(field)
                .with("field", field)
                .with("action", action));
        }
        if t.comment_required && comment.is_none_or(|c| c.trim().is_empty()) {
            return Err(Error::invalid("workflow.comment_required").on_field("comment").with("action", action));
        }
        let to = self.status(&t.to).expect("checked definitions name known statuses");
        Ok(Step { to: to.key.clone(), category: to.category, review: t.review })
    }
}
