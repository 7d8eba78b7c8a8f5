//! Audit logs: the trail every mutating request appends to, its list (filters and their `.not`
//! forms, a time window, cursor pages) and the history of one entry's resource.

use bytes::Bytes;
use hyper::header::{HeaderValue, USER_AGENT};
use hyper::Response;
use serde_json::{Map, Value};

use crate::app::{persist_failed, App, Credentials, Peer};
use crate::http::{self, ApiError, Body};
use crate::lists::{self, PageBuffer, Params};
use crate::models::{
    AuditLog, AuditLogAction, AuditLogActor, AuditLogOrganization, AuditLogRaw, AuditLogResource,
};
use crate::util;

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
        let stamped = util::parse_time(&log.action.time).unwrap_or(0);
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

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether any entry belongs to this organization (its trail outlives it).
    pub fn holds(&self, org: &str) -> bool {
        self.entries.iter().any(|e| e.log.organization.id == org)
    }

    /// The entry `id` of `org` stamped within a day of `near`.
    pub fn find(&self, org: &str, id: &str, near: i64) -> Option<&AuditEntry> {
        self.entries.iter().find(|e| {
            e.log.id == id
                && e.log.organization.id == org
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
    actor: AuditLogActor,
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
fn actor(creds: &Credentials, parts: &hyper::http::request::Parts) -> AuditLogActor {
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
    AuditLogActor {
        context: context.to_owned(),
        email: creds.email.clone(),
        id: crate::seed::user_id(&creds.email),
        ip_address: ip,
        // An id derived from the token, never the token itself.
        token_id: token.then(|| util::stable_id(&format!("token:{}", creds.token))),
        token_name: token.then(|| "Emulator token".to_owned()),
        kind: "user".to_owned(),
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
        let mut scope = Map::new();
        scope.insert("type".into(), Value::from("organizations"));
        scope.insert("id".into(), Value::from(change.org.clone()));
        AuditLog {
            id: util::new_id(),
            action: AuditLogAction {
                description: change.description.to_owned(),
                result: if status < 400 { "success" } else { "failure" }.to_owned(),
                time: util::rfc3339_millis(util::now_millis()),
                kind: change.action.to_owned(),
            },
            actor: self.actor.clone(),
            organization: AuditLogOrganization { id: change.org },
            raw: AuditLogRaw {
                cf_ray_id: self.ray.clone(),
                method: self.method.clone(),
                status_code: status,
                uri: self.uri.clone(),
                user_agent: self.user_agent.clone(),
            },
            resource: AuditLogResource {
                id: change.resource_id,
                product: "organizations".to_owned(),
                request: change.request,
                response: None,
                scope,
                kind: Some(change.resource_type.to_owned()),
            },
        }
    }
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
}

/// Each filter: its name, its `.not` name, the field, and the spec's enum (if any).
const FILTERS: [(&str, &str, Field, &[&str]); 18] = [
    (
        "action_result",
        "action_result.not",
        Field::ActionResult,
        &["success", "failure"],
    ),
    (
        "action_type",
        "action_type.not",
        Field::ActionType,
        &["create", "delete", "view", "update"],
    ),
    (
        "actor_context",
        "actor_context.not",
        Field::ActorContext,
        &["api_key", "api_token", "dash", "oauth", "origin_ca_key"],
    ),
    ("actor_email", "actor_email.not", Field::ActorEmail, &[]),
    ("actor_id", "actor_id.not", Field::ActorId, &[]),
    (
        "actor_ip_address",
        "actor_ip_address.not",
        Field::ActorIp,
        &[],
    ),
    (
        "actor_token_id",
        "actor_token_id.not",
        Field::ActorTokenId,
        &[],
    ),
    (
        "actor_token_name",
        "actor_token_name.not",
        Field::ActorTokenName,
        &[],
    ),
    (
        "actor_type",
        "actor_type.not",
        Field::ActorType,
        &["cloudflare_admin", "system", "user"],
    ),
    ("id", "id.not", Field::Id, &[]),
    ("raw_cf_ray_id", "raw_cf_ray_id.not", Field::RawCfRayId, &[]),
    ("raw_method", "raw_method.not", Field::RawMethod, &[]),
    (
        "raw_status_code",
        "raw_status_code.not",
        Field::RawStatusCode,
        &[],
    ),
    ("raw_uri", "raw_uri.not", Field::RawUri, &[]),
    ("resource_id", "resource_id.not", Field::ResourceId, &[]),
    (
        "resource_product",
        "resource_product.not",
        Field::ResourceProduct,
        &[],
    ),
    (
        "resource_type",
        "resource_type.not",
        Field::ResourceType,
        &[],
    ),
    (
        "resource_scope",
        "resource_scope.not",
        Field::ResourceScope,
        &["organizations"],
    ),
];

fn field(log: &AuditLog, f: Field) -> Option<&str> {
    match f {
        Field::ActionResult => Some(&log.action.result),
        Field::ActionType => Some(&log.action.kind),
        Field::ActorContext => Some(&log.actor.context),
        Field::ActorEmail => Some(&log.actor.email),
        Field::ActorId => Some(&log.actor.id),
        Field::ActorIp => Some(&log.actor.ip_address),
        Field::ActorTokenId => log.actor.token_id.as_deref(),
        Field::ActorTokenName => log.actor.token_name.as_deref(),
        Field::ActorType => Some(&log.actor.kind),
        Field::Id => Some(&log.id),
        Field::RawCfRayId => Some(&log.raw.cf_ray_id),
        Field::RawMethod => Some(&log.raw.method),
        // Compared as numbers, below.
        Field::RawStatusCode => None,
        Field::RawUri => Some(&log.raw.uri),
        Field::ResourceId => log.resource.id.as_deref(),
        Field::ResourceProduct => Some(&log.resource.product),
        Field::ResourceType => log.resource.kind.as_deref(),
        Field::ResourceScope => log.resource.scope.get("type").and_then(Value::as_str),
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
            Field::RawStatusCode => self.codes.contains(&log.raw.status_code),
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
        let Some((name, negate, f, allowed)) = FILTERS.iter().find_map(|(n, not, f, allowed)| {
            if k == n {
                Some((*n, false, *f, *allowed))
            } else if k == not {
                Some((*not, true, *f, *allowed))
            } else {
                None
            }
        }) else {
            continue;
        };
        if !allowed.is_empty() {
            lists::one_of(name, v, allowed, ray)?;
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
    let desc = match lists::take(params, "direction") {
        None => true,
        Some(d) => lists::one_of("direction", &d, &["desc", "asc"], ray)? == "desc",
    };
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

/// `result_info` of a cursor page; `count_as_string` for the list (the spec types its `count`
/// as a string), a number for the history, which adds `history_status`.
fn result_info(
    page: &CursorPage,
    kind: &str,
    binding: &[String],
    count_as_string: bool,
    history_status: Option<&str>,
) -> Vec<u8> {
    let mut info = Map::new();
    let n = page.items.items;
    info.insert(
        "count".into(),
        if count_as_string {
            Value::from(n.to_string())
        } else {
            Value::from(n)
        },
    );
    if let Some(next) = page.next {
        info.insert(
            "cursor".into(),
            Value::from(lists::make_token(kind, binding, next)),
        );
    }
    if let Some(s) = history_status {
        info.insert("history_status".into(), Value::from(s));
    }
    serde_json::to_vec(&info).unwrap_or_default()
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
        log.organization.id == org && filters.iter().all(|f| f.matches(log))
    });
    let info = result_info(&page, &kind, &binding, true, None);
    http::json(200, ray, page.items.finish(&info))
}

/// How the history of an entry's resource is found.
fn history_of(source: &AuditLog) -> (&'static str, impl Fn(&AuditLog) -> bool + '_) {
    let status = match (&source.resource.id, &source.resource.kind) {
        (Some(_), _) => "exact",
        (None, Some(_)) => "approximate",
        (None, None) => "unavailable",
    };
    let same = move |log: &AuditLog| {
        status != "unavailable"
            && log.organization.id == source.organization.id
            && log.resource.product == source.resource.product
            && log.resource.kind == source.resource.kind
            && (status == "approximate" || log.resource.id == source.resource.id)
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
    let info = result_info(&page, &kind, &binding, false, Some(status));
    http::json(200, ray, page.items.finish(&info))
}

/// The spec's history-not-found answer: the error envelope with `result_info`.
fn history_not_found(ray: &HeaderValue) -> Response<Body> {
    let errors = [ApiError::new(
        CODE_LOG_NOT_FOUND,
        "Audit log entry not found near action_time",
    )];
    let body = serde_json::json!({
        "success": false,
        "errors": errors,
        "messages": [],
        "result": null,
        "result_info": {"count": 0, "history_status": "unavailable"},
    });
    http::json(404, ray, serde_json::to_vec(&body).unwrap_or_default())
}
