// Browsers: a fresh project with the packed package, loaded in headless Chromium as a plain ES
// module (an import map, files served as they are), bundled by esbuild (the .wasm copied next to
// the bundle, as the README says), by webpack 5 (which emits the .wasm itself), built by Vite, and
// served by Vite's dev server (which pre-bundles it and rewrites the .wasm URL itself); each page
// runs fixtures/scenario.js against the emulator (CORS is open) and reports back.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFile, readdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { build as esbuild } from "esbuild";
import { build as viteBuild, createServer as viteServer } from "vite";
import webpack from "webpack";
import { launchBrowser } from "../e2e/browser.mjs";
import { assertScenario, emulator, fixture, freshProject, NO_EMULATOR, skipWithoutEmulator, scenarioConfig, serveStatic } from "./helpers.mjs";

const WASM = "cloudflare_organizations_bg.wasm";

describe("browser: headless Chromium", { skip: skipWithoutEmulator(emulator, NO_EMULATOR) }, () => {
  let dir, browser;
  before(async () => {
    dir = await freshProject("browser", {
      "scenario.js": fixture("scenario.js"),
      "console.js": fixture("console.js"),
      "main.js": fixture("browser/main.js"),
      "static.html": fixture("browser/static.html"),
      "index.html": fixture("browser/index.html"),
    });
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  /** Opens `url` with the emulator in its query; resolves to the page's report, errors and console logs. */
  async function report(url) {
    const page = await browser.context.newPage();
    const errors = [];
    const logs = [];
    let failed;
    const pageError = new Promise((resolve) => { failed = resolve; });
    page.on("pageerror", (error) => { errors.push(error.message); failed(); });
    page.on("console", (message) => (message.type() === "error" ? errors : message.type() === "log" ? logs : []).push(message.text()));
    try {
      await page.goto(`${url}?${new URLSearchParams(scenarioConfig())}`);
      const reported = page.waitForFunction(() => window.report, null, { timeout: 20_000 }).then(() => true, () => false);
      const result = (await Promise.race([reported, pageError]))
        ? await page.evaluate(() => window.report)
        : { failed: `window.report never set; page errors: ${errors.join(" | ")}` };
      return { result, errors, logs };
    } finally {
      await page.close();
    }
  }

  async function expectScenario(url) {
    const { result, logs } = await report(url);
    assert.equal(result.failed, undefined, result.failed);
    assertScenario(result);
    // Chromium's console shows objects by their class names (it has no custom inspection).
    assert.deepEqual(logs.slice(0, 4), ["Cloudflare", "Organizations", "Members", "NotFoundError"], "console.log of the client, two resources, the error's class name");
    assert.match(logs[4], /^NotFoundError: 404 on GET /, "the error prints under its class name");
    assert.doesNotMatch(logs.join("\n"), /sekret/);
  }

  async function served(root, fn) {
    const server = await serveStatic(root);
    try {
      return await fn(server.url);
    } finally {
      await server.close();
    }
  }

  it("a plain ES module served statically (an import map names the package)", async () => {
    await served(dir, (url) => expectScenario(`${url}/static.html`));
  });

  it("an esbuild bundle, with the .wasm copied next to it (and a clear error without it)", async () => {
    const outdir = path.join(dir, "dist-esbuild");
    await esbuild({
      entryPoints: [path.join(dir, "main.js")], outdir, bundle: true, format: "esm", platform: "browser", logLevel: "error",
    });
    await copyFile(path.join(dir, "index.html"), path.join(outdir, "index.html"));
    const missing = await served(outdir, (url) => report(`${url}/index.html`));
    assert.ok(missing.errors.some((e) => e.includes(`could not load its WebAssembly`) && e.includes("README")), missing.errors.join("\n"));

    await copyFile(path.join(dir, "node_modules/cloudflare-organizations", WASM), path.join(outdir, WASM));
    await served(outdir, (url) => expectScenario(`${url}/index.html`));
  });

  it("a webpack 5 production bundle: the browser entry, the .wasm emitted as an asset", async () => {
    const outdir = path.join(dir, "dist-webpack");
    const stats = await new Promise((resolve, reject) => {
      webpack({
        mode: "production", context: dir, entry: "./main.js", devtool: false,
        output: { path: outdir, filename: "main.js", clean: true },
      }).run((error, result) => (error ? reject(error) : resolve(result)));
    });
    assert.equal(stats.hasErrors(), false, stats.toString("errors-only"));
    const files = await readdir(outdir);
    assert.equal(files.filter((f) => f.endsWith(".wasm")).length, 1, `webpack emitted the .wasm once: ${files}`);
    const inputs = stats.toJson({ modules: true }).modules.map((m) => m.name).join("\n");
    assert.match(inputs, /cloudflare-organizations\/index\.js/, "the browser entry");
    assert.doesNotMatch(inputs, /cloudflare-organizations\/(node|workerd)\.js/);
    await copyFile(path.join(dir, "index.html"), path.join(outdir, "index.html"));
    await served(outdir, (url) => expectScenario(`${url}/index.html`));
  });

  it("a Vite build: Vite emits the .wasm itself from new URL(..., import.meta.url)", async () => {
    const outDir = path.join(dir, "dist-vite");
    await viteBuild({ root: dir, configFile: false, logLevel: "error", build: { outDir, emptyOutDir: true } });
    const assets = await readdir(path.join(outDir, "assets"));
    assert.ok(assets.some((f) => f.endsWith(".wasm")), `Vite emitted the .wasm: ${assets}`);
    await served(outDir, (url) => expectScenario(`${url}/index.html`));
  });

  it("Vite's dev server, pre-bundling the package as it does by default", async () => {
    const server = await viteServer({
      root: dir, configFile: false, logLevel: "error",
      server: { host: "127.0.0.1", port: 0, strictPort: false, hmr: false },
    });
    await server.listen();
    try {
      const { port } = server.httpServer.address();
      await expectScenario(`http://127.0.0.1:${port}/index.html`);
      assert.ok(existsSync(path.join(dir, "node_modules/.vite/deps/cloudflare-organizations.js")), "the package was pre-bundled");
    } finally {
      await server.close();
    }
  });
});
