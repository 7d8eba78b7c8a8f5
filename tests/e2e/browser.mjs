// Headless Chromium for the end-to-end tests: the system's /usr/bin/chromium driven by
// playwright-core (no browser download), with a fresh profile and no background traffic.
import { chromium } from "playwright-core";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--disable-dev-shm-usage",
];

/** { context, close() }: a persistent context on a throwaway user-data-dir. */
export async function launchBrowser({ viewport = { width: 1280, height: 860 } } = {}) {
  const userDataDir = await mkdtemp(path.join(tmpdir(), "e2e-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport, reducedMotion: "reduce",
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
