//! The binding's tests in real runtimes: `wasm-pack test --node` and, with
//! `WASM_BINDGEN_USE_BROWSER=1`, `wasm-pack test --headless --chrome` (`make test-wasm`).
//!
//! The crate is a cdylib only, so these are unit tests inside it rather than `tests/*.rs`.
//! They run against the emulator that `scripts/with-emulator.sh --seed demo` starts; its
//! address and credentials are baked in at compile time (see [`support::emulator`]). Tests
//! in one run execute one at a time; each creates its own organizations under unique names
//! and reads the seed only where it never changes, so they do not depend on each other.
//! Attempts are counted from the emulator's request log (`/__emulator/requests`), or, where a
//! delayed request is only logged once its delay ends, by a counting `fetch`.

mod support;

mod auth;
mod cancel;
mod faults;
mod hooks;
mod inputs;
mod methods;
mod responses;
mod rest;
