// `parent` is `{ id }`, not an id.
import { Cloudflare } from "cloudflare-organizations";
export const page = new Cloudflare().organizations.list({ parent: "abc" }); // error TS2322
