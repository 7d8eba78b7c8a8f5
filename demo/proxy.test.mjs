// The demo server's proxy and static files, against a recording stand-in upstream:
// credentials are added upstream, never echoed back, and whatever the browser sends is dropped.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { mkdtemp, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startDemoServer } from "./server.mjs";
import { checkUpstream } from "./proxy.mjs";

const SERVER_TOKEN = "server-secret-token-0123456789";

/** An upstream that records each request and answers per path. */
async function startRecorder() {
  const seen = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      if (req.url.startsWith("/client/v4/organizations/redirect")) {
        res.writeHead(302, { location: `http://127.0.0.1:${server.address().port}/elsewhere` });
        return res.end();
      }
      if (req.url.startsWith("/client/v4/organizations/cut")) {
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        res.write("{\"success\":tr");
        return setTimeout(() => res.destroy(), 20);
      }
      res.writeHead(req.url.includes("missing") ? 404 : 200, {
        "content-type": "application/json",
        "cf-ray": "8f00dabbad00-TST",
        "set-cookie": "session=upstream",
        "x-echo-authorization": String(req.headers.authorization ?? ""),
      });
      res.end(JSON.stringify({ success: true, errors: [], messages: [], result: { ok: true } }));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { seen, url: `http://127.0.0.1:${server.address().port}/client/v4`, close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }) };
}

