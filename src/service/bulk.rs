//! Bulk assign and bulk status change (issue #4): each order goes through the same path as a
//! single change, in its own transaction, so one refusal does not stop the others. The caller
//! gets one outcome per order and, for a progress bar, `progress(done, total)` after each one
//! (the desktop turns it into `bulk-progress` events).
//!
//! The whole call is refused, with nothing written, when the list is empty or longer than
//! [`crate::domain::processing::BULK_MAX`], or when the actor may not make this change at all (a technician assigning).

use super::transfer::{APPROVE, REJECT};
use super::workflow_moves::{ActInput, AvailableAction};
use super::Orderly;
use crate::domain::processing::bulk_ids;
use crate::domain::user::Actor;
use crate::domain::workflow::Names;
use crate::{Error, ErrorCode, Result};
use serde::{Deserialize, Serialize};

/// What became of one order of a bulk change: done (with its new number and version) or the
/// coded refusal for that order alone.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BulkOutcome {
    /// The id or number as given.
    pub order: String,
    pub number: Option<String>,
    pub version: Option<i64>,
    pub error: Option<Error>,
}

/// Every order's outcome, in the order given, and how many were done.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BulkReport {
    pub done: u32,
    pub refused: u32,
    pub outcomes: Vec<BulkOutcome>,
}

impl BulkReport {
    fn of(outcomes: Vec<BulkOutcome>) -> BulkReport {
        let refused = outcomes.iter().filter(|o| o.error.is_some()).count() as u32;
        BulkReport { done: outcomes.len() as u32 - refused, refused, outcomes }
    }
}

/// A bulk change's instruction: assign to a person, or take a workflow action.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BulkChange {
    /// `assignee_id` empty or null unassigns.
    Assign { assignee_id: Option<String> },
    /// A workflow action (`start`, `resolve`, `suspend` …) with its comment when it needs one.
    Act { action: String, comment: Option<String> },
}

/// A workflow action a bulk status change can offer: one taken with at most a comment (a
/// transfer's target, a review decision or required fields are given one order at a time).
/// `orders` of the selected orders offer it now; the others will each refuse it with a reason.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BulkAction {
    pub action: String,
    pub names: Names,
    /// Whether any of the orders offering it needs a comment with it.
    pub comment_required: bool,
    pub orders: u32,
}

/// Whether an action of one order can be taken on many with one comment.
fn bulkable(a: &AvailableAction) -> bool {
    !a.review && a.requires_fields.is_empty() && a.action != APPROVE && a.action != REJECT
}

impl Orderly {
    /// The workflow actions the actor may take in bulk on the given orders (at most
    /// [`crate::domain::processing::BULK_MAX`]): every action some of them offer, in the order
    /// first offered, with how many offer it. Orders the actor cannot see offer nothing.
    pub async fn bulk_actions(&self, actor: &Actor, ids: &[String]) -> Result<Vec<BulkAction>> {
        let mut out: Vec<BulkAction> = Vec::new();
        for id in bulk_ids(ids)? {
            let offered = match self.available_actions(actor, &id).await {
                Ok(actions) => actions,
                Err(e) if matches!(e.code, ErrorCode::NotFound | ErrorCode::Forbidden) => continue,
                Err(e) => return Err(e),
            };
            for a in offered.into_iter().filter(bulkable) {
                match out.iter_mut().find(|b| b.action == a.action) {
                    Some(b) => {
                        b.orders += 1;
                        b.comment_required |= a.comment_required;
                    }
                    None => out.push(BulkAction {
                        action: a.action,
                        names: a.names,
                        comment_required: a.comment_required,
                        orders: 1,
                    }),
                }
            }
        }
        Ok(out)
    }

    /// Applies `change` to each order (at most [`crate::domain::processing::BULK_MAX`]), each as its own single change.
    pub async fn bulk_change(
        &self,
        actor: &Actor,
        ids: &[String],
        change: &BulkChange,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<BulkReport> {
        let ids = bulk_ids(ids)?;
        if let BulkChange::Assign { .. } = change {
            actor.require(actor.can_assign(), "perm.assign")?;
        }
        let total = ids.len();
        let mut outcomes = Vec::with_capacity(total);
        for (i, id) in ids.into_iter().enumerate() {
            let result = self.bulk_one(actor, &id, change).await;
            outcomes.push(match result {
                Ok(order) => {
                    BulkOutcome { order: id, number: Some(order.number), version: Some(order.version), error: None }
                }
                Err(e) => BulkOutcome { order: id, number: None, version: None, error: Some(e) },
            });
            progress(i + 1, total);
        }
        Ok(BulkReport::of(outcomes))
    }

    async fn bulk_one(&self, actor: &Actor, id: &str, change: &BulkChange) -> Result<crate::domain::order::WorkOrder> {
        let version = self.get_order(actor, id).await?.version;
        match change {
            BulkChange::Assign { assignee_id } => {
                let assignee = assignee_id.clone().filter(|a| !a.is_empty());
                self.assign_order(actor, id, assignee, version).await
            }
            BulkChange::Act { action, comment } => {
                let input = ActInput { comment: comment.clone(), ..Default::default() };
                self.act(actor, id, version, action, input).await
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_count_the_refused() {
        let ok = BulkOutcome { order: "a".into(), number: Some("WO-1".into()), version: Some(2), error: None };
        let no = BulkOutcome { order: "b".into(), number: None, version: None, error: Some(Error::invalid("x")) };
        let r = BulkReport::of(vec![ok, no]);
        assert_eq!((r.done, r.refused), (1, 1));
    }
}
