// A body's parent is an id; `null` is only a list filter.
import { Cloudflare } from "cloudflare-organizations";
export const created = new Cloudflare().organizations.create({ name: "x", parent: { id: null } }); // error TS2322
