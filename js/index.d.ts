// Type declarations of cloudflare-organizations: Cloudflare's Organizations API (closed beta)
// for Workers, browsers and Node. The wire format is Cloudflare's own OpenAPI document.

// The API's shapes (models, bodies, parameters) are generated from the core's Rust types into
// ./models.d.ts at build time (scripts/gen-types.mjs); everything here is the client around them.
import type {
  Account,
  AuditHistoryParams,
  AuditListParams,
  AuditLog,
  CursorInfo,
  DeletedOrganization,
  HistoryInfo,
  ListAccountsParams,
  ListOrganizationsParams,
  Member,
  MemberListParams,
  NewMember,
  Organization,
  OrganizationBody,
  PageNumberInfo,
  Profile,
  ResponseMessage,
  ResultInfo,
  Share,
  ShareListParams,
  UsageParams,
  UsageRecord,
} from "./models.js";
export * from "./models.js";

/** A header map: names to values. */
export type HeaderRecord = Record<string, string>;

/** What `onRequest` receives for every attempt. Credentials appear as `***`. */
export interface RequestHookInfo {
  method: "GET" | "POST" | "PUT" | "DELETE";
  url: string;
  /** The attempt number, from 1. */
  attempt: number;
  headers: HeaderRecord;
}

/** What `onResponse` receives for every attempt that got a response, error statuses included. */
export interface ResponseHookInfo extends RequestHookInfo {
  status: number;
  rayId: string | null;
  durationMs: number;
  messages: ResponseMessage[];
}

export interface ClientOptions {
  /** Sends `Authorization: Bearer <token>`. */
  apiToken?: string;
  /** Sends `X-Auth-Email`; goes with `apiKey`. */
  apiEmail?: string;
  /** Sends `X-Auth-Key`; goes with `apiEmail`. */
  apiKey?: string;
  /** Sends `X-Auth-User-Service-Key`. */
  userServiceKey?: string;
  /** Default `https://api.cloudflare.com/client/v4`; a path such as `/api/cf` is allowed. */
  baseUrl?: string;
  /** Per attempt, reading the body included. Default 60000. */
  timeoutMs?: number;
  /** Default 2; 0 turns retries off. */
  maxRetries?: number;
  /** Used instead of the global `fetch`, called without a `this`. */
  fetch?: (request: Request) => Promise<Response>;
  /** Extra headers on every request. */
  headers?: HeaderRecord;
  /** Default false: credentials go over plain `http:` only to loopback hosts. */
  allowInsecureHttp?: boolean;
  onRequest?: (info: RequestHookInfo) => void;
  onResponse?: (info: ResponseHookInfo) => void;
}

/** Options every method takes as its last argument. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  /** Override the client's `headers` of the same name. */
  headers?: HeaderRecord;
}

/** The paginating methods also stop after `maxPages` pages. */
export interface PaginationOptions extends CallOptions {
  maxPages?: number;
}

/** One page of a list paged by token (organizations, accounts, members). */
export interface Page<T> {
  result: T[];
  result_info: ResultInfo;
}

/** One page of audit entries; `result_info.cursor` leads to the next. */
export interface CursorPage<T> {
  result: T[];
  result_info: CursorInfo;
}

/** One page of an audit entry's history, with `result_info.history_status`. */
export interface AuditHistoryPage {
  result: AuditLog[];
  result_info: HistoryInfo;
}

/** One numbered page (shares): `result_info.page` of `result_info.total_pages`. */
export interface NumberedPage<T> {
  result: T[];
  result_info: PageNumberInfo;
}

/** The client. `new Cloudflare()` throws `ValidationError` for bad options. */
export class Cloudflare {
  constructor(options?: ClientOptions);
  readonly organizations: Organizations;
  /** Names the base URL and which credentials are set, never their values. */
  toString(): string;
  /** Releases the client's WebAssembly memory at once (otherwise the garbage collector does). */
  free(): void;
}

