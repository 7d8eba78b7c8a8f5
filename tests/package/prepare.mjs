// Packs pkg/ with `npm pack` into target/package-test/, as it would be published; every package
// test installs that tarball into a fresh project. Run by `make test-package` before the tests.
import { mkdir, readdir, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { OUT, PKG, runOk } from "./helpers.mjs";

if (!existsSync(path.join(PKG, "package.json"))) throw new Error("no pkg/: run `make build` first");
await mkdir(OUT, { recursive: true });
for (const file of await readdir(OUT)) if (file.endsWith(".tgz")) await rm(path.join(OUT, file));
const { stdout } = await runOk("npm", ["pack", "--silent", "--pack-destination", OUT], { cwd: PKG });
console.log(`[package] packed ${path.join(OUT, stdout.trim().split("\n").at(-1))}`);
