//! Time rules (issue #4): when an order has stayed in a status for a while, act — "pending for
//! 48 h -> notify the assignee", "resolved for 7 days -> close". Pure: which rules are due for an
//! order, and when the next one falls due, so the core's scheduler reads only what is due.

use crate::domain::trigger::NotifyTarget;
use crate::domain::workflow::Names;
use crate::domain::Millis;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// Longest wait a rule may name: a year.
pub const MAX_AFTER_MINUTES: i64 = 366 * 24 * 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TimeAction {
    Notify {
        to: NotifyTarget,
        message: String,
    },
    /// Takes a workflow action as the system user (e.g. `close`).
    Transition {
        action: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TimeRule {
    pub key: String,
    pub names: Names,
    /// The status the order must still be in.
    pub status: String,
    /// Minutes in that status before the rule acts.
    pub after_minutes: i64,
    pub action: TimeAction,
}

impl TimeRule {
    /// Refuses a rule that could not run; `statuses` are the workflow's status keys.
    pub fn check(&self, statuses: &[&str]) -> Result<()> {
        if self.key.is_empty() || !self.key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
            return Err(Error::invalid("workflow.key_invalid").on_field("key").with("value", &self.key));
        }
        if !statuses.contains(&self.status.as_str()) {
            return Err(Error::invalid("workflow.status_unknown").on_field("status").with("value", &self.status));
        }
        if self.after_minutes < 1 || self.after_minutes > MAX_AFTER_MINUTES {
            return Err(Error::invalid("time_rule.after_out_of_range")
                .on_field("after_minutes")
                .with("max", MAX_AFTER_MINUTES));
        }
        match &self.action {
            TimeAction::Notify { message, .. } if message.trim().is_empty() => {
                Err(Error::invalid("input.required").on_field("action.message"))
            }
            TimeAction::Transition { action } if action.trim().is_empty() => {
                Err(Error::invalid("input.required").on_field("action.action"))
            }
            _ => Ok(()),
        }
    }

    /// When this rule falls due for an order that entered `status` at `since`, if it applies.
    pub fn due_at(&self, status: &str, since: Millis) -> Option<Millis> {
        (self.status == status).then(|| since + self.after_minutes * 60_000)
    }
}

/// The rules due at `now` for an order in `status` since `since` that have not yet acted in this
/// stay (`done` holds the keys of rules already run since it entered the status).
pub fn due_rules<'a>(
    rules: &'a [TimeRule],
    status: &str,
    since: Millis,
    done: &[String],
    now: Millis,
) -> Vec<&'a TimeRule> {
    rules
        .iter()
        .filter(|r| !done.contains(&r.key))
        .filter(|r| r.due_at(status, since).is_some_and(|at| at <= now))
        .collect()
}

/// The earliest time a rule not yet run falls due for this stay, for the scheduler's index.
pub fn next_due(rules: &[TimeRule], status: &str, since: Millis, done: &[String]) -> Option<Millis> {
    rules.iter().filter(|r| !done.contains(&r.key)).filter_map(|r| r.due_at(status, since)).min()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: Millis = 3_600_000;

    fn rule(key: &str, status: &str, hours: i64, action: TimeAction) -> TimeRule {
        TimeRule {
            key: key.into(),
            names: Names::new(key, key, key),
            status: status.into(),
            after_minutes: hours * 60,
            action,
        }
    }

    fn rules() -> Vec<TimeRule> {
        let nudge = TimeAction::Notify { to: NotifyTarget::Assignee, message: "still waiting".into() };
        vec![
            rule("nudge", "awaiting_customer", 48, nudge),
            rule("auto_close", "done", 7 * 24, TimeAction::Transition { action: "close".into() }),
        ]
    }

    #[test]
    fn rules_fall_due_after_their_time_in_the_status_and_act_once_per_stay() {
        let rules = rules();
        let since = 1_000 * HOUR;
        assert!(due_rules(&rules, "awaiting_customer", since, &[], since + 47 * HOUR).is_empty());
        let due = due_rules(&rules, "awaiting_customer", since, &[], since + 48 * HOUR);
        assert_eq!(due.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(), ["nudge"]);
        assert!(due_rules(&rules, "awaiting_customer", since, &["nudge".into()], since + 96 * HOUR).is_empty());
        assert_eq!(next_due(&rules, "done", since, &[]), Some(since + 168 * HOUR));
        assert_eq!(next_due(&rules, "done", since, &["auto_close".into()]), None);
        assert_eq!(next_due(&rules, "in_progress", since, &[]), None);
    }

    #[test]
    fn bad_rules_are_refused_naming_the_field() {
        let statuses = ["awaiting_customer", "done", "closed"];
        rules()[0].check(&statuses).unwrap();
        let mut r = rules()[0].clone();
        r.after_minutes = 0;
        assert_eq!(r.check(&statuses).unwrap_err().field.as_deref(), Some("after_minutes"));
        let mut r = rules()[1].clone();
        r.status = "limbo".into();
        assert_eq!(r.check(&statuses).unwrap_err().key, "workflow.status_unknown");
        let mut r = rules()[0].clone();
        r.action = TimeAction::Notify { to: NotifyTarget::Requester, message: " ".into() };
        assert_eq!(r.check(&statuses).unwrap_err().field.as_deref(), Some("action.message"));
    }
}
