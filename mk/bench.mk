# Benchmarks (issues 7, 10, 11): what a user pays for this package (get, create, a 1000-item
# list, a 1000-entry audit log page), side by side with raw fetch and the official `cloudflare`
# SDK, in one run. Figures and how to read them: bench/RESULTS.md.
#   make bench        build, then every benchmark against a throwaway emulator and a static
#                     responder on loopback (a few minutes, bounded); the report is printed and
#                     left in bench/out/results.md. BENCH_ONLY=calls,decode,crossings,startup,size
#                     runs a subset; BENCH_ROUNDS, BENCH_NODE_RUNS, BENCH_WORKERD_RUNS tune counts.
#   make test-size    the size budget (part of make test): the gzipped .wasm + glue + snippets +
#                     entry one runtime loads must stay within bench/size-budget.mjs's BUDGET

.PHONY: bench test-size
TEST_TARGETS += test-size

bench: build
	@bash scripts/with-emulator.sh --seed empty -- node bench/run.mjs

test-size: build
	@node bench/size-budget.mjs
