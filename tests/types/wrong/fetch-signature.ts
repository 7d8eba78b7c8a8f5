// The `fetch` option takes a Request and returns a Promise of a Response.
import { Cloudflare } from "cloudflare-organizations";
export const cf = new Cloudflare({ fetch: (url: string) => url }); // error TS2322
