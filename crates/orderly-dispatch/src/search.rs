//! Simulated-annealing local search over assignments with shift, swap and two-step ejection
//! moves, each evaluated in O(1) from the per-technician loads (the saturation cost is a
//! function of one technician's load only, so a move touches at most three of them).
//!
//! With an iteration cap the schedule depends only on the iteration count, so a run is
//! reproducible from seed + iterations; otherwise it follows the clock so it always cools down
//! within the budget.

use crate::model::{Model, LOAD_EPS, UNASSIGNED};
use crate::rng::Rng;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// How many of an order's cheapest technicians most proposals are drawn from, and how often
/// (out of 64) a proposal is restricted to them.
const NEAR: usize = 8;
const NEAR_SHARE: usize = 48;

/// Share of the search time given to annealing runs; the rest is for the final polish.
const POLISH_RESERVE: f64 = 0.97;

/// When to stop searching.
pub(crate) struct Limits<'a> {
    pub start: Instant,
    pub deadline: Instant,
    pub max_iterations: Option<u64>,
    pub cancel: Option<&'a AtomicBool>,
    /// Stop once the best plan costs at most this (the certified lower bound: it is optimal).
    pub proven_optimal_at: f64,
}

impl Limits<'_> {
    fn stop(&self, iterations: u64) -> bool {
        self.max_iterations.is_some_and(|cap| iterations >= cap)
            || self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
            || Instant::now() >= self.deadline
    }
}

/// Annealing temperatures, in objective units (km-equivalents); geometric cooling between.
pub(crate) struct Schedule {
    pub t_start: f64,
    pub t_end: f64,
    /// Independent runs sharing the budget.
    pub runs: u32,
}

/// Bounds and start of the weight on hours over capacity. Overloads are allowed during the
/// search (strategic oscillation): a full technician can take an order first and pass another
/// one on later, which is how the last hard-to-place orders get in.
const OVERLOAD_WEIGHT: (f64, f64, f64) = (5.0, 5_000.0, 50.0);

/// A move's effect: change of the true objective and of the total hours over capacity.
#[derive(Clone, Copy, Default)]
struct Delta {
    cost: f64,
    excess: f64,
}

impl std::ops::Add for Delta {
    type Output = Delta;
    fn add(self, o: Delta) -> Delta {
        Delta { cost: self.cost + o.cost, excess: self.excess + o.excess }
    }
}

pub(crate) struct Search<'a> {
    model: &'a Model,
    rng: Rng,
    assign: Vec<u32>,
    load: Vec<f64>,
    members: Vec<Vec<u32>>,
    pos: Vec<u32>,
    /// True objective of `assign` (saturation included, overload not).
    cost: f64,
    /// Technicians currently over capacity; the plan is feasible when this is 0.
    overloaded: usize,
    overload_weight: f64,
    pub best: Vec<u32>,
    pub best_cost: f64,
    pub iterations: u64,
}

