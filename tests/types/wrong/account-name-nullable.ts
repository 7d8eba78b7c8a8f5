// An account's name may be null.
import { Cloudflare } from "cloudflare-organizations";
export async function f(): Promise<string[]> {
  const accounts = await new Cloudflare().organizations.listAllAccounts("id");
  return accounts.map((a) => a.name); // error TS2322
}
