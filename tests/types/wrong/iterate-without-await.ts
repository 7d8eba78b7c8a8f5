// `iterate` is an async iterable: `for await`, not `for`.
import { Cloudflare } from "cloudflare-organizations";
export function f(): void {
  for (const org of new Cloudflare().organizations.iterate()) console.log(org); // error TS2488
}
