// Helpers shared by the demo's tests and the end-to-end tests: the emulator the test script
// started (scripts/with-emulator.sh exports its URLs), and child processes to run and read.
import { spawn } from "node:child_process";
import readline from "node:readline";

/** { url, admin, token } from scripts/with-emulator.sh, or null when no emulator was started. */
export function emulatorFromEnv(env = process.env) {
  if (!env.EMULATOR_URL) return null;
  return {
    url: env.EMULATOR_URL,
    admin: env.EMULATOR_ADMIN ?? env.EMULATOR_URL.replace(/\/client\/v4\/?$/, "/__emulator"),
    token: env.EMULATOR_TOKEN ?? "dev-token",
  };
}

export const NO_EMULATOR = "no emulator: run through scripts/with-emulator.sh (make test-demo / make test-www)";

/**
 * The `skip` option of a suite that needs the emulator: false when there is one, else
 * `reason`. Under `make test` (REQUIRE_EMULATOR=1) a suite without one fails to load instead
 * of skipping itself green.
 */
export function skipWithoutEmulator(emulator, reason = NO_EMULATOR) {
  if (emulator) return false;
  if (process.env.REQUIRE_EMULATOR === "1") throw new Error(`${reason}; make test requires it`);
  return reason;
}

/** Puts the emulator back to its demo data, so each suite starts from the same state. */
export async function resetEmulator(emulator, seed = "demo") {
  const response = await fetch(`${emulator.admin}/reset`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ seed }),
  });
  if (!response.ok) throw new Error(`emulator reset answered ${response.status}: ${await response.text()}`);
}

/** The environment without any real-API credentials, so a test can never reach Cloudflare. */
export function isolatedEnv(extra = {}) {
  const env = { ...process.env, NO_COLOR: "1" };
  for (const name of ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_EMAIL", "CLOUDFLARE_API_KEY", "CLOUDFLARE_BASE_URL"]) delete env[name];
  return { ...env, ...extra };
}

/** Runs a command to its end: { code, signal, output } (stdout and stderr interleaved). */
export function run(command, args, { env, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c) => { output += c; });
    child.stderr.on("data", (c) => { output += c; });
    const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`timed out:\n${output}`)); }, timeoutMs);
    child.on("error", reject);
    child.on("exit", (code, signal) => { clearTimeout(timer); resolve({ code, signal, output }); });
  });
}

/**
 * Starts a long-running command and lets a test wait for a line matching a pattern.
 * Returns { child, lines, waitFor(regex, ms), exited }.
 */
export function start(command, args, { env } = {}) {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const lines = [];
  const waiters = [];
  const onLine = (line) => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      const match = waiter.pattern.exec(line);
      if (match) { waiters.splice(waiters.indexOf(waiter), 1); waiter.resolve(match); }
    }
  };
  readline.createInterface({ input: child.stdout }).on("line", onLine);
  readline.createInterface({ input: child.stderr }).on("line", onLine);
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const waitFor = (pattern, ms = 60_000) => new Promise((resolve, reject) => {
    const found = lines.map((line) => pattern.exec(line)).find(Boolean);
    if (found) return resolve(found);
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${ms} ms:\n${lines.join("\n")}`)), ms);
    waiters.push({ pattern, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    exited.then(() => setTimeout(() => reject(new Error(`exited before a line matching ${pattern}:\n${lines.join("\n")}`)), 50));
  });
  return { child, lines, waitFor, exited };
}
