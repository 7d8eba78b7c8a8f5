//! The seventeen operations: method + path to a route, and each route to its handler (with the
//! audit entry of a refused change recorded here, once for all).

use hyper::header::{HeaderValue, ALLOW};
use hyper::{Method, Response};

use crate::app::App;
use crate::audit::{self, Change, Origin};
use crate::http::{self, Body};
use crate::{api, members, shares, usage, util};

pub const CODE_NO_ROUTE: u32 = 7003;
pub const CODE_METHOD: u32 = 10_405;

pub enum Route {
    ListOrgs,
    CreateOrg,
    GetOrg(String),
    UpdateOrg(String),
    DeleteOrg(String),
    ListAccounts(String),
    GetProfile(String),
    UpdateProfile(String),
    ListAuditLogs(String),
    AuditLogHistory(String, String),
    BillableUsage(String),
    ListMembers(String),
    CreateMember(String),
    BatchCreateMembers(String),
    GetMember(String, String),
    DeleteMember(String, String),
    ListShares(String),
}

pub fn no_route(raw_path: &str, ray: &HeaderValue) -> Response<Body> {
    http::error1(
        404,
        ray,
        CODE_NO_ROUTE,
        format!("Could not route to {raw_path}, perhaps your object identifier is invalid?"),
    )
}

fn method_not_allowed(allow: &'static str, ray: &HeaderValue) -> Response<Body> {
    let mut r = http::error1(405, ray, CODE_METHOD, "Method not allowed");
    r.headers_mut()
        .insert(ALLOW, HeaderValue::from_static(allow));
    r
}

/// Resolves method + path (after /client/v4) to an operation, or the 404/405 to answer.
pub fn route(
    method: &Method,
    path: &str,
    raw_path: &str,
    ray: &HeaderValue,
) -> Result<Route, Response<Body>> {
    let Some(rest) = path.strip_prefix("/organizations") else {
        return Err(no_route(raw_path, ray));
    };
    let allow = |allowed: &'static str, pick: &dyn Fn(&Method) -> Option<Route>| {
        pick(method).ok_or_else(|| method_not_allowed(allowed, ray))
    };
    if rest.is_empty() {
        return allow("GET, POST", &|m| match *m {
            Method::GET => Some(Route::ListOrgs),
            Method::POST => Some(Route::CreateOrg),
            _ => None,
        });
    }
    let Some(rest) = rest.strip_prefix('/') else {
        return Err(no_route(raw_path, ray));
    };
    // Every segment is decoded (ids are one raw path segment each); an empty one is no route.
    let segs: Option<Vec<String>> = rest
        .split('/')
        .map(|s| {
            (!s.is_empty())
                .then(|| util::percent_decode(s, false))
                .flatten()
        })
        .collect();
    let Some(segs) = segs else {
        return Err(no_route(raw_path, ray));
    };
    let id = segs[0].clone();
    let tail: Vec<&str> = segs[1..].iter().map(String::as_str).collect();
    let with_id = |r: fn(String) -> Route| Some(r(id.clone()));
    // A path with one method.
    let only = |wanted: Method, allowed: &'static str, r: fn(String) -> Route| {
        allow(allowed, &|m| (*m == wanted).then(|| r(id.clone())))
    };
    match tail.as_slice() {
        [] => allow("GET, PUT, DELETE", &|m| match *m {
            Method::GET => with_id(Route::GetOrg),
            Method::PUT => with_id(Route::UpdateOrg),
            Method::DELETE => with_id(Route::DeleteOrg),
            _ => None,
        }),
        ["accounts"] => only(Method::GET, "GET", Route::ListAccounts),
        ["profile"] => allow("GET, PUT", &|m| match *m {
            Method::GET => with_id(Route::GetProfile),
            Method::PUT => with_id(Route::UpdateProfile),
            _ => None,
        }),
        ["logs", "audit"] => only(Method::GET, "GET", Route::ListAuditLogs),
        ["logs", "audit", log, "history"] => allow("GET", &|m| {
            (m == Method::GET).then(|| Route::AuditLogHistory(id.clone(), (*log).to_owned()))
        }),
        ["billable", "usage"] => only(Method::GET, "GET", Route::BillableUsage),
        ["members"] => allow("GET, POST", &|m| match *m {
            Method::GET => with_id(Route::ListMembers),
            Method::POST => with_id(Route::CreateMember),
            _ => None,
        }),
        ["members:batchCreate"] => only(Method::POST, "POST", Route::BatchCreateMembers),
        ["members", member] => allow("GET, DELETE", &|m| match *m {
            Method::GET => Some(Route::GetMember(id.clone(), (*member).to_owned())),
            Method::DELETE => Some(Route::DeleteMember(id.clone(), (*member).to_owned())),
            _ => None,
        }),
        ["shares"] => only(Method::GET, "GET", Route::ListShares),
        _ => Err(no_route(raw_path, ray)),
    }
}

