// The Workers the size and start-up benchmarks compare, bundled the way Worker projects bundle:
// esbuild, ES module, the `workerd` condition first, minified, the .wasm kept as its own module
// (workerd compiles it at upload and hands the script a WebAssembly.Module). Each answers its
// first request with one `organizations.get` against env.BASE_URL, creating its client lazily.
//
//   empty      no client at all (what workerd costs by itself)
//   pkg        this package, imported by name as a user would (pkg/ linked into node_modules)
//   sdk        the official SDK, whole: `import Cloudflare from "cloudflare"`
//   sdk-tree   the SDK tree-shaken: `createClient` from "cloudflare/tree-shakable" with only
//              the `Organizations` resource (the smallest import that reaches organizations.get;
//              `BaseOrganizations`, without its sub-resources, measured as sdk-base)
//   sdk-base   as sdk-tree with `BaseOrganizations`
import { build } from "esbuild";
import { mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { OUT, PKG } from "./lib.mjs";

export const WORKERS = ["empty", "pkg", "sdk", "sdk-tree", "sdk-base"];
const DIR = path.join(OUT, "workers");

const handler = (make) => `
let client;
export default {
  async fetch(request, env) {
    client ??= ${make};
    const org = await client.organizations.get(env.ORG_ID);
    return Response.json({ name: org.name });
  },
};`;
const SOURCES = {
  empty: `export default { async fetch() { return Response.json({ name: null }); } };`,
  pkg: `import { Cloudflare } from "cloudflare-organizations";${handler("new Cloudflare({ apiToken: env.TOKEN, baseUrl: env.BASE_URL })")}`,
  sdk: `import Cloudflare from "cloudflare";${handler("new Cloudflare({ apiToken: env.TOKEN, baseURL: env.BASE_URL })")}`,
  "sdk-tree": `import { createClient } from "cloudflare/tree-shakable";
import { Organizations } from "cloudflare/resources/organizations";${handler("createClient({ apiToken: env.TOKEN, baseURL: env.BASE_URL, resources: [Organizations] })")}`,
  "sdk-base": `import { createClient } from "cloudflare/tree-shakable";
import { BaseOrganizations } from "cloudflare/resources/organizations";${handler("createClient({ apiToken: env.TOKEN, baseURL: env.BASE_URL, resources: [BaseOrganizations] })")}`,
};

/** Bundles every Worker; resolves to { [name]: { dir, files: { name: bytes } } }. */
export async function buildWorkers() {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(path.join(DIR, "node_modules"), { recursive: true });
  // The package by name, resolved through its package.json "exports" like an installed one.
  symlinkSync(PKG, path.join(DIR, "node_modules", "cloudflare-organizations"), "dir");
  const out = {};
  for (const name of WORKERS) {
    const src = path.join(DIR, `${name}.src.js`);
    writeFileSync(src, SOURCES[name]);
    const outdir = path.join(DIR, name);
    await build({
      entryPoints: { index: src },
      outdir,
      bundle: true,
      minify: true,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      conditions: ["workerd", "worker", "browser"],
      mainFields: ["module", "main"],
      loader: { ".wasm": "copy" },
      logLevel: "error",
    });
    const files = Object.fromEntries(readdirSync(outdir).map((f) => [f, statSync(path.join(outdir, f)).size]));
    out[name] = { dir: outdir, files };
  }
  return out;
}
