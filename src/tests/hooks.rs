//! `onRequest` / `onResponse`: called for every attempt, with credentials shown as `***`;
//! and no credential anywhere a user could see one.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use super::methods::is_ray_id;
use super::support::*;

/// The recorded `(kind, info)` pairs from index `from` on.
fn recorded(recorder: &JsValue, from: usize) -> Vec<(String, JsValue)> {
    items(&get(recorder, "infos"))[from..]
        .iter()
        .map(|entry| (text(entry, "kind"), get(entry, "info")))
        .collect()
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn hooks_see_every_attempt_with_credentials_hidden() {
    let seed = seed_ids().await;
    let e = emulator();
    let recorder = hook_recorder();
    let cf = client(
        token_options()
            .set("apiEmail", e.email)
            .set("apiKey", e.key)
            .set("userServiceKey", e.service_key)
            .set("headers", Obj::new().set("x-client", "wasm-tests").js())
            .set("onRequest", get(&recorder, "onRequest"))
            .set("onResponse", get(&recorder, "onResponse")),
    );
    let orgs = cf.organizations();
    let url = format!("{}/organizations/{}", e.url, seed.globex.as_str());
    let mut errors = Vec::new();

    // Three attempts of a GET answered 503.
    let error = reject(orgs.get(
        seed.globex.as_str().into(),
        fault("status=503; retry-after-ms=1").js(),
    ))
    .await;
    let infos = recorded(&recorder, 0);
    let kinds: Vec<&str> = infos.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        kinds,
        ["request", "response", "request", "response", "request", "response"]
    );
    let mut rays = Vec::new();
    for (i, (kind, info)) in infos.iter().enumerate() {
        let attempt = (i / 2 + 1) as f64;
        assert_eq!(num(info, "attempt"), attempt, "{kind} {}", dump(info));
        assert_eq!(text(info, "method"), "GET");
        assert_eq!(text(info, "url"), url);
        let headers = get(info, "headers");
        for credential in [
            "authorization",
            "x-auth-email",
            "x-auth-key",
            "x-auth-user-service-key",
        ] {
            assert_eq!(text(&headers, credential), "***", "{}", dump(&headers));
        }
        assert_eq!(text(&headers, "accept"), "application/json");
        assert_eq!(text(&headers, "x-client"), "wasm-tests");
        assert_eq!(
            text(&headers, "cf-emulator-fault"),
            "status=503; retry-after-ms=1"
        );
        if kind == "response" {
            assert_eq!(num(info, "status"), 503.0);
            let ray = text(info, "rayId");
            assert!(is_ray_id(&ray), "{ray}");
            rays.push(ray);
            assert!(num(info, "durationMs") >= 0.0);
            assert_eq!(items(&get(info, "messages")).len(), 0);
        } else {
            assert!(
                !has(info, "status") && !has(info, "rayId"),
                "{}",
                dump(info)
            );
        }
    }
    rays.dedup();
    assert_eq!(rays.len(), 3, "each attempt has its own ray id");
    assert_eq!(text(&error, "rayId"), rays[2]);
    errors.push(error);

    // A success: one request, one response with its status and ray id.
    resolve(orgs.get(seed.globex.as_str().into(), JsValue::UNDEFINED)).await;
    let infos = recorded(&recorder, 6);
    assert_eq!(infos.len(), 2);
    assert_eq!(num(&infos[0].1, "attempt"), 1.0);
    assert_eq!(num(&infos[1].1, "status"), 200.0);
    assert!(is_ray_id(&text(&infos[1].1, "rayId")));

    // An error status is reported to onResponse too; a POST shows its method.
    let error =
        reject(orgs.create(Obj::new().set("name", "x").js(), fault("status=404").js())).await;
    let infos = recorded(&recorder, 8);
    assert_eq!(infos.len(), 2);
    assert_eq!(text(&infos[1].1, "method"), "POST");
    assert_eq!(num(&infos[1].1, "status"), 404.0);
    assert_eq!(text(&error, "rayId"), text(&infos[1].1, "rayId"));
    errors.push(error);

    // A connection that fails has a request and no response; a ValidationError neither.
    let error = reject(orgs.get(
        seed.globex.as_str().into(),
        fault("close").set("maxRetries", 0).js(),
    ))
    .await;
    errors.push(error);
    let infos = recorded(&recorder, 10);
    assert_eq!(infos.len(), 1);
    assert_eq!(infos[0].0, "request");
    errors.push(reject(orgs.get("..".into(), JsValue::UNDEFINED)).await);
    assert_eq!(recorded(&recorder, 11).len(), 0);
    let mark = log_mark().await;
    errors.push(
        reject(
            orgs.get(
                seed.globex.as_str().into(),
                fault("delay=600")
                    .set("timeoutMs", 100)
                    .set("maxRetries", 0)
                    .js(),
            ),
        )
        .await,
    );
    // The emulator logs a delayed request when its delay ends: let that happen in this test.
    log_until(mark, 5000.0, |log| !log.is_empty()).await;
    errors.push(
        reject(orgs.get(
            seed.globex.as_str().into(),
            fault("html=502").set("maxRetries", 0).js(),
        ))
        .await,
    );

    // No credential in what the hooks saw, in any error, or in the client's string.
    let mut seen = vec![dump(&get(&recorder, "infos"))];
    for error in &errors {
        seen.extend(
            items(&error_texts(error))
                .iter()
                .map(|t| t.as_string().unwrap()),
        );
    }
    let describe = cf.describe();
    assert_eq!(
        describe,
        format!(
            "Cloudflare {{ baseUrl: {}, apiToken: ***, apiEmail: ***, apiKey: ***, userServiceKey: *** }}",
            e.url
        )
    );
    seen.push(describe);
    seen.extend(
        items(&error_texts(&JsValue::from(cf)))
            .iter()
            .map(|t| t.as_string().unwrap()),
    );
    for text in &seen {
        for secret in [e.token, e.email, e.key, e.service_key] {
            assert!(!text.contains(secret), "{secret} shows in {text}");
        }
    }
}

