// The client's own cost, with no network: each client gets an in-process `fetch` double that
// answers at once with the bytes the emulator sent (bench/out/canned/), so what is timed is
// building the request, handing it to fetch, reading the body and turning it into the result.
//
//   node bench/decode.mjs        writes bench/out/decode.json
//
// Two kinds of double:
//   prebuilt  a Response subclass whose text()/json() hand back the string already in memory
//             (`instanceof Response` holds, headers are real): the cost of the body stream is
//             taken out, leaving JSON.parse + what each client does around it.
//   response  a real `new Response(text)` per call, as a service binding or a test double gives:
//             adds the runtime's body stream (UTF-8 encode, read, decode) that any client pays.
// Two ways for the package: with the double as its `fetch` option (pkg: a Request per call, as
// API.md gives that option), and with the double as the global fetch (pkgGlobal: fetch(url, init),
// the call raw and the SDK make).
// The floor is JSON.parse of the same string. For the 1000-organization page, pkg − parse is the
// package's decode cost: JSON.parse by the engine (the same as the floor) + the validation of
// the envelope and of each item (Reflect lookups across the wasm boundary) + request building.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { canned, CLIENTS, importPackage, makeClients, OPERATIONS, packageCalls, rawCalls } from "./clients.mjs";
import { interleaved, log, median, OUT, ratioMedian } from "./lib.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const { text, id, doubles } = canned(path.join(OUT, "canned"));
const BASE = "http://127.0.0.1:9/client/v4"; // never reached: every fetch is the double

const BATCH = { get: 400, list: 8, audit: 8, create: 400 };
const results = { batch: BATCH, bytes: Object.fromEntries(OPERATIONS.map((op) => [op, Buffer.byteLength(text[op])])), doubles: {} };
// pkgGlobal: the package with no `fetch` option, the double standing in for the global fetch.
// It then calls fetch(url, init) as raw and the SDK do; given a `fetch` option (pkg), it hands
// over a Request (API.md), whose construction with a signal is most of its cost in Node 20.
// The floor of each path: raw fetch sending the request the package must send (a controller's
// signal with a timer, `redirect: "manual"`), as fetch(url, init) (floor) and as one Request
// (floorRequest).
const VARIANTS = ["parse", ...CLIENTS, "pkgGlobal", "floor", "floorRequest"];
/** The floor of each of the package's paths. */
const FLOOR_OF = { pkg: "floorRequest", pkgGlobal: "floor" };
const { Cloudflare } = await importPackage();

for (const [kind, fetch] of Object.entries(doubles)) {
  const clients = await makeClients({ baseUrl: BASE, token: "dev-token", id, fetch });
  globalThis.fetch = fetch;
  clients.pkgGlobal = packageCalls(new Cloudflare({ apiToken: "dev-token", baseUrl: BASE }), id);
  const floorOptions = { baseUrl: BASE, token: "dev-token", id, fetch, deadline: true };
  clients.floor = rawCalls(floorOptions);
  clients.floorRequest = rawCalls({ ...floorOptions, asRequest: true });
  const run = async (variant, op, count) => {
    const start = performance.now();
    if (variant === "parse") {
      const body = text[op];
      for (let i = 0; i < count; i++) if (!JSON.parse(body).success) throw new Error("parse");
    } else {
      const call = clients[variant][op];
      for (let i = 0; i < count; i++) await call();
    }
    return ((performance.now() - start) * 1000) / count;
  };
  for (const op of OPERATIONS) for (const v of VARIANTS) await run(v, op, BATCH[op] * 3);
  const perOp = {};
  for (const op of OPERATIONS) {
    const samples = await interleaved(VARIANTS, ROUNDS, (v) => run(v, op, BATCH[op]), { deadlineMs: 20_000, seed: op.length });
    perOp[op] = Object.fromEntries(VARIANTS.map((v) => [v, {
      usPerOp: median(samples[v]),
      timeRatioToParse: ratioMedian(samples[v], samples.parse),
      overParseUs: median(samples[v].map((x, i) => x - samples.parse[i])),
      timeRatioToRaw: ratioMedian(samples[v], samples.raw),
      timeRatioToFloor: FLOOR_OF[v] && ratioMedian(samples[v], samples[FLOOR_OF[v]]),
      rounds: samples[v].length,
    }]));
    log(`decode ${kind} ${op}: ` + VARIANTS.map((v) => `${v} ${perOp[op][v].usPerOp.toFixed(1)} µs`).join(", "));
  }
  results.doubles[kind] = perOp;
}
writeFileSync(path.join(OUT, "decode.json"), JSON.stringify(results, null, 2));
