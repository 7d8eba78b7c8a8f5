// The glue's init functions are not part of the package.
import { initSync } from "cloudflare-organizations"; // error TS2305
export const init = initSync;
