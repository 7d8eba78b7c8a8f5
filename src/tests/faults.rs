//! The emulator's faults mapped to the error classes, with the exact number of attempts, the
//! waits asked for honoured, and the same client serving the next call.

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use super::methods::is_ray_id;
use super::support::*;
use crate::Organizations;

/// Globex, a seeded organization these tests read and never change.
struct Target(String);

impl Target {
    async fn globex() -> Target {
        Target(seed_ids().await.globex)
    }

    fn id(&self) -> JsValue {
        self.0.as_str().into()
    }

    fn path(&self) -> String {
        format!("/organizations/{}", self.0)
    }

    /// `get` of it with a fault and more per-call options.
    fn get_with(&self, orgs: &Organizations, options: Obj) -> Promise {
        orgs.get(self.id(), options.js())
    }

    /// The same client still serves a plain call.
    async fn still_works(&self, orgs: &Organizations) {
        let org = resolve(orgs.get(self.id(), JsValue::UNDEFINED)).await;
        assert_eq!(text(&org, "id"), self.0);
    }
}

/// The log since `mark`: `n` requests, each with `status` and the fault applied.
async fn expect_attempts(mark: f64, n: usize, status: Option<u16>) -> Vec<Logged> {
    let log = log_since(mark).await;
    assert_eq!(log.len(), n, "attempts: {log:?}");
    for request in &log {
        assert_eq!(request.status, status, "{request:?}");
        assert!(request.fault.is_some(), "{request:?}");
    }
    log
}

/// Like [`expect_attempts`] for the answers after which a browser resends on its own: Chromium's
/// network stack transparently repeats a request once when a reused keep-alive connection is
/// closed with no answer or answered 408 (it takes them for a stale connection), and was seen to
/// repeat one attempt twice. The client's own attempts are then counted by its `fetch` (`counted`
/// calls, exact); the log holds those and at most two resends each. Node sends exactly what the
/// client sends.
async fn expect_attempts_resent(mark: f64, counted: f64, n: usize, status: Option<u16>) {
    assert_eq!(counted, n as f64, "fetch calls");
    let log = log_since(mark).await;
    if in_browser() {
        assert!((n..=3 * n).contains(&log.len()), "attempts: {log:?}");
        assert!(log.iter().all(|r| r.status == status && r.fault.is_some()));
    } else {
        expect_attempts(mark, n, status).await;
    }
}

/// A token client of the emulator whose `fetch` counts its calls (`count` on the second value).
fn counted_orgs() -> (Organizations, JsValue) {
    let counter = counting_fetch();
    let orgs = client(token_options().set("fetch", get(&counter, "fetch"))).organizations();
    (orgs, counter)
}

