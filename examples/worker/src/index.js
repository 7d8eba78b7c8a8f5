// A Worker over Cloudflare's Organizations API: the organization tree as JSON, one organization
// with its accounts and profile, and the writes. Errors of the client become JSON answers with a
// fitting status, chosen by `instanceof`.
//
//   GET    /tree                       every organization, nested by parent (listAll)
//   GET    /orgs?name=&parent=&page_size=&page_token=   one page (list); parent=root for roots
//   GET    /orgs/first?n=5             the first n organizations, fetched lazily (iterate)
//   POST   /orgs                       { name, parent?: { id }, profile? } (create)
//   GET    /orgs/:id                   the organization, all its accounts, its profile and links
//   PUT    /orgs/:id                   { name } (update)
//   DELETE /orgs/:id                   (delete; 409 while it holds sub-organizations or accounts)
//   GET    /orgs/:id/accounts?page_size=&page_token=&direction=   one page (listAccounts)
//   GET    /orgs/:id/accounts/first?n=5                           lazily (iterateAccounts)
//   PUT    /orgs/:id/profile           the five profile fields (updateProfile)
//
// Configuration: the secret CLOUDFLARE_API_TOKEN; vars CLOUDFLARE_BASE_URL (empty for the real
// API), CLOUDFLARE_TIMEOUT_MS and CLOUDFLARE_MAX_RETRIES.
import {
  ApiError,
  Cloudflare,
  CloudflareError,
  ConflictError,
  ConnectionError,
  ConnectionTimeoutError,
  InvalidResponseError,
  NotFoundError,
  ValidationError,
} from "cloudflare-organizations";

export default {
  async fetch(request, env) {
    try {
      return await route(request, client(env).organizations);
    } catch (error) {
      return errorResponse(error);
    }
  },
};

// One client per isolate, reused across requests (the configuration only changes on deploy).
let cached;
function client(env) {
  if (!cached) {
    const number = (value) => (value === undefined || value === "" ? undefined : Number(value));
    cached = new Cloudflare({
      apiToken: env.CLOUDFLARE_API_TOKEN,
      baseUrl: env.CLOUDFLARE_BASE_URL || undefined,
      timeoutMs: number(env.CLOUDFLARE_TIMEOUT_MS),
      maxRetries: number(env.CLOUDFLARE_MAX_RETRIES),
    });
  }
  return cached;
}

async function route(request, orgs) {
  const url = new URL(request.url);
  const [, head, rawId, sub, rest, ...extra] = url.pathname.split("/");
  const id = rawId === undefined ? undefined : decodeURIComponent(rawId);
  const method = request.method;
  const query = url.searchParams;

  if (head === "tree" && rawId === undefined && method === "GET") return json(await tree(orgs));
  if (head !== "orgs" || extra.length > 0) return json({ error: { name: "NotFound", message: "no such route" } }, 404);

  if (id === undefined || id === "") {
    if (method === "GET") {
      const page = await orgs.list({
        name: query.get("name") ?? undefined,
        parent: query.has("parent") ? { id: query.get("parent") === "root" ? null : query.get("parent") } : undefined,
        page_size: query.has("page_size") ? Number(query.get("page_size")) : undefined,
        page_token: query.get("page_token") ?? undefined,
      });
      return json({ organizations: page.result, next_page_token: page.result_info.next_page_token ?? null, total: page.result_info.total_size ?? null });
    }
    if (method === "POST") return json(await orgs.create(await body(request)), 201);
  } else if (id === "first" && sub === undefined && method === "GET") {
    return json(await first(orgs.iterate(), query));
  } else if (sub === undefined) {
    if (method === "GET") return json(await organization(orgs, id));
    if (method === "PUT") return json(await orgs.update(id, await body(request)));
    if (method === "DELETE") return json(await orgs.delete(id));
  } else if (sub === "accounts" && rest === undefined && method === "GET") {
    const page = await orgs.listAccounts(id, {
      page_size: query.has("page_size") ? Number(query.get("page_size")) : undefined,
      page_token: query.get("page_token") ?? undefined,
      direction: query.get("direction") ?? undefined,
      order_by: query.has("direction") ? "account_name" : undefined,
    });
    return json({ accounts: page.result, next_page_token: page.result_info.next_page_token ?? null, total: page.result_info.total_size ?? null });
  } else if (sub === "accounts" && rest === "first" && method === "GET") {
    return json(await first(orgs.iterateAccounts(id), query));
  } else if (sub === "profile" && rest === undefined && method === "PUT") {
    await orgs.updateProfile(id, await body(request));
    return new Response(null, { status: 204 });
  }
  return json({ error: { name: "MethodNotAllowed", message: `${method} ${url.pathname} is not a route` } }, 405);
}

/** Every organization, nested under its parent; organizations whose parent is not visible are roots. */
async function tree(orgs) {
  const all = await orgs.listAll({ page_size: 100 });
  const nodes = new Map(all.map((org) => [org.id, { id: org.id, name: org.name, children: [] }]));
  const roots = [];
  for (const org of all) {
    const parent = org.parent && nodes.get(org.parent.id);
    (parent ? parent.children : roots).push(nodes.get(org.id));
  }
  return { count: all.length, roots };
}

/** One organization, its accounts and profile, fetched together, plus the API paths of each. */
async function organization(orgs, id) {
  const [org, accounts, profile] = await Promise.all([orgs.get(id), orgs.listAllAccounts(id), orgs.getProfile(id)]);
  const links = { self: orgs.pathFor(id), accounts: orgs.pathFor(id, "accounts"), profile: orgs.pathFor(id, "profile") };
  return { organization: org, accounts, profile, links };
}

/** The first `?n=` items of an async iterable: only the pages needed are fetched. */
async function first(iterable, query) {
  const n = Number(query.get("n") ?? 5);
  const items = [];
  if (n > 0) {
    for await (const item of iterable) {
      items.push({ id: item.id, name: item.name });
      if (items.length >= n) break;
    }
  }
  return { items };
}

/** A request this Worker cannot read, before the client is asked anything. */
class BadBody extends Error {}

async function body(request) {
  try {
    return await request.json();
  } catch {
    throw new BadBody("the request body is not JSON");
  }
}

/** The client's errors as JSON: the caller's mistakes as 4xx, the upstream's trouble as 5xx. */
function errorResponse(error) {
  if (error instanceof BadBody) return json({ error: { name: "BadBody", message: error.message } }, 400);
  if (!(error instanceof CloudflareError)) throw error;
  const status =
    error instanceof ValidationError ? 400
    : error instanceof NotFoundError ? 404
    : error instanceof ConflictError ? 409
    : error instanceof ApiError ? (error.status < 500 ? error.status : 502)
    : error instanceof ConnectionTimeoutError ? 504
    : error instanceof ConnectionError || error instanceof InvalidResponseError ? 502
    : 500;
  return json({ error: error.toJSON() }, status);
}

function json(value, status = 200) {
  return new Response(JSON.stringify(value, null, 2), { status, headers: { "content-type": "application/json; charset=utf-8" } });
}
