// An audit filter's values are the spec's enum, in both forms.
import { Cloudflare } from "cloudflare-organizations";
const since = "2026-11-01";
const before = "2026-11-02";
export const page = new Cloudflare().organizations.logs.audit.list("id", { since, before, action_type: { not: ["eat"] } }); // error TS2322
