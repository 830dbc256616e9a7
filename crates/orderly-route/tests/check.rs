//! The independent checker catches every kind of violation on hand-made tiny problems.

use orderly_route::{check, check_partial, Fleet, Order, Problem, Route, Vehicle, Violation};

/// Nodes on a line at 0, 10, 20, 30: travel is the gap.
fn line_travel() -> Vec<Vec<i64>> {
    let at = [0i64, 10, 20, 30];
    at.iter().map(|a| at.iter().map(|b| (a - b).abs()).collect()).collect()
}

fn unlimited(capacity: i64, close: i64) -> Problem {
    Problem {
        travel: line_travel(),
        orders: vec![Order::new(1, 0, 100, 5, 3), Order::new(2, 0, 100, 5, 3), Order::new(3, 0, 100, 5, 3)],
        fleet: Fleet::Unlimited { start: 0, end: 0, open: 0, close, capacity },
    }
}

fn plan(routes: &[&[usize]]) -> Vec<Route> {
    routes.iter().enumerate().map(|(i, r)| Route::plan(i, r.to_vec())).collect()
}

#[test]
fn a_good_plan_passes_with_its_distance() {
    assert_eq!(check(&unlimited(10, 1000), &plan(&[&[0, 1, 2]])), Ok(60));
    assert_eq!(check(&unlimited(10, 1000), &plan(&[&[0], &[2, 1]])), Ok(20 + 60));
}

#[test]
fn missing_and_duplicate_orders() {
    let p = unlimited(10, 1000);
    assert_eq!(check(&p, &plan(&[&[0, 1]])), Err(Violation::Missing { order: 2 }));
    assert_eq!(check(&p, &plan(&[&[0, 1], &[2, 1]])), Err(Violation::Duplicate { order: 1 }));
    assert_eq!(check(&p, &plan(&[&[0, 1, 7]])), Err(Violation::UnknownOrder { route: 0, order: 7 }));
    assert_eq!(check_partial(&p, &plan(&[&[0, 1]]), &[2]), Ok(40));
    assert_eq!(check_partial(&p, &plan(&[&[0, 1, 2]]), &[2]), Err(Violation::Duplicate { order: 2 }));
}

#[test]
fn late_service_is_caught() {
    let mut p = unlimited(10, 1000);
    // Reaching node 3 via 1 and 2: 10 + 5 + 10 + 5 + 10 = 40 > due 35.
    p.orders[2].due = 35;
    assert_eq!(check(&p, &plan(&[&[0, 1, 2]])), Err(Violation::Late { order: 2, start: 40, due: 35 }));
    // Waiting for a ready time counts: order 1 ready at 50, so order 2 starts at 65.
    p.orders[2].due = 1000;
    p.orders[1].ready = 50;
    p.orders[1].due = 60;
    p.orders[2].due = 60;
    assert_eq!(check(&p, &plan(&[&[1, 2]])), Err(Violation::Late { order: 2, start: 65, due: 60 }));
}

#[test]
fn shift_end_and_capacity_are_caught() {
    // 0 → 30 → 0 is 60 travel plus 5 service.
    assert_eq!(
        check(&unlimited(10, 64), &plan(&[&[2], &[0, 1]])),
        Err(Violation::ShiftOverrun { route: 0, arrival: 65, shift_end: 64 })
    );
    assert_eq!(
        check(&unlimited(8, 1000), &plan(&[&[0, 1, 2]])),
        Err(Violation::Capacity { route: 0, load: 9, capacity: 8 })
    );
}

fn technicians() -> Problem {
    let tech = |start, skills| Vehicle {
        start_node: start,
        end_node: start,
        shift_start: 0,
        shift_end: 1000,
        capacity: 10,
        skills,
    };
    let mut orders = vec![Order::new(1, 0, 100, 5, 1), Order::new(2, 0, 100, 5, 1)];
    orders[0].skills = 0b10;
    orders[1].pin = Some(0);
    Problem { travel: line_travel(), orders, fleet: Fleet::Vehicles(vec![tech(0, 0b01), tech(3, 0b11)]) }
}

#[test]
fn skills_pins_and_vehicle_identity_are_caught() {
    let p = technicians();
    let good = vec![Route::plan(0, vec![1]), Route::plan(1, vec![0])];
    assert_eq!(check(&p, &good), Ok(40 + 40));
    assert_eq!(check(&p, &[Route::plan(0, vec![0, 1])]), Err(Violation::Skill { order: 0, vehicle: 0 }));
    assert_eq!(check(&p, &[Route::plan(1, vec![0, 1])]), Err(Violation::Pin { order: 1, vehicle: 1 }));
    assert_eq!(
        check(&p, &[Route::plan(1, vec![0]), Route::plan(1, vec![1])]),
        Err(Violation::VehicleReused { vehicle: 1 })
    );
    assert_eq!(check(&p, &[Route::plan(5, vec![0, 1])]), Err(Violation::UnknownVehicle { route: 0, vehicle: 5 }));
}

#[test]
fn malformed_problem_is_reported() {
    let mut p = unlimited(10, 1000);
    p.travel[1].pop();
    assert!(matches!(check(&p, &[]), Err(Violation::Invalid(_))));
}
