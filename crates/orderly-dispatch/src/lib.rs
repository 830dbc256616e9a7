//! Orderly dispatch engine: one-order ranking that explains itself and batch assignment with a certified lower bound
//!
//! * [`rank()`] scores the technicians for one order and says why the others are not offered.
//! * [`solve`] assigns a batch of orders (FORMAT.md section 1): Lagrangian relaxation for a
//!   certified lower bound and a starting plan, annealing local search for the plan.
//! * [`solve_file`] and the bench helpers back the `orderly dispatch` CLI and benchmarks.

mod bench;
mod bound;
mod instance;
mod knapsack;
mod model;
pub mod rank;
mod rng;
mod search;
mod solve;

pub use bench::{bench_dispatch, bench_rank};
pub use instance::{objective, Infeasible, Instance, Meta, Order, ParseError, Tech};
pub use rank::{
    haversine_km, rank, Candidate, Due, Ineligible, IneligibleReason, RankOrder, RankTech, RankWeights, Ranking,
    ScoreTerm, TechStatus, TermDetail, TermKind,
};
pub use solve::{solve, Plan, SolveOptions};

use serde_json::{json, Map, Value};
use std::path::Path;
use std::time::{Duration, Instant};

/// Reads an instance file (the bare instance or a sample `{"instance", "reference"}`), naming
/// the file in the error.
pub fn read_instance(path: &Path) -> Result<Instance, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Instance::from_json_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Budget kept back from `seconds` for process start-up and printing, since the issue's
/// budgets are whole-process wall time.
fn solve_budget(seconds: f64, already: Duration) -> Duration {
    let margin = (seconds * 0.15).min(0.03);
    Duration::from_secs_f64((seconds - margin - already.as_secs_f64()).max(0.001))
}

/// The CLI's `orderly dispatch solve FILE --seconds S --seed N`: reads, solves and returns the
/// FORMAT's output document. `seconds` counts from this call (reading included).
pub fn solve_file(path: &Path, seconds: f64, seed: u64) -> Result<Value, String> {
    let start = Instant::now();
    if !(seconds.is_finite() && seconds > 0.0) {
        return Err(format!("--seconds must be a positive number, got {seconds}"));
    }
    let inst = read_instance(path)?;
    let opts = SolveOptions { time_limit: solve_budget(seconds, start.elapsed()), seed, ..SolveOptions::default() };
    let plan = solve(&inst, &opts);
    Ok(plan_document(&inst, &plan, start.elapsed().as_secs_f64()))
}

/// The FORMAT's output object for `plan`, with the instance's ids.
pub fn plan_document(inst: &Instance, plan: &Plan, seconds: f64) -> Value {
    let mut assignment = Map::new();
    let mut unassigned = Vec::new();
    for (order, slot) in inst.orders.iter().zip(&plan.assignment) {
        match slot {
            Some(j) => {
                assignment.insert(order.id.to_string(), json!(inst.techs[*j].id));
            }
            None => unassigned.push(json!(order.id)),
        }
    }
    json!({
        "objective": plan.objective,
        "assignment": assignment,
        "unassigned": unassigned,
        "lower_bound": plan.lower_bound,
        "seconds": seconds,
    })
}
