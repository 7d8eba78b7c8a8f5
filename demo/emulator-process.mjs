// Runs the emulator as a child process (its own process group, so stopping it also stops
// anything its launcher started, e.g. `make emulator` → the binary) and waits for its
// "READY <url>" line.
import { spawn } from "node:child_process";
import readline from "node:readline";

/**
 * Spawns `command` and resolves to { url, stop() } once it prints `READY <url>`; rejects if it
 * exits first or takes longer than `timeoutMs` (the first run may compile it). Each of its
 * output lines goes to `log` with an "[emulator]" prefix.
 */
export function startEmulator(command, { timeoutMs = 15 * 60_000, log = console.log, env = process.env } = {}) {
  const child = spawn(command[0], command.slice(1), { detached: true, stdio: ["ignore", "pipe", "pipe"], env });
  let exited = false;
  const exit = new Promise((resolve) => child.once("exit", (code, signal) => { exited = true; resolve({ code, signal }); }));

  const stop = async () => {
    if (exited) return;
    try { process.kill(-child.pid, "SIGTERM"); } catch { /* already gone */ }
    const killer = setTimeout(() => { try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ } }, 5000);
    await exit;
    clearTimeout(killer);
  };

  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => { stop(); reject(new Error(`the emulator printed no READY line within ${timeoutMs / 1000} s`)); }, timeoutMs);
    const onLine = (line) => {
      log(`[emulator] ${line}`);
      const match = /READY\s+(https?:\/\/\S+)/.exec(line);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    };
    readline.createInterface({ input: child.stdout }).on("line", onLine);
    readline.createInterface({ input: child.stderr }).on("line", onLine);
    child.once("error", (error) => { clearTimeout(timer); reject(error); });
    exit.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`the emulator exited (${signal ?? `code ${code}`}) before it was ready`)); });
  });

  return ready.then((url) => ({ url, stop, exited: exit }));
}
