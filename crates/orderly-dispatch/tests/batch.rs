//! Batch assignment against the sample instances: parsing errors, the independent objective
//! check against the exact solver's reference, feasibility of every returned plan, and the
//! validity of the certified lower bound. No test asserts wall-clock time.

use orderly_dispatch::{objective, solve, solve_file, Instance, SolveOptions};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

const SAMPLES: &str = "/work/shared/dispatch/samples";

fn samples() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(SAMPLES)
        .expect("samples directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 10, "expected the 10 sample instances");
    paths
}

fn load(path: &Path) -> (Value, Instance) {
    let root: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("json");
    let inst = Instance::from_value(&root).expect("valid instance");
    (root, inst)
}

/// The reference assignment (order id string -> tech id) as indices.
fn reference_assignment(root: &Value, inst: &Instance) -> Vec<Option<usize>> {
    let map = root["reference"]["assignment"].as_object().expect("reference.assignment");
    inst.orders
        .iter()
        .map(|o| {
            map.get(&o.id.to_string()).map(|t| {
                let id = t.as_i64().expect("tech id");
                inst.techs.iter().position(|tech| tech.id == id).expect("known tech")
            })
        })
        .collect()
}

fn rel_diff(a: f64, b: f64) -> f64 {
    (a - b).abs() / a.abs().max(b.abs()).max(1.0)
}

#[test]
fn reference_assignment_recomputes_to_reference_objective() {
    for path in samples() {
        let (root, inst) = load(&path);
        let assignment = reference_assignment(&root, &inst);
        let ours = objective(&inst, &assignment).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let reference = root["reference"]["objective"].as_f64().expect("objective");
        assert!(rel_diff(ours, reference) <= 1e-6, "{}: {ours} vs {reference}", path.display());
    }
}

#[test]
fn every_plan_is_feasible_and_bound_is_valid() {
    for path in samples() {
        let (root, inst) = load(&path);
        // A fixed iteration count under a generous time limit keeps this deterministic: the
        // Lagrangian gets its full iteration cap and the search stops at the count.
        let opts = SolveOptions {
            time_limit: Duration::from_secs(120),
            seed: 3,
            max_iterations: Some(200_000),
            ..SolveOptions::default()
        };
        let plan = solve(&inst, &opts);
        let name = path.display();
        let check = objective(&inst, &plan.assignment).unwrap_or_else(|e| panic!("{name}: infeasible: {e}"));
        assert!(rel_diff(check, plan.objective) <= 1e-6, "{name}: {check} vs {}", plan.objective);
        let reference = &root["reference"];
        let bound = plan.lower_bound.expect("bound requested by default");
        assert_bound_valid(&root, &inst, bound, &name.to_string());
        assert!(bound <= plan.objective, "{name}: bound {bound} above our objective");
        // The bound is the LP value at best; it should get close to it, not just be valid.
        let lp = reference["lp_relaxation"].as_f64().expect("lp_relaxation");
        assert!(bound >= lp - 0.01 * lp.abs(), "{name}: bound {bound} far below the LP relaxation {lp}");
    }
}

/// The bound must not exceed any feasible plan's value; the reference assignment's exact
/// objective is one. The MIP's own `objective`/`dual_bound` carry its feasibility tolerance
/// (1e-6: on gap_50x10_s1 they sit 1e-6 below the exact value of the reference assignment), so
/// they are compared within that tolerance.
fn assert_bound_valid(root: &Value, inst: &Instance, bound: f64, name: &str) {
    let exact = objective(inst, &reference_assignment(root, inst)).expect("reference feasible");
    assert!(bound <= exact, "{name}: bound {bound} above the reference assignment's objective {exact}");
    let reference = &root["reference"];
    let mip_tolerance = 1e-6 * exact.abs().max(1.0);
    let best = reference["objective"].as_f64().expect("objective");
    assert!(bound <= best + mip_tolerance, "{name}: bound {bound} above the reference objective {best}");
    if reference["status"] == "Optimal" {
        let dual = reference["dual_bound"].as_f64().expect("dual_bound");
        assert!(bound <= dual + mip_tolerance, "{name}: bound {bound} above the proven optimum {dual}");
    }
}

