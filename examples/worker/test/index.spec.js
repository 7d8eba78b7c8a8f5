// The Worker's tests, run inside workerd by @cloudflare/vitest-pool-workers: requests to the
// Worker through SELF (integration), and the client used directly with the test's env (unit).
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Cloudflare, CloudflareError, NotFoundError, ValidationError } from "cloudflare-organizations";

const call = async (method, route, body) => {
  const response = await SELF.fetch(`https://worker.test${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
};

const tag = `vitest-${Date.now().toString(36)}`;

describe("the organization tree Worker", () => {
  it("creates, reads, renames, profiles and deletes an organization through its routes", async () => {
    const parent = await call("POST", "/orgs", { name: `${tag} parent` });
    expect(parent.status).toBe(201);
    const child = await call("POST", "/orgs", { name: `${tag} child`, parent: { id: parent.body.id } });
    expect(child.body.parent.id).toBe(parent.body.id);

    const renamed = await call("PUT", `/orgs/${child.body.id}`, { name: `${tag} renamed` });
    expect(renamed.body.name).toBe(`${tag} renamed`);
    const profile = {
      business_name: "Vitest Ltd", business_email: "v@example.com", business_phone: "+1 555 0142",
      business_address: "1 Test Way", external_metadata: "{}",
    };
    expect((await call("PUT", `/orgs/${child.body.id}/profile`, profile)).status).toBe(204);

    const shown = await call("GET", `/orgs/${child.body.id}`);
    expect(shown.body.organization.name).toBe(`${tag} renamed`);
    expect(shown.body.profile).toEqual(profile);
    expect(shown.body.links.accounts).toBe(`organizations/${child.body.id}/accounts`);

    const tree = await call("GET", "/tree");
    const parentNode = tree.body.roots.find((node) => node.id === parent.body.id);
    expect(parentNode.children.map((node) => node.id)).toEqual([child.body.id]);

    const busy = await call("DELETE", `/orgs/${parent.body.id}`);
    expect([busy.status, busy.body.error.name]).toEqual([409, "ConflictError"]);
    expect((await call("DELETE", `/orgs/${child.body.id}`)).body).toEqual({ id: child.body.id });
    expect((await call("DELETE", `/orgs/${parent.body.id}`)).body).toEqual({ id: parent.body.id });
  });

  it("lists a page, the first few lazily, and an organization's accounts", async () => {
    const page = await call("GET", "/orgs?page_size=2");
    expect(page.body.organizations).toHaveLength(2);
    const first = await call("GET", "/orgs/first?n=3");
    expect(first.body.items).toHaveLength(3);
    const id = page.body.organizations[0].id;
    const accounts = await call("GET", `/orgs/${id}/accounts?page_size=1&direction=desc`);
    expect(accounts.status).toBe(200);
    const lazily = await call("GET", `/orgs/${id}/accounts/first?n=1`);
    expect(lazily.body.items.length).toBe(Math.min(1, accounts.body.total));
  });

  it("answers the client's errors with a fitting status", async () => {
    const missing = await call("GET", `/orgs/${"0".repeat(32)}`);
    expect([missing.status, missing.body.error.name]).toEqual([404, "NotFoundError"]);
    const invalid = await call("POST", "/orgs", { name: "" });
    expect([invalid.status, invalid.body.error.name, invalid.body.error.field]).toEqual([400, "ValidationError", "name"]);
  });
});

describe("the client, in the test itself", () => {
  const cf = new Cloudflare({ apiToken: env.CLOUDFLARE_API_TOKEN, baseUrl: env.CLOUDFLARE_BASE_URL, maxRetries: 0 });

  it("rejects with the exported classes", async () => {
    const missing = cf.organizations.get("0".repeat(32));
    await expect(missing).rejects.toBeInstanceOf(NotFoundError);
    await expect(missing).rejects.toBeInstanceOf(CloudflareError);
    await expect(cf.organizations.create({ name: "" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("describes itself without its token", () => {
    expect(String(cf)).toBe(`Cloudflare { baseUrl: ${env.CLOUDFLARE_BASE_URL}, apiToken: *** }`);
    expect(String(cf)).not.toContain(env.CLOUDFLARE_API_TOKEN);
  });
});
