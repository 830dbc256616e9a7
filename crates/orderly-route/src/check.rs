//! The independent checker: recomputes distance, visit times, windows, shifts, capacity,
//! skills, pins and "every order exactly once" from bare route plans. Deliberately simple and
//! sharing nothing with the solver's incremental bookkeeping, so tests can trust it.

use crate::problem::{Fleet, Problem, Route};
use std::fmt;

/// The first rule a set of routes breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Violation {
    /// The problem itself is malformed (see [`Problem::validate`]).
    Invalid(String),
    UnknownVehicle {
        route: usize,
        vehicle: usize,
    },
    VehicleReused {
        vehicle: usize,
    },
    UnknownOrder {
        route: usize,
        order: usize,
    },
    Duplicate {
        order: usize,
    },
    Missing {
        order: usize,
    },
    Late {
        order: usize,
        start: i64,
        due: i64,
    },
    ShiftOverrun {
        route: usize,
        arrival: i64,
        shift_end: i64,
    },
    Capacity {
        route: usize,
        load: i64,
        capacity: i64,
    },
    Skill {
        order: usize,
        vehicle: usize,
    },
    Pin {
        order: usize,
        vehicle: usize,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::Invalid(why) => write!(f, "invalid problem: {why}"),
            Violation::UnknownVehicle { route, vehicle } => write!(f, "route {route}: no vehicle {vehicle}"),
            Violation::VehicleReused { vehicle } => write!(f, "vehicle {vehicle} drives more than one route"),
            Violation::UnknownOrder { route, order } => write!(f, "route {route}: no order {order}"),
            Violation::Duplicate { order } => write!(f, "order {order} is served more than once"),
            Violation::Missing { order } => write!(f, "order {order} is neither served nor unassigned"),
            Violation::Late { order, start, due } => write!(f, "order {order} starts at {start}, after its due {due}"),
            Violation::ShiftOverrun { route, arrival, shift_end } => {
                write!(f, "route {route} returns at {arrival}, after the shift end {shift_end}")
            }
            Violation::Capacity { route, load, capacity } => {
                write!(f, "route {route} carries {load}, over the capacity {capacity}")
            }
            Violation::Skill { order, vehicle } => write!(f, "order {order} needs skills vehicle {vehicle} lacks"),
            Violation::Pin { order, vehicle } => {
                write!(f, "order {order} is pinned elsewhere, not to vehicle {vehicle}")
            }
        }
    }
}

impl std::error::Error for Violation {}

/// Checks routes that must serve every order; returns the total distance.
pub fn check(problem: &Problem, routes: &[Route]) -> Result<i64, Violation> {
    check_partial(problem, routes, &[])
}

/// Checks routes plus a list of unassigned orders; together they must hold every order once.
/// Only `vehicle` and `orders` of each route are read; times are recomputed from scratch.
pub fn check_partial(problem: &Problem, routes: &[Route], unassigned: &[usize]) -> Result<i64, Violation> {
    problem.validate().map_err(Violation::Invalid)?;
    let mut seen = vec![false; problem.orders.len()];
    let mut mark = |order: usize| -> Result<(), Violation> {
        if std::mem::replace(&mut seen[order], true) {
            return Err(Violation::Duplicate { order });
        }
        Ok(())
    };
    for &order in unassigned {
        if order >= problem.orders.len() {
            return Err(Violation::UnknownOrder { route: usize::MAX, order });
        }
        mark(order)?;
    }
    let mut used = vec![false; vehicle_count(problem)];
    let mut total = 0;
    for (index, route) in routes.iter().enumerate() {
        if let Fleet::Vehicles(_) = problem.fleet {
            match used.get_mut(route.vehicle) {
                None => return Err(Violation::UnknownVehicle { route: index, vehicle: route.vehicle }),
                Some(u) if *u => return Err(Violation::VehicleReused { vehicle: route.vehicle }),
                Some(u) => *u = true,
            }
        }
        for &order in &route.orders {
            if order >= problem.orders.len() {
                return Err(Violation::UnknownOrder { route: index, order });
            }
            mark(order)?;
        }
        total += check_route(problem, index, route)?;
    }
    match seen.iter().position(|s| !s) {
        Some(order) => Err(Violation::Missing { order }),
        None => Ok(total),
    }
}

fn vehicle_count(problem: &Problem) -> usize {
    match &problem.fleet {
        Fleet::Unlimited { .. } => 0,
        Fleet::Vehicles(vs) => vs.len(),
    }
}

/// Walks one route in time; returns its distance.
fn check_route(problem: &Problem, index: usize, route: &Route) -> Result<i64, Violation> {
    let (start, end, shift_start, shift_end, capacity, skills) = match &problem.fleet {
        Fleet::Unlimited { start, end, open, close, capacity } => (*start, *end, *open, *close, *capacity, 0),
        Fleet::Vehicles(vs) => {
            let v = &vs[route.vehicle];
            (v.start_node, v.end_node, v.shift_start, v.shift_end, v.capacity, v.skills)
        }
    };
    let unlimited = matches!(problem.fleet, Fleet::Unlimited { .. });
    let (mut at, mut clock, mut load, mut distance) = (start, shift_start, 0, 0);
    for &o in &route.orders {
        let order = &problem.orders[o];
        if order.skills & !skills != 0 {
            return Err(Violation::Skill { order: o, vehicle: route.vehicle });
        }
        if order.pin.is_some_and(|p| unlimited || p != route.vehicle) {
            return Err(Violation::Pin { order: o, vehicle: route.vehicle });
        }
        let leg = problem.travel[at][order.node];
        let begin = (clock + leg).max(order.ready);
        if begin > order.due {
            return Err(Violation::Late { order: o, start: begin, due: order.due });
        }
        distance += leg;
        clock = begin + order.service;
        load += order.demand;
        at = order.node;
    }
    if route.orders.is_empty() {
        return Ok(0);
    }
    let leg = problem.travel[at][end];
    let arrival = clock + leg;
    if arrival > shift_end {
        return Err(Violation::ShiftOverrun { route: index, arrival, shift_end });
    }
    if load > capacity {
        return Err(Violation::Capacity { route: index, load, capacity });
    }
    Ok(distance + leg)
}
