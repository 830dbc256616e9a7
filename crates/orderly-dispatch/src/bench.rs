//! Benchmarks: the batch solver on the sample instances against the exact solver's reference,
//! and the one-order ranking's latency over 500 random technicians.

use crate::instance::Instance;
use crate::rank::{rank, Due, RankOrder, RankTech, RankWeights, TechStatus};
use crate::rng::Rng;
use crate::{solve, solve_budget, SolveOptions};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The whole-process budget for an instance with `n` orders.
pub fn budget_for(n: usize) -> f64 {
    match n {
        0..=100 => 0.05,
        101..=300 => 0.25,
        _ => 2.0,
    }
}

fn gap_pct(value: f64, reference: f64) -> f64 {
    100.0 * (value - reference) / reference.abs().max(1e-9)
}

/// One instance's row; `None` fields print as "-".
struct Row {
    name: String,
    n: usize,
    reference: f64,
    ours: f64,
    solve_ms: f64,
    iterations: u64,
    total_ms: f64,
    lower: Option<f64>,
    lp: Option<f64>,
    baselines: [Option<f64>; 4],
}

const BASELINES: [&str; 4] = ["greedy", "regret2", "greedy_ls", "regret2_ls"];

fn run_instance(path: &Path, seed: u64) -> Result<Row, String> {
    let start = Instant::now();
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let root: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let inst = Instance::from_value(&root).map_err(|e| format!("{}: {e}", path.display()))?;
    let seconds = budget_for(inst.orders.len());
    let opts = SolveOptions { time_limit: solve_budget(seconds, start.elapsed()), seed, ..SolveOptions::default() };
    let solve_start = Instant::now();
    let plan = solve(&inst, &opts);
    let solve_ms = solve_start.elapsed().as_secs_f64() * 1e3;
    let total_ms = start.elapsed().as_secs_f64() * 1e3;
    let reference = &root["reference"];
    let num = |v: &Value| v.as_f64();
    Ok(Row {
        name: path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
        n: inst.orders.len(),
        reference: num(&reference["objective"]).ok_or_else(|| format!("{}: no reference.objective", path.display()))?,
        ours: plan.objective,
        solve_ms,
        iterations: plan.iterations,
        total_ms,
        lower: plan.lower_bound,
        lp: num(&reference["lp_relaxation"]),
        baselines: BASELINES.map(|b| num(&reference["baselines"][b])),
    })
}

fn format_row(r: &Row) -> String {
    let b = r.baselines.map(|v| v.map(|v| gap_pct(v, r.reference)));
    format!(
        "{:<18} {:>10.2} {:>10.2} {:>7.3} {:>8.1} {:>8.1} {:>6.2} {:>10} {:>6} {:>6} | {:>7} {:>7} {:>9} {:>10}\n",
        r.name,
        r.reference,
        r.ours,
        gap_pct(r.ours, r.reference),
        r.solve_ms,
        r.total_ms,
        r.iterations as f64 / 1e6,
        cell(r.lower),
        cell(r.lower.map(|l| -gap_pct(l, r.reference))),
        cell(r.lp.map(|l| -gap_pct(l, r.reference))),
        cell(b[0]),
        cell(b[1]),
        cell(b[2]),
        cell(b[3]),
    )
}

fn cell(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), |g| format!("{g:.2}"))
}

