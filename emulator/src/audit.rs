//! Audit logs: the trail every mutating request appends to, its list (filters and their `.not`
//! forms, a time window, cursor pages) and the history of one entry's resource.

use bytes::Bytes;
use hyper::header::{HeaderValue, USER_AGENT};
use hyper::Response;
use serde_json::Value;

use crate::app::{persist_failed, App, Credentials, Peer};
use crate::http::{self, Body};
use crate::lists::{self, PageBuffer, Params};
use crate::util;
use cloudflare_organizations_core::models::audit::{
    ACTION_RESULTS, ACTION_TYPES, ACTOR_CONTEXTS, ACTOR_TYPES, RESOURCE_SCOPES,
};
use cloudflare_organizations_core::models::{
    AuditAction, AuditActor, AuditLog, AuditOrganization, AuditRaw, AuditResource, CursorInfo,
    Direction, Envelope, HistoryInfo, HistoryStatus,
};

pub const CODE_LOG_NOT_FOUND: u32 = 1007;
const DEFAULT_LIMIT: usize = 100;
const MAX_LIMIT: usize = 1000;
/// How far from `action_time` the history route looks for its source entry.
const ACTION_TIME_WINDOW_MS: i64 = util::DAY_MS;

/// One stored entry: its position, its time (the sort key) and its ready JSON.
pub struct AuditEntry {
    pub seq: u64,
    time_ms: i64,
    pub log: AuditLog,
    json: Bytes,
}

/// Every audit log entry, oldest first: appended in time order, so one binary search finds a
/// time window and another a cursor.
#[derive(Default)]
pub struct AuditTrail {
    entries: Vec<AuditEntry>,
}

/// A page of entries: the rendered items and, when more follow, the seq of the last one.
pub struct CursorPage {
    pub items: PageBuffer,
    pub next: Option<u64>,
}

/// Which entries a page is taken from.
pub struct Window {
    /// Inclusive, milliseconds.
    pub since: i64,
    /// Exclusive, milliseconds.
    pub before: i64,
    pub desc: bool,
    /// The seq of the last entry already seen (0: none).
    pub after: u64,
    pub limit: usize,
}

impl AuditTrail {
    /// Appends an entry; an entry stamped earlier than the last one (a clock step back) sorts
    /// as if it came at the same time, so the trail stays ordered.
    pub fn push(&mut self, seq: u64, log: AuditLog) {
        let stamped = field(&log, Field::Time)
            .and_then(util::parse_time)
            .unwrap_or(0);
        let time_ms = self
            .entries
            .last()
            .map_or(stamped, |last| stamped.max(last.time_ms));
        let json = Bytes::from(serde_json::to_vec(&log).unwrap_or_default());
        self.entries.push(AuditEntry {
            seq,
            time_ms,
            log,
            json,
        });
    }

    pub fn entries(&self) -> &[AuditEntry] {
        &self.entries
    }

    pub fn count(&self) -> usize {
        self.entries.len()
    }

    /// Whether any entry belongs to this organization (its trail outlives it).
    pub fn holds(&self, org: &str) -> bool {
        self.entries
            .iter()
            .any(|e| field(&e.log, Field::Organization) == Some(org))
    }

    /// The entry `id` of `org` stamped within a day of `near`.
    pub fn find(&self, org: &str, id: &str, near: i64) -> Option<&AuditEntry> {
        self.entries.iter().find(|e| {
            field(&e.log, Field::Id) == Some(id)
                && field(&e.log, Field::Organization) == Some(org)
                && (e.time_ms - near).abs() <= ACTION_TIME_WINDOW_MS
        })
    }

