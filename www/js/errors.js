// Turns the package's typed errors into what a person needs to act on: a title, the API's own
// code/message/ray id, and a hint. Uses the exported classes, so subclasses are recognised.
import {
  ApiError, AuthenticationError, PermissionDeniedError, NotFoundError, ConflictError, RateLimitError,
  ConnectionError, ConnectionTimeoutError, InvalidResponseError, ValidationError, UserAbortError,
} from "cloudflare-organizations";

/** True for an abort we caused ourselves (leaving a view): never shown. */
export function isAbort(error) {
  return error instanceof UserAbortError || error?.name === "AbortError";
}

/**
 * { title, details: [[label, value]...], hint, settingsLink } for any rejection.
 * Every value is plain text; the caller renders it with text nodes.
 */
export function describeError(error) {
  if (error instanceof ApiError) return describeApiError(error);
  if (error instanceof ValidationError) {
    return {
      title: "refused by the client before sending",
      details: [["Field", error.field], ["Reason", error.reason]],
      hint: error.field && /^(baseUrl|api|userServiceKey|headers|timeoutMs|maxRetries)/.test(error.field)
        ? "The connection settings are not valid." : null,
      settingsLink: /^(baseUrl|api)/.test(error.field ?? ""),
    };
  }
  if (error instanceof ConnectionTimeoutError) {
    return { title: "the API did not answer in time", details: [["Timeout", `${error.timeoutMs} ms`], ...request(error)], hint: "Try again, or check the base URL.", settingsLink: true };
  }
  if (error instanceof ConnectionError) {
    return {
      title: "could not reach the API",
      details: [...request(error), ["Cause", String(error.cause?.message ?? error.cause ?? error.message)]],
      hint: "Is the demo server (or the emulator) running? A browser cannot call api.cloudflare.com directly: use the demo server's proxy.",
      settingsLink: true,
    };
  }
  if (error instanceof InvalidResponseError) {
    return {
      title: "the API sent an answer the client does not understand",
      details: [["Status", error.status], ["Ray ID", error.rayId], ["Body", error.bodySnippet]].filter(([, v]) => v !== undefined && v !== null && v !== ""),
      hint: null,
    };
  }
  return { title: "something went wrong", details: [["Error", `${error?.name ?? "Error"}: ${error?.message ?? error}`]], hint: null };
}

function describeApiError(error) {
  const first = error.errors?.[0];
  const details = [
    ["Status", error.status],
    ["Code", first?.code ?? error.code],
    ["Message", first?.message ?? error.message],
    ["Ray ID", error.rayId],
    ...request(error),
  ];
  // Further errors of the envelope are rare but worth showing as they are.
  for (const more of error.errors?.slice(1) ?? []) details.push(["Also", `${more.code}: ${more.message}`]);
  return {
    title: apiErrorTitle(error),
    details: details.filter(([, v]) => v !== undefined && v !== null && v !== ""),
    hint: apiErrorHint(error),
    settingsLink: error instanceof AuthenticationError,
  };
}

function apiErrorTitle(error) {
  if (error instanceof ConflictError) return "conflict (409)";
  if (error instanceof NotFoundError) return "not found (404)";
  if (error instanceof AuthenticationError) return "not authenticated (401)";
  if (error instanceof PermissionDeniedError) return "permission denied (403)";
  if (error instanceof RateLimitError) return "rate limited (429)";
  return `the API answered ${error.status}`;
}

function apiErrorHint(error) {
  if (error instanceof AuthenticationError) return "Check the credentials in the connection settings (or the ones the demo server was started with).";
  if (error instanceof RateLimitError) return error.retryAfterMs ? `Try again in ${Math.ceil(error.retryAfterMs / 1000)} s.` : "Try again in a moment.";
  return null;
}

function request(error) {
  return error.method && error.path ? [["Request", `${error.method} ${error.path}`]] : [];
}
