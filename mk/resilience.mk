# Resilience and security (issue 5): the built package against the emulator's faults, in Node
# and in workerd; the evidence is written up in the README's "Reliability" section.
#   make test-resilience   the fault matrix, cancellation, malformed responses, security, and
#                          shortened memory (15,000 calls) and load (2,000 requests per runtime)
#                          runs (tests/resilience/*.test.mjs), against a throwaway emulator that
#                          accepts the suites' distinctive credentials; about 90 s
#   make soak              the full-size runs: memory over 100,000 calls on one client, load of
#                          10,000 requests at concurrency 256 in Node and in workerd; a few minutes
#   make fuzz-core         the core's property tests (core/tests/never_panics.rs) with
#                          1,000,000 cases per property (7,000,000 inputs; about a minute)

# Distinctive credentials: every leak check looks for these values.
RESILIENCE_ENV := EMULATOR_TOKEN=sekret-TOKEN-123 EMULATOR_KEY=sekret-KEY-456 \
	EMULATOR_SERVICE_KEY=sekret-SVC-789 EMULATOR_EMAIL=resilience@example.com
FUZZ_CASES ?= 1000000

.PHONY: test-resilience soak fuzz-core
TEST_TARGETS += test-resilience

test-resilience: build
	@$(RESILIENCE_ENV) MEMORY_CALLS=$${MEMORY_CALLS:-15000} LOAD_REQUESTS=$${LOAD_REQUESTS:-2000} \
		bash scripts/with-emulator.sh --seed demo -- node --test --test-concurrency=1 tests/resilience/

soak: build
	@$(RESILIENCE_ENV) MEMORY_CALLS=$${MEMORY_CALLS:-100000} LOAD_REQUESTS=$${LOAD_REQUESTS:-10000} \
		bash scripts/with-emulator.sh --seed demo -- node --test --test-concurrency=1 --test-reporter=spec \
		tests/resilience/memory.test.mjs tests/resilience/load.test.mjs

fuzz-core:
	CORE_FUZZ_CASES=$(FUZZ_CASES) cargo test --release -p cloudflare-organizations-core --test never_panics
