#!/usr/bin/env bash
# The whole test suite, as CI runs it: setup, formatting, lints, the core's tests on SQLite and
# PostgreSQL, the bindings check, the UI's checks and build, the app build and the end-to-end
# test of the real app. Stops at the first failing step and says which one.
#   bash scripts/test.sh
# With CI=true a missing PostgreSQL is a failure; otherwise its tests are skipped, loudly.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
started=$SECONDS
n=0
summary=()

# Runs one step in a subshell with errexit on; on failure stops everything with its name.
step() {
  local name="$1" t0=$SECONDS rc
  shift
  n=$((n + 1))
  say "[$n] $name"
  set +e
  (set -e; "$@")
  rc=$?
  set -e
  if [ "$rc" -ne 0 ]; then
    die "FAILED at step $n: $name (exit $rc). Fix it and run scripts/test.sh again."
  fi
  summary+=("$name $((SECONDS - t0))s")
  say "[$n] $name: ok ($((SECONDS - t0))s)"
}

# Starts a local cluster that is installed but stopped, and lets the postgres user connect
# over TCP from this machine without a password (what ORDERLY_TEST_PG assumes).
ensure_postgres() {
  local url="${ORDERLY_TEST_PG:-postgres://postgres@127.0.0.1:5432}"
  if ! pg_answers && command -v pg_lsclusters >/dev/null 2>&1; then
    if [ -z "$(pg_lsclusters --no-header 2>/dev/null)" ] && [ -d /usr/lib/postgresql ]; then
      local ver
      ver="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
      say "creating PostgreSQL cluster $ver/main"
      as_root pg_createcluster "$ver" main >/dev/null || warn "pg_createcluster $ver main failed"
    fi
    local ver name port status
    while read -r ver name port status _; do
      [ "$port" = 5432 ] && [ "$status" != online ] || continue
      say "starting PostgreSQL cluster $ver/$name"
      as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start || warn "could not start $ver/$name"
    done < <(pg_lsclusters --no-header 2>/dev/null)
    for _ in $(seq 20); do pg_answers && break; sleep 0.5; done
  fi
  if pg_answers && ! psql "$url/postgres" -qtAc 'select 1' >/dev/null 2>&1; then
    trust_local_postgres || true
  fi
  if pg_answers && psql "$url/postgres" -qtAc 'select 1' >/dev/null 2>&1; then
    export ORDERLY_TEST_PG="$url"
    say "PostgreSQL answers: ORDERLY_TEST_PG=$url"
    pg_state="tested"
    # Each test makes its own database; drop the ones earlier runs left behind.
    psql "$url/postgres" -qtAc "select datname from pg_database where datname like 'orderly_test_%'" |
      while read -r db; do psql "$url/postgres" -qc "drop database if exists \"$db\"" >/dev/null || true; done
  elif [ "${CI:-}" = "true" ]; then
    die "no usable PostgreSQL at $url, and CI=true requires one (scripts/setup.sh installs Debian's postgresql)"
  else
    unset ORDERLY_TEST_PG
    warn "###########################################################################"
    warn "#  NO POSTGRESQL at $url: the PostgreSQL half of the core's tests is SKIPPED."
    warn "#  Run scripts/setup.sh as root (it installs postgresql) or set ORDERLY_TEST_PG."
    warn "###########################################################################"
    pg_state="SKIPPED"
  fi
}

# Adds `host all postgres 127.0.0.1/32 trust` (and ::1) to the local cluster's pg_hba.conf.
trust_local_postgres() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  local ver name port status hba
  while read -r ver name port status _; do
    [ "$port" = 5432 ] || continue
    hba="/etc/postgresql/$ver/$name/pg_hba.conf"
    [ -f "$hba" ] || return 1
    say "letting the postgres user connect from 127.0.0.1 without a password ($hba, test machines only)"
    as_root sed -i '1i host all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust' "$hba"
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" reload
    sleep 1
  done < <(pg_lsclusters --no-header 2>/dev/null)
}

cargo_features=(--features orderly-desktop/custom-protocol)

step "setup (scripts/setup.sh)" bash scripts/setup.sh
pg_state="?"
ensure_postgres
step "cargo fmt --check" cargo fmt --all --check
step "ui: typecheck" npm --prefix ui run --silent typecheck
step "ui: lint" npm --prefix ui run --silent lint
step "ui: unit tests" npm --prefix ui run --silent test
# Built before the Rust crates: the app embeds ui/dist (feature custom-protocol).
step "ui: build" npm --prefix ui run --silent build
step "cargo clippy -D warnings" cargo clippy --workspace --all-targets "${cargo_features[@]}" -- -D warnings
step "cargo test (core on SQLite + PostgreSQL, shell)" cargo test --workspace "${cargo_features[@]}"
step "bindings are fresh (ui/src/bindings.ts)" cargo test -p orderly-desktop --features custom-protocol --lib bindings_are_fresh
step "build the app (debug, ui embedded)" cargo build -p orderly-desktop --features custom-protocol
step "end-to-end test (scripts/e2e.sh)" bash scripts/e2e.sh

elapsed=$((SECONDS - started))
say "steps: ${summary[*]/%/;}"
printf '\033[1;32mtest.sh: PASSED — %d steps in %dm%02ds (PostgreSQL %s)\033[0m\n' "$n" $((elapsed / 60)) $((elapsed % 60)) "$pg_state"
# The plain closing line that CI reads: every step above passed (a failed step exits earlier).
echo "steps: $n passed, 0 failed"