/** A raw request (fetch would refuse to send some of these headers, e.g. Host). */
function request(base, { method = "GET", path: p, headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = http.request({ host: url.hostname, port: url.port, method, path: p, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString() }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("demo server", () => {
  let upstream, demo, pkgDir;

  before(async () => {
    upstream = await startRecorder();
    pkgDir = await mkdtemp(path.join(tmpdir(), "demo-pkg-"));
    await writeFile(path.join(pkgDir, "index.js"), "export const built = true;\n");
    demo = await startDemoServer({ port: 0, upstream: upstream.url, credentials: { apiToken: SERVER_TOKEN }, kind: "test", pkgDir });
  });

  after(async () => {
    await demo?.close();
    await upstream?.close();
    await rm(pkgDir, { recursive: true, force: true });
  });

  const last = () => upstream.seen.at(-1);

  it("forwards to the upstream with the server's token, keeping path and query", async () => {
    const response = await request(demo.url, { path: "/client/v4/organizations?name.contains=Acme&page_size=5" });
    assert.equal(response.status, 200);
    assert.equal(last().url, "/client/v4/organizations?name.contains=Acme&page_size=5");
    assert.equal(last().headers.authorization, `Bearer ${SERVER_TOKEN}`);
    assert.equal(response.headers["cf-ray"], "8f00dabbad00-TST");
    assert.deepEqual(JSON.parse(response.text).result, { ok: true });
  });

  it("never sends the credentials back to the browser", async () => {
    const response = await request(demo.url, { path: "/client/v4/organizations" });
    const everything = JSON.stringify(response.headers) + response.text;
    assert.ok(!everything.includes(SERVER_TOKEN), "the token appears in the response");
    assert.equal(response.headers["x-echo-authorization"], undefined);
    assert.equal(response.headers["set-cookie"], undefined);
    const config = await request(demo.url, { path: "/__demo/config" });
    assert.equal(config.status, 200);
    assert.ok(!config.text.includes(SERVER_TOKEN));
    assert.match(JSON.parse(config.text).credentials, /API token/);
  });

  it("strips every credential the browser sends", async () => {
    await request(demo.url, {
      path: "/client/v4/organizations",
      headers: {
        authorization: "Bearer browser-token", "x-auth-email": "mallory@example.com", "x-auth-key": "browser-key",
        "x-auth-user-service-key": "browser-service-key", cookie: "a=b", "x-forwarded-for": "10.0.0.1",
      },
    });
    const headers = last().headers;
    assert.equal(headers.authorization, `Bearer ${SERVER_TOKEN}`);
    for (const name of ["x-auth-email", "x-auth-key", "x-auth-user-service-key", "cookie", "x-forwarded-for"]) {
      assert.equal(headers[name], undefined, `${name} reached the upstream`);
    }
    assert.ok(!JSON.stringify(headers).includes("browser-"));
  });

  it("sends email + key credentials when configured that way", async () => {
    const keyed = await startDemoServer({ port: 0, upstream: upstream.url, credentials: { apiEmail: "ops@example.com", apiKey: "server-key" }, pkgDir });
    try {
      await request(keyed.url, { path: "/client/v4/organizations", headers: { authorization: "Bearer browser-token" } });
      assert.equal(last().headers["x-auth-email"], "ops@example.com");
      assert.equal(last().headers["x-auth-key"], "server-key");
      assert.equal(last().headers.authorization, undefined);
    } finally {
      await keyed.close();
    }
  });

  it("forwards JSON bodies and refuses other body types", async () => {
    const body = JSON.stringify({ name: "New org" });
    const created = await request(demo.url, { method: "POST", path: "/client/v4/organizations", headers: { "content-type": "application/json" }, body });
    assert.equal(created.status, 200);
    assert.equal(last().method, "POST");
    assert.equal(last().body, body);
    const count = upstream.seen.length;
    const form = await request(demo.url, { method: "POST", path: "/client/v4/organizations", headers: { "content-type": "text/plain" }, body: "name=x" });
    assert.equal(form.status, 415);
    assert.equal(JSON.parse(form.text).success, false);
    assert.equal(upstream.seen.length, count, "a text/plain body reached the upstream");
  });

  it("refuses requests from other sites and other Host names", async () => {
    const count = upstream.seen.length;
    const cases = [
      { origin: "http://evil.example" },
      { "sec-fetch-site": "cross-site" },
      { host: "evil.example:80" },
    ];
    for (const headers of cases) {
      const response = await request(demo.url, { method: "DELETE", path: "/client/v4/organizations/abc", headers });
      assert.equal(response.status, 403, JSON.stringify(headers));
    }
    assert.equal(upstream.seen.length, count);
    const sameOrigin = await request(demo.url, { path: "/client/v4/organizations", headers: { origin: demo.url.replace(/\/$/, ""), "sec-fetch-site": "same-origin" } });
    assert.equal(sameOrigin.status, 200);
  });

  it("only forwards below the upstream's base path", async () => {
    const count = upstream.seen.length;
    for (const p of ["/client/v4/../secret", "/client/v4/%2e%2e/secret", "/client/v4/organizations/%2E/x", "/client/v4/a%2fb", "/client/v4evil"]) {
      const response = await request(demo.url, { path: p });
      assert.ok([400, 404].includes(response.status), `${p} → ${response.status}`);
    }
    assert.equal(upstream.seen.length, count);
  });

  it("forwards the Organizations API, every operation's path, and refuses the rest of /client/v4", async () => {
    const json = { "content-type": "application/json" };
    const allowed = [
      ["GET", "/client/v4/organizations"],
      ["GET", "/client/v4/organizations?page_size=1"],
      ["GET", "/client/v4/organizations/0123abcd/logs/audit?since=2026-01-01&before=2026-01-08"],
      ["GET", "/client/v4/organizations/0123abcd/billable/usage"],
      ["POST", "/client/v4/organizations/0123abcd/members:batchCreate"],
      ["DELETE", "/client/v4/organizations/0123abcd/members/m1"],
    ];
    for (const [method, p] of allowed) {
      const response = await request(demo.url, { method, path: p, headers: json, body: method === "POST" ? "{}" : undefined });
      assert.equal(response.status, 200, `${method} ${p}`);
      assert.equal(`${last().method} ${last().url}`, `${method} ${p}`);
    }
    const count = upstream.seen.length;
    const refused = [
      ["GET", "/client/v4"], ["GET", "/client/v4/"], ["GET", "/client/v4?x=/organizations"],
      ["GET", "/client/v4/accounts"], ["GET", "/client/v4/user/tokens/verify"], ["GET", "/client/v4/zones?name=organizations"],
      ["GET", "/client/v4/organizationsevil"], ["GET", "/client/v4/%6frganizations"], ["GET", "/client/v4/Organizations"],
      ["GET", "/client/v4/accounts/abc/organizations"], ["POST", "/client/v4/accounts"], ["DELETE", "/client/v4/zones/abc"],
      ["PUT", "/client/v4/user"],
    ];
    for (const [method, p] of refused) {
      const response = await request(demo.url, { method, path: p, headers: json, body: method === "GET" || method === "DELETE" ? undefined : "{}" });
      assert.equal(response.status, 403, `${method} ${p}`);
      const envelope = JSON.parse(response.text);
      assert.equal(envelope.success, false);
      assert.match(envelope.errors[0].message, /Only the Organizations API \(\/client\/v4\/organizations and below\) is forwarded/);
    }
    assert.equal(upstream.seen.length, count, "a refused path reached the upstream");
  });

  it("does not follow redirects", async () => {
    const response = await request(demo.url, { path: "/client/v4/organizations/redirect" });
    assert.equal(response.status, 502);
    assert.match(JSON.parse(response.text).errors[0].message, /redirect/);
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(!upstream.seen.some((r) => r.url === "/elsewhere"), "the redirect was followed");
  });

  it("passes a body cut short upstream on as cut short", async () => {
    await assert.rejects(request(demo.url, { path: "/client/v4/organizations/cut" }));
  });

  it("answers 502 in the API's envelope when the upstream is down", async () => {
    const down = await startDemoServer({ port: 0, upstream: "http://127.0.0.1:9/client/v4", credentials: { apiToken: SERVER_TOKEN }, pkgDir });
    try {
      const response = await request(down.url, { path: "/client/v4/organizations" });
      assert.equal(response.status, 502);
      const envelope = JSON.parse(response.text);
      assert.equal(envelope.success, false);
      assert.ok(!response.text.includes(SERVER_TOKEN));
    } finally {
      await down.close();
    }
  });

  it("refuses an upstream that would expose the credentials", () => {
    const token = { apiToken: SERVER_TOKEN };
    assert.throws(() => checkUpstream("http://api.example.com/client/v4", token), /plain http/);
    assert.throws(() => checkUpstream("ftp://127.0.0.1/client/v4", token), /http\(s\)/);
    assert.equal(checkUpstream("https://api.cloudflare.com/client/v4", token).host, "api.cloudflare.com");
    assert.equal(checkUpstream("http://127.0.0.1:8787/client/v4", token).port, "8787");
    assert.equal(checkUpstream("http://[::1]:8787/client/v4", token).hostname, "[::1]");
  });

  it("serves the dashboard with a strict CSP, the package under /pkg/, and nothing outside", async () => {
    const page = await request(demo.url, { path: "/" });
    assert.equal(page.status, 200);
    assert.match(page.headers["content-type"], /text\/html/);
    assert.match(page.text, /"cloudflare-organizations": "\/pkg\/index.js"/);
    assert.match(page.headers["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
    const chart = await request(demo.url, { path: "/vendor/chart.js/chart.js" });
    assert.equal(chart.status, 200);
    assert.match(chart.headers["content-type"], /text\/javascript/);
    assert.match(chart.text, /from '@kurkle\/color'|import '@kurkle\/color'/);
    const color = await request(demo.url, { path: "/vendor/@kurkle/color/color.esm.js" });
    assert.equal(color.status, 200);
    const pkg = await request(demo.url, { path: "/pkg/index.js" });
    assert.equal(pkg.status, 200);
    assert.match(pkg.headers["content-type"], /text\/javascript/);
    for (const p of ["/../package.json", "/%2e%2e/package.json", "/pkg/../../package.json", "/js/%00.js",
      "/vendor/chart.js/../package.json", "/vendor/chart.js/%2e%2e/package.json", "/vendor/chart.js/%2e%2e/%2e%2e/playwright-core/package.json",
      "/vendor/playwright-core/index.js", "/vendor/", "/vendor/chart.js"]) {
      assert.equal((await request(demo.url, { path: p })).status, 404, p);
    }
  });
});
