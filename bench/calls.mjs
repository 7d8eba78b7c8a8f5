// Per-call cost over loopback HTTP: the three clients (bench/clients.mjs) in this one process,
// against one server, rounds interleaved (each round runs every client once per operation, in a
// shuffled order), medians over rounds, and each client's time per operation over raw fetch's
// in the same round.
//
//   node bench/calls.mjs LABEL BASE_URL TOKEN ID     writes bench/out/calls-LABEL.json
//
// Sequential: one call at a time (latency-bound, what a Worker handling one request sees).
// Concurrent: BENCH_CONCURRENCY calls in flight (default 16, issue 15's figure; throughput-bound, a batch job).
// Bounded: BENCH_ROUNDS rounds (default 25) and BENCH_DEADLINE_S seconds per mode (default 80:
// 20 s per operation).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { checkClients, CLIENTS, makeClients, OPERATIONS } from "./clients.mjs";
import { interleaved, log, median, OUT, pidListeningOn, processCpuMs, ratioMedian, ratioSpread } from "./lib.mjs";

const [label, baseUrl, token, id] = process.argv.slice(2);
if (!id) {
  console.error("usage: node bench/calls.mjs LABEL BASE_URL TOKEN ID");
  process.exit(2);
}
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const DEADLINE_MS = Number(process.env.BENCH_DEADLINE_S ?? 80) * 1000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
// Calls per client per round: about 20-50 ms of work each on this kind of machine.
const BATCH = { get: 100, list: 6, audit: 6, create: 100 };

const clients = await makeClients({ baseUrl, token, id });
// The server's own CPU per request (from /proc, 10 ms ticks, summed over a whole run): shows
// whether the server, on the same two cores, is a meaningful share of a call.
const serverPid = pidListeningOn(Number(new URL(baseUrl).port));
await checkClients(clients, id);

/** CPU µs per call of the last batch of each client (this process's user + system time). */
const cpu = {};

/** Runs `count` calls of `op`, `concurrency` at a time; resolves to µs per call (wall clock). */
async function batch(client, op, count, concurrency) {
  const call = clients[client][op];
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  if (concurrency === 1) {
    for (let i = 0; i < count; i++) await call();
  } else {
    let next = 0;
    const worker = async () => {
      while (next++ < count) await call();
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
  const wall = ((performance.now() - start) * 1000) / count;
  const used = process.cpuUsage(cpuStart);
  (cpu[client] ??= []).push((used.user + used.system) / count);
  return wall;
}

const results = { label, baseUrl, concurrency: CONCURRENCY, batch: BATCH, modes: {} };
for (const [mode, concurrency] of [["sequential", 1], ["concurrent", CONCURRENCY]]) {
  // Warm-up: every client and operation, unmeasured, so that the JIT and the connection pool
  // are in their steady state before round 1.
  for (const op of OPERATIONS) for (const c of CLIENTS) await batch(c, op, BATCH[op] * 2, concurrency);
  const perOp = {};
  for (const op of OPERATIONS) {
    const count = BATCH[op] * (concurrency === 1 ? 1 : 2);
    for (const c of CLIENTS) cpu[c] = [];
    const serverBefore = serverPid && processCpuMs(serverPid);
    let calls = 0;
    const samples = await interleaved(CLIENTS, ROUNDS, (c) => ((calls += count), batch(c, op, count, concurrency)), {
      deadlineMs: DEADLINE_MS / OPERATIONS.length,
      seed: op.length * 31 + concurrency,
    });
    const serverAfter = serverPid && processCpuMs(serverPid);
    const serverCpuUsPerCall = serverBefore == null || serverAfter == null ? null : ((serverAfter - serverBefore) * 1000) / calls;
    perOp[op] = Object.fromEntries(
      CLIENTS.map((c) => [c, {
        usPerOp: median(samples[c]),
        opsPerSec: 1e6 / median(samples[c]),
        // Time per call over raw fetch's, median of the per-round ratios.
        timeRatioToRaw: ratioMedian(samples[c], samples.raw),
        timeRatioToRawSpread: ratioSpread(samples[c], samples.raw),
        timeRatioToSdk: ratioMedian(samples[c], samples.sdk),
        // The same from this process's CPU time: what the client itself burns, without the
        // time spent waiting for the server or for a core on a busy machine.
        cpuUsPerOp: median(cpu[c]),
        cpuRatioToRaw: ratioMedian(cpu[c], cpu.raw),
        cpuRatioToSdk: ratioMedian(cpu[c], cpu.sdk),
        rounds: samples[c].length,
      }]),
    );
    perOp[op].server = { pid: serverPid, cpuUsPerCall: serverCpuUsPerCall, calls };
    log(`${label} ${mode} ${op}: ` + CLIENTS.map((c) => `${c} ${perOp[op][c].usPerOp.toFixed(0)} µs (${perOp[op][c].timeRatioToRaw.toFixed(2)}x)`).join(", ") +
      (serverCpuUsPerCall == null ? "" : `; server CPU ${serverCpuUsPerCall.toFixed(0)} µs/call`));
  }
  results.modes[mode] = perOp;
}
writeFileSync(path.join(OUT, `calls-${label}.json`), JSON.stringify(results, null, 2));
// Keep-alive sockets would hold the process open.
process.exit(0);
