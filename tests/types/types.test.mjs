// TypeScript: the shipped declarations, as a fresh project with the packed package sees them.
// consumer.ts (and consumer-cjs.cts) must type-check in strict mode, under Node's resolution and
// under a bundler's; every file in wrong/ must fail, with exactly the errors its `// error TSxxxx`
// comments name, on those lines, and no other.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freshProject, ROOT, run } from "../package/helpers.mjs";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const TSC = path.join(ROOT, "node_modules/typescript/bin/tsc");
const WRONG = readdirSync(path.join(HERE, "wrong")).filter((f) => f.endsWith(".ts")).sort();
const STRICT = { strict: true, noEmit: true, skipLibCheck: true, types: [], lib: ["es2022", "dom", "dom.iterable"], target: "es2022" };
const CONFIGS = {
  // This one also checks the declaration files themselves (skipLibCheck off); the others need not.
  "tsconfig.node.json": { compilerOptions: { ...STRICT, skipLibCheck: false, module: "nodenext", moduleResolution: "nodenext" }, files: ["consumer.ts", "consumer-cjs.cts"] },
  "tsconfig.bundler.json": {
    compilerOptions: { ...STRICT, module: "esnext", moduleResolution: "bundler", exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, verbatimModuleSyntax: true },
    files: ["consumer.ts"],
  },
  "tsconfig.wrong.json": { compilerOptions: { ...STRICT, module: "nodenext", moduleResolution: "nodenext" }, files: WRONG.map((f) => `wrong/${f}`) },
};

/** Runs tsc on a config; resolves to its diagnostics as [{ file, line, code, text }] and its exit code. */
async function tsc(dir, config) {
  const { code, stdout, stderr } = await run(process.execPath, [TSC, "-p", config, "--pretty", "false"], { cwd: dir });
  const diagnostics = [...`${stdout}${stderr}`.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/gm)].map(([, file, line, code, text]) => ({ file, line: Number(line), code, text }));
  return { code, diagnostics, output: `${stdout}${stderr}` };
}

describe("typescript: the shipped declarations", () => {
  let dir;
  const results = {};
  before(async () => {
    const files = {
      "consumer.ts": readFileSync(path.join(HERE, "consumer.ts"), "utf8"),
      "consumer-cjs.cts": readFileSync(path.join(HERE, "consumer-cjs.cts"), "utf8"),
    };
    for (const file of WRONG) files[`wrong/${file}`] = readFileSync(path.join(HERE, "wrong", file), "utf8");
    dir = await freshProject("types", files);
    for (const [name, config] of Object.entries(CONFIGS)) writeFileSync(path.join(dir, name), JSON.stringify(config, null, 2));
    // The three compilations run side by side; each test awaits its own.
    for (const name of Object.keys(CONFIGS)) results[name] = tsc(dir, name);
  });

  it("consumer.ts and consumer-cjs.cts type-check in strict mode with Node's resolution (nodenext)", async () => {
    const { code, output } = await results["tsconfig.node.json"];
    assert.equal(code, 0, output);
  });

  it("consumer.ts type-checks with a bundler's resolution and the strictest options", async () => {
    const { code, output } = await results["tsconfig.bundler.json"];
    assert.equal(code, 0, output);
  });

  it("no `any` in the declarations", () => {
    const declarations = readFileSync(path.join(dir, "node_modules/cloudflare-organizations/index.d.ts"), "utf8");
    assert.doesNotMatch(declarations.replace(/\/\*\*[\s\S]*?\*\/|\/\/.*$/gm, ""), /\bany\b/);
  });

  it("the wrong usages fail to compile", async () => {
    const wrong = await results["tsconfig.wrong.json"];
    assert.notEqual(wrong.code, 0, wrong.output);
  });

  for (const file of WRONG) {
    it(`wrong/${file} is rejected, for the reason it names`, async () => {
      const wrong = await results["tsconfig.wrong.json"];
      const source = readFileSync(path.join(HERE, "wrong", file), "utf8").split("\n");
      const expected = source.flatMap((text, i) => [...text.matchAll(/\/\/ error (TS\d+)/g)].map((m) => `${i + 1} ${m[1]}`));
      assert.ok(expected.length > 0, "the file names the error it expects");
      const actual = wrong.diagnostics.filter((d) => d.file === `wrong/${file}`);
      assert.deepEqual(actual.map((d) => `${d.line} ${d.code}`), expected, actual.map((d) => `${d.line}: ${d.code} ${d.text}`).join("\n"));
    });
  }
});