    /// The entries of `w` that `keep` accepts, rendered.
    pub fn page(&self, w: &Window, keep: impl Fn(&AuditLog) -> bool) -> CursorPage {
        let lo = self.entries.partition_point(|e| e.time_ms < w.since);
        let hi = self.entries.partition_point(|e| e.time_ms < w.before);
        let mut range = &self.entries[lo..hi.max(lo)];
        if w.after > 0 {
            range = if w.desc {
                &range[..range.partition_point(|e| e.seq < w.after)]
            } else {
                &range[range.partition_point(|e| e.seq <= w.after)..]
            };
        }
        let mut items = PageBuffer::new(w.limit.min(range.len()) * 700);
        let mut last = 0;
        let mut more = false;
        let ordered: Box<dyn Iterator<Item = &AuditEntry>> = if w.desc {
            Box::new(range.iter().rev())
        } else {
            Box::new(range.iter())
        };
        for e in ordered.filter(|e| keep(&e.log)) {
            if items.items == w.limit {
                more = true;
                break;
            }
            items.push(&e.json);
            last = e.seq;
        }
        CursorPage {
            items,
            next: more.then_some(last),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Recording

/// Who sent a mutating request and how: what its audit entries say besides the change itself.
pub struct Origin {
    actor: AuditActor,
    method: String,
    uri: String,
    ray: String,
    user_agent: Option<String>,
}

/// What a request changed.
pub struct Change {
    pub org: String,
    /// `create`, `update` or `delete`.
    pub action: &'static str,
    pub description: &'static str,
    pub resource_type: &'static str,
    pub resource_id: Option<String>,
    pub request: Option<Value>,
}

/// The actor of a request, from the credential it used: a token is preferred over a key pair,
/// a key pair over the service key (every scheme it presents was checked already).
fn actor(creds: &Credentials, parts: &hyper::http::request::Parts) -> AuditActor {
    let has = |name: &str| parts.headers.contains_key(name);
    let (context, token) = if has("authorization") {
        ("api_token", true)
    } else if has("x-auth-key") {
        ("api_key", false)
    } else {
        ("origin_ca_key", false)
    };
    let ip = parts
        .extensions
        .get::<Peer>()
        .map_or_else(|| "127.0.0.1".to_owned(), |p| p.0.to_string());
    AuditActor {
        context: Some(context.to_owned()),
        email: Some(creds.email.clone()),
        id: Some(crate::seed::user_id(&creds.email)),
        ip_address: Some(ip),
        // An id derived from the token, never the token itself.
        token_id: token.then(|| util::stable_id(&format!("token:{}", creds.token))),
        token_name: token.then(|| "Emulator token".to_owned()),
        kind: Some("user".to_owned()),
    }
}

impl Origin {
    pub fn new(app: &App, parts: &hyper::http::request::Parts, ray: &HeaderValue) -> Origin {
        let path = parts.uri.path();
        let path = path.strip_prefix(crate::app::API_BASE).unwrap_or(path);
        Origin {
            actor: actor(&app.creds, parts),
            method: parts.method.as_str().to_owned(),
            uri: match parts.uri.query() {
                Some(q) => format!("{path}?{q}"),
                None => path.to_owned(),
            },
            // The ray id without the `-EMU` location, as Cloudflare's entries show it.
            ray: ray
                .to_str()
                .unwrap_or("")
                .split('-')
                .next()
                .unwrap_or("")
                .to_owned(),
            user_agent: parts
                .headers
                .get(USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        }
    }

    /// The entry for `change`, answered with `status`.
    pub fn log(&self, status: u16, change: Change) -> AuditLog {
        AuditLog {
            id: Some(util::new_id()),
            action: Some(AuditAction {
                description: Some(change.description.to_owned()),
                result: Some(if status < 400 { "success" } else { "failure" }.to_owned()),
                time: Some(util::rfc3339_millis(util::now_millis())),
                kind: Some(change.action.to_owned()),
            }),
            actor: Some(self.actor.clone()),
            resource: Some(AuditResource {
                id: change.resource_id,
                product: Some("organizations".to_owned()),
                request: change.request,
                response: None,
                scope: Some(organization_scope(&change.org)),
                kind: Some(change.resource_type.to_owned()),
            }),
            organization: Some(AuditOrganization {
                id: Some(change.org),
            }),
            raw: Some(AuditRaw {
                cf_ray_id: Some(self.ray.clone()),
                method: Some(self.method.clone()),
                status_code: Some(status),
                uri: Some(self.uri.clone()),
                user_agent: self.user_agent.clone(),
            }),
        }
    }
}

/// An entry's `resource.scope`: the organization it happened in.
pub fn organization_scope(org: &str) -> Value {
    serde_json::json!({"type": "organizations", "id": org})
}

/// Records a refused mutating request (the organization must still exist) and waits until the
/// entry is durable.
pub async fn record_failure(
    app: &App,
    origin: &Origin,
    status: u16,
    change: Change,
    ray: &HeaderValue,
) -> Option<Response<Body>> {
    let generation = {
        let mut s = app.write();
        s.org(&change.org)?;
        s.record(origin.log(status, change));
        s.generation
    };
    app.commit(generation)
        .await
        .is_err()
        .then(|| persist_failed(ray))
}

// ---------------------------------------------------------------------------------------------
// Filters

#[derive(Clone, Copy, PartialEq)]
enum Field {
    ActionResult,
    ActionType,
    ActorContext,
    ActorEmail,
    ActorId,
    ActorIp,
    ActorTokenId,
    ActorTokenName,
    ActorType,
    Id,
    RawCfRayId,
    RawMethod,
    RawStatusCode,
    RawUri,
    ResourceId,
    ResourceProduct,
    ResourceType,
    ResourceScope,
    /// Not filters: read by the trail itself.
    Time,
    Organization,
}

/// Each filter: its name, its `.not` name, the field, and the check of its enum (if any).
const FILTERS: [(&str, &str, Field, Option<&[&str]>); 18] = [
    (
        "action_result",
        "action_result.not",
        Field::ActionResult,
        Some(ACTION_RESULTS),
    ),
    (
        "action_type",
        "action_type.not",
        Field::ActionType,
        Some(ACTION_TYPES),
    ),
    (
        "actor_context",
        "actor_context.not",
        Field::ActorContext,
        Some(ACTOR_CONTEXTS),
    ),
    ("actor_email", "actor_email.not", Field::ActorEmail, None),
    ("actor_id", "actor_id.not", Field::ActorId, None),
    (
        "actor_ip_address",
        "actor_ip_address.not",
        Field::ActorIp,
        None,
    ),
    (
        "actor_token_id",
        "actor_token_id.not",
        Field::ActorTokenId,
        None,
    ),
    (
        "actor_token_name",
        "actor_token_name.not",
        Field::ActorTokenName,
        None,
    ),
    (
        "actor_type",
        "actor_type.not",
        Field::ActorType,
        Some(ACTOR_TYPES),
    ),
    ("id", "id.not", Field::Id, None),
    (
        "raw_cf_ray_id",
        "raw_cf_ray_id.not",
        Field::RawCfRayId,
        None,
    ),
    ("raw_method", "raw_method.not", Field::RawMethod, None),
    (
        "raw_status_code",
        "raw_status_code.not",
        Field::RawStatusCode,
        None,
    ),
    ("raw_uri", "raw_uri.not", Field::RawUri, None),
    ("resource_id", "resource_id.not", Field::ResourceId, None),
    (
        "resource_product",
        "resource_product.not",
        Field::ResourceProduct,
        None,
    ),
    (
        "resource_type",
        "resource_type.not",
        Field::ResourceType,
        None,
    ),
    (
        "resource_scope",
        "resource_scope.not",
        Field::ResourceScope,
        Some(RESOURCE_SCOPES),
    ),
];

/// One field of an entry (every field of the model is optional).
fn field(log: &AuditLog, f: Field) -> Option<&str> {
    let action = || log.action.as_ref();
    let actor = || log.actor.as_ref();
    let raw = || log.raw.as_ref();
    let resource = || log.resource.as_ref();
    match f {
        Field::ActionResult => action()?.result.as_deref(),
        Field::ActionType => action()?.kind.as_deref(),
        Field::Time => action()?.time.as_deref(),
        Field::ActorContext => actor()?.context.as_deref(),
        Field::ActorEmail => actor()?.email.as_deref(),
        Field::ActorId => actor()?.id.as_deref(),
        Field::ActorIp => actor()?.ip_address.as_deref(),
        Field::ActorTokenId => actor()?.token_id.as_deref(),
        Field::ActorTokenName => actor()?.token_name.as_deref(),
        Field::ActorType => actor()?.kind.as_deref(),
        Field::Id => log.id.as_deref(),
        Field::Organization => log.organization.as_ref()?.id.as_deref(),
        Field::RawCfRayId => raw()?.cf_ray_id.as_deref(),
        Field::RawMethod => raw()?.method.as_deref(),
        // Compared as numbers, below.
        Field::RawStatusCode => None,
        Field::RawUri => raw()?.uri.as_deref(),
        Field::ResourceId => resource()?.id.as_deref(),
        Field::ResourceProduct => resource()?.product.as_deref(),
        Field::ResourceType => resource()?.kind.as_deref(),
        Field::ResourceScope => resource()?.scope.as_ref()?.get("type")?.as_str(),
    }
}

/// One filter of the query: the entry's field is one of `values` (or, negated, none of them).
struct Filter {
    field: Field,
    negate: bool,
    values: Vec<String>,
    codes: Vec<u16>,
}

impl Filter {
    fn matches(&self, log: &AuditLog) -> bool {
        let hit = match self.field {
            Field::RawStatusCode => log
                .raw
                .as_ref()
                .and_then(|r| r.status_code)
                .is_some_and(|c| self.codes.contains(&c)),
            // Emails and methods are case-insensitive.
            Field::ActorEmail | Field::RawMethod => field(log, self.field)
                .is_some_and(|v| self.values.iter().any(|x| x.eq_ignore_ascii_case(v))),
            f => field(log, f).is_some_and(|v| self.values.iter().any(|x| x == v)),
        };
        hit != self.negate
    }
}

/// Groups the query's filter parameters (repeated keys = any of) and checks enum values and
/// status codes.
fn filters(params: &Params, ray: &HeaderValue) -> Result<Vec<Filter>, Response<Body>> {
    let mut out: Vec<Filter> = Vec::new();
    for (k, v) in params {
        let Some((name, negate, f, checked)) = FILTERS.iter().find_map(|(n, not, f, c)| {
            if k == n {
                Some((*n, false, *f, *c))
            } else if k == not {
                Some((*not, true, *f, *c))
            } else {
                None
            }
        }) else {
            continue;
        };
        if let Some(allowed) = checked {
            lists::check_listed(name, v, allowed, ray)?;
        }
        let i = match out.iter().position(|x| x.field == f && x.negate == negate) {
            Some(i) => i,
            None => {
                out.push(Filter {
                    field: f,
                    negate,
                    values: Vec::new(),
                    codes: Vec::new(),
                });
                out.len() - 1
            }
        };
        if f == Field::RawStatusCode {
            let code = lists::integer(name, v, 100, 599, ray)?;
            out[i].codes.push(code as u16);
        } else {
            out[i].values.push(v.clone());
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// The two routes

/// `since`, `before` (both required), `direction`, `limit` and `cursor`: the window, and the
/// binding of the cursor (every other parameter).
fn window(
    params: &mut Params,
    kind: &str,
    ray: &HeaderValue,
) -> Result<(Window, Vec<String>), Response<Body>> {
    let bound = |name: &str, p: &mut Params| {
        match lists::take(p, name) {
        None => Err(lists::bad_query(
            ray,
            format!("Query parameter {name} is required (a date such as 2024-10-30, or an RFC 3339 time)"),
        )),
        Some(v) => util::parse_time(&v).ok_or_else(|| {
            lists::bad_query(
                ray,
                format!("Query parameter {name} must be a date (2024-10-30) or an RFC 3339 time, got {v:?}"),
            )
        }),
    }
    };
    let since = bound("since", params)?;
    let before = bound("before", params)?;
    if since > before {
        return Err(lists::bad_query(
            ray,
            "Query parameter since must not be after before".into(),
        ));
    }
    let desc = lists::descending(lists::take(params, "direction"), Direction::Desc, ray)?;
    let limit = match lists::take(params, "limit") {
        None => DEFAULT_LIMIT,
        Some(v) => lists::integer("limit", &v, 1, MAX_LIMIT, ray)?,
    };
    let cursor = lists::take(params, "cursor");
    let mut binding = lists::binding(params);
    binding.extend([
        format!("since={since}"),
        format!("before={before}"),
        format!("desc={desc}"),
    ]);
    let after = lists::position(kind, &binding, cursor.as_deref(), "cursor", ray)?;
    Ok((
        Window {
            since,
            before,
            desc,
            after,
            limit,
        },
        binding,
    ))
}

const WINDOW_PARAMS: [&str; 5] = ["since", "before", "direction", "limit", "cursor"];

/// The cursor of the page after this one, if any.
fn next_cursor(page: &CursorPage, kind: &str, binding: &[String]) -> Option<String> {
    page.next.map(|next| lists::make_token(kind, binding, next))
}

fn org_unknown(app: &App, org: &str) -> bool {
    let s = app.read();
    s.org(org).is_none() && !s.audit.holds(org)
}

/// `GET /organizations/{id}/logs/audit`
pub fn list(app: &App, org: &str, query: &str, ray: &HeaderValue) -> Response<Body> {
    let known: Vec<&str> = FILTERS
        .iter()
        .flat_map(|(n, not, _, _)| [*n, *not])
        .chain(WINDOW_PARAMS)
        .collect();
    let repeatable: Vec<&str> = FILTERS
        .iter()
        .flat_map(|(n, not, _, _)| [*n, *not])
        .collect();
    let mut params = match lists::params(query, &known, &repeatable, ray) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let kind = format!("audit:{org}");
    let (w, binding) = match window(&mut params, &kind, ray) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let filters = match filters(&params, ray) {
        Ok(f) => f,
        Err(r) => return r,
    };
    if org_unknown(app, org) {
        return crate::api::not_found(ray);
    }
    let page = app.read().audit.page(&w, |log| {
        field(log, Field::Organization) == Some(org) && filters.iter().all(|f| f.matches(log))
    });
    let info = CursorInfo {
        count: Some(page.items.items.to_string()),
        cursor: next_cursor(&page, &kind, &binding),
    };
    http::json(200, ray, page.items.finish(&to_json(&info)))
}

/// How the history of an entry's resource is found: by its id (`exact`), by its type alone
/// (`approximate`), or not at all (`unavailable`).
fn history_of(source: &AuditLog) -> (HistoryStatus, impl Fn(&AuditLog) -> bool + '_) {
    let status = match (
        field(source, Field::ResourceId),
        field(source, Field::ResourceType),
    ) {
        (Some(_), _) => HistoryStatus::Exact,
        (None, Some(_)) => HistoryStatus::Approximate,
        (None, None) => HistoryStatus::Unavailable,
    };
    let same = move |log: &AuditLog| {
        let same_as = |f: Field| field(log, f) == field(source, f);
        status != HistoryStatus::Unavailable
            && same_as(Field::Organization)
            && same_as(Field::ResourceProduct)
            && same_as(Field::ResourceType)
            && (status == HistoryStatus::Approximate || same_as(Field::ResourceId))
    };
    (status, same)
}

/// `GET /organizations/{id}/logs/audit/{logId}/history`
pub fn history(
    app: &App,
    org: &str,
    log_id: &str,
    query: &str,
    ray: &HeaderValue,
) -> Response<Body> {
    let known: Vec<&str> = WINDOW_PARAMS.into_iter().chain(["action_time"]).collect();
    let mut params = match lists::params(query, &known, &[], ray) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let near = match lists::take(&mut params, "action_time") {
        None => {
            return lists::bad_query(
                ray,
                "Query parameter action_time is required (the entry's action.time)".into(),
            )
        }
        Some(v) => match util::parse_time(&v) {
            Some(t) => t,
            None => {
                return lists::bad_query(
                    ray,
                    format!("Query parameter action_time must be an RFC 3339 time, got {v:?}"),
                )
            }
        },
    };
    let kind = format!("history:{org}:{log_id}");
    let (w, binding) = match window(&mut params, &kind, ray) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let s = app.read();
    let Some(source) = s.audit.find(org, log_id, near) else {
        drop(s);
        return history_not_found(ray);
    };
    let (status, same) = history_of(&source.log);
    let page = s.audit.page(&w, same);
    drop(s);
    let info = HistoryInfo {
        count: page.items.items as u64,
        cursor: next_cursor(&page, &kind, &binding),
        history_status: status,
    };
    http::json(200, ray, page.items.finish(&to_json(&info)))
}

/// The spec's history-not-found answer: the error envelope with `result_info`.
fn history_not_found(ray: &HeaderValue) -> Response<Body> {
    let body: Envelope<(), HistoryInfo> = Envelope {
        success: false,
        errors: vec![http::message(
            CODE_LOG_NOT_FOUND,
            "Audit log entry not found near action_time",
        )],
        messages: Vec::new(),
        result: None,
        result_info: Some(HistoryInfo {
            count: 0,
            cursor: None,
            history_status: HistoryStatus::Unavailable,
        }),
    };
    http::json(404, ray, to_json(&body))
}

fn to_json(v: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(v).unwrap_or_default()
}
