// The spec sweep's engine: every operation of spec/organizations.openapi.json, read from the
// document itself, turned into concrete requests (each filter with sample values, each way of
// failing), and a validator (openapi-backend, Ajv underneath) of what comes back against the
// operation's declared responses. Nothing here knows the operations by name: an operation added
// to the spec is swept as soon as it is there.
import { readFileSync } from "node:fs";
import path from "node:path";
import addFormats from "ajv-formats";
import { OpenAPIBackend } from "openapi-backend";
import { ROOT } from "../package/helpers.mjs";

export const SPEC_FILE = path.join(ROOT, "spec", "organizations.openapi.json");

/** `node` with every `$ref` replaced by what it points to (keywords beside a `$ref` kept). */
function resolved(node, root) {
  if (Array.isArray(node)) return node.map((n) => resolved(n, root));
  if (node === null || typeof node !== "object") return node;
  const { $ref, ...rest } = node;
  const target = $ref ? $ref.slice(2).split("/").reduce((at, key) => at[key], root) : {};
  const out = {};
  for (const [key, value] of Object.entries({ ...target, ...rest })) out[key] = resolved(value, root);
  return out;
}

/** openapi-backend reads a parameter named `name.startsWith` as a field of `name`: renamed. */
const DOT = "~";
const undotted = (name) => name.replaceAll(".", DOT);

/**
 * The document as requests see it: `readOnly` properties no longer required (they are what the
 * API fills in), query parameters' dots renamed (see `validateRequest`), a uuid path id held to
 * what the document declares for the ids it returns.
 */
function forRequests(node, key) {
  if (Array.isArray(node)) return node.map((n) => forRequests(n));
  if (node === null || typeof node !== "object") return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, value]) => [k, forRequests(value, k)]));
  if (Array.isArray(node.required) && node.properties) {
    out.required = node.required.filter((name) => !node.properties[name]?.readOnly);
  }
  // The document contradicts itself on audit entry ids: the history path's `{id}` is a uuid,
  // while the ids it declares for entries are at most 32 characters (its example: 32 hex
  // digits), which is what the API hands out. A path id is held to the entries' declaration.
  if (key === undefined && node.in === "path" && node.schema?.format === "uuid") {
    out.schema = { ...out.schema, format: undefined, maxLength: 32 };
    delete out.schema.format;
  }
  if (key === undefined && node.in === "query" && typeof node.name === "string") {
    out.name = undotted(node.name);
    // `explode` only means something for arrays and objects; openapi-backend would split a
    // plain string at its commas.
    if (node.schema?.type !== "array" && node.schema?.type !== "object") delete out.explode;
  }
  return out;
}

/**
 * Validates a request `{ method, path, query: "a=1&b=2", body }` against the spec (its
 * operation found by method and path); resolves to the validator's errors (empty when valid).
 */
export function validateRequest(requests, { method, path, query = "", body, headers = {} }) {
  const params = {};
  for (const [name, value] of new URLSearchParams(query)) {
    const key = undotted(name);
    params[key] = key in params ? [params[key], value].flat() : value;
  }
  const request = { method, path, query: params, headers, body };
  const operation = requests.matchOperation(request);
  if (!operation) return [{ message: `no operation of the spec is ${method} ${path}` }];
  return requests.validateRequest(request, operation).errors ?? [];
}

/**
 * The one place the sweep departs from the document: Cloudflare's API answers every failure
 * with `"result": null` (the document says so for billable usage, "always null on failure"),
 * but the organizations' error envelope declares `result` an object that is not nullable. A
 * failure's `result` may be null; nothing else is relaxed.
 */
function nullResultOnFailure(definition) {
  for (const item of Object.values(definition.paths)) {
    for (const operation of Object.values(item)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const result = response.content?.["application/json"]?.schema?.properties?.result;
        if (/^[45]/.test(status) && result) result.nullable = true;
      }
    }
  }
  return definition;
}

/**
 * Validators over the spec (references resolved here: the document, Cloudflare's own, puts
 * keywords beside `$ref`s, which strict OpenAPI 3.0 refuses): `responses` for what the API
 * answers, `requests` for what is sent to it (where a `readOnly` field is not required).
 */
export async function loadSpec() {
  const document = JSON.parse(readFileSync(SPEC_FILE, "utf8"));
  const definition = resolved(document, document);
  const make = async (doc) => {
    // A query's values are text: `coerceTypes` reads "5" as the integer a parameter declares.
    const api = new OpenAPIBackend({ definition: doc, quick: true, validate: true, coerceTypes: true, customizeAjv: (ajv) => addFormats(ajv) });
    await api.init();
    return api;
  };
  return { responses: await make(nullResultOnFailure(definition)), requests: await make(forRequests(definition)) };
}

/** The declared response for `status` (exact, then `4XX`-style, then `default`), or undefined. */
export function declaredResponse(operation, status) {
  const responses = operation.responses ?? {};
  return responses[status] ?? responses[`${Math.floor(status / 100)}XX`] ?? responses.default;
}

/**
 * Checks one answer against the operation's declared responses: its status must be declared,
 * a declared body must validate against its schema, a response declared without content must
 * have none. Resolves to a list of problems (empty when it conforms).
 */
