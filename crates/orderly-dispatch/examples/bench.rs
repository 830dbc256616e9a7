//! Quick iteration on the dispatch engine: `cargo run -p orderly-dispatch --release --example
//! bench [-- SAMPLES_DIR [SEED]]`, or `-- --one FILE [SECONDS [SEED]]` to time one whole solve
//! the way the CLI runs it.

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--one") {
        let file = args.get(1).expect("--one FILE");
        let seconds = args.get(2).map_or(0.25, |s| s.parse().expect("seconds"));
        let seed = args.get(3).map_or(1, |s| s.parse().expect("seed"));
        match orderly_dispatch::solve_file(Path::new(file), seconds, seed) {
            Ok(doc) => println!("{doc}"),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        }
        return;
    }
    let dir = args.first().map_or("/work/shared/dispatch/samples", String::as_str);
    let seed = args.get(1).map_or(1, |s| s.parse().expect("seed"));
    match orderly_dispatch::bench_dispatch(Path::new(dir), seed) {
        Ok(table) => print!("{table}"),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
    print!("{}", orderly_dispatch::bench_rank(seed));
}
