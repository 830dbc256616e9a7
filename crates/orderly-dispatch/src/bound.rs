//! Certified lower bound by Lagrangian relaxation of "each order is assigned at most once"
//! (written as the equality `sum_j x_ij + u_i = 1` with `u_i` the "unassigned" indicator).
//!
//! For multipliers `λ` the relaxed problem splits into one problem per order (leave it
//! unassigned or not: `min(0, pen_i - λ_i)`) and one per technician: choose orders with profit
//! `λ_i - c_ij` under the capacity, paying `beta` per hour above the saturation threshold
//! (see [`crate::knapsack`]). Any `λ` gives a valid bound as long as each technician problem
//! is solved exactly or bounded from above: the fractional relaxation does the latter (and
//! alone would give the LP relaxation value); the exact 0/1 optimum, used once the prices are
//! near the LP ones, lifts the bound above the LP. Subgradient steps (Polyak) move `λ`.
//! The value returned is lowered by a relative 1e-9 to absorb float rounding.

use crate::knapsack::{Offer, Shape};
use crate::model::{Model, UNASSIGNED};
use std::time::Instant;

/// One eligible pair seen from the technician's side.
#[derive(Clone, Copy)]
struct Item {
    order: u32,
    /// Index into the averaged primal `ybar`.
    pair: u32,
    cost: f64,
    work: f64,
}

/// Polyak target: this share above the best bound so far (when below the given upper bound).
const TARGET_MARGIN: f64 = 0.05;

/// Share of the bound's time spent with fractional subproblems before switching to exact ones.
const FRACTIONAL_SHARE: f64 = 0.4;

/// Node limit of one technician's branch and bound; beyond it the fractional value is used.
const KNAPSACK_NODE_LIMIT: u32 = 2_000;

pub(crate) struct Lagrangian<'a> {
    model: &'a Model,
    by_tech: Vec<Vec<Item>>,
    lambda: Vec<f64>,
    grad: Vec<f64>,
    offers: Vec<Offer>,
    /// (profit per hour, offer, order, pair index) being sorted into `offers`.
    sorting: Vec<(f64, Offer, u32, u32)>,
    frac: Vec<f64>,
    chosen: Vec<bool>,
    /// Solve technician subproblems as 0/1 (stronger bound) rather than fractionally.
    pub exact_subproblems: bool,
    /// Weighted running average of the relaxed solutions (pair fractions and "unassigned"):
    /// an approximate LP primal, which the solver rounds into its starting plan.
    ybar: Vec<f64>,
    ubar: Vec<f64>,
    /// Weighted sum of each technician's marginal price per hour (the LP capacity dual).
    price: Vec<f64>,
    /// Weight of the current iterate in the averages (later iterates count more).
    weight: f64,
}

