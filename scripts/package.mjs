// Turns wasm-pack's output in pkg/ into the npm package: an entry per runtime, the error classes
// at the path Rust imports them from, the declarations, the README and package.json.
//
// Which entry a runtime gets (package.json "exports"):
//   types    index.d.ts   the client's declarations (js/index.d.ts, exact to API.md), with
//            models.d.ts  the models', generated from the core's Rust types (mk/build.mk)
//   workerd  workerd.js   static .wasm import (a compiled WebAssembly.Module) + initSync
//   browser  index.js     top-level await of init(new URL(".wasm", import.meta.url))
//   node     node.js      readFileSync + initSync; no top-level await, so require() works too
//   default  index.js     any other runtime with fetch and top-level await
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const pkg = join(root, "pkg");
const GLUE = "cloudflare_organizations.js";
const WASM = "cloudflare_organizations_bg.wasm";

// wasm-bindgen copies js/errors.js under snippets/<crate-hash>/; the entries must import that
// very module (not a copy) so that the classes users import are the ones Rust constructs.
const snippets = readdirSync(join(pkg, "snippets"));
if (snippets.length !== 1) throw new Error(`expected one snippets dir, found ${snippets}`);
const errorsPath = `./snippets/${snippets[0]}/js/errors.js`;
if (!existsSync(join(pkg, errorsPath))) throw new Error(`missing ${errorsPath}`);

const entries = ["index.js", "node.js", "workerd.js"];
for (const entry of entries) copyFileSync(join(root, "js/entries", entry), join(pkg, entry));
const api = readFileSync(join(root, "js/entries/api.js"), "utf8");
if (!api.includes('"./errors.js"')) throw new Error("js/entries/api.js no longer imports ./errors.js");
writeFileSync(join(pkg, "api.js"), api.replaceAll('"./errors.js"', JSON.stringify(errorsPath)));
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
      node: "./node.js",
      default: "./index.js",
    },
    "./package.json": "./package.json",
  },
  // For tools that predate "exports".
  main: "./node.js",
  types: "./index.d.ts",
  files: [...entries, "api.js", GLUE, WASM, "snippets/", "index.d.ts", "models.d.ts"],
  // Importing an entry instantiates the wasm; api.js gives the client its console inspection;
  // the error module names its classes' prototypes.
  sideEffects: [...entries.map((e) => `./${e}`), "./api.js", "./snippets/*/js/errors.js"],
  engines: { node: ">=20" },
};
writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
