//! Generates Tauri's context and an ACL permission `allow-<command>` for each app command,
//! so `capabilities/default.json` can grant exactly the commands the window may call.

include!("src/command_names.rs");

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMAND_NAMES);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)).expect("tauri-build failed");
}
