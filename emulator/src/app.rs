//! The shared state of a running emulator and the per-request pipeline:
//! admin routes, CORS preflight, body limits, faults, rate limit, auth, then the API.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderMap, HeaderValue, CONNECTION, LOCATION, RETRY_AFTER};
use hyper::{Method, Request, Response};
use serde::Serialize;

use crate::faults::{self, Fault, Kind};
use crate::http::{self, Body, RETRY_AFTER_MS};
use crate::persist::Persist;
use crate::seed::Seed;
use crate::store::Store;
use crate::util;
use crate::{admin, routes};

pub const API_BASE: &str = "/client/v4";
pub const ADMIN_BASE: &str = "/__emulator";
pub const MAX_BODY: usize = 1024 * 1024;
pub const LOG_CAPACITY: usize = 10_000;
/// Bodies kept in the request log are cut at this many bytes.
const LOG_BODY_MAX: usize = 64 * 1024;
const BODY_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Clone, Debug)]
pub struct Credentials {
    pub token: String,
    pub email: String,
    pub key: String,
    pub service_key: String,
}

impl Credentials {
    pub fn from_env() -> Credentials {
        let get = |k: &str, d: &str| std::env::var(k).unwrap_or_else(|_| d.to_owned());
        Credentials {
            token: get("EMULATOR_TOKEN", "dev-token"),
            email: get("EMULATOR_EMAIL", "dev@example.com"),
            key: get("EMULATOR_KEY", "dev-api-key"),
            service_key: get("EMULATOR_SERVICE_KEY", "dev-service-key"),
        }
    }
}

/// The client's address, put in each request's extensions by the server (audit entries
/// record it).
#[derive(Clone, Copy, Debug)]
pub struct Peer(pub std::net::IpAddr);

/// The request log entry.
#[derive(Serialize, Clone)]
pub struct LogEntry {
    pub seq: u64,
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: serde_json::Map<String, serde_json::Value>,
    pub body: Option<String>,
    pub status: Option<u16>,
    pub fault: Option<String>,
}

#[derive(Default)]
pub struct RequestLog {
    next_seq: u64,
    pub entries: VecDeque<LogEntry>,
}

impl RequestLog {
    fn push(&mut self, mut e: LogEntry) {
        self.next_seq += 1;
        e.seq = self.next_seq;
        if self.entries.len() >= LOG_CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(e);
    }

    pub fn clear(&mut self) -> usize {
        let n = self.entries.len();
        self.entries.clear();
        n
    }
}

pub struct RateLimit {
    pub limit: Option<u64>,
    pub window: Duration,
    start: Instant,
    count: u64,
}

impl RateLimit {
    pub fn new(limit: Option<u64>, window_secs: u64) -> RateLimit {
        RateLimit {
            limit,
            window: Duration::from_secs(window_secs.max(1)),
            start: Instant::now(),
            count: 0,
        }
    }

    /// Counts a request; Some(seconds to wait) when it is over the limit.
    fn hit(&mut self) -> Option<u64> {
        let limit = self.limit?;
        let now = Instant::now();
        if now.duration_since(self.start) >= self.window {
            self.start = now;
            self.count = 0;
        }
        self.count += 1;
        if self.count > limit {
            let left = self.window.saturating_sub(now.duration_since(self.start));
            Some(left.as_secs() + u64::from(left.subsec_nanos() > 0)).map(|s| s.max(1))
        } else {
            None
        }
    }

    pub fn reset(&mut self) {
        self.start = Instant::now();
        self.count = 0;
    }
}

pub struct App {
    pub store: Arc<RwLock<Store>>,
    pub creds: Credentials,
    bearer: Vec<u8>,
    pub log: Mutex<RequestLog>,
    pub faults: Mutex<faults::Queue>,
    has_faults: AtomicBool,
    pub rate: Mutex<RateLimit>,
    rate_on: AtomicBool,
    pub persist: Option<Arc<Persist>>,
    pub seed: Seed,
}

/// The error a service returns to make hyper drop the connection without a response.
#[derive(Debug)]
pub struct CloseConnection;

impl std::fmt::Display for CloseConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection closed on purpose")
    }
}

impl std::error::Error for CloseConnection {}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl App {
    pub fn new(
        store: Store,
        creds: Credentials,
        seed: Seed,
        persist: Option<Arc<Persist>>,
        rate: RateLimit,
    ) -> Arc<App> {
        let rate_on = rate.limit.is_some();
        Arc::new(App {
            store: Arc::new(RwLock::new(store)),
            bearer: format!("Bearer {}", creds.token).into_bytes(),
            creds,
            log: Mutex::new(RequestLog::default()),
            faults: Mutex::new(faults::Queue::default()),
            has_faults: AtomicBool::new(false),
            rate: Mutex::new(rate),
            rate_on: AtomicBool::new(rate_on),
            persist,
            seed,
        })
    }

