// The packed package itself: what `npm pack` puts in the tarball, package.json's exports, which
// entry each runtime's conditions pick, and that it exports exactly what index.d.ts declares.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { freshProject, runOk, tarball } from "./helpers.mjs";

describe("the packed package", () => {
  let dir, installed, manifest;
  before(async () => {
    dir = await freshProject("pack", { "entry.js": 'export * from "cloudflare-organizations";\n' });
    installed = path.join(dir, "node_modules/cloudflare-organizations");
    manifest = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8"));
  });

  it("the tarball holds the entries (one module each), the .wasm, the declarations and the README, nothing else", async () => {
    const { stdout } = await runOk("tar", ["-tzf", tarball()]);
    const files = stdout.trim().split("\n").map((f) => f.replace(/^package\//, "")).sort();
    assert.deepEqual(files, [
      "README.md", "cloudflare_organizations_bg.wasm", "index.d.ts", "index.js", "models.d.ts", "node-compat.js",
      "node.js", "package.json", "workerd.js",
    ]);
    assert.match(readFileSync(path.join(installed, "README.md"), "utf8"), /^# cloudflare-organizations/);
  });

  it("package.json: exports by condition, files, sideEffects, engines", () => {
    assert.equal(manifest.name, "cloudflare-organizations");
    assert.equal(manifest.type, "module");
    assert.deepEqual(manifest.exports["."], {
      types: "./index.d.ts",
      workerd: "./workerd.js",
      browser: "./index.js",
      node: { "module-sync": "./node.js", default: "./node-compat.js" },
      default: "./index.js",
    });
    assert.deepEqual(
      manifest.exports["./node-compat.js"],
      { types: "./index.d.ts", default: "./node-compat.js" },
      "the way out node.js names in its error, typed as the package is",
    );
    assert.equal(manifest.main, "./node-compat.js", "tools that predate exports get the entry any Node can load");
    assert.equal(Object.keys(manifest.exports["."])[0], "types", "types comes first, as TypeScript requires");
    assert.ok(Array.isArray(manifest.files) && manifest.files.includes("cloudflare_organizations_bg.wasm"));
    assert.ok(Array.isArray(manifest.sideEffects) && manifest.sideEffects.includes("./index.js"));
    assert.equal(manifest.engines.node, ">=20");
    assert.equal(manifest.dependencies, undefined, "no dependencies");
  });

  for (const [runtime, conditions, platform, entry] of [
    ["Workers (wrangler's conditions)", ["workerd", "worker", "browser"], "neutral", "workerd.js"],
    ["browsers", [], "browser", "index.js"],
    // esbuild does not match "module-sync": a Node bundle gets the entry any Node can load.
    ["Node bundles", [], "node", "node-compat.js"],
    ["Node bundles that ask for module-sync", ["module-sync"], "node", "node.js"],
    ["anything else", [], "neutral", "index.js"],
  ]) {
    it(`a bundler for ${runtime} picks ${entry}`, async () => {
      const result = await build({
        entryPoints: [path.join(dir, "entry.js")], bundle: true, write: false, metafile: true, format: "esm",
        platform, conditions, external: ["*.wasm", "node:*"], logLevel: "silent",
      });
      const inputs = Object.keys(result.metafile.inputs).filter((f) => f.includes("cloudflare-organizations/") && /\/[a-z-]+\.js$/.test(f));
      const entries = inputs.map((f) => path.basename(f));
      assert.deepEqual(entries, [entry]);
    });
  }

  it("Node with the module-sync condition (20.19+, 22.12+) resolves node.js for import and require", async () => {
    const script = 'console.log(JSON.stringify([import.meta.resolve("cloudflare-organizations"), (await import("node:module")).createRequire(import.meta.url).resolve("cloudflare-organizations")]))';
    const { stdout } = await runOk(process.execPath, ["--input-type=module", "-e", script], { cwd: dir });
    const [viaImport, viaRequire] = JSON.parse(stdout);
    assert.ok(viaImport.endsWith("/cloudflare-organizations/node.js"), viaImport);
    assert.ok(viaRequire.endsWith("/cloudflare-organizations/node.js"), viaRequire);
  });

  it("exports exactly the classes index.d.ts declares (the glue's helpers stay private)", async () => {
    const declared = [...readFileSync(path.join(installed, "index.d.ts"), "utf8").matchAll(/^export class (\w+)/gm)].map((m) => m[1]).sort();
    const { stdout } = await runOk(process.execPath, ["--input-type=module", "-e", 'console.log(JSON.stringify(Object.keys(await import("cloudflare-organizations"))))'], { cwd: dir });
    assert.deepEqual(JSON.parse(stdout).sort(), declared);
  });
});
