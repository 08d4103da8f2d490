#!/usr/bin/env bash
# Serves pbcalc on http://127.0.0.1:8080 (first visit shows the built-in sample organisation).
# Installs what is missing first (see setup.sh). Stop with Ctrl+C.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
echo "pbcalc: http://127.0.0.1:8080"
exec trunk serve --release --offline "$@"
