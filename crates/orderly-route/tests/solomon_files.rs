//! Every shipped Solomon instance is solved (fixed iteration count, no timing asserted) into
//! routes that pass the independent checker and serve every customer.

use orderly_route::solomon::parse;
use orderly_route::{check, route_file, solve, SolveOptions};
use std::path::Path;

const DIR: &str = "/work/shared/data/solomon";

#[test]
fn every_instance_solves_feasibly() {
    for name in ["C101", "C201", "R101", "R102", "R201", "RC101", "RC201", "RC208"] {
        let text = std::fs::read_to_string(format!("{DIR}/{name}.txt")).unwrap();
        let p = parse(&text).unwrap();
        let s = solve(&p, &SolveOptions::with_iterations(1500, 1), |_| {});
        assert!(s.unassigned.is_empty(), "{name}: unassigned {:?}", s.unassigned);
        assert_eq!(check(&p, &s.routes), Ok(s.distance), "{name}");
    }
}

#[test]
fn route_file_prints_depot_bounded_routes_with_one_decimal() {
    let v = route_file(Path::new(&format!("{DIR}/C101.txt")), 0.05, 1).unwrap();
    let routes = v["routes"].as_array().unwrap();
    let mut seen: Vec<u64> = Vec::new();
    for r in routes {
        let r: Vec<u64> = r.as_array().unwrap().iter().map(|x| x.as_u64().unwrap()).collect();
        assert_eq!((r[0], *r.last().unwrap()), (0, 0));
        seen.extend(&r[1..r.len() - 1]);
    }
    seen.sort_unstable();
    assert_eq!(seen, (1..=100).collect::<Vec<u64>>());
    let distance = v["distance"].as_f64().unwrap();
    assert_eq!((distance * 10.0).round() / 10.0, distance);
    assert_eq!(v["seconds"].as_f64(), Some(0.05));
    assert!(route_file(Path::new("/nonexistent.txt"), 1.0, 1).is_err());
}
