//! Commands that need no store: the dispatch and routing engines on benchmark files, the SLA
//! what-if calculator, and the benchmarks of those engines. Each prints one JSON document.

use crate::args::{BenchCommand, Command, DispatchCommand, SlaCommand};
use crate::output::Out;
use orderly::{Error, Result};
use std::path::Path;

/// Runs `command` when it needs no store; gives it back otherwise.
// The command is handed back once per process, so its size costs nothing worth boxing for.
#[allow(clippy::result_large_err)]
pub fn try_run(command: Command, out: &Out) -> std::result::Result<Result<()>, Command> {
    match command {
        Command::Dispatch(DispatchCommand::Route { file, seconds, seed }) => {
            Ok(engine(orderly_route::route_file(&file, seconds, seed), &file).map(|v| out.document(&v)))
        }
        Command::Dispatch(DispatchCommand::Solve { file, seconds, seed }) => {
            Ok(engine(orderly_dispatch::solve_file(&file, seconds, seed), &file).map(|v| out.document(&v)))
        }
        Command::Sla(SlaCommand::Compute { file }) => Ok(sla_compute(&file, out)),
        Command::Bench(BenchCommand::Route { dir, seconds, seed }) => {
            Ok(engine(orderly_route::bench_route(&dir, &seconds, seed), &dir).map(|t| println!("{t}")))
        }
        Command::Bench(BenchCommand::Dispatch { dir, seed }) => Ok(bench_dispatch(&dir, seed)),
        other => Err(other),
    }
}

/// An engine's refusal of its input file: invalid input (exit code 2), its message as given.
fn engine<T>(result: std::result::Result<T, String>, file: &Path) -> Result<T> {
    result.map_err(|detail| {
        Error::invalid("cli.engine_input_invalid").with("value", file.display()).with("detail", detail)
    })
}

fn sla_compute(file: &Path, out: &Out) -> Result<()> {
    let text = std::fs::read_to_string(file)
        .map_err(|_| Error::invalid("import.file_missing").with("value", file.display()))?;
    let result = orderly_sla::compute_case(&text).map_err(orderly::service::sla_error)?;
    out.document(&result);
    Ok(())
}

fn bench_dispatch(dir: &Path, seed: u64) -> Result<()> {
    println!("{}", engine(orderly_dispatch::bench_dispatch(dir, seed), dir)?);
    println!("{}", orderly_dispatch::bench_rank(seed));
    Ok(())
}
