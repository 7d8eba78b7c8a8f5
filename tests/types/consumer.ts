// A strict TypeScript consumer of the shipped declarations: every option, method, parameter and
// result, the models, and `instanceof` narrowing of every error class. types.test.mjs type-checks
// it (never runs it) in a fresh project with the packed package, under Node and bundler resolution.
import type { AuditHistoryPage, AuditLog, CursorPage, Member, NumberedPage, Share, UsageRecord } from "cloudflare-organizations";
// The entry for Nodes without the "module-sync" condition, typed as the package is.
import { Cloudflare as CompatCloudflare, NotFoundError as CompatNotFoundError } from "cloudflare-organizations/node-compat.js";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  Cloudflare,
  CloudflareError,
  ConflictError,
  ConnectionError,
  ConnectionTimeoutError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  UserAbortError,
  ValidationError,
  type Account,
  type AccountSettings,
  type CallOptions,
  type ClientOptions,
  type ListAccountsParams,
  type ListOrganizationsParams,
  type Organization,
  type OrganizationBody,
  type Organizations,
  type Page,
  type PaginationOptions,
  type Profile,
  type RequestHookInfo,
  type ResponseHookInfo,
  type ResponseMessage,
} from "cloudflare-organizations";

/** Compiles only when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function same<A, B>(check: Equal<A, B>): void {
  void check;
}

const profile: Profile = {
  business_name: "Acme Ltd",
  business_email: "billing@acme.example",
  business_phone: "+1 555 0100",
  business_address: "1 Market Street",
  external_metadata: "{}",
};

export async function everyMethod(): Promise<void> {
  const seen: string[] = [];
  const options: ClientOptions = {
    apiToken: "token",
    apiEmail: "me@example.com",
    apiKey: "key",
    userServiceKey: "v1.0-key",
    baseUrl: "/api/cf",
    timeoutMs: 10_000,
    maxRetries: 0,
    fetch: (request: Request) => fetch(request),
    headers: { "x-trace": "1" },
    allowInsecureHttp: false,
    onRequest: (info: RequestHookInfo) => {
      const method: "GET" | "POST" | "PUT" | "DELETE" = info.method;
      seen.push(`${method} ${info.url} #${info.attempt} ${info.headers["authorization"] ?? ""}`);
    },
    onResponse: (info: ResponseHookInfo) => {
      const ray: string | null = info.rayId;
      const first: ResponseMessage | undefined = info.messages[0];
      seen.push(`${info.status} ${ray ?? "-"} ${info.durationMs}ms ${first?.message ?? ""}`);
    },
  };
  const cf = new Cloudflare(options);
  const bare = new Cloudflare();
  const compat: Cloudflare = new CompatCloudflare({ apiToken: "t" });
  const compatError: CloudflareError = new CompatNotFoundError("gone");
  const text: string = cf.toString();
  bare.free();

  const orgs: Organizations = cf.organizations;
  const controller = new AbortController();
  const call: CallOptions = { signal: controller.signal, timeoutMs: 5000, maxRetries: 1, headers: { "x-request": "1" } };
  const paging: PaginationOptions = { ...call, maxPages: 3 };

  const body: OrganizationBody = { name: "Acme", parent: { id: "p" }, profile };
  const created = await orgs.create(body, call);
  same<typeof created, Organization>(true);
  await orgs.create({ name: "Bare" });

  const filters: ListOrganizationsParams = {
    id: ["a", "b"],
    name: { startsWith: "Ac", endsWith: "me", contains: "cm" },
    containing: { account: "acc", user: "user", organization: "org" },
    parent: { id: null },
    page_size: 50,
    page_token: "token",
  };
  const page = await orgs.list(filters, call);
  same<typeof page, Page<Organization>>(true);
  const next: string | undefined = page.result_info.next_page_token;
  const total: number | undefined = page.result_info.total_size;
  await orgs.list();
  await orgs.list({ id: "one", name: "Exact", parent: { id: "p" } });

  const all = await orgs.listAll({ name: "Acme" }, paging);
  same<typeof all, Organization[]>(true);
  for await (const org of orgs.iterate({ parent: { id: created.id } }, paging)) {
    same<typeof org, Organization>(true);
    const flags = org.meta.flags ?? org.meta.tenant_flags;
    const creation: string | undefined = flags?.account_creation;
    const tags: string[] | undefined = org.meta.hierarchy_tags;
    const parentName: string | undefined = org.parent?.name;
    const email: string | undefined = org.profile?.business_email;
    seen.push(`${org.id} ${org.name} ${org.create_time} ${creation} ${tags?.join("/")} ${parentName} ${email} ${org.meta.managed_by}`);
  }

  const got = await orgs.get(created.id, call);
  same<typeof got, Organization>(true);
  const updated = await orgs.update(got.id, { name: "Acme 2" }, call);
  same<typeof updated, Organization>(true);
  const deleted = await orgs.delete(updated.id, call);
  same<typeof deleted, { id: string }>(true);

  const accountParams: ListAccountsParams = {
    name: { contains: "prod" },
    account_pubname: "pub",
    order_by: "account_name",
    direction: "desc",
    page_size: 10,
    page_token: "t",
  };
  const accounts = await orgs.listAccounts(created.id, accountParams, call);
  same<typeof accounts, Page<Account>>(true);
  const allAccounts = await orgs.listAllAccounts(created.id, { direction: "asc" }, paging);
  same<typeof allAccounts, Account[]>(true);
  for await (const account of orgs.iterateAccounts(created.id)) {
    same<typeof account, Account>(true);
    const name: string | null = account.name;
    const settings: AccountSettings | null = account.settings;
    const twoFactor: boolean | null | undefined = settings?.enforce_twofactor;
    const kind: string = account.type;
    seen.push(`${account.id} ${name} ${kind} ${account.created_on} ${twoFactor}`);
  }

  const gotProfile = await orgs.getProfile(created.id, call);
  same<typeof gotProfile, Profile>(true);
  const nothing = await orgs.updateProfile(created.id, profile, call);
  same<typeof nothing, undefined>(true);

  const path: string = orgs.pathFor();
  const orgPath: string = orgs.pathFor(created.id);
  const accountsPath: string = orgs.pathFor(created.id, "accounts");
  seen.push(text, path, orgPath, accountsPath, String(next), String(total));
}

/** Narrowing by `instanceof`: each branch sees the fields of its class. */
/** The nine operations after the seed's eight, with their parameter shapes and results. */
export async function theRestOfTheApi(cf: Cloudflare, id: string): Promise<string[]> {
  const orgs = cf.organizations;
  const range = { since: new Date(Date.now() - 86_400_000), before: "2026-11-29" };
  const audit = await orgs.logs.audit.list(id, {
    ...range,
    direction: "asc",
    limit: 100,
    action_type: ["create", "update"],
    actor_email: { not: "bot@example.com" },
    raw_status_code: { not: [500, 503] },
    resource_scope: "organizations",
  });
  same<typeof audit, CursorPage<AuditLog>>(true);
  const cursor: string | undefined = audit.result_info.cursor;
  const entry: AuditLog | undefined = audit.result[0];
  const time: string | undefined = entry?.action?.time;
  const everything = await orgs.logs.audit.listAll(id, range, { maxPages: 3 });
  same<typeof everything, AuditLog[]>(true);
  for await (const log of orgs.logs.audit.iterate(id, range)) same<typeof log, AuditLog>(true);
  const history = await orgs.logs.audit.history(id, "log", { action_time: time ?? new Date(), ...range });
  same<typeof history, AuditHistoryPage>(true);
  const status: "exact" | "approximate" | "unavailable" = history.result_info.history_status;
  same<Awaited<ReturnType<typeof orgs.logs.audit.historyAll>>, AuditLog[]>(true);

  const usage = await orgs.billing.usage.get(id, { from: "2026-11-01", to: new Date() });
  same<typeof usage, UsageRecord[]>(true);
  const cost: number | null | undefined = usage[0]?.BilledCost;
  const start: string | undefined = usage[0]?.ChargePeriodStart;

  const invited = await orgs.members.create(id, { user: { email: "a@example.com" }, status: "active" });
  same<typeof invited, Member>(true);
  const batch = await orgs.members.batchCreate(id, [{ user: { email: "b@example.com" } }]);
  same<typeof batch, Member[]>(true);
  const members = await orgs.members.list(id, { status: ["active", "pending"], user: { email: { endsWith: "@example.com" } } });
  same<typeof members, Page<Member>>(true);
  same<Awaited<ReturnType<typeof orgs.members.listAll>>, Member[]>(true);
  for await (const member of orgs.members.iterate(id)) same<typeof member, Member>(true);
  const one = await orgs.members.get(id, invited.id);
  const twoFactor: boolean = one.user.two_factor_authentication_enabled;
  const removed = await orgs.members.delete(id, invited.id);
  same<typeof removed, undefined>(true);

  const shares = await orgs.shares.list(id, { resource_types: ["custom-ruleset"], order: "name", page: 2, per_page: 50 });
  same<typeof shares, NumberedPage<Share>>(true);
  const pages: number | undefined = shares.result_info.total_pages;
  same<Awaited<ReturnType<typeof orgs.shares.listAll>>, Share[]>(true);
  for await (const share of orgs.shares.iterate(id)) same<typeof share, Share>(true);
  return [String(cursor), status, String(cost), String(start), String(twoFactor), String(pages)];
}

