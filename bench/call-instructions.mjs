// The clients' own cost per call in instructions (valgrind's callgrind), which, unlike time, does
// not depend on what else the machine is doing: the figure to judge a change by when its effect is
// smaller than the spread of timed rounds (a few percent of a 1000-item page, say).
//
//   node bench/call-instructions.mjs [PKG_DIR ...]      (default: pkg/; needs valgrind)
//
// For raw fetch + JSON.parse and for each PKG_DIR (its node.js, the in-process double as the
// global `fetch`, as bench/decode.mjs's pkgGlobal): each operation is run in a fresh process
// twice, LOW and HIGH calls after one warm-up call, and the figure is the difference over the
// calls between them, so start-up and warm-up cancel out. The processes run with one hash seed
// and V8's helper threads off (`--single-threaded`: garbage collection then runs on the main
// thread and is counted). A build counted twice gives the same figure, but where the garbage
// collections fall moves with any change to the code: between two builds that differ nowhere on
// an operation's path, its figure moved by up to 2% (get, create) and 4% (a page). So it settles
// changes of a few percent, not of one. Takes about four minutes per client.
// Bodies: bench/out/canned/ (bench/seed.mjs or `make bench` captures them).
//
//   node bench/call-instructions.mjs --child CLIENT OP N    (one process: N calls)
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// [LOW, HIGH] calls per operation. The first few dozen pages cost more (V8 compiling the hot
// functions, on the main thread here): measured for the package's 1000-item list, 29.2 M
// instructions a page from the 10th to the 40th, then 23.3 M and 23.0 M over the next thirty and
// thirty (raw fetch: 22.5 M and 23.0 M). Hence counts taken well after that.
const CALLS = { get: [300, 1300], create: [300, 1300], list: [40, 100], audit: [40, 100] };

if (process.argv[2] === "--child") {
  const [, , , client, op, n] = process.argv;
  const { canned, OPERATIONS, packageCalls, rawCalls } = await import("./clients.mjs");
  const { OUT } = await import("./lib.mjs");
  if (!OPERATIONS.includes(op)) throw new Error(`unknown operation ${op}`);
  const { id, doubles } = canned(path.join(OUT, "canned"));
  globalThis.fetch = doubles.prebuilt;
  const options = { baseUrl: "http://127.0.0.1:9/client/v4", token: "dev-token", id };
  let calls;
  if (client === "raw") calls = rawCalls(options);
  else {
    const { Cloudflare } = await import(pathToFileURL(path.join(client, "node.js")).href);
    calls = packageCalls(new Cloudflare({ apiToken: options.token, baseUrl: options.baseUrl }), id);
  }
  const call = calls[op];
  await call();
  for (let i = 0; i < Number(n); i++) await call();
} else {
  const dirs = process.argv.slice(2).map((dir) => path.resolve(dir));
  if (dirs.length === 0) dirs.push(fileURLToPath(new URL("../pkg", import.meta.url)));
  if (spawnSync("valgrind", ["--version"]).status !== 0) {
    console.error("valgrind is not installed (apt-get install valgrind)");
    process.exit(2);
  }
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS; // a CA bundle parsed at every start: slower, and nothing to do with the calls
  const script = fileURLToPath(import.meta.url);
  const count = (client, op, n) => {
    const run = spawnSync(
      "valgrind",
      ["--tool=callgrind", "--callgrind-out-file=/dev/null", process.execPath, "--hash-seed=1", "--single-threaded", script, "--child", client, op, String(n)],
      { env, encoding: "utf8", maxBuffer: 1 << 24 },
    );
    const collected = /Collected : (\d+)/.exec(run.stderr);
    if (run.status !== 0 || !collected) throw new Error(`${client} ${op} ${n}: ${run.stderr.slice(-500)}`);
    return Number(collected[1]);
  };
  const perCall = (client, op) => {
    const [low, high] = CALLS[op];
    return (count(client, op, high) - count(client, op, low)) / (high - low);
  };
  const clients = [["raw fetch + JSON.parse", "raw"], ...dirs.map((dir) => [path.relative(process.cwd(), dir) || dir, dir])];
  console.log(`instructions per call (callgrind, in-process double as the global fetch; ${Object.entries(CALLS).map(([op, [l, h]]) => `${op} ${h - l} calls`).join(", ")})`);
  console.log(["client".padEnd(28), ...Object.keys(CALLS).map((op) => op.padStart(22))].join(""));
  const raw = {};
  for (const [label, client] of clients) {
    const cells = [];
    for (const op of Object.keys(CALLS)) {
      const n = perCall(client, op);
      if (client === "raw") raw[op] = n;
      const ratio = client === "raw" ? "" : ` (${(n / raw[op]).toFixed(3)}×)`;
      cells.push(`${(n / 1e3).toFixed(1)} k${ratio}`.padStart(22));
    }
    console.log([label.padEnd(28), ...cells].join(""));
  }
  console.log("(×: over raw fetch's count for the same operation)");
}
