// A misspelt profile field.
import { Cloudflare } from "cloudflare-organizations";
const profile = { bussiness_name: "x", business_email: "e", business_phone: "p", business_address: "a", external_metadata: "{}" };
export const done = new Cloudflare().organizations.updateProfile("id", profile); // error TS2345
