# The emulator and the client checked against the spec (issue 13), with openapi-backend:
# tests/spec/emulator.test.mjs sweeps every operation of spec/organizations.openapi.json (each
# filter, each failure) against a throwaway emulator and validates every answer against the
# operation's declared responses; tests/spec/client.test.mjs validates every request the built
# package sends, with every filter, against the operations' parameters and bodies.
#   make test-spec    both (a few seconds)

.PHONY: test-spec
TEST_TARGETS += test-spec

test-spec: build
	@bash scripts/with-emulator.sh --seed demo -- node --test --test-concurrency=1 tests/spec/
