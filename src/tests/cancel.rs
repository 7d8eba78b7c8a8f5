//! Cancellation through the caller's `AbortSignal`: before sending, in flight, and during a
//! retry wait. The margins are generous (a loaded 2-core machine), but far below the delays
//! and waits that a missed abort would sit through.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::AbortController;

use super::support::*;

fn with_signal(options: Obj, controller: &AbortController) -> JsValue {
    options.set("signal", controller.signal()).js()
}

#[wasm_bindgen_test]
async fn an_already_aborted_signal_sends_nothing() {
    let counter = counting_fetch();
    let orgs = client(token_options().set("fetch", get(&counter, "fetch"))).organizations();
    let controller = AbortController::new().unwrap();
    controller.abort();
    let options = || with_signal(Obj::new(), &controller);
    let mark = log_mark().await;
    let globex = || JsValue::from(seed::GLOBEX);
    let (names, promises): (Vec<_>, Vec<_>) = [
        ("get", orgs.get(globex(), options())),
        (
            "create",
            orgs.create(Obj::new().set("name", "never").js(), options()),
        ),
        ("list", orgs.list(JsValue::UNDEFINED, options())),
        ("listAll", orgs.list_all(JsValue::UNDEFINED, options())),
        (
            "iterate",
            collect(
                &orgs.iterate(JsValue::UNDEFINED, options()),
                JsValue::UNDEFINED,
            ),
        ),
        (
            "listAllAccounts",
            orgs.list_all_accounts(seed::ACME_AMERICAS.into(), JsValue::UNDEFINED, options()),
        ),
        (
            "updateProfile",
            orgs.update_profile(globex(), profile("abort").js(), options()),
        ),
        ("delete", orgs.delete(globex(), options())),
    ]
    .into_iter()
    .unzip();
    for (what, error) in names.into_iter().zip(rejections(promises).await) {
        expect_class::<UserAbortError>(&error, "UserAbortError");
        assert!(!text(&error, "message").is_empty(), "{what}");
    }
    assert_eq!(num(&counter, "count"), 0.0);
    assert_eq!(log_since(mark).await.len(), 0);
}

#[wasm_bindgen_test]
async fn an_abort_in_flight_rejects_at_once_and_sends_nothing_more() {
    let counter = counting_fetch();
    let orgs = client(token_options().set("fetch", get(&counter, "fetch"))).organizations();
    let controller = AbortController::new().unwrap();
    let mark = log_mark().await;
    let started = now();
    let abort = abort_later(&controller, 200.0);
    let error = reject(orgs.get(
        seed::GLOBEX.into(),
        with_signal(fault("delay=4000"), &controller),
    ))
    .await;
    let settled = now();
    expect_class::<UserAbortError>(&error, "UserAbortError");
    let aborted_at = num(&abort, "at");
    assert!(aborted_at > 0.0, "the abort had not fired yet");
    assert!(
        settled - aborted_at < 1000.0,
        "settled {} ms after the abort",
        settled - aborted_at
    );
    assert!(settled - started < 2500.0, "took {} ms", settled - started);
    assert_eq!(num(&counter, "count"), 1.0);
    // A retry would follow the ~500 ms backoff: none comes.
    wait(1200.0).await;
    assert_eq!(num(&counter, "count"), 1.0);
    // The same client serves the next call.
    let org = resolve(orgs.get(seed::GLOBEX.into(), JsValue::UNDEFINED)).await;
    assert_eq!(text(&org, "id"), seed::GLOBEX);
    // The emulator logs the delayed request once its delay is over: exactly one of it.
    let remaining = 4600.0 - since(started);
    if remaining > 0.0 {
        wait(remaining).await;
    }
    let delayed = log_since(mark)
        .await
        .into_iter()
        .filter(|r| r.fault.as_deref() == Some("delay=4000"))
        .count();
    assert_eq!(delayed, 1);
}

#[wasm_bindgen_test]
async fn an_abort_during_a_retry_wait_rejects_at_once() {
    let counter = counting_fetch();
    let controller = AbortController::new().unwrap();
    let abort = abort_after_first_response(&controller, 50.0);
    let orgs = client(
        token_options()
            .set("fetch", get(&counter, "fetch"))
            .set("onResponse", get(&abort, "hook")),
    )
    .organizations();
    let mark = log_mark().await;
    let started = now();
    // The server asks for a 10 s wait before the retry; the abort lands 50 ms into it.
    let error = reject(orgs.get(
        seed::GLOBEX.into(),
        with_signal(fault("status=503; retry-after=10"), &controller),
    ))
    .await;
    let settled = now();
    expect_class::<UserAbortError>(&error, "UserAbortError");
    let aborted_at = num(&abort, "at");
    assert!(aborted_at > 0.0);
    assert!(
        settled - aborted_at < 1000.0,
        "settled {} ms after the abort",
        settled - aborted_at
    );
    assert!(settled - started < 5000.0, "took {} ms", settled - started);
    assert_eq!(num(&abort, "responses"), 1.0);
    assert_eq!(num(&counter, "count"), 1.0);
    let log = log_since(mark).await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].status, Some(503));
    wait(300.0).await;
    assert_eq!(num(&counter, "count"), 1.0);

    // The same during the client's own backoff on a broken connection, for a listing.
    let controller = AbortController::new().unwrap();
    let abort = abort_later(&controller, 250.0);
    let started = now();
    let error = reject(orgs.list_all(
        JsValue::UNDEFINED,
        with_signal(fault("close").set("maxRetries", 5), &controller),
    ))
    .await;
    expect_class::<UserAbortError>(&error, "UserAbortError");
    // Attempt 1 fails at once, then a 375-500 ms backoff, aborted at 250 ms.
    assert!(num(&abort, "at") > 0.0);
    assert!(since(started) < 2000.0);
    assert_eq!(num(&counter, "count"), 2.0);
}
