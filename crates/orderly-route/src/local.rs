//! Local search polish for new best plans: take one order (or an order and a close neighbour)
//! out and put it back at its cheapest feasible place, keeping only strict improvements, until
//! nothing improves. It fixes detours that greedy rebuilding order alone does not reach.

use crate::model::Model;
use crate::recreate::best_position;
use crate::state::{Plan, NOWHERE};

/// Neighbours tried as partners in the pair move.
const PAIR_NEIGHBOURS: usize = 5;
/// Safety bound on improvement rounds; each round must strictly lower the cost anyway.
const MAX_ROUNDS: usize = 50;

/// Improves `plan` in place; returns its cost. `out_of_time` is asked between rounds so a
/// large plan cannot overrun the caller's budget by more than one round.
pub(crate) fn polish(model: &Model, plan: &mut Plan, scratch: &mut Vec<u32>, out_of_time: impl Fn() -> bool) -> i64 {
    let mut cost = plan.cost(model);
    for _ in 0..MAX_ROUNDS {
        if out_of_time() {
            break;
        }
        let before = cost;
        for c in 0..model.n as u32 {
            cost = try_reinsert(model, plan, scratch, &[c], cost);
        }
        for c in 0..model.n as u32 {
            for &v in model.neighbours[c as usize].iter().skip(1).take(PAIR_NEIGHBOURS) {
                cost = try_reinsert(model, plan, scratch, &[c, v], cost);
                cost = try_reinsert(model, plan, scratch, &[v, c], cost);
            }
        }
        if cost >= before {
            break;
        }
    }
    cost
}

/// Removes `orders` and reinserts them greedily in that order; keeps the result if cheaper.
fn try_reinsert(model: &Model, plan: &mut Plan, scratch: &mut Vec<u32>, orders: &[u32], cost: i64) -> i64 {
    if orders.iter().any(|&c| plan.pos[c as usize].0 == NOWHERE) {
        return cost;
    }
    plan.begin();
    for &c in orders {
        let (r, at) = plan.pos[c as usize];
        plan.remove_range(model, r as usize, at as usize, at as usize + 1, scratch);
    }
    scratch.clear();
    let mut placed = !plan.broken;
    for &c in orders {
        if !placed {
            break;
        }
        match best_position(model, plan, c, || false) {
            Some((r, at)) => plan.insert(model, c, r, at),
            None => placed = false,
        }
    }
    let new_cost = plan.cost(model);
    if placed && new_cost < cost {
        new_cost
    } else {
        plan.rollback();
        cost
    }
}
