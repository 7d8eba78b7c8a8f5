// Turns wasm-pack's output in pkg/ into the npm package: an entry per runtime, each one ES module
// holding the glue, the JS the Rust side calls (js/*.js) and the client's JS (js/entries/api.js),
// beside the .wasm; the declarations, the README and package.json.
//
// Which entry a runtime gets (package.json "exports"):
//   types    index.d.ts   the client's declarations (js/index.d.ts, exact to API.md), with
//            models.d.ts  the models', generated from the core's Rust types (mk/build.mk)
//   workerd  workerd.js   static .wasm import (a compiled WebAssembly.Module) + initSync
//   browser  index.js     top-level await of init(new URL(".wasm", import.meta.url))
//   node     node.js      "module-sync" (Node 20.19+, 22.12+): readFileSync from
//                         process.getBuiltinModule + initSync; no top-level await, so require()
//                         works too
//            node-compat.js  any other Node: the same, through createRequire where it must
//   default  index.js     any other runtime with fetch and top-level await
//
// One module per entry (issue 15): a runtime loads two files, the entry and the .wasm, instead of
// seven modules (entry, api.js, the glue and four snippets), which cost Node ~7 ms of its start.
// The error classes users import are then the very ones Rust constructs: they live in the one
// module. A runtime that could load two entries at once would get two copies of the client, as
// it would get two instances of the .wasm before.
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const pkg = join(root, "pkg");
const GLUE = "cloudflare_organizations.js";
const WASM = "cloudflare_organizations_bg.wasm";

// wasm-bindgen copies js/errors.js and js/values.js under snippets/<crate-hash>/; what imports
// them (api.js, the Node entries) must import those very modules, so that the bundle holds one
// copy of each, the one Rust uses (its error classes, its state).
const snippets = readdirSync(join(pkg, "snippets"));
if (snippets.length !== 1) throw new Error(`expected one snippets dir, found ${snippets}`);
const ourModules = (text) =>
  text.replace(/"\.\/(errors|values)\.js"/g, (_, name) => JSON.stringify(`./snippets/${snippets[0]}/js/${name}.js`));

const entries = ["index.js", "node.js", "node-compat.js", "workerd.js"];
const api = readFileSync(join(root, "js/entries/api.js"), "utf8");
if (!api.includes('"./errors.js"')) throw new Error("js/entries/api.js no longer imports ./errors.js");
writeFileSync(join(pkg, "api.js"), ourModules(api));
for (const entry of entries) {
  writeFileSync(join(pkg, `entry-${entry}`), ourModules(readFileSync(join(root, "js/entries", entry), "utf8")));
}
for (const entry of entries) {
  buildSync({
    entryPoints: [join(pkg, `entry-${entry}`)],
    outfile: join(pkg, entry),
    bundle: true,
    format: "esm",
    // The .wasm stays its own file (workerd imports it as a module); node:module is Node's.
    external: [`./${WASM}`, "node:module"],
    // Our own JS keeps its identifiers (stacks read createError, not c); the glue arrives
    // minified already (mk/build.mk).
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "none",
    logLevel: "warning",
    // wasm-bindgen's import object names the snippet module once per imported function.
    logOverride: { "duplicate-object-key": "silent" },
  });
}
for (const file of [...entries.map((e) => `entry-${e}`), "api.js", GLUE, "snippets"]) {
  rmSync(join(pkg, file), { recursive: true, force: true });
}
copyFileSync(join(root, "js/index.d.ts"), join(pkg, "index.d.ts"));
copyFileSync(join(root, "js/package-readme.md"), join(pkg, "README.md"));
// wasm-bindgen's own declarations describe the raw glue (with `any`); the package ships only
// index.d.ts, so drop them rather than leave two descriptions of one module.
for (const file of ["cloudflare_organizations.d.ts", "cloudflare_organizations_bg.wasm.d.ts", ".gitignore"]) {
  rmSync(join(pkg, file), { force: true });
}

const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
const version = cargo.match(/^version = "([^"]+)"/m)[1];
const repository = cargo.match(/^repository = "([^"]+)"/m)?.[1];
const manifest = {
  name: "cloudflare-organizations",
  version,
  description: "Cloudflare's Organizations API for Workers, browsers and Node: a Rust core compiled to WebAssembly",
  keywords: ["cloudflare", "organizations", "api", "workers", "webassembly"],
  license: "MIT",
  ...(repository && { repository: { type: "git", url: `git+${repository}.git` } }),
  type: "module",
  exports: {
    ".": {
      types: "./index.d.ts",
      workerd: "./workerd.js",
      browser: "./index.js",
      // Every runtime that matches "module-sync" has process.getBuiltinModule; the others get
      // the entry that does not need it.
      node: { "module-sync": "./node.js", default: "./node-compat.js" },
      default: "./index.js",
    },
    // For a runtime that matches "module-sync" without process.getBuiltinModule (none known):
    // node.js names this way out in its error.
    "./node-compat.js": { types: "./index.d.ts", default: "./node-compat.js" },
    "./package.json": "./package.json",
  },
  // For tools that predate "exports": the entry that works in any Node.
  main: "./node-compat.js",
  types: "./index.d.ts",
  files: [...entries, WASM, "index.d.ts", "models.d.ts"],
  // Importing an entry instantiates the wasm and gives the client its console inspection.
  sideEffects: entries.map((e) => `./${e}`),
  engines: { node: ">=20" },
};
writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
