#!/usr/bin/env bash
# Prints the transfer size of the built app (dist/): the wasm and js files, raw, gzip -9 (the budget's measure)
# and brotli -q 11 (what hosts serving the precompressed `.br` copies send; "—" without brotli).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../dist"
total_raw=0; total_gz=0; total_br=0
printf '%-44s %12s %12s %12s\n' file raw gzip brotli
for f in *.wasm *.js; do
  raw=$(wc -c < "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  if command -v brotli >/dev/null; then br=$(brotli -q 11 -c "$f" | wc -c); else br=0; fi
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  printf '%-44s %12d %12d %12s\n' "$f" "$raw" "$gz" "$([ "$br" -gt 0 ] && echo "$br" || echo —)"
done
printf '%-44s %12d %12d %12s\n' "wasm + js" "$total_raw" "$total_gz" "$([ "$total_br" -gt 0 ] && echo "$total_br" || echo —)"
