// Node.js entry (also Deno and Bun through their `node` condition): compiles the module
// synchronously from the file beside this one. No top-level await, so `require()` of this ES
// module works too where Node supports it (20.19+, 22.12+).
import { readFileSync } from "node:fs";
import { initSync } from "./cloudflare_organizations.js";

initSync({ module: readFileSync(new URL("./cloudflare_organizations_bg.wasm", import.meta.url)) });

export * from "./api.js";
