// Shared by the benchmark scripts: statistics, interleaved rounds, formatting, paths.
// Every figure is a median over rounds; a ratio is taken within each round (both sides measured
// back to back, a moment apart) and its median reported, so that a noisy neighbour slowing a
// whole round down moves both sides of the ratio together.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The built package; BENCH_PKG points at another build (a copy, or a variant to compare). */
export const PKG = path.resolve(process.env.BENCH_PKG ?? path.join(ROOT, "pkg"));
/** Generated output (git-ignored): captured bodies, bundles, results.json, results.md. */
export const OUT = path.join(ROOT, "bench", "out");
mkdirSync(OUT, { recursive: true });

export const median = (xs) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The p-th quantile (0..1), nearest rank. */
export const quantile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
};

/** A deterministic shuffle (mulberry32), so a run's client order per round is reproducible. */
export function shuffler(seed = 7) {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (xs) => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
}

/**
 * Runs `rounds` rounds; in each, every variant once, in a shuffled order. `measure(variant,
 * round)` returns one number (per-op time in µs, or ms) for that round. Resolves to
 * { [variant]: number[] } with one entry per round. Bounded by `rounds` and by `deadlineMs`
 * (stops after the round in progress once it passes, with at least `minRounds`).
 */
export async function interleaved(variants, rounds, measure, { deadlineMs = Infinity, minRounds = 3, seed = 7 } = {}) {
  const shuffle = shuffler(seed);
  const samples = Object.fromEntries(variants.map((v) => [v, []]));
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const v of shuffle(variants)) samples[v].push(await measure(v, r));
    if (r + 1 >= minRounds && performance.now() - start > deadlineMs) break;
  }
  return samples;
}

/** Medians of per-round ratios samples[a][i] / samples[b][i]. */
export const ratioMedian = (as, bs) => median(as.map((x, i) => x / bs[i]));

/** The spread of the per-round ratios: [10th, 90th percentile]. */
export const ratioSpread = (as, bs) => {
  const rs = as.map((x, i) => x / bs[i]);
  return [quantile(rs, 0.1), quantile(rs, 0.9)];
};

export const fmt = (x, digits = 0) =>
  Number.isFinite(x) ? x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "n/a";

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** A markdown table from a header row and rows of cells. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map((h, i) => (i === 0 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

/** What the machine is, for the results' header. */
export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadavg: os.loadavg().map((x) => x.toFixed(2)).join(" "),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
  };
}

export const log = (...args) => console.error("[bench]", ...args);

/** gzip -9 size of a buffer (Node's zlib: deterministic for a given input and zlib). */
export const gzipSize = (buf) => gzipSync(buf, { level: 9 }).length;
export const brotliSize = (buf) =>
  brotliCompressSync(buf, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/**
 * What one runtime loads of the package: the .wasm, the wasm-bindgen glue, its snippets (the
 * error classes, the async iterable), api.js and one entry, the largest (index.js, the
 * browsers'). Each file gzipped on its own, as a server or a CDN sends them.
 * Resolves to { files: [{ file, kind, raw, gzip, brotli }], wasmGzip, jsGzip, totalGzip }.
 */
export function loadedSet(pkgDir = PKG) {
  const list = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? list(path.join(dir, e.name)) : [path.join(dir, e.name)]);
  // Builds before node-compat.js (issue 15) have three entries.
  const entries = ["index.js", "node.js", "node-compat.js", "workerd.js"].map((f) => path.join(pkgDir, f)).filter(existsSync);
  const entry = entries.reduce((a, b) => (statSync(a).size >= statSync(b).size ? a : b));
  // Builds before issue 15 shipped the glue, its snippets and api.js beside the entries (each a
  // module the entry imports); since then each entry is one module holding them all.
  const parts = existsSync(path.join(pkgDir, "snippets"))
    ? [
        ["glue", path.join(pkgDir, "cloudflare_organizations.js")],
        ...list(path.join(pkgDir, "snippets")).filter((f) => f.endsWith(".js")).sort().map((f) => ["snippet", f]),
        ["api", path.join(pkgDir, "api.js")],
      ]
    : [];
  const files = [
    ["wasm", path.join(pkgDir, "cloudflare_organizations_bg.wasm")],
    ...parts,
    ["entry", entry],
  ].map(([kind, file]) => {
    const buf = readFileSync(file);
    return { file: path.relative(pkgDir, file), kind, raw: buf.length, gzip: gzipSize(buf), brotli: brotliSize(buf) };
  });
  const sum = (xs, k) => xs.reduce((a, f) => a + f[k], 0);
  const wasm = files.filter((f) => f.kind === "wasm");
  const js = files.filter((f) => f.kind !== "wasm");
  return { files, wasmGzip: sum(wasm, "gzip"), jsGzip: sum(js, "gzip"), totalGzip: sum(files, "gzip"), totalRaw: sum(files, "raw"), totalBrotli: sum(files, "brotli") };
}

/** The pid of the process listening on 127.0.0.1:`port` (Linux /proc), or null. Read-only. */
export function pidListeningOn(port) {
  const inodes = new Set();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is HEX_IP:HEX_PORT; state 0A is LISTEN; the inode is field 9.
      if (f.length > 9 && f[3] === "0A" && parseInt(f[1].split(":")[1], 16) === port) inodes.add(f[9]);
    }
  }
  if (inodes.size === 0) return null;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let fds = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = readlinkSync(`/proc/${pid}/fd/${fd}`).match(/^socket:\[(\d+)\]$/);
        if (m && inodes.has(m[1])) return Number(pid);
      } catch {
        // gone meanwhile
      }
    }
  }
  return null;
}

/** CPU time (user + system, ms) a process has used so far, from /proc/PID/stat; null if unknown. */
export function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 and 15 (utime, stime) in clock ticks; after the ")" they are at 11 and 12.
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux

/**
 * Starts the static responder (bench/responder.mjs) over the captured bodies in its own process:
 * `{ url, stop }`, `url` its base URL. It also stops when this process exits (it reads its stdin,
 * a pipe from here, to the end).
 */
export async function startResponder() {
  const responder = spawn(process.execPath, [path.join(ROOT, "bench", "responder.mjs"), path.join(OUT, "canned")], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const stop = () => {
    if (responder.exitCode === null) responder.kill("SIGTERM");
  };
  process.on("exit", stop);
  const url = await new Promise((resolve, reject) => {
    let out = "";
    responder.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/^READY (\S+)/m);
      if (m) resolve(m[1]);
    });
    responder.on("exit", (code) => reject(new Error(`the responder exited (${code})`)));
    setTimeout(() => reject(new Error("the responder did not start in 10 s")), 10_000).unref();
  });
  return { url, stop };
}
