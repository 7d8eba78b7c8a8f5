// Runs the emulator as a child process (its own process group, so stopping it also stops
// anything its launcher started, e.g. `make emulator` → the binary) and waits for its
// "READY <url>" line.
import { spawn } from "node:child_process";
import readline from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Spawns `command` at once and returns { stop(), ready, exited }: `ready` resolves to the URL of
 * its `READY <url>` line, and rejects if it exits first or takes longer than `timeoutMs` (the
 * first run may compile it). `stop` works from the start, so an interrupt during that build
 * leaves nothing behind. Each output line goes to `log` with an "[emulator]" prefix.
 */
export function startEmulator(command, { timeoutMs = 15 * 60_000, log = console.log, env = process.env } = {}) {
  const child = spawn(command[0], command.slice(1), { detached: true, stdio: ["ignore", "pipe", "pipe"], env });
  let exited = false;
  const exit = new Promise((resolve) => child.once("exit", (code, signal) => { exited = true; resolve({ code, signal }); }));
  const signalGroup = (signal) => {
    try { process.kill(-child.pid, signal); return true; } catch { return false; }
  };

  // The whole process group, not only the direct child: a launcher (make, a shell) may be gone
  // while what it started (a build, the emulator) is still running.
  const stop = async () => {
    if (!signalGroup("SIGTERM")) return;
    for (let waited = 0; waited < 5000 && signalGroup(0); waited += 100) await sleep(100);
    signalGroup("SIGKILL");
    if (!exited) await exit;
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

  ready.catch(() => {}); // the caller may stop before awaiting it
  return { ready, stop, exited: exit };
}
