//! Processing an order beyond its fields (issue #4): who may bring in collaborators, the
//! `@login` mentions of a comment, links between orders, each person's own marks, the list's
//! views and saved filters. Pure rules; the service applies them.
//!
//! Who may add or remove collaborators: admins; supervisors and dispatchers of the order's
//! department (or with no department of their own, or on an order without one: they run the
//! whole queue); the order's assignee; the person who raised it. A collaborator may remove
//! only themselves. Technicians outside the department see an order once they collaborate.
//!
//! Mentions: `@login` (a user's login name) notifies that person when they may see the order.
//! Someone who may not see it is added as a collaborator when the author may add
//! collaborators; otherwise the comment is refused (`comment.mention_hidden`, naming them).
//! A name that is no active user's login is plain text.

use super::order::WorkOrder;
use super::user::{Actor, Role};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// Whether `actor` may add collaborators to `order` or remove them.
pub fn may_manage_collaborators(actor: &Actor, order: &WorkOrder) -> bool {
    let queue_staff = actor.has(Role::Supervisor) || actor.has(Role::Dispatcher);
    let in_department =
        actor.department_id.is_none() || order.department_id.is_none() || actor.department_id == order.department_id;
    actor.has(Role::Admin)
        || (queue_staff && in_department)
        || order.assignee_id.as_deref() == Some(actor.user_id.as_str())
        || order.created_by == actor.user_id
}

/// The `@login`s of a comment, each once, in order of appearance. A mention starts at an `@`
/// that does not follow a login character (so `li@example.com` is no mention) and runs over
/// login characters; trailing `.`, `-` and `_` are sentence punctuation, not the name.
pub fn mentions(body: &str) -> Vec<String> {
    let is_name = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-');
    let chars: Vec<char> = body.chars().collect();
    let mut found: Vec<String> = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        if *c != '@' || (i > 0 && (is_name(chars[i - 1]) || chars[i - 1] == '@')) {
            continue;
        }
        let name: String = chars[i + 1..].iter().take_while(|c| is_name(**c)).collect();
        let name = name.trim_end_matches(['.', '-', '_']).to_string();
        if name.chars().count() >= 2 && !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

/// How two orders are linked, as stored (read from the `from` end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Related,
    /// The `from` order repeats the other one.
    DuplicateOf,
    /// The `from` order is the parent of the other.
    ParentOf,
}

impl LinkKind {
    pub fn key(self) -> &'static str {
        match self {
            LinkKind::Related => "related",
            LinkKind::DuplicateOf => "duplicate_of",
            LinkKind::ParentOf => "parent_of",
        }
    }

    pub fn from_key(key: &str) -> Result<LinkKind> {
        match key {
            "related" => Ok(LinkKind::Related),
            "duplicate_of" => Ok(LinkKind::DuplicateOf),
            "parent_of" => Ok(LinkKind::ParentOf),
            other => Err(Error::internal(format!("stored link kind {other}"))),
        }
    }

    /// How the link reads from one end: the `from` end sees the kind, the other its reverse.
    pub fn seen_from(self, from_end: bool) -> &'static str {
        match (self, from_end) {
            (LinkKind::Related, _) => "related",
            (LinkKind::DuplicateOf, true) => "duplicate_of",
            (LinkKind::DuplicateOf, false) => "duplicated_by",
            (LinkKind::ParentOf, true) => "parent_of",
            (LinkKind::ParentOf, false) => "child_of",
        }
    }
}

/// What a person asks for when linking `order` to `other`: (kind, whether `order` is the
/// `from` end). `child_of` is `parent_of` read from the other end.
pub fn parse_link_kind(text: &str) -> Result<(LinkKind, bool)> {
    match text.trim() {
        "" | "related" => Ok((LinkKind::Related, true)),
        "duplicate_of" => Ok((LinkKind::DuplicateOf, true)),
        "parent_of" => Ok((LinkKind::ParentOf, true)),
        "child_of" => Ok((LinkKind::ParentOf, false)),
        other => Err(Error::invalid("link.kind_unknown").on_field("kind").with("value", other)),
    }
}

/// A person's own marks on an order; not part of the order's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    Star,
    Important,
}

impl Mark {
    pub fn key(self) -> &'static str {
        match self {
            Mark::Star => "star",
            Mark::Important => "important",
        }
    }
}

