// The clients' own cost per call in instructions (valgrind's callgrind), which, unlike time, does
// not depend on what else the machine is doing: the figure to judge a change by when its effect is
// smaller than the spread of timed rounds (a few percent of a 1000-item page, say).
//
//   node bench/call-instructions.mjs [--http] [--ops get,create] [PKG_DIR ...]
//                                                        (default: pkg/; needs valgrind)
//
// For raw fetch + JSON.parse and for each PKG_DIR (its node.js, the in-process double as the
// global `fetch`, as bench/decode.mjs's pkgGlobal): each operation is run in a fresh process
// twice, LOW and HIGH calls after one warm-up call, and the figure is the difference over the
// calls between them, so start-up and warm-up cancel out. The processes run with one hash seed
// and V8's helper threads off (`--single-threaded`: garbage collection then runs on the main
// thread and is counted). Printed: all instructions per call, and those outside the garbage
// collector ("mutator"). The collector's share is the noisy one: where its collections fall
// moves with any change to the code and with the machine's timing (one mark-compact in a few
// thousand gets is worth ~12 k instructions a get over a window of 3,000), so the same build
// counted twice can differ by several percent in the total, far less in the mutator column.
// Takes about six minutes per client.
// `--http`: the real global `fetch` against the static responder (bench/responder.mjs, started
// here, in a process of its own and not counted), with one more client, raw fetch sending the
// package's request (bench/clients.mjs, `deadline`): the instructions a call costs the client over
// loopback HTTP, undici included, which timed rounds on this machine cannot resolve to a few
// percent. About a quarter of an hour per client for a get and a create.
// `--fetch-option`: the in-process double handed to each PKG_DIR as its `fetch` option (a `Request`
// per call, API.md), against raw fetch handed the same `Request` (bench/clients.mjs, `asRequest`):
// that path's floor.
// Bodies: bench/out/canned/ (bench/seed.mjs or `make bench` captures them).
//
//   node bench/call-instructions.mjs --child CLIENT OP N [BASE_URL]    (one process: N calls)
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

// [LOW, HIGH] calls per operation. The first calls cost more while V8 compiles: for the pages,
// 29.2 M instructions a page from the 10th to the 40th, then 23.3 M and 23.0 M over the next
// thirty and thirty (raw fetch: 22.5 M and 23.0 M). For a get or a create it lasts longer: the
// engine moves the wasm's hot functions to its optimizing tier once each has run ~1.8 MB of code,
// and the two largest (`prepare`, 15 KB, and the retry loop's state machine, 11 KB) took ~20 ms
// of compiling each, around the 1000th to the 3000th call (bench/RESULTS.md, issue 15).
const CALLS = { get: [3000, 15000], create: [3000, 15000], list: [40, 100], audit: [40, 100] };
// Over HTTP a get costs ~0.65 M instructions (undici's most of them), ~20 ms under callgrind: fewer
// calls, past the same warm-up.
const HTTP_CALLS = { ...CALLS, get: [3000, 8000], create: [3000, 8000] };

/** Functions of V8's garbage collector, as callgrind names them. */
const COLLECTOR = /Scaveng|MarkCompact|Marking|Sweeper|Evacuat|heap::base|Heap::|Compactor|RememberedSet|WeakObjects/;

