// What every entry exports, and nothing more: the client (from the wasm-bindgen glue) and the
// error classes of API.md. `./errors.js` is rewritten by scripts/package.mjs to the snippet path
// wasm-bindgen produced, so these are the very classes Rust constructs (`instanceof` works).
export { Cloudflare } from "./cloudflare_organizations.js";
export {
  CloudflareError,
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  ConnectionError,
  ConnectionTimeoutError,
  UserAbortError,
  InvalidResponseError,
  ValidationError,
} from "./errors.js";
