//! The bad input of issue 2: each one a `ValidationError` naming the field, with nothing sent
//! (a recording `fetch` double never called; no server needed). And `"a/b"`, which is a valid
//! id, encoded so that it stays one path segment (against the emulator).

use js_sys::Promise;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::*;
use crate::Organizations;

/// A client whose `fetch` is a double that records its calls and answers none.
fn counted() -> (Organizations, JsValue) {
    let double = refusing_fetch();
    let orgs = client(offline_options(&double)).organizations();
    (orgs, double)
}

/// Checks `cases` (a description, the call, the field it must name): each refused with a
/// `ValidationError`, and none of them sent anything, though the same client does send a
/// valid call.
async fn refused(orgs: &Organizations, cases: Vec<(String, Promise, &str)>, double: &JsValue) {
    let n = cases.len();
    let (labels, promises): (Vec<_>, Vec<_>) = cases
        .into_iter()
        .map(|(what, promise, field)| ((what, field), promise))
        .unzip();
    let errors = rejections(promises).await;
    for ((what, field), error) in labels.into_iter().zip(errors) {
        assert_eq!(
            get(&error, "field").as_string().as_deref(),
            Some(field),
            "{what}: {}",
            dump(&error)
        );
        check_validation(&error, field);
    }
    assert!(n > 0);
    assert_eq!(calls_of(double), 0, "fetch was called");
    let error = reject(orgs.get("abc".into(), Obj::new().set("maxRetries", 0).js())).await;
    expect_class::<ConnectionError>(&error, "ConnectionError");
    assert_eq!(calls_of(double), 1, "a valid call reaches fetch");
}

fn name(value: impl Into<JsValue>) -> JsValue {
    Obj::new().set("name", value).js()
}

#[wasm_bindgen_test]
async fn bad_ids_are_refused_by_every_method_before_sending() {
    let (orgs, double) = counted();
    let body = || name("fine");
    let prof = || profile("ids").js();
    let mut cases = Vec::new();
    let bad: Vec<JsValue> = vec![
        "".into(),
        ".".into(),
        "..".into(),
        "%2e%2E".into(),
        "%2E".into(),
        ".%2e".into(),
        JsValue::from(42),
        JsValue::UNDEFINED,
        JsValue::NULL,
    ];
    for id in bad {
        let shown = dump(&id);
        let id = || id.clone();
        let none = || JsValue::UNDEFINED;
        for (method, promise) in [
            ("get", orgs.get(id(), none())),
            ("update", orgs.update(id(), body(), none())),
            ("delete", orgs.delete(id(), none())),
            ("listAccounts", orgs.list_accounts(id(), none(), none())),
            (
                "listAllAccounts",
                orgs.list_all_accounts(id(), none(), none()),
            ),
            ("getProfile", orgs.get_profile(id(), none())),
            ("updateProfile", orgs.update_profile(id(), prof(), none())),
            (
                "iterateAccounts",
                collect(&orgs.iterate_accounts(id(), none(), none()), none()),
            ),
        ] {
            cases.push((format!("{method}({shown})"), promise, "id"));
        }
    }
    refused(&orgs, cases, &double).await;
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn an_id_with_a_slash_stays_one_segment() {
    let orgs = orgs();
    let mark = log_mark().await;
    for (id, path) in [
        ("a/b", "/organizations/a%2Fb"),
        ("x?y#z%", "/organizations/x%3Fy%23z%25"),
        ("../b", "/organizations/..%2Fb"),
    ] {
        let error = reject(orgs.get(id.into(), JsValue::UNDEFINED)).await;
        expect_class::<NotFoundError>(&error, "NotFoundError");
        assert_eq!(num(&error, "status"), 404.0);
        assert_eq!(num(&error, "code"), 1003.0);
        assert_eq!(text(&error, "path"), path);
    }
    let log = log_since(mark).await;
    let paths: Vec<&str> = log.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/organizations/a%2Fb",
            "/organizations/x%3Fy%23z%25",
            "/organizations/..%2Fb"
        ]
    );
    assert!(log
        .iter()
        .all(|r| r.query.is_empty() && r.status == Some(404)));
}

