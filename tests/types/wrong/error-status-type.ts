// `status` is a number.
import { ApiError } from "cloudflare-organizations";
export function f(error: unknown): string {
  if (error instanceof ApiError) return error.status; // error TS2322
  return "";
}