#[test]
fn same_seed_and_iterations_give_the_same_plan() {
    let (_, inst) = load(&Path::new(SAMPLES).join("gap_100x20_s2.json"));
    let opts = SolveOptions {
        time_limit: Duration::from_secs(60),
        seed: 11,
        max_iterations: Some(100_000),
        ..SolveOptions::default()
    };
    let (a, b) = (solve(&inst, &opts), solve(&inst, &opts));
    assert_eq!(a.assignment, b.assignment);
    assert_eq!(a.objective, b.objective);
    assert!(a.iterations <= 100_000, "stops at the cap (or earlier once proven optimal)");
}

#[test]
fn iteration_cap_below_the_number_of_runs_stops_the_search() {
    // Regression: a cap smaller than the number of annealing runs used to spin until the
    // time limit. With the cap reached the solve returns long before the 10 min limit.
    let (_, inst) = load(&Path::new(SAMPLES).join("gap_100x20_s3.json"));
    for cap in [0, 1, 3, 9] {
        let opts =
            SolveOptions { time_limit: Duration::from_secs(600), max_iterations: Some(cap), ..SolveOptions::default() };
        let plan = solve(&inst, &opts);
        assert!(plan.iterations <= cap);
        objective(&inst, &plan.assignment).expect("feasible");
    }
}

#[test]
fn cancelled_solve_still_returns_a_feasible_plan() {
    let (_, inst) = load(&Path::new(SAMPLES).join("gap_300x40_s3.json"));
    let cancel = AtomicBool::new(true);
    let opts = SolveOptions { time_limit: Duration::from_secs(60), cancel: Some(&cancel), ..SolveOptions::default() };
    let plan = solve(&inst, &opts);
    objective(&inst, &plan.assignment).expect("feasible");
    assert_eq!(plan.iterations, 0);
}

#[test]
fn solve_file_prints_the_format_with_instance_ids() {
    let path = Path::new(SAMPLES).join("gap_50x10_s1.json");
    let doc = solve_file(&path, 0.05, 1).expect("solves");
    let (_, inst) = load(&path);
    let assignment = doc["assignment"].as_object().expect("assignment object");
    let unassigned = doc["unassigned"].as_array().expect("unassigned array");
    assert_eq!(assignment.len() + unassigned.len(), inst.orders.len());
    let by_index: Vec<Option<usize>> = inst
        .orders
        .iter()
        .map(|o| {
            assignment.get(&o.id.to_string()).map(|t| inst.techs.iter().position(|x| Some(x.id) == t.as_i64()).unwrap())
        })
        .collect();
    let check = objective(&inst, &by_index).expect("feasible");
    assert!(rel_diff(check, doc["objective"].as_f64().unwrap()) <= 1e-6);
    assert!(doc["lower_bound"].as_f64().unwrap() <= check);
    assert!(doc["seconds"].as_f64().unwrap() > 0.0);
}

