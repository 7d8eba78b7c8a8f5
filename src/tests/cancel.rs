//! Cancellation through the caller's `AbortSignal`: before sending, in flight, and during a
//! retry wait. The margins are generous (a loaded 2-core machine), but far below the delays
//! and waits that a missed abort would sit through.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::AbortController;

use super::support::*;

fn with_signal(options: Obj, controller: &AbortController) -> JsValue {
    options.set("signal", controller.signal()).js()
}

#[wasm_bindgen_test]
async fn an_already_aborted_signal_sends_nothing() {
    let double = refusing_fetch();
    let orgs = client(offline_options(&double)).organizations();
    let controller = AbortController::new().unwrap();
    controller.abort();
    let options = || with_signal(Obj::new(), &controller);
    let id = || JsValue::from("abc");
    let (names, promises): (Vec<_>, Vec<_>) = [
        ("get", orgs.get(id(), options())),
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
            orgs.list_all_accounts(id(), JsValue::UNDEFINED, options()),
        ),
        (
            "updateProfile",
            orgs.update_profile(id(), profile("abort").js(), options()),
        ),
        ("delete", orgs.delete(id(), options())),
    ]
    .into_iter()
    .unzip();
    for (what, error) in names.into_iter().zip(rejections(promises).await) {
        expect_class::<UserAbortError>(&error, "UserAbortError");
        assert!(!text(&error, "message").is_empty(), "{what}");
    }
    assert_eq!(calls_of(&double), 0);
    // The same client with a signal not aborted does reach the double.
    let live = AbortController::new().unwrap();
    let error = reject(orgs.get(id(), with_signal(Obj::new().set("maxRetries", 0), &live))).await;
    expect_class::<ConnectionError>(&error, "ConnectionError");
    assert_eq!(calls_of(&double), 1);
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn an_abort_in_flight_rejects_at_once_and_sends_nothing_more() {
    let seed = seed_ids().await;
    let globex = || JsValue::from(seed.globex.as_str());
    let counter = counting_fetch();
    let orgs = client(token_options().set("fetch", get(&counter, "fetch"))).organizations();
    let controller = AbortController::new().unwrap();
    let mark = log_mark().await;
    let started = now();
    // Aborted once the request has been handed to fetch; the emulator holds it for 1.5 s.
    let abort = abort_after_fetch(&controller, &counter, 100.0);
    let error = reject(orgs.get(globex(), with_signal(fault("delay=1500"), &controller))).await;
    let settled = now();
    expect_class::<UserAbortError>(&error, "UserAbortError");
    let aborted_at = num(&abort, "at");
    assert!(aborted_at > 0.0, "the abort had not fired yet");
    assert!(
        settled - aborted_at < 1000.0,
        "settled {} ms after the abort",
        settled - aborted_at
    );
    assert!(settled - started < 1500.0, "took {} ms", settled - started);
    // The request was in flight: the emulator logs it when its delay ends, 1.5 s after it was
    // sent, later than a retry would have been sent (a backoff of at most 500 ms): exactly one.
    let delayed = |log: &[Logged]| {
        log.iter()
            .filter(|r| r.fault.as_deref() == Some("delay=1500"))
            .count()
    };
    let log = log_until(mark, 5000.0, |log| delayed(log) > 0).await;
    assert_eq!(delayed(&log), 1, "{log:?}");
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(num(&counter, "count"), 1.0);
    // The same client serves the next call.
    let org = resolve(orgs.get(globex(), JsValue::UNDEFINED)).await;
    assert_eq!(text(&org, "id"), seed.globex);
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn an_abort_during_a_retry_wait_rejects_at_once() {
    let seed = seed_ids().await;
    let globex = || JsValue::from(seed.globex.as_str());
    const WAIT: &str = "status=503; retry-after-ms=800";
    // The positive case first: without an abort, the retry arrives after the 800 ms asked.
    let plain = orgs();
    let mark = log_mark().await;
    let started = now();
    reject(plain.get(globex(), fault(WAIT).set("maxRetries", 1).js())).await;
    let log = log_until(mark, 5000.0, |log| log.len() >= 2).await;
    assert_eq!(log.len(), 2, "{log:?}");
    let retried_after = since(started);
    assert!(retried_after >= 800.0, "retried after {retried_after} ms");

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
    // The abort lands 50 ms into the wait.
    let error = reject(orgs.get(
        globex(),
        with_signal(fault(WAIT).set("maxRetries", 1), &controller),
    ))
    .await;
    let settled = now();
    expect_class::<UserAbortError>(&error, "UserAbortError");
    let aborted_at = num(&abort, "at");
    assert!(aborted_at > 0.0);
    assert!(
        settled - aborted_at < 500.0,
        "settled {} ms after the abort",
        settled - aborted_at
    );
    assert_eq!(num(&abort, "responses"), 1.0);
    assert_eq!(num(&counter, "count"), 1.0);
    // Over as long as the retry took above, and more, it never arrives.
    let log = log_stays_within(mark, 1, retried_after + 700.0 - since(started)).await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].status, Some(503));
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

