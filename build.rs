//! Tells the binding's wasm tests (src/tests/) how they are being run, so that a bare
//! `wasm-pack test --node` or `--headless --chrome` on a fresh clone runs what it can:
//! - `cfg(emulator)` when `EMULATOR_URL` is set (scripts/with-emulator.sh, `make test-wasm`):
//!   the tests that need the emulator run; without it they are reported as ignored, with the
//!   command that runs them;
//! - `cfg(browser_tests)` under `wasm-pack test --chrome/--firefox` (which sets
//!   `WASM_BINDGEN_TEST_ONLY_WEB`): the tests are configured to run in the browser, where
//!   otherwise the runner would skip them all and report success with nothing run.
//!
//! It only emits flags; the release build does not depend on them.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(emulator)");
    println!("cargo::rustc-check-cfg=cfg(browser_tests)");
    println!("cargo::rerun-if-changed=build.rs");
    for (variable, cfg) in [
        ("EMULATOR_URL", "emulator"),
        ("WASM_BINDGEN_TEST_ONLY_WEB", "browser_tests"),
    ] {
        println!("cargo::rerun-if-env-changed={variable}");
        if std::env::var_os(variable).is_some_and(|value| !value.is_empty()) {
            println!("cargo::rustc-cfg={cfg}");
        }
    }
}