#[wasm_bindgen_test]
async fn bad_bodies_are_refused_before_sending() {
    let (orgs, double) = counted();
    let full = || profile("bodies");
    let bodies: Vec<(&str, JsValue, &str)> = vec![
        ("no name", Obj::new().js(), "name"),
        ("empty name", name(""), "name"),
        ("number name", name(42), "name"),
        ("null name", name(JsValue::NULL), "name"),
        (
            "unknown field",
            Obj::new().set("name", "x").set("nmae", "x").js(),
            "nmae",
        ),
        (
            "profile missing a field",
            Obj::new()
                .set("name", "x")
                .set(
                    "profile",
                    Obj::new()
                        .set("business_name", "n")
                        .set("business_phone", "p")
                        .set("business_address", "a")
                        .set("external_metadata", "m")
                        .js(),
                )
                .js(),
            "profile.business_email",
        ),
        (
            "profile with a typo",
            Obj::new()
                .set("name", "x")
                .set("profile", full().set("bussiness_name", "typo").js())
                .js(),
            "profile.bussiness_name",
        ),
        (
            "profile field of the wrong type",
            Obj::new()
                .set("name", "x")
                .set("profile", full().set("business_phone", 5551234).js())
                .js(),
            "profile.business_phone",
        ),
        (
            "parent without id",
            Obj::new()
                .set("name", "x")
                .set("parent", Obj::new().js())
                .js(),
            "parent.id",
        ),
        ("not an object", "name".into(), "body"),
        ("undefined", JsValue::UNDEFINED, "body"),
        // Values whose reading throws are refused with a ValidationError, not that exception.
        ("a Date lookalike as name", name(date_lookalike()), "name"),
        (
            "an array proxy that throws",
            throwing_proxies().get(0),
            "body",
        ),
        // Its keys cannot be listed: read as an object with none.
        (
            "an object proxy that throws",
            throwing_proxies().get(1),
            "name",
        ),
    ];
    let mut cases = Vec::new();
    for (what, body, field) in bodies {
        cases.push((
            format!("create: {what}"),
            orgs.create(body.clone(), JsValue::UNDEFINED),
            field,
        ));
        cases.push((
            format!("update: {what}"),
            orgs.update("abc".into(), body, JsValue::UNDEFINED),
            field,
        ));
    }
    let missing = Obj::new()
        .set("business_name", "n")
        .set("business_email", "e")
        .set("business_phone", "p")
        .set("business_address", "a")
        .js();
    for (what, body, field) in [
        ("missing a field", missing, "external_metadata"),
        (
            "typo",
            full().set("bussiness_name", "x").js(),
            "bussiness_name",
        ),
        (
            "wrong type",
            full().set("business_email", true).js(),
            "business_email",
        ),
        ("not an object", JsValue::from(7), "profile"),
    ] {
        cases.push((
            format!("updateProfile: {what}"),
            orgs.update_profile("abc".into(), body, JsValue::UNDEFINED),
            field,
        ));
    }
    refused(&orgs, cases, &double).await;
}

