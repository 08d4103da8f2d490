#!/usr/bin/env bash
# Installs what pbcalc's build and tests need, skipping whatever is already there.
#   scripts/setup.sh            build tools: wasm32 target, trunk, wasm-bindgen-cli (Cargo.lock's version),
#                               npm tools (wasm-opt from binaryen, playwright-core)
#   scripts/setup.sh --browser  the same, plus Debian's chromium and chromium-driver (and a CJK font)
# Nothing is downloaded from outside the package registries (the Rust crate registry, npm, Debian).
# Meant to be sourced by serve.sh and test.sh; it also puts the tools on PATH.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  say "installing Debian packages: $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

command -v cargo >/dev/null || { echo "cargo (rustup) is required: https://rustup.rs" >&2; exit 1; }

# 1. The WebAssembly target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. trunk (0.22 needs a newer rustc than this toolchain).
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  say "installing trunk $TRUNK_VERSION (a few minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# 3. wasm-bindgen-cli at exactly the version Cargo.lock pins (without --locked: see README).
WBG_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if ! grep -q "wasm_bindgen = \"$WBG_VERSION\"" Trunk.toml; then
  echo "Trunk.toml's [tools] wasm_bindgen must equal Cargo.lock's wasm-bindgen $WBG_VERSION" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WBG_VERSION\$"; then
  say "installing wasm-bindgen-cli $WBG_VERSION"
  cargo install wasm-bindgen-cli --version "$WBG_VERSION"
fi

# trunk builds with cargo --offline (Trunk.toml), so the crates must be in cargo's cache first.
cargo fetch --quiet

# 4. Node tools: wasm-opt (binaryen) and playwright-core, at the versions of package-lock.json.
if ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi
if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION" || [ ! -d node_modules/playwright-core ]; then
  say "installing npm tools (binaryen, playwright-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# 5. brotli, for the precompressed copies of the build (scripts/precompress.sh, a trunk post-build hook).
command -v brotli >/dev/null || apt_install brotli

# 6. The browser, for the tests only: Debian's Chromium and ChromeDriver, never a downloaded one.
if [ "${1:-}" = "--browser" ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
  # pdftotext reads the printed report's text in the print test.
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  if [ ${#missing[@]} -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
  # LibreOffice Calc without its GUI opens the exported ranking CSV in the CSV check (csv-libreoffice.test.mjs).
  command -v soffice >/dev/null 2>&1 || apt_install --no-install-recommends libreoffice-calc-nogui
fi

# trunk's update check needs the network; the tools above are all it uses.
export TRUNK_SKIP_VERSION_CHECK=true
