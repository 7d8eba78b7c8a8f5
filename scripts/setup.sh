#!/usr/bin/env bash
# Installs what the build, the demo and the tests need, skipping what is already there.
#   scripts/setup.sh          toolchain + npm packages (enough for `make build` and `make demo`)
#   scripts/setup.sh --test   the same, plus Chromium and ChromeDriver for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

if ! command -v cargo >/dev/null; then
  echo "cargo is missing: install Rust with rustup first (https://rustup.rs)" >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

WASM_PACK_VERSION=0.15.1
if ! wasm-pack --version 2>/dev/null | grep -q " $WASM_PACK_VERSION"; then
  say "installing wasm-pack $WASM_PACK_VERSION (a few minutes, once)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION"
fi

# wasm-pack only uses the wasm-bindgen on PATH when it matches Cargo.lock exactly.
BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $BINDGEN_VERSION\$"; then
  say "installing wasm-bindgen-cli $BINDGEN_VERSION (a few minutes, once)"
  # No --locked: its own lockfile names a webpki-roots version the registry lacks.
  cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION"
fi

if [ "${1:-}" = "--test" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Chromium and ChromeDriver from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi

# npm packages: binaryen's wasm-opt (Debian's binaryen 108 breaks modules), Miniflare,
# Prism, Playwright's driver, TypeScript, esbuild, the official SDK for the benchmark.
# `npm install` rather than `npm ci`: it installs the locked versions too, without removing
# node_modules first. The lock file must list every optional package (Vite's Windows-only
# `napi-windows-process-start-time` among them): where one is missing, `npm install` adds it, and
# `make test` then fails on the changed tree.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm install --no-audit --no-fund --loglevel=error
fi
say "ready"