#[wasm_bindgen_test]
async fn bad_params_and_call_options_are_refused_before_sending() {
    let (orgs, double) = counted();
    let none = || JsValue::UNDEFINED;
    let mut cases = Vec::new();
    for size in [
        JsValue::from(1001),
        JsValue::from(-1),
        JsValue::from(1.5),
        JsValue::from("10"),
    ] {
        let shown = dump(&size);
        let params = || Obj::new().set("page_size", size.clone()).js();
        let americas = || JsValue::from("abc");
        for (method, promise) in [
            ("list", orgs.list(params(), none())),
            ("listAll", orgs.list_all(params(), none())),
            ("iterate", collect(&orgs.iterate(params(), none()), none())),
            (
                "listAccounts",
                orgs.list_accounts(americas(), params(), none()),
            ),
            (
                "listAllAccounts",
                orgs.list_all_accounts(americas(), params(), none()),
            ),
            (
                "iterateAccounts",
                collect(&orgs.iterate_accounts(americas(), params(), none()), none()),
            ),
        ] {
            cases.push((format!("{method} page_size {shown}"), promise, "page_size"));
        }
    }
    let params: Vec<(&str, JsValue, &str)> = vec![
        ("unknown filter", Obj::new().set("nmae", "x").js(), "nmae"),
        (
            "name shape typo",
            Obj::new()
                .set("name", Obj::new().set("startswith", "x").js())
                .js(),
            "name.startswith",
        ),
        (
            "id of numbers",
            Obj::new().set("id", array(&[1.into()])).js(),
            "id.0",
        ),
        (
            "parent without id",
            Obj::new().set("parent", Obj::new().js()).js(),
            "parent.id",
        ),
        (
            "containing.user not a string",
            Obj::new()
                .set("containing", Obj::new().set("user", 5).js())
                .js(),
            "containing.user",
        ),
        ("params not an object", "x".into(), "params"),
        (
            "a Date lookalike as name",
            Obj::new().set("name", date_lookalike()).js(),
            "name",
        ),
    ];
    for (what, p, field) in params {
        cases.push((format!("list: {what}"), orgs.list(p, none()), field));
    }
    cases.push((
        "listAccounts: direction".to_string(),
        orgs.list_accounts("abc".into(), Obj::new().set("direction", "up").js(), none()),
        "direction",
    ));
    cases.push((
        "listAccounts: order_by".to_string(),
        orgs.list_accounts(
            "abc".into(),
            Obj::new().set("order_by", "created_on").js(),
            none(),
        ),
        "order_by",
    ));
    // Per-call options.
    let options: Vec<(&str, JsValue, &str)> = vec![
        (
            "timeoutMs 0",
            Obj::new().set("timeoutMs", 0).js(),
            "timeoutMs",
        ),
        (
            "timeoutMs NaN",
            Obj::new().set("timeoutMs", f64::NAN).js(),
            "timeoutMs",
        ),
        (
            "maxRetries 1.5",
            Obj::new().set("maxRetries", 1.5).js(),
            "maxRetries",
        ),
        (
            "maxRetries -1",
            Obj::new().set("maxRetries", -1).js(),
            "maxRetries",
        ),
        ("signal", Obj::new().set("signal", "soon").js(), "signal"),
        (
            "signal object",
            Obj::new().set("signal", Obj::new().js()).js(),
            "signal",
        ),
        // `instanceof AbortSignal` holds, but reading `aborted` throws: refused, not thrown.
        (
            "signal lookalike",
            Obj::new().set("signal", signal_lookalike()).js(),
            "signal",
        ),
        (
            "unknown option",
            Obj::new().set("retries", 1).js(),
            "retries",
        ),
        (
            "maxPages on get",
            Obj::new().set("maxPages", 1).js(),
            "maxPages",
        ),
        (
            "header with a newline",
            Obj::new()
                .set(
                    "headers",
                    Obj::new().set("x-trace", "a\r\nx-injected: 1").js(),
                )
                .js(),
            "headers.x-trace",
        ),
        (
            "header name with a space",
            Obj::new()
                .set("headers", Obj::new().set("x trace", "a").js())
                .js(),
            "headers.x trace",
        ),
    ];
    for (what, o, field) in options {
        cases.push((
            format!("get options: {what}"),
            orgs.get("abc".into(), o),
            field,
        ));
    }
    cases.push((
        "listAll maxPages 0".to_string(),
        orgs.list_all(none(), Obj::new().set("maxPages", 0).js()),
        "maxPages",
    ));
    refused(&orgs, cases, &double).await;
}