/** `cf.organizations`: every method returns a Promise and rejects with a `CloudflareError`. */
export interface Organizations {
  /** `POST /organizations`. */
  create(body: OrganizationBody, options?: CallOptions): Promise<Organization>;
  /** `GET /organizations`: one page. */
  list(params?: ListOrganizationsParams, options?: CallOptions): Promise<Page<Organization>>;
  /** Every page, following `next_page_token` with the same filters. */
  listAll(params?: ListOrganizationsParams, options?: PaginationOptions): Promise<Organization[]>;
  /** Every organization, fetching one page at a time as the loop asks. */
  iterate(params?: ListOrganizationsParams, options?: PaginationOptions): AsyncIterableIterator<Organization>;
  /** `GET /organizations/{id}`. */
  get(id: string, options?: CallOptions): Promise<Organization>;
  /** `PUT /organizations/{id}` (the API applies only `name` today). */
  update(id: string, body: OrganizationBody, options?: CallOptions): Promise<Organization>;
  /** `DELETE /organizations/{id}`: refused while it holds sub-organizations or accounts. */
  delete(id: string, options?: CallOptions): Promise<DeletedOrganization>;
  /** `GET /organizations/{id}/accounts`: one page. */
  listAccounts(id: string, params?: ListAccountsParams, options?: CallOptions): Promise<Page<Account>>;
  /** Every account of the organization, following `next_page_token`. */
  listAllAccounts(id: string, params?: ListAccountsParams, options?: PaginationOptions): Promise<Account[]>;
  /** Every account, one page at a time. */
  iterateAccounts(id: string, params?: ListAccountsParams, options?: PaginationOptions): AsyncIterableIterator<Account>;
  /** `GET /organizations/{id}/profile`. */
  getProfile(id: string, options?: CallOptions): Promise<Profile>;
  /** `PUT /organizations/{id}/profile` (204): all five fields. */
  updateProfile(id: string, profile: Profile, options?: CallOptions): Promise<undefined>;
  /** `organizations`, `organizations/{id}` or `organizations/{id}/{action}`, the id encoded. Throws `ValidationError`. */
  pathFor(id?: string, action?: string): string;
  /** Audit logs: `logs.audit`. */
  readonly logs: Logs;
  /** Billable usage: `billing.usage`. */
  readonly billing: Billing;
  /** The organization's members and invitations. */
  readonly members: Members;
  /** Resource shares. */
  readonly shares: Shares;
}

/** `cf.organizations.logs`. */
export interface Logs {
  readonly audit: AuditLogs;
}

/** `cf.organizations.logs.audit`: who did what, paged by cursor. `since` and `before` are required. */
export interface AuditLogs {
  /** `GET /organizations/{id}/logs/audit`: one page. */
  list(id: string, params: AuditListParams, options?: CallOptions): Promise<CursorPage<AuditLog>>;
  /** Every page, following `result_info.cursor` with the same filters. */
  listAll(id: string, params: AuditListParams, options?: PaginationOptions): Promise<AuditLog[]>;
  /** Every entry, one page at a time. */
  iterate(id: string, params: AuditListParams, options?: PaginationOptions): AsyncIterableIterator<AuditLog>;
  /** `GET /organizations/{id}/logs/audit/{logId}/history`: one page, `history_status` kept. */
  history(id: string, logId: string, params: AuditHistoryParams, options?: CallOptions): Promise<AuditHistoryPage>;
  /** Every page of the history, following the cursor. */
  historyAll(id: string, logId: string, params: AuditHistoryParams, options?: PaginationOptions): Promise<AuditLog[]>;
}

/** `cf.organizations.billing`. */
export interface Billing {
  readonly usage: BillableUsage;
}

/** `cf.organizations.billing.usage`. */
export interface BillableUsage {
  /** `GET /organizations/{id}/billable/usage`: FinOps FOCUS records; `from` and `to` both or neither, at most 31 days apart. */
  get(id: string, params?: UsageParams, options?: CallOptions): Promise<UsageRecord[]>;
}

