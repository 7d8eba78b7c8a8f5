// Where the demo's tour and proxy send requests, from the environment. With a real token they
// go to Cloudflare; otherwise to the local emulator with its development token.

export const CLOUDFLARE_BASE_URL = "https://api.cloudflare.com/client/v4";
export const EMULATOR_DEFAULT_PORT = 8787;
export const EMULATOR_DEV_TOKEN = "dev-token";

/**
 * { kind: "cloudflare" | "emulator", baseUrl, credentials } where credentials holds the client
 * option names (`apiToken`, or `apiEmail` + `apiKey`).
 *   CLOUDFLARE_API_TOKEN (or CLOUDFLARE_EMAIL + CLOUDFLARE_API_KEY), CLOUDFLARE_BASE_URL: the real API
 *   EMULATOR_URL, EMULATOR_TOKEN, EMULATOR_PORT: the emulator (defaults 127.0.0.1:8787, dev-token)
 */
export function connectionFromEnv(env = process.env) {
  const realCredentials = env.CLOUDFLARE_API_TOKEN
    ? { apiToken: env.CLOUDFLARE_API_TOKEN }
    : env.CLOUDFLARE_EMAIL && env.CLOUDFLARE_API_KEY
      ? { apiEmail: env.CLOUDFLARE_EMAIL, apiKey: env.CLOUDFLARE_API_KEY }
      : null;
  if (realCredentials) {
    return { kind: "cloudflare", baseUrl: env.CLOUDFLARE_BASE_URL || CLOUDFLARE_BASE_URL, credentials: realCredentials };
  }
  const port = env.EMULATOR_PORT || EMULATOR_DEFAULT_PORT;
  return {
    kind: "emulator",
    baseUrl: env.EMULATOR_URL || `http://127.0.0.1:${port}/client/v4`,
    credentials: { apiToken: env.EMULATOR_TOKEN || EMULATOR_DEV_TOKEN },
  };
}

/** Which kind of credentials, for messages: never the values. */
export function describeCredentials(credentials) {
  if (credentials?.apiToken) return "API token";
  if (credentials?.apiEmail) return "email + API key";
  return "none";
}