impl<'a> Lagrangian<'a> {
    pub fn new(model: &'a Model) -> Lagrangian<'a> {
        let mut by_tech = vec![Vec::new(); model.m];
        let mut pairs = 0u32;
        for (i, cands) in model.cands.iter().enumerate() {
            for &j in cands {
                let (cost, work) = (model.pair_cost(i, j), model.pair_work(i, j));
                by_tech[j as usize].push(Item { order: i as u32, pair: pairs, cost, work });
                pairs += 1;
            }
        }
        // Start each order's price at its cheapest assignment: most technicians then see
        // little profit, and the subgradient raises prices where orders are left uncovered.
        let lambda = (0..model.n)
            .map(|i| model.cands[i].first().map_or(model.penalty[i], |&j| model.pair_cost(i, j)).min(model.penalty[i]))
            .collect();
        Lagrangian {
            model,
            by_tech,
            lambda,
            grad: vec![0.0; model.n],
            offers: Vec::new(),
            sorting: Vec::new(),
            frac: Vec::new(),
            chosen: Vec::new(),
            exact_subproblems: true,
            ybar: vec![0.0; pairs as usize],
            ubar: vec![0.0; model.n],
            price: vec![0.0; model.m],
            weight: 0.0,
        }
    }

    /// Value of the relaxation at the current multipliers; fills the subgradient.
    fn evaluate(&mut self) -> f64 {
        let m = self.model;
        let mut total = 0.0;
        for i in 0..m.n {
            let lam = self.lambda[i];
            total += lam;
            self.grad[i] = 1.0;
            if m.penalty[i] < lam {
                total += m.penalty[i] - lam;
                self.grad[i] = 0.0;
                self.ubar[i] += self.weight;
            }
        }
        for j in 0..m.m {
            total += m.sat(j, 0.0) - self.best_tech_profit(j);
        }
        total
    }

    /// Optimum of technician `j`'s subproblem (profit minus saturation cost): exact 0/1 when
    /// the branch and bound finishes within its node limit, else the fractional relaxation.
    /// Subtracts the amounts taken from the subgradient and adds them to the averages.
    fn best_tech_profit(&mut self, j: usize) -> f64 {
        let m = self.model;
        self.sorting.clear();
        for it in &self.by_tech[j] {
            let profit = self.lambda[it.order as usize] - it.cost;
            if profit > 0.0 {
                let ratio = if it.work > 1e-12 { profit / it.work } else { f64::INFINITY };
                self.sorting.push((ratio, Offer { profit, work: it.work }, it.order, it.pair));
            }
        }
        // Best profit per hour first, as both the greedy and the branch and bound expect.
        self.sorting.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
        self.offers.clear();
        self.offers.extend(self.sorting.iter().map(|s| s.1));
        let offers = &self.offers;
        let cap = m.free[j].max(0.0);
        // Hours free of saturation cost (the preload may already be above the threshold).
        let shape = Shape { cap, room: m.room[j].clamp(0.0, cap), beta: m.beta };
        self.frac.clear();
        self.frac.resize(offers.len(), 0.0);
        let (fractional, marginal) = shape.fractional(offers, 0.0, Some(&mut self.frac));
        self.price[j] += self.weight * marginal;
        let mut value = fractional;
        if self.exact_subproblems {
            if let Some(exact) = shape.exact(offers, KNAPSACK_NODE_LIMIT, &mut self.chosen) {
                value = exact;
                for (f, &c) in self.frac.iter_mut().zip(&self.chosen) {
                    *f = if c { 1.0 } else { 0.0 };
                }
            }
        }
        for (&(_, _, order, pair), &f) in self.sorting.iter().zip(&self.frac) {
            self.grad[order as usize] -= f;
            self.ybar[pair as usize] += self.weight * f;
        }
        value
    }

    /// Rounds the averaged relaxed solution: each order to the technician carrying most of it
    /// (or unassigned). Capacities may be exceeded; the local search repairs that.
    pub fn rounded(&self) -> Vec<u32> {
        let mut best = self.ubar.iter().map(|&u| (u, UNASSIGNED)).collect::<Vec<_>>();
        for (j, items) in self.by_tech.iter().enumerate() {
            for it in items {
                let y = self.ybar[it.pair as usize];
                let slot = &mut best[it.order as usize];
                if y > slot.0 {
                    *slot = (y, j as u32);
                }
            }
        }
        best.into_iter().map(|(_, j)| j).collect()
    }

    /// Averaged hour price of each technician; `c_ij + price_j * w_ij` is then the order's
    /// LP reduced cost up to its own price, a better guide than km alone when capacity is tight.
    pub fn prices(&self) -> Vec<f64> {
        let total = self.weight * (self.weight + 1.0) / 2.0;
        self.price.iter().map(|p| p / total.max(1.0)).collect()
    }

    /// Switches to exact subproblems from the best prices so far; returns the reset step
    /// factor and stall counter.
    fn start_exact_phase(&mut self, best_lambda: &[f64]) -> (f64, u32) {
        self.exact_subproblems = true;
        self.lambda.copy_from_slice(best_lambda);
        (0.5, 0)
    }

    /// Subgradient optimisation for at most `max_iter` steps or until `deadline`; returns the
    /// best bound found, lowered by a rounding margin so it stays certified.
    pub fn optimise(&mut self, upper: f64, max_iter: u32, deadline: Instant) -> f64 {
        // Two phases: fractional subproblems first (cheap; they reach the LP value, and near
        // the LP prices each technician sees few profitable orders), then exact 0/1 ones,
        // whose branch and bound is fast from there and lifts the bound above the LP.
        let start = Instant::now();
        let window = deadline.saturating_duration_since(start);
        let switch_at = max_iter * 2 / 5;
        self.exact_subproblems = false;
        let mut best = f64::NEG_INFINITY;
        let mut best_lambda = self.lambda.clone();
        let (mut mu, mut stall) = (1.0, 0);
        for it in 0..max_iter {
            if it > 0 && it % 8 == 0 {
                let elapsed = start.elapsed();
                if elapsed >= window {
                    break;
                }
                if elapsed >= window.mul_f64(FRACTIONAL_SHARE) && !self.exact_subproblems {
                    (mu, stall) = self.start_exact_phase(&best_lambda);
                }
            }
            if it >= switch_at && !self.exact_subproblems {
                (mu, stall) = self.start_exact_phase(&best_lambda);
            }
            self.weight = f64::from(it + 1);
            let value = self.evaluate();
            if !best.is_finite() || value > best + 1e-9 * best.abs().max(1.0) {
                best = value;
                best_lambda.copy_from_slice(&self.lambda);
                stall = 0;
            } else {
                stall += 1;
                if stall >= 12 {
                    // Halve the step and go back to the best prices: steps that overshoot
                    // otherwise drift far from the optimum before they are small enough.
                    mu *= 0.5;
                    stall = 0;
                    self.lambda.copy_from_slice(&best_lambda);
                    continue;
                }
            }
            let norm: f64 = self.grad.iter().map(|g| g * g).sum();
            if norm < 1e-18 || mu < 1e-5 || upper - best <= 1e-9 * upper.abs() {
                if self.exact_subproblems {
                    break;
                }
                // The fractional phase has converged: restart the steps on exact subproblems.
                (mu, stall) = self.start_exact_phase(&best_lambda);
                continue;
            }
            // Polyak step towards a target a little above the best bound: the greedy upper
            // bound given can be far above the optimum and would make the steps far too long.
            let target = upper.min(best + TARGET_MARGIN * best.abs().max(1.0));
            let step = mu * (target - value).max(1e-6 * upper.abs().max(1.0)) / norm;
            for (lam, g) in self.lambda.iter_mut().zip(&self.grad) {
                *lam += step * g;
            }
        }
        if best.is_finite() {
            best - 1e-9 * best.abs().max(1.0)
        } else {
            best
        }
    }
}
