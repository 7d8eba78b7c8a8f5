// Cloudflare Workers entry: workerd compiles the statically imported .wasm at deploy time
// and hands over a WebAssembly.Module (it refuses to compile wasm from bytes at run time).
import wasm from "./cloudflare_organizations_bg.wasm";
import { initSync } from "./cloudflare_organizations.js";

initSync({ module: wasm });

export * from "./api.js";
