// `list` resolves to one page, not an array.
import { Cloudflare } from "cloudflare-organizations";
export async function f(): Promise<number> {
  const page = await new Cloudflare().organizations.list();
  return page.length; // error TS2339
}
