//! Shared helpers: the emulator's address and credentials (baked in at compile time), clients,
//! awaiting promises, reading fields, the emulator's request log, and the error classes.

use js_sys::{Array, Object, Promise, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::{Cloudflare, Organizations};

#[wasm_bindgen(module = "/src/tests/support.js")]
extern "C" {
    pub fn sleep(ms: f64) -> Promise;
    #[wasm_bindgen(js_name = inBrowser)]
    pub fn in_browser() -> bool;
    #[wasm_bindgen(js_name = requestsSince)]
    fn requests_since(admin: &str, since: f64) -> Promise;
    #[wasm_bindgen(js_name = lastSeq)]
    fn last_seq(admin: &str) -> Promise;
    #[wasm_bindgen(js_name = seedIds)]
    fn seed_ids_js(admin: &str) -> Promise;
    #[wasm_bindgen(js_name = queueFault)]
    fn queue_fault_js(admin: &str, fault: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = clearFaults)]
    fn clear_faults_js(admin: &str) -> Promise;
    #[wasm_bindgen(js_name = scriptedFetch)]
    pub fn scripted_fetch(steps: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = reentrantFetch)]
    pub fn reentrant_fetch(double: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = countingFetch)]
    pub fn counting_fetch() -> JsValue;
    #[wasm_bindgen(js_name = spyOnGlobalFetch)]
    pub fn spy_on_global_fetch(answer: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = abortLater)]
    pub fn abort_later(controller: &web_sys::AbortController, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = abortAfterFetch)]
    pub fn abort_after_fetch(
        controller: &web_sys::AbortController,
        counter: &JsValue,
        ms: f64,
    ) -> JsValue;
    #[wasm_bindgen(js_name = abortAfterFirstResponse)]
    pub fn abort_after_first_response(controller: &web_sys::AbortController, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = abortInHook)]
    pub fn abort_in_hook(controller: &web_sys::AbortController) -> JsValue;
    #[wasm_bindgen(js_name = hookRecorder)]
    pub fn hook_recorder() -> JsValue;
    #[wasm_bindgen(js_name = throwingHook)]
    pub fn throwing_hook() -> JsValue;
    #[wasm_bindgen(js_name = signalLookalike)]
    pub fn signal_lookalike() -> JsValue;
    #[wasm_bindgen(js_name = dateLookalike)]
    pub fn date_lookalike() -> JsValue;
    #[wasm_bindgen(js_name = throwingProxies)]
    pub fn throwing_proxies() -> Array;
    /// Returns the function that stops counting, which returns a promise of the counts.
    #[wasm_bindgen(js_name = countTimers)]
    pub fn count_timers() -> js_sys::Function;
    pub fn collect(iterable: &JsValue, limit: JsValue) -> Promise;
    #[wasm_bindgen(js_name = callSync)]
    pub fn call_sync(target: &JsValue, method: &str, args: &Array) -> JsValue;
    pub fn construct(class: &JsValue, options: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = errorTexts)]
    pub fn error_texts(error: &JsValue) -> Array;
    pub fn dump(value: &JsValue) -> String;
}

// The classes of js/errors.js, the same module the binding builds its errors with.
#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    pub type CloudflareError;
    pub type ApiError;
    pub type BadRequestError;
    pub type AuthenticationError;
    pub type NotFoundError;
    pub type ConflictError;
    pub type RateLimitError;
    pub type InternalServerError;
    pub type ConnectionError;
    pub type ConnectionTimeoutError;
    pub type UserAbortError;
    pub type InvalidResponseError;
    pub type ValidationError;
}

/// The emulator `scripts/with-emulator.sh` started, as the build saw it.
pub struct Emulator {
    pub url: &'static str,
    pub admin: &'static str,
    pub token: &'static str,
    pub email: &'static str,
    pub key: &'static str,
    pub service_key: &'static str,
}

