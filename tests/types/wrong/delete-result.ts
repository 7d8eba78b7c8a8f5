// `delete` resolves to `{ id }`, not an organization.
import { Cloudflare, type Organization } from "cloudflare-organizations";
export async function f(): Promise<Organization> {
  return await new Cloudflare().organizations.delete("id"); // error TS2739
}
