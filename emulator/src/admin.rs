//! Admin routes under `/__emulator/` (no auth): request log, faults, reset, state, accounts,
//! rate limit.

use hyper::body::Incoming;
use hyper::header::HeaderValue;
use hyper::{Method, Request, Response};
use serde::Deserialize;
use serde_json::Value;

use crate::app::{persist_failed, preflight, read_body, App};
use crate::faults::{self, Queued};
use crate::http::{self, Body};
use crate::seed::Seed;
use crate::util;
use cloudflare_organizations_core::models::{Account, AccountSettings};

const CODE_ADMIN: u32 = 1100;

fn bad(ray: &HeaderValue, msg: impl Into<String>) -> Response<Body> {
    http::error1(400, ray, CODE_ADMIN, msg)
}

fn json_value(ray: &HeaderValue, v: &impl serde::Serialize) -> Response<Body> {
    http::json(200, ray, serde_json::to_vec(v).unwrap_or_default())
}

/// Parses an optional JSON body (empty = None).
fn parse<T: for<'de> Deserialize<'de>>(
    body: &[u8],
    ray: &HeaderValue,
) -> Result<Option<T>, Response<Body>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice(body)
        .map(Some)
        .map_err(|e| bad(ray, format!("Invalid JSON body: {e}")))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultIn {
    fault: String,
    times: Option<u64>,
    method: Option<String>,
    path: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResetIn {
    seed: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountIn {
    organization_id: String,
    name: String,
    #[serde(rename = "type")]
    kind: Option<String>,
    settings: Option<AccountSettings>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RateIn {
    limit: Option<u64>,
    window_secs: Option<u64>,
}

pub async fn handle(app: &App, req: Request<Incoming>, ray: &HeaderValue) -> Response<Body> {
    if req.method() == Method::OPTIONS {
        return preflight(req.headers(), ray);
    }
    let path = req.uri().path().trim_end_matches('/').to_owned();
    let route = path.strip_prefix("/__emulator").unwrap_or("").to_owned();
    let query = req.uri().query().unwrap_or("").to_owned();
    let method = req.method().clone();
    let (parts, incoming) = req.into_parts();
    let body = match read_body(&parts.headers, incoming).await {
        Ok(b) => b,
        Err(_) => return http::error1(413, ray, 1013, "Request body too large or unreadable"),
    };
    let not_allowed = || http::error1(405, ray, 10_405, "Method not allowed");
    match route.as_str() {
        "" | "/health" => match method {
            Method::GET => {
                let s = app.read();
                json_value(
                    ray,
                    &serde_json::json!({
                        "ok": true,
                        "seed": app.seed.name(),
                        "organizations": s.org_count(),
                        "accounts": s.account_count(),
                        "members": s.members.count(),
                        "shares": s.shares.count(),
                        "audit_logs": s.audit.count(),
                        "state_file": app.persist.as_ref().map(|p| p.path().display().to_string()),
                        "routes": [
                            "GET /__emulator/requests", "DELETE /__emulator/requests",
                            "GET /__emulator/faults", "POST /__emulator/faults", "DELETE /__emulator/faults",
                            "POST /__emulator/reset", "GET /__emulator/state", "POST /__emulator/accounts",
                            "GET /__emulator/rate-limit", "PUT /__emulator/rate-limit"
                        ],
                    }),
                )
            }
            _ => not_allowed(),
        },
        "/requests" => match method {
            Method::GET => {
                let since = util::parse_query(&query)
                    .ok()
                    .and_then(|q| q.into_iter().find(|(k, _)| k == "since"))
                    .and_then(|(_, v)| v.parse::<u64>().ok())
                    .unwrap_or(0);
                let log = app.log();
                let mut out = b"{\"requests\":[".to_vec();
                let mut first = true;
                for e in log.entries.iter().filter(|e| e.seq > since) {
                    if !first {
                        out.push(b',');
                    }
                    first = false;
                    out.extend_from_slice(&serde_json::to_vec(e).unwrap_or_default());
                }
                drop(log);
                out.extend_from_slice(b"]}");
                http::json(200, ray, out)
            }
            Method::DELETE => {
                let n = app.log().clear();
                json_value(ray, &serde_json::json!({ "cleared": n }))
            }
            _ => not_allowed(),
        },
        "/faults" => match method {
            Method::GET => {
                let q = app.fault_queue();
                json_value(ray, &serde_json::json!({ "faults": q.list() }))
            }
            Method::POST => {
                let input: FaultIn = match parse(&body, ray) {
                    Ok(Some(f)) => f,
                    Ok(None) => return bad(ray, "Body required: {\"fault\":\"status=503\",\"times\":1}"),
                    Err(r) => return r,
                };
                let parsed = match faults::parse(&input.fault) {
                    Ok(f) => f,
                    Err(e) => return http::error1(400, ray, 1010, e),
                };
                let times = input.times.unwrap_or(1);
                if times == 0 {
                    return bad(ray, "times must be at least 1");
                }
                if let Some(p) = &input.path {
                    if !p.starts_with('/') && p != "*" {
                        return bad(ray, "path must start with / (the part after /client/v4), optionally ending with *");
                    }
                }
                let mut q = app.fault_queue();
                let stored = q.push(Queued {
                    id: 0,
                    fault: input.fault,
                    times,
                    method: input.method.map(|m| m.to_ascii_uppercase()),
                    path: input.path,
                    parsed: Some(parsed),
                });
                app.faults_changed(&q);
                drop(q);
                json_value(ray, &stored)
            }
            Method::DELETE => {
                let mut q = app.fault_queue();
                let n = q.clear();
                app.faults_changed(&q);
                json_value(ray, &serde_json::json!({ "cleared": n }))
            }
            _ => not_allowed(),
        },
        "/reset" => match method {
            Method::POST => {
                let input: Option<ResetIn> = match parse(&body, ray) {
                    Ok(v) => v,
                    Err(r) => return r,
                };
                let seed = match input.and_then(|r| r.seed) {
                    None => app.seed,
                    Some(s) => match Seed::parse(&s) {
                        Some(s) => s,
                        None => return bad(ray, format!("Unknown seed {s:?} (demo or empty)")),
                    },
                };
                let (generation, orgs, accounts) = {
                    let mut s = app.write();
                    let mut fresh = seed.build();
                    fresh.generation = s.generation + 1;
                    *s = fresh;
                    (s.generation, s.org_count(), s.account_count())
                };
                app.log().clear();
                {
                    let mut q = app.fault_queue();
                    q.clear();
                    app.faults_changed(&q);
                }
                app.rate().reset();
                if app.commit(generation).await.is_err() {
                    return persist_failed(ray);
                }
                json_value(
                    ray,
                    &serde_json::json!({"seed": seed.name(), "organizations": orgs, "accounts": accounts}),
                )
            }
            _ => not_allowed(),
        },
        "/state" => match method {
            Method::GET => {
                let dump = app.read().dump();
                http::json(200, ray, dump)
            }
            _ => not_allowed(),
        },
        "/accounts" => match method {
            Method::POST => {
                let input: AccountIn = match parse(&body, ray) {
                    Ok(Some(a)) => a,
                    Ok(None) => return bad(ray, "Body required: {\"organization_id\":\"...\",\"name\":\"...\"}"),
                    Err(r) => return r,
                };
                let kind = input.kind.unwrap_or_else(|| "standard".to_owned());
                if kind != "standard" && kind != "enterprise" {
                    return bad(ray, "type must be standard or enterprise");
                }
                let settings = input.settings.unwrap_or(AccountSettings {
                    abuse_contact_email: None,
                    access_approval_expiry: None,
                    api_access_enabled: Some(true),
                    enforce_twofactor: Some(false),
                    default_nameservers: Some("cloudflare.standard".to_owned()),
                    use_account_custom_ns_by_default: Some(false),
                });
                let model = Account {
                    id: String::new(),
                    name: Some(input.name),
                    kind,
                    created_on: util::rfc3339_millis(util::now_millis()),
                    settings: Some(settings),
                };
                let (generation, mut out) = {
                    let mut s = app.write();
                    match s.add_account(&input.organization_id, model) {
                        Some(a) => {
                            let v: Value = serde_json::from_slice(&a.json).unwrap_or(Value::Null);
                            (s.generation, v)
                        }
                        None => {
                            return http::error1(404, ray, 1003, "Organization not found")
                        }
                    }
                };
                if let Value::Object(m) = &mut out {
                    m.insert("organization_id".into(), Value::String(input.organization_id));
                }
                if app.commit(generation).await.is_err() {
                    return persist_failed(ray);
                }
                json_value(ray, &out)
            }
            _ => not_allowed(),
        },
        "/rate-limit" => match method {
            Method::GET => {
                let r = app.rate();
                json_value(ray, &serde_json::json!({"limit": r.limit, "window_secs": r.window.as_secs()}))
            }
            Method::PUT => {
                let input: RateIn = match parse(&body, ray) {
                    Ok(Some(r)) => r,
                    Ok(None) => return bad(ray, "Body required: {\"limit\":N|null,\"window_secs\":S}"),
                    Err(r) => return r,
                };
                let window = input.window_secs.unwrap_or(300);
                if window == 0 {
                    return bad(ray, "window_secs must be at least 1");
                }
                app.set_rate_limit(input.limit, window);
                json_value(ray, &serde_json::json!({"limit": input.limit, "window_secs": window}))
            }
            _ => not_allowed(),
        },
        "/redirect-target" => http::error1(
            200,
            ray,
            10_302,
            "This is where an injected redirect points. A client of the API should not follow redirects.",
        ),
        _ => http::error1(
            404,
            ray,
            7003,
            format!("Could not route to {path}: unknown admin route"),
        ),
    }
}