#[wasm_bindgen_test]
fn bad_client_options_throw_from_the_constructor() {
    let url = || Obj::new().set("baseUrl", OFFLINE_URL);
    let (email, key) = ("ops@example.com", "offline-key");
    let cases: Vec<(&str, Obj, &str)> = vec![
        (
            "token with a newline",
            url().set("apiToken", "secret-tok\nen"),
            "apiToken",
        ),
        (
            "token with CR",
            url().set("apiToken", "secret-tok\ren"),
            "apiToken",
        ),
        (
            "token with NUL",
            url().set("apiToken", "secret-tok\0en"),
            "apiToken",
        ),
        (
            "key with a newline",
            url().set("apiEmail", email).set("apiKey", "secret-k\ney"),
            "apiKey",
        ),
        (
            "email with a newline",
            url().set("apiEmail", "a@b.c\nx").set("apiKey", key),
            "apiEmail",
        ),
        (
            "service key with a newline",
            url().set("userServiceKey", "secret-s\nk"),
            "userServiceKey",
        ),
        (
            "apiEmail without apiKey",
            url().set("apiEmail", email),
            "apiKey",
        ),
        (
            "apiKey without apiEmail",
            url().set("apiKey", key),
            "apiEmail",
        ),
        ("empty token", url().set("apiToken", ""), "apiToken"),
        (
            "ftp baseUrl",
            Obj::new().set("baseUrl", "ftp://x"),
            "baseUrl",
        ),
        (
            "plain http to another host with a token",
            Obj::new()
                .set("baseUrl", "http://example.com")
                .set("apiToken", OFFLINE_TOKEN),
            "baseUrl",
        ),
        (
            "plain http to another host with a key",
            Obj::new()
                .set("baseUrl", "http://example.com/client/v4")
                .set("apiEmail", email)
                .set("apiKey", key),
            "baseUrl",
        ),
        ("timeoutMs 0", url().set("timeoutMs", 0), "timeoutMs"),
        ("maxRetries -1", url().set("maxRetries", -1), "maxRetries"),
        ("fetch not a function", url().set("fetch", "fetch"), "fetch"),
        ("unknown option", url().set("apiTokn", "x"), "apiTokn"),
        (
            "header with a newline",
            url().set("headers", Obj::new().set("x-a", "1\nx-b: 2").js()),
            "headers.x-a",
        ),
    ];
    for (what, options, field) in cases {
        let error = constructor_error(options.js());
        assert_eq!(
            get(&error, "field").as_string().as_deref(),
            Some(field),
            "{what}: {}",
            dump(&error)
        );
        check_validation(&error, field);
        for shown in items(&error_texts(&error)) {
            let shown = shown.as_string().unwrap();
            assert!(
                !shown.contains("secret-"),
                "{what}: a credential shows in {shown}"
            );
        }
    }
    // What is allowed: plain http without credentials, or with allowInsecureHttp; a path.
    for options in [
        Obj::new().set("baseUrl", "http://example.com"),
        Obj::new()
            .set("baseUrl", "http://example.com")
            .set("apiToken", "t")
            .set("allowInsecureHttp", true),
        Obj::new().set("baseUrl", "/api/cf").set("apiToken", "t"),
        Obj::new()
            .set("baseUrl", "http://localhost:1/")
            .set("apiToken", "t"),
    ] {
        client(options);
    }

    // From JavaScript, `new Cloudflare(...)` throws the ValidationError synchronously.
    let class = get(
        &JsValue::from(client(offline_options(&refusing_fetch()))),
        "constructor",
    );
    let thrown = construct(&class, &Obj::new().set("apiToken", "secret-a\nb").js());
    assert_eq!(get(&thrown, "threw"), JsValue::TRUE);
    check_validation(&get(&thrown, "error"), "apiToken");
    let made = construct(&class, &offline_options(&refusing_fetch()).js());
    assert_eq!(get(&made, "threw"), JsValue::FALSE);
}
