# The binding's tests in real runtimes (src/tests/, see its mod.rs): `wasm-pack test --node`,
# then `wasm-pack test --headless --chrome`, against a throwaway emulator with the demo data.
#   make test-wasm         both runs under scripts/with-emulator.sh --seed demo
#   make test-wasm-here    both runs against the emulator named by EMULATOR_URL, EMULATOR_ADMIN
#                          and the EMULATOR_* credentials already in the environment
# The emulator's address is baked into the test build at compile time (option_env!), so cargo
# rebuilds the tests when it changes; with it set, build.rs turns the emulator tests on. A bare
# `wasm-pack test --node` / `--headless --chrome` (no emulator) runs the tests that need no
# server and reports the others ignored; here every test must run: a run that ran none, or
# ignored any, fails (the runner exits 0 with "0 passed" when it skips a whole suite).

WASM_TEST_TIMEOUT ?= 60

.PHONY: test-wasm test-wasm-here
TEST_TARGETS += test-wasm

test-wasm: setup-test
	@bash scripts/with-emulator.sh --seed demo -- $(MAKE) --no-print-directory test-wasm-here

# $(call wasm_run,LABEL,COMMAND): runs COMMAND, shows its output, fails unless it passed, ran
# at least one test and ignored none.
define wasm_run
	set -o pipefail; log=$$(mktemp); \
	echo "[test-wasm] $(1): $(2)"; \
	if ! WASM_BINDGEN_TEST_TIMEOUT=$(WASM_TEST_TIMEOUT) $(2) 2>&1 | tee "$$log"; then \
	  rm -f "$$log"; echo "[test-wasm] $(1): FAILED" >&2; exit 1; \
	fi; \
	passed=$$(grep -o 'test result: ok\. [0-9]* passed' "$$log" | tail -n 1 | grep -o '[0-9]*' | head -n 1); \
	ignored=$$(grep -o '[0-9]* ignored' "$$log" | tail -n 1 | grep -o '[0-9]*'); \
	rm -f "$$log"; \
	if [ -z "$$passed" ] || [ "$$passed" -eq 0 ]; then \
	  echo "[test-wasm] $(1): no test ran (a skipped suite exits 0 with 0 passed)" >&2; exit 1; \
	fi; \
	if [ "$${ignored:-0}" -ne 0 ]; then \
	  echo "[test-wasm] $(1): $$ignored tests ignored (was the emulator's address seen by the build?)" >&2; exit 1; \
	fi; \
	echo "[test-wasm] $(1): $$passed tests passed"
endef

test-wasm-here:
	@test -n "$$EMULATOR_URL" || { echo "test-wasm-here: EMULATOR_URL is not set; use make test-wasm" >&2; exit 1; }
	@$(call wasm_run,Node,wasm-pack test --node)
	@$(call wasm_run,Chrome,wasm-pack test --headless --chrome)
