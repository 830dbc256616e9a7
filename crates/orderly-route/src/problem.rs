//! The public shape of a day-routing problem and of its answer: locations and travel costs,
//! orders with appointment windows, the fleet (unlimited identical vans or named technicians),
//! solver options, and the solution with routes, visit times and unassigned orders.

use serde::{Deserialize, Serialize};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

/// A routing day. Times and travel are integers in one unit of the caller's choice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// `travel[a][b]`: travel time from node `a` to node `b`; it is also the distance minimised.
    pub travel: Vec<Vec<i64>>,
    pub orders: Vec<Order>,
    pub fleet: Fleet,
}

/// One visit to make.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    /// Where the visit happens (index into `Problem::travel`).
    pub node: usize,
    /// Service may not start before `ready` (arriving earlier means waiting)...
    pub ready: i64,
    /// ...and must start no later than `due`.
    pub due: i64,
    /// Time spent on site.
    pub service: i64,
    /// Capacity used on the vehicle (parts, volume).
    pub demand: i64,
    /// Skills the technician needs (bit set); 0 means anyone can do it.
    pub skills: u64,
    /// Index into `Fleet::Vehicles` this order must go to.
    pub pin: Option<usize>,
}

impl Order {
    /// An order with no skill requirement and no pin.
    pub fn new(node: usize, ready: i64, due: i64, service: i64, demand: i64) -> Self {
        Order { node, ready, due, service, demand, skills: 0, pin: None }
    }
}

/// Who drives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fleet {
    /// As many identical vehicles as wanted, all from one depot (Solomon). They have no skills
    /// and no identity, so orders with skills or a pin cannot be served by them.
    Unlimited { start: usize, end: usize, open: i64, close: i64, capacity: i64 },
    /// Named technicians, each used at most once.
    Vehicles(Vec<Vehicle>),
}

/// A technician and their van.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vehicle {
    pub start_node: usize,
    pub end_node: usize,
    /// Earliest departure from `start_node`.
    pub shift_start: i64,
    /// Latest arrival at `end_node`.
    pub shift_end: i64,
    pub capacity: i64,
    pub skills: u64,
}

/// One vehicle's day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    /// Index into `Fleet::Vehicles`; for `Fleet::Unlimited` just the route's number.
    pub vehicle: usize,
    /// Order indices in visiting order.
    pub orders: Vec<usize>,
    /// Start node, the orders' nodes, end node (filled by the solver; ignored by the checker).
    pub nodes: Vec<usize>,
    /// Aligned with `nodes`: departure, each service start, arrival back (filled by the solver).
    pub starts: Vec<i64>,
}

impl Route {
    /// A bare plan (vehicle and order sequence), e.g. to hand to [`crate::check`].
    pub fn plan(vehicle: usize, orders: Vec<usize>) -> Self {
        Route { vehicle, orders, nodes: Vec::new(), starts: Vec::new() }
    }
}

/// The solver's answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Solution {
    /// Only routes that visit at least one order.
    pub routes: Vec<Route>,
    /// Sum of travel over the routes.
    pub distance: i64,
    /// Orders no vehicle could take, ascending.
    pub unassigned: Vec<usize>,
}

/// How long and how to search.
#[derive(Clone, Debug)]
pub struct SolveOptions<'a> {
    pub time_limit: Duration,
    pub seed: u64,
    /// With `Some(n)` the search stops after `n` iterations and its cooling follows the
    /// iteration count, so the result depends only on the seed (the time limit still caps it).
    pub max_iterations: Option<u64>,
    /// Set to true from another thread to stop early; the best so far is returned.
    pub cancel: Option<&'a AtomicBool>,
}

impl SolveOptions<'_> {
    pub fn with_time(time_limit: Duration, seed: u64) -> Self {
        SolveOptions { time_limit, seed, max_iterations: None, cancel: None }
    }

    pub fn with_iterations(iterations: u64, seed: u64) -> Self {
        SolveOptions { time_limit: Duration::from_secs(3600), seed, max_iterations: Some(iterations), cancel: None }
    }
}

impl Problem {
    /// Structural validation: square matrix, indices in range, no negative travel or demand.
    pub fn validate(&self) -> Result<(), String> {
        let nodes = self.travel.len();
        if let Some(row) = self.travel.iter().position(|r| r.len() != nodes) {
            return Err(format!("travel row {row} has {} entries, expected {nodes}", self.travel[row].len()));
        }
        if self.travel.iter().flatten().any(|&t| t < 0) {
            return Err("travel matrix has a negative entry".into());
        }
        for (i, o) in self.orders.iter().enumerate() {
            if o.node >= nodes {
                return Err(format!("order {i}: node {} out of range (nodes: {nodes})", o.node));
            }
            if o.demand < 0 || o.service < 0 {
                return Err(format!("order {i}: negative demand or service time"));
            }
        }
        let depots: Vec<(usize, usize)> = match &self.fleet {
            Fleet::Unlimited { start, end, .. } => vec![(*start, *end)],
            Fleet::Vehicles(vs) => vs.iter().map(|v| (v.start_node, v.end_node)).collect(),
        };
        if let Some(v) = depots.iter().position(|&(s, e)| s >= nodes || e >= nodes) {
            return Err(format!("vehicle {v}: depot node out of range (nodes: {nodes})"));
        }
        Ok(())
    }
}