export function conformance(api, operation, status, text) {
  const declared = declaredResponse(operation, status);
  if (!declared) return [`status ${status} is not declared (declared: ${Object.keys(operation.responses ?? {}).join(", ")})`];
  const schema = declared.content?.["application/json"]?.schema;
  if (!schema) return text === "" ? [] : [`status ${status} is declared without a body, got ${text.slice(0, 200)}`];
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return [`status ${status}: the body is not JSON: ${text.slice(0, 200)}`];
  }
  const { valid, errors } = api.validateResponse(body, operation, status);
  return valid ? [] : errors.map((e) => `status ${status}: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Whether the emulator said it has no route for the request (rather than answering it). */
export function isNoRoute(status, text) {
  if (status !== 404 && status !== 405) return false;
  try {
    const code = JSON.parse(text).errors?.[0]?.code;
    return code === 7003 || code === 10405;
  } catch {
    return false;
  }
}

/** The value at a path in an object, trying `a.b` and `a_b` as nested fields. */
function fieldOf(item, name) {
  if (item === null || typeof item !== "object") return undefined;
  if (name in item) return item[name];
  for (const separator of [".", "_"]) {
    const at = name.indexOf(separator);
    if (at > 0) {
      const found = fieldOf(item[name.slice(0, at)], name.slice(at + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
/** Dates for required ranges: a window the emulator's data falls in, within any range limit. */
const DATES = { since: day(-30), before: day(1), from: day(-7), to: day(0) };
const PAGE_SIZE = 2;
const FILTER_SUFFIXES = /\.(not|startsWith|endsWith|contains)$/;

/**
 * Sample values of a query parameter: every enum value; for other strings, the matching field
 * of `item` (a result of the same list, so the filter has something to find) with the
 * `startsWith`/`endsWith`/`contains` parts cut to a piece of it; a number is the item's, the
 * schema's example or minimum, or a small page size.
 */
export function samples(parameter, item) {
  const schema = parameter.schema ?? {};
  const items = schema.type === "array" ? (schema.items ?? {}) : schema;
  if (items.enum) return items.enum.map(String);
  if (items.type === "integer" || items.type === "number") {
    const field = fieldOf(item, parameter.name);
    if (typeof field === "number") return [String(field)];
    return [String(items.example ?? items.minimum ?? (parameter.name === "page" ? 1 : PAGE_SIZE))];
  }
  if (items.type === "boolean") return ["true", "false"];
  if (items.format === "date" || items.format === "date-time") {
    const field = fieldOf(item, parameter.name);
    const date = DATES[parameter.name] ?? (items.format === "date" ? day(0) : new Date().toISOString());
    return [typeof field === "string" ? field : date];
  }
  const base = parameter.name.replace(FILTER_SUFFIXES, "");
  let value = fieldOf(item, base);
  if (value && typeof value === "object" && "id" in value) value = value.id;
  const values = [];
  if (value !== undefined && value !== null && typeof value !== "object") {
    const text = String(value);
    if (parameter.name.endsWith(".startsWith")) values.push(text.slice(0, 3));
    else if (parameter.name.endsWith(".endsWith")) values.push(text.slice(-3));
    else if (parameter.name.endsWith(".contains")) values.push(text.slice(1, 4) || text);
    else values.push(text);
  }
  if (schema.nullable || schema.type === undefined) values.push("null");
  if (values.length === 0) values.push("sweep");
  return values;
}

/** A body that satisfies `schema` (required fields, enums, formats), unique by `tag`. */
export function sampleBody(schema, tag) {
  if (!schema) return undefined;
  if (schema.example !== undefined && schema.type !== "object") return schema.example;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case "object": {
      const out = {};
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if (property.readOnly) continue;
        if ((schema.required ?? []).includes(name) || property.enum) out[name] = sampleBody(property, `${tag}-${name}`);
      }
      return out;
    }
    case "array": return [sampleBody(schema.items, `${tag}-0`)];
    case "integer": case "number": return 1;
    case "boolean": return true;
    default: return /email/i.test(tag) || schema.format === "email" ? `${tag.replace(/[^a-z0-9-]/gi, "")}@sweep.example` : `sweep ${tag}`;
  }
}

/** The operation's parameters of one kind (`path`, `query`). */
export const parametersIn = (operation, where) => (operation.parameters ?? []).filter((p) => p.in === where);

/** The JSON schema of the operation's request body, if it takes one. */
export const bodySchema = (operation) => operation.requestBody?.content?.["application/json"]?.schema;

/** The path with its `{name}` parameters replaced from `values` (encoded). */
export const fillPath = (template, values) => template.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(values[name]));

/** A query string from [name, value] pairs (a name may repeat). */
export const queryOf = (pairs) => new URLSearchParams(pairs).toString();

/** The required query parameters' values, for a request that only needs to be valid. */
export function requiredQuery(operation, item) {
  return parametersIn(operation, "query").filter((p) => p.required).map((p) => [p.name, samples(p, item)[0]]);
}

/**
 * The collection the operation's last `{param}` is an item of (the path up to that segment),
 * with its list and create operations: `/x/{id}` and `/x/{id}/history` both of `/x`.
 */
export function parentCollection(operations, operation) {
  const match = /^(.*)\/\{([^}]+)\}(\/[^{}]*)?$/.exec(operation.path);
  if (!match) return null;
  const [, collection, param] = match;
  const list = operations.find((o) => o.method === "get" && o.path === collection);
  const create = operations.find((o) => o.method === "post" && o.path === collection);
  return { param, list, create };
}
