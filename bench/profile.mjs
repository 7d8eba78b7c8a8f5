// Where the package's time goes, with no network: a CPU profile (V8's sampling profiler, through
// the inspector) of one client's calls against the in-process double of bench/decode.mjs, and the
// number of calls across the wasm boundary per operation (every import the glue hands to the
// module is wrapped in a counter before instantiation).
//
//   node bench/profile.mjs [pkg|sdk|raw] [get|list|audit|create] [COUNT]
//        prints the top functions by self time; writes bench/out/profile-CLIENT-OP.cpuprofile
//        (open it in Chrome's DevTools). BENCH_CROSSINGS=1 also counts, for one call, the calls
//        from wasm into JS by import name (the counting wrappers slow every call: the profile's
//        timings are then not representative). BENCH_URL=<base url> profiles real fetch calls to
//        that server instead of the in-process double.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { OUT } from "./lib.mjs";

const [client = "pkg", op = "list", countArg] = process.argv.slice(2);

// Count every import the wasm module calls: wrap them before the glue instantiates it.
const crossings = new Map();
let counting = false;
const COUNT_CROSSINGS = process.env.BENCH_CROSSINGS === "1";
const Instance = WebAssembly.Instance;
if (COUNT_CROSSINGS) WebAssembly.Instance = function (module, imports) {
  // Copies, since a namespace can be an ES module's (a snippet's), which is read-only.
  const counted = {};
  for (const [space, ns] of Object.entries(imports ?? {})) {
    counted[space] = {};
    for (const [name, fn] of Object.entries(ns)) {
      if (typeof fn !== "function") {
        counted[space][name] = fn;
        continue;
      }
      const short = name.replace(/^__wbg_/, "").replace(/_[0-9a-f]{16}$/, "");
      counted[space][name] = function (...args) {
        if (counting) crossings.set(short, (crossings.get(short) ?? 0) + 1);
        return fn.apply(this, args);
      };
    }
  }
  return new Instance(module, counted);
};

const { canned, makeClients, PAGED } = await import("./clients.mjs");
const count = Number(countArg ?? (PAGED.has(op) ? 150 : 5000));
const { id, doubles } = canned(path.join(OUT, "canned"));
const double = doubles.prebuilt;
// BENCH_URL: real fetch against that server (the static responder) instead of the double.
const url = process.env.BENCH_URL;
const clients = await makeClients({ baseUrl: url ?? "http://127.0.0.1:9/client/v4", token: "dev-token", id, ...(url ? {} : { fetch: double }) });
const call = clients[client][op];

for (let i = 0; i < Math.min(count, 200); i++) await call(); // warm-up
counting = true;
await call();
counting = false;
const perCall = [...crossings].sort((a, b) => b[1] - a[1]);

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 50 });
await session.post("Profiler.start");
const start = performance.now();
for (let i = 0; i < count; i++) await call();
const elapsed = performance.now() - start;
const { profile } = await session.post("Profiler.stop");
if (!COUNT_CROSSINGS) writeFileSync(path.join(OUT, `profile-${client}-${op}.cpuprofile`), JSON.stringify(profile));

// Self time per function (by name and place), from the samples.
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
profile.samples.forEach((id, i) => {
  const f = byId.get(id).callFrame;
  const where = f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : "";
  const key = `${f.functionName || "(anonymous)"} ${where}`.trim();
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`${client}.${op}: ${count} calls, ${((elapsed * 1000) / count).toFixed(1)} µs per call (profiled)`);
console.log("top self time:");
for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
}
if (client === "pkg" && COUNT_CROSSINGS) {
  const n = perCall.reduce((a, [, c]) => a + c, 0);
  writeFileSync(path.join(OUT, `crossings-${op}.json`), JSON.stringify({ op, total: n, byImport: Object.fromEntries(perCall) }, null, 2));
  console.log(`wasm -> JS calls in one ${op}: ${n}`);
  for (const [name, c] of perCall.slice(0, 20)) console.log(`  ${String(c).padStart(7)}  ${name}`);
}