#[test]
fn solve_file_reports_unreadable_files() {
    let missing = solve_file(Path::new("/nonexistent/x.json"), 0.1, 1).unwrap_err();
    assert!(missing.contains("cannot read"), "{missing}");
    let dir = std::env::temp_dir().join(format!("orderly-dispatch-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\"instance\": {\"meta\": ").unwrap();
    let err = solve_file(&bad, 0.1, 1).unwrap_err();
    assert!(err.contains("bad.json") && err.contains("json"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Parses a small valid instance after `edit` changed its JSON.
fn parse_edited(edit: impl FnOnce(&mut Value)) -> Result<Instance, String> {
    let mut v = serde_json::json!({
        "meta": {"speed_kmh": 35.0, "sat_threshold": 0.8, "beta": 20.0, "level_cost": 4.0},
        "techs": [
            {"id": 0, "x": 0.0, "y": 0.0, "skills": {"1": 3}, "capacity_h": 8.0, "preload_h": 0,
             "shift_start_h": 0.0, "available": true},
            {"id": 1, "x": 5.0, "y": 0.0, "skills": {"1": 1, "2": 2}, "capacity_h": 8.0, "preload_h": 1,
             "shift_start_h": 0.0, "available": true}
        ],
        "orders": (0..5).map(|k| serde_json::json!({"id": k, "x": 1.0, "y": k as f64, "skill": 1, "service_h": 1.0,
            "priority": 1, "sla_deadline_h": 8.0, "unassigned_penalty": 200.0})).collect::<Vec<_>>()
    });
    edit(&mut v);
    Instance::from_value(&v).map_err(|e| e.to_string())
}

/// A change to the valid test instance's JSON.
type Edit = Box<dyn FnOnce(&mut Value)>;

#[test]
fn parse_errors_name_the_field() {
    assert!(parse_edited(|_| {}).is_ok());
    let cases: Vec<(Edit, &str)> = vec![
        (Box::new(|v| v["orders"][3]["skill"] = "hvac".into()), "orders[3].skill"),
        (Box::new(|v| v["orders"][2]["service_h"] = (-1.0).into()), "orders[2].service_h"),
        (Box::new(|v| v["techs"][1]["skills"]["x"] = 2.into()), "techs[1].skills.\"x\""),
        (Box::new(|v| v["techs"][0]["skills"]["1"] = 4.into()), "techs[0].skills.\"1\""),
        (Box::new(|v| v["techs"][1]["available"] = "yes".into()), "techs[1].available"),
        (Box::new(|v| v["orders"][4]["id"] = 0.into()), "orders[4].id"),
        (Box::new(|v| v["meta"]["speed_kmh"] = 0.into()), "meta.speed_kmh"),
        (Box::new(|v| drop(v["meta"].as_object_mut().unwrap().remove("beta"))), "meta.beta"),
        (Box::new(|v| v["orders"] = 3.into()), "instance.orders"),
    ];
    for (edit, field) in cases {
        let err = parse_edited(edit).expect_err(field);
        assert!(err.starts_with(field), "expected an error naming {field}, got {err}");
    }
    assert!(Instance::from_json_str("{").unwrap_err().to_string().starts_with("json:"));
}

#[test]
fn objective_rejects_infeasible_assignments() {
    let inst = parse_edited(|v| v["orders"][0]["skill"] = 2.into()).unwrap();
    // Order 0 needs skill 2, which only technician 1 has.
    assert!(objective(&inst, &[Some(0), None, None, None, None]).is_err());
    assert!(objective(&inst, &[Some(1), None, None, None, None]).is_ok());
    assert!(objective(&inst, &[None; 4]).is_err(), "wrong length");
    assert!(objective(&inst, &[Some(7), None, None, None, None]).is_err(), "unknown tech");
    // Five 1 h orders plus travel and a 1 h preload exceed technician 1's 8 h? No: 5 orders fit
    // on technician 0 (8 h, no preload) only if travel is short; they are 1-4 km away.
    let all_on_zero = vec![Some(0); 5];
    let v = objective(&inst, &[Some(1), Some(0), Some(0), Some(0), Some(0)]).unwrap();
    assert!(v > 0.0);
    assert!(objective(&inst, &all_on_zero).is_err(), "order 0 lacks skill on tech 0");
}

#[test]
fn tiny_instance_solves_to_its_optimum() {
    let inst = parse_edited(|_| {}).unwrap();
    let plan = solve(&inst, &SolveOptions { time_limit: Duration::from_millis(50), ..SolveOptions::default() });
    // Brute force over the 3^5 assignments (tech 0, tech 1, unassigned).
    let mut best = f64::INFINITY;
    for code in 0..3usize.pow(5) {
        let a: Vec<Option<usize>> = (0..5).map(|k| [Some(0), Some(1), None][code / 3usize.pow(k) % 3]).collect();
        if let Ok(v) = objective(&inst, &a) {
            best = best.min(v);
        }
    }
    assert!(rel_diff(plan.objective, best) <= 1e-9, "{} vs brute force {best}", plan.objective);
    assert!(plan.lower_bound.unwrap() <= best + 1e-9);
}

#[test]
fn empty_instance_is_fine() {
    let inst = parse_edited(|v| v["orders"] = Value::Array(vec![])).unwrap();
    let plan = solve(&inst, &SolveOptions::default());
    assert!(plan.assignment.is_empty());
    assert_eq!(plan.objective, 0.0);
}

#[test]
fn short_budgets_still_give_feasible_plans_and_valid_bounds() {
    for path in samples() {
        let (root, inst) = load(&path);
        let opts = SolveOptions { time_limit: Duration::from_millis(15), seed: 5, ..SolveOptions::default() };
        let plan = solve(&inst, &opts);
        let check = objective(&inst, &plan.assignment).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(rel_diff(check, plan.objective) <= 1e-6);
        if let Some(bound) = plan.lower_bound {
            assert_bound_valid(&root, &inst, bound, &path.display().to_string());
        }
    }
}

mod random_instances {
    use super::*;
    use proptest::prelude::*;

    /// Small random instance: up to 6 orders and 3 technicians, tight capacities so that
    /// saturation, capacity and unassignment all matter.
    fn instance() -> impl Strategy<Value = Value> {
        let tech = (0.0..20.0f64, 0.0..20.0f64, 1u8..=3, 1u8..=3, 1.0..5.0f64, 0.0..2.0f64, any::<bool>());
        let order = (0.0..20.0f64, 0.0..20.0f64, 0u8..2, 0.2..2.0f64, 0.3..3.0f64, 5.0..300.0f64);
        (proptest::collection::vec(tech, 1..=3), proptest::collection::vec(order, 0..=6), 0.5..1.0f64, 0.0..40.0f64)
            .prop_map(|(techs, orders, sat, beta)| {
                serde_json::json!({
                    "meta": {"speed_kmh": 30.0, "sat_threshold": sat, "beta": beta, "level_cost": 4.0},
                    "techs": techs.iter().enumerate().map(|(k, t)| serde_json::json!({
                        "id": 10 + k, "x": t.0, "y": t.1, "skills": {"0": t.2, "1": t.3},
                        "capacity_h": t.4, "preload_h": t.5.min(t.4), "shift_start_h": 0.0, "available": t.6 || k == 0
                    })).collect::<Vec<_>>(),
                    "orders": orders.iter().enumerate().map(|(k, o)| serde_json::json!({
                        "id": k, "x": o.0, "y": o.1, "skill": o.2, "service_h": o.3, "priority": 1,
                        "sla_deadline_h": o.4, "unassigned_penalty": o.5
                    })).collect::<Vec<_>>()
                })
            })
    }

    fn brute_force_optimum(inst: &Instance) -> f64 {
        let (n, m) = (inst.orders.len(), inst.techs.len());
        let choices = m + 1;
        let mut best = f64::INFINITY;
        for code in 0..choices.pow(n as u32) {
            let a: Vec<Option<usize>> =
                (0..n).map(|k| Some(code / choices.pow(k as u32) % choices).filter(|&j| j < m)).collect();
            if let Ok(v) = objective(inst, &a) {
                best = best.min(v);
            }
        }
        best
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn bound_and_plan_bracket_the_brute_force_optimum(json in instance(), seed in 0u64..100) {
            let inst = Instance::from_value(&json).expect("valid");
            let opts = SolveOptions {
                time_limit: Duration::from_secs(60),
                seed,
                max_iterations: Some(30_000),
                ..SolveOptions::default()
            };
            let plan = solve(&inst, &opts);
            let optimum = brute_force_optimum(&inst);
            let check = objective(&inst, &plan.assignment).expect("feasible");
            prop_assert!(rel_diff(check, plan.objective) <= 1e-9);
            let bound = plan.lower_bound.expect("bound");
            prop_assert!(bound <= optimum + 1e-9 * optimum.abs().max(1.0), "bound {} > optimum {}", bound, optimum);
            prop_assert!(plan.objective >= optimum - 1e-9 * optimum.abs().max(1.0));
        }
    }

    /// The search is a heuristic, so optimality is asserted as a rate: on tiny instances it
    /// should almost always find the brute-force optimum.
    #[test]
    fn plan_is_almost_always_optimal_on_tiny_instances() {
        use proptest::strategy::ValueTree;
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let (mut optimal, total) = (0, 300);
        for seed in 0..total {
            let json = instance().new_tree(&mut runner).expect("instance").current();
            let inst = Instance::from_value(&json).expect("valid");
            let opts = SolveOptions {
                time_limit: Duration::from_secs(60),
                seed,
                max_iterations: Some(30_000),
                ..SolveOptions::default()
            };
            let plan = solve(&inst, &opts);
            if rel_diff(plan.objective, brute_force_optimum(&inst)) <= 1e-9 {
                optimal += 1;
            }
        }
        eprintln!("optimal on {optimal} of {total} tiny instances");
        assert!(optimal * 100 >= total * 97, "optimal on only {optimal} of {total} tiny instances");
    }
}
