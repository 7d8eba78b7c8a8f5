// Start-up: what importing a client and making one costs before the first call.
//
//   node bench/startup.mjs BASE_URL TOKEN ID     writes bench/out/startup.json
//
// Node: a fresh `node` process per sample (spawned one after another, variants interleaved),
// which reports (a) import + instantiate (+ `new Cloudflare`), timed inside the process with
// performance.now() around `await import(...)`, and the parent times (b) the whole process from
// spawn to exit. Variants: bare (nothing imported), empty-module (a one-line ES module: the ESM
// loader's own cost, which any import pays), pkg (pkg/node.js: reads the .wasm, compiles and
// instantiates it synchronously), sdk (`cloudflare`), sdk-tree (`createClient` + Organizations).
//
// workerd: for each Worker of bench/workers.mjs, a fresh Miniflare (its own workerd process):
// the time from `new Miniflare` to `ready` (workerd up, script compiled and evaluated, the .wasm
// compiled) and to the first response (its handler makes the client and does one
// `organizations.get` against BASE_URL, a loopback server). The `empty` Worker's figures are
// workerd's own; the difference is what each client adds.
// Bounded: BENCH_NODE_RUNS (default 30) and BENCH_WORKERD_RUNS (default 8) samples per variant.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Miniflare } from "miniflare";
import { interleaved, log, median, OUT, PKG, quantile, ROOT } from "./lib.mjs";
import { buildWorkers, WORKERS } from "./workers.mjs";

const [baseUrl, token, id] = process.argv.slice(2);
if (!id) {
  console.error("usage: node bench/startup.mjs BASE_URL TOKEN ID");
  process.exit(2);
}
const NODE_RUNS = Number(process.env.BENCH_NODE_RUNS ?? 30);
const WORKERD_RUNS = Number(process.env.BENCH_WORKERD_RUNS ?? 8);

const pkgUrl = pathToFileURL(path.join(PKG, "node.js")).href;
// An ES module of one line: what any `await import()` of a file costs (the ESM loader's first use).
const emptyModule = path.join(OUT, "empty-module.mjs");
writeFileSync(emptyModule, "export default 1;\n");
const NODE_VARIANTS = {
  bare: "",
  "empty-module": `await import(${JSON.stringify(pathToFileURL(emptyModule).href)});`,
  pkg: `const { Cloudflare } = await import(${JSON.stringify(pkgUrl)}); new Cloudflare({ apiToken: "t" });`,
  sdk: `const { default: Cloudflare } = await import("cloudflare"); new Cloudflare({ apiToken: "t" });`,
  "sdk-tree": `const [{ createClient }, { Organizations }] = await Promise.all([import("cloudflare/tree-shakable"), import("cloudflare/resources/organizations")]); createClient({ apiToken: "t", resources: [Organizations] });`,
};
const script = (body) => `const c0 = process.cpuUsage(); const t0 = performance.now(); ${body} const t1 = performance.now();
const c = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ importMs: t1 - t0, cpuMs: (c.user + c.system) / 1000, readyMs: t1 }));`;
const env = { ...process.env };
for (const k of Object.keys(env)) if (k.startsWith("CLOUDFLARE_") || k.startsWith("NODE_OPTIONS")) delete env[k];

function nodeOnce(variant) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ["--input-type=module", "-e", script(NODE_VARIANTS[variant])], { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = performance.now() - start;
      if (code !== 0) return reject(new Error(`${variant}: exit ${code}`));
      resolve({ ...JSON.parse(out), wallMs });
    });
  });
}

// Where pkg's import goes, phase by phase. The entry is one module (glue, snippets and client
// JS bundled) that reads, compiles and instantiates the .wasm as it is evaluated; the compile is
// timed first on its own, and V8 reuses that compiled module for the same bytes in the entry.
// The first phase is the ES module loader's own start (a one-line module's import).
const phasesUrl = (f) => JSON.stringify(pathToFileURL(path.join(PKG, f)).href);
const PHASES = `const t = [performance.now()];
await import(${JSON.stringify(pathToFileURL(emptyModule).href)}); t.push(performance.now());
const bytes = process.getBuiltinModule("fs").readFileSync(new URL(${phasesUrl("cloudflare_organizations_bg.wasm")})); t.push(performance.now());
new WebAssembly.Module(bytes); t.push(performance.now());
const api = await import(${phasesUrl("node.js")}); t.push(performance.now());
new api.Cloudflare({ apiToken: "t" }); t.push(performance.now());
const names = ["first dynamic import (a one-line module)", "read .wasm", "compile .wasm (WebAssembly.Module)", "import node.js (read again, instantiate, evaluate)", "first new Cloudflare()"];
process.stdout.write(JSON.stringify(Object.fromEntries(names.map((n, i) => [n, t[i + 1] - t[i]]))));`;
function phasesOnce() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", PHASES], { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`phases: exit ${code}`))));
  });
}

