// The launcher behind `make demo` (demo/main.mjs): tour, then dashboard + proxy, and a clean
// stop on SIGTERM that takes the emulator process down with it.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { emulatorFromEnv, resetEmulator, isolatedEnv, start, NO_EMULATOR, skipWithoutEmulator } from "./harness.mjs";

const MAIN = fileURLToPath(new URL("./main.mjs", import.meta.url));
const emulator = emulatorFromEnv();

function alive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

describe("make demo's launcher", { skip: skipWithoutEmulator(emulator, NO_EMULATOR) }, () => {
  before(() => resetEmulator(emulator));

  it("with CLOUDFLARE_API_TOKEN: tours that API, serves the dashboard and its proxy, stops on SIGTERM", async () => {
    const env = isolatedEnv({ CLOUDFLARE_API_TOKEN: emulator.token, CLOUDFLARE_BASE_URL: emulator.url });
    const demo = start(process.execPath, [MAIN, "--port", "0"], { env });
    try {
      await demo.waitFor(/CLOUDFLARE_API_TOKEN is set: using/, 10_000);
      const [, url] = await demo.waitFor(/dashboard: (?:\x1b\[1m)?(http:\/\/\S+?\/)(?:\x1b|$)/, 120_000);
      assert.ok(demo.lines.some((l) => l.includes("Tour complete")), demo.lines.join("\n"));
      assert.ok(!demo.lines.some((l) => l.includes(emulator.token) && emulator.token.length > 3), "the token was printed");
      const page = await fetch(url);
      assert.equal(page.status, 200);
      const list = await fetch(`${url}client/v4/organizations?page_size=1`);
      assert.equal(list.status, 200);
      assert.equal((await list.json()).success, true);
    } finally {
      demo.child.kill("SIGTERM");
    }
    const { code } = await demo.exited;
    assert.equal(code, 0);
  });

  it("starts the emulator command, waits for READY, and stops it on SIGTERM", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "demo-main-"));
    const pidFile = path.join(dir, "pid");
    // A stand-in launcher: announces the running emulator's URL and stays up like a server.
    const fake = `require("fs").writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); console.log("READY ${emulator.url}"); setInterval(() => {}, 1000);`;
    const demo = start(process.execPath, [MAIN, "--port", "0", "--", process.execPath, "-e", fake], { env: isolatedEnv({ EMULATOR_TOKEN: emulator.token }) });
    await demo.waitFor(/dashboard: /, 120_000);
    assert.ok(demo.lines.some((l) => l.startsWith("[emulator] READY")));
    assert.ok(demo.lines.some((l) => l.includes("Tour complete")), demo.lines.join("\n"));
    const pid = Number(await readFile(pidFile, "utf8"));
    assert.ok(alive(pid));
    demo.child.kill("SIGTERM");
    const { code } = await demo.exited;
    assert.equal(code, 0);
    assert.equal(alive(pid), false, "the emulator process outlived the demo");
  });

  it("stops the emulator command and what it started when interrupted before READY (during a build)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "demo-main-"));
    const pidFile = path.join(dir, "pid");
    // A stand-in for `make emulator` while it is still compiling: a child busy with work, no READY yet.
    const building = `const c = require("child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
      require("fs").writeFileSync(${JSON.stringify(pidFile)}, String(c.pid)); console.log("compiling…"); setInterval(() => {}, 1000);`;
    const demo = start(process.execPath, [MAIN, "--port", "0", "--", process.execPath, "-e", building], { env: isolatedEnv() });
    await demo.waitFor(/\[emulator\] compiling…/, 10_000);
    const pid = Number(await readFile(pidFile, "utf8"));
    assert.ok(alive(pid));
    demo.child.kill("SIGINT");
    const { code } = await demo.exited;
    assert.equal(code, 0);
    assert.equal(alive(pid), false, "the build outlived the demo");
  });

  it("exits 1 when the emulator stops before it is ready", async () => {
    const demo = start(process.execPath, [MAIN, "--port", "0", "--", process.execPath, "-e", "console.log('building…'); process.exit(3)"], { env: isolatedEnv() });
    const { code } = await demo.exited;
    assert.equal(code, 1);
    assert.ok(demo.lines.some((l) => /emulator exited \(code 3\) before it was ready/.test(l)), demo.lines.join("\n"));
  });
});
