//! The binding's tests in real runtimes: `wasm-pack test --node` and
//! `wasm-pack test --headless --chrome`, each runnable on its own after `make build`.
//!
//! The crate is a cdylib only, so these are unit tests inside it rather than `tests/*.rs`.
//! Two kinds:
//! - tests that need no server give their client a `fetch` double (`support::scripted_fetch`)
//!   and always run;
//! - tests against the emulator (`#[cfg_attr(not(emulator), ignore = ...)]`) run when the
//!   build saw `EMULATOR_URL` (build.rs): `make test-wasm` starts a throwaway emulator with the
//!   demo data and runs both runtimes with them; a bare `wasm-pack test` reports them ignored,
//!   with that command. The emulator's address and credentials are baked in at compile time
//!   (see [`support::emulator`]).
//!
//! Under `--chrome` (build.rs's `browser_tests`) the suite is configured to run in the browser.
//! Tests in one run execute one at a time; each creates its own organizations under unique
//! names and reads the seed (looked up by name) only where it never changes, so they do not
//! depend on each other. Attempts are counted from the emulator's request log
//! (`/__emulator/requests`), or, where a delayed request is only logged once its delay ends,
//! by a counting `fetch`.

#[cfg(browser_tests)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

mod auth;
mod cancel;
mod faults;
mod hooks;
mod inputs;
mod methods;
mod responses;
mod rest;
