#!/usr/bin/env bash
# Prints the transfer size of the built app (dist/): the wasm and js files, raw and gzip -9.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../dist"
total_raw=0; total_gz=0
printf '%-44s %12s %12s\n' file raw gzip
for f in *.wasm *.js; do
  raw=$(wc -c < "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-44s %12d %12d\n' "$f" "$raw" "$gz"
done
printf '%-44s %12d %12d\n' "wasm + js" "$total_raw" "$total_gz"
