// Turns wasm-pack's output in pkg/ into the npm package: entries per runtime, the error
// classes at a stable path, the declarations and package.json.
import { copyFileSync, readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const pkg = join(root, "pkg");

// wasm-bindgen copies js/errors.js under snippets/<crate-hash>/; the entries must import that
// very module (not a copy) so that the classes users import are the ones Rust constructs.
const snippets = readdirSync(join(pkg, "snippets"));
if (snippets.length !== 1) throw new Error(`expected one snippets dir, found ${snippets}`);
const errorsPath = `./snippets/${snippets[0]}/js/errors.js`;
if (!existsSync(join(pkg, errorsPath))) throw new Error(`missing ${errorsPath}`);

for (const entry of ["node.js", "workerd.js", "index.js"]) {
  copyFileSync(join(root, "js/entries", entry), join(pkg, entry));
}
const api = readFileSync(join(root, "js/entries/api.js"), "utf8").replace("./errors.js", errorsPath);
writeFileSync(join(pkg, "api.js"), api);
copyFileSync(join(root, "js/index.d.ts"), join(pkg, "index.d.ts"));

const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
const version = cargo.match(/^version = "([^"]+)"/m)[1];
const manifest = {
  name: "cloudflare-organizations",
  version,
  description: "Cloudflare's Organizations API for Workers, browsers and Node: a Rust core compiled to WebAssembly",
  license: "MIT",
  type: "module",
  types: "./index.d.ts",
  main: "./node.js",
  exports: {
    ".": {
      types: "./index.d.ts",
      workerd: "./workerd.js",
      worker: "./workerd.js",
      browser: "./index.js",
      node: "./node.js",
      default: "./index.js",
    },
    "./package.json": "./package.json",
  },
  files: ["*.js", "*.d.ts", "*.wasm", "snippets/", "README.md"],
  sideEffects: ["./node.js", "./workerd.js", "./index.js", "./api.js"],
  engines: { node: ">=20" },
};
writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
