// The package has named exports only.
import Cloudflare from "cloudflare-organizations"; // error TS2613
export const cf = Cloudflare;
