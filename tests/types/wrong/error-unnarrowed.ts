// A caught error is unknown until narrowed with instanceof.
import { Cloudflare } from "cloudflare-organizations";
export async function f(): Promise<number> {
  try { await new Cloudflare().organizations.get("id"); } catch (error) { return error.status; } // error TS18046
  return 0;
}
