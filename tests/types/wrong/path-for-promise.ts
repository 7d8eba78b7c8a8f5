// `pathFor` is synchronous.
import { Cloudflare } from "cloudflare-organizations";
export const p: Promise<string> = new Cloudflare().organizations.pathFor("id"); // error TS2322
