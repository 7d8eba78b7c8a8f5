// What every entry exports, and nothing more: the client (from the wasm-bindgen glue) and the
// error classes of API.md. `./errors.js` is rewritten by scripts/package.mjs to the snippet path
// wasm-bindgen produced, so these are the very classes Rust constructs (`instanceof` works).
// Before that, the client and its resources are made readable in consoles.
import { AuditLogs, Billing, Cloudflare, Logs, Members, Organizations, Shares, Usage } from "./cloudflare_organizations.js";
import * as errors from "./errors.js";

/** The client and the resources its getters make (`cf.organizations`, `.members`, `.logs.audit`...). */
const clientClasses = { Cloudflare, Organizations, Logs, AuditLogs, Billing, Usage, Members, Shares };

// Each class named as it is exported, on the class itself: bundlers rename classes (esbuild to
// avoid a collision, minifiers to save bytes), and `constructor.name` is what consoles and stack
// traces show and what users compare (`error.constructor.name === "NotFoundError"`).
for (const [name, value] of Object.entries({ ...clientClasses, ...errors })) {
  if (/^[A-Z]/.test(name)) Object.defineProperty(value, "name", { value: name, configurable: true });
}

// How Node, Deno, Bun and workerd print the client (console.log, util.inspect): what `String(cf)`
// shows (the base URL, which credentials are set, never a value) instead of the glue's
// `{ __wbg_ptr: 1114900 }`; a resource prints as the path to it, `Cloudflare { ... }.organizations`.
//
// The glue's getters make a new resource, in the wasm, on every access. The wrapped getters make
// each resource once per object and hand that one back after: `cf.organizations` is the same
// object every time, and `cf.organizations.get(id)` in a loop no longer calls into the wasm to
// allocate one. That call, a wasm export taking only numbers, V8 inlines into a hot caller, and
// in Node 20 (V8 11.3) now and then crashed the process with a fatal "unreachable code" in the
// deoptimizer (bench/RESULTS.md, "A crash in Node 20's deoptimizer").
const inspect = Symbol.for("nodejs.util.inspect.custom");
const madeBy = new WeakMap(); // resource -> [the object whose getter made it, the getter's name]

/** `String(client)` or a resource's path from it; what is left to say after `client.free()`. */
function describe(object) {
  const made = madeBy.get(object);
  if (made) return `${describe(made[0])}.${made[1]}`;
  try {
    return String(object);
  } catch {
    return "Cloudflare { freed }";
  }
}

for (const [name, { prototype }] of Object.entries(clientClasses)) {
  for (const [key, { get }] of Object.entries(Object.getOwnPropertyDescriptors(prototype))) {
    if (!get) continue;
    const made = new WeakMap(); // object -> the resource this getter made for it
    Object.defineProperty(prototype, key, {
      configurable: true,
      get() {
        let resource = made.get(this);
        if (resource === undefined) {
          resource = get.call(this);
          made.set(this, resource);
          madeBy.set(resource, [this, key]);
        }
        return resource;
      },
    });
  }
  Object.defineProperty(prototype, inspect, {
    value() {
      return describe(this);
    },
  });
  // The glue makes resources with Object.create, not `new`: browsers' consoles then name them by
  // their prototype's tag.
  Object.defineProperty(prototype, Symbol.toStringTag, { value: name, configurable: true });
}

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
