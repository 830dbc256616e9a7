//! Batch assignment entry point. A fifth of the budget goes to the Lagrangian relaxation,
//! which gives the certified lower bound and, by rounding its averaged relaxed solution, a
//! starting plan near the LP optimum plus hour prices that order each order's candidate
//! technicians; the rest goes to annealing from that start (the greedy plan is the feasible
//! fallback).

use crate::bound::Lagrangian;
use crate::instance::Instance;
use crate::model::{Model, UNASSIGNED};
use crate::search::{Limits, Schedule, Search};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

/// How long and how to search.
#[derive(Clone, Debug)]
pub struct SolveOptions<'a> {
    /// Wall-clock budget of `solve` itself (construction, search and bound).
    pub time_limit: Duration,
    pub seed: u64,
    /// Set it to stop early; the best plan so far is returned.
    pub cancel: Option<&'a AtomicBool>,
    /// Stop the search after this many move evaluations: with a budget long enough to reach it,
    /// the plan depends only on the seed and this number (tests use it for determinism).
    pub max_iterations: Option<u64>,
    /// Compute the certified lower bound (costs a small share of the budget).
    pub lower_bound: bool,
}

impl Default for SolveOptions<'_> {
    fn default() -> Self {
        SolveOptions {
            time_limit: Duration::from_millis(250),
            seed: 1,
            cancel: None,
            max_iterations: None,
            lower_bound: true,
        }
    }
}

/// A feasible plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// Technician index per order index; None = unassigned.
    pub assignment: Vec<Option<usize>>,
    pub objective: f64,
    /// Certified: no feasible plan costs less.
    pub lower_bound: Option<f64>,
    /// Move evaluations performed by the local search.
    pub iterations: u64,
}

/// Share of the budget for the Lagrangian (bound and starting plan), and its iteration cap
/// (the bound rarely improves after a few hundred subgradient steps).
const BOUND_SHARE: f64 = 0.2;
const BOUND_MAX_ITER: u32 = 400;

/// Annealing schedule by instance size, tuned on the samples. Start temperatures are low
/// (about the cost of a few km) because the search starts from the rounded LP solution, which
/// is already close; small instances get several runs because short runs from the same start
/// end in different basins and the best of them beats one long run, while large instances
/// need the whole budget for one run to cool down.
fn schedule_for(model: &Model) -> Schedule {
    match model.n {
        0..=150 => Schedule { t_start: 1.0, t_end: 0.05, runs: 10 },
        151..=400 => Schedule { t_start: 0.7, t_end: 0.05, runs: 2 },
        _ => Schedule { t_start: 0.5, t_end: 0.05, runs: 1 },
    }
}

/// Solves `inst` within `opts.time_limit`; always returns a feasible plan (orders nobody can
/// take are left unassigned).
pub fn solve(inst: &Instance, opts: &SolveOptions) -> Plan {
    let start = Instant::now();
    let mut model = Model::new(inst);
    let budget = opts.time_limit.as_secs_f64();
    let greedy = model.greedy();
    let mut lower_bound = None;
    let mut first = greedy.clone();
    if opts.lower_bound {
        let mut lagrangian = Lagrangian::new(&model);
        let deadline = start + Duration::from_secs_f64(budget * BOUND_SHARE);
        lower_bound = Some(lagrangian.optimise(model.evaluate(&greedy), BOUND_MAX_ITER, deadline));
        first = lagrangian.rounded();
        let prices = lagrangian.prices();
        model.order_candidates_by(&prices);
    }
    let limits = Limits {
        start: Instant::now(),
        deadline: start + opts.time_limit,
        max_iterations: opts.max_iterations,
        cancel: opts.cancel,
        // Both values carry float noise; a relative 1e-9 is far below any real difference.
        proven_optimal_at: lower_bound.map_or(f64::NEG_INFINITY, |b: f64| b + 1e-9 * b.abs().max(1.0)),
    };
    let mut search = Search::new(&model, first.clone(), greedy, opts.seed);
    if model.n > 0 && model.m > 0 {
        search.run(&first, &schedule_for(&model), &limits);
    }
    let best = search.best.clone();
    let objective = model.evaluate(&best);
    Plan {
        assignment: best.iter().map(|&j| (j != UNASSIGNED).then_some(j as usize)).collect(),
        objective,
        lower_bound: lower_bound.map(|b: f64| b.min(objective)),
        iterations: search.iterations,
    }
}