/// The emulator's variables, baked in at compile time (cargo rebuilds when they change).
pub fn emulator() -> Emulator {
    fn required(name: &str, value: Option<&'static str>) -> &'static str {
        match value {
            Some(v) if !v.is_empty() => v,
            _ => panic!(
                "{name} was not set when these tests were compiled: run them under \
                 `scripts/with-emulator.sh --seed demo -- wasm-pack test ...` (make test-wasm)"
            ),
        }
    }
    Emulator {
        url: required("EMULATOR_URL", option_env!("EMULATOR_URL")),
        admin: required("EMULATOR_ADMIN", option_env!("EMULATOR_ADMIN")),
        token: required("EMULATOR_TOKEN", option_env!("EMULATOR_TOKEN")),
        email: required("EMULATOR_EMAIL", option_env!("EMULATOR_EMAIL")),
        key: required("EMULATOR_KEY", option_env!("EMULATOR_KEY")),
        service_key: required("EMULATOR_SERVICE_KEY", option_env!("EMULATOR_SERVICE_KEY")),
    }
}

/// The base URL of the clients of the tests that need no server: never reached, each such
/// client gets a `fetch` double.
pub const OFFLINE_URL: &str = "https://organizations.test/client/v4";
/// Their token: distinctive, so a leak check has something to look for.
pub const OFFLINE_TOKEN: &str = "secret-offline-token";

/// `{ baseUrl, apiToken, fetch }` of a client that talks only to `double` (a [`scripted_fetch`]).
pub fn offline_options(double: &JsValue) -> Obj {
    Obj::new()
        .set("baseUrl", OFFLINE_URL)
        .set("apiToken", OFFLINE_TOKEN)
        .set("fetch", get(double, "fetch"))
}

/// A `fetch` double with no step: each call is recorded (`calls`) and rejected.
pub fn refusing_fetch() -> JsValue {
    scripted_fetch(&Array::new())
}

/// How many times a [`scripted_fetch`] double was called.
pub fn calls_of(double: &JsValue) -> usize {
    items(&get(double, "calls")).len()
}

/// A response step of a [`scripted_fetch`] double.
pub fn step(status: u16, body: &str) -> Obj {
    Obj::new().set("status", status).set("body", body)
}

/// A successful envelope around `result` (JSON text).
pub fn envelope(result: &str) -> String {
    format!(r#"{{"success":true,"errors":[],"messages":[],"result":{result}}}"#)
}

/// A plain JS object built field by field.
pub struct Obj(pub Object);

impl Obj {
    pub fn new() -> Obj {
        Obj(Object::new())
    }

    pub fn set(self, key: &str, value: impl Into<JsValue>) -> Obj {
        Reflect::set(&self.0, &JsValue::from_str(key), &value.into()).unwrap();
        self
    }

    pub fn js(self) -> JsValue {
        self.0.into()
    }
}

impl From<Obj> for JsValue {
    fn from(obj: Obj) -> JsValue {
        obj.0.into()
    }
}

/// A JS value from JSON text.
pub fn json(text: &str) -> JsValue {
    JSON::parse(text).unwrap_or_else(|e| panic!("bad JSON in a test: {text}: {e:?}"))
}

/// A JS array of the given values.
pub fn array(values: &[JsValue]) -> JsValue {
    values.iter().collect::<Array>().into()
}

/// `{ baseUrl, apiToken }` for the emulator.
pub fn token_options() -> Obj {
    let e = emulator();
    Obj::new().set("baseUrl", e.url).set("apiToken", e.token)
}

/// A client; panics when the constructor throws.
pub fn client(options: Obj) -> Cloudflare {
    Cloudflare::new(options.js()).unwrap_or_else(|e| panic!("the constructor threw {}", dump(&e)))
}

/// `cf.organizations` of a token client of the emulator.
pub fn orgs() -> Organizations {
    client(token_options()).organizations()
}

/// Per-call options that inject an emulator fault.
pub fn fault(directives: &str) -> Obj {
    Obj::new().set(
        "headers",
        Obj::new().set("cf-emulator-fault", directives).js(),
    )
}

/// The value a promise resolves to; panics with the error when it rejects.
pub async fn resolve(promise: Promise) -> JsValue {
    match JsFuture::from(promise).await {
        Ok(value) => value,
        Err(error) => panic!("expected success, got {}", dump(&error)),
    }
}

/// The error a promise rejects with; panics when it resolves.
pub async fn reject(promise: Promise) -> JsValue {
    match JsFuture::from(promise).await {
        Ok(value) => panic!("expected an error, got {}", dump(&value)),
        Err(error) => error,
    }
}

/// The errors of promises created together: each gets its handlers at once (Node ends the
/// process on a rejection left unhandled past a tick), then they are awaited in order.
pub async fn rejections(promises: Vec<Promise>) -> Vec<JsValue> {
    let futures: Vec<JsFuture> = promises.into_iter().map(JsFuture::from).collect();
    let mut errors = Vec::new();
    for future in futures {
        match future.await {
            Ok(value) => panic!("expected an error, got {}", dump(&value)),
            Err(error) => errors.push(error),
        }
    }
    errors
}

/// Waits `ms` milliseconds.
pub async fn wait(ms: f64) {
    JsFuture::from(sleep(ms)).await.unwrap();
}

pub fn now() -> f64 {
    js_sys::Date::now()
}

pub fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A string field; panics (showing the value) when it is not a string.
pub fn text(value: &JsValue, key: &str) -> String {
    get(value, key)
        .as_string()
        .unwrap_or_else(|| panic!("`{key}` is not a string in {}", dump(value)))
}

/// A number field; panics (showing the value) when it is not a number.
pub fn num(value: &JsValue, key: &str) -> f64 {
    get(value, key)
        .as_f64()
        .unwrap_or_else(|| panic!("`{key}` is not a number in {}", dump(value)))
}

pub fn has(value: &JsValue, key: &str) -> bool {
    Reflect::has(value, &JsValue::from_str(key)).unwrap_or(false)
}

/// The items of a JS array.
pub fn items(value: &JsValue) -> Vec<JsValue> {
    assert!(Array::is_array(value), "not an array: {}", dump(value));
    value.unchecked_ref::<Array>().iter().collect()
}

/// The `key` string of every item of an array.
pub fn texts(value: &JsValue, key: &str) -> Vec<String> {
    items(value).iter().map(|item| text(item, key)).collect()
}

/// A unique organization name for this test run.
pub fn unique(prefix: &str) -> String {
    format!(
        "{prefix} {:x}{:06x}",
        now() as u64,
        (js_sys::Math::random() * 16_777_216.0) as u64
    )
}

/// Checks an error's class the way a user would: `instanceof` the class, `CloudflareError`
/// and `Error`, and `name`.
pub fn expect_class<C: JsCast>(error: &JsValue, name: &str) {
    assert!(
        error.is_instance_of::<C>(),
        "expected a {name}, got {}",
        dump(error)
    );
    assert!(
        error.is_instance_of::<CloudflareError>() && error.is_instance_of::<js_sys::Error>(),
        "{name} is not a CloudflareError and an Error: {}",
        dump(error)
    );
    assert_eq!(text(error, "name"), name, "{}", dump(error));
    assert!(!text(error, "message").is_empty());
}

/// Awaits a rejection with a `ValidationError` naming `field`.
pub async fn expect_validation(promise: Promise, field: &str) -> JsValue {
    let error = reject(promise).await;
    check_validation(&error, field);
    error
}

pub fn check_validation(error: &JsValue, field: &str) {
    expect_class::<ValidationError>(error, "ValidationError");
    assert_eq!(text(error, "field"), field, "{}", dump(error));
    assert!(!text(error, "reason").is_empty());
    assert!(
        text(error, "message").starts_with(field),
        "the message should name the field: {}",
        dump(error)
    );
}

/// The constructor's error for these options; panics when it succeeds.
pub fn constructor_error(options: JsValue) -> JsValue {
    match Cloudflare::new(options) {
        Ok(cf) => panic!("the constructor accepted the options: {}", cf.describe()),
        Err(error) => error,
    }
}

/// One entry of the emulator's request log.
#[derive(Debug)]
pub struct Logged {
    pub method: String,
    pub path: String,
    pub query: String,
    pub status: Option<u16>,
    pub fault: Option<String>,
    pub headers: JsValue,
    pub body: Option<String>,
}

/// The newest seq in the emulator's request log: pass it to [`log_since`].
pub async fn log_mark() -> f64 {
    let seq = JsFuture::from(last_seq(emulator().admin))
        .await
        .unwrap_or_else(|e| panic!("reading the request log failed: {}", dump(&e)));
    seq.as_f64().unwrap()
}

/// The requests the emulator received after `mark`, oldest first.
pub async fn log_since(mark: f64) -> Vec<Logged> {
    let list = JsFuture::from(requests_since(emulator().admin, mark))
        .await
        .unwrap_or_else(|e| panic!("reading the request log failed: {}", dump(&e)));
    items(&list)
        .iter()
        .map(|entry| Logged {
            method: text(entry, "method"),
            path: text(entry, "path"),
            query: text(entry, "query"),
            status: get(entry, "status").as_f64().map(|s| s as u16),
            fault: get(entry, "fault").as_string(),
            headers: get(entry, "headers"),
            body: get(entry, "body").as_string(),
        })
        .collect()
}

/// Polls the emulator's log after `mark` until `done` holds of it; panics (showing the log)
/// when `within_ms` pass first. The wait for an event (a delayed request reaching the log, a
/// retry arriving), not a pause.
pub async fn log_until(mark: f64, within_ms: f64, done: impl Fn(&[Logged]) -> bool) -> Vec<Logged> {
    let deadline = now() + within_ms;
    loop {
        let log = log_since(mark).await;
        if done(&log) {
            return log;
        }
        assert!(now() < deadline, "not seen within {within_ms} ms: {log:?}");
        wait(POLL_MS).await;
    }
}

/// Watches the emulator's log after `mark` for `for_ms`, failing as soon as it holds more than
/// `most` requests: "nothing more was sent" over the window in which a test has shown (its
/// positive case, first) that the request would have arrived.
pub async fn log_stays_within(mark: f64, most: usize, for_ms: f64) -> Vec<Logged> {
    let deadline = now() + for_ms;
    loop {
        let log = log_since(mark).await;
        assert!(log.len() <= most, "more than {most} requests: {log:?}");
        if now() >= deadline {
            return log;
        }
        wait(POLL_MS).await;
    }
}

/// How often the log is read while waiting on it.
const POLL_MS: f64 = 50.0;

/// Queues a fault for the next matching request (`{fault, times?, method?, path?}`).
pub async fn queue_fault(fault: Obj) {
    JsFuture::from(queue_fault_js(emulator().admin, &fault.js()))
        .await
        .unwrap_or_else(|e| panic!("queueing a fault failed: {}", dump(&e)));
}

pub async fn clear_faults() {
    JsFuture::from(clear_faults_js(emulator().admin))
        .await
        .unwrap_or_else(|e| panic!("clearing the fault queue failed: {}", dump(&e)));
}

/// The time from `start` to now, in milliseconds.
pub fn since(start: f64) -> f64 {
    now() - start
}

/// `{ id, name, ... }` of a new organization (root, or under `parent`).
pub async fn create_org(orgs: &Organizations, name: &str, parent: Option<&str>) -> JsValue {
    let mut body = Obj::new().set("name", name);
    if let Some(parent) = parent {
        body = body.set("parent", Obj::new().set("id", parent).js());
    }
    resolve(orgs.create(body.js(), JsValue::UNDEFINED)).await
}

/// A complete profile whose fields all carry `tag`.
pub fn profile(tag: &str) -> Obj {
    Obj::new()
        .set("business_name", format!("{tag} Ltd"))
        .set("business_email", format!("ops+{tag}@example.com"))
        .set("business_phone", "+1 555 0100")
        .set("business_address", format!("1 {tag} Street, Springfield"))
        .set("external_metadata", format!("{{\"tag\":\"{tag}\"}}"))
}

/// The demo seed's ids, looked up by name in the emulator's state.
pub struct Seed {
    pub acme_corp: String,
    pub acme_emea: String,
    pub acme_americas: String,
    pub globex: String,
    /// An account of Acme Corp.
    pub acme_corp_account: String,
    /// The user of Acme Corp and Acme EMEA.
    pub alice: String,
}

pub async fn seed_ids() -> Seed {
    let ids = JsFuture::from(seed_ids_js(emulator().admin))
        .await
        .unwrap_or_else(|e| panic!("looking up the seed failed: {}", dump(&e)));
    Seed {
        acme_corp: text(&ids, "acmeCorp"),
        acme_emea: text(&ids, "acmeEmea"),
        acme_americas: text(&ids, "acmeAmericas"),
        globex: text(&ids, "globex"),
        acme_corp_account: text(&ids, "acmeCorpAccount"),
        alice: text(&ids, "alice"),
    }
}