impl Route {
    /// What a refused request of a mutating route would have changed (None for reads): its
    /// audit entry is recorded as a failure. A refused create names no organization yet.
    fn attempted(&self) -> Option<Change> {
        let (org, action, description, resource_type, resource_id) = match self {
            Route::UpdateOrg(o) => (o, "update", "Update organization", "organization", Some(o)),
            Route::DeleteOrg(o) => (o, "delete", "Delete organization", "organization", Some(o)),
            Route::UpdateProfile(o) => (
                o,
                "update",
                "Update organization profile",
                "organization_profile",
                Some(o),
            ),
            Route::CreateMember(o) | Route::BatchCreateMembers(o) => {
                (o, "create", "Add member", "member", None)
            }
            Route::DeleteMember(o, m) => (o, "delete", "Remove member", "member", Some(m)),
            _ => return None,
        };
        Some(Change {
            org: org.clone(),
            action,
            description,
            resource_type,
            resource_id: resource_id.cloned(),
            request: None,
        })
    }
}

pub async fn run(
    app: &App,
    route: Route,
    parts: &hyper::http::request::Parts,
    body: &[u8],
    ray: &HeaderValue,
) -> Response<Body> {
    let query = parts.uri.query().unwrap_or("");
    let attempted = route.attempted();
    let origin = || Origin::new(app, parts, ray);
    let resp = match route {
        Route::ListOrgs => api::list_orgs(app, query, ray),
        Route::ListAccounts(id) => api::list_accounts(app, &id, query, ray),
        Route::GetOrg(id) => api::get(app, &id, ray),
        Route::GetProfile(id) => api::get_profile(app, &id, ray),
        Route::CreateOrg => api::create(app, parts, body, ray, &origin()).await,
        Route::UpdateOrg(id) => api::update(app, &id, parts, body, ray, &origin()).await,
        Route::DeleteOrg(id) => api::delete(app, &id, ray, &origin()).await,
        Route::UpdateProfile(id) => {
            api::update_profile(app, &id, parts, body, ray, &origin()).await
        }
        Route::ListAuditLogs(id) => audit::list(app, &id, query, ray),
        Route::AuditLogHistory(id, log) => audit::history(app, &id, &log, query, ray),
        Route::BillableUsage(id) => usage::get(app, &id, query, ray),
        Route::ListMembers(id) => members::list(app, &id, query, ray),
        Route::GetMember(id, m) => members::get(app, &id, &m, ray),
        Route::CreateMember(id) => {
            members::create(app, &id, false, parts, body, ray, &origin()).await
        }
        Route::BatchCreateMembers(id) => {
            members::create(app, &id, true, parts, body, ray, &origin()).await
        }
        Route::DeleteMember(id, m) => members::delete(app, &id, &m, ray, &origin()).await,
        Route::ListShares(id) => shares::list(app, &id, query, ray),
    };
    let status = resp.status().as_u16();
    // A refused change (not the state file failing) leaves a failure entry.
    if let Some(change) = attempted {
        if status >= 400 && status != 500 {
            if let Some(failed) = audit::record_failure(app, &origin(), status, change, ray).await {
                return failed;
            }
        }
    }
    resp
}
