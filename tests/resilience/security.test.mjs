// Security (issue 5): ids stay one path segment or are refused (checked on the raw path the
// emulator received); credentials never show in errors, hooks or printed clients; nothing reaches
// a redirect target or any host but baseUrl's; CR/LF injection and plain http: to a host that is
// not loopback are refused. The suites' credentials are distinctive (mk/resilience.mk).
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import util from "node:util";
import {
  pkg, emulator, withoutEmulator, SECRETS, SECRET_VALUES, CASE_HEADER, newCase, requestsOf, skipEarlierRequests,
  freshOrganization, settle, collect, recordingServer, PROFILE,
} from "./helpers.mjs";

const { Cloudflare, ValidationError, CloudflareError } = pkg;

/** RFC 3986 unreserved characters stay, everything else is %XX of its UTF-8 bytes. */
const encodeSegment = (id) => encodeURIComponent(id).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const TEN_KB_MIXED = Array.from({ length: 10_240 }, (_, i) => "a/?#%.é組😀 \\@:;&=+$,"[i % 20]).join("");
/** Ids that must travel as one segment. */
const SAFE_IDS = [
  "a/b", "a?b=c", "a#frag", "100%", "%41", "%2e%2e%2f", "..%2f..%2fadmin", "../x", "a/../b", "...", "....",
  "é組織😀", "\u202eRTL", "a b", "a+b", "a;b", "@evil.example", "//evil.example", "\\\\evil.example\\x",
  "a\r\nX-Injected: 1", "a\u0000b", "x".repeat(10_240), TEN_KB_MIXED,
];
/** Ids a URL parser would fold into the parent path (or that are empty): refused. */
const DOT_IDS = ["", ".", "..", "%2e", "%2E", "%2e%2e", "%2E%2e", ".%2e", "%2e.", "%2E."];

/** The methods that take an id, and the path suffix each adds. */
const ID_METHODS = [
  ["get", "", (o, id, opts) => o.get(id, opts)],
  ["update", "", (o, id, opts) => o.update(id, { name: "n" }, opts)],
  ["delete", "", (o, id, opts) => o.delete(id, opts)],
  ["listAccounts", "/accounts", (o, id, opts) => o.listAccounts(id, {}, opts)],
  ["listAllAccounts", "/accounts", (o, id, opts) => o.listAllAccounts(id, {}, opts)],
  ["iterateAccounts", "/accounts", (o, id, opts) => collect(o.iterateAccounts(id, {}, opts))],
  ["getProfile", "/profile", (o, id, opts) => o.getProfile(id, opts)],
  ["updateProfile", "/profile", (o, id, opts) => o.updateProfile(id, PROFILE, opts)],
];
const NOTHING = "no organization has this name";
const label = (id) => (id.length > 40 ? `${JSON.stringify(id.slice(0, 12))}… (${id.length} chars)` : JSON.stringify(id));

/** Every text a user could print or ship of a value. */
function renderings(value) {
  const out = [util.inspect(value, { showHidden: true, depth: Infinity, getters: true }), String(value)];
  try { out.push(JSON.stringify(value)); } catch (error) { out.push(`JSON.stringify threw ${error}`); }
  if (value instanceof Error) out.push(value.message, value.stack ?? "");
  // What console.log itself writes (it goes through util.inspect, but check the real thing).
  const write = process.stdout.write;
  let printed = "";
  process.stdout.write = (chunk) => { printed += chunk; return true; };
  try { console.log(value); } finally { process.stdout.write = write; }
  out.push(printed);
  return out;
}

function assertNoSecret(what, value) {
  for (const text of renderings(value)) {
    for (const secret of SECRET_VALUES) {
      assert.ok(!text.includes(secret), `${what} shows a credential: …${text.slice(Math.max(0, text.indexOf(secret) - 80), text.indexOf(secret) + 40)}…`);
    }
  }
}


before(() => (emulator ? skipEarlierRequests() : undefined));