    pub fn read(&self) -> RwLockReadGuard<'_, Store> {
        self.store.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn write(&self) -> RwLockWriteGuard<'_, Store> {
        self.store.write().unwrap_or_else(|e| e.into_inner())
    }

    pub fn log(&self) -> MutexGuard<'_, RequestLog> {
        lock(&self.log)
    }

    pub fn fault_queue(&self) -> MutexGuard<'_, faults::Queue> {
        lock(&self.faults)
    }

    pub fn faults_changed(&self, q: &faults::Queue) {
        self.has_faults.store(!q.is_empty(), Ordering::Release);
    }

    pub fn set_rate_limit(&self, limit: Option<u64>, window_secs: u64) {
        let mut r = lock(&self.rate);
        *r = RateLimit::new(limit, window_secs);
        self.rate_on.store(limit.is_some(), Ordering::Release);
    }

    pub fn rate(&self) -> MutexGuard<'_, RateLimit> {
        lock(&self.rate)
    }

    /// Waits until the mutation with this generation is durable (no-op without --state).
    pub async fn commit(&self, generation: u64) -> Result<(), ()> {
        match &self.persist {
            Some(p) => p.commit(generation).await,
            None => Ok(()),
        }
    }

    /// Whether the request presents at least one scheme, and every scheme it presents is right.
    fn authenticated(&self, h: &HeaderMap) -> bool {
        let one = |name: &str| -> Result<Option<&[u8]>, ()> {
            let mut it = h.get_all(name).iter();
            match (it.next(), it.next()) {
                (None, _) => Ok(None),
                (Some(v), None) => Ok(Some(v.as_bytes())),
                _ => Err(()),
            }
        };
        let (Ok(auth), Ok(email), Ok(key), Ok(service)) = (
            one("authorization"),
            one("x-auth-email"),
            one("x-auth-key"),
            one("x-auth-user-service-key"),
        ) else {
            return false;
        };
        if auth.is_none() && email.is_none() && key.is_none() && service.is_none() {
            return false;
        }
        if let Some(a) = auth {
            let ok = a.len() == self.bearer.len()
                && a[..7].eq_ignore_ascii_case(b"bearer ")
                && a[7..] == self.bearer[7..];
            if !ok {
                return false;
            }
        }
        if (email.is_some() || key.is_some())
            && (email != Some(self.creds.email.as_bytes())
                || key != Some(self.creds.key.as_bytes()))
        {
            return false;
        }
        if let Some(s) = service {
            if s != self.creds.service_key.as_bytes() {
                return false;
            }
        }
        true
    }
}

const REDACTED: &[&str] = &[
    "authorization",
    "x-auth-email",
    "x-auth-key",
    "x-auth-user-service-key",
    "cookie",
];

fn capture_headers(h: &HeaderMap) -> serde_json::Map<String, serde_json::Value> {
    let mut m = serde_json::Map::new();
    for name in h.keys() {
        let key = name.as_str();
        let value = if REDACTED.contains(&key) {
            "***".to_owned()
        } else {
            let mut s = String::new();
            for (i, v) in h.get_all(name).iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                s.push_str(&String::from_utf8_lossy(v.as_bytes()));
            }
            s
        };
        m.insert(key.to_owned(), serde_json::Value::String(value));
    }
    m
}

fn log_body(b: &[u8]) -> Option<String> {
    if b.is_empty() {
        return None;
    }
    if b.len() <= LOG_BODY_MAX {
        return Some(String::from_utf8_lossy(b).into_owned());
    }
    let mut s = String::from_utf8_lossy(&b[..LOG_BODY_MAX]).into_owned();
    s.push_str(&format!("…[{} bytes in all]", b.len()));
    Some(s)
}

pub fn ray_header() -> HeaderValue {
    HeaderValue::from_str(&util::ray_id())
        .unwrap_or(HeaderValue::from_static("0000000000000000-EMU"))
}

const ALLOW_METHODS: HeaderValue = HeaderValue::from_static("GET, POST, PUT, DELETE, OPTIONS");
const DEFAULT_ALLOW_HEADERS: HeaderValue = HeaderValue::from_static(
    "authorization, content-type, x-auth-email, x-auth-key, x-auth-user-service-key, cf-emulator-fault",
);

