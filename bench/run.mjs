// `make bench`: every benchmark, one after another, each in its own Node process (all clients of
// one benchmark in that one process), then the report. Runs under scripts/with-emulator.sh
// (EMULATOR_URL, EMULATOR_ADMIN, EMULATOR_TOKEN), which bench/mk starts on loopback.
//
//   1. seed the emulator with 1000 organizations and one organization's 1000 audit log entries;
//      capture get/list/audit/create bodies (bench/seed.mjs)
//   2. start the static responder on loopback, replaying them (bench/responder.mjs)
//   3. per-call cost over HTTP against the responder, then the emulator (bench/calls.mjs)
//   4. the clients' own cost with an in-process fetch double (bench/decode.mjs)
//   5. wasm -> JS calls per operation (bench/profile.mjs with BENCH_CROSSINGS=1)
//   6. start-up in Node and in workerd (bench/startup.mjs)
//   7. sizes (bench/size.mjs)
//   8. bench/out/results.md and results.json (bench/report.mjs), printed
//
// BENCH_ONLY=calls,decode,... runs a subset (the seed and the responder always run);
// BENCH_SERVERS=responder (or emulator) runs the per-call benchmark against one server only.
// Everything is bounded (rounds and per-part deadlines) and talks to 127.0.0.1 only.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { OPERATIONS, PAGED } from "./clients.mjs";
import { log, OUT, ROOT, startResponder } from "./lib.mjs";

const env = process.env;
if (!env.EMULATOR_URL) {
  console.error("run under scripts/with-emulator.sh (make bench does)");
  process.exit(2);
}
const only = env.BENCH_ONLY ? new Set(env.BENCH_ONLY.split(",")) : null;
const want = (part) => !only || only.has(part);

/** Runs `node bench/<script> args...`, output passed through; rejects on failure. */
function node(script, args = [], extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bench", script), ...args], {
      cwd: ROOT,
      env: { ...env, ...extraEnv },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`bench/${script} exited with ${code}`))));
  });
}

const started = performance.now();
log("seeding the emulator");
await node("seed.mjs");
const id = readFileSync(path.join(OUT, "canned", "id"), "utf8").trim();

log("starting the static responder");
const responder = await startResponder();
const responderUrl = responder.url;

try {
  const token = env.EMULATOR_TOKEN;
  const servers = (env.BENCH_SERVERS ?? "responder,emulator").split(",");
  if (want("calls") && servers.includes("responder")) {
    log(`per-call cost against the static responder (${responderUrl})`);
    await node("calls.mjs", ["responder", responderUrl, token, id]);
  }
  if (want("calls") && servers.includes("emulator")) {
    log(`per-call cost against the emulator (${env.EMULATOR_URL})`);
    await node("calls.mjs", ["emulator", env.EMULATOR_URL, token, id]);
  }
  if (want("decode")) {
    log("the clients' own cost, in-process fetch double");
    await node("decode.mjs");
  }
  if (want("crossings")) {
    for (const op of OPERATIONS) {
      await node("profile.mjs", ["pkg", op, PAGED.has(op) ? "20" : "200"], { BENCH_CROSSINGS: "1" });
    }
  }
  if (want("startup")) {
    log("start-up in Node and workerd");
    await node("startup.mjs", [responderUrl, token, id]);
  }
  if (want("size")) {
    log("sizes");
    await node("size.mjs");
  }
} finally {
  responder.stop();
}
await node("report.mjs");
log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s; ${path.join(OUT, "results.md")}`);
process.exit(0);
