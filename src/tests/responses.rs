//! Responses the API does not document, from a scripted `fetch` double: each one the typed
//! error of API.md, never a panic; afterwards the same client instance serves a good request
//! (a panic in wasm would poison the instance). And the `fetch` option itself.

use js_sys::{Array, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::*;
use crate::Organizations;

const ORG: &str = r#"{"id":"0123456789abcdef0123456789abcdef","name":"Scripted","create_time":"2026-01-02T03:04:05.678Z","meta":{},"future_field":{"kept":true}}"#;

#[wasm_bindgen_test]
async fn malformed_responses_are_invalid_response_errors_and_the_client_survives() {
    let html = format!(
        "<!DOCTYPE html><html><head><title>Oops</title></head><body>{}</body></html>",
        "<p>Something went wrong on our side.</p>".repeat(20)
    );
    let list_call = |orgs: &Organizations| orgs.list(JsValue::UNDEFINED, JsValue::UNDEFINED);
    let get_call = |orgs: &Organizations| orgs.get("abc".into(), JsValue::UNDEFINED);
    type Call<'a> = &'a dyn Fn(&Organizations) -> Promise;
    let truncated = r#"{"success":true,"errors":[],"result":{"id":"0123"#;
    // (what, the response, the call, the status the error must carry)
    let cases: Vec<(&str, Obj, Call, f64)> = vec![
        (
            "HTML with 200",
            step(200, &html).set("headers", Obj::new().set("content-type", "text/html").js()),
            &get_call,
            200.0,
        ),
        ("empty body", step(200, ""), &get_call, 200.0),
        ("truncated JSON", step(200, truncated), &get_call, 200.0),
        ("{}", step(200, "{}"), &get_call, 200.0),
        (
            "success without result",
            step(200, r#"{"success":true}"#),
            &get_call,
            200.0,
        ),
        (
            "result null",
            step(200, &envelope("null")),
            &get_call,
            200.0,
        ),
        (
            "success not a boolean",
            step(200, r#"{"success":"yes","result":{}}"#),
            &get_call,
            200.0,
        ),
        ("an array envelope", step(200, "[]"), &get_call, 200.0),
        ("a JSON string", step(200, r#""ok""#), &get_call, 200.0),
        (
            "list whose result is an object",
            step(200, &envelope(ORG)),
            &list_call,
            200.0,
        ),
        (
            "list item without id (the second; the page check runs in one JS call, and the
             named error comes from the item-by-item walk)",
            step(200, &envelope(&format!(r#"[{ORG},{{"name":"no id"}}]"#))),
            &list_call,
            200.0,
        ),
        (
            "organization without id",
            step(200, &envelope(r#"{"name":"x"}"#)),
            &get_call,
            200.0,
        ),
        (
            "organization with a number id",
            step(200, &envelope(r#"{"id":7,"name":"x"}"#)),
            &get_call,
            200.0,
        ),
        (
            "organization as an array",
            step(200, &envelope("[]")),
            &get_call,
            200.0,
        ),
        (
            "a 302",
            step(302, "").set(
                "headers",
                Obj::new()
                    .set("location", "https://elsewhere.example/steal")
                    .set("cf-ray", "0123456789abcdef-TST")
                    .js(),
            ),
            &get_call,
            302.0,
        ),
        ("a 304", Obj::new().set("status", 304), &get_call, 304.0),
        (
            "list item whose name is a number (the second string the page check reads)",
            step(200, &envelope(&format!(r#"[{ORG},{{"id":"b","name":7}}]"#))),
            &list_call,
            200.0,
        ),
    ];
    let mut steps: Vec<JsValue> = cases
        .iter()
        .map(|(_, s, _, _)| JsValue::from(&s.0))
        .collect();
    // An error status with an HTML page, a rejected fetch, and a fetch resolving to a non-Response.
    steps.push(step(502, &html).js());
    steps.push(Obj::new().set("reject", "connection refused").js());
    steps.push(Obj::new().set("raw", 42).js());
    // A good response with a field the API may add later.
    steps.push(
        step(200, &envelope(ORG))
            .set(
                "headers",
                Obj::new().set("cf-ray", "feedfacecafebeef-TST").js(),
            )
            .js(),
    );
    let double = scripted_fetch(&array(&steps));

    let hooks = hook_recorder();
    let orgs = client(
        offline_options(&double)
            .set("onRequest", get(&hooks, "onRequest"))
            .set("onResponse", get(&hooks, "onResponse")),
    )
    .organizations();
    let mut errors = Vec::new();
    for (what, _, call, status) in &cases {
        let error = reject(call(&orgs)).await;
        assert_eq!(
            text(&error, "name"),
            "InvalidResponseError",
            "{what}: {}",
            dump(&error)
        );
        expect_class::<InvalidResponseError>(&error, "InvalidResponseError");
        assert_eq!(num(&error, "status"), *status, "{what}");
        let snippet = text(&error, "bodySnippet");
        assert!(
            snippet.chars().count() <= 200,
            "{what}: {} chars",
            snippet.chars().count()
        );
        errors.push(error);
    }
    // The snippets: the start of the body, cut at 200 characters.
    assert_eq!(text(&errors[0], "bodySnippet"), html[..200]);
    assert_eq!(text(&errors[1], "bodySnippet"), "");
    assert_eq!(text(&errors[2], "bodySnippet"), truncated);
    assert_eq!(text(&errors[3], "bodySnippet"), "{}");
    assert!(
        text(&errors[10], "message").contains("`result[1].id` is missing"),
        "{}",
        dump(&errors[10])
    );
    assert!(
        text(&errors[16], "message").contains("`result[1].name`"),
        "{}",
        dump(&errors[16])
    );
    assert_eq!(text(&errors[14], "rayId"), "0123456789abcdef-TST");
    assert!(get(&errors[1], "rayId").is_null());
    // An invalid response is not retried: one call per case so far.
    assert_eq!(items(&get(&double, "calls")).len(), cases.len());

    let error = reject(orgs.get("abc".into(), Obj::new().set("maxRetries", 0).js())).await;
    expect_class::<InternalServerError>(&error, "InternalServerError");
    assert_eq!(num(&error, "status"), 502.0);
    assert_eq!(items(&get(&error, "errors")).len(), 0);
    assert_eq!(text(&error, "bodySnippet"), html[..200]);
    errors.push(error);

    let error = reject(orgs.get("abc".into(), Obj::new().set("maxRetries", 0).js())).await;
    expect_class::<ConnectionError>(&error, "ConnectionError");
    assert!(
        text(&error, "message").contains("connection refused"),
        "{}",
        dump(&error)
    );
    assert!(text(&get(&error, "cause"), "message").contains("connection refused"));
    errors.push(error);

    let error = reject(orgs.get("abc".into(), Obj::new().set("maxRetries", 0).js())).await;
    expect_class::<ConnectionError>(&error, "ConnectionError");
    errors.push(error);

    // The same instance, after all of that: a good response.
    let org = resolve(orgs.get("abc".into(), JsValue::UNDEFINED)).await;
    assert_eq!(text(&org, "id"), "0123456789abcdef0123456789abcdef");
    assert_eq!(get(&get(&org, "future_field"), "kept"), JsValue::TRUE);
    let calls = items(&get(&double, "calls"));
    assert_eq!(calls.len(), cases.len() + 4);
    assert_eq!(double.unchecked_call("remaining").as_f64(), Some(0.0));

    // Every request went to baseUrl, as a Request with redirects not followed, without `this`.
    for call in &calls {
        assert_eq!(
            get(call, "thisIsUndefined"),
            JsValue::TRUE,
            "{}",
            dump(call)
        );
        assert_eq!(get(call, "isRequest"), JsValue::TRUE);
        assert_eq!(text(call, "redirect"), "manual");
        assert!(text(call, "url").starts_with(OFFLINE_URL), "{}", dump(call));
        assert_eq!(
            text(&get(call, "headers"), "authorization"),
            format!("Bearer {OFFLINE_TOKEN}")
        );
    }
    // The credential is in none of those errors, nor in what the hooks saw.
    for error in &errors {
        for shown in items(&error_texts(error)) {
            let shown = shown.as_string().unwrap();
            assert!(!shown.contains(OFFLINE_TOKEN), "the token shows in {shown}");
        }
    }
    let seen = dump(&get(&hooks, "infos"));
    assert!(
        seen.contains("***") && !seen.contains(OFFLINE_TOKEN),
        "{seen}"
    );
    assert_eq!(items(&get(&hooks, "requests")).len(), calls.len());
}

#[wasm_bindgen_test]
async fn a_repeated_page_token_ends_the_listing_with_an_invalid_response() {
    let page = |ids: &[&str], token: &str| {
        let result: Vec<String> = ids
            .iter()
            .map(|id| format!(r#"{{"id":"{id}","name":"n{id}"}}"#))
            .collect();
        step(
            200,
            &format!(
                r#"{{"success":true,"errors":[],"messages":[],"result":[{}],"result_info":{{"next_page_token":"{token}"}}}}"#,
                result.join(",")
            ),
        )
        .js()
    };
    let double = scripted_fetch(&array(&[
        page(&["a"], "t1"),
        page(&["b"], "t2"),
        page(&["c"], "t1"),
        page(&["d"], ""),
    ]));
    let orgs = client(offline_options(&double)).organizations();
    let error = reject(orgs.list_all(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    expect_class::<InvalidResponseError>(&error, "InvalidResponseError");
    assert_eq!(num(&error, "status"), 200.0);
    assert!(
        text(&error, "message").contains("page token"),
        "{}",
        dump(&error)
    );
    let urls: Vec<String> = items(&get(&double, "calls"))
        .iter()
        .map(|c| text(c, "url"))
        .collect();
    assert_eq!(urls.len(), 3);
    assert!(
        urls[1].ends_with("/organizations?page_token=t1"),
        "{urls:?}"
    );
    assert!(
        urls[2].ends_with("/organizations?page_token=t2"),
        "{urls:?}"
    );

    // An empty token ends a listing.
    let double = scripted_fetch(&array(&[page(&["a"], "t1"), page(&["b"], "")]));
    let orgs = client(offline_options(&double)).organizations();
    let all = resolve(orgs.list_all(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    assert_eq!(texts(&all, "id"), ["a", "b"]);
}

#[wasm_bindgen_test]
async fn the_fetch_option_is_used_instead_of_the_global_one_without_a_this() {
    let double = scripted_fetch(&array(&[step(200, &envelope(ORG)).js()]));
    // The global fetch, replaced for this test by a second double that records its `this`.
    let global = scripted_fetch(&array(&[step(200, &envelope(ORG)).js()]));
    let spy = spy_on_global_fetch(&get(&global, "fetch"));
    let with_option = client(offline_options(&double)).organizations();
    let result = JsFuture::from(with_option.get("abc".into(), JsValue::UNDEFINED)).await;
    let global_calls_with_option = num(&spy, "count");
    // Without the option the global fetch is used.
    let plain = client(
        Obj::new()
            .set("baseUrl", OFFLINE_URL)
            .set("apiToken", OFFLINE_TOKEN),
    )
    .organizations();
    let global_result = JsFuture::from(plain.get("abc".into(), JsValue::UNDEFINED)).await;
    let global_calls_without = num(&spy, "count");
    spy.unchecked_call("restore");

    let org = result.unwrap_or_else(|e| panic!("{}", dump(&e)));
    assert_eq!(text(&org, "name"), "Scripted");
    assert_eq!(global_calls_with_option, 0.0);
    let calls = items(&get(&double, "calls"));
    assert_eq!(calls.len(), 1);
    assert_eq!(get(&calls[0], "thisIsUndefined"), JsValue::TRUE);
    assert!(get(&calls[0], "thisValue").is_undefined());
    assert_eq!(text(&calls[0], "method"), "GET");
    assert_eq!(
        text(&calls[0], "url"),
        format!("{OFFLINE_URL}/organizations/abc")
    );
    let org = global_result.unwrap_or_else(|e| panic!("{}", dump(&e)));
    assert_eq!(text(&org, "name"), "Scripted");
    assert_eq!(global_calls_without, 1.0);
    assert_eq!(calls_of(&global), 1);
}

/// A method hands its request to `fetch` before it returns, as an async JS function runs to its
/// first `await`; and a `fetch` that calls the same client again from there is served as well.
#[wasm_bindgen_test]
async fn the_request_reaches_fetch_within_the_call_even_from_inside_fetch() {
    let ok = || step(200, &envelope(ORG)).js();
    let double = scripted_fetch(&array(&[ok(), ok()]));
    let reentrant = reentrant_fetch(&double);
    let cf = client(
        Obj::new()
            .set("baseUrl", OFFLINE_URL)
            .set("apiToken", OFFLINE_TOKEN)
            .set("fetch", get(&reentrant, "fetch")),
    );
    js_sys::Reflect::set(
        &reentrant,
        &"organizations".into(),
        &cf.organizations().into(),
    )
    .unwrap();
    let outer = cf.organizations().get("outer".into(), JsValue::UNDEFINED);
    // Both handed over already: the call's own request, and the one its `fetch` made.
    let urls = || texts(&get(&double, "calls"), "url");
    assert_eq!(
        urls(),
        [
            format!("{OFFLINE_URL}/organizations/outer"),
            format!("{OFFLINE_URL}/organizations/nested"),
        ]
    );
    assert_eq!(text(&resolve(outer).await, "name"), "Scripted");
    let nested = get(&reentrant, "nested").unchecked_into::<Promise>();
    assert_eq!(text(&resolve(nested).await, "name"), "Scripted");
    assert_eq!(urls().len(), 2);
}

/// Calls a method of a JS object that takes no arguments.
trait CallMethod {
    fn unchecked_call(&self, method: &str) -> JsValue;
}

impl CallMethod for JsValue {
    fn unchecked_call(&self, method: &str) -> JsValue {
        let function: js_sys::Function = get(self, method).unchecked_into();
        function.apply(self, &Array::new()).unwrap()
    }
}

/// A member set to `undefined` is absent, as `JSON.stringify` and `Object.keys`-then-read agree:
/// a body's optional `parent` and `profile` are neither refused nor sent, and a call's header
/// set to `undefined` is not sent, where the one beside it is.
#[wasm_bindgen_test]
async fn members_set_to_undefined_are_absent() {
    let double = scripted_fetch(&array(&[step(200, &envelope(ORG)).js()]));
    let orgs = client(offline_options(&double)).organizations();
    let body = Obj::new()
        .set("name", "Scripted")
        .set("parent", JsValue::UNDEFINED)
        .set("profile", JsValue::UNDEFINED)
        .js();
    let options = Obj::new()
        .set(
            "headers",
            Obj::new()
                .set("x-kept", "1")
                .set("x-gone", JsValue::UNDEFINED)
                .js(),
        )
        .js();
    let org = resolve(orgs.create(body, options)).await;
    assert_eq!(text(&org, "name"), "Scripted");
    let calls = items(&get(&double, "calls"));
    assert_eq!(calls.len(), 1);
    let headers = get(&calls[0], "headers");
    assert_eq!(text(&headers, "x-kept"), "1", "{}", dump(&headers));
    assert!(!has(&headers, "x-gone"), "{}", dump(&headers));
    let sent = JsFuture::from(get(&calls[0], "bodyText").unchecked_into::<Promise>())
        .await
        .unwrap();
    assert_eq!(sent.as_string().as_deref(), Some(r#"{"name":"Scripted"}"#));
}
