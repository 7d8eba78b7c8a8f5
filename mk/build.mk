# The package: `make build` leaves it in pkg/. The core's native tests and the lints.
#   make build        wasm-pack (release, --target web), wasm-opt -Oz, entries + package.json
#   make test-core    cargo test of the sans-IO core, fmt and clippy over the workspace

WASM_FLAGS := --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
	--enable-sign-ext --enable-reference-types --enable-multivalue
BUILD_INPUTS := Cargo.toml Cargo.lock core/Cargo.toml core/derive/Cargo.toml $(shell find src core/src core/derive/src js -type f) scripts/package.mjs \
	scripts/gen-types.mjs

.PHONY: build test-core
build: setup pkg/package.json

pkg/package.json: $(BUILD_INPUTS)
	@echo "[build] wasm-pack build (release)"
	@wasm-pack --quiet build --release --target web --no-pack --mode no-install \
		--out-dir pkg --out-name cloudflare_organizations
	@echo "[build] wasm-opt -Oz"
	@wasm-opt -Oz $(WASM_FLAGS) --strip-producers --strip-target-features \
		pkg/cloudflare_organizations_bg.wasm -o pkg/cloudflare_organizations_bg.wasm
	@# The glue is fully minified; js/entries/api.js names its classes again. Our own JS (snippets,
	@# entries) keeps its identifiers (scripts/package.mjs), so stacks read createError, not c.
	@# Keeping the glue's too (whitespace and syntax only) would cost +673 B gzipped, --keep-names
	@# +946 B, whose calls also stop bundlers from tree-shaking the glue's unused browser init out
	@# of Worker bundles. wasm-bindgen's import object names the snippet module once per imported
	@# function (the same value each time): esbuild's duplicate-key warning about it is silenced.
	@esbuild pkg/cloudflare_organizations.js --minify --format=esm --log-level=warning \
		--log-override:duplicate-object-key=silent \
		--outfile=pkg/cloudflare_organizations.js --allow-overwrite
	@node scripts/package.mjs
	@echo "[build] pkg/models.d.ts from the core's models"
	@cargo run --quiet -p cloudflare-organizations-core --features schema --bin model-schema > target/model-schema.json
	@node scripts/gen-types.mjs target/model-schema.json pkg/models.d.ts
	@rm -f pkg/.gitignore
	@echo "[build] pkg/ ready: wasm $$(wc -c < pkg/cloudflare_organizations_bg.wasm) B ($$(gzip -9c pkg/cloudflare_organizations_bg.wasm | wc -c) gzipped), entries $$(for f in pkg/node.js pkg/node-compat.js pkg/index.js pkg/workerd.js; do echo "$$(basename $$f) $$(wc -c < $$f) B ($$(gzip -9c $$f | wc -c) gzipped)"; done | paste -sd, -)"

test-core:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p cloudflare-organizations --target wasm32-unknown-unknown -- -D warnings
	cargo test -p cloudflare-organizations-core -p cloudflare-organizations-derive

TEST_TARGETS := test-core $(TEST_TARGETS)