/// Attempts and waits report back by id (src/transport.rs): ten calls in flight at once, answered
/// in the reverse order, each get their own answer, and once calls are done, whether answered,
/// retried, given up on, or aborted during a wait or just before it, none is left waiting.
#[wasm_bindgen_test]
async fn every_attempt_and_wait_settles_for_its_own_call() {
    let org = |n: usize| format!(r#"{{"id":"org{n}","name":"Org {n}"}}"#);
    let busy = || {
        step(
            503,
            r#"{"success":false,"errors":[],"messages":[],"result":null}"#,
        )
        .set("headers", Obj::new().set("retry-after-ms", "20").js())
        .js()
    };
    let mut steps: Vec<JsValue> = (0..10)
        .map(|n| {
            let delay = (10 - n) * 10;
            step(200, &envelope(&org(n)))
                .set("delay", delay as f64)
                .js()
        })
        .collect();
    // A get answered after two retries, one that gives up after one, one aborted while waiting
    // and one aborted just before.
    steps.extend([busy(), busy(), step(200, &envelope(&org(10))).js()]);
    steps.extend([busy(), busy()]);
    let long_wait = || {
        step(503, "{}")
            .set("headers", Obj::new().set("retry-after-ms", "5000").js())
            .js()
    };
    steps.extend([long_wait(), long_wait()]);
    let double = scripted_fetch(&array(&steps));
    let orgs = client(offline_options(&double)).organizations();

    let calls: Vec<_> = (0..10)
        .map(|n| orgs.get(format!("org{n}").into(), JsValue::UNDEFINED))
        .collect();
    for (n, call) in calls.into_iter().enumerate() {
        assert_eq!(text(&resolve(call).await, "id"), format!("org{n}"));
    }
    let retried = Obj::new().set("maxRetries", 2).js();
    let org = resolve(orgs.get("org10".into(), retried)).await;
    assert_eq!(text(&org, "id"), "org10");
    let given_up = Obj::new().set("maxRetries", 1).js();
    let error = reject(orgs.get("org11".into(), given_up)).await;
    expect_class::<InternalServerError>(&error, "InternalServerError");
    let controller = AbortController::new().unwrap();
    abort_later(&controller, 30.0);
    let waiting = with_signal(Obj::new().set("maxRetries", 1), &controller);
    let error = reject(orgs.get("org12".into(), waiting)).await;
    expect_class::<UserAbortError>(&error, "UserAbortError");

    // Aborted by an `onResponse` hook, after the 503 and before the wait starts: the wait fails at
    // once, without a timer.
    let controller = AbortController::new().unwrap();
    let hook = abort_in_hook(&controller);
    let aborting = client(offline_options(&double).set("onResponse", get(&hook, "hook")));
    let waiting = with_signal(Obj::new().set("maxRetries", 1), &controller);
    let started = now();
    let error = reject(aborting.organizations().get("org13".into(), waiting)).await;
    expect_class::<UserAbortError>(&error, "UserAbortError");
    assert!(since(started) < 1000.0, "took {} ms", since(started));

    assert_eq!(calls_of(&double), 17);
    // Over every test of this instance so far: wasm-bindgen-test runs them one at a time.
    assert_eq!(crate::transport::unsettled(), 0);
}

/// Attempts that start in the same task with the same timeout and signal share one deadline
/// (`js/values.js`): one controller and one timer. Each call still keeps its own: one answered
/// early leaves the others' timer armed, a longer timeout is not cut short by a shorter one, none
/// times out early, and an abort reaches only the calls given that signal.
#[wasm_bindgen_test]
async fn calls_started_together_keep_their_own_timeouts_and_signals() {
    let org = |n: usize| envelope(&format!(r#"{{"id":"org{n}","name":"Org {n}"}}"#));
    let late = |n: usize| step(200, &org(n)).set("delay", 400).js();
    let double = scripted_fetch(&array(&[
        late(0),
        step(200, &org(1)).js(),
        late(2),
        late(3),
        late(4),
    ]));
    let orgs = client(offline_options(&double)).organizations();
    let options = |timeout_ms: u32| Obj::new().set("timeoutMs", timeout_ms).set("maxRetries", 0);
    let controller = AbortController::new().unwrap();
    abort_later(&controller, 30.0);
    let started = now();
    let counted = count_timers();
    let aborted = orgs.get("org0".into(), with_signal(options(100), &controller));
    let answered = orgs.get("org1".into(), options(100).js());
    let timed_out = orgs.get("org2".into(), options(100).js());
    let also_timed_out = orgs.get("org3".into(), options(100).js());
    let patient = orgs.get("org4".into(), options(2000).js());
    let timers = resolve(counted.call0(&JsValue::NULL).unwrap().unchecked_into()).await;
    // One deadline for the call with that signal, one for the next three, one for 2000 ms.
    assert_eq!(num(&timers, "100"), 2.0, "{}", dump(&timers));
    assert_eq!(num(&timers, "2000"), 1.0, "{}", dump(&timers));

    assert_eq!(text(&resolve(answered).await, "id"), "org1");
    let error = reject(aborted).await;
    expect_class::<UserAbortError>(&error, "UserAbortError");
    for call in [timed_out, also_timed_out] {
        let error = reject(call).await;
        expect_class::<ConnectionTimeoutError>(&error, "ConnectionTimeoutError");
        assert_eq!(num(&error, "timeoutMs"), 100.0);
    }
    assert!(
        (99.0..350.0).contains(&since(started)),
        "took {} ms",
        since(started)
    );
    assert_eq!(text(&resolve(patient).await, "id"), "org4");
    assert!(since(started) >= 390.0, "took {} ms", since(started));
    assert_eq!(calls_of(&double), 5);
    assert_eq!(crate::transport::unsettled(), 0);
}
