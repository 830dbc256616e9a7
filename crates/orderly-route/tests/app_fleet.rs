//! The app's fleet: technicians with their own bases, shifts, skills and pins; orders nobody
//! can take come back unassigned; the search is reproducible, anytime and cancellable.

use orderly_route::{check_partial, solve, Fleet, Order, Problem, SolveOptions, Vehicle};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

const ELECTRIC: u64 = 0b01;
const GAS: u64 = 0b10;

/// A 10×10 grid of nodes, travel = Manhattan distance × 3 minutes.
fn grid_travel() -> Vec<Vec<i64>> {
    let xy = |n: usize| ((n % 10) as i64, (n / 10) as i64);
    (0..100).map(|a| (0..100).map(|b| 3 * ((xy(a).0 - xy(b).0).abs() + (xy(a).1 - xy(b).1).abs())).collect()).collect()
}

fn day() -> Problem {
    let ann = Vehicle { start_node: 0, end_node: 0, shift_start: 480, shift_end: 1020, capacity: 10, skills: ELECTRIC };
    let bob = Vehicle {
        start_node: 99,
        end_node: 99,
        shift_start: 600,
        shift_end: 960,
        capacity: 10,
        skills: ELECTRIC | GAS,
    };
    let mut orders = Vec::new();
    for (i, node) in [11, 23, 35, 47, 58, 62, 74, 86, 18, 81].into_iter().enumerate() {
        orders.push(Order::new(node, 480, 1000, 30, 1 + (i as i64 % 2)));
    }
    orders[3].skills = GAS; // only Bob
    orders[4].pin = Some(0); // must be Ann's
    let mut impossible = Order::new(50, 480, 1000, 30, 1);
    impossible.skills = 0b100; // nobody has this skill
    orders.push(impossible);
    let mut too_early = Order::new(55, 0, 60, 30, 1); // window closes before anyone's shift
    too_early.skills = 0;
    orders.push(too_early);
    Problem { travel: grid_travel(), orders, fleet: Fleet::Vehicles(vec![ann, bob]) }
}

#[test]
fn technicians_get_feasible_days_and_impossible_orders_are_unassigned() {
    let p = day();
    let s = solve(&p, &SolveOptions::with_iterations(4000, 3), |_| {});
    assert_eq!(s.unassigned, vec![10, 11]);
    assert_eq!(check_partial(&p, &s.routes, &s.unassigned), Ok(s.distance));
    let route_of = |order: usize| s.routes.iter().find(|r| r.orders.contains(&order)).map(|r| r.vehicle);
    assert_eq!(route_of(3), Some(1), "gas job needs Bob");
    assert_eq!(route_of(4), Some(0), "pinned to Ann");
    for r in &s.routes {
        let v = if r.vehicle == 0 { (0, 480) } else { (99, 600) };
        assert_eq!((r.nodes[0], *r.nodes.last().unwrap()), (v.0, v.0), "each technician starts and ends at home");
        assert_eq!(r.starts[0], v.1, "leaves at shift start");
        assert_eq!(r.nodes.len(), r.orders.len() + 2);
        assert_eq!(r.starts.len(), r.nodes.len());
    }
}

#[test]
fn too_little_capacity_leaves_orders_unassigned_not_infeasible() {
    let mut p = day();
    if let Fleet::Vehicles(vs) = &mut p.fleet {
        for v in vs {
            v.capacity = 3;
        }
    }
    let s = solve(&p, &SolveOptions::with_iterations(3000, 1), |_| {});
    assert_eq!(check_partial(&p, &s.routes, &s.unassigned), Ok(s.distance));
    let served: usize = s.routes.iter().map(|r| r.orders.len()).sum();
    assert!(served >= 4, "two vans of capacity 3 still carry at least four orders");
}

#[test]
fn same_seed_and_iterations_give_the_same_solution() {
    let p = day();
    let a = solve(&p, &SolveOptions::with_iterations(2000, 42), |_| {});
    let b = solve(&p, &SolveOptions::with_iterations(2000, 42), |_| {});
    assert_eq!(a, b);
}

#[test]
fn improvements_are_reported_and_the_last_report_is_the_answer() {
    let p = day();
    let mut reports = Vec::new();
    let s = solve(&p, &SolveOptions::with_iterations(3000, 5), |best| reports.push(best.distance));
    assert!(!reports.is_empty());
    assert!(reports.windows(2).all(|w| w[1] <= w[0]), "reports only improve: {reports:?}");
    assert_eq!(*reports.last().unwrap(), s.distance);
}

#[test]
fn a_cancelled_search_still_returns_a_feasible_day() {
    let p = day();
    let stop = AtomicBool::new(true);
    let options =
        SolveOptions { time_limit: Duration::from_secs(60), seed: 1, max_iterations: None, cancel: Some(&stop) };
    let s = solve(&p, &options, |_| {});
    assert_eq!(check_partial(&p, &s.routes, &s.unassigned), Ok(s.distance));
}

#[test]
fn an_invalid_problem_leaves_everything_unassigned() {
    let mut p = day();
    p.orders[0].node = 1000;
    let s = solve(&p, &SolveOptions::with_iterations(10, 1), |_| {});
    assert_eq!(s.unassigned.len(), p.orders.len());
    assert!(s.routes.is_empty());
}
