// `maxPages` belongs to the paginating methods only.
import { Cloudflare } from "cloudflare-organizations";
export const page = new Cloudflare().organizations.list({}, { maxPages: 2 }); // error TS2353
