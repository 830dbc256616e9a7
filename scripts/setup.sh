#!/usr/bin/env bash
# Installs what a fresh Debian 12 / Ubuntu machine lacks to build, run and test Orderly, and
# says what it installs. Safe to run again: it only installs what is missing.
#   bash scripts/setup.sh [--no-postgres]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

want_postgres=1
[ "${1:-}" = "--no-postgres" ] && want_postgres=0

# --- toolchains we cannot install from the package registries -------------------------------
command -v cargo >/dev/null 2>&1 || die "Rust is missing: install Rust 1.95 with rustup (https://rustup.rs) and re-run"
rust_minor="$(rustc --version | sed -E 's/^rustc 1\.([0-9]+).*/\1/')"
[ "$rust_minor" -ge 95 ] || die "Rust $(rustc --version) is too old: Orderly needs 1.95 or newer (rustup update)"
command -v node >/dev/null 2>&1 || die "Node.js is missing: install Node 20 (e.g. from nodesource or nvm) and re-run"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "Node $(node --version) is too old: Orderly needs Node 20 or newer"

# --- Debian packages ------------------------------------------------------------------------
build_pkgs=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config)
test_pkgs=(xvfb xauth webkit2gtk-driver dbus dbus-x11 dunst libnotify-bin x11-utils xdotool)
# CJK glyphs for Chinese orders and the zh-CN interface.
font_pkgs=(fonts-noto-cjk fonts-dejavu-core)
wanted=("${build_pkgs[@]}" "${test_pkgs[@]}" "${font_pkgs[@]}")
if [ "$want_postgres" -eq 1 ] && ! pg_answers; then
  # No server answers: the core's tests need one (scripts/test.sh starts it).
  wanted+=(postgresql)
fi

missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install these yourself: ${missing[*]}"
  say "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  say "Debian packages: all ${#wanted[@]} present"
fi

# --- tauri-driver (WebDriver bridge for the end-to-end test) -----------------------------------
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tauri-driver >/dev/null 2>&1; then
  say "installing tauri-driver (cargo install tauri-driver --locked, about a minute)"
  cargo install tauri-driver --locked
else
  say "tauri-driver: present ($(command -v tauri-driver))"
fi

# --- aiosmtpd (the real SMTP server the report tests start, tests/smtp/sink.py) ----------------
if ! python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  say "installing the Python package aiosmtpd (python3 -m pip install --quiet aiosmtpd)"
  if ! python3 -m pip install --quiet aiosmtpd; then
    # Debian's own Python refuses pip outside a virtualenv (PEP 668); its package is the same.
    say "pip refused; installing the Debian package python3-aiosmtpd instead"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-aiosmtpd
  fi
else
  say "aiosmtpd: present"
fi

# --- npm packages -----------------------------------------------------------------------------
# npm ci again only when the lock file changed since the last install.
npm_ci() {
  local dir="$1"
  [ -f "$dir/package-lock.json" ] || { [ -f "$dir/package.json" ] && die "$dir has package.json but no package-lock.json"; return 0; }
  if [ -f "$dir/node_modules/.package-lock.json" ] && [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
    say "npm packages in ${dir#"$ROOT"/}: up to date"
  else
    say "installing npm packages in ${dir#"$ROOT"/} (npm ci)"
    # npm here records no entries for other platforms' optional binaries (esbuild, rollup,
    # tauri-cli), which makes a strict `npm ci` refuse the lock file; `npm install` then keeps
    # every locked version and only resolves those entries.
    if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error); then
      warn "npm ci refused the lock file; installing the locked versions with npm install"
      (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
    fi
  fi
}
npm_ci "$ROOT/ui"
[ -f "$ROOT/tests/e2e/package.json" ] && npm_ci "$ROOT/tests/e2e"

say "setup done"
