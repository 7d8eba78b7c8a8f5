// A misspelt partial-match key (`startWith` for `startsWith`).
import { Cloudflare } from "cloudflare-organizations";
export const page = new Cloudflare().organizations.list({ name: { startWith: "Ac" } }); // error TS2561
