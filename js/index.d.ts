// Type declarations of cloudflare-organizations: Cloudflare's Organizations API (closed beta)
// for Workers, browsers and Node. The wire format is Cloudflare's own OpenAPI document.

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

/** Partial matches, sent as `name.startsWith=`, `name.endsWith=` and `name.contains=`. */
export interface NameMatch {
  startsWith?: string;
  endsWith?: string;
  contains?: string;
}

export interface ListOrganizationsParams {
  /** Sent as a repeated `id=` key. */
  id?: string | string[];
  /** A string is the exact, case-sensitive match; an object sends partial matches. */
  name?: string | NameMatch;
  containing?: { account?: string; user?: string; organization?: string };
  /** `null` lists root organizations only. */
  parent?: { id: string | null };
  /** 0..1000. */
  page_size?: number;
  page_token?: string;
}

export interface ListAccountsParams {
  /** Matched case-insensitively by the API. */
  name?: string | NameMatch;
  /** Deprecated by the API, still sent. */
  account_pubname?: string | NameMatch;
  order_by?: "account_name";
  direction?: "asc" | "desc";
  /** 0..1000. */
  page_size?: number;
  page_token?: string;
}

export interface OrganizationBody {
  /** Non-empty. */
  name: string;
  parent?: { id: string };
  profile?: Profile;
}

export interface Organization {
  id: string;
  name: string;
  create_time: string;
  meta: OrganizationMeta;
  parent?: { id: string; name: string };
  profile?: Profile;
}

export interface OrganizationMeta {
  tenant_flags?: OrganizationFlags;
  /** The 2025 name of `tenant_flags`. */
  flags?: OrganizationFlags;
  /** Tags from the root organization down to this one. */
  hierarchy_tags?: string[];
  managed_by?: string;
}

export interface OrganizationFlags {
  account_creation: string;
  account_deletion: string;
  account_migration: string;
  account_mobility: string;
  sub_org_creation: string;
  enterprise_capability?: string;
  member_management?: string;
}

export interface Profile {
  business_name: string;
  business_email: string;
  business_phone: string;
  business_address: string;
  external_metadata: string;
}

export interface Account {
  id: string;
  name: string | null;
  type: "standard" | "enterprise" | (string & {});
  created_on: string;
  settings: AccountSettings | null;
}

export interface AccountSettings {
  abuse_contact_email: string | null;
  access_approval_expiry: string | null;
  api_access_enabled: boolean | null;
  enforce_twofactor: boolean | null;
  default_nameservers: string | null;
  use_account_custom_ns_by_default: boolean | null;
}

export interface ResultInfo {
  /** Absent (or empty) on the last page. */
  next_page_token?: string;
  total_size?: number;
}

/** One page of a list. */
export interface Page<T> {
  result: T[];
  result_info: ResultInfo;
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
  delete(id: string, options?: CallOptions): Promise<{ id: string }>;
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
}

/** One entry of the envelope's `errors` or `messages`. */
export interface ResponseMessage {
  code: number;
  message: string;
  documentation_url?: string;
  source?: { pointer?: string };
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
