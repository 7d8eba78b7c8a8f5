// Node.js entry (also Deno and Bun through their `node` condition): compiles the module
// synchronously from the file beside this one. No top-level await, so `require()` of this ES
// module works too where Node supports it (20.19+, 22.12+).
//
// `fs` comes from `process.getBuiltinModule` (Node 20.16+, 22.3+), not `import ... from
// "node:fs"`: importing node:fs as an ES module builds its namespace from every export, and its
// lazy `ReadStream` getter then loads Node's whole streams stack, which this module never uses
// (about 9 M instructions and 2-3 ms of each start-up; bench/RESULTS.md, issue 15).
// `createRequire` serves runtimes without it.
import { createRequire } from "node:module";
import { initSync } from "./cloudflare_organizations.js";

const { readFileSync } = globalThis.process?.getBuiltinModule?.("fs") ?? createRequire(import.meta.url)("fs");
initSync({ module: readFileSync(new URL("./cloudflare_organizations_bg.wasm", import.meta.url)) });

export * from "./api.js";
