// Shares come in numbered pages: no `next_page_token`.
import { Cloudflare } from "cloudflare-organizations";
const page = await new Cloudflare().organizations.shares.list("id");
export const token: string | undefined = page.result_info.next_page_token; // error TS2339
