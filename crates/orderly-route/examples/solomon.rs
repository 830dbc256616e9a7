//! Quick benchmark driver: `cargo run -p orderly-route --release --example solomon -- [SECONDS...] [--seed N] [--dir D]`.
//! Tuning knobs can be overridden with ROUTE_<FIELD>=value environment variables while
//! experimenting (e.g. ROUTE_START_TEMPERATURE=0.2).

use orderly_route::tuning::{bench_tuned, Tuning};
use std::path::PathBuf;

fn main() {
    let mut seconds = Vec::new();
    let mut seed = 1;
    let mut dir = PathBuf::from("/work/shared/data/solomon");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).expect("--seed N"),
            "--dir" => dir = args.next().map(PathBuf::from).expect("--dir D"),
            s => seconds.push(s.parse::<f64>().expect("budget in seconds")),
        }
    }
    if seconds.is_empty() {
        seconds = vec![1.0, 10.0];
    }
    let mut tuning = Tuning::default();
    let knob = |name: &str, value: &mut f64| {
        if let Some(v) = std::env::var(format!("ROUTE_{name}")).ok().and_then(|v| v.parse().ok()) {
            *value = v;
        }
    };
    knob("START_TEMPERATURE", &mut tuning.start_temperature);
    knob("FINAL_TEMPERATURE", &mut tuning.final_temperature);
    knob("BLINK", &mut tuning.blink);
    knob("MEAN_REMOVED", &mut tuning.mean_removed);
    knob("MAX_STRING", &mut tuning.max_string);
    knob("SPLIT_RATE", &mut tuning.split_rate);
    knob("SPLIT_DEPTH", &mut tuning.split_depth);
    match bench_tuned(&dir, &seconds, seed, &tuning) {
        Ok(table) => print!("{table}"),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
