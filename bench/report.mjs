// Turns bench/out/*.json into bench/out/results.md (tables and the issue's targets, met or
// missed) and bench/out/results.json, and prints the markdown. Parts that did not run are left out.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { OPERATIONS } from "./clients.mjs";
import { fmt, machine, OUT, table } from "./lib.mjs";

const read = (f) => (existsSync(path.join(OUT, f)) ? JSON.parse(readFileSync(path.join(OUT, f), "utf8")) : null);
const calls = { responder: read("calls-responder.json"), emulator: read("calls-emulator.json") };
const decode = read("decode.json");
const crossings = Object.fromEntries(OPERATIONS.map((op) => [op, read(`crossings-${op}.json`)]));
const startup = read("startup.json");
const size = read("size.json");
const m = machine();
const out = [];
const say = (...lines) => out.push(...lines, "");
const x = (r) => `${fmt(r, 2)}×`;
const spread = (s) => (s ? `${fmt(s[0], 2)}–${fmt(s[1], 2)}` : "n/a");
const LABEL = { raw: "(a) raw fetch + JSON.parse", pkg: "(b) this package", sdk: "(c) official SDK" };
const OPS = { get: "get one", list: "list 1000", audit: "audit log page of 1000", create: "create one" };

say(`## Figures (${m.date.slice(0, 10)})`, "",
  `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}; load average at the end ${m.loadavg}.`);

for (const [server, c] of Object.entries(calls)) {
  if (!c) continue;
  for (const [mode, perOp] of Object.entries(c.modes)) {
    const header = ["operation", ...["raw", "pkg", "sdk"].map((k) => `${LABEL[k]}: ops/s (µs/op)`), "b/a time", "b/a p10–p90", "c/a time", "b/c time", "CPU µs/op a / b / c", "b/a CPU", "b/c CPU"];
    const rows = Object.entries(perOp).map(([op, r]) => [
      OPS[op] + (r.server?.cpuUsPerCall == null ? "" : ` (server CPU ${fmt(r.server.cpuUsPerCall)} µs/call)`),
      ...["raw", "pkg", "sdk"].map((k) => `${fmt(r[k].opsPerSec)} (${fmt(r[k].usPerOp)})`),
      x(r.pkg.timeRatioToRaw), spread(r.pkg.timeRatioToRawSpread), x(r.sdk.timeRatioToRaw), x(r.pkg.timeRatioToSdk),
      ["raw", "pkg", "sdk"].map((k) => fmt(r[k].cpuUsPerOp)).join(" / "), x(r.pkg.cpuRatioToRaw), x(r.pkg.cpuRatioToSdk),
    ]);
    const how = mode === "sequential" ? "one call at a time" : `${c.concurrency} calls in flight`;
    say(`### Per call over loopback HTTP: ${server === "responder" ? "static responder" : "emulator"}, ${mode} (${how})`, "",
      table(header, rows), "",
      `Medians of ${perOp.get.raw.rounds} interleaved rounds (batches of ${Object.entries(c.batch).map(([k, v]) => `${v} ${k}`).join(", ")}${mode === "concurrent" ? ", doubled" : ""}); ratios are per-round ratios (below 1 = faster); time is wall clock per call, CPU is the client process's user + system time per call.`);
  }
}

if (decode) {
  for (const [kind, perOp] of Object.entries(decode.doubles)) {
    const header = ["operation", "JSON.parse alone µs", "(a) raw µs", "(f) raw, the package's request µs", "(f′) the same as a Request µs",
      "(b) pkg, `fetch` option µs", "(b′) pkg, global fetch µs", "(c) sdk µs", "b − JSON.parse µs", "b/a time", "b′/a time", "b/f′ time", "b′/f time"];
    const rows = Object.entries(perOp).map(([op, r]) => [
      `${OPS[op]} (${fmt(decode.bytes[op])} B)`, fmt(r.parse.usPerOp, 1), fmt(r.raw.usPerOp, 1), fmt(r.floor?.usPerOp, 1), fmt(r.floorRequest?.usPerOp, 1),
      fmt(r.pkg.usPerOp, 1), fmt(r.pkgGlobal?.usPerOp, 1), fmt(r.sdk.usPerOp, 1),
      fmt(r.pkg.overParseUs, 1), x(r.pkg.timeRatioToRaw), x(r.pkgGlobal?.timeRatioToRaw), x(r.pkg.timeRatioToFloor), x(r.pkgGlobal?.timeRatioToFloor),
    ]);
    say(`### The clients' own cost, no network: in-process fetch double (${kind === "prebuilt" ? "prebuilt Response, body already a string" : "a real new Response(text) per call"})`, "", table(header, rows), "",
      "(f) and (f′) are the floors of the package's two paths: raw fetch sending the request the package must send (a controller's signal with a timer, `redirect: \"manual\"`), as fetch(url, init) and as one `Request`, which is what API.md hands a `fetch` option.");
  }
}

if (crossings.list) {
  const rows = Object.entries(crossings).filter(([, c]) => c).map(([op, c]) => [OPS[op], fmt(c.total),
    Object.entries(c.byImport).slice(0, 6).map(([k, v]) => `${k.replace(/^__wbindgen_/, "")} ${v}`).join(", ")]);
  say("### Calls from wasm into JS per operation", "", table(["operation", "calls", "most frequent"], rows));
}

