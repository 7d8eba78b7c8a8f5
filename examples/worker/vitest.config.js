// `npm test`: the tests in test/ run inside workerd (@cloudflare/vitest-plugin), with the
// Worker configured by wrangler.jsonc, against a local API: the repository's emulator
// (`make emulator`) unless CLOUDFLARE_BASE_URL and CLOUDFLARE_API_TOKEN name another.
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        bindings: {
          CLOUDFLARE_BASE_URL: process.env.CLOUDFLARE_BASE_URL ?? "http://127.0.0.1:8787/client/v4",
          CLOUDFLARE_API_TOKEN: process.env.CLOUDFLARE_API_TOKEN ?? "dev-token",
          CLOUDFLARE_MAX_RETRIES: "0",
        },
      },
    }),
  ],
});
