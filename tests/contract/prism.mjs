// The contract suite's helpers: Prism serving spec/organizations.openapi.json on a free loopback
// port, a recorder of every exchange a client makes (through its `fetch` and `onResponse`
// options), and the checks Prism does not do itself (query names the operation declares, body
// fields the schema defines and does not mark read-only).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SPEC_PATH = fileURLToPath(new URL("../../spec/organizations.openapi.json", import.meta.url));
const PRISM_BIN = fileURLToPath(new URL("../../node_modules/.bin/prism", import.meta.url));
export const SPEC = JSON.parse(readFileSync(SPEC_PATH, "utf8"));

// ---------------------------------------------------------------------------------------------
// Prism

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `prism mock` on a free loopback port and resolves once it answers HTTP.
 * Resolves to `{ url, port, stop(), output() }`; `stop()` ends its process group.
 */
export async function startPrism({ readyTimeoutMs = 20_000 } = {}) {
  let lastError;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const child = spawn(PRISM_BIN, ["mock", "-h", "127.0.0.1", "-p", String(port), SPEC_PATH], {
      cwd: ROOT,
      detached: true, // its own process group, so stop() reaches anything it starts
      stdio: ["ignore", "pipe", "pipe"],
    });
    const log = [];
    const keep = (chunk) => {
      log.push(String(chunk));
      if (log.length > 200) log.splice(0, log.length - 200);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let exited = null;
    const exit = new Promise((resolve) => child.on("exit", (code, signal) => resolve((exited = { code, signal }))));
    const killGroup = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        /* already gone */
      }
    };
    // The test process ends before stop() (a crash, Ctrl-C, a runner's SIGTERM): no orphan.
    const onExit = () => killGroup("SIGKILL");
    const onSignal = (signal) => {
      killGroup("SIGKILL");
      for (const s of SIGNALS) process.off(s, onSignal);
      process.kill(process.pid, signal);
    };
    process.on("exit", onExit);
    for (const s of SIGNALS) process.on(s, onSignal);
    const prism = {
      url: `http://127.0.0.1:${port}`,
      port,
      output: () => log.join(""),
      async stop() {
        process.off("exit", onExit);
        for (const s of SIGNALS) process.off(s, onSignal);
        if (exited) return;
        killGroup("SIGTERM");
        const timer = setTimeout(() => killGroup("SIGKILL"), 3000);
        await exit;
        clearTimeout(timer);
      },
    };
    const deadline = Date.now() + readyTimeoutMs;
    while (!exited && Date.now() < deadline) {
      try {
        await fetch(`${prism.url}/organizations`, { signal: AbortSignal.timeout(1000) });
        return prism; // any HTTP answer (a 401 here) means it is serving
      } catch {
        await sleep(100);
      }
    }
    lastError = new Error(
      `prism did not answer on port ${port} (${exited ? `exited ${JSON.stringify(exited)}` : "timed out"}):\n${prism.output()}`,
    );
    await prism.stop();
  }
  throw lastError;
}

// ---------------------------------------------------------------------------------------------
// The spec: operations, their query parameters and body schemas

const resolve = (node) => {
  while (node && node.$ref) {
    node = node.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce((at, key) => at[key], SPEC);
  }
  return node;
};

/** Every operation of the spec: `{ method, template, regex, op }`. */
const OPERATIONS = Object.entries(SPEC.paths).flatMap(([template, item]) =>
  Object.entries(item)
    .filter(([method]) => ["get", "put", "post", "delete", "patch"].includes(method))
    .map(([method, op]) => ({
      method: method.toUpperCase(),
      template,
      regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
      op,
    })),
);

/** The operation a request goes to (`"GET /organizations/{organization_id}"`), or null. */
export function operationFor(method, pathname) {
  const found = OPERATIONS.find((o) => o.method === method && o.regex.test(pathname));
  return found ? { name: `${found.method} ${found.template}`, ...found } : null;
}

/** The names of the query parameters an operation declares. */
export function queryNames(op) {
  return new Set(
    (op.parameters ?? [])
      .map(resolve)
      .filter((p) => p.in === "query")
      .map((p) => p.name),
  );
}

/** The operations that take an operation-level security requirement, by name. */
export function securityOf(name) {
  const found = OPERATIONS.find((o) => `${o.method} ${o.template}` === name);
  return found.op.security ?? SPEC.security;
}

export const OPERATION_NAMES = OPERATIONS.map((o) => `${o.method} ${o.template}`);

/**
 * Problems with a request body against the operation's schema that Prism lets through: a field
 * the schema does not define, a read-only field sent by the client.
 */
export function bodyProblems(op, body) {
  const schema = resolve(op.requestBody?.content?.["application/json"]?.schema);
  if (!schema) return body === undefined ? [] : ["the operation takes no body"];
  const problems = [];
  const walk = (value, node, at) => {
    node = resolve(node);
    if (!node || node.type !== "object" || value === null || typeof value !== "object" || Array.isArray(value)) return;
    for (const [key, child] of Object.entries(value)) {
      const where = at ? `${at}.${key}` : key;
      const property = node.properties?.[key];
      if (!property) {
        problems.push(`${where}: not defined by the schema`);
        continue;
      }
      if (property.readOnly || resolve(property).readOnly) problems.push(`${where}: read-only, must not be sent`);
      walk(child, property, where);
    }
  };
  walk(body, schema, "");
  return problems;
}