/// Runs every `*.json` sample in `samples_dir` with the budget and prints a table of
/// gaps (in % of the reference objective) and times, with the mean gap per size class.
pub fn bench_dispatch(samples_dir: &Path, seed: u64) -> Result<String, String> {
    let entries = std::fs::read_dir(samples_dir).map_err(|e| format!("cannot read {}: {e}", samples_dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut rows = paths.iter().map(|p| run_instance(p, seed)).collect::<Result<Vec<_>, _>>()?;
    rows.sort_by(|a, b| a.n.cmp(&b.n).then(a.name.cmp(&b.name)));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<18} {:>10} {:>10} {:>7} {:>8} {:>8} {:>6} {:>10} {:>6} {:>6} | {:>7} {:>7} {:>9} {:>10}",
        "instance",
        "reference",
        "ours",
        "gap%",
        "solve_ms",
        "total_ms",
        "Miters",
        "lower_bd",
        "lb%",
        "lp%",
        "greedy%",
        "regret2%",
        "greedy_ls%",
        "regret2_ls%"
    );
    for r in &rows {
        out.push_str(&format_row(r));
    }
    let mut sizes: Vec<usize> = rows.iter().map(|r| r.n).collect();
    sizes.dedup();
    for n in sizes {
        let class: Vec<&Row> = rows.iter().filter(|r| r.n == n).collect();
        let mean = class.iter().map(|r| gap_pct(r.ours, r.reference)).sum::<f64>() / class.len() as f64;
        let worst_ms = class.iter().map(|r| r.total_ms).fold(0.0, f64::max);
        let _ = writeln!(
            out,
            "{n:>5} orders: mean gap {mean:.3} % over {} instances, max parse+solve {worst_ms:.1} ms (budget {:.0} ms)",
            class.len(),
            budget_for(n) * 1e3
        );
    }
    Ok(out)
}

const SKILLS: [&str; 10] =
    ["hvac", "electrical", "plumbing", "it", "security", "elevator", "fire", "roofing", "glass", "paint"];

/// Random technician around a city centre (Munich-ish coordinates, ±15 km).
pub fn random_tech(rng: &mut Rng, k: usize) -> RankTech {
    let n_skills = 1 + rng.below(4);
    let mut skills: Vec<(String, u8)> =
        (0..n_skills).map(|_| (SKILLS[rng.below(SKILLS.len())].to_string(), 1 + rng.below(3) as u8)).collect();
    skills.sort();
    skills.dedup_by(|a, b| a.0 == b.0);
    let status = match rng.below(10) {
        0 => TechStatus::Off,
        1..=3 => TechStatus::Busy,
        _ => TechStatus::Available,
    };
    RankTech {
        id: format!("tech-{k:04}"),
        skills,
        lat: 48.137 + (rng.unit() - 0.5) * 0.27,
        lon: 11.575 + (rng.unit() - 0.5) * 0.4,
        status,
        capacity_hours: 8.0,
        booked_hours: (rng.below(17) as f64) * 0.5,
        open_orders: rng.below(6) as u32,
        completed_today: rng.below(6) as u32,
        shift_end_minutes: 60.0 + rng.below(480) as f64,
    }
}

/// Random order in the same area.
pub fn random_order(rng: &mut Rng) -> RankOrder {
    RankOrder {
        lat: 48.137 + (rng.unit() - 0.5) * 0.27,
        lon: 11.575 + (rng.unit() - 0.5) * 0.4,
        skill: SKILLS[rng.below(SKILLS.len())].to_string(),
        min_level: 1 + rng.below(3) as u8,
        service_minutes: 30.0 + rng.below(8) as f64 * 15.0,
        due: Due::InMinutes(60.0 + rng.below(600) as f64),
        now_epoch_s: 0,
        priority: 1 + rng.below(3) as u8,
    }
}

/// Times 10 000 rankings (top 5) of random orders over 500 random technicians.
pub fn bench_rank(seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let techs: Vec<RankTech> = (0..500).map(|k| random_tech(&mut rng, k)).collect();
    let weights = RankWeights::default();
    let mut micros = Vec::with_capacity(10_000);
    let mut offered = 0usize;
    for _ in 0..10_000 {
        let order = random_order(&mut rng);
        let start = Instant::now();
        let ranking = rank(&order, &techs, &weights, 5);
        micros.push(start.elapsed().as_secs_f64() * 1e6);
        offered += ranking.eligible_count;
    }
    micros.sort_by(f64::total_cmp);
    let pick = |q: f64| micros[((micros.len() - 1) as f64 * q) as usize];
    format!(
        "rank: 10000 rankings x 500 technicians (top 5): p50 {:.1} us, p99 {:.1} us, max {:.1} us; mean eligible {:.1}\n",
        pick(0.5),
        pick(0.99),
        micros[micros.len() - 1],
        offered as f64 / 10_000.0
    )
}
