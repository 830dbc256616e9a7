//! Notifications: what a person is told (a kind and its parameters — the UI and the desktop
//! translate them), and each person's preferences: which kinds pop up natively, and quiet hours
//! during which nothing pops up (the inbox keeps everything regardless).

use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The kinds of notification, as stored keys.
pub const KINDS: [&str; 13] = [
    "sla_warning",
    "sla_breached",
    "sla_alert",
    "sla_suspended",
    "assigned",
    "urged",
    "mentioned",
    "transfer_requested",
    "transfer_approved",
    "transfer_rejected",
    "trigger",
    "time_rule",
    "collaborator_added",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Notification {
    pub id: String,
    pub user_id: String,
    pub order_id: Option<String>,
    pub order_number: Option<String>,
    /// One of [`KINDS`].
    pub kind: String,
    /// Values the message names, e.g. `{"target": "response", "due": 1763520000000}`.
    pub params: Value,
    pub created_at: i64,
    pub read_at: Option<i64>,
    pub delivered_at: Option<i64>,
}

/// Local wall-clock quiet hours, `HH:MM` to `HH:MM`; may span midnight (22:00 to 07:00).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct QuietHours {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NotificationPrefs {
    /// Native desktop notifications at all.
    pub desktop: bool,
    /// Kinds that never pop up (they still reach the inbox).
    #[serde(default)]
    pub muted_kinds: Vec<String>,
    #[serde(default)]
    pub quiet_hours: Option<QuietHours>,
}

impl Default for NotificationPrefs {
    fn default() -> Self {
        NotificationPrefs { desktop: true, muted_kinds: Vec::new(), quiet_hours: None }
    }
}

fn minutes_of(hhmm: &str, field: &str) -> Result<u32> {
    let bad = || Error::invalid("notify.time_invalid").on_field(field).with("value", hhmm);
    let (h, m) = hhmm.trim().split_once(':').ok_or_else(bad)?;
    let (h, m): (u32, u32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if h > 23 || m > 59 || hhmm.trim().len() != 5 {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

impl NotificationPrefs {
    pub fn validate(&self) -> Result<()> {
        for kind in &self.muted_kinds {
            if !KINDS.contains(&kind.as_str()) {
                return Err(Error::invalid("notify.kind_unknown").on_field("muted_kinds").with("value", kind));
            }
        }
        if let Some(q) = &self.quiet_hours {
            let (from, to) = (minutes_of(&q.from, "quiet_hours.from")?, minutes_of(&q.to, "quiet_hours.to")?);
            if from == to {
                return Err(Error::invalid("notify.quiet_hours_empty").on_field("quiet_hours.to"));
            }
        }
        Ok(())
    }

    /// Whether a notification of `kind` pops up natively at local minute-of-day `local_minute`.
    pub fn pops_up(&self, kind: &str, local_minute: u32) -> bool {
        if !self.desktop || self.muted_kinds.iter().any(|k| k == kind) {
            return false;
        }
        let Some(q) = &self.quiet_hours else { return true };
        let (Ok(from), Ok(to)) = (minutes_of(&q.from, "from"), minutes_of(&q.to, "to")) else { return true };
        let quiet =
            if from < to { (from..to).contains(&local_minute) } else { local_minute >= from || local_minute < to };
        !quiet
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_hours_across_midnight_silence_pop_ups_only_inside() {
        let prefs = NotificationPrefs {
            desktop: true,
            muted_kinds: vec!["urged".into()],
            quiet_hours: Some(QuietHours { from: "22:00".into(), to: "07:00".into() }),
        };
        prefs.validate().unwrap();
        let table = [(21 * 60 + 59, true), (22 * 60, false), (3 * 60, false), (7 * 60, true), (12 * 60, true)];
        for (minute, expected) in table {
            assert_eq!(prefs.pops_up("sla_alert", minute), expected, "minute {minute}");
        }
        assert!(!prefs.pops_up("urged", 12 * 60), "a muted kind never pops up");
        let off = NotificationPrefs { desktop: false, ..NotificationPrefs::default() };
        assert!(!off.pops_up("sla_alert", 12 * 60));
    }

    #[test]
    fn bad_preferences_are_refused_with_the_field() {
        let bad_time = NotificationPrefs {
            quiet_hours: Some(QuietHours { from: "25:00".into(), to: "07:00".into() }),
            ..NotificationPrefs::default()
        };
        assert_eq!(bad_time.validate().unwrap_err().field.as_deref(), Some("quiet_hours.from"));
        let bad_kind = NotificationPrefs { muted_kinds: vec!["spam".into()], ..NotificationPrefs::default() };
        assert_eq!(bad_kind.validate().unwrap_err().key, "notify.kind_unknown");
    }
}