fn expect_api_error(error: &JsValue, status: f64, code: f64, method: &str, path: &str) {
    assert_eq!(num(error, "status"), status, "{}", dump(error));
    assert_eq!(num(error, "code"), code);
    assert_eq!(text(error, "method"), method);
    assert_eq!(text(error, "path"), path);
    assert!(is_ray_id(&text(error, "rayId")), "{}", dump(error));
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn get_503_is_retried_then_internal_server_error() {
    let globex = Target::globex().await;
    let orgs = orgs();
    let mark = log_mark().await;
    let error = reject(globex.get_with(&orgs, fault("status=503; retry-after-ms=1"))).await;
    expect_class::<InternalServerError>(&error, "InternalServerError");
    expect_api_error(&error, 503.0, 10503.0, "GET", &globex.path());
    assert_eq!(num(&error, "retryAfterMs"), 1.0);
    assert!(text(&error, "message").contains("Injected fault 503"));
    expect_attempts(mark, 3, Some(503)).await;

    // Per-call maxRetries: 0 sends once, 4 sends five times.
    let mark = log_mark().await;
    let error = reject(globex.get_with(
        &orgs,
        fault("status=503; retry-after-ms=1").set("maxRetries", 0),
    ))
    .await;
    expect_class::<InternalServerError>(&error, "InternalServerError");
    expect_attempts(mark, 1, Some(503)).await;
    let mark = log_mark().await;
    reject(globex.get_with(
        &orgs,
        fault("status=503; retry-after-ms=1").set("maxRetries", 4),
    ))
    .await;
    expect_attempts(mark, 5, Some(503)).await;
    // Client-level maxRetries.
    let zero = client(token_options().set("maxRetries", 0)).organizations();
    let mark = log_mark().await;
    reject(globex.get_with(&zero, fault("status=503; retry-after-ms=1"))).await;
    expect_attempts(mark, 1, Some(503)).await;
    globex.still_works(&orgs).await;
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn each_retried_status_on_get_put_delete() {
    let (orgs, counter) = counted_orgs();
    let id = text(
        &create_org(&orgs, &unique("wasm retried"), None).await,
        "id",
    );
    let path = format!("/organizations/{id}");
    for status in [408u16, 429, 500, 502, 503, 504] {
        let directives = format!("status={status}; retry-after-ms=1");
        let call = |method: &str| match method {
            "GET" => orgs.get(id.as_str().into(), fault(&directives).js()),
            "PUT" => orgs.update(
                id.as_str().into(),
                Obj::new().set("name", "unchanged").js(),
                fault(&directives).js(),
            ),
            _ => orgs.delete(id.as_str().into(), fault(&directives).js()),
        };
        for method in ["GET", "PUT", "DELETE"] {
            let mark = log_mark().await;
            let before = num(&counter, "count");
            let error = reject(call(method)).await;
            let class = match status {
                429 => "RateLimitError",
                408 => "ApiError",
                _ => "InternalServerError",
            };
            assert_eq!(text(&error, "name"), class, "{method} {status}");
            expect_api_error(
                &error,
                status as f64,
                10000.0 + status as f64,
                method,
                &path,
            );
            let counted = num(&counter, "count") - before;
            expect_attempts_resent(mark, counted, 3, Some(status)).await;
        }
    }
    // None of those reached the operation: the organization is still there, unrenamed.
    let org = resolve(orgs.get(id.as_str().into(), JsValue::UNDEFINED)).await;
    assert!(text(&org, "name").starts_with("wasm retried"));
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn error_statuses_that_are_not_retried() {
    let globex = Target::globex().await;
    let orgs = orgs();
    for (status, class) in [
        (400u16, "BadRequestError"),
        (401, "AuthenticationError"),
        (403, "PermissionDeniedError"),
        (404, "NotFoundError"),
        (409, "ConflictError"),
        (422, "UnprocessableEntityError"),
        (501, "InternalServerError"),
    ] {
        let mark = log_mark().await;
        let error = reject(globex.get_with(&orgs, fault(&format!("status={status}")))).await;
        assert_eq!(text(&error, "name"), class);
        expect_class::<ApiError>(&error, class);
        expect_api_error(
            &error,
            status as f64,
            10000.0 + status as f64,
            "GET",
            &globex.path(),
        );
        expect_attempts(mark, 1, Some(status)).await;
    }
    globex.still_works(&orgs).await;
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn post_is_sent_once_after_a_5xx() {
    let orgs = orgs();
    for directives in ["status=503; retry-after-ms=1", "status=500", "html=502"] {
        let name = unique("wasm post 5xx");
        let mark = log_mark().await;
        let error = reject(orgs.create(
            Obj::new().set("name", name.as_str()).js(),
            fault(directives).js(),
        ))
        .await;
        expect_class::<InternalServerError>(&error, "InternalServerError");
        assert_eq!(text(&error, "method"), "POST");
        assert_eq!(text(&error, "path"), "/organizations");
        let log = log_since(mark).await;
        assert_eq!(log.len(), 1, "{directives}: {log:?}");
        assert_eq!(log[0].method, "POST");
        // A fault answers instead of the operation: nothing was created.
        let page = resolve(orgs.list(
            Obj::new().set("name", name.as_str()).js(),
            JsValue::UNDEFINED,
        ))
        .await;
        assert_eq!(items(&get(&page, "result")).len(), 0);
    }
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn post_429_is_retried() {
    let orgs = orgs();
    // Always 429: three attempts, then RateLimitError.
    let name = unique("wasm post 429");
    let mark = log_mark().await;
    let error = reject(orgs.create(
        Obj::new().set("name", name.as_str()).js(),
        fault("retry-after-ms=1").js(),
    ))
    .await;
    expect_class::<RateLimitError>(&error, "RateLimitError");
    expect_api_error(&error, 429.0, 10429.0, "POST", "/organizations");
    assert_eq!(num(&error, "retryAfterMs"), 1.0);
    let log = expect_attempts(mark, 3, Some(429)).await;
    assert!(log.iter().all(|r| r.method == "POST"));

    // 429 once (queued), then the create goes through: one organization, not two.
    clear_faults().await;
    queue_fault(
        Obj::new()
            .set("fault", "retry-after-ms=1")
            .set("times", 1)
            .set("method", "POST")
            .set("path", "/organizations"),
    )
    .await;
    let mark = log_mark().await;
    let created = resolve(orgs.create(
        Obj::new().set("name", name.as_str()).js(),
        JsValue::UNDEFINED,
    ))
    .await;
    assert_eq!(text(&created, "name"), name);
    let log = log_since(mark).await;
    let statuses: Vec<Option<u16>> = log.iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![Some(429), Some(200)]);
    let page = resolve(orgs.list(
        Obj::new().set("name", name.as_str()).js(),
        JsValue::UNDEFINED,
    ))
    .await;
    assert_eq!(items(&get(&page, "result")).len(), 1);
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn html_502_is_an_internal_server_error_with_a_body_snippet() {
    let globex = Target::globex().await;
    let orgs = orgs();
    let mark = log_mark().await;
    let error = reject(globex.get_with(&orgs, fault("html=502; retry-after-ms=1"))).await;
    expect_class::<InternalServerError>(&error, "InternalServerError");
    assert_eq!(num(&error, "status"), 502.0);
    assert_eq!(items(&get(&error, "errors")).len(), 0);
    assert!(get(&error, "code").is_null(), "{}", dump(&error));
    let snippet = text(&error, "bodySnippet");
    assert!(
        !snippet.is_empty() && snippet.chars().count() <= 200,
        "{snippet}"
    );
    assert!(snippet.trim_start().starts_with('<'), "{snippet}");
    assert!(is_ray_id(&text(&error, "rayId")));
    expect_attempts(mark, 3, Some(502)).await;
    globex.still_works(&orgs).await;
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn success_false_is_an_api_error_with_status_200() {
    let globex = Target::globex().await;
    let orgs = orgs();
    let mark = log_mark().await;
    let error = reject(globex.get_with(&orgs, fault("success-false"))).await;
    expect_class::<ApiError>(&error, "ApiError");
    assert!(!error.is_instance_of::<InternalServerError>());
    expect_api_error(&error, 200.0, 10200.0, "GET", &globex.path());
    expect_attempts(mark, 1, Some(200)).await;
    globex.still_works(&orgs).await;
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn a_redirect_is_an_invalid_response_and_not_followed() {
    let globex = Target::globex().await;
    let orgs = orgs();
    let target = format!(
        "{}/organizations/{}",
        emulator().url,
        seed_ids().await.acme_corp
    );
    let mark = log_mark().await;
    let error = reject(globex.get_with(&orgs, fault(&format!("redirect={target}")))).await;
    expect_class::<InvalidResponseError>(&error, "InvalidResponseError");
    // Node reports the 302 itself; a browser's manual redirect is opaque (status 0).
    let expected = if in_browser() { 0.0 } else { 302.0 };
    assert_eq!(num(&error, "status"), expected, "{}", dump(&error));
    assert!(text(&error, "bodySnippet").chars().count() <= 200);
    assert_eq!(text(&error, "path"), globex.path());
    // One request, to GLOBEX: the redirect target was never asked for (nor retried).
    let log = expect_attempts(mark, 1, Some(302)).await;
    assert_eq!(log[0].path, globex.path());
    globex.still_works(&orgs).await;
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn truncate_and_close_are_connection_errors() {
    let globex = Target::globex().await;
    let (orgs, counter) = counted_orgs();
    for directives in ["truncate", "close"] {
        let mark = log_mark().await;
        let before = num(&counter, "count");
        let error = reject(globex.get_with(&orgs, fault(directives).set("maxRetries", 1))).await;
        expect_class::<ConnectionError>(&error, "ConnectionError");
        assert!(!error.is_instance_of::<ConnectionTimeoutError>());
        assert_eq!(text(&error, "method"), "GET");
        assert_eq!(text(&error, "path"), globex.path());
        assert!(!get(&error, "cause").is_undefined(), "{}", dump(&error));
        let status = if directives == "close" {
            None
        } else {
            Some(200)
        };
        let counted = num(&counter, "count") - before;
        expect_attempts_resent(mark, counted, 2, status).await;
    }
    // A POST is not retried after a broken connection, even though `truncate` created it.
    for directives in ["truncate", "close"] {
        let name = unique("wasm post broken");
        let mark = log_mark().await;
        let before = num(&counter, "count");
        let error = reject(orgs.create(
            Obj::new().set("name", name.as_str()).js(),
            fault(directives).js(),
        ))
        .await;
        expect_class::<ConnectionError>(&error, "ConnectionError");
        let counted = num(&counter, "count") - before;
        let status = if directives == "close" {
            None
        } else {
            Some(200)
        };
        expect_attempts_resent(mark, counted, 1, status).await;
        let page = resolve(orgs.list(
            Obj::new().set("name", name.as_str()).js(),
            JsValue::UNDEFINED,
        ))
        .await;
        let created = if directives == "truncate" { 1 } else { 0 };
        assert_eq!(items(&get(&page, "result")).len(), created, "{directives}");
    }
    globex.still_works(&orgs).await;
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn a_delay_past_timeout_ms_is_a_connection_timeout_error() {
    let globex = Target::globex().await;
    // A delayed request is logged only once its delay is over, so attempts are counted by
    // a fetch that counts its calls (and the log is checked after the delays).
    let counter = counting_fetch();
    let orgs = client(token_options().set("fetch", get(&counter, "fetch"))).organizations();
    let mark = log_mark().await;
    let started = now();
    let error = reject(
        globex.get_with(
            &orgs,
            fault("delay=2500")
                .set("timeoutMs", 200)
                .set("maxRetries", 0),
        ),
    )
    .await;
    let took = since(started);
    expect_class::<ConnectionTimeoutError>(&error, "ConnectionTimeoutError");
    assert!(error.is_instance_of::<ConnectionError>());
    assert_eq!(num(&error, "timeoutMs"), 200.0);
    assert_eq!(text(&error, "method"), "GET");
    assert_eq!(text(&error, "path"), globex.path());
    assert!((150.0..2000.0).contains(&took), "took {took} ms");
    assert_eq!(num(&counter, "count"), 1.0);

    // Retried once (GET), with the client's own timeoutMs.
    let retrying = client(
        token_options()
            .set("fetch", get(&counter, "fetch"))
            .set("timeoutMs", 150),
    )
    .organizations();
    let error = reject(globex.get_with(&retrying, fault("delay=1500").set("maxRetries", 1))).await;
    expect_class::<ConnectionTimeoutError>(&error, "ConnectionTimeoutError");
    assert_eq!(num(&error, "timeoutMs"), 150.0);
    assert_eq!(num(&counter, "count"), 3.0);

    // A POST is never sent twice after a timeout.
    let name = unique("wasm post timeout");
    let error = reject(orgs.create(
        Obj::new().set("name", name.as_str()).js(),
        fault("delay=1500").set("timeoutMs", 150).js(),
    ))
    .await;
    expect_class::<ConnectionTimeoutError>(&error, "ConnectionTimeoutError");
    assert_eq!(num(&counter, "count"), 4.0);

    // Once every delay is over the emulator has logged exactly those four requests (in the
    // order their delays ended).
    let log = log_until(mark, 8000.0, |log| log.len() >= 4).await;
    let mut methods: Vec<&str> = log.iter().map(|r| r.method.as_str()).collect();
    methods.sort();
    assert_eq!(methods, ["GET", "GET", "GET", "POST"], "{log:?}");
    assert_eq!(num(&counter, "count"), 4.0);
    // `delay` alone runs the operation once its delay is over: the organization the client gave
    // up on exists once, not twice.
    let page = resolve(orgs.list(
        Obj::new().set("name", name.as_str()).js(),
        JsValue::UNDEFINED,
    ))
    .await;
    assert_eq!(items(&get(&page, "result")).len(), 1);
    globex.still_works(&orgs).await;
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn a_retry_after_over_60_s_is_thrown_at_once() {
    let globex = Target::globex().await;
    let orgs = orgs();
    for (directives, class, status) in [
        ("status=503; retry-after=120", "InternalServerError", 503.0),
        ("retry-after-ms=60001", "RateLimitError", 429.0),
    ] {
        let mark = log_mark().await;
        let started = now();
        let error = reject(globex.get_with(&orgs, fault(directives))).await;
        assert!(since(started) < 5000.0);
        assert_eq!(text(&error, "name"), class);
        assert_eq!(num(&error, "status"), status);
        let expected = if status == 503.0 { 120_000.0 } else { 60_001.0 };
        assert_eq!(num(&error, "retryAfterMs"), expected);
        expect_attempts(mark, 1, Some(status as u16)).await;
    }
    // The same on a POST 429.
    let mark = log_mark().await;
    let error = reject(
        orgs.create(
            Obj::new()
                .set("name", unique("wasm post wait").as_str())
                .js(),
            fault("retry-after=61").js(),
        ),
    )
    .await;
    expect_class::<RateLimitError>(&error, "RateLimitError");
    assert_eq!(num(&error, "retryAfterMs"), 61_000.0);
    expect_attempts(mark, 1, Some(429)).await;
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn the_waits_asked_for_are_honoured() {
    let globex = Target::globex().await;
    let counter = counting_fetch();
    let orgs = client(token_options().set("fetch", get(&counter, "fetch"))).organizations();
    let gap = |counter: &JsValue| {
        let times = items(&get(counter, "times"));
        let n = times.len();
        times[n - 1].as_f64().unwrap() - times[n - 2].as_f64().unwrap()
    };
    for (directives, at_least) in [
        ("status=503; retry-after=1", 950.0),
        ("status=429; retry-after-ms=300", 280.0),
        ("status=503; retry-after-date=2", 900.0),
    ] {
        let mark = log_mark().await;
        let error = reject(globex.get_with(&orgs, fault(directives).set("maxRetries", 1))).await;
        assert!(has(&error, "retryAfterMs"), "{}", dump(&error));
        expect_attempts(
            mark,
            2,
            Some(if directives.contains("429") { 429 } else { 503 }),
        )
        .await;
        let waited = gap(&counter);
        assert!(waited >= at_least, "{directives}: waited only {waited} ms");
        assert!(
            waited < at_least + 3000.0,
            "{directives}: waited {waited} ms"
        );
    }
    // Without a server wait: 500 ms, less up to 25% jitter.
    reject(globex.get_with(&orgs, fault("status=503").set("maxRetries", 1))).await;
    let waited = gap(&counter);
    assert!((370.0..3000.0).contains(&waited), "backoff {waited} ms");
}
