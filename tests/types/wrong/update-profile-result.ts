// `updateProfile` resolves to undefined, not the profile.
import { Cloudflare, type Profile } from "cloudflare-organizations";
export async function f(p: Profile): Promise<Profile> {
  return await new Cloudflare().organizations.updateProfile("id", p); // error TS2322
}
