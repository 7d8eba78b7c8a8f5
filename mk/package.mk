# The npm package in every runtime (issue 4): what `npm pack` of pkg/ gives, installed into fresh
# projects and used as users use it.
#   make pack             build, then `npm pack` pkg/ into target/package-test/
#   make package-tools    Node 22 and wrangler 4 under .tools/package (wrangler refuses Node 20)
#   make test-package     the package in Node (import, require; Node 20 and 22), workerd
#                         (examples/worker bundled by esbuild and by wrangler, run by Miniflare)
#                         and headless Chromium (static page, esbuild, Vite build and dev server),
#                         against a throwaway emulator
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

test-package: pack package-tools
	@bash scripts/with-emulator.sh --seed demo -- node --test --test-concurrency=1 tests/package/

test-types: pack
	@node --test tests/types/