const results = { node: {}, nodePhases: {}, workerd: {} };
{
  const variants = Object.keys(NODE_VARIANTS);
  for (const v of variants) await nodeOnce(v); // the file cache warm, as for any real start
  const raw = Object.fromEntries(variants.map((v) => [v, []]));
  await interleaved(variants, NODE_RUNS, async (v) => {
    const r = await nodeOnce(v);
    raw[v].push(r);
    return r.wallMs;
  }, { deadlineMs: 120_000, seed: 3 });
  for (const v of variants) {
    const rs = raw[v];
    const bare = raw.bare;
    results.node[v] = {
      importMs: median(rs.map((r) => r.importMs)),
      importP90Ms: quantile(rs.map((r) => r.importMs), 0.9),
      // CPU time (all threads) over the same span: less sensitive to waiting for a core.
      importCpuMs: median(rs.map((r) => r.cpuMs)),
      wallMs: median(rs.map((r) => r.wallMs)),
      wallOverBareMs: median(rs.map((r, i) => r.wallMs - bare[i].wallMs)),
      runs: rs.length,
    };
    log(`node ${v}: import+instantiate ${results.node[v].importMs.toFixed(1)} ms, process ${results.node[v].wallMs.toFixed(1)} ms (+${results.node[v].wallOverBareMs.toFixed(1)} over bare)`);
  }
}

{
  const runs = [];
  for (let i = 0; i < Math.max(5, NODE_RUNS >> 1); i++) runs.push(await phasesOnce());
  for (const phase of Object.keys(runs[0])) results.nodePhases[phase] = median(runs.map((r) => r[phase]));
  log(`node pkg phases (ms): ${Object.entries(results.nodePhases).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ")}`);
}

{
  const workers = await buildWorkers();
  const once = async (name) => {
    const t0 = performance.now();
    const mf = new Miniflare({
      modules: true,
      scriptPath: path.join(workers[name].dir, "index.js"),
      modulesRoot: workers[name].dir,
      modulesRules: [
        { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
        { type: "CompiledWasm", include: ["**/*.wasm"] },
      ],
      compatibilityDate: "2025-09-01",
      bindings: { TOKEN: token, BASE_URL: baseUrl, ORG_ID: id },
    });
    try {
      await mf.ready;
      const t1 = performance.now();
      const response = await mf.dispatchFetch("http://worker.test/");
      const body = await response.json();
      const t2 = performance.now();
      if (response.status !== 200 || (name !== "empty" && typeof body.name !== "string")) {
        throw new Error(`${name}: ${response.status} ${JSON.stringify(body)}`);
      }
      return { readyMs: t1 - t0, firstResponseMs: t2 - t0, handlerMs: t2 - t1 };
    } finally {
      await mf.dispose();
    }
  };
  for (const w of WORKERS) await once(w);
  const raw = Object.fromEntries(WORKERS.map((w) => [w, []]));
  await interleaved(WORKERS, WORKERD_RUNS, async (w) => {
    const r = await once(w);
    raw[w].push(r);
    return r.firstResponseMs;
  }, { deadlineMs: 180_000, seed: 5 });
  for (const w of WORKERS) {
    const rs = raw[w];
    const m = (k) => median(rs.map((r) => r[k]));
    results.workerd[w] = {
      readyMs: m("readyMs"),
      firstResponseMs: m("firstResponseMs"),
      handlerMs: m("handlerMs"),
      firstResponseOverEmptyMs: median(rs.map((r, i) => r.firstResponseMs - raw.empty[i].firstResponseMs)),
      runs: rs.length,
    };
    log(`workerd ${w}: ready ${m("readyMs").toFixed(0)} ms, first response ${m("firstResponseMs").toFixed(0)} ms (+${results.workerd[w].firstResponseOverEmptyMs.toFixed(0)} over empty), handler ${m("handlerMs").toFixed(1)} ms`);
  }
}
writeFileSync(path.join(OUT, "startup.json"), JSON.stringify(results, null, 2));
