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

# Runs every suite even when one fails, then prints one summary line CI can read. Every suite
# that needs the emulator must find one (REQUIRE_EMULATOR: none skips itself green), and the
# suites must leave the tree as they found it: `git status --porcelain` empty at the end.
test: setup-test
	@passed=0; failed=0; failures=""; \
	for t in $(TEST_TARGETS); do \
		echo "=== make $$t"; \
		if REQUIRE_EMULATOR=1 $(MAKE) --no-print-directory $$t; then passed=$$((passed+1)); \
		else failed=$$((failed+1)); failures="$$failures $$t"; fi; \
	done; \
	echo "=== the tree is clean"; \
	changed=$$(git status --porcelain); \
	if [ -n "$$changed" ]; then echo "$$changed"; echo "the suites changed or left files in the tree"; \
		failed=$$((failed+1)); failures="$$failures clean-tree"; else passed=$$((passed+1)); fi; \
	if [ $$failed -gt 0 ]; then echo "=== failed:$$failures"; fi; \
	echo "suites: $$passed passed, $$failed failed"; \
	[ $$failed -eq 0 ]
