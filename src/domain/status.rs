//! The default workflow's statuses and transitions (issue #4 makes workflows editable per
//! template; until then every template uses this one). Keys are stable ASCII; names are
//! translated labels in the UI. SLA and statistics reason about [`StatusCategory`], never names.

use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 待分配
    Unassigned,
    /// 待办
    Todo,
    /// 处理中
    InProgress,
    /// 待转
    PendingTransfer,
    /// 已转
    Transferred,
    /// 待客户反馈
    AwaitingCustomer,
    /// 已办
    Done,
    Closed,
    Suspended,
    Cancelled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum StatusCategory {
    New,
    Open,
    Pending,
    Suspended,
    Resolved,
    Closed,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 10] = [
        Status::Unassigned,
        Status::Todo,
        Status::InProgress,
        Status::PendingTransfer,
        Status::Transferred,
        Status::AwaitingCustomer,
        Status::Done,
        Status::Closed,
        Status::Suspended,
        Status::Cancelled,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Status::Unassigned => "unassigned",
            Status::Todo => "todo",
            Status::InProgress => "in_progress",
            Status::PendingTransfer => "pending_transfer",
            Status::Transferred => "transferred",
            Status::AwaitingCustomer => "awaiting_customer",
            Status::Done => "done",
            Status::Closed => "closed",
            Status::Suspended => "suspended",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn category(self) -> StatusCategory {
        match self {
            Status::Unassigned => StatusCategory::New,
            Status::Todo => StatusCategory::Open,
            Status::InProgress => StatusCategory::Open,
            Status::PendingTransfer => StatusCategory::Open,
            Status::Transferred => StatusCategory::Open,
            Status::AwaitingCustomer => StatusCategory::Pending,
            Status::Done => StatusCategory::Resolved,
            Status::Closed => StatusCategory::Closed,
            Status::Suspended => StatusCategory::Suspended,
            Status::Cancelled => StatusCategory::Cancelled,
        }
    }

    /// The statuses reachable from this one in the default workflow.
    pub fn next(self) -> &'static [Status] {
        use Status::*;
        match self {
            Unassigned => &[Todo, Cancelled],
            Todo => &[InProgress, PendingTransfer, AwaitingCustomer, Done, Suspended, Cancelled],
            InProgress => &[Todo, PendingTransfer, AwaitingCustomer, Done, Suspended, Cancelled],
            PendingTransfer => &[Transferred, Todo, Cancelled],
            Transferred => &[Todo, InProgress, Cancelled],
            AwaitingCustomer => &[InProgress, Done, Suspended, Cancelled],
            Done => &[Closed, InProgress],
            Closed => &[InProgress],
            Suspended => &[Todo, InProgress, Cancelled],
            Cancelled => &[],
        }
    }

    /// Checks a transition, naming both ends when it is refused.
    pub fn check_transition(self, to: Status) -> Result<()> {
        if self.next().contains(&to) {
            Ok(())
        } else {
            Err(Error::invalid("order.transition_refused")
                .on_field("status")
                .with("from", self.key())
                .with("to", to.key()))
        }
    }

    /// Whether the order still needs work (counts in backlogs and workloads).
    pub fn is_active(self) -> bool {
        matches!(
            self.category(),
            StatusCategory::New | StatusCategory::Open | StatusCategory::Pending | StatusCategory::Suspended
        )
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Status {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        Status::ALL
            .into_iter()
            .find(|st| st.key() == wanted)
            .ok_or_else(|| Error::invalid("order.status_invalid").on_field("status").with("value", s))
    }
}

#[cfg(test)]
mod tests {
    use super::Status::*;
    use super::*;

    #[test]
    fn transitions_follow_the_default_workflow() {
        let table = [
            (Unassigned, Todo, true),
            (Unassigned, Done, false),
            (Todo, InProgress, true),
            (InProgress, Done, true),
            (Done, Closed, true),
            (Closed, InProgress, true),
            (Closed, Todo, false),
            (Cancelled, Todo, false),
            (PendingTransfer, Transferred, true),
            (AwaitingCustomer, InProgress, true),
            (Suspended, InProgress, true),
            (Suspended, Done, false),
        ];
        for (from, to, allowed) in table {
            assert_eq!(from.check_transition(to).is_ok(), allowed, "{from} -> {to}");
        }
    }

    #[test]
    fn keys_round_trip_and_unknown_keys_are_refused() {
        for st in Status::ALL {
            assert_eq!(st.key().parse::<Status>().unwrap(), st);
        }
        assert_eq!("in-progress".parse::<Status>().unwrap(), InProgress);
        assert_eq!("finished".parse::<Status>().unwrap_err().key, "order.status_invalid");
    }

    #[test]
    fn categories_match_the_issue() {
        assert_eq!(Unassigned.category(), StatusCategory::New);
        assert_eq!(PendingTransfer.category(), StatusCategory::Open);
        assert_eq!(AwaitingCustomer.category(), StatusCategory::Pending);
        assert_eq!(Done.category(), StatusCategory::Resolved);
        assert!(!Closed.is_active());
    }
}
