# The project's commands. `make demo` runs the main job, `make test` every test;
# both install what they need first (scripts/setup.sh skips what is already there).
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

# Each mk/*.mk fragment adds its own targets and appends its test targets to TEST_TARGETS.
TEST_TARGETS :=

.PHONY: setup setup-test build test demo
setup:
	@bash scripts/setup.sh

setup-test:
	@bash scripts/setup.sh --test

include $(sort $(wildcard mk/*.mk))

test: setup-test
	@set -e; for t in $(TEST_TARGETS); do echo "=== make $$t"; $(MAKE) --no-print-directory $$t; done
	@echo "=== all test suites passed"
