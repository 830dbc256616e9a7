//! The Solomon benchmark behind `orderly bench route`: solves every instance in a directory at
//! each time budget, checks each answer independently, and tabulates the gap to the best-known
//! minimum-distance values (DIMACS convention).

use crate::check::check;
use crate::problem::SolveOptions;
use crate::search::{solve_tuned, Tuning};
use crate::solomon::{parse, tenths_to_units};
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Best-known file expected next to the instances.
const BKS_FILE: &str = "bks_min_distance_dimacs.csv";
const REFERENCES: &str = "references (mean gap, 1 s / 10 s): OR-Tools 6.7 % / 4.4 %, PyVRP 0.42 % / 0.13 %";

/// Runs every `*.txt` instance in `dir` at each budget (seconds) with `seed`; returns the table.
pub fn bench_route(dir: &Path, seconds: &[f64], seed: u64) -> Result<String, String> {
    bench_tuned(dir, seconds, seed, &Tuning::default())
}

/// One instance's outcome at one budget.
struct Run {
    distance: i64,
    routes: usize,
    feasible: bool,
}

#[doc(hidden)]
pub fn bench_tuned(dir: &Path, seconds: &[f64], seed: u64, tuning: &Tuning) -> Result<String, String> {
    let bks = read_bks(&dir.join(BKS_FILE))?;
    let files = instance_files(dir)?;
    let mut out = header(seconds);
    let mut gaps = vec![Vec::new(); seconds.len()];
    let mut all_feasible = true;
    for path in &files {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("?").to_string();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let problem = parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let best_known = bks.iter().find(|(n, _)| n.eq_ignore_ascii_case(&name)).map(|&(_, b)| b);
        let _ = write!(out, "{name:<8} {:>8}", best_known.map_or("-".into(), |b| format!("{b:.1}")));
        for (budget, gap_list) in seconds.iter().zip(&mut gaps) {
            let time = Duration::try_from_secs_f64(*budget).map_err(|_| format!("bad budget {budget}"))?;
            let solution = solve_tuned(&problem, &SolveOptions::with_time(time, seed), tuning, |_| {});
            let checked = if solution.unassigned.is_empty() { check(&problem, &solution.routes).ok() } else { None };
            let run = Run {
                distance: solution.distance,
                routes: solution.routes.len(),
                feasible: checked == Some(solution.distance),
            };
            all_feasible &= run.feasible;
            let value = tenths_to_units(run.distance);
            let gap = best_known.map(|b| 100.0 * (value - b) / b);
            if let Some(g) = gap {
                gap_list.push(g);
            }
            let gap_text = gap.map_or("-".into(), |g| format!("{g:.2}"));
            let feasible = if run.feasible { "yes" } else { "NO" };
            let _ = write!(out, " | {value:>8.1} {gap_text:>6} {:>3} {feasible:>4}", run.routes);
        }
        out.push('\n');
    }
    out.push_str(&footer(seconds, &gaps, all_feasible));
    Ok(out)
}

fn header(seconds: &[f64]) -> String {
    let mut line = format!("{:<8} {:>8}", "instance", "BKS");
    for s in seconds {
        let _ = write!(line, " | {:>8} {:>6} {:>3} {:>4}", format!("{s} s"), "gap %", "rts", "ok");
    }
    let rule = "-".repeat(line.len());
    format!("{line}\n{rule}\n")
}

fn footer(seconds: &[f64], gaps: &[Vec<f64>], all_feasible: bool) -> String {
    let mut line = format!("{:<17}", "mean gap %");
    for (s, g) in seconds.iter().zip(gaps) {
        let mean = if g.is_empty() { f64::NAN } else { g.iter().sum::<f64>() / g.len() as f64 };
        let _ = write!(line, " | {:>8} {mean:>6.2} {:>3} {:>4}", format!("{s} s"), "", "");
    }
    let verdict = if all_feasible { "every solution feasible" } else { "SOME SOLUTIONS INFEASIBLE" };
    format!("{}\n{line}\n{verdict}\n{REFERENCES}\n", "-".repeat(line.len()))
}

fn instance_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt")))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: no .txt instances", dir.display()));
    }
    Ok(files)
}

/// `instance,routes,bks_cost...` rows; a missing file just means no gaps are shown.
fn read_bks(path: &Path) -> Result<Vec<(String, f64)>, String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(Vec::new());
    };
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        if fields.len() < 3 {
            continue;
        }
        let value =
            fields[2].parse().map_err(|_| format!("{}:{}: bad BKS value '{}'", path.display(), i + 1, fields[2]))?;
        rows.push((fields[0].to_string(), value));
    }
    Ok(rows)
}
