// An id is a string.
import { Cloudflare } from "cloudflare-organizations";
export const got = new Cloudflare().organizations.get(123); // error TS2345
