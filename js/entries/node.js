// Node.js entry, for the Nodes that match the "module-sync" condition (20.19+, 22.12+; package.json
// "exports"), Deno and Bun where they match it too: compiles the module synchronously from the
// file beside this one. No top-level await, so `require()` of this ES module works as `import`.
//
// `fs` comes from `process.getBuiltinModule` (Node 20.16+, 22.3+, Deno 2.1+), which every runtime
// matching "module-sync" has, and no module is imported for it: importing node:fs as an ES module
// builds its namespace from every export (its lazy `ReadStream` getter loads Node's streams stack),
// and importing node:module for `createRequire` builds that one's, 2.5 M instructions of each
// start-up (bench/RESULTS.md, issue 15). Older runtimes get node-compat.js.
import { initSync } from "./cloudflare_organizations.js";
import { keepControllers } from "./values.js";

const fs = globalThis.process?.getBuiltinModule?.("fs");
if (!fs) {
  throw new Error(
    "cloudflare-organizations: this runtime matched the \"module-sync\" condition but has no " +
      "process.getBuiltinModule (Node 20.16+, 22.3+); import cloudflare-organizations/node-compat.js",
  );
}
initSync({ module: fs.readFileSync(new URL("./cloudflare_organizations_bg.wasm", import.meta.url)) });
// Node makes a controller's signal slowly; one that served a call serves the next (js/values.js).
keepControllers();

export * from "./api.js";
