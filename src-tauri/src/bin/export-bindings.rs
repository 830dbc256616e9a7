//! Regenerates `ui/src/bindings.ts` from the command signatures:
//! `cargo run -p orderly-desktop --bin export-bindings`.

fn main() {
    let path = orderly_desktop::bindings_path();
    if let Err(e) = orderly_desktop::write_bindings(&path) {
        eprintln!("export-bindings: {e}");
        std::process::exit(1);
    }
    println!("wrote {}", path.display());
}
