// Node.js entry for the Nodes before the "module-sync" condition (20.0-20.18, 22.0-22.11; package.json
// "exports"): node.js, with `fs` taken through `createRequire` where `process.getBuiltinModule`
// is missing (before 20.16 and 22.3). Importing node:module costs every start-up about 2.5 M
// instructions, which is why node.js does without it.
import { createRequire } from "node:module";
import { initSync } from "./cloudflare_organizations.js";
import { keepControllers } from "./values.js";

const fs = globalThis.process?.getBuiltinModule?.("fs") ?? createRequire(import.meta.url)("fs");
initSync({ module: fs.readFileSync(new URL("./cloudflare_organizations_bg.wasm", import.meta.url)) });
// Node makes a controller's signal slowly; one that served a call serves the next (js/values.js).
keepControllers();

export * from "./api.js";
