# Resilience and security (issue 5): the built package against the emulator's faults, in Node
# and in workerd; evidence in tests/resilience/RELIABILITY.md.
#   make test-resilience   fault matrix, cancellation, malformed responses, security, memory
#                          and load (tests/resilience/*.test.mjs), against a throwaway emulator
#                          that accepts the suites' distinctive credentials
#   make fuzz-core         the core's property tests (core/tests/never_panics.rs) with
#                          1,000,000 cases per property (7,000,000 inputs; about a minute)

# Distinctive credentials: every leak check looks for these values.
RESILIENCE_ENV := EMULATOR_TOKEN=sekret-TOKEN-123 EMULATOR_KEY=sekret-KEY-456 \
	EMULATOR_SERVICE_KEY=sekret-SVC-789 EMULATOR_EMAIL=resilience@example.com
FUZZ_CASES ?= 1000000

.PHONY: test-resilience fuzz-core
TEST_TARGETS += test-resilience

test-resilience: build
	@$(RESILIENCE_ENV) bash scripts/with-emulator.sh --seed demo -- \
		node --test --test-concurrency=1 tests/resilience/

fuzz-core:
	CORE_FUZZ_CASES=$(FUZZ_CASES) cargo test --release -p cloudflare-organizations-core --test never_panics
