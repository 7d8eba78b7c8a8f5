# The main job: `make demo` builds the package, starts the emulator with the demo data, runs
# the tour (demo/tour.mjs) against it, then serves the dashboard and its proxy until Ctrl-C.
# With CLOUDFLARE_API_TOKEN set (CLOUDFLARE_BASE_URL optional), the tour and the proxy use the
# real API instead and no emulator is started.
#   make demo [DEMO_PORT=8080] [EMULATOR_PORT=8787]
#   make tour            the tour alone, against a running emulator (or the real API)
#   make test-demo       the tour, the proxy and the launcher, against a throwaway emulator

DEMO_PORT ?= 8080
EMULATOR_PORT ?= 8787

.PHONY: demo tour test-demo
demo: setup build
	@node demo/main.mjs --port $(DEMO_PORT) -- $(MAKE) --no-print-directory emulator PORT=$(EMULATOR_PORT) SEED=demo

tour: build
	@EMULATOR_URL=$${EMULATOR_URL:-http://127.0.0.1:$(EMULATOR_PORT)/client/v4} node demo/tour.mjs

test-demo: build
	@bash scripts/with-emulator.sh --seed demo -- node --test --test-concurrency=1 demo/

TEST_TARGETS += test-demo
