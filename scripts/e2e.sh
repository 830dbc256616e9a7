#!/usr/bin/env bash
# Runs the end-to-end test of the built app under a virtual display and a private session bus.
# Build first: npm --prefix ui run build && cargo build -p orderly-desktop --features custom-protocol
# Arguments go to node's test runner, e.g. --test-name-pattern='first run|lifecycle' for a few.
# The binary is $ORDERLY_APP, else $CARGO_TARGET_DIR (or target/)/debug/orderly-desktop.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

target="${CARGO_TARGET_DIR:-$ROOT/target}"
export ORDERLY_APP="${ORDERLY_APP:-$target/debug/orderly-desktop}"
[ -x "$ORDERLY_APP" ] || die "no app at $ORDERLY_APP: cargo build -p orderly-desktop --features custom-protocol"
command -v tauri-driver >/dev/null || die "tauri-driver missing: bash scripts/setup.sh"
command -v WebKitWebDriver >/dev/null || die "WebKitWebDriver missing: bash scripts/setup.sh (webkit2gtk-driver)"

say "e2e: $ORDERLY_APP"
# The outer timeout catches a hang anywhere (the test bounds each wait itself).
timeout --kill-after=10 600 \
  xvfb-run -a -s "-screen 0 1280x800x24" \
  dbus-run-session -- \
  node --test --test-concurrency=1 --test-reporter=spec "$@" tests/e2e/*.test.mjs
say "e2e: screenshot in docs/screenshots/e2e-orders-es.png"