export function describeError(error: unknown): string {
  if (error instanceof ValidationError) {
    const field: string = error.field;
    const reason: string = error.reason;
    return `${field}: ${reason}`;
  }
  if (error instanceof RateLimitError) {
    const wait: number | undefined = error.retryAfterMs;
    return `retry in ${wait ?? "?"} ms`;
  }
  if (error instanceof NotFoundError || error instanceof ConflictError) {
    const base: ApiError = error;
    return `${base.status} ${base.path}`;
  }
  if (error instanceof ApiError) {
    const status: number = error.status;
    const code: number | null = error.code;
    const ray: string | null = error.rayId;
    const first: ResponseMessage | undefined = error.errors[0];
    const snippet: string | undefined = error.bodySnippet;
    const kinds = [BadRequestError, AuthenticationError, PermissionDeniedError, UnprocessableEntityError, InternalServerError];
    const kind = kinds.find((cls) => error instanceof cls)?.name ?? "ApiError";
    return `${kind} ${status} ${error.method} ${error.path} ${code} ${ray} ${first?.documentation_url} ${error.messages.length} ${snippet}`;
  }
  if (error instanceof ConnectionTimeoutError) {
    const ms: number = error.timeoutMs;
    const parent: ConnectionError = error;
    return `${parent.method} ${parent.path} timed out after ${ms}`;
  }
  if (error instanceof ConnectionError) {
    const cause: unknown = error.cause;
    return `${error.method} ${error.path}: ${String(cause)}`;
  }
  if (error instanceof InvalidResponseError) {
    const snippet: string = error.bodySnippet;
    return `${error.status} ${error.rayId} ${snippet}`;
  }
  if (error instanceof UserAbortError) return "aborted";
  if (error instanceof CloudflareError) {
    const asError: Error = error;
    const json: Record<string, unknown> = error.toJSON();
    return `${error.name} ${asError.message} ${JSON.stringify(json)}`;
  }
  return "not ours";
}
