// `updateProfile` takes all five fields.
import { Cloudflare } from "cloudflare-organizations";
export const done = new Cloudflare().organizations.updateProfile("id", { business_name: "x" }); // error TS2345
