#!/usr/bin/env bash
# Builds and runs the Orderly desktop app on the default SQLite store
# ($XDG_DATA_HOME/com.orderly.desktop/orderly.db; ORDERLY_DB=... picks another store).
#   bash scripts/run.sh          build the UI, then build and start the debug app
#   bash scripts/run.sh --dev    `tauri dev`: Vite dev server with hot reload + the app
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh --no-postgres
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  warn "no DISPLAY: the app needs a desktop session (or run it under: xvfb-run -a bash scripts/run.sh)"
fi

if [ "${1:-}" = "--dev" ]; then
  # The Tauri CLI finds the app and the UI through these; its beforeDevCommand runs in ui/.
  export TAURI_APP_PATH="$ROOT/src-tauri" TAURI_FRONTEND_PATH="$ROOT/ui"
  exec "$ROOT/ui/node_modules/.bin/tauri" dev
fi

say "building the UI"
npm --prefix ui run --silent build
say "building and starting the app (debug, UI embedded; first build takes a few minutes)"
exec cargo run -p orderly-desktop --features custom-protocol
