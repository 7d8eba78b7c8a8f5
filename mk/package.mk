# The npm package in every runtime (issue 4): what `npm pack` of pkg/ gives, installed into fresh
# projects and used as users use it.
#   make pack             build, then `npm pack` pkg/ into target/package-test/
#   make package-tools    Node 22 and wrangler 4 under .tools/package (wrangler and Vitest's
#                         Workers plugin refuse Node 20); checks that Deno and Bun (package.json
#                         pins them, npm installs their binaries) run
#   make test-package     the package in Node (import, require; Node 20 and 22), Deno 2, Bun 1,
#                         workerd (examples/worker bundled by esbuild and by wrangler, run by
#                         Miniflare; its own Vitest tests in @cloudflare/vitest-plugin's pool) and
#                         headless Chromium (static page, esbuild, webpack 5, Vite build and dev
#                         server), against a throwaway emulator; and what console.log shows
#   make test-types       the declarations: tests/types/consumer.ts type-checks, tests/types/wrong/*
#                         are rejected

PACKAGE_NODE22 := 22.23.3
PACKAGE_WRANGLER := 4.164.0
PACKAGE_TOOLS := .tools/package

.PHONY: pack package-tools test-package test-types
TEST_TARGETS += test-types test-package

pack: build
	@node tests/package/prepare.mjs

package-tools:
	@if [ "$$($(PACKAGE_TOOLS)/node_modules/node/bin/node --version 2>/dev/null)" != "v$(PACKAGE_NODE22)" ] \
	  || ! grep -qs '"version": "$(PACKAGE_WRANGLER)"' $(PACKAGE_TOOLS)/node_modules/wrangler/package.json; then \
	  echo "[package] installing node@$(PACKAGE_NODE22) and wrangler@$(PACKAGE_WRANGLER) into $(PACKAGE_TOOLS)"; \
	  mkdir -p $(PACKAGE_TOOLS) && npm install --prefix $(PACKAGE_TOOLS) --no-audit --no-fund --loglevel=error \
	    node@$(PACKAGE_NODE22) wrangler@$(PACKAGE_WRANGLER); \
	fi
	@# A runtime whose binary did not install fails here, loudly, rather than skipping its tests.
	@deno=$$(node_modules/.bin/deno --version) && bun=$$(node_modules/.bin/bun --version) \
	  && echo "[package] $${deno%%$$'\n'*}, bun $$bun" \
	  || { echo "[package] deno or bun does not run: npm install (make setup) installs them from package.json" >&2; exit 1; }

test-package: pack package-tools
	@bash scripts/with-emulator.sh --seed demo -- node --test --test-concurrency=1 tests/package/

test-types: pack
	@node --test tests/types/
