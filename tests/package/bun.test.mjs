// Bun 1 (the version package.json pins): a fresh project that installs the packed tarball with
// `bun add`, running the same ES module script as Node.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import {
  assertConsole, assertInstalled, assertScenario, BUN, cliFixtures, emulator, fixture, freshProject, NO_EMULATOR, OUT,
  runOk, scenarioConfig, skipWithoutEmulator,
} from "./helpers.mjs";

const ENV = { BUN_INSTALL_CACHE_DIR: path.join(OUT, "bun-cache"), NO_COLOR: "1", DO_NOT_TRACK: "1" };

describe("bun: a fresh project", { skip: skipWithoutEmulator(emulator, NO_EMULATOR) }, () => {
  let dir, bun;
  before(async () => {
    bun = assertInstalled(BUN);
    dir = await freshProject("bun", { ...cliFixtures(), "esm.mjs": fixture("node-esm.mjs") }, {
      install: (tgz) => [bun, ["add", tgz]],
      env: ENV,
    });
  });

  const bunRun = (mode) => runOk(bun, ["esm.mjs", mode, JSON.stringify(scenarioConfig())], { cwd: dir, env: ENV });

  it("bun add <tarball>, then import { Cloudflare }: every method and error", async () => {
    const { stdout, stderr } = await bunRun("scenario");
    assertScenario(JSON.parse(stdout));
    assert.equal(stderr, "", "nothing on stderr");
  });

  it("console.log shows the client as String(cf) does, and errors by their class names", async () => {
    assertConsole((await bunRun("console")).stdout, scenarioConfig());
  });
});
