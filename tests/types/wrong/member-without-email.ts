// A member to invite names the user's email.
import { Cloudflare } from "cloudflare-organizations";
export const member = new Cloudflare().organizations.members.create("id", { user: {} }); // error TS2741
