// The emulator checked against the spec (issue 13): a sweep of every operation of
// spec/organizations.openapi.json, each with every filter (sample values from its own results),
// each way of failing (no credentials, an unknown organization or other id, a bad parameter or
// body, an injected 429, and a 5XX where the operation declares one), every answer validated against the
// operation's declared responses by openapi-backend. The sweep's own successful requests are
// validated against the spec first, so a failure is the emulator's. The operations come from the
// spec: one the emulator has no route for is named, and fails the suite.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { emulator, NO_EMULATOR, skipWithoutEmulator } from "../package/helpers.mjs";
import {
  bodySchema, conformance, fillPath, isNoRoute, loadSpec, parametersIn, parentCollection, queryOf, requiredQuery, sampleBody,
  samples, SPEC_FILE, validateRequest,
} from "./sweep.mjs";

const CREDENTIALS = {
  "x-auth-email": process.env.EMULATOR_EMAIL ?? "dev@example.com",
  "x-auth-key": process.env.EMULATOR_KEY ?? "dev-api-key",
};
const UNKNOWN_ID = "0".repeat(32);
const SIZE_PARAMS = ["page_size", "limit", "per_page"];
const TOKEN_PARAMS = ["page_token", "cursor"];

/** Sends one request to the emulator; resolves to { status, text }. */
async function send(method, route, { query = [], body, credentials = true, fault } = {}) {
  const headers = { ...(credentials ? CREDENTIALS : {}) };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (fault) headers["cf-emulator-fault"] = fault;
  const qs = queryOf(query);
  const response = await fetch(`${emulator.url}${route}${qs ? `?${qs}` : ""}`, {
    method: method.toUpperCase(), headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

const resultOf = (text) => JSON.parse(text).result;
const firstOf = (result) => (Array.isArray(result) ? result[0] : result);

describe("the emulator against the spec", { skip: skipWithoutEmulator(emulator, NO_EMULATOR) }, () => {
  let api;
  let requests;
  let operations;
  let seeded;
  const noRoute = [];
  let sent = 0;
  let fresh = 0;

  /** A new organization for an operation that changes or deletes one. */
  async function freshOrganization() {
    const { status, text } = await send("post", "/organizations", { body: { name: `spec sweep ${process.pid} ${++fresh}` } });
    assert.equal(status, 200, text);
    return resultOf(text).id;
  }

  /**
   * Values for the operation's path parameters, and an item of its own (or its parent
   * collection's) results to take filter values from. `organization_id` is a seeded
   * organization for reads and a fresh one for changes; any other parameter is an item of the
   * collection above it, made there when there is none.
   */
  async function pathValues(operation) {
    const values = {};
    if (parametersIn(operation, "path").some((p) => p.name === "organization_id")) {
      values.organization_id = operation.method === "get" ? seeded : await freshOrganization();
    }
    const parent = parentCollection(operations, operation);
    let item;
    if (parent && parent.param !== "organization_id" && parent.list) {
      const collection = fillPath(parent.list.path, values);
      const listed = await send("get", collection, { query: requiredQuery(parent.list) });
      item = firstOf(resultOf(listed.text));
      if (item === undefined && parent.create) {
        const made = await send("post", collection, { body: sampleBody(bodySchema(parent.create), "member") });
        assert.equal(made.status, 200, made.text);
        item = resultOf(made.text);
      }
      assert.ok(item, `nothing in ${collection} to fill {${parent.param}} with`);
      values[parent.param] = item.id;
    }
    return { values, item };
  }

  before(async () => {
    ({ responses: api, requests } = await loadSpec());
    operations = api.getOperations();
    const { text } = await send("get", "/organizations", { query: [["name", "Acme Corp"]] });
    seeded = firstOf(resultOf(text))?.id;
    assert.ok(seeded, "the demo seed's Acme Corp (run the emulator with --seed demo)");
  });

  it("sweeps every operation of the document", () => {
    const document = JSON.parse(readFileSync(SPEC_FILE, "utf8"));
    const listed = Object.entries(document.paths).flatMap(([route, item]) =>
      Object.keys(item).filter((key) => ["get", "put", "post", "delete", "patch"].includes(key)).map((method) => `${method} ${route}`));
    assert.deepEqual(operations.map((o) => `${o.method} ${o.path}`).sort(), listed.sort());
    assert.ok(listed.length >= 17, `${listed.length} operations`);
  });

  it("the validator refuses what the spec does not allow, for every operation's every declared body", () => {
    for (const operation of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const code = Number(status.replace("XX", "00"));
        if (!response.content) {
          assert.notDeepEqual(conformance(api, operation, code, "{}"), [], `${operation.operationId} ${status} with a body`);
          continue;
        }
        const wrong = JSON.stringify({ success: "yes", errors: "none", messages: 1, result: 7 });
        assert.notDeepEqual(conformance(api, operation, code, wrong), [], `${operation.operationId} ${status}`);
      }
      assert.notDeepEqual(conformance(api, operation, 418, "{}"), [], `${operation.operationId}: an undeclared status`);
    }
  });

  /** Checks one exchange: the answer conforms, and its status is what the case expects. */
  function check(operation, label, { status, text }, expected) {
    sent += 1;
    const problems = conformance(api, operation, status, text);
    assert.deepEqual(problems, [], `${operation.method.toUpperCase()} ${operation.path} ${label}: ${text.slice(0, 300)}`);
    assert.ok(expected(status), `${operation.method.toUpperCase()} ${operation.path} ${label}: status ${status}: ${text.slice(0, 300)}`);
  }

  const ok = (status) => status >= 200 && status < 300;

  for (const name of [
    // Reads first, then what changes state, so that reads see the seed.
    "get", "post", "put", "delete",
  ]) {
    it(`every ${name.toUpperCase()} operation: each filter, each failure, every answer valid`, async () => {
      for (const operation of operations.filter((o) => o.method === name)) {
        const { values, item: parentItem } = await pathValues(operation);
        const route = fillPath(operation.path, values);
        const schema = bodySchema(operation);
        const body = schema ? sampleBody(schema, `${operation.operationId}-${process.pid}`) : undefined;
        const query = requiredQuery(operation, parentItem);

        // The request itself is in the spec.
        const errors = validateRequest(requests, { method: operation.method, path: route, query: queryOf(query), body });
        assert.deepEqual(errors, [], `the sweep's own request ${operation.method} ${route}`);

        const plain = await send(operation.method, route, { query, body });
        if (isNoRoute(plain.status, plain.text)) {
          noRoute.push(`${operation.method.toUpperCase()} ${operation.path}`);
          continue;
        }
        check(operation, "as given", plain, ok);
        const item = parentItem ?? firstOf(plain.text ? resultOf(plain.text) : undefined);

        if (operation.method === "get") {
          // Each optional filter with each sample value; a page token from a page of one.
          const optional = parametersIn(operation, "query").filter((p) => !p.required);
          const size = optional.find((p) => SIZE_PARAMS.includes(p.name));
          let info = {};
          if (size) {
            const small = await send("get", route, { query: [...query, [size.name, "1"]] });
            check(operation, `${size.name}=1`, small, ok);
            info = JSON.parse(small.text).result_info ?? {};
          }
          // Optional dates bound a range: they go together (the usage's from and to).
          const isDate = (p) => ["date", "date-time"].includes(p.schema?.format);
          const range = optional.filter(isDate).map((p) => [p.name, samples(p, item)[0]]);
          for (const parameter of optional) {
            const values = TOKEN_PARAMS.includes(parameter.name)
              ? [info.next_page_token ?? info.cursor].filter(Boolean)
              : samples(parameter, item);
            for (const value of values) {
              const pairs = [...query, ...(isDate(parameter) ? range.filter(([n]) => n !== parameter.name) : []), [parameter.name, value]];
              if (TOKEN_PARAMS.includes(parameter.name) && size) pairs.push([size.name, "1"]);
              check(operation, `${parameter.name}=${value}`, await send("get", route, { query: pairs }), ok);
            }
            // A value of the wrong kind is a 400 (the same envelope, validated too).
            const kind = parameter.schema?.type === "array" ? parameter.schema.items : parameter.schema;
            if (kind?.enum || kind?.type === "integer" || kind?.type === "number") {
              const bad = await send("get", route, { query: [...query, [parameter.name, "-sweep-"]] });
              check(operation, `${parameter.name}=-sweep- (bad)`, bad, (s) => s === 400);
            }
          }
        } else if (schema) {
          const bad = await send(operation.method, route, { query, body: [] });
          check(operation, "a body of the wrong shape", bad, (s) => s === 400);
        }

        // Failures every operation can meet.
        check(operation, "without credentials", await send(operation.method, route, { query, body, credentials: false }), (s) => s === 401);
        for (const name of Object.keys(values)) {
          const unknown = fillPath(operation.path, { ...values, [name]: UNKNOWN_ID });
          check(operation, `an unknown {${name}}`, await send(operation.method, unknown, { query, body }), (s) => s === 404);
        }
        check(operation, "an injected 429", await send(operation.method, route, { query, body, fault: "status=429" }), (s) => s === 429);
        if (Object.keys(operation.responses ?? {}).includes("5XX")) {
          check(operation, "an injected 503", await send(operation.method, route, { query, body, fault: "status=503" }), (s) => s === 503);
        }
      }
    });
  }

  it("has a route for every operation of the spec", (t) => {
    t.diagnostic(`${sent} answers validated`);
    assert.deepEqual(noRoute, [], `the emulator has no route for: ${noRoute.join(", ")}`);
  });
});
