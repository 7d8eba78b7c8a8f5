// The error classes of API.md. They are real `class ... extends Error`, constructed from Rust
// through `createError`, so `instanceof` works and stacks read as users expect.

/** Every rejection of the client is a CloudflareError. */
export class CloudflareError extends Error {
  constructor(message, fields, cause) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, fields);
  }

  /** The class name and every field; a `cause` becomes its message. */
  toJSON() {
    const json = { name: this.name, message: this.message, ...this };
    if (this.cause !== undefined) {
      // The cause comes from the runtime or a caller's `fetch`: it may not even print.
      try {
        json.cause = String(this.cause?.message ?? this.cause);
      } catch {
        json.cause = "(a cause that cannot be printed)";
      }
    }
    return json;
  }
}

/** The API answered with an error status, or a 2xx whose envelope says `success: false`. */
export class ApiError extends CloudflareError {}
export class BadRequestError extends ApiError {}
export class AuthenticationError extends ApiError {}
export class PermissionDeniedError extends ApiError {}
export class NotFoundError extends ApiError {}
export class ConflictError extends ApiError {}
export class UnprocessableEntityError extends ApiError {}
export class RateLimitError extends ApiError {}
export class InternalServerError extends ApiError {}
/** `fetch` itself failed: refused, reset, DNS, a body cut short. */
export class ConnectionError extends CloudflareError {}
/** An attempt outlived `timeoutMs`. */
export class ConnectionTimeoutError extends ConnectionError {}
/** The caller's `signal` aborted. */
export class UserAbortError extends CloudflareError {}
/** A 2xx or 3xx the API does not document. */
export class InvalidResponseError extends CloudflareError {}
/** Bad input, found before anything was sent. */
export class ValidationError extends CloudflareError {}

const classes = {
  CloudflareError, ApiError, BadRequestError, AuthenticationError, PermissionDeniedError,
  NotFoundError, ConflictError, UnprocessableEntityError, RateLimitError, InternalServerError,
  ConnectionError, ConnectionTimeoutError, UserAbortError, InvalidResponseError, ValidationError,
};

// `name` on each prototype, spelt out so that minifiers renaming classes cannot change it.
for (const [name, cls] of Object.entries(classes)) {
  Object.defineProperty(cls.prototype, "name", { value: name, writable: true, configurable: true });
}

/** Called from Rust: builds the error of class `name`. */
export function createError(name, message, fields, cause) {
  return new (classes[name] ?? CloudflareError)(message, fields, cause);
}
