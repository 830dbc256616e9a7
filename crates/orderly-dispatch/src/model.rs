//! Precomputed tables for the batch solver: per (order, technician) pair its cost and the hours
//! it uses, each order's eligible technicians, and each technician's capacity and saturation
//! room. Built once per solve so that every move is evaluated with a handful of array reads.

use crate::instance::Instance;

/// Marker for "order not assigned" in the solver's dense assignment vectors.
pub(crate) const UNASSIGNED: u32 = u32::MAX;

/// Tolerance on the solver's own capacity test; tighter than the checker's so that a plan the
/// solver accepts always passes [`crate::objective`].
pub(crate) const LOAD_EPS: f64 = 1e-9;

pub(crate) struct Model {
    pub n: usize,
    pub m: usize,
    /// `cost[i * m + j]`: km plus skill-level cost; `INFINITY` when `j` cannot take `i`.
    pub cost: Vec<f64>,
    /// `work[i * m + j]`: hours of `j`'s capacity that order `i` uses (service + travel).
    pub work: Vec<f64>,
    /// Eligible technicians of each order, cheapest first.
    pub cands: Vec<Vec<u32>>,
    pub penalty: Vec<f64>,
    /// Hours each technician can still take before hitting capacity.
    pub free: Vec<f64>,
    /// Hours each technician can still take before saturation costs start (may be negative
    /// when the preload alone is above the threshold).
    pub room: Vec<f64>,
    pub beta: f64,
}

impl Model {
    pub fn new(inst: &Instance) -> Model {
        let (n, m) = (inst.orders.len(), inst.techs.len());
        let meta = &inst.meta;
        let mut cost = vec![f64::INFINITY; n * m];
        let mut work = vec![0.0; n * m];
        let free: Vec<f64> = inst.techs.iter().map(|t| t.capacity_h - t.preload_h).collect();
        let mut cands = Vec::with_capacity(n);
        for (i, order) in inst.orders.iter().enumerate() {
            let mut list = Vec::new();
            for (j, tech) in inst.techs.iter().enumerate() {
                let Some(level) = tech.level(order.skill).filter(|_| tech.available) else { continue };
                // Same expressions as `objective` so both agree exactly on the deadline boundary.
                let km = inst.km(i, j);
                let travel_h = km / meta.speed_kmh;
                let w = order.service_h + travel_h;
                if tech.shift_start_h + travel_h > order.sla_deadline_h || w > free[j] + LOAD_EPS {
                    continue;
                }
                cost[i * m + j] = km + meta.level_cost * (3.0 - f64::from(level));
                work[i * m + j] = w;
                list.push(j as u32);
            }
            list.sort_by(|&a, &b| cost[i * m + a as usize].total_cmp(&cost[i * m + b as usize]));
            cands.push(list);
        }
        Model {
            n,
            m,
            cost,
            work,
            cands,
            penalty: inst.orders.iter().map(|o| o.unassigned_penalty).collect(),
            free,
            room: inst.techs.iter().map(|t| meta.sat_threshold * t.capacity_h - t.preload_h).collect(),
            beta: meta.beta,
        }
    }

    /// Re-sorts each order's candidates by cost plus `price_j` per hour of work (the search
    /// proposes mostly the first few).
    pub fn order_candidates_by(&mut self, price: &[f64]) {
        let (cost, work, m) = (&self.cost, &self.work, self.m);
        for (i, list) in self.cands.iter_mut().enumerate() {
            let key = |j: u32| cost[i * m + j as usize] + price[j as usize] * work[i * m + j as usize];
            list.sort_by(|&a, &b| key(a).total_cmp(&key(b)));
        }
    }

    /// Saturation cost of technician `j` carrying `added` hours on top of its preload.
    #[inline]
    pub fn sat(&self, j: usize, added: f64) -> f64 {
        self.beta * (added - self.room[j]).max(0.0)
    }

    #[inline]
    pub fn pair_cost(&self, i: usize, j: u32) -> f64 {
        if j == UNASSIGNED {
            self.penalty[i]
        } else {
            self.cost[i * self.m + j as usize]
        }
    }

    #[inline]
    pub fn pair_work(&self, i: usize, j: u32) -> f64 {
        self.work[i * self.m + j as usize]
    }

    /// Objective of a dense assignment, recomputed from the tables (used to clear float drift
    /// after long runs of incremental updates).
    pub fn evaluate(&self, assign: &[u32]) -> f64 {
        let mut load = vec![0.0; self.m];
        let mut total = 0.0;
        for (i, &j) in assign.iter().enumerate() {
            total += self.pair_cost(i, j);
            if j != UNASSIGNED {
                load[j as usize] += self.pair_work(i, j);
            }
        }
        total + (0..self.m).map(|j| self.sat(j, load[j])).sum::<f64>()
    }

    /// Greedy construction: the most constrained orders first (fewest eligible technicians,
    /// then highest penalty), each to its cheapest technician that still has capacity,
    /// counting the marginal saturation cost.
    pub fn greedy(&self) -> Vec<u32> {
        let mut order: Vec<usize> = (0..self.n).collect();
        order.sort_by(|&a, &b| {
            self.cands[a].len().cmp(&self.cands[b].len()).then(self.penalty[b].total_cmp(&self.penalty[a]))
        });
        let mut load = vec![0.0; self.m];
        let mut assign = vec![UNASSIGNED; self.n];
        for i in order {
            let mut best = (self.penalty[i], UNASSIGNED);
            for &j in &self.cands[i] {
                let ju = j as usize;
                let w = self.pair_work(i, j);
                if load[ju] + w > self.free[ju] + LOAD_EPS {
                    continue;
                }
                let c = self.pair_cost(i, j) + self.sat(ju, load[ju] + w) - self.sat(ju, load[ju]);
                if c < best.0 {
                    best = (c, j);
                }
            }
            if best.1 != UNASSIGNED {
                load[best.1 as usize] += self.pair_work(i, best.1);
            }
            assign[i] = best.1;
        }
        assign
    }
}
