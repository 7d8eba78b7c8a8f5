// Browser entry (plain ES module, Vite, esbuild): fetches and instantiates the .wasm beside
// this file once, with top-level await, so importers need no init call.
import init from "./cloudflare_organizations.js";

await init({ module_or_path: new URL("./cloudflare_organizations_bg.wasm", import.meta.url) });

export * from "./api.js";
