// `logs.audit.list` needs `since` and `before`.
import { Cloudflare } from "cloudflare-organizations";
export const page = new Cloudflare().organizations.logs.audit.list("id", { limit: 10 }); // error TS2345
