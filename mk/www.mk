# The dashboard (www/), served by the demo server with its same-origin proxy.
#   make www [WWW_PORT=8080]   serve it against an emulator already running (EMULATOR_URL, or
#                              127.0.0.1:$(EMULATOR_PORT)), or the real API with CLOUDFLARE_API_TOKEN
#   make test-www              end-to-end tests in headless Chromium against a throwaway emulator
#                              (tests/e2e/: the dashboard, and an organization's members, shares,
#                              audit trail and usage); the README's screenshots are taken into
#                              target/screenshots/ (dashboard.png, audit.png, usage.png)
#   make screenshots           the same, then copies them over the README's docs/*.png (a change
#                              to commit when one differs)

WWW_PORT ?= 8080
EMULATOR_PORT ?= 8787

.PHONY: www test-www screenshots
www: build
	@EMULATOR_URL=$${EMULATOR_URL:-http://127.0.0.1:$(EMULATOR_PORT)/client/v4} PORT=$(WWW_PORT) node demo/server.mjs

test-www: build
	@bash scripts/with-emulator.sh --seed demo -- node --test --test-concurrency=1 tests/e2e/

TEST_TARGETS += test-www

screenshots: test-www
	@for shot in dashboard audit usage; do cp target/screenshots/$$shot.png docs/$$shot.png; done
	@git diff --quiet -- docs/ && echo "[screenshots] docs/*.png unchanged" \
		|| echo "[screenshots] docs/*.png refreshed: review and commit them"