if (startup) {
  const n = startup.node;
  say("### Start-up in Node (a fresh process per sample)", "",
    table(["variant", "import + instantiate ms", "p90 ms", "its CPU ms", "process spawn → exit ms", "over bare node ms"],
      Object.entries(n).map(([v, r]) => [v, fmt(r.importMs, 1), fmt(r.importP90Ms, 1), fmt(r.importCpuMs, 1), fmt(r.wallMs, 1), fmt(r.wallOverBareMs, 1)])));
  if (startup.nodePhases && Object.keys(startup.nodePhases).length) {
    say("pkg's import, phase by phase (median ms): " +
      Object.entries(startup.nodePhases).map(([k, v]) => `${k} ${fmt(v, 1)}`).join("; ") + ".");
  }
  const w = startup.workerd;
  say("### Start-up in workerd (Miniflare; a fresh workerd per sample)", "",
    table(["Worker", "to ready ms", "to first response ms", "over the empty Worker ms", "first request's handler ms"],
      Object.entries(w).map(([v, r]) => [v, fmt(r.readyMs), fmt(r.firstResponseMs), fmt(r.firstResponseOverEmptyMs), fmt(r.handlerMs, 1)])));
}

if (size) {
  const p = size.package;
  say("### Size: the package", "",
    table(["file", "raw B", "gzip B", "brotli B"], [
      ...p.files.map((f) => [f.file.replace(/snippets\/[^/]+\//, "snippets/…/"), fmt(f.raw), fmt(f.gzip), fmt(f.brotli)]),
      ["**what one runtime loads**", fmt(p.totalRaw), `**${fmt(p.totalGzip)}**`, fmt(p.totalBrotli)],
    ]));
  say("### Size: a Worker bundled with esbuild (minified, `workerd` condition)", "",
    table(["Worker", "files", "raw B", "gzip B", "brotli B"],
      Object.entries(size.workers).map(([v, r]) => [v, r.parts.map((q) => q.file.replace(/-[A-Z0-9]{8}\.wasm$/, ".wasm")).join(" + "), fmt(r.raw), fmt(r.gzip), fmt(r.brotli)])));
}

// Issue 15's targets (they replace issue 7's): against the static responder, at one and at 16
// calls in flight; the client's CPU with the in-process double; load size; Node start-up.
const targets = [];
const verdict = (r, limit) => (r <= limit ? "met" : `missed (limit ${fmt(limit, 2)}×)`);
for (const [mode, perOp] of Object.entries(calls.responder?.modes ?? {})) {
  const how = mode === "sequential" ? "one at a time" : `${calls.responder.concurrency} in flight`;
  for (const [op, limit] of [["get", 1.25], ["create", 1.15], ["list", 1.05], ["audit", 1.05]]) {
    const r = perOp[op].pkg.timeRatioToRaw;
    targets.push([`${OPS[op]}, ${how}: b ≤ ${fmt(limit, 2)}× a`, `${x(r)} (p10–p90 ${spread(perOp[op].pkg.timeRatioToRawSpread)})`, verdict(r, limit)]);
  }
  for (const op of OPERATIONS) {
    const r = perOp[op].pkg.timeRatioToSdk;
    targets.push([`${OPS[op]}, ${how}: b ahead of c`, `b/c = ${x(r)}`, r < 1 ? "met" : "missed"]);
  }
}
const prebuilt = decode?.doubles.prebuilt;
if (prebuilt) {
  for (const op of ["get", "create"]) {
    const { pkg, pkgGlobal, floorRequest } = prebuilt[op];
    targets.push([`${OPS[op]}: client CPU per call ≤ 40 µs (in-process double)`,
      `${fmt(pkg.usPerOp, 1)} µs with the double as its \`fetch\` option (a Request per call; raw fetch handed the same Request ${fmt(floorRequest?.usPerOp, 1)} µs); ${fmt(pkgGlobal?.usPerOp, 1)} µs as the global fetch`,
      pkgGlobal?.usPerOp <= 40 ? (pkg.usPerOp <= 40 ? "met" : "met through the global fetch only") : "missed"]);
  }
}
if (size) {
  // 72,100 B: the budget left after the models and the nine operations (issues 10 and 11).
  const t = size.package.totalGzip;
  targets.push(["what one runtime loads ≤ 72,100 B + 4 KB gzip", `${fmt(t)} B`, t <= 72_100 + 4096 ? "met" : "missed"]);
}
if (startup) {
  const t = startup.node.pkg.importMs;
  const floor = startup.node["empty-module"]?.importMs;
  targets.push(["Node: import + new Cloudflare() ≤ 12 ms",
    `${fmt(t, 1)} ms (p90 ${fmt(startup.node.pkg.importP90Ms, 1)}; CPU ${fmt(startup.node.pkg.importCpuMs, 1)} ms)${floor === undefined ? "" : `; a one-line module: ${fmt(floor, 1)} ms`}`,
    t <= 12 ? "met" : "missed"]);
}
if (targets.length) {
  out.unshift("## Targets (issue 15), against the static responder", "", table(["target", "measured", "verdict"], targets), "");
}
const md = out.join("\n");
writeFileSync(path.join(OUT, "results.md"), md);
writeFileSync(path.join(OUT, "results.json"), JSON.stringify({ machine: m, calls, decode, crossings, startup, size, targets }, null, 2));
console.log(md);
