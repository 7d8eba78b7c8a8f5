// Browser entry (plain ES module, Vite, esbuild, any runtime without a better condition):
// fetches and instantiates the .wasm beside this file once, with top-level await, so importers
// need no init call. Vite emits the .wasm from the `new URL(..., import.meta.url)` below; esbuild
// leaves the URL as is, so the .wasm must be copied next to the bundle (see the README).
import init from "./cloudflare_organizations.js";

const wasmUrl = new URL("./cloudflare_organizations_bg.wasm", import.meta.url);
try {
  await init({ module_or_path: wasmUrl });
} catch (error) {
  throw new Error(
    `cloudflare-organizations: could not load its WebAssembly from ${wasmUrl}; ` +
      "when bundling, serve cloudflare_organizations_bg.wasm next to the bundle (see the package README)",
    { cause: error },
  );
}

export * from "./api.js";
