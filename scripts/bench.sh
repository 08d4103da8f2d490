#!/usr/bin/env bash
# Builds once (release, as shipped) and prints one table of pbcalc's performance figures: transfer size against
# the floor of an empty Yew app, first render, keystroke → frame, the engine and the Monte Carlo natively and in
# headless Chromium. Figures only: nothing here passes or fails on a time. Installs what is missing (setup.sh).
# Each part also runs alone: cargo bench --bench engine|simulation, node tests/browser/bench-*.mjs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" --browser
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# gzip -9 of wasm + js of a Yew 0.23 counter app built with the same profile and wasm-opt -Oz.
FLOOR=65157
OUT="$(mktemp -d)"

step "build (release, wasm-opt -Oz) and the native command line"
trunk build --release --offline
cargo build --release --quiet

step "transfer size"
scripts/size.sh | tee "$OUT/size"
gz=$(awk '/^wasm \+ js/ { print $(NF - 1) }' "$OUT/size")

step "native benchmarks"
cargo bench --quiet --bench engine
cargo bench --quiet --bench simulation

step "first render"
node tests/browser/bench-first.mjs | tee "$OUT/first"
step "keystroke → frame"
node tests/browser/bench-edit.mjs | tee "$OUT/edit"
step "engine and Monte Carlo, natively and in the page"
PBCALC_BIN="$(cargo metadata --format-version 1 --no-deps | sed 's/.*"target_directory":"\([^"]*\)".*/\1/')/release/pbcalc" \
  node tests/browser/bench-engine.mjs | tee "$OUT/engine"
step "Monte Carlo through the page's controls (slices, one worker, all workers; frame timing)"
node tests/browser/bench-sim.mjs | tee "$OUT/sim"

v() { awk -v k="$1" '$1 == "BENCH" && $2 == k { print $3 }' "$OUT"/*; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "—"; else printf "%.2f ×", a / b }'; }
step "summary"
printf '%-52s %-28s %s\n' measure figure "goal (issue 12)"
printf '%-52s %-28s %s\n' "transfer, wasm + js gzip -9" "$gz B ($(ratio "$gz" $FLOOR) the $FLOOR B floor)" "≤ 300,000 B"
printf '%-52s %-28s %s\n' "first render, cold (median of 9)" "$(v first_render_cold_ms) ms" "≤ 300 ms"
printf '%-52s %-28s %s\n' "first render, warm reload (median of 9)" "$(v first_render_warm_ms) ms" "—"
printf '%-52s %-28s %s\n' "keystroke → frame, 50 × 30 × 8 (median, p95)" "$(v key_frame_50_median_ms), $(v key_frame_50_p95_ms) ms" "p95 ≤ 16 ms"
printf '%-52s %-28s %s\n' "keystroke → frame, 1000 × 30 × 8 (median, p95)" "$(v key_frame_1000_median_ms), $(v key_frame_1000_p95_ms) ms" "p95 ≤ 50 ms"
printf '%-52s %-28s %s\n' "evaluate 1000 × 30 × 8: native, page (page/native)" "$(v evaluate_native_ms), $(v evaluate_page_ms) ms ($(ratio "$(v evaluate_page_ms)" "$(v evaluate_native_ms)"))" "—"
printf '%-52s %-28s %s\n' "Monte Carlo 1000 × 50 × 30 × 12: native, page 1 thread" "$(v mc_native_ms), $(v mc_page_ms) ms ($(ratio "$(v mc_page_ms)" "$(v mc_native_ms)"))" "≤ 2 × native"
printf '%-52s %-28s %s\n' "Monte Carlo 1000 through the page's controls, slices" "$(v mc_page_ui_ms) ms" "—"
printf '%-52s %-28s %s\n' "Monte Carlo 10,000 × 50 × 30 × 12: native, page 1 thread" "$(v mc10k_native_ms), $(v mc10k_page_ms) ms ($(ratio "$(v mc10k_page_ms)" "$(v mc10k_native_ms)"))" "—"
printf '%-52s %-28s %s\n' "  in the page, slices (frame gap p95, max)" "$(v mc10k_slices_ms) ms ($(v mc10k_slices_frame_p95_ms), $(v mc10k_slices_frame_max_ms) ms)" "—"
printf '%-52s %-28s %s\n' "  in the page on one worker (frame gap p95, max)" "$(v mc10k_worker1_ms) ms ($(v mc10k_worker1_frame_p95_ms), $(v mc10k_worker1_frame_max_ms) ms)" "60 fps (16.7 ms)"
printf '%-52s %-28s %s\n' "  in the page on all $(v mc10k_workers_n) workers (frame gap p95, max)" "$(v mc10k_workers_ms) ms ($(v mc10k_workers_frame_p95_ms), $(v mc10k_workers_frame_max_ms) ms)" "< 1 s, 60 fps"
printf '%-52s %-28s %s\n' "  all workers / native, all workers / one worker" "$(ratio "$(v mc10k_workers_ms)" "$(v mc10k_native_ms)"), $(ratio "$(v mc10k_workers_ms)" "$(v mc10k_worker1_ms)")" "—"
rm -rf "$OUT"
