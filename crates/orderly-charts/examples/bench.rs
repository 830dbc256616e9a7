//! Times chart rendering: `cargo run --release -p orderly-charts --example bench`.

fn main() {
    print!("{}", orderly_charts::bench_charts());
}
