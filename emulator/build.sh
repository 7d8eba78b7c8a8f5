#!/usr/bin/env bash
# Builds the emulator in release mode (quietly) and prints the path of its binary.
#
# The workspace's release profile is tuned for the WebAssembly package (opt-level "z", fat LTO,
# one codegen unit, panic = "abort"). The emulator is a native server that must be fast, build
# quickly and survive a panic in one request, so its build overrides those settings (through
# Cargo's environment configuration, which takes precedence over Cargo.toml).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_PROFILE_RELEASE_OPT_LEVEL=3
export CARGO_PROFILE_RELEASE_LTO=false
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
export CARGO_PROFILE_RELEASE_PANIC=unwind
cargo build --release --quiet -p cf-orgs-emulator >&2
target_dir=$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
  sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
echo "${target_dir:-$PWD/target}/release/cf-orgs-emulator"
