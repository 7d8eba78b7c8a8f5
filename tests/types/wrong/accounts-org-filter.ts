// Organization filters do not apply to accounts.
import { Cloudflare } from "cloudflare-organizations";
export const page = new Cloudflare().organizations.listAccounts("id", { parent: { id: null } }); // error TS2353