if (process.argv[2] === "--child") {
  const [, , , client, op, n, baseUrl] = process.argv;
  const { canned, OPERATIONS, packageCalls, rawCalls } = await import("./clients.mjs");
  const { OUT } = await import("./lib.mjs");
  if (!OPERATIONS.includes(op)) throw new Error(`unknown operation ${op}`);
  const { id, doubles } = canned(path.join(OUT, "canned"));
  if (!baseUrl) globalThis.fetch = doubles.prebuilt;
  const options = { baseUrl: baseUrl ?? "http://127.0.0.1:9/client/v4", token: "dev-token", id };
  // `option:` before a client: the double is its `fetch` option, not the global fetch.
  const asOption = client.startsWith("option:");
  const name = asOption ? client.slice("option:".length) : client;
  const fetch = asOption ? doubles.prebuilt : undefined;
  let calls;
  if (name === "raw") calls = rawCalls({ ...options, fetch });
  else if (name === "raw-deadline") calls = rawCalls({ ...options, fetch, deadline: true, asRequest: asOption });
  else {
    const { Cloudflare } = await import(pathToFileURL(path.join(name, "node.js")).href);
    calls = packageCalls(new Cloudflare({ apiToken: options.token, baseUrl: options.baseUrl, fetch }), id);
  }
  const call = calls[op];
  await call();
  for (let i = 0; i < Number(n); i++) await call();
} else {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { http: { type: "boolean", default: false }, "fetch-option": { type: "boolean", default: false }, ops: { type: "string" } },
  });
  if (values.http && values["fetch-option"]) throw new Error("--http and --fetch-option do not go together");
  const prefix = values["fetch-option"] ? "option:" : "";
  const calls = values.http ? HTTP_CALLS : CALLS;
  const ops = values.ops ? values.ops.split(",") : Object.keys(calls);
  const unknown = ops.filter((op) => !calls[op]);
  if (unknown.length > 0) throw new Error(`unknown operation ${unknown.join(", ")}`);
  const dirs = positionals.map((dir) => path.resolve(dir));
  if (dirs.length === 0) dirs.push(fileURLToPath(new URL("../pkg", import.meta.url)));
  if (spawnSync("valgrind", ["--version"]).status !== 0) {
    console.error("valgrind is not installed (apt-get install valgrind)");
    process.exit(2);
  }
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS; // a CA bundle parsed at every start: slower, and nothing to do with the calls
  const script = fileURLToPath(import.meta.url);
  const { startResponder } = await import("./lib.mjs");
  const responder = values.http ? await startResponder() : undefined;
  const baseUrl = responder?.url;
  /** [all, collector] instructions of one process making `n` calls. */
  const count = (client, op, n) => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "call-instructions-")), "callgrind.out");
    try {
      const run = spawnSync(
        "valgrind",
        ["--tool=callgrind", `--callgrind-out-file=${out}`, process.execPath, "--hash-seed=1", "--single-threaded", script, "--child", client, op, String(n), ...(baseUrl ? [baseUrl] : [])],
        { env, encoding: "utf8", maxBuffer: 1 << 24 },
      );
      const collected = /Collected : (\d+)/.exec(run.stderr);
      if (run.status !== 0 || !collected) throw new Error(`${client} ${op} ${n}: ${run.stderr.slice(-500)}`);
      const annotated = spawnSync("callgrind_annotate", ["--threshold=100", out], { encoding: "utf8", maxBuffer: 1 << 28 });
      if (annotated.status !== 0) throw new Error(`callgrind_annotate: ${annotated.stderr.slice(-500)}`);
      let collector = 0;
      for (const line of annotated.stdout.split("\n")) {
        const cost = /^\s*([\d,]+) \([^)]*\)\s+(.*)$/.exec(line);
        if (cost && !cost[2].includes("PROGRAM TOTALS") && COLLECTOR.test(cost[2])) collector += Number(cost[1].replaceAll(",", ""));
      }
      return [Number(collected[1]), collector];
    } finally {
      rmSync(path.dirname(out), { recursive: true, force: true });
    }
  };
  /** [all, mutator] instructions per call between the operation's two call counts. */
  const perCall = (client, op) => {
    const [low, high] = calls[op];
    const [allLow, gcLow] = count(client, op, low);
    const [allHigh, gcHigh] = count(client, op, high);
    const all = (allHigh - allLow) / (high - low);
    return [all, all - (gcHigh - gcLow) / (high - low)];
  };
  const clients = [
    ["raw fetch + JSON.parse", "raw"],
    ...(values.http ? [["raw, the package's request", "raw-deadline"]] : []),
    ...(values["fetch-option"] ? [["raw, the same Request", "raw-deadline"]] : []),
    ...dirs.map((dir) => [path.relative(process.cwd(), dir) || dir, dir]),
  ].map(([label, client]) => [label, prefix + client]);
  const figure = (n, base) => `${(n / 1e3).toFixed(1)} k${base === undefined ? "" : ` (${(n / base).toFixed(3)}×)`}`;
  const against = baseUrl
    ? "the global fetch over HTTP to the static responder"
    : `in-process double as ${prefix ? "each client's fetch option" : "the global fetch"}`;
  console.log(`instructions per call (callgrind, ${against}; ${ops.map((op) => `${op} calls ${calls[op].join("-")}`).join(", ")})`);
  console.log(["client".padEnd(28), ...ops.flatMap((op) => [`${op} all`.padStart(20), `${op} mutator`.padStart(20)])].join(""));
  const raw = {};
  for (const [label, client] of clients) {
    const cells = [];
    for (const op of ops) {
      const [all, mutator] = perCall(client, op);
      if (client === `${prefix}raw`) raw[op] = [all, mutator];
      const [rawAll, rawMutator] = client === `${prefix}raw` ? [] : raw[op];
      cells.push(figure(all, rawAll).padStart(20), figure(mutator, rawMutator).padStart(20));
    }
    console.log([label.padEnd(28), ...cells].join(""));
  }
  console.log("(×: over raw fetch's count for the same operation; mutator: outside the garbage collector)");
  responder?.stop();
}