impl<'a> Search<'a> {
    /// Starts from `start` (capacities may be exceeded) with `fallback`, a feasible plan, as
    /// the best so far.
    pub fn new(model: &'a Model, start: Vec<u32>, fallback: Vec<u32>, seed: u64) -> Search<'a> {
        let best_cost = model.evaluate(&fallback);
        let mut s = Search {
            model,
            rng: Rng::new(seed),
            assign: vec![UNASSIGNED; model.n],
            load: vec![0.0; model.m],
            members: vec![Vec::new(); model.m],
            pos: vec![0; model.n],
            cost: model.evaluate(&start),
            overloaded: 0,
            overload_weight: OVERLOAD_WEIGHT.2,
            best: fallback,
            best_cost,
            iterations: 0,
        };
        for (i, &j) in start.iter().enumerate() {
            s.attach(i, j);
        }
        if s.overloaded == 0 && s.cost < s.best_cost {
            s.best.copy_from_slice(&start);
            s.best_cost = s.cost;
        }
        s
    }

    #[inline]
    fn over(&self, j: usize, load: f64) -> bool {
        load > self.model.free[j] + LOAD_EPS
    }

    /// Effect of technician `j`'s load becoming `new_load` (nothing for "unassigned").
    #[inline]
    fn tech_delta(&self, j: u32, new_load: f64) -> Delta {
        if j == UNASSIGNED {
            return Delta::default();
        }
        let (ju, m) = (j as usize, self.model);
        let old = self.load[ju];
        Delta {
            cost: m.sat(ju, new_load) - m.sat(ju, old),
            excess: (new_load - m.free[ju]).max(0.0) - (old - m.free[ju]).max(0.0),
        }
    }

    fn set_load(&mut self, j: usize, load: f64) {
        let (was, is) = (self.over(j, self.load[j]), self.over(j, load));
        self.overloaded = self.overloaded + usize::from(is) - usize::from(was);
        self.load[j] = load;
    }

    fn detach(&mut self, i: usize) {
        let j = self.assign[i];
        if j == UNASSIGNED {
            return;
        }
        let list = &mut self.members[j as usize];
        let p = self.pos[i] as usize;
        list.swap_remove(p);
        if p < list.len() {
            self.pos[list[p] as usize] = p as u32;
        }
        self.set_load(j as usize, self.load[j as usize] - self.model.pair_work(i, j));
    }

    fn attach(&mut self, i: usize, j: u32) {
        self.assign[i] = j;
        if j != UNASSIGNED {
            self.pos[i] = self.members[j as usize].len() as u32;
            self.members[j as usize].push(i as u32);
            self.set_load(j as usize, self.load[j as usize] + self.model.pair_work(i, j));
        }
    }

    fn relocate(&mut self, i: usize, j: u32) {
        self.detach(i);
        self.attach(i, j);
    }

    /// Load of `j` (assigned) once order `i` leaves it.
    #[inline]
    fn load_without(&self, i: usize, j: u32) -> f64 {
        self.load[j as usize] - self.model.pair_work(i, j)
    }

    /// Moving order `i` to `t` (possibly "unassigned").
    fn shift_delta(&self, i: usize, t: u32) -> Option<Delta> {
        let m = self.model;
        let a = self.assign[i];
        if a == t {
            return None;
        }
        let mut d = Delta { cost: m.pair_cost(i, t) - m.pair_cost(i, a), excess: 0.0 };
        if t != UNASSIGNED {
            d = d + self.tech_delta(t, self.load[t as usize] + m.pair_work(i, t));
        }
        if a != UNASSIGNED {
            d = d + self.tech_delta(a, self.load_without(i, a));
        }
        Some(d)
    }

    /// Exchanging the technicians of orders `i` and `k` (both assigned).
    fn swap_delta(&self, i: usize, k: usize) -> Option<Delta> {
        let m = self.model;
        let (a, b) = (self.assign[i], self.assign[k]);
        let (cib, cka) = (m.pair_cost(i, b), m.pair_cost(k, a));
        if a == b || a == UNASSIGNED || b == UNASSIGNED || !cib.is_finite() || !cka.is_finite() {
            return None;
        }
        let la = self.load_without(i, a) + m.pair_work(k, a);
        let lb = self.load_without(k, b) + m.pair_work(i, b);
        let pair = Delta { cost: cib + cka - m.pair_cost(i, a) - m.pair_cost(k, b), excess: 0.0 };
        Some(pair + self.tech_delta(a, la) + self.tech_delta(b, lb))
    }

    /// Ejection: `i` moves from `a` to `t`, pushing `k` out of `t` to `c` (c may be `a` or
    /// "unassigned"). Lets a full technician take a better order by passing one on.
    fn eject_delta(&self, i: usize, k: usize, c: u32) -> Option<Delta> {
        let m = self.model;
        let (a, t) = (self.assign[i], self.assign[k]);
        if a == t || t == UNASSIGNED || c == t || i == k {
            return None;
        }
        let cit = m.pair_cost(i, t);
        if !cit.is_finite() {
            return None;
        }
        let lt = self.load_without(k, t) + m.pair_work(i, t);
        let pairs = cit - m.pair_cost(i, a) + m.pair_cost(k, c) - m.pair_cost(k, t);
        let mut d = Delta { cost: pairs, excess: 0.0 } + self.tech_delta(t, lt);
        // `a` loses i and gains k when c == a; any other c only gains k.
        if c == a {
            if a != UNASSIGNED {
                d = d + self.tech_delta(a, self.load_without(i, a) + m.pair_work(k, a));
            }
        } else {
            if a != UNASSIGNED {
                d = d + self.tech_delta(a, self.load_without(i, a));
            }
            if c != UNASSIGNED {
                d = d + self.tech_delta(c, self.load[c as usize] + m.pair_work(k, c));
            }
        }
        Some(d)
    }

    /// A random candidate technician of order `i`, or "unassigned" with a small probability
    /// (the penalty normally dominates, but the search must be able to drop an order).
    #[inline]
    fn random_target(&mut self, i: usize) -> u32 {
        let cands = &self.model.cands[i];
        let roll = self.rng.below(64);
        if roll == 0 || cands.is_empty() {
            return UNASSIGNED;
        }
        // Mostly the few cheapest technicians: far ones are almost never in a good plan, and
        // proposing them wastes most of the iterations on large instances.
        let span = if roll < NEAR_SHARE { cands.len().min(NEAR) } else { cands.len() };
        cands[self.rng.below(span)]
    }

    /// Proposes one random move and applies it under the Metropolis rule at `temp`.
    fn step(&mut self, temp: f64) {
        let i = self.rng.below(self.model.n);
        let t = self.random_target(i);
        let roll = self.rng.below(8);
        let members = if t == UNASSIGNED { 0 } else { self.members[t as usize].len() };
        if roll < 3 || members == 0 {
            if let Some(d) = self.shift_delta(i, t) {
                if self.accept(d, temp) {
                    self.relocate(i, t);
                }
            }
            return;
        }
        let k = self.members[t as usize][self.rng.below(members)] as usize;
        // An unassigned order cannot swap; it enters by ejecting someone instead.
        if roll < 6 && self.assign[i] != UNASSIGNED {
            if let Some(d) = self.swap_delta(i, k) {
                if self.accept(d, temp) {
                    let (a, b) = (self.assign[i], self.assign[k]);
                    self.relocate(i, b);
                    self.relocate(k, a);
                }
            }
            return;
        }
        let c = self.random_target(k);
        if let Some(d) = self.eject_delta(i, k, c) {
            if self.accept(d, temp) {
                self.relocate(k, c);
                self.relocate(i, t);
            }
        }
    }

    /// Metropolis rule on the penalised change; books the true cost change when accepted.
    #[inline]
    fn accept(&mut self, d: Delta, temp: f64) -> bool {
        let v = d.cost + self.overload_weight * d.excess;
        let ok = v <= 0.0 || (temp > 0.0 && self.rng.unit() < (-v / temp).exp());
        if ok {
            self.cost += d.cost;
        }
        ok
    }

    /// Replaces the current plan by `plan` (a restart).
    fn load_plan(&mut self, plan: &[u32]) {
        self.assign.fill(UNASSIGNED);
        self.load.fill(0.0);
        self.members.iter_mut().for_each(Vec::clear);
        self.overloaded = 0;
        for (i, &j) in plan.iter().enumerate() {
            self.attach(i, j);
        }
        self.cost = self.model.evaluate(plan);
        self.overload_weight = OVERLOAD_WEIGHT.2;
    }

    /// `schedule.runs` independent annealing runs from `start`, each cooling from `t_start`
    /// to `t_end`, keeping the best feasible plan in `best`. Several short runs beat one long
    /// run on small instances: the landscape is flat and runs end in different basins.
    /// Progress through a run is the share of its iterations (`max_iterations / runs`) when an
    /// iteration cap is set, so a run is reproducible from seed + iterations; otherwise the
    /// share of its slice of the time budget, so a run always cools down in time.
    pub fn run(&mut self, start: &[u32], schedule: &Schedule, limits: &Limits) {
        let runs = schedule.runs.max(1);
        // The runs share all but a sliver of the time, which is left for the last polish.
        let span = limits.deadline.saturating_duration_since(limits.start).as_secs_f64();
        let slice = span * POLISH_RESERVE / f64::from(runs);
        let cap = limits.max_iterations;
        for r in 0..runs {
            if r > 0 {
                self.load_plan(start);
            }
            // Iteration mode: run r ends at its share of the cap, the last one exactly at it.
            let run_end = cap.map(|c| c * u64::from(r + 1) / u64::from(runs));
            let run_start = self.iterations;
            let slice_start = slice * f64::from(r);
            let progress = |s: &Self| match run_end {
                Some(end) => (s.iterations - run_start) as f64 / (end - run_start).max(1) as f64,
                None => (limits.start.elapsed().as_secs_f64() - slice_start) / slice.max(1e-9),
            };
            if !self.anneal(schedule, limits, run_end, progress) {
                break;
            }
            self.polish(limits);
        }
        // Clear float drift from the incremental updates.
        self.best_cost = self.model.evaluate(&self.best);
    }

    /// One cooling run; returns false when a global limit stopped it. `run_end` is the
    /// iteration count at which the run ends in iteration mode (blocks are cut to hit it).
    fn anneal(
        &mut self,
        schedule: &Schedule,
        limits: &Limits,
        run_end: Option<u64>,
        progress: impl Fn(&Self) -> f64,
    ) -> bool {
        const BLOCK: u64 = 256;
        let ratio = (schedule.t_end / schedule.t_start).ln();
        let (lo, hi, _) = OVERLOAD_WEIGHT;
        loop {
            if limits.stop(self.iterations) || self.best_cost <= limits.proven_optimal_at {
                return false;
            }
            let p = progress(self);
            if p >= 1.0 || run_end.is_some_and(|end| self.iterations >= end) {
                return true;
            }
            let temp = schedule.t_start * (ratio * p).exp();
            let block = run_end.map_or(BLOCK, |end| BLOCK.min(end - self.iterations));
            for _ in 0..block {
                self.step(temp);
                if self.overloaded == 0 && self.cost < self.best_cost - 1e-9 {
                    self.best_cost = self.cost;
                    self.best.copy_from_slice(&self.assign);
                }
            }
            self.iterations += block;
            // Push back towards feasibility while overloaded, relax while feasible.
            self.overload_weight = if self.overloaded > 0 {
                (self.overload_weight * 1.1).min(hi)
            } else {
                (self.overload_weight * 0.95).max(lo)
            };
        }
    }

    /// Tries every "unassigned `i` enters `t`, pushing one of `t`'s orders elsewhere" move;
    /// applies the first feasible improving one.
    fn polish_eject(&mut self, i: usize, t: u32) -> bool {
        for slot in 0..self.members[t as usize].len() {
            let k = self.members[t as usize][slot] as usize;
            for c in 0..=self.model.cands[k].len() {
                let c = self.model.cands[k].get(c).copied().unwrap_or(UNASSIGNED);
                if let Some(d) = self.eject_delta(i, k, c).filter(|d| d.excess <= 0.0 && d.cost < -1e-9) {
                    self.relocate(k, c);
                    self.relocate(i, t);
                    self.cost += d.cost;
                    return true;
                }
            }
        }
        false
    }

    /// Steepest-descent-like sweep over every feasible shift and swap from the best plan, until
    /// no move improves: the annealing samples moves at random and can end next to a better
    /// plan it never proposed.
    fn polish(&mut self, limits: &Limits) {
        let best = std::mem::take(&mut self.best);
        self.load_plan(&best);
        self.best = best;
        let improving = |d: Option<Delta>| d.is_some_and(|d| d.excess <= 0.0 && d.cost < -1e-9);
        let mut improved = true;
        while improved && !limits.stop(self.iterations) {
            improved = false;
            for i in 0..self.model.n {
                if i % 64 == 63 && limits.stop(self.iterations) {
                    break;
                }
                for c in 0..=self.model.cands[i].len() {
                    let t = self.model.cands[i].get(c).copied().unwrap_or(UNASSIGNED);
                    if let Some(d) = self.shift_delta(i, t).filter(|&d| improving(Some(d))) {
                        self.relocate(i, t);
                        self.cost += d.cost;
                        improved = true;
                        continue;
                    }
                    if t == UNASSIGNED {
                        continue;
                    }
                    if self.assign[i] == UNASSIGNED {
                        improved |= self.polish_eject(i, t);
                        continue;
                    }
                    for slot in 0..self.members[t as usize].len() {
                        let Some(&k) = self.members[t as usize].get(slot) else { break };
                        if let Some(d) = self.swap_delta(i, k as usize).filter(|&d| improving(Some(d))) {
                            let (a, b) = (self.assign[i], self.assign[k as usize]);
                            self.relocate(i, b);
                            self.relocate(k as usize, a);
                            self.cost += d.cost;
                            improved = true;
                            break;
                        }
                    }
                }
            }
        }
        if self.overloaded == 0 && self.cost < self.best_cost - 1e-9 {
            self.best_cost = self.cost;
            self.best.copy_from_slice(&self.assign);
        }
    }
}
