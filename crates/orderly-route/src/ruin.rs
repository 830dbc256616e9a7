//! Ruin by adjacent string removal (SISR): around a random seed order, cut short strings of
//! consecutive visits out of several nearby routes, sometimes keeping a middle piece of the
//! string in place ("split string"), so that nearby routes get slack to be rebuilt together.

use crate::model::Model;
use crate::rng::Rng;
use crate::state::{Plan, NOWHERE};

/// Ruin strength; the defaults follow SISR's published settings.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RuinParams {
    /// Average number of orders removed per ruin.
    pub mean_removed: f64,
    /// Longest string cut from one route.
    pub max_string: f64,
    /// Probability that a string is cut as a split string.
    pub split_rate: f64,
    /// Each further kept order in a split string is added with probability `1 - split_depth`.
    pub split_depth: f64,
}

impl Default for RuinParams {
    fn default() -> Self {
        RuinParams { mean_removed: 10.0, max_string: 10.0, split_rate: 0.5, split_depth: 0.5 }
    }
}

/// Scratch space reused across iterations.
#[derive(Default)]
pub(crate) struct Ruin {
    ruined: Vec<bool>,
}

impl Ruin {
    /// Removes strings from the plan, appending the removed orders to `removed`.
    pub(crate) fn run(
        &mut self,
        model: &Model,
        plan: &mut Plan,
        rng: &mut Rng,
        p: &RuinParams,
        removed: &mut Vec<u32>,
    ) {
        let (served, used) = served_and_used(plan);
        if served == 0 {
            return;
        }
        let seed = loop {
            let c = rng.below(model.n) as u32;
            if plan.pos[c as usize].0 != NOWHERE {
                break c;
            }
        };
        let longest = p.max_string.min(served as f64 / used as f64);
        let max_strings = 4.0 * p.mean_removed / (1.0 + longest) - 1.0;
        let strings = (rng.unit() * max_strings) as usize + 1;
        self.ruined.clear();
        self.ruined.resize(plan.routes.len(), false);
        let mut cut = 0;
        for &c in &model.neighbours[seed as usize] {
            if cut >= strings {
                break;
            }
            let (r, _) = plan.pos[c as usize];
            if r == NOWHERE || self.ruined[r as usize] {
                continue;
            }
            self.ruined[r as usize] = true;
            cut += 1;
            let size = plan.routes[r as usize].customers();
            let l = (rng.unit() * longest.min(size as f64)) as usize + 1;
            if l < size && rng.unit() < p.split_rate {
                split_string(model, plan, rng, p, c, l, removed);
            } else {
                string(model, plan, rng, c, l, removed);
            }
        }
    }
}

fn served_and_used(plan: &Plan) -> (usize, usize) {
    plan.routes.iter().filter(|r| r.customers() > 0).fold((0, 0), |(s, u), r| (s + r.customers(), u + 1))
}

/// Picks a window of `len` order positions containing order `c`'s position, uniformly.
fn window_start(plan: &Plan, rng: &mut Rng, c: u32, len: usize) -> (usize, usize) {
    let (r, at) = plan.pos[c as usize];
    let (r, at) = (r as usize, at as usize);
    let last = plan.routes[r].customers();
    let lo = at.saturating_sub(len - 1).max(1);
    let hi = at.min(last + 1 - len);
    (r, lo + rng.below(hi - lo + 1))
}

fn string(model: &Model, plan: &mut Plan, rng: &mut Rng, c: u32, l: usize, removed: &mut Vec<u32>) {
    let (r, from) = window_start(plan, rng, c, l);
    plan.remove_range(model, r, from, from + l, removed);
}

/// Removes `l` orders out of a window of `l + m` around `c`, keeping `m` consecutive ones.
fn split_string(model: &Model, plan: &mut Plan, rng: &mut Rng, p: &RuinParams, c: u32, l: usize, out: &mut Vec<u32>) {
    let size = plan.routes[plan.pos[c as usize].0 as usize].customers();
    let mut m = 1;
    while l + m < size && rng.unit() >= p.split_depth {
        m += 1;
    }
    let (r, from) = window_start(plan, rng, c, l + m);
    let keep = from + rng.below(l + 1);
    // Remove the tail first so the head's positions stay valid.
    plan.remove_range(model, r, keep + m, from + l + m, out);
    plan.remove_range(model, r, from, keep, out);
}