/** `cf.organizations.members`. */
export interface Members {
  /** `GET /organizations/{id}/members`: one page. */
  list(id: string, params?: MemberListParams, options?: CallOptions): Promise<Page<Member>>;
  /** Every page, following `next_page_token`. */
  listAll(id: string, params?: MemberListParams, options?: PaginationOptions): Promise<Member[]>;
  /** Every member, one page at a time. */
  iterate(id: string, params?: MemberListParams, options?: PaginationOptions): AsyncIterableIterator<Member>;
  /** `GET /organizations/{id}/members/{memberId}`. */
  get(id: string, memberId: string, options?: CallOptions): Promise<Member>;
  /** `POST /organizations/{id}/members`, sent as `{ member }`. */
  create(id: string, member: NewMember, options?: CallOptions): Promise<Member>;
  /** `POST /organizations/{id}/members:batchCreate`: one to ten, sent as `{ members }`. */
  batchCreate(id: string, members: NewMember[], options?: CallOptions): Promise<Member[]>;
  /** `DELETE /organizations/{id}/members/{memberId}` (204). */
  delete(id: string, memberId: string, options?: CallOptions): Promise<undefined>;
}

/** `cf.organizations.shares`. */
export interface Shares {
  /** `GET /organizations/{id}/shares`: one numbered page. */
  list(id: string, params?: ShareListParams, options?: CallOptions): Promise<NumberedPage<Share>>;
  /** Every page, until `result_info.total_pages` or an empty page. */
  listAll(id: string, params?: ShareListParams, options?: PaginationOptions): Promise<Share[]>;
  /** Every share, one page at a time. */
  iterate(id: string, params?: ShareListParams, options?: PaginationOptions): AsyncIterableIterator<Share>;
}

/** Every rejection is a CloudflareError. */
export class CloudflareError extends Error {
  /** The class name, e.g. `"NotFoundError"`. */
  readonly name: string;
  toJSON(): Record<string, unknown>;
}

/** An error status, or a 2xx whose envelope says `success: false`. */
export class ApiError extends CloudflareError {
  readonly status: number;
  readonly errors: ResponseMessage[];
  readonly messages: ResponseMessage[];
  /** The first error's code. */
  readonly code: number | null;
  /** The `cf-ray` header. */
  readonly rayId: string | null;
  readonly method: string;
  /** After `baseUrl`, without the query: `/organizations/abc`. */
  readonly path: string;
  /** The wait the server asked for, when it asked for one. */
  readonly retryAfterMs?: number;
  /** The start of a body that was not JSON (Cloudflare's HTML error page). */
  readonly bodySnippet?: string;
}
/** 400 */
export class BadRequestError extends ApiError {}
/** 401 */
export class AuthenticationError extends ApiError {}
/** 403 */
export class PermissionDeniedError extends ApiError {}
/** 404 */
export class NotFoundError extends ApiError {}
/** 409 */
export class ConflictError extends ApiError {}
/** 422 */
export class UnprocessableEntityError extends ApiError {}
/** 429 */
export class RateLimitError extends ApiError {}
/** 500 and above. */
export class InternalServerError extends ApiError {}

/** `fetch` itself failed: refused, reset, DNS, a body cut short. */
export class ConnectionError extends CloudflareError {
  readonly method: string;
  readonly path: string;
  readonly cause?: unknown;
}
/** An attempt outlived `timeoutMs`. */
export class ConnectionTimeoutError extends ConnectionError {
  readonly timeoutMs: number;
}
/** The caller's `signal` aborted. */
export class UserAbortError extends CloudflareError {}
/** A 2xx or 3xx the API does not document (not JSON, a wrong shape, a redirect, a repeated page token). */
export class InvalidResponseError extends CloudflareError {
  readonly status: number;
  readonly rayId: string | null;
  /** At most 200 characters of the body. */
  readonly bodySnippet: string;
  readonly method: string;
  readonly path: string;
}
/** Bad input found before anything was sent. */
export class ValidationError extends CloudflareError {
  /** The field path, e.g. `profile.business_email`. */
  readonly field: string;
  readonly reason: string;
}
