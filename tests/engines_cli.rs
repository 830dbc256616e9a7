//! The store-free engine commands as scripts use them, each output re-checked here from what
//! was printed: `dispatch route` (routes re-walked on the Solomon file: DIMACS distances,
//! time windows, depot hours, capacity, every customer once), `dispatch solve` (objective
//! recomputed by the engine's independent check), `sla compute` (FORMAT.md's example), and
//! refusals with exit code 2.

use serde_json::{json, Value};
use std::process::{Command, Output};

fn orderly(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orderly")).args(args).env("LANG", "en_US.UTF-8").output().unwrap()
}

fn document(args: &[&str]) -> Value {
    let out = orderly(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A Solomon customer: x, y, demand, ready, due, service.
type Customer = [f64; 6];

fn solomon(path: &str) -> (f64, Vec<Customer>) {
    let text = std::fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let capacity_line = lines.iter().position(|l| l.contains("CAPACITY")).unwrap() + 1;
    let capacity: f64 = lines[capacity_line].split_whitespace().nth(1).unwrap().parse().unwrap();
    let customers = lines
        .iter()
        .filter_map(|l| {
            let v: Vec<f64> = l.split_whitespace().filter_map(|t| t.parse().ok()).collect();
            (v.len() == 7).then(|| [v[1], v[2], v[3], v[4], v[5], v[6]])
        })
        .collect();
    (capacity, customers)
}

/// Re-walks printed routes; returns the total distance in tenths.
fn walk(capacity: f64, c: &[Customer], routes: &[Vec<usize>]) -> i64 {
    let tenths = |a: usize, b: usize| ((c[a][0] - c[b][0]).hypot(c[a][1] - c[b][1]) * 10.0).floor() as i64;
    let mut seen = vec![0; c.len()];
    let mut total = 0;
    for route in routes {
        assert!(route.len() >= 3 && route[0] == 0 && route[route.len() - 1] == 0, "{route:?}");
        let (mut time, mut load) = (0i64, 0.0);
        for leg in route.windows(2) {
            let (from, to) = (leg[0], leg[1]);
            total += tenths(from, to);
            time = (time + tenths(from, to)).max((c[to][3] * 10.0) as i64);
            assert!(time <= (c[to][4] * 10.0) as i64, "late at customer {to}");
            if to != 0 {
                seen[to] += 1;
                load += c[to][2];
                time += (c[to][5] * 10.0) as i64;
            }
        }
        assert!(load <= capacity, "over capacity: {route:?}");
    }
    assert!(seen[1..].iter().all(|&n| n == 1), "every customer exactly once");
    total
}

#[test]
fn printed_routes_are_feasible_and_their_distance_is_right() {
    for name in ["C101", "R101", "RC208"] {
        let path = format!("tests/data/solomon/{name}.txt");
        let out = document(&["dispatch", "route", &path, "--seconds", "0.3", "--seed", "7"]);
        let routes: Vec<Vec<usize>> = serde_json::from_value(out["routes"].clone()).unwrap();
        let (capacity, customers) = solomon(&path);
        let tenths = walk(capacity, &customers, &routes);
        assert_eq!(
            format!("{:.1}", tenths as f64 / 10.0),
            format!("{:.1}", out["distance"].as_f64().unwrap()),
            "{name}"
        );
    }
}

#[test]
fn a_printed_plan_keeps_every_constraint_and_states_its_objective() {
    let path = "tests/data/dispatch/gap_100x20_s1.json";
    let out = document(&["dispatch", "solve", path, "--seconds", "0.05"]);
    let instance = orderly_dispatch::read_instance(std::path::Path::new(path)).unwrap();
    let order_ids: Vec<i64> = instance.orders.iter().map(|o| o.id).collect();
    let tech_ids: Vec<i64> = instance.techs.iter().map(|t| t.id).collect();
    let index_of = |id: i64, ids: &[i64]| ids.iter().position(|&x| x == id).unwrap();
    let mut assignment = vec![None; instance.orders.len()];
    for (order, tech) in out["assignment"].as_object().unwrap() {
        let i = index_of(order.parse().unwrap(), &order_ids);
        assignment[i] = Some(index_of(tech.as_i64().unwrap(), &tech_ids));
    }
    let objective = orderly_dispatch::objective(&instance, &assignment).expect("feasible");
    let printed = out["objective"].as_f64().unwrap();
    assert!((objective - printed).abs() <= 1e-6 * printed, "{objective} vs {printed}");
    assert!(out["lower_bound"].as_f64().unwrap() <= printed + 1e-9);
}

#[test]
fn the_sla_calculator_answers_the_format_example() {
    let case = json!({
        "calendar": {"time_zone": "Asia/Shanghai", "hours": {
            "mon": [["09:00", "12:00"], ["13:00", "18:00"]], "tue": [["09:00", "12:00"], ["13:00", "18:00"]],
            "wed": [["09:00", "12:00"], ["13:00", "18:00"]], "thu": [["09:00", "12:00"], ["13:00", "18:00"]],
            "fri": [["09:00", "12:00"], ["13:00", "18:00"]]}, "holidays": ["2026-10-01", "12-25"]},
        "policy": {"P1": {"response_minutes": 30, "resolution_minutes": 240},
                   "P2": {"response_minutes": 60, "resolution_minutes": 480},
                   "P3": {"response_minutes": 120, "resolution_minutes": 960},
                   "P4": {"response_minutes": 240, "resolution_minutes": 1920},
                   "P5": {"response_minutes": 480, "resolution_minutes": 2880}},
        "priority": "P3",
        "priority_changes": [{"at": "2026-11-19T07:00:00Z", "priority": "P2"}],
        "created_at": "2026-11-19T01:30:00Z",
        "paused": [{"from": "2026-11-19T02:00:00Z", "to": "2026-11-19T06:00:00Z"}],
        "now": "2026-11-20T03:00:00Z"
    });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("case.json");
    std::fs::write(&file, case.to_string()).unwrap();
    let out = document(&["sla", "compute", file.to_str().unwrap()]);
    assert_eq!(out["response_due"], "2026-11-19T06:30:00Z");
    assert_eq!(out["resolution_due"], "2026-11-20T05:30:00Z");
    assert_eq!((out["response_breached"].clone(), out["resolution_breached"].clone()), (json!(true), json!(false)));
    assert_eq!(out["counted_minutes"], 390);
    assert_eq!(
        out["timeline"][1],
        json!({"from": "2026-11-19T02:00:00Z", "to": "2026-11-19T06:00:00Z", "kind": "paused"})
    );

    let mut bad = case.clone();
    bad["policy"]["P3"]["resolution_minutes"] = json!(100);
    std::fs::write(&file, bad.to_string()).unwrap();
    let refused = orderly(&["--lang", "es", "sla", "compute", file.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(refused.stdout.is_empty());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("P3") && !message.contains("sla."), "{message}");
}

#[test]
fn unreadable_engine_inputs_exit_with_2() {
    for args in [
        ["dispatch", "route", "tests/data/dispatch/gap_50x10_s1.json"],
        ["dispatch", "solve", "tests/data/solomon/C101.txt"],
    ] {
        let out = orderly(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).trim().is_empty());
    }
}
