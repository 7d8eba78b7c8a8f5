# The emulator checked against the spec (issue 13): tests/spec/ sweeps every operation of
# spec/organizations.openapi.json (each filter, each failure) against a throwaway emulator and
# validates every answer against the operation's declared responses with openapi-backend.
#   make test-spec    the sweep (a few seconds)

.PHONY: test-spec
TEST_TARGETS += test-spec

test-spec: setup-test
	@bash scripts/with-emulator.sh --seed demo -- node --test --test-concurrency=1 tests/spec/
