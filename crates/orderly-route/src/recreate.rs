//! Recreate by greedy insertion with blinks (SISR): absent orders are sorted by one of a few
//! keys, then each goes to its cheapest feasible position, skipping each candidate position
//! with a small probability so repeated rebuilds explore different but still good routes.

use crate::model::Model;
use crate::rng::Rng;
use crate::state::Plan;

/// Insertion order keys with SISR's weights: random 4, demand 4, far 2, close 1.
const SORT_WEIGHTS: [usize; 4] = [4, 4, 2, 1];

#[derive(Default)]
pub(crate) struct Recreate {
    keyed: Vec<(i64, u32)>,
}

impl Recreate {
    /// Inserts every order of `pending` (plus those already absent) that fits somewhere;
    /// the rest stay absent. `blink` is the probability of skipping a candidate position.
    pub(crate) fn run(&mut self, model: &Model, plan: &mut Plan, rng: &mut Rng, pending: &mut Vec<u32>, blink: f64) {
        pending.append(&mut plan.absent);
        self.sort(model, rng, pending);
        // Compare raw random words against a threshold: one multiply-free test per position.
        let skip_below = (blink * u64::MAX as f64) as u64;
        for &c in pending.iter() {
            match best_position(model, plan, c, || rng.next_u64() < skip_below) {
                Some((r, at)) => plan.insert(model, c, r, at),
                None => plan.absent.push(c),
            }
        }
        pending.clear();
    }

    fn sort(&mut self, model: &Model, rng: &mut Rng, pending: &mut [u32]) {
        let total: usize = SORT_WEIGHTS.iter().sum();
        let mut pick = rng.below(total);
        let mut kind = 0;
        while pick >= SORT_WEIGHTS[kind] {
            pick -= SORT_WEIGHTS[kind];
            kind += 1;
        }
        self.keyed.clear();
        for &c in pending.iter() {
            let key = match kind {
                0 => rng.next_u64() as i64 >> 1,
                1 => -model.demand[c as usize],
                2 => -model.depot_distance[c as usize],
                _ => model.depot_distance[c as usize],
            };
            self.keyed.push((key, c));
        }
        // Random tie-breaks would cost a word each; sorting by (key, id) keeps runs reproducible.
        self.keyed.sort_unstable();
        for (slot, &(_, c)) in pending.iter_mut().zip(&self.keyed) {
            *slot = c;
        }
    }
}

/// Cheapest feasible `(route, position)` for order `c`; `blink()` says to skip a candidate.
pub(crate) fn best_position(
    model: &Model,
    plan: &Plan,
    c: u32,
    mut blink: impl FnMut() -> bool,
) -> Option<(usize, usize)> {
    let demand = model.demand[c as usize];
    let mut best: Option<(i64, usize, usize)> = None;
    let mut empty_seen = false;
    for (r, route) in plan.routes.iter().enumerate() {
        if route.customers() == 0 && model.unlimited {
            // All empty routes of an unlimited fleet are the same; scanning one is enough.
            if empty_seen {
                continue;
            }
            empty_seen = true;
        }
        if !model.allowed(c, route.vehicle) || route.load + demand > model.depots[route.vehicle as usize].capacity {
            continue;
        }
        let due = model.due[c as usize];
        for i in 0..route.stops.len() - 1 {
            if route.start[i] > due {
                // Service starts only grow along a route: no later position can be in time.
                break;
            }
            if blink() {
                continue;
            }
            if let Some(delta) = route.insertion_delta(model, c, i) {
                if best.is_none_or(|(b, _, _)| delta < b) {
                    best = Some((delta, r, i + 1));
                }
            }
        }
    }
    best.map(|(_, r, at)| (r, at))
}