describe("ids stay one path segment, or are refused", { skip: withoutEmulator() }, () => {
  const cf = () => new Cloudflare({ baseUrl: emulator.url, apiToken: SECRETS.apiToken, maxRetries: 0 });

  describe("accepted ids: the raw path the emulator received", { concurrency: 8 }, () => {
    for (const id of SAFE_IDS) {
      it(label(id), async () => {
        const client = cf();
        const segment = encodeSegment(id);
        assert.doesNotMatch(segment, /[/?#\\]/);
        assert.equal(client.organizations.pathFor(id), `organizations/${segment}`);
        assert.equal(client.organizations.pathFor(id, "accounts"), `organizations/${segment}/accounts`);
        for (const [name, suffix, call] of ID_METHODS) {
          const marker = newCase(`id-${name}`);
          const { error } = await settle(call(client.organizations, id, { headers: { [CASE_HEADER]: marker } }));
          assert.equal(error?.name, "NotFoundError", `${name}: ${error?.message?.slice(0, 200)}`);
          const expectedPath = `/organizations/${segment}${suffix}`;
          assert.equal(error.path, expectedPath, `${name}: error.path`);
          const entries = await requestsOf(marker);
          assert.equal(entries.length, 1, `${name}: one request`);
          assert.equal(entries[0].path, expectedPath, `${name}: the raw path`);
          assert.equal(decodeURIComponent(entries[0].path.split("/")[2]), id, `${name}: the segment decodes to the id`);
          assert.ok(!entries[0].query.includes(segment) || segment.length < 3, `${name}: the id is not in the query`);
        }
      });
    }
  });

  it("dot segments and the empty id are a ValidationError, from pathFor at once and from every method, and nothing is sent", async () => {
    const client = cf();
    for (const id of DOT_IDS) {
      assert.throws(() => client.organizations.pathFor(id), (e) => e instanceof ValidationError && e.field === "id", `pathFor(${label(id)})`);
      for (const [name, , call] of ID_METHODS) {
        const marker = newCase(`dots-${name}`);
        const promise = call(client.organizations, id, { headers: { [CASE_HEADER]: marker } });
        assert.ok(promise instanceof Promise || typeof promise.then === "function", "rejects, never throws");
        await assert.rejects(promise, (e) => e instanceof ValidationError && e.field === "id", `${name}(${label(id)})`);
        assert.equal((await requestsOf(marker)).length, 0, `${name}(${label(id)}) sent something`);
      }
    }
  });

  it("a lone UTF-16 surrogate is sent as U+FFFD, still one segment", async () => {
    const marker = newCase("surrogate");
    await assert.rejects(cf().organizations.get("a\ud800b", { headers: { [CASE_HEADER]: marker } }), { name: "NotFoundError" });
    assert.equal((await requestsOf(marker))[0].path, "/organizations/a%EF%BF%BDb");
  });

  it("ids that are not strings are refused", async () => {
    for (const id of [undefined, null, 42, {}, ["a"], () => "a", Symbol("a")]) {
      await assert.rejects(cf().organizations.get(id), ValidationError, String(typeof id));
    }
  });
});

describe("credentials never leak", { skip: withoutEmulator() }, () => {
  const hookInfos = [];
  const errors = [];
  let cf, org;
  before(async () => {
    org = await freshOrganization("leak check", { profile: true });
    cf = new Cloudflare({
      baseUrl: emulator.url, ...SECRETS, maxRetries: 0, timeoutMs: 2000,
      onRequest: (info) => hookInfos.push(info),
      onResponse: (info) => hookInfos.push(info),
    });
  });

  it("the client: String(cf), console.log(cf), util.inspect, JSON.stringify, its organizations and iterators", () => {
    assert.match(String(cf), /^Cloudflare \{ baseUrl: http:\/\/127\.0\.0\.1:\d+\/client\/v4, apiToken: \*\*\*, apiEmail: \*\*\*, apiKey: \*\*\*, userServiceKey: \*\*\* \}$/);
    assert.equal(`${cf}`, String(cf));
    assertNoSecret("the client", cf);
    assertNoSecret("cf.organizations", cf.organizations);
    assertNoSecret("an iterator", cf.organizations.iterate());
    for (const key of Reflect.ownKeys(cf)) assertNoSecret(`cf[${String(key)}]`, cf[key]);
  });

  it("one error of every kind: message, stack, JSON.stringify, util.inspect (cause included), console.log", async () => {
    const fault = (f) => ({ headers: { "cf-emulator-fault": f } });
    const o = cf.organizations;
    const cases = {
      ...Object.fromEntries([400, 401, 403, 404, 409, 422, 429, 500, 503].map((s) => [`status ${s}`, () => o.get(org.id, fault(`status=${s}`))])),
      "HTML 502": () => o.get(org.id, fault("html=502")),
      "Retry-After over 60 s": () => o.get(org.id, fault("retry-after=120")),
      "success:false": () => o.create({ name: "x" }, fault("success-false")),
      redirect: () => o.listAll({ name: NOTHING }, fault("redirect")),
      "connection closed": () => o.getProfile(org.id, fault("close")),
      "body cut short": () => o.updateProfile(org.id, PROFILE, fault("truncate")),
      timeout: () => o.listAccounts(org.id, {}, { timeoutMs: 50, ...fault("delay=300") }),
      abort: () => o.get(org.id, { signal: AbortSignal.timeout(30), ...fault("delay=300") }),
      "validation (body)": () => o.create({ name: "x", profile: { bussiness_name: "typo" } }),
      "validation (per-call credential header over a bad header value)": () => o.get(org.id, { headers: { authorization: `Bearer ${SECRETS.apiToken}\r\n` } }),
      "validation (dot id)": () => o.delete(".."),
      "real 404": () => o.get("0".repeat(32)),
      "wrong token from a per-call header": () => o.get(org.id, { headers: { authorization: `Bearer ${SECRETS.apiToken}-wrong` } }),
    };
    for (const [name, call] of Object.entries(cases)) {
      const { error } = await settle(call());
      assert.ok(error instanceof CloudflareError, `${name}: ${error}`);
      errors.push([name, error]);
      assertNoSecret(`${name} (${error.name})`, error);
    }
    // Connection refused, and an invalid response, from their own clients with the same secrets.
    const refused = new Cloudflare({ baseUrl: "http://127.0.0.1:9/client/v4", ...SECRETS, maxRetries: 0 });
    const closedPort = await settle(refused.organizations.get("abc"));
    assert.equal(closedPort.error?.name, "ConnectionError");
    assertNoSecret("connection refused", closedPort.error);
    const junk = new Cloudflare({ baseUrl: "https://api.example.test", ...SECRETS, fetch: () => new Response("<html>") });
    const invalid = await settle(junk.organizations.get("abc"));
    assert.equal(invalid.error?.name, "InvalidResponseError");
    assertNoSecret("invalid response", invalid.error);
    const names = new Set(errors.map(([, e]) => e.name));
    for (const cls of ["BadRequestError", "AuthenticationError", "PermissionDeniedError", "NotFoundError", "ConflictError", "UnprocessableEntityError", "RateLimitError", "InternalServerError", "ApiError", "InvalidResponseError", "ConnectionError", "ConnectionTimeoutError", "UserAbortError", "ValidationError"]) {
      assert.ok(names.has(cls), `covered ${cls}`);
    }
  });

  it("constructor errors about credentials name the option, never its value", () => {
    const bad = [
      { apiToken: `${SECRETS.apiToken}\r\nX-Evil: 1` },
      { apiToken: SECRETS.apiToken, apiKey: SECRETS.apiKey },
      { apiEmail: SECRETS.apiEmail, apiKey: `${SECRETS.apiKey}\n` },
      { userServiceKey: `${SECRETS.userServiceKey}\u0000` },
      { apiToken: SECRETS.apiToken, baseUrl: "http://api.example.com/client/v4" },
      { apiToken: SECRETS.apiToken, baseUrl: `https://user:${SECRETS.apiKey}@api.example.com` },
      { headers: { authorization: `Bearer ${SECRETS.apiToken}\r\n` } },
      { headers: { "x-auth-key": `${SECRETS.apiKey}\u0000` } },
      { apiToken: SECRETS.apiToken, timeoutMs: -1 },
      { apiToken: SECRETS.apiToken, unknownOption: SECRETS.apiKey },
    ];
    for (const options of bad) {
      let error;
      try { new Cloudflare(options); } catch (e) { error = e; }
      assert.ok(error instanceof ValidationError, `refused: ${Object.keys(options)}`);
      assertNoSecret(`ValidationError for ${Object.keys(options)}`, error);
    }
  });

  it("hook info: credentials as ***, no value anywhere", () => {
    assert.ok(hookInfos.length >= 20);
    for (const info of hookInfos) assertNoSecret("hook info", info);
    const request = hookInfos.find((i) => i.status === undefined);
    assert.deepEqual(
      [request.headers.authorization, request.headers["x-auth-email"], request.headers["x-auth-key"], request.headers["x-auth-user-service-key"]],
      ["***", "***", "***", "***"],
    );
  });
});

describe("credentials go only to baseUrl's host; no redirect is followed", { skip: withoutEmulator() }, () => {
  let target;
  before(async () => { target = await recordingServer(); });

  const METHODS = [
    ["create", (o, opts) => o.create({ name: "redirected" }, opts)],
    // A filter nothing matches: one page, however many organizations earlier suites made.
    ["list", (o, opts) => o.list({ name: NOTHING }, opts)],
    ["listAll", (o, opts) => o.listAll({ name: NOTHING }, opts)],
    ["iterate", (o, opts) => collect(o.iterate({ name: NOTHING }, opts))],
    ["get", (o, opts, id) => o.get(id, opts)],
    ["update", (o, opts, id) => o.update(id, { name: "n" }, opts)],
    ["delete", (o, opts, id) => o.delete(id, opts)],
    ["listAccounts", (o, opts, id) => o.listAccounts(id, {}, opts)],
    ["listAllAccounts", (o, opts, id) => o.listAllAccounts(id, {}, opts)],
    ["iterateAccounts", (o, opts, id) => collect(o.iterateAccounts(id, {}, opts))],
    ["getProfile", (o, opts, id) => o.getProfile(id, opts)],
    ["updateProfile", (o, opts, id) => o.updateProfile(id, PROFILE, opts)],
  ];

  it("the emulator's 302 to another server, on every method: InvalidResponseError, the target receives nothing", async () => {
    const cf = new Cloudflare({ baseUrl: emulator.url, ...SECRETS });
    const org = await freshOrganization("redirect source");
    for (const [name, call] of METHODS) {
      const { error } = await settle(call(cf.organizations, { headers: { "cf-emulator-fault": `redirect=${target.url}/steal` } }, org.id));
      assert.equal(error?.name, "InvalidResponseError", name);
      assert.equal(error.status, 302);
    }
    // fetch follows a redirect before it resolves: a call that settled followed none.
    assert.deepEqual(target.received, [], "nothing reached the redirect target");
  });

  it("301, 303, 307 and 308 from a server of our own, on every verb: nothing follows", async () => {
    let nextStatus = 301;
    const redirector = await recordingServer((req, res) => res.writeHead(nextStatus, { location: `${target.url}/steal${req.url}` }).end());
    try {
      const cf = new Cloudflare({ baseUrl: redirector.url, ...SECRETS });
      for (const status of [301, 303, 307, 308]) {
        nextStatus = status;
        for (const [name, call] of METHODS) {
          const { error } = await settle(call(cf.organizations, {}, "abc"));
          assert.equal(error?.name, "InvalidResponseError", `${status} ${name}`);
          assert.equal(error.status, status);
        }
      }
      assert.equal(redirector.received.length, 4 * 12, "each call was sent once, to baseUrl");
      assert.equal(redirector.received[0].headers.authorization, `Bearer ${SECRETS.apiToken}`);
      // fetch follows a redirect before it resolves: a call that settled followed none.
      assert.deepEqual(target.received, [], "nothing reached the redirect target");
    } finally {
      await redirector.close();
    }
  });

  it("every request goes to baseUrl's origin and path, whatever the ids and parameters hold", async () => {
    const urls = [];
    const base = new URL(emulator.url);
    const cf = new Cloudflare({ baseUrl: emulator.url, ...SECRETS, maxRetries: 0, fetch: (request) => { urls.push(request.url); return fetch(request); } });
    const params = { name: "x&id=y#z", page_token: "../../evil", parent: { id: "//evil.example" }, containing: { account: "@evil.example" } };
    for (const id of [...SAFE_IDS.filter((i) => i.length < 100), "org"]) {
      for (const [, call] of METHODS) await settle(call(cf.organizations, {}, id));
    }
    await settle(cf.organizations.list(params));
    await settle(cf.organizations.listAccounts("org", { name: { contains: "/../" }, page_token: "?x=#" }));
    assert.ok(urls.length > 200);
    for (const url of urls) {
      const parsed = new URL(url);
      assert.equal(parsed.origin, base.origin, url);
      assert.ok(parsed.pathname.startsWith(`${base.pathname}/organizations`), url);
      assert.equal(parsed.hash, "", url);
    }
  });

  it("stops the target server", () => target.close());
});

describe("header injection and plain http: are refused", { skip: withoutEmulator() }, () => {
  const BAD_VALUES = ["a\r\nX-Evil: 1", "a\nb", "a\rb", "a\u0000b", "a\u007fb", "a\u001bb", "a\u2028b", "a\u0100b"];

  it("CR, LF, NUL and other controls in any credential: ValidationError naming the option", () => {
    for (const value of BAD_VALUES) {
      for (const options of [
        { apiToken: value }, { apiEmail: value, apiKey: "k" }, { apiEmail: "e", apiKey: value }, { userServiceKey: value },
      ]) {
        const field = Object.keys(options).find((k) => options[k] === value);
        assert.throws(() => new Cloudflare(options), (e) => e instanceof ValidationError && e.field === field, `${field} = ${JSON.stringify(value)}`);
      }
    }
  });

  it("the headers option, on the client: bad names and values refused", () => {
    for (const value of BAD_VALUES) {
      assert.throws(() => new Cloudflare({ headers: { "x-trace": value } }), (e) => e instanceof ValidationError && e.field === "headers.x-trace");
    }
    for (const name of ["x trace", "x-trace\r\nx-evil", "x:y", "", "x\u0000", "é", "x-trace\n"]) {
      assert.throws(() => new Cloudflare({ headers: { [name]: "v" } }), ValidationError, JSON.stringify(name));
    }
    assert.throws(() => new Cloudflare({ headers: { "x-n": 1 } }), ValidationError, "a number value");
  });

  it("the headers option, per call: the promise rejects with ValidationError and nothing is sent", async () => {
    const cf = new Cloudflare({ baseUrl: emulator.url, apiToken: SECRETS.apiToken });
    for (const headers of [{ "x-trace": "a\r\nX-Evil: 1" }, { "x-trace\r\nx-evil": "1" }, { authorization: "Bearer x\nX-Evil: 1" }, { "x-trace": "\u0000" }]) {
      const marker = newCase("call-headers");
      const promise = cf.organizations.get("abc", { headers: { ...headers, [CASE_HEADER]: marker } });
      await assert.rejects(promise, (e) => e instanceof ValidationError && e.field.startsWith("headers."), JSON.stringify(headers));
      await assert.rejects(cf.organizations.create({ name: "x" }, { headers: { ...headers, [CASE_HEADER]: marker } }), ValidationError);
      assert.equal((await requestsOf(marker)).length, 0);
    }
  });

  const INSECURE = [
    "http://api.example.com/client/v4", "HTTP://API.EXAMPLE.COM", "http://10.0.0.1:8787", "http://192.168.1.10",
    "http://127.0.0.1.nip.io", "http://localhost.evil.example", "http://127.1", "http://0x7f000001", "http://2130706433",
    "http://[::ffff:127.0.0.1]", "http://127.0.0.1.", "http://[::2]", "http://0.0.0.0",
  ];
  const LOOPBACK = ["http://127.0.0.1:8787/client/v4", "http://127.255.255.254", "http://localhost:1", "http://LOCALHOST", "http://[::1]:8787"];
  const CREDENTIALS = [
    { apiToken: "t" }, { apiEmail: "e", apiKey: "k" }, { userServiceKey: "s" },
    { headers: { Authorization: "Bearer t" } }, { headers: { "X-Auth-Key": "k" } }, { headers: { "x-auth-user-service-key": "s" } },
  ];

  it("plain http: to a host that is not loopback, with any credential: ValidationError on baseUrl", () => {
    for (const baseUrl of INSECURE) {
      for (const credentials of CREDENTIALS) {
        assert.throws(() => new Cloudflare({ baseUrl, ...credentials }), (e) => e instanceof ValidationError && e.field === "baseUrl", `${baseUrl} ${JSON.stringify(credentials)}`);
        assert.doesNotThrow(() => new Cloudflare({ baseUrl, ...credentials, allowInsecureHttp: true }), "allowInsecureHttp opts in");
      }
      assert.doesNotThrow(() => new Cloudflare({ baseUrl }), "no credentials (a proxy adds them)");
    }
    for (const baseUrl of LOOPBACK) for (const credentials of CREDENTIALS) assert.doesNotThrow(() => new Cloudflare({ baseUrl, ...credentials }), baseUrl);
    for (const baseUrl of ["http://127.0.0.1@evil.example", `http://evil.example#@127.0.0.1`, "http://127.0.0.1\\@evil.example", "http://evil.example?@127.0.0.1", "http://127.0.0.1 .evil.example", "//evil.example", "ftp://127.0.0.1"]) {
      assert.throws(() => new Cloudflare({ baseUrl, apiToken: "t" }), (e) => e instanceof ValidationError && e.field === "baseUrl", baseUrl);
    }
  });

  it("a credential in a call's own headers over plain http: to such a host: refused, nothing sent", async () => {
    const sent = [];
    const cf = new Cloudflare({ baseUrl: "http://proxy.internal.example/client/v4", fetch: (r) => { sent.push(r); return new Response("{}"); } });
    for (const headers of [{ authorization: "Bearer t" }, { "X-Auth-Key": "k" }, { "x-auth-email": "e" }, { "X-AUTH-USER-SERVICE-KEY": "s" }]) {
      await assert.rejects(cf.organizations.get("abc", { headers }), (e) => e instanceof ValidationError && e.field === `headers.${Object.keys(headers)[0]}`);
      await assert.rejects(cf.organizations.listAll({}, { headers }), ValidationError);
      await assert.rejects(collect(cf.organizations.iterate({}, { headers })), ValidationError);
    }
    assert.equal(sent.length, 0);
    const allowed = new Cloudflare({ baseUrl: "http://proxy.internal.example/client/v4", allowInsecureHttp: true, fetch: (r) => { sent.push(r); return new Response(JSON.stringify({ success: true, result: { id: "a", name: "n" } })); } });
    await allowed.organizations.get("a", { headers: { authorization: "Bearer t" } });
    assert.equal(sent.length, 1, "allowInsecureHttp opts in");
  });
});
