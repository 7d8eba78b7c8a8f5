// An organization's name is a string.
import { Cloudflare } from "cloudflare-organizations";
export async function f(): Promise<number> {
  const org = await new Cloudflare().organizations.get("id");
  return org.name; // error TS2322
}
