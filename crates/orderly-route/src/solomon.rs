//! The Solomon VRPTW text format under the DIMACS convention (travel = Euclidean distance
//! truncated to one decimal, so everything is held in integer tenths), and the one-file
//! routing command behind `orderly dispatch route FILE.txt`.

use crate::problem::{Fleet, Order, Problem, SolveOptions};
use crate::search::solve;
use std::fmt;
use std::path::Path;
use std::time::Duration;

/// Times, distances and coordinates are scaled by this to stay integral.
pub const SCALE: i64 = 10;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line of the problem, 0 when it concerns the whole text.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.message)
        } else {
            write!(f, "line {}: {}", self.line, self.message)
        }
    }
}

impl std::error::Error for ParseError {}

fn error(line: usize, message: impl Into<String>) -> ParseError {
    ParseError { line, message: message.into() }
}

/// One customer row: number, x, y, demand, ready, due, service.
struct Row {
    line: usize,
    values: [f64; 7],
}

/// Parses a Solomon instance. Node `i` is customer number `i` (0 = depot); order `i - 1` is
/// customer `i`; the fleet is unlimited (the file's vehicle count is ignored: routes are free).
pub fn parse(text: &str) -> Result<Problem, ParseError> {
    let lines: Vec<(usize, &str)> =
        text.lines().enumerate().map(|(i, l)| (i + 1, l.trim())).filter(|(_, l)| !l.is_empty()).collect();
    let find = |word: &str| lines.iter().position(|(_, l)| l.eq_ignore_ascii_case(word));
    let vehicle = find("VEHICLE").ok_or_else(|| error(0, "no VEHICLE section"))?;
    let customer = find("CUSTOMER").ok_or_else(|| error(0, "no CUSTOMER section"))?;
    if customer < vehicle + 3 {
        return Err(error(lines[vehicle].0, "VEHICLE section needs a header line and a 'NUMBER CAPACITY' line"));
    }
    let (cap_line, cap_text) = lines[vehicle + 2];
    let fields = numbers(cap_line, cap_text, 2)?;
    let capacity = integral(cap_line, fields[1], "capacity")?;
    // Skip the column header right after CUSTOMER.
    let rows: Vec<Row> = lines
        .get(customer + 2..)
        .unwrap_or(&[])
        .iter()
        .map(|&(line, l)| numbers(line, l, 7).map(|v| Row { line, values: v.try_into().expect("7 numbers") }))
        .collect::<Result<_, _>>()?;
    if rows.len() < 2 {
        return Err(error(lines[customer].0, "need a depot row and at least one customer row"));
    }
    build(&rows, capacity)
}

fn build(rows: &[Row], capacity: i64) -> Result<Problem, ParseError> {
    let mut xy = Vec::new();
    let mut orders = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let [number, x, y, demand, ready, due, service] = row.values;
        if number != index as f64 {
            return Err(error(row.line, format!("customer number {number}, expected {index} (rows must be in order)")));
        }
        let demand = integral(row.line, demand, "demand")?;
        let [ready, due, service] = [ready, due, service].map(|v| (v * SCALE as f64).round() as i64);
        if ready > due {
            return Err(error(row.line, format!("ready time after due date for customer {index}")));
        }
        if demand < 0 || service < 0 {
            return Err(error(row.line, format!("negative demand or service time for customer {index}")));
        }
        if index > 0 {
            orders.push(Order::new(index, ready, due, service, demand));
        }
        xy.push((x, y));
    }
    let travel = xy.iter().map(|&a| xy.iter().map(|&b| tenths(a, b)).collect()).collect();
    let depot = &rows[0].values;
    let open = (depot[4] * SCALE as f64).round() as i64;
    let close = (depot[5] * SCALE as f64).round() as i64;
    Ok(Problem { travel, orders, fleet: Fleet::Unlimited { start: 0, end: 0, open, close, capacity } })
}

/// Euclidean distance in tenths, truncated; exact for integer coordinates via integer sqrt.
fn tenths(a: (f64, f64), b: (f64, f64)) -> i64 {
    let (dx, dy) = (a.0 - b.0, a.1 - b.1);
    if dx.fract() == 0.0 && dy.fract() == 0.0 {
        let square = (dx * dx + dy * dy) as i64 * SCALE * SCALE;
        isqrt(square)
    } else {
        ((dx * dx + dy * dy).sqrt() * SCALE as f64).floor() as i64
    }
}

fn isqrt(v: i64) -> i64 {
    let mut r = (v as f64).sqrt() as i64;
    // The float guess can be off by one either way; settle it exactly.
    while r * r > v {
        r -= 1;
    }
    while (r + 1) * (r + 1) <= v {
        r += 1;
    }
    r
}

fn numbers(line: usize, text: &str, count: usize) -> Result<Vec<f64>, ParseError> {
    let values: Vec<f64> = text
        .split_whitespace()
        .map(|w| w.parse::<f64>().map_err(|_| error(line, format!("'{w}' is not a number"))))
        .collect::<Result<_, _>>()?;
    if values.len() != count {
        return Err(error(line, format!("expected {count} numbers, found {}", values.len())));
    }
    if values.iter().any(|v| !v.is_finite()) {
        return Err(error(line, "numbers must be finite"));
    }
    Ok(values)
}

fn integral(line: usize, value: f64, what: &str) -> Result<i64, ParseError> {
    if value.fract() != 0.0 {
        return Err(error(line, format!("{what} must be a whole number, found {value}")));
    }
    Ok(value as i64)
}

/// Solves one Solomon file: `{"distance": 1637.7, "routes": [[0, 92, 42, 15, 0], ...], "seconds": 1.0}`.
pub fn route_file(path: &Path, seconds: f64, seed: u64) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let problem = parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let budget = Duration::try_from_secs_f64(seconds).map_err(|_| format!("bad --seconds {seconds}"))?;
    let solution = solve(&problem, &SolveOptions::with_time(budget, seed), |_| {});
    if !solution.unassigned.is_empty() {
        return Err(format!("{}: customers {:?} cannot be served", path.display(), solution.unassigned));
    }
    let routes: Vec<Vec<usize>> = solution.routes.iter().map(|r| r.nodes.clone()).collect();
    Ok(serde_json::json!({
        "distance": tenths_to_units(solution.distance),
        "routes": routes,
        "seconds": seconds,
    }))
}

/// Tenths as a one-decimal number (the float nearest the decimal, so JSON prints it exactly).
pub fn tenths_to_units(tenths: i64) -> f64 {
    // IEEE division is correctly rounded, so this is the double nearest the decimal.
    tenths as f64 / SCALE as f64
}
