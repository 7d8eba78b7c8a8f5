// A misspelt client option.
import { Cloudflare } from "cloudflare-organizations";
export const cf = new Cloudflare({ apiTokn: "token" }); // error TS2561
