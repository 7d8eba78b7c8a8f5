// A NotFoundError has no `field` (that is a ValidationError's).
import { NotFoundError } from "cloudflare-organizations";
export function f(error: unknown): string {
  if (error instanceof NotFoundError) return error.field; // error TS2339
  return "";
}
