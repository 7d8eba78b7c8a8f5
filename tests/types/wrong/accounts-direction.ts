// `direction` is "asc" or "desc".
import { Cloudflare } from "cloudflare-organizations";
export const page = new Cloudflare().organizations.listAccounts("id", { direction: "up" }); // error TS2322
