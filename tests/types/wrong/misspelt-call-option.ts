// A misspelt per-call option (`timeout` for `timeoutMs`).
import { Cloudflare } from "cloudflare-organizations";
export const got = new Cloudflare().organizations.get("id", { timeout: 5000 }); // error TS2561