/// The answer to a CORS preflight (`OPTIONS`), on any path, without auth.
pub fn preflight(h: &HeaderMap, ray: &HeaderValue) -> Response<Body> {
    let mut r = http::no_content(ray);
    let out = r.headers_mut();
    out.insert(hyper::header::ACCESS_CONTROL_ALLOW_METHODS, ALLOW_METHODS);
    let allow = h
        .get(hyper::header::ACCESS_CONTROL_REQUEST_HEADERS)
        .cloned()
        .unwrap_or(DEFAULT_ALLOW_HEADERS);
    out.insert(hyper::header::ACCESS_CONTROL_ALLOW_HEADERS, allow);
    out.insert(
        hyper::header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    r
}

pub enum BodyError {
    TooLarge,
    Timeout,
    Broken,
}

pub async fn read_body(h: &HeaderMap, body: Incoming) -> Result<Bytes, BodyError> {
    if let Some(len) = h.get(hyper::header::CONTENT_LENGTH) {
        if let Some(n) = len.to_str().ok().and_then(|s| s.trim().parse::<u64>().ok()) {
            if n > MAX_BODY as u64 {
                return Err(BodyError::TooLarge);
            }
        }
    }
    match tokio::time::timeout(BODY_TIMEOUT, Limited::new(body, MAX_BODY).collect()).await {
        Err(_) => Err(BodyError::Timeout),
        Ok(Ok(c)) => Ok(c.to_bytes()),
        Ok(Err(e)) => {
            if e.downcast_ref::<http_body_util::LengthLimitError>()
                .is_some()
            {
                Err(BodyError::TooLarge)
            } else {
                Err(BodyError::Broken)
            }
        }
    }
}

fn add_retry_headers(r: &mut Response<Body>, f: &Fault) {
    let h = r.headers_mut();
    if let Some(s) = f.retry_after {
        h.append(RETRY_AFTER, HeaderValue::from(s));
    }
    if let Some(s) = f.retry_after_date {
        let at = util::now_millis() / 1000 + s as i64;
        if let Ok(v) = HeaderValue::from_str(&util::http_date(at)) {
            h.append(RETRY_AFTER, v);
        }
    }
    if let Some(ms) = f.retry_after_ms {
        h.insert(RETRY_AFTER_MS, HeaderValue::from(ms));
    }
}

/// The answer of a fault that replaces the operation (None for `close`).
fn fault_response(f: &Fault, ray: &HeaderValue) -> Option<Response<Body>> {
    let mut r = match &f.kind {
        Kind::Close | Kind::None | Kind::Truncate => return None,
        Kind::Status(s) => {
            let code = 10_000 + u32::from(*s);
            let mut r = http::error1(*s, ray, code, format!("Injected fault {s}"));
            if matches!(*s, 204 | 304) {
                *r.body_mut() = Body::empty();
                r.headers_mut().remove(hyper::header::CONTENT_TYPE);
            }
            r
        }
        Kind::Html(s) => http::html(
            *s,
            ray,
            http::cloudflare_error_page(*s, ray.to_str().unwrap_or("")),
        ),
        Kind::SuccessFalse => http::error1(
            200,
            ray,
            10_200,
            "Injected fault success-false: the request was not processed",
        ),
        Kind::Redirect(target) => {
            let loc = target
                .clone()
                .unwrap_or_else(|| format!("{ADMIN_BASE}/redirect-target"));
            let mut r = http::error1(
                302,
                ray,
                10_302,
                format!("Injected fault 302: redirect to {loc}"),
            );
            if let Ok(v) = HeaderValue::from_str(&loc) {
                r.headers_mut().insert(LOCATION, v);
            }
            r
        }
    };
    add_retry_headers(&mut r, f);
    Some(r)
}

/// The service: every request goes through here.
pub async fn handle(
    app: Arc<App>,
    req: Request<Incoming>,
) -> Result<Response<Body>, CloseConnection> {
    let ray = ray_header();
    let path = req.uri().path();
    if path == ADMIN_BASE || path.starts_with("/__emulator/") {
        return Ok(admin::handle(&app, req, &ray).await);
    }
    if req.method() == Method::OPTIONS {
        return Ok(preflight(req.headers(), &ray));
    }

    let raw_path = path.to_owned();
    let api_path: Option<String> = match raw_path.strip_prefix(API_BASE) {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => Some(rest.to_owned()),
        _ => None,
    };
    let logged_path = api_path.clone().unwrap_or_else(|| raw_path.clone());
    let query = req.uri().query().unwrap_or("").to_owned();
    let (parts, body) = req.into_parts();
    let mut entry = LogEntry {
        seq: 0,
        method: parts.method.as_str().to_owned(),
        path: logged_path.clone(),
        query,
        headers: capture_headers(&parts.headers),
        body: None,
        status: None,
        fault: None,
    };
    let finish = |mut entry: LogEntry, r: Result<Response<Body>, CloseConnection>| {
        entry.status = r.as_ref().ok().map(|r| r.status().as_u16());
        app.log().push(entry);
        r
    };

    let body = match read_body(&parts.headers, body).await {
        Ok(b) => b,
        Err(BodyError::TooLarge) => {
            let mut r = http::error1(
                413,
                &ray,
                1013,
                format!("Request body is larger than the limit of {MAX_BODY} bytes"),
            );
            r.headers_mut()
                .insert(CONNECTION, HeaderValue::from_static("close"));
            return finish(entry, Ok(r));
        }
        Err(BodyError::Timeout) => {
            let mut r = http::error1(408, &ray, 1014, "Timed out reading the request body");
            r.headers_mut()
                .insert(CONNECTION, HeaderValue::from_static("close"));
            return finish(entry, Ok(r));
        }
        Err(BodyError::Broken) => return finish(entry, Err(CloseConnection)),
    };
    entry.body = log_body(&body);

    // Faults: the header wins over the queue.
    let fault_spec: Option<String> = match parts.headers.get("cf-emulator-fault") {
        Some(v) => match v.to_str() {
            Ok(s) if s.trim().is_empty() => None,
            Ok(s) => Some(s.to_owned()),
            Err(_) => {
                let r = http::error1(400, &ray, 1010, "cf-emulator-fault is not valid ASCII");
                return finish(entry, Ok(r));
            }
        },
        None => None,
    };
    let fault: Option<Fault> = match fault_spec {
        Some(spec) => {
            entry.fault = Some(spec.clone());
            match faults::parse(&spec) {
                Ok(f) => Some(f),
                Err(msg) => {
                    let r = http::error1(400, &ray, 1010, msg);
                    return finish(entry, Ok(r));
                }
            }
        }
        None if app.has_faults.load(Ordering::Acquire) => {
            let mut q = app.fault_queue();
            let taken = q.take(parts.method.as_str(), &logged_path);
            app.faults_changed(&q);
            drop(q);
            taken.map(|(spec, f)| {
                entry.fault = Some(spec);
                f
            })
        }
        None => None,
    };

    if let Some(f) = &fault {
        if let Some(ms) = f.delay_ms {
            tokio::time::sleep(Duration::from_millis(ms)).await;
        }
        if f.kind == Kind::Close {
            return finish(entry, Err(CloseConnection));
        }
        if f.replaces_operation() {
            let r = fault_response(f, &ray);
            return finish(entry, r.ok_or(CloseConnection));
        }
    }

    let mut resp = match api_path.as_deref() {
        None => routes::no_route(&raw_path, &ray),
        Some(p) => process(&app, &parts, p, &raw_path, &body, &ray).await,
    };

    if let Some(f) = &fault {
        add_retry_headers(&mut resp, f);
        if f.kind == Kind::Truncate {
            return finish(entry, http::truncate(resp).ok_or(CloseConnection));
        }
    }
    finish(entry, Ok(resp))
}

/// Rate limit, route, auth and the operation itself.
async fn process(
    app: &App,
    parts: &hyper::http::request::Parts,
    path: &str,
    raw_path: &str,
    body: &[u8],
    ray: &HeaderValue,
) -> Response<Body> {
    if app.rate_on.load(Ordering::Acquire) {
        if let Some(wait) = app.rate().hit() {
            let mut r = http::error1(
                429,
                ray,
                971,
                "Please wait and consider throttling your request speed",
            );
            r.headers_mut().insert(RETRY_AFTER, HeaderValue::from(wait));
            return r;
        }
    }
    let route = match routes::route(&parts.method, path, raw_path, ray) {
        Ok(r) => r,
        Err(resp) => return resp,
    };
    if !app.authenticated(&parts.headers) {
        return http::error1(401, ray, 10_000, "Authentication error");
    }
    routes::run(app, route, parts, body, ray).await
}

/// A plain 500 used when the state cannot be written.
pub fn persist_failed(ray: &HeaderValue) -> Response<Body> {
    http::error(
        500,
        ray,
        vec![http::message(
            1015,
            "The emulator could not write its state file; the change may not survive a restart",
        )],
    )
}
