// `page_size` is a number.
import { Cloudflare } from "cloudflare-organizations";
export const all = new Cloudflare().organizations.listAll({ page_size: "10" }); // error TS2322
