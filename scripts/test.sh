#!/usr/bin/env bash
# Runs every pbcalc test: native engine/model tests (cargo test), a release build with wasm-opt, its
# transfer size, and the browser tests in headless Debian Chromium against that build.
# Installs what is missing first (see setup.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" --browser

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "native tests (model, engine, store, properties)"
cargo test --release --quiet

step "release build (trunk, wasm-opt -Oz)"
trunk build --release --offline

step "transfer size"
scripts/size.sh

step "browser tests (headless /usr/bin/chromium)"
node --test --test-concurrency=1 tests/browser/