/** The paths of the fields of `value` that `schema` (a component name or a schema) does not define. */
export function undefinedFields(value, schema, at = "") {
  const node = resolve(typeof schema === "string" ? { $ref: `#/components/schemas/${schema}` } : schema);
  if (!node || value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => undefinedFields(item, node.items, `${at}[${i}]`));
  if (!node.properties) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const where = at ? `${at}.${key}` : key;
    return node.properties[key] ? undefinedFields(child, node.properties[key], where) : [where];
  });
}

// ---------------------------------------------------------------------------------------------
// The recorder

/**
 * The options that make a client record each exchange: `fetch` wraps the global fetch and reads
 * the request (method, url, headers, body) and the response (status, `sl-violations`, body);
 * `onResponse` records what the client's hook saw. Returns `{ options, exchanges, hooks, reset }`.
 */
export function recorder(all) {
  const exchanges = [];
  const hooks = [];
  const options = {
    async fetch(request) {
      const bodyText = request.body === null ? undefined : await request.clone().text();
      const exchange = {
        method: request.method,
        url: new URL(request.url),
        headers: Object.fromEntries(request.headers),
        bodyText,
      };
      exchanges.push(exchange);
      all?.push(exchange);
      const response = await fetch(request);
      exchange.status = response.status;
      const raw = response.headers.get("sl-violations");
      exchange.violations = raw === null ? null : parseViolations(raw);
      const text = await response.clone().text();
      try {
        exchange.responseBody = text ? JSON.parse(text) : undefined;
      } catch {
        exchange.responseBody = text;
      }
      return response;
    },
    onResponse(info) {
      hooks.push(info);
    },
  };
  return {
    options,
    exchanges,
    hooks,
    reset() {
      exchanges.length = 0;
      hooks.length = 0;
    },
  };
}

function parseViolations(raw) {
  try {
    return JSON.parse(raw);
  } catch {
    return [{ message: raw }];
  }
}

/**
 * One line per violation Prism reported for an exchange; `severity` "Error" (the default) makes
 * Prism refuse the request, "Warning" only annotates it (a deprecated parameter), null gives all.
 */
export function describeViolations(exchange, severity = "Error") {
  return (exchange.violations ?? []).filter((v) => severity === null || v.severity === severity).map(
    (v) => `${exchange.method} ${exchange.url.pathname}${exchange.url.search} -> ${exchange.status}: ` +
      `[${(v.location ?? []).join(".")}] ${v.code ?? ""} ${v.message}`,
  );
}

/**
 * Fails unless every recorded exchange went to an operation of the spec, was accepted by Prism
 * (2xx, or `expectStatus`; no `sl-violations`), used only the query names the operation declares,
 * sent a body with only the schema's writable fields, and was reported to `onResponse` with the
 * same status.
 */
export function assertConforms(rec, { expectStatus, count } = {}) {
  const { exchanges, hooks } = rec;
  assert.ok(exchanges.length > 0, "the client made no request");
  if (count !== undefined) assert.equal(exchanges.length, count, "number of requests");
  const problems = [];
  for (const ex of exchanges) {
    const where = `${ex.method} ${ex.url.pathname}${ex.url.search}`;
    const refused = describeViolations(ex);
    problems.push(...refused);
    const ok = expectStatus === undefined ? ex.status >= 200 && ex.status < 300 : ex.status === expectStatus;
    if (!ok && refused.length === 0) problems.push(`${where} -> ${ex.status} (expected ${expectStatus ?? "2xx"}): ${JSON.stringify(ex.responseBody)}`);
    const found = operationFor(ex.method, ex.url.pathname);
    if (!found) {
      problems.push(`${where}: no operation of the spec`);
      continue;
    }
    const allowed = queryNames(found.op);
    for (const key of new Set(ex.url.searchParams.keys())) {
      if (!allowed.has(key)) problems.push(`${where}: query parameter ${key} not declared by ${found.name}`);
    }
    if (ex.bodyText !== undefined) {
      if (!/^application\/json\b/.test(ex.headers["content-type"] ?? "")) {
        problems.push(`${where}: body sent as ${ex.headers["content-type"]}`);
      }
      for (const p of bodyProblems(found.op, JSON.parse(ex.bodyText))) problems.push(`${where}: body ${p}`);
    } else if (found.op.requestBody?.required) {
      problems.push(`${where}: no body, the operation requires one`);
    }
  }
  assert.deepEqual(problems, [], `requests the spec does not allow:\n  ${problems.join("\n  ")}`);
  assert.deepEqual(
    hooks.map((h) => `${h.method} ${h.url} ${h.status}`),
    exchanges.map((ex) => `${ex.method} ${ex.url.href} ${ex.status}`),
    "onResponse saw every response, with its status",
  );
}

/** The query of the only (or `index`th) exchange, as `[key, value]` pairs in order. */
export const queryOf = (rec, index = 0) => [...rec.exchanges[index].url.searchParams];
