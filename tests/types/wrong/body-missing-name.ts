// `create` needs a name.
import { Cloudflare } from "cloudflare-organizations";
export const created = new Cloudflare().organizations.create({ parent: { id: "p" } }); // error TS2345
