// Node.js entry: compiles the module synchronously from the file beside this one.
import { readFileSync } from "node:fs";
import { initSync } from "./cloudflare_organizations.js";

initSync({ module: readFileSync(new URL("./cloudflare_organizations_bg.wasm", import.meta.url)) });

export * from "./api.js";