/// Which orders a list shows, besides its filters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum OrderView {
    #[default]
    All,
    /// Assigned to me, or I collaborate on it.
    Mine,
    /// Nobody is assigned and it still needs work.
    Unassigned,
    /// Still needs work and nobody has answered yet (no first response).
    AwaitingResponse,
    Starred,
    Important,
    /// Still needs work and an SLA due time has passed unmet.
    Overdue,
}

impl OrderView {
    pub const ALL: [OrderView; 7] = [
        OrderView::All,
        OrderView::Mine,
        OrderView::Unassigned,
        OrderView::AwaitingResponse,
        OrderView::Starred,
        OrderView::Important,
        OrderView::Overdue,
    ];

    pub fn key(self) -> &'static str {
        match self {
            OrderView::All => "all",
            OrderView::Mine => "mine",
            OrderView::Unassigned => "unassigned",
            OrderView::AwaitingResponse => "awaiting_response",
            OrderView::Starred => "starred",
            OrderView::Important => "important",
            OrderView::Overdue => "overdue",
        }
    }

    pub fn parse(text: &str) -> Result<OrderView> {
        let wanted = text.trim();
        if wanted.is_empty() {
            return Ok(OrderView::All);
        }
        OrderView::ALL.into_iter().find(|v| v.key() == wanted).ok_or_else(|| {
            let allowed: Vec<&str> = OrderView::ALL.iter().map(|v| v.key()).collect();
            Error::invalid("order.view_unknown")
                .on_field("view")
                .with("value", text)
                .with("allowed", allowed.join(", "))
        })
    }
}

/// A saved filter's name: 1 to 60 characters once trimmed.
pub fn validate_filter_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("input.required").on_field("name"));
    }
    if name.chars().count() > 60 {
        return Err(Error::invalid("input.too_long").on_field("name").with("max", 60));
    }
    Ok(name.to_string())
}

/// At most this many orders in one bulk change.
pub const BULK_MAX: usize = 500;

/// The ids of a bulk change, each once, in the order given; refused when empty or too many.
pub fn bulk_ids(ids: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for id in ids.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
        if !out.iter().any(|o| o == id) {
            out.push(id.to_string());
        }
    }
    if out.is_empty() {
        return Err(Error::invalid("bulk.empty").on_field("ids"));
    }
    if out.len() > BULK_MAX {
        return Err(Error::invalid("bulk.too_many").on_field("ids").with("max", BULK_MAX).with("count", out.len()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_logins_after_a_free_standing_at() {
        let body = "@li.wei 请看一下, cc @王芳. mail li@example.com or @li.wei again; @x @ @-";
        assert_eq!(mentions(body), vec!["li.wei".to_string(), "王芳".to_string()]);
        assert_eq!(mentions("(@zhang_san)"), vec!["zhang_san".to_string()]);
        assert!(mentions("no mentions here").is_empty());
    }

    #[test]
    fn views_and_link_kinds_parse_or_are_refused_with_a_code() {
        assert_eq!(OrderView::parse("awaiting_response").unwrap(), OrderView::AwaitingResponse);
        assert_eq!(OrderView::parse("").unwrap(), OrderView::All);
        assert_eq!(OrderView::parse("later").unwrap_err().key, "order.view_unknown");
        assert_eq!(parse_link_kind("child_of").unwrap(), (LinkKind::ParentOf, false));
        assert_eq!(parse_link_kind("sibling").unwrap_err().key, "link.kind_unknown");
        assert_eq!(LinkKind::DuplicateOf.seen_from(false), "duplicated_by");
    }

    #[test]
    fn bulk_lists_are_deduplicated_and_bounded() {
        let ids: Vec<String> = vec!["a".into(), "a".into(), " b ".into(), "".into()];
        assert_eq!(bulk_ids(&ids).unwrap(), vec!["a".to_string(), "b".to_string()]);
        assert_eq!(bulk_ids(&[]).unwrap_err().key, "bulk.empty");
        let many: Vec<String> = (0..=BULK_MAX).map(|i| i.to_string()).collect();
        assert_eq!(bulk_ids(&many).unwrap_err().key, "bulk.too_many");
        assert_eq!(validate_filter_name("  ").unwrap_err().key, "input.required");
    }
}
