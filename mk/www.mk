# The dashboard (www/), served by the demo server with its same-origin proxy.
#   make www [WWW_PORT=8080]   serve it against an emulator already running (EMULATOR_URL, or
#                              127.0.0.1:$(EMULATOR_PORT)), or the real API with CLOUDFLARE_API_TOKEN
#   make test-www              end-to-end tests in headless Chromium against a throwaway emulator
#                              (tests/e2e/: the dashboard, and an organization's members, shares,
#                              audit trail and usage); they also refresh docs/dashboard.png, and
#                              write target/screenshots/audit.png and usage.png (the README's
#                              docs/audit.png and docs/usage.png are copies of those)

WWW_PORT ?= 8080
EMULATOR_PORT ?= 8787

.PHONY: www test-www
www: build
	@EMULATOR_URL=$${EMULATOR_URL:-http://127.0.0.1:$(EMULATOR_PORT)/client/v4} PORT=$(WWW_PORT) node demo/server.mjs

test-www: build
	@bash scripts/with-emulator.sh --seed demo -- node --test --test-concurrency=1 tests/e2e/

TEST_TARGETS += test-www
