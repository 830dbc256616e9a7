//! Orderly day routing: routes and visit times for technicians (VRP with time windows), anytime and seeded.
//!
//! The crate owns the routing problem model ([`Problem`]), the anytime solver ([`solve`]), an
//! independent feasibility checker ([`check`]), the Solomon text format ([`solomon`]) and the
//! benchmark against best-known Solomon results ([`bench_route`]).
//!
//! Every time and distance is an integer in the caller's unit (Solomon: tenths, the app:
//! minutes), so feasibility and objective are exact.
//!
//! Method: greedy insertion builds a first plan; then ruin-and-recreate in the style of SISR
//! (adjacent string removal around a random order, greedy reinsertion with blinks) runs under
//! simulated annealing cooled over the budget; each new best is polished by reinserting single
//! orders and close pairs. Insertion feasibility is O(1) from per-position earliest and latest
//! service starts. A seed plus `max_iterations` reproduces a run exactly.

mod bench;
mod check;
mod local;
mod model;
mod problem;
mod recreate;
mod rng;
mod ruin;
mod search;
pub mod solomon;
mod state;

pub use bench::bench_route;
pub use check::{check, check_partial, Violation};
pub use problem::{Fleet, Order, Problem, Route, Solution, SolveOptions, Vehicle};
pub use search::solve;
pub use solomon::route_file;

/// Experiment hooks for the benchmark example; not a stable API.
#[doc(hidden)]
pub mod tuning {
    pub use crate::bench::bench_tuned;
    pub use crate::search::{solve_tuned, Tuning};
}
