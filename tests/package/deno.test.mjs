// Deno 2 (the version package.json pins): a fresh project whose node_modules holds the packed
// package (npm installs it; deno.json says "nodeModulesDir": "manual"), imported as
// `npm:cloudflare-organizations`, run with no permission but the loopback network and reading
// the package.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import {
  assertConsole, assertInstalled, assertScenario, cliFixtures, DENO, emulator, fixture, freshProject, NO_EMULATOR, OUT,
  run, runOk, scenarioConfig, skipWithoutEmulator,
} from "./helpers.mjs";

describe("deno: a fresh project", { skip: skipWithoutEmulator(emulator, NO_EMULATOR) }, () => {
  let dir, deno;
  before(async () => {
    deno = assertInstalled(DENO);
    dir = await freshProject("deno", {
      ...cliFixtures(),
      "main.mjs": fixture("deno.mjs"),
      "deno.json": JSON.stringify({ nodeModulesDir: "manual" }),
    });
  });

  /** `deno run` of main.mjs with only the permissions the package needs (or `permissions`). */
  const denoRun = (mode, permissions = ["--allow-net=127.0.0.1", `--allow-read=${path.join(dir, "node_modules/cloudflare-organizations")}`]) =>
    run(deno, ["run", "--no-prompt", ...permissions, "main.mjs", mode, JSON.stringify(scenarioConfig())], {
      cwd: dir,
      env: { DENO_DIR: path.join(OUT, "deno-dir"), NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
    });

  it("npm:cloudflare-organizations: every method and error, instanceof the exported classes", async () => {
    const { code, stdout, stderr } = await denoRun("scenario");
    assert.equal(code, 0, stderr);
    assertScenario(JSON.parse(stdout));
    assert.equal(stderr, "", "nothing on stderr (no warnings, no permission prompt)");
  });

  it("console.log shows the client as String(cf) does, and errors by their class names", async () => {
    const { code, stdout, stderr } = await denoRun("console");
    assert.equal(code, 0, stderr);
    assertConsole(stdout, scenarioConfig());
  });

  it("those permissions are needed: without reading the package it cannot load its .wasm", async () => {
    const { code, stderr } = await denoRun("scenario", ["--allow-net=127.0.0.1"]);
    assert.notEqual(code, 0);
    assert.match(stderr, /NotCapable|Requires read access/);
  });
});
