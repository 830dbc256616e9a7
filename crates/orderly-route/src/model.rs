//! The solver's flattened view of a [`Problem`]: "stops" 0..n are the orders, followed by a
//! start and an end stop per vehicle, with one dense travel matrix over stops, per-stop time
//! windows, who may serve whom, which orders can be served at all, and neighbour lists.

use crate::problem::{Fleet, Problem};

/// One vehicle's depots as stops, and its capacity.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Depot {
    pub start: u32,
    pub end: u32,
    pub capacity: i64,
}

pub(crate) struct Model {
    /// Number of orders; stops below `n` are orders.
    pub n: usize,
    width: usize,
    dist: Vec<i64>,
    pub ready: Vec<i64>,
    pub due: Vec<i64>,
    pub service: Vec<i64>,
    pub demand: Vec<i64>,
    /// For `Fleet::Unlimited` a single template every route copies.
    pub depots: Vec<Depot>,
    pub unlimited: bool,
    /// `allowed[c * depots.len() + v]`: skills and pin let vehicle `v` serve order `c`.
    allowed: Vec<bool>,
    /// Orders some vehicle can serve on its own; the rest are unassigned from the start.
    pub servable: Vec<bool>,
    /// For each order, the servable orders (itself first) by increasing distance.
    pub neighbours: Vec<Vec<u32>>,
    /// For each order, the distance from the nearest start depot (recreate sort keys).
    pub depot_distance: Vec<i64>,
    /// An absent order costs more than any complete set of routes can, so serving wins.
    pub absent_penalty: i64,
}

impl Model {
    /// Expects a validated problem.
    pub(crate) fn new(problem: &Problem) -> Model {
        let n = problem.orders.len();
        let mut node: Vec<usize> = problem.orders.iter().map(|o| o.node).collect();
        let mut ready: Vec<i64> = problem.orders.iter().map(|o| o.ready).collect();
        let mut due: Vec<i64> = problem.orders.iter().map(|o| o.due).collect();
        let mut service: Vec<i64> = problem.orders.iter().map(|o| o.service).collect();
        let mut demand: Vec<i64> = problem.orders.iter().map(|o| o.demand).collect();
        let mut depots = Vec::new();
        let shifts: Vec<(usize, usize, i64, i64, i64, u64)> = match &problem.fleet {
            Fleet::Unlimited { start, end, open, close, capacity } => vec![(*start, *end, *open, *close, *capacity, 0)],
            Fleet::Vehicles(vs) => vs
                .iter()
                .map(|v| (v.start_node, v.end_node, v.shift_start, v.shift_end, v.capacity, v.skills))
                .collect(),
        };
        for &(start, end, open, close, capacity, _) in &shifts {
            let s = node.len() as u32;
            // Start stop: the vehicle leaves at its shift start; end stop: back by its shift end.
            for at in [start, end] {
                node.push(at);
                ready.push(open);
                due.push(close);
                service.push(0);
                demand.push(0);
            }
            depots.push(Depot { start: s, end: s + 1, capacity });
        }
        let width = node.len();
        let dist = node.iter().flat_map(|&a| node.iter().map(move |&b| problem.travel[a][b])).collect();
        let unlimited = matches!(problem.fleet, Fleet::Unlimited { .. });
        let mut allowed = Vec::with_capacity(n * depots.len());
        for order in &problem.orders {
            for (v, shift) in shifts.iter().enumerate() {
                let pin_ok = match order.pin {
                    None => true,
                    Some(p) => !unlimited && p == v,
                };
                allowed.push(pin_ok && order.skills & !shift.5 == 0);
            }
        }
        let mut model = Model {
            n,
            width,
            dist,
            ready,
            due,
            service,
            demand,
            depots,
            unlimited,
            allowed,
            servable: Vec::new(),
            neighbours: Vec::new(),
            depot_distance: Vec::new(),
            absent_penalty: 0,
        };
        model.derive_lookups();
        model
    }

    fn derive_lookups(&mut self) {
        self.servable = (0..self.n).map(|c| (0..self.depots.len()).any(|v| self.alone_feasible(c, v))).collect();
        let servable: Vec<u32> = (0..self.n as u32).filter(|&c| self.servable[c as usize]).collect();
        self.neighbours = (0..self.n as u32)
            .map(|c| {
                let mut list = servable.clone();
                // Symmetrised so "close" means close both ways on asymmetric (road) matrices.
                list.sort_by_key(|&o| (o != c, self.d(c, o).min(self.d(o, c)), o));
                list
            })
            .collect();
        self.depot_distance =
            (0..self.n as u32).map(|c| self.depots.iter().map(|d| self.d(d.start, c)).min().unwrap_or(0)).collect();
        let longest = self.dist.iter().copied().max().unwrap_or(0);
        self.absent_penalty = (2 * self.n as i64 + 2) * longest + 1;
    }

    #[inline]
    pub(crate) fn d(&self, a: u32, b: u32) -> i64 {
        self.dist[a as usize * self.width + b as usize]
    }

    #[inline]
    pub(crate) fn allowed(&self, c: u32, vehicle: u32) -> bool {
        self.allowed[c as usize * self.depots.len() + vehicle as usize]
    }

    /// Can vehicle `v` serve order `c` as its only visit?
    fn alone_feasible(&self, c: usize, v: usize) -> bool {
        let depot = self.depots[v];
        let (s, e, o) = (depot.start, depot.end, c as u32);
        let begin = (self.ready[s as usize] + self.d(s, o)).max(self.ready[c]);
        self.allowed(o, v as u32)
            && self.ready[c] <= self.due[c]
            && begin <= self.due[c]
            && begin + self.service[c] + self.d(o, e) <= self.due[e as usize]
            && self.demand[c] <= depot.capacity
    }
}
