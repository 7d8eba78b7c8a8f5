//! The `Call` state machine end to end: attempts, retries and waits as the binding sees them,
//! the POST rule, per-call overrides, and the errors a call ends with.

mod common;

use cloudflare_organizations_core::endpoint::{self, Method};
use cloudflare_organizations_core::{
    ApiError, Call, CallOptions, Config, Error, Outcome, ResponseHead, Step,
};
use common::{call_options, config, endpoint, envelope, error_envelope, head, organization};
use serde_json::{json, Value};

/// What the transport hands the call: a response (status, body) or a failure.
enum Attempt {
    Response(u16, String),
    ResponseWait(u16, u64, String),
    Fails(Error),
    ConnectionFails,
    TimesOut,
}

/// Runs `call` over `attempts` like the binding would; returns the waits taken and the end.
fn drive(call: &mut Call, attempts: Vec<Attempt>) -> (Vec<u64>, Result<Outcome<Value>, Error>) {
    let mut waits = Vec::new();
    for (i, attempt) in attempts.into_iter().enumerate() {
        assert_eq!(call.begin_attempt(), i as u32 + 1);
        let step: Step<Value> = match attempt {
            Attempt::Response(status, body) => call.finish(Ok((head(status), body.as_str())), 0.0),
            Attempt::ResponseWait(status, ms, body) => {
                let h = ResponseHead {
                    status,
                    ray_id: None,
                    retry_after_ms: Some(ms),
                };
                call.finish(Ok((h, body.as_str())), 0.0)
            }
            Attempt::Fails(e) => call.finish::<str>(Err(e), 0.0),
            Attempt::ConnectionFails => {
                let e = call.connection_error("connect ECONNREFUSED");
                call.finish::<str>(Err(e), 0.0)
            }
            Attempt::TimesOut => {
                let e = call.timeout_error();
                call.finish::<str>(Err(e), 0.0)
            }
        };
        match step {
            Step::Retry { wait_ms } => waits.push(wait_ms),
            Step::Done(result) => return (waits, result),
        }
    }
    panic!("the call wanted more attempts than scripted (waits so far: {waits:?})");
}

fn get_call(c: &Config, o: &CallOptions) -> Call {
    Call::new(c, o, &endpoint(endpoint::GET, Some("o1"), "", None))
}

