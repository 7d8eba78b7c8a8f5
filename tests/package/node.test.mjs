// Node: a fresh project installs the packed package and uses it with no init call, as an ES module
// and through CommonJS `require`, on this machine's Node (20) and, when `make package-tools`
// installed it, Node 22; the entry for Nodes without "module-sync" too; and what console.log
// shows of it.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import {
  assertConsole, assertScenario, cliFixtures, emulator, fixture, freshProject, NO_EMULATOR, NODE22, run, runOk, scenarioConfig,
  skipWithoutEmulator,
} from "./helpers.mjs";

const NODES = [
  ["node " + process.versions.node, process.execPath],
  ["node 22", existsSync(NODE22) ? NODE22 : null],
];

describe("node: a fresh project", { skip: skipWithoutEmulator(emulator, NO_EMULATOR) }, () => {
  let dir;
  before(async () => {
    dir = await freshProject("node", {
      ...cliFixtures(),
      "esm.mjs": fixture("node-esm.mjs"),
      "cjs.cjs": fixture("node-cjs.cjs"),
      "compat.mjs": fixture("node-compat.mjs"),
      "hot-loop.mjs": fixture("node-hot-loop.mjs"),
    });
  });

  for (const [label, node] of NODES) {
    const skip = node ? false : "no Node 22 in .tools/ (make package-tools installs it)";
    const esm = (mode) => runOk(node, ["esm.mjs", mode, JSON.stringify(scenarioConfig())], { cwd: dir });

    it(`${label}: import { Cloudflare } works with no init call, every method and error`, { skip }, async () => {
      const { stdout, stderr } = await esm("scenario");
      assertScenario(JSON.parse(stdout));
      assert.equal(stderr, "", "nothing on stderr (no warnings)");
    });

    it(`${label}: require("cloudflare-organizations") gives the same module`, { skip }, async () => {
      const { stdout } = await runOk(node, ["cjs.cjs", JSON.stringify(scenarioConfig())], { cwd: dir });
      const report = JSON.parse(stdout);
      assert.equal(report.sameAsImport, true, "require and import share one module instance");
      assertScenario(report);
    });

    const withoutGetBuiltinModule = ["--import", "data:text/javascript,delete process.getBuiltinModule"];

    it(`${label}: node-compat.js (Nodes without "module-sync") runs the scenario, and without process.getBuiltinModule (before 20.16) reads its .wasm through createRequire`, { skip }, async () => {
      for (const flags of [[], withoutGetBuiltinModule]) {
        const { stdout, stderr } = await runOk(node, [...flags, "compat.mjs", "scenario", JSON.stringify(scenarioConfig())], { cwd: dir });
        assertScenario(JSON.parse(stdout));
        assert.equal(stderr, "", "nothing on stderr (no warnings)");
      }
    });

    it(`${label}: node.js without process.getBuiltinModule fails at import, naming node-compat.js`, { skip }, async () => {
      const { code, stdout, stderr } = await run(node, [...withoutGetBuiltinModule, "esm.mjs", "scenario", JSON.stringify(scenarioConfig())], { cwd: dir });
      assert.notEqual(code, 0);
      assert.equal(stdout, "", "nothing ran");
      assert.match(stderr, /cloudflare-organizations: this runtime matched the "module-sync" condition but has no process\.getBuiltinModule .*import cloudflare-organizations\/node-compat\.js/);
    });

    it(`${label}: 48,000 gets awaited in a hot loop against a fetch that answers at once, three times, each to the end`, { skip }, async () => {
      // Node 20 used to crash in about one run in five of this loop (fixtures/node-hot-loop.mjs).
      for (let run = 0; run < 3; run++) {
        const { stdout, stderr } = await runOk(node, ["hot-loop.mjs"], { cwd: dir });
        assert.equal(stdout.trim(), "48000", `run ${run + 1}: every call answered`);
        assert.equal(stderr, "", "nothing on stderr");
      }
    });

    it(`${label}: console.log shows the client as String(cf) does, and errors by their class names`, { skip }, async () => {
      assertConsole((await esm("console")).stdout, scenarioConfig());
    });
  }
});
