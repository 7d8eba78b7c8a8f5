// Two builds of the package side by side, in one process, rounds interleaved: what a change to the
// binding buys. Each build's pkg/node.js is imported from its own directory (two wasm instances).
//
//   node bench/compare.mjs DIR_A DIR_B [--url BASE_URL --token T --id ID]
//
// Without --url, the in-process fetch double of bench/decode.mjs (prebuilt Response), over the
// bodies in bench/out/canned/ (make bench, or bench/seed.mjs, captures them); with --url, real
// fetch against that server (the static responder of bench/responder.mjs, say).
// Prints µs per call for get/list/audit/create and B's time over A's (median of per-round ratios,
// and their 10th-90th percentile), wall clock and CPU;
// an operation one of the builds does not have (audit logs before issue 11) is left out.
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { AUDIT_WINDOW, canned, createBody, OPERATIONS, PAGE_SIZE } from "./clients.mjs";
import { interleaved, median, OUT, ratioMedian, ratioSpread } from "./lib.mjs";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { url: { type: "string" }, token: { type: "string", default: "dev-token" }, id: { type: "string" }, rounds: { type: "string", default: "21" } },
});
const [dirA, dirB] = positionals;
if (!dirB) {
  console.error("usage: node bench/compare.mjs DIR_A DIR_B [--url BASE_URL --token T --id ID]");
  process.exit(2);
}
const fixture = canned(path.join(OUT, "canned"));
const id = values.id ?? fixture.id;
const double = fixture.doubles.prebuilt;
const baseUrl = values.url ?? "http://127.0.0.1:9/client/v4";

const clients = {};
for (const [name, dir] of [["A", dirA], ["B", dirB]]) {
  const { Cloudflare } = await import(pathToFileURL(path.join(path.resolve(dir), "node.js")).href);
  const cf = new Cloudflare({ apiToken: values.token, baseUrl, ...(values.url ? {} : { fetch: double }) });
  let n = 0;
  clients[name] = {
    get: () => cf.organizations.get(id),
    list: async () => (await cf.organizations.list({ page_size: PAGE_SIZE })).result,
    ...(cf.organizations.logs && { audit: async () => (await cf.organizations.logs.audit.list(id, { ...AUDIT_WINDOW, limit: PAGE_SIZE })).result }),
    create: () => cf.organizations.create(createBody(n++)),
  };
}
const BATCH = values.url ? { get: 100, list: 6, audit: 6, create: 100 } : { get: 400, list: 8, audit: 8, create: 400 };
// This process's CPU time (user + system) per call of each batch, beside the wall time: on a
// machine shared with other jobs, waiting for a core inflates wall time but not CPU time.
const cpu = { A: [], B: [] };
const run = async (v, op, count) => {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < count; i++) await clients[v][op]();
  const used = process.cpuUsage(cpuStart);
  cpu[v].push((used.user + used.system) / count);
  return ((performance.now() - start) * 1000) / count;
};
console.log(`A = ${dirA}\nB = ${dirB}\n${values.url ? `over HTTP: ${values.url}` : "in-process fetch double"}`);
for (const op of OPERATIONS.filter((op) => clients.A[op] && clients.B[op])) {
  for (const v of ["A", "B"]) await run(v, op, BATCH[op] * 3);
  cpu.A = [];
  cpu.B = [];
  const s = await interleaved(["A", "B"], Number(values.rounds), (v) => run(v, op, BATCH[op]), { deadlineMs: 30_000 });
  const [lo, hi] = ratioSpread(s.B, s.A);
  console.log(`${op.padEnd(6)}  A ${median(s.A).toFixed(1).padStart(8)} µs   B ${median(s.B).toFixed(1).padStart(8)} µs   B/A ${ratioMedian(s.B, s.A).toFixed(3)} (p10–p90 ${lo.toFixed(2)}–${hi.toFixed(2)})   ` +
    `CPU A ${median(cpu.A).toFixed(1)} µs B ${median(cpu.B).toFixed(1)} µs B/A ${ratioMedian(cpu.B, cpu.A).toFixed(3)}  (${s.A.length} rounds)`);
}
process.exit(0);