fn create_call(c: &Config) -> Call {
    Call::new(
        c,
        &CallOptions::default(),
        &endpoint(endpoint::CREATE, None, "", Some(r#"{"name":"A"}"#)),
    )
}

fn unavailable() -> Attempt {
    Attempt::Response(503, error_envelope(10000, "temporarily unavailable"))
}

fn ok_org() -> Attempt {
    Attempt::Response(200, envelope(organization("o1")))
}

fn status_of(result: &Result<Outcome<Value>, Error>) -> u16 {
    match result {
        Err(Error::Api(api)) => api.status,
        other => panic!("expected an ApiError, got {other:?}"),
    }
}

#[test]
fn get_503_503_200_retries_twice_then_succeeds() {
    let c = config(json!({ "apiToken": "t" }));
    let mut call = get_call(&c, &CallOptions::default());
    let (waits, result) = drive(&mut call, vec![unavailable(), unavailable(), ok_org()]);
    assert_eq!(waits, vec![500, 1000]);
    assert_eq!(result.unwrap(), Outcome::Value(organization("o1")));
}

#[test]
fn get_gives_up_after_max_retries() {
    let c = config(json!({}));
    let mut call = get_call(&c, &CallOptions::default());
    let (waits, result) = drive(&mut call, vec![unavailable(), unavailable(), unavailable()]);
    assert_eq!(waits, vec![500, 1000]);
    assert_eq!(status_of(&result), 503);
    assert_eq!(result.unwrap_err().class_name(), "InternalServerError");
}

#[test]
fn max_retries_0_turns_retries_off_and_call_options_override_the_client() {
    let c = config(json!({ "maxRetries": 0 }));
    let (waits, result) = drive(
        &mut get_call(&c, &CallOptions::default()),
        vec![unavailable()],
    );
    assert_eq!((waits, status_of(&result)), (vec![], 503));

    let c = config(json!({ "maxRetries": 5 }));
    let o = call_options(json!({ "maxRetries": 0 }), false);
    let (waits, result) = drive(&mut get_call(&c, &o), vec![unavailable()]);
    assert_eq!((waits, status_of(&result)), (vec![], 503));

    let c = config(json!({ "maxRetries": 0 }));
    let o = call_options(json!({ "maxRetries": 4 }), false);
    let attempts = vec![
        unavailable(),
        unavailable(),
        unavailable(),
        unavailable(),
        ok_org(),
    ];
    let (waits, result) = drive(&mut get_call(&c, &o), attempts);
    assert_eq!(waits, vec![500, 1000, 2000, 4000]);
    assert!(result.is_ok());
}

#[test]
fn post_503_is_done_at_once() {
    let c = config(json!({ "maxRetries": 5 }));
    let (waits, result) = drive(&mut create_call(&c), vec![unavailable()]);
    assert!(waits.is_empty());
    assert_eq!(status_of(&result), 503);
    let Err(Error::Api(api)) = result else {
        unreachable!()
    };
    assert_eq!(api.method, Method::Post);
    assert_eq!(api.path, "/organizations");
}

#[test]
fn post_is_never_retried_after_a_timeout_or_a_connection_failure() {
    let c = config(json!({}));
    let (waits, result) = drive(&mut create_call(&c), vec![Attempt::TimesOut]);
    assert!(waits.is_empty());
    assert_eq!(result.unwrap_err().class_name(), "ConnectionTimeoutError");
    let (waits, result) = drive(&mut create_call(&c), vec![Attempt::ConnectionFails]);
    assert!(waits.is_empty());
    assert_eq!(result.unwrap_err().class_name(), "ConnectionError");
}

#[test]
fn post_429_is_retried_with_the_servers_wait() {
    let c = config(json!({}));
    let attempts = vec![
        Attempt::ResponseWait(429, 1200, error_envelope(971, "rate limited")),
        Attempt::Response(429, error_envelope(971, "rate limited")),
        ok_org(),
    ];
    let (waits, result) = drive(&mut create_call(&c), attempts);
    assert_eq!(waits, vec![1200, 1000]);
    assert_eq!(result.unwrap(), Outcome::Value(organization("o1")));
}

#[test]
fn a_wait_over_60_s_is_not_taken() {
    let c = config(json!({}));
    let attempts = vec![Attempt::ResponseWait(
        429,
        90_000,
        error_envelope(971, "slow down"),
    )];
    let (waits, result) = drive(&mut get_call(&c, &CallOptions::default()), attempts);
    assert!(waits.is_empty());
    let Err(Error::Api(api)) = result else {
        panic!("{result:?}")
    };
    assert_eq!(api.status, 429);
    assert_eq!(api.retry_after_ms, Some(90_000));
}

#[test]
fn connection_failures_and_timeouts_of_a_get_are_retried() {
    let c = config(json!({ "timeoutMs": 250 }));
    let mut call = get_call(&c, &CallOptions::default());
    let (waits, result) = drive(
        &mut call,
        vec![Attempt::ConnectionFails, Attempt::TimesOut, ok_org()],
    );
    assert_eq!(waits, vec![500, 1000]);
    assert!(result.is_ok());
    let (_, result) = drive(
        &mut get_call(&c, &CallOptions::default()),
        vec![Attempt::TimesOut, Attempt::TimesOut, Attempt::TimesOut],
    );
    assert_eq!(
        result.unwrap_err(),
        Error::Timeout {
            method: Method::Get,
            path: "/organizations/o1".into(),
            timeout_ms: 250
        }
    );
}

#[test]
fn put_and_delete_retry_like_get() {
    let c = config(json!({}));
    for (op, body) in [
        (endpoint::UPDATE, Some(r#"{"name":"B"}"#)),
        (endpoint::DELETE, None),
    ] {
        let mut call = Call::new(
            &c,
            &CallOptions::default(),
            &endpoint(op, Some("o1"), "", body),
        );
        let ok = Attempt::Response(200, envelope(json!({ "id": "o1", "name": "B" })));
        let attempts = vec![
            Attempt::Response(504, "<html>Gateway Timeout</html>".into()),
            ok,
        ];
        let (waits, result) = drive(&mut call, attempts);
        assert_eq!(waits, vec![500]);
        assert!(result.is_ok(), "{result:?}");
    }
    let mut call = Call::new(
        &c,
        &CallOptions::default(),
        &endpoint(endpoint::UPDATE_PROFILE, Some("o1"), "", Some("{}")),
    );
    let attempts = vec![
        Attempt::Response(408, String::new()),
        Attempt::Response(204, String::new()),
    ];
    let (waits, result) = drive(&mut call, attempts);
    assert_eq!(waits, vec![500]);
    assert_eq!(result.unwrap(), Outcome::NoContent);
}

#[test]
fn client_errors_end_the_call_at_once() {
    let c = config(json!({ "maxRetries": 5 }));
    for (status, class) in [
        (400, "BadRequestError"),
        (401, "AuthenticationError"),
        (403, "PermissionDeniedError"),
        (404, "NotFoundError"),
        (409, "ConflictError"),
        (422, "UnprocessableEntityError"),
    ] {
        let attempts = vec![Attempt::Response(status, error_envelope(1, "no"))];
        let (waits, result) = drive(&mut get_call(&c, &CallOptions::default()), attempts);
        assert!(waits.is_empty());
        assert_eq!(result.unwrap_err().class_name(), class);
    }
}

#[test]
fn invalid_responses_and_aborts_end_the_call_at_once() {
    let c = config(json!({}));
    let (waits, result) = drive(
        &mut get_call(&c, &CallOptions::default()),
        vec![Attempt::Response(200, "<html>".into())],
    );
    assert!(waits.is_empty());
    assert_eq!(result.unwrap_err().class_name(), "InvalidResponseError");
    let (waits, result) = drive(
        &mut get_call(&c, &CallOptions::default()),
        vec![Attempt::Response(302, String::new())],
    );
    assert!(waits.is_empty());
    assert_eq!(result.unwrap_err().class_name(), "InvalidResponseError");
    let (waits, result) = drive(
        &mut get_call(&c, &CallOptions::default()),
        vec![Attempt::Fails(Error::UserAbort)],
    );
    assert!(waits.is_empty());
    assert_eq!(result.unwrap_err(), Error::UserAbort);
}

#[test]
fn the_timeout_comes_from_the_call_then_the_client() {
    let c = config(json!({ "timeoutMs": 1000 }));
    assert_eq!(get_call(&c, &CallOptions::default()).timeout_ms(), 1000);
    let o = call_options(json!({ "timeoutMs": 50 }), false);
    let call = get_call(&c, &o);
    assert_eq!(call.timeout_ms(), 50);
    assert_eq!(
        call.timeout_error(),
        Error::Timeout {
            method: Method::Get,
            path: "/organizations/o1".into(),
            timeout_ms: 50
        }
    );
    assert_eq!(
        get_call(&config(json!({})), &CallOptions::default()).timeout_ms(),
        60_000
    );
}

#[test]
fn the_request_is_the_same_on_every_attempt() {
    let c = config(json!({ "apiToken": "t" }));
    let o = call_options(json!({ "headers": { "X-Trace": "1" } }), false);
    let mut call = get_call(&c, &o);
    let before = call.request().clone();
    let (waits, _) = drive(&mut call, vec![unavailable(), ok_org()]);
    assert_eq!(waits.len(), 1);
    assert_eq!(call.request(), &before);
    assert_eq!(
        before.url,
        "https://api.cloudflare.com/client/v4/organizations/o1"
    );
}

#[test]
fn connection_error_causes_are_one_line() {
    let c = config(json!({}));
    let call = get_call(&c, &CallOptions::default());
    let e = call.connection_error("getaddrinfo ENOTFOUND\r\napi.example\0");
    assert_eq!(
        e,
        Error::Connection {
            method: Method::Get,
            path: "/organizations/o1".into(),
            cause: "getaddrinfo ENOTFOUND  api.example ".into(),
        }
    );
    assert_eq!(
        e.message(),
        "connection failed on GET /organizations/o1: getaddrinfo ENOTFOUND  api.example "
    );
}

#[test]
fn error_messages_are_one_line_even_when_the_server_sends_line_breaks() {
    let api = ApiError {
        status: 400,
        errors: vec![cloudflare_organizations_core::ResponseMessage {
            code: 1,
            message: "bad\r\nname\u{2028}x\tend".into(),
            ..Default::default()
        }],
        messages: vec![],
        ray_id: Some("ray\nid".into()),
        method: Method::Put,
        path: "/organizations/o1".into(),
        retry_after_ms: None,
        body_snippet: None,
    };
    let errors = [
        Error::Api(Box::new(api)),
        Error::Connection {
            method: Method::Get,
            path: "/p".into(),
            cause: "a\nb".into(),
        },
        Error::Timeout {
            method: Method::Delete,
            path: "/p".into(),
            timeout_ms: 9,
        },
        Error::UserAbort,
        Error::InvalidResponse {
            status: 200,
            ray_id: None,
            body_snippet: "x\ny".into(),
            reason: "r\ns".into(),
            method: Method::Get,
            path: "/p".into(),
        },
        Error::validation("f\nx", "r\ry"),
    ];
    for e in &errors {
        let m = e.message();
        assert!(!m.contains(['\r', '\n', '\0', '\u{2028}']), "{m:?}");
        assert!(!m.is_empty());
    }
    assert_eq!(
        errors[0].message(),
        "400 on PUT /organizations/o1: bad  name x end (code 1) [ray ray id]"
    );
    assert_eq!(
        errors[2].message(),
        "timed out after 9 ms on DELETE /p: no complete response"
    );
    assert_eq!(
        errors[3].message(),
        "the request was aborted by the caller's signal"
    );
    assert_eq!(errors[4].message(), "invalid response 200 on GET /p: r s");
    assert_eq!(errors[3].class_name(), "UserAbortError");
}

#[test]
fn no_error_of_a_call_ever_carries_a_credential() {
    let secrets = [
        "tok-SECRET-1",
        "key-SECRET-2",
        "usk-SECRET-3",
        "hdr-SECRET-4",
    ];
    let c = config(
        json!({ "apiToken": secrets[0], "apiEmail": "me@example.com", "apiKey": secrets[1],
                           "userServiceKey": secrets[2], "baseUrl": "https://api.example.com/v4",
                           "maxRetries": 0 }),
    );
    let o = call_options(
        json!({ "headers": { "Authorization": format!("Bearer {}", secrets[3]) } }),
        false,
    );
    let responses = [
        (200, "<html>".to_string()),
        (200, "{}".to_string()),
        (302, String::new()),
        (401, error_envelope(10000, "Authentication error")),
        (502, "<html>bad gateway</html>".to_string()),
    ];
    let mut outcomes = Vec::new();
    for (status, body) in responses {
        let mut call = get_call(&c, &o);
        outcomes.push(
            drive(&mut call, vec![Attempt::Response(status, body)])
                .1
                .unwrap_err(),
        );
    }
    let call = get_call(&c, &o);
    outcomes.push(call.connection_error("refused"));
    outcomes.push(call.timeout_error());
    for e in &outcomes {
        let text = format!("{} {:?}", e.message(), e);
        for s in secrets {
            assert!(!text.contains(s), "{text}");
        }
    }
    let debug = format!("{call:?} {c:?} {o:?}");
    for s in secrets {
        assert!(!debug.contains(s), "{debug}");
    }
}

#[test]
fn the_same_client_serves_the_next_call_normally_after_a_bad_response() {
    let c = config(json!({ "apiToken": "t" }));
    for bad in ["<html>", "", "{\"success\":tr", "{}", "{\"success\":true}"] {
        let (_, result) = drive(
            &mut get_call(&c, &CallOptions::default()),
            vec![Attempt::Response(200, bad.to_string())],
        );
        assert_eq!(result.unwrap_err().class_name(), "InvalidResponseError");
        let (_, result) = drive(&mut get_call(&c, &CallOptions::default()), vec![ok_org()]);
        assert_eq!(result.unwrap(), Outcome::Value(organization("o1")));
    }
}
