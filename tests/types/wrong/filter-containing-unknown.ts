// `containing` takes account, user or organization.
import { Cloudflare } from "cloudflare-organizations";
export const page = new Cloudflare().organizations.list({ containing: { zone: "z" } }); // error TS2353
