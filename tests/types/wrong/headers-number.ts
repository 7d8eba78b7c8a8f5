// Header values are strings.
import { Cloudflare } from "cloudflare-organizations";
export const cf = new Cloudflare({ headers: { "x-count": 1 } }); // error TS2322
