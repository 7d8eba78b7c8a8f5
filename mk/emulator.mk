# The Organizations API emulator (emulator/, documented in emulator/README.md).
#   make emulator         build it (release) and run it in the foreground until Ctrl-C;
#                         PORT=N (default 8787), SEED=demo|empty (default demo)
#   make test-emulator    its own test suite
#   make bench-emulator   requests/second on loopback, measured with wrk (or autocannon)
# Other suites run against a fresh instance with scripts/with-emulator.sh CMD ARGS...

.PHONY: emulator test-emulator bench-emulator
TEST_TARGETS += test-emulator

emulator:
	@bin=$$(bash emulator/build.sh) && exec "$$bin" --port "$(or $(PORT),8787)" --seed "$(or $(SEED),demo)"

test-emulator:
	cargo test -p cf-orgs-emulator

bench-emulator:
	@bash emulator/bench.sh
