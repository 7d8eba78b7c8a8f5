// What every entry exports, and nothing more: the client (from the wasm-bindgen glue) and the
// error classes of API.md. `./errors.js` is rewritten by scripts/package.mjs to the snippet path
// wasm-bindgen produced, so these are the very classes Rust constructs (`instanceof` works).
import { Cloudflare, Organizations } from "./cloudflare_organizations.js";
import * as errors from "./errors.js";

// Each class named as it is exported, on the class itself: bundlers rename classes (esbuild to
// avoid a collision, minifiers to save bytes), and `constructor.name` is what consoles and stack
// traces show and what users compare (`error.constructor.name === "NotFoundError"`).
for (const [name, value] of Object.entries({ Cloudflare, Organizations, ...errors })) {
  if (/^[A-Z]/.test(name)) Object.defineProperty(value, "name", { value: name, configurable: true });
}
// The glue makes `cf.organizations` with Object.create, not `new`: browsers' consoles then name
// it by its prototype's tag.
Object.defineProperty(Organizations.prototype, Symbol.toStringTag, { value: "Organizations", configurable: true });

// How Node, Deno and Bun print the client and `cf.organizations` (console.log, util.inspect):
// what `String(cf)` shows (the base URL, which credentials are set, never a value), instead of
// the glue's `{ __wbg_ptr: 1114900 }`. `cf.organizations` is a new object on every read, so the
// getter remembers which client each one came from.
const inspect = Symbol.for("nodejs.util.inspect.custom");
const clientOf = new WeakMap();
const organizations = Object.getOwnPropertyDescriptor(Cloudflare.prototype, "organizations");
Object.defineProperty(Cloudflare.prototype, "organizations", {
  ...organizations,
  get() {
    const resource = organizations.get.call(this);
    clientOf.set(resource, this);
    return resource;
  },
});
/** `String(client)`, or what is left to say once `client.free()` was called. */
function describe(client) {
  try {
    return String(client);
  } catch {
    return "Cloudflare { freed }";
  }
}
Object.defineProperty(Cloudflare.prototype, inspect, {
  value() {
    return describe(this);
  },
});
Object.defineProperty(Organizations.prototype, inspect, {
  value() {
    return `${describe(clientOf.get(this))}.organizations`;
  },
});

export { Cloudflare };
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
