//! Each auth scheme against the emulator, and the refusals.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::*;

/// Lists one page with these options and returns the headers the emulator logged.
async fn list_with(options: Obj) -> JsValue {
    let orgs = client(options).organizations();
    let mark = log_mark().await;
    let page = resolve(orgs.list(Obj::new().set("page_size", 1).js(), JsValue::UNDEFINED)).await;
    assert_eq!(items(&get(&page, "result")).len(), 1);
    let log = log_since(mark).await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].status, Some(200));
    log[0].headers.clone()
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn each_auth_scheme_works() {
    let e = emulator();
    let credential_headers = [
        "authorization",
        "x-auth-email",
        "x-auth-key",
        "x-auth-user-service-key",
    ];
    let sent = |headers: &JsValue| -> Vec<&str> {
        credential_headers
            .iter()
            .copied()
            .filter(|h| has(headers, h))
            .collect()
    };

    let headers = list_with(token_options()).await;
    assert_eq!(sent(&headers), ["authorization"]);

    let headers = list_with(
        Obj::new()
            .set("baseUrl", e.url)
            .set("apiEmail", e.email)
            .set("apiKey", e.key),
    )
    .await;
    assert_eq!(sent(&headers), ["x-auth-email", "x-auth-key"]);

    let headers = list_with(
        Obj::new()
            .set("baseUrl", e.url)
            .set("userServiceKey", e.service_key),
    )
    .await;
    assert_eq!(sent(&headers), ["x-auth-user-service-key"]);

    // Every configured kind is sent.
    let headers = list_with(
        token_options()
            .set("apiEmail", e.email)
            .set("apiKey", e.key)
            .set("userServiceKey", e.service_key),
    )
    .await;
    assert_eq!(sent(&headers), credential_headers);
    assert_eq!(text(&headers, "accept"), "application/json");
}

async fn expect_refused(options: Obj) {
    let seed = seed_ids().await;
    let orgs = client(options).organizations();
    let mark = log_mark().await;
    let error = reject(orgs.get(seed.globex.as_str().into(), JsValue::UNDEFINED)).await;
    expect_class::<AuthenticationError>(&error, "AuthenticationError");
    assert_eq!(num(&error, "status"), 401.0);
    assert_eq!(num(&error, "code"), 10000.0);
    assert_eq!(text(&error, "method"), "GET");
    assert_eq!(
        text(&error, "path"),
        format!("/organizations/{}", seed.globex.as_str())
    );
    assert!(super::methods::is_ray_id(&text(&error, "rayId")));
    // A 401 is not retried.
    let log = log_since(mark).await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].status, Some(401));
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn wrong_or_missing_credentials_are_authentication_errors() {
    let e = emulator();
    expect_refused(
        Obj::new()
            .set("baseUrl", e.url)
            .set("apiToken", "not-the-token"),
    )
    .await;
    expect_refused(
        Obj::new()
            .set("baseUrl", e.url)
            .set("apiEmail", e.email)
            .set("apiKey", "not-the-key"),
    )
    .await;
    // A right token next to a wrong service key: every scheme presented must be right.
    expect_refused(token_options().set("userServiceKey", "not-the-service-key")).await;
    // No credentials at all is allowed by the client (a proxy may add them); the API refuses.
    expect_refused(Obj::new().set("baseUrl", e.url)).await;
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn call_headers_override_client_headers() {
    let seed = seed_ids().await;
    let orgs = client(
        token_options().set(
            "headers",
            Obj::new()
                .set("x-client", "client-level")
                .set("x-only-client", "kept")
                .js(),
        ),
    )
    .organizations();
    let mark = log_mark().await;
    resolve(
        orgs.get(
            seed.globex.as_str().into(),
            Obj::new()
                .set("headers", Obj::new().set("X-Client", "call-level").js())
                .js(),
        ),
    )
    .await;
    resolve(orgs.get(seed.globex.as_str().into(), JsValue::UNDEFINED)).await;
    let log = log_since(mark).await;
    assert_eq!(log.len(), 2);
    assert_eq!(text(&log[0].headers, "x-client"), "call-level");
    assert_eq!(text(&log[0].headers, "x-only-client"), "kept");
    assert_eq!(text(&log[1].headers, "x-client"), "client-level");
}
