# The dashboard (www/), served by the demo server with its same-origin proxy.
#   make www [WWW_PORT=8080]   serve it against an emulator already running (EMULATOR_URL, or
#                              127.0.0.1:$(EMULATOR_PORT)), or the real API with CLOUDFLARE_API_TOKEN
#   make test-www              end-to-end tests in headless Chromium against a throwaway emulator;
#                              the README's screenshot is taken into target/screenshots/
#   make screenshots           the same, then copies target/screenshots/dashboard.png over the
#                              README's docs/dashboard.png (a change to commit when it differs)

WWW_PORT ?= 8080
EMULATOR_PORT ?= 8787

.PHONY: www test-www screenshots
www: build
	@EMULATOR_URL=$${EMULATOR_URL:-http://127.0.0.1:$(EMULATOR_PORT)/client/v4} PORT=$(WWW_PORT) node demo/server.mjs

test-www: build
	@bash scripts/with-emulator.sh --seed demo -- node --test --test-concurrency=1 tests/e2e/

TEST_TARGETS += test-www

screenshots: test-www
	@cp target/screenshots/dashboard.png docs/dashboard.png
	@git diff --quiet -- docs/dashboard.png && echo "[screenshots] docs/dashboard.png unchanged" \
		|| echo "[screenshots] docs/dashboard.png refreshed: review and commit it"
