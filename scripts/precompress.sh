#!/usr/bin/env bash
# trunk post-build hook (Trunk.toml): writes `.br` (brotli -q 11) and `.gz` (gzip -9) beside each wasm, js and css
# file of the build, for static hosts that serve precompressed files. The size budget is still counted in gzip -9
# (scripts/size.sh). Without brotli on PATH only the `.gz` files are written.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:-dist}"
for f in "$dir"/*.wasm "$dir"/*.js "$dir"/*.css; do
  [ -e "$f" ] || continue
  gzip -9 -n -k -f "$f"
  if command -v brotli >/dev/null; then brotli -q 11 -k -f "$f"; fi
done