#[wasm_bindgen_test]
async fn a_throwing_hook_does_not_break_the_call() {
    let envelope = |success: bool, result: &str, errors: &str| {
        format!(r#"{{"success":{success},"errors":[{errors}],"messages":[],"result":{result}}}"#)
    };
    let double = scripted_fetch(&array(&[
        Obj::new()
            .set("status", 200)
            .set("body", envelope(true, r#"{"id":"abc","name":"A"}"#, ""))
            .js(),
        Obj::new()
            .set("status", 404)
            .set(
                "body",
                envelope(false, "null", r#"{"code":1003,"message":"Not found"}"#),
            )
            .js(),
    ]));
    let orgs = client(
        offline_options(&double)
            .set("onRequest", throwing_hook())
            .set("onResponse", throwing_hook()),
    )
    .organizations();
    let org = resolve(orgs.get("abc".into(), JsValue::UNDEFINED)).await;
    assert_eq!(text(&org, "id"), "abc");
    let error = reject(orgs.get("abc".into(), JsValue::UNDEFINED)).await;
    expect_class::<NotFoundError>(&error, "NotFoundError");
    assert_eq!(calls_of(&double), 2);
}

/// What a hook throws, and a failure whose cause is not an object (a `fetch` that resolved to
/// something else), are caught in JS: no JS value is left held by the wasm after them. Through
/// wasm-bindgen's `catch` imports, each such exception kept one.
#[wasm_bindgen_test]
async fn throwing_hooks_and_odd_failures_leave_no_value_held() {
    const ROUNDS: usize = 6;
    let mut steps = Vec::new();
    for _ in 0..ROUNDS {
        steps.push(step(200, &envelope(r#"{"id":"abc","name":"A"}"#)).js());
        steps.push(Obj::new().set("raw", 5).js());
    }
    let double = scripted_fetch(&array(&steps));
    let orgs = client(
        offline_options(&double)
            .set("onRequest", throwing_hook())
            .set("onResponse", throwing_hook())
            .set("maxRetries", 0),
    )
    .organizations();
    let mut live = Vec::new();
    for _ in 0..ROUNDS {
        let org = resolve(orgs.get("abc".into(), JsValue::UNDEFINED)).await;
        assert_eq!(text(&org, "id"), "abc");
        let error = reject(orgs.get("abc".into(), JsValue::UNDEFINED)).await;
        expect_class::<ConnectionError>(&error, "ConnectionError");
        drop((org, error));
        live.push(wasm_bindgen::externref_heap_live_count());
    }
    // The first round fills what is made once (the cached keys); after it, nothing grows.
    assert!(live[1..].iter().all(|&n| n == live[1]), "{live:?}");
    assert_eq!(calls_of(&double), 2 * ROUNDS);
}
