//! One technician's Lagrangian subproblem: choose orders (profit, hours) under the capacity,
//! paying `beta` per hour beyond the saturation-free room. Its fractional relaxation is solved
//! by a greedy by profit per hour (the load cost is convex, so cheaper hours are used first);
//! the 0/1 problem is solved exactly by depth-first branch and bound on that relaxation, which
//! makes the Lagrangian bound stronger than the LP relaxation when it finishes in time.

/// An order on offer to the technician; offers are sorted by `profit / work`, best first.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Offer {
    pub profit: f64,
    pub work: f64,
}

/// Orders of no work take no capacity; treat them as always taken.
const ZERO_WORK: f64 = 1e-12;

/// Capacity, saturation-free room (both in hours, `0 <= room <= cap`) and price per hour above.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Shape {
    pub cap: f64,
    pub room: f64,
    pub beta: f64,
}

impl Shape {
    /// Cost of carrying `load` hours.
    fn cost(&self, load: f64) -> f64 {
        self.beta * (load - self.room).max(0.0)
    }

    /// Best fractional completion of `offers` from `used` hours: (extra gain, fractions taken
    /// written into `frac` if given, profit per hour of the first offer not taken whole).
    pub fn fractional(&self, offers: &[Offer], mut used: f64, mut frac: Option<&mut Vec<f64>>) -> (f64, f64) {
        let mut gain = 0.0;
        let mut marginal = 0.0;
        for (k, off) in offers.iter().enumerate() {
            if off.work <= ZERO_WORK {
                gain += off.profit;
                if let Some(f) = frac.as_deref_mut() {
                    f[k] = 1.0;
                }
                continue;
            }
            let ratio = off.profit / off.work;
            let take = off.work.min(self.cap - used).max(0.0);
            let cheap = (self.room - used).clamp(0.0, take);
            // `amount` is exactly `take` or `cheap` (never a float sum of parts) so that the
            // "taken whole" test below cannot fail by rounding and stop the greedy early.
            let amount = if ratio > self.beta { take } else { cheap };
            let costly = amount - cheap;
            if amount <= 0.0 {
                marginal = ratio;
                break;
            }
            gain += ratio * amount - self.beta * costly;
            if let Some(f) = frac.as_deref_mut() {
                f[k] = amount / off.work;
            }
            used += amount;
            if amount < off.work {
                marginal = ratio;
                break;
            }
        }
        (gain, marginal)
    }

    /// Exact 0/1 optimum: Some(value) with `chosen` marking the offers taken, or None when
    /// more than `node_limit` nodes would be needed (the caller then falls back to the
    /// fractional value, which is still a valid bound).
    pub fn exact(&self, offers: &[Offer], node_limit: u32, chosen: &mut Vec<bool>) -> Option<f64> {
        let mut dfs = Dfs { shape: *self, offers, taken: vec![false; offers.len()], best: 0.0, nodes: 0, node_limit };
        chosen.clear();
        chosen.resize(offers.len(), false);
        dfs.visit(0, 0.0, 0.0, chosen);
        (dfs.nodes <= node_limit).then_some(dfs.best)
    }
}

struct Dfs<'a> {
    shape: Shape,
    offers: &'a [Offer],
    taken: Vec<bool>,
    best: f64,
    nodes: u32,
    node_limit: u32,
}

impl Dfs<'_> {
    fn visit(&mut self, k: usize, used: f64, gain: f64, chosen: &mut [bool]) {
        self.nodes += 1;
        if self.nodes > self.node_limit {
            return;
        }
        if gain > self.best {
            self.best = gain;
            chosen.copy_from_slice(&self.taken);
        }
        if k == self.offers.len() {
            return;
        }
        let (bound, _) = self.shape.fractional(&self.offers[k..], used, None);
        if gain + bound <= self.best + 1e-12 {
            return;
        }
        let off = self.offers[k];
        if used + off.work <= self.shape.cap {
            let value = off.profit - (self.shape.cost(used + off.work) - self.shape.cost(used));
            self.taken[k] = true;
            self.visit(k + 1, used + off.work, gain + value, chosen);
            self.taken[k] = false;
        }
        self.visit(k + 1, used, gain, chosen);
    }
}

#[cfg(test)]
mod tests {
    use super::{Offer, Shape};
    use crate::rng::Rng;

    /// Exact by enumeration, for comparison.
    fn enumerate(shape: &Shape, offers: &[Offer]) -> f64 {
        let mut best: f64 = 0.0;
        for mask in 0u32..(1 << offers.len()) {
            let (mut w, mut p) = (0.0, 0.0);
            for (k, o) in offers.iter().enumerate() {
                if mask >> k & 1 == 1 {
                    w += o.work;
                    p += o.profit;
                }
            }
            if w <= shape.cap {
                best = best.max(p - shape.beta * (w - shape.room).max(0.0));
            }
        }
        best
    }

    #[test]
    fn branch_and_bound_matches_enumeration_and_fraction_bounds_it() {
        let mut rng = Rng::new(9);
        for _ in 0..2000 {
            let n = rng.below(9);
            let mut offers: Vec<Offer> =
                (0..n).map(|_| Offer { profit: 0.1 + rng.unit() * 30.0, work: 0.2 + rng.unit() * 2.0 }).collect();
            offers.sort_by(|a, b| (b.profit / b.work).total_cmp(&(a.profit / a.work)));
            let cap = rng.unit() * 6.0;
            let shape = Shape { cap, room: rng.unit() * cap, beta: rng.unit() * 25.0 };
            let mut chosen = Vec::new();
            let exact = shape.exact(&offers, 1_000_000, &mut chosen).expect("within node limit");
            let brute = enumerate(&shape, &offers);
            assert!((exact - brute).abs() < 1e-9, "{exact} vs {brute}");
            let (frac, _) = shape.fractional(&offers, 0.0, None);
            assert!(frac >= brute - 1e-9, "fractional {frac} below integer optimum {brute}: {offers:?} {shape:?}");
            let w: f64 = offers.iter().zip(&chosen).filter(|(_, &c)| c).map(|(o, _)| o.work).sum();
            assert!(w <= cap + 1e-12);
        }
    }
}
