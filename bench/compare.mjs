// Two builds of the package side by side, in one process, rounds interleaved: what a change to the
// binding buys. Each build's pkg/node.js is imported from its own directory (two wasm instances).
//
//   node bench/compare.mjs DIR_A DIR_B [--url BASE_URL --token T --id ID]
//
// Without --url, the in-process fetch double of bench/decode.mjs (prebuilt Response), over the
// bodies in bench/out/canned/ (make bench, or bench/seed.mjs, captures them); with --url, real
// fetch against that server (the static responder of bench/responder.mjs, say).
// Prints µs per call for get/list/create and B's time over A's (median of per-round ratios).
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { canned, createBody, PAGE_SIZE } from "./clients.mjs";
import { interleaved, median, OUT, ratioMedian } from "./lib.mjs";

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
    create: () => cf.organizations.create(createBody(n++)),
  };
}
const BATCH = values.url ? { get: 100, list: 6, create: 100 } : { get: 400, list: 8, create: 400 };
const run = async (v, op, count) => {
  const start = performance.now();
  for (let i = 0; i < count; i++) await clients[v][op]();
  return ((performance.now() - start) * 1000) / count;
};
console.log(`A = ${dirA}\nB = ${dirB}\n${values.url ? `over HTTP: ${values.url}` : "in-process fetch double"}`);
for (const op of ["get", "list", "create"]) {
  for (const v of ["A", "B"]) await run(v, op, BATCH[op] * 3);
  const s = await interleaved(["A", "B"], Number(values.rounds), (v) => run(v, op, BATCH[op]), { deadlineMs: 30_000 });
  console.log(`${op.padEnd(6)}  A ${median(s.A).toFixed(1).padStart(8)} µs   B ${median(s.B).toFixed(1).padStart(8)} µs   B/A ${ratioMedian(s.B, s.A).toFixed(3)}  (${s.A.length} rounds)`);
}
process.exit(0);
