// Sizes: the package as shipped (the .wasm raw and gzipped, the glue, the snippets, the entries),
// and a Worker bundled with esbuild (bench/workers.mjs): this package against the official SDK
// whole and tree-shaken. Gzip -9 and brotli -11, each file on its own.
//
//   node bench/size.mjs        writes bench/out/size.json
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliSize, gzipSize, loadedSet, log, OUT } from "./lib.mjs";
import { buildWorkers } from "./workers.mjs";

const set = loadedSet();
const workers = await buildWorkers();
const bundles = {};
for (const [name, { dir, files }] of Object.entries(workers)) {
  const parts = Object.keys(files).map((f) => {
    const buf = readFileSync(path.join(dir, f));
    return { file: f, raw: buf.length, gzip: gzipSize(buf), brotli: brotliSize(buf) };
  });
  const sum = (k) => parts.reduce((a, p) => a + p[k], 0);
  bundles[name] = { parts, raw: sum("raw"), gzip: sum("gzip"), brotli: sum("brotli") };
  log(`worker ${name}: ${bundles[name].raw} B raw, ${bundles[name].gzip} B gzip (${parts.map((p) => p.file).join(" + ")})`);
}
log(`package loaded set: ${set.totalGzip} B gzip (wasm ${set.wasmGzip} + JS ${set.jsGzip})`);
writeFileSync(path.join(OUT, "size.json"), JSON.stringify({ package: set, workers: bundles }, null, 2));
