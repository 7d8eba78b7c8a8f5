//! The retry policy (API.md, "Retries"): what is retried for each method, the server's wait
//! (`retry-after-ms`, `Retry-After` seconds or date), the 60 s ceiling, and the backoff.

mod common;

use cloudflare_organizations_core::endpoint::Method;
use cloudflare_organizations_core::retry::{
    backoff_ms, decide, is_retryable, parse_http_date, server_wait_ms, Decision, MAX_SERVER_WAIT_MS,
};
use cloudflare_organizations_core::{ApiError, Error};

const METHODS: [Method; 4] = [Method::Get, Method::Post, Method::Put, Method::Delete];

fn api_error(status: u16, retry_after_ms: Option<u64>) -> Error {
    Error::Api(Box::new(ApiError {
        status,
        errors: vec![],
        messages: vec![],
        ray_id: None,
        method: Method::Get,
        path: "/organizations".into(),
        retry_after_ms,
        body_snippet: None,
    }))
}

fn connection() -> Error {
    Error::Connection {
        method: Method::Get,
        path: "/organizations".into(),
        cause: "refused".into(),
    }
}

fn timeout() -> Error {
    Error::Timeout {
        method: Method::Get,
        path: "/organizations".into(),
        timeout_ms: 10,
    }
}

fn invalid() -> Error {
    Error::InvalidResponse {
        status: 200,
        ray_id: None,
        body_snippet: String::new(),
        reason: "x".into(),
        method: Method::Get,
        path: "/organizations".into(),
    }
}

// ---- what is retried ----

#[test]
fn get_put_delete_are_retried_on_transient_statuses_and_connection_failures() {
    for method in [Method::Get, Method::Put, Method::Delete] {
        for status in [408, 429, 500, 502, 503, 504] {
            assert!(
                is_retryable(method, &api_error(status, None)),
                "{method:?} {status}"
            );
        }
        assert!(is_retryable(method, &connection()), "{method:?}");
        assert!(is_retryable(method, &timeout()), "{method:?}");
    }
}

#[test]
fn post_is_retried_only_on_429() {
    assert!(is_retryable(Method::Post, &api_error(429, None)));
    for status in [408, 500, 502, 503, 504] {
        assert!(
            !is_retryable(Method::Post, &api_error(status, None)),
            "{status}"
        );
    }
    assert!(!is_retryable(Method::Post, &connection()));
    assert!(!is_retryable(Method::Post, &timeout()));
}

#[test]
fn client_errors_and_other_failures_are_never_retried() {
    for method in METHODS {
        for status in [200, 400, 401, 403, 404, 405, 409, 410, 422, 501, 505, 520] {
            assert!(
                !is_retryable(method, &api_error(status, None)),
                "{method:?} {status}"
            );
        }
        assert!(!is_retryable(method, &invalid()));
        assert!(!is_retryable(method, &Error::UserAbort));
        assert!(!is_retryable(method, &Error::validation("id", "x")));
        for status in [400, 401, 403, 404, 409, 422] {
            assert_eq!(
                decide(method, &api_error(status, Some(10)), 0, 5, 0.0),
                Decision::GiveUp
            );
        }
    }
}

// ---- decide ----

#[test]
fn max_retries_caps_the_retries() {
    let e = api_error(503, None);
    assert_eq!(decide(Method::Get, &e, 0, 0, 0.0), Decision::GiveUp);
    assert_eq!(
        decide(Method::Get, &e, 0, 2, 0.0),
        Decision::RetryAfter(500)
    );
    assert_eq!(
        decide(Method::Get, &e, 1, 2, 0.0),
        Decision::RetryAfter(1000)
    );
    assert_eq!(decide(Method::Get, &e, 2, 2, 0.0), Decision::GiveUp);
    assert_eq!(decide(Method::Get, &e, 7, 2, 0.0), Decision::GiveUp);
    assert_eq!(
        decide(Method::Post, &api_error(429, None), 0, 0, 0.0),
        Decision::GiveUp
    );
}

#[test]
fn the_servers_wait_is_taken_up_to_60_seconds() {
    assert_eq!(MAX_SERVER_WAIT_MS, 60_000);
    let get = |ms| decide(Method::Get, &api_error(503, Some(ms)), 0, 2, 0.9);
    assert_eq!(get(0), Decision::RetryAfter(0));
    assert_eq!(get(1234), Decision::RetryAfter(1234));
    assert_eq!(get(60_000), Decision::RetryAfter(60_000));
    assert_eq!(get(60_001), Decision::GiveUp);
    assert_eq!(get(u64::MAX), Decision::GiveUp);
    let post = decide(Method::Post, &api_error(429, Some(2000)), 1, 2, 0.5);
    assert_eq!(post, Decision::RetryAfter(2000));
}

#[test]
fn an_error_given_up_for_a_long_wait_carries_retry_after_ms() {
    let e = api_error(429, Some(120_000));
    assert_eq!(decide(Method::Get, &e, 0, 2, 0.0), Decision::GiveUp);
    let Error::Api(api) = &e else { unreachable!() };
    assert_eq!(api.retry_after_ms, Some(120_000));
    assert_eq!(e.class_name(), "RateLimitError");
}

#[test]
fn connection_failures_back_off() {
    assert_eq!(
        decide(Method::Delete, &connection(), 0, 2, 0.0),
        Decision::RetryAfter(500)
    );
    assert_eq!(
        decide(Method::Put, &timeout(), 1, 2, 0.0),
        Decision::RetryAfter(1000)
    );
    assert_eq!(
        decide(Method::Post, &timeout(), 0, 2, 0.0),
        Decision::GiveUp
    );
}

// ---- backoff ----

#[test]
fn backoff_doubles_from_500_ms_and_caps_at_8_s() {
    let expected = [500, 1000, 2000, 4000, 8000, 8000, 8000];
    for (retries, ms) in expected.into_iter().enumerate() {
        assert_eq!(backoff_ms(retries as u32, 0.0), ms, "{retries}");
    }
    assert_eq!(backoff_ms(63, 0.0), 8000);
    assert_eq!(backoff_ms(u32::MAX, 0.0), 8000);
}

#[test]
fn jitter_reduces_the_wait_by_at_most_25_percent() {
    assert_eq!(backoff_ms(0, 0.5), 437);
    assert_eq!(backoff_ms(4, 0.5), 7000);
    assert_eq!(backoff_ms(4, 1.0), 6000);
    for retries in 0..8 {
        let full = backoff_ms(retries, 0.0);
        for i in 0..100 {
            let jitter = i as f64 / 100.0;
            let wait = backoff_ms(retries, jitter);
            assert!(
                wait <= full && wait * 4 >= full * 3,
                "{retries} {jitter}: {wait}"
            );
        }
    }
    // Odd jitter values are tamed, never a longer or negative wait.
    assert_eq!(backoff_ms(0, -3.0), 500);
    assert_eq!(backoff_ms(0, 7.0), 375);
    assert_eq!(backoff_ms(0, f64::NAN), 500);
    assert_eq!(backoff_ms(0, f64::INFINITY), 500);
}

// ---- the server's wait ----

#[test]
fn retry_after_ms_beats_retry_after() {
    assert_eq!(server_wait_ms(Some("30"), Some("1500"), 0.0), Some(1500));
    assert_eq!(server_wait_ms(None, Some("1500"), 0.0), Some(1500));
    assert_eq!(server_wait_ms(None, Some(" 2.2 "), 0.0), Some(3));
    assert_eq!(server_wait_ms(None, Some("0"), 0.0), Some(0));
    // An unusable retry-after-ms falls back to Retry-After.
    for bad in ["abc", "-5", "", "NaN", "inf", "1e400"] {
        assert_eq!(
            server_wait_ms(Some("2"), Some(bad), 0.0),
            Some(2000),
            "{bad:?}"
        );
        assert_eq!(server_wait_ms(None, Some(bad), 0.0), None, "{bad:?}");
    }
}

#[test]
fn retry_after_in_seconds() {
    assert_eq!(server_wait_ms(Some("0"), None, 0.0), Some(0));
    assert_eq!(server_wait_ms(Some("7"), None, 0.0), Some(7000));
    assert_eq!(server_wait_ms(Some(" 61 "), None, 0.0), Some(61_000));
    assert_eq!(
        server_wait_ms(Some("18446744073709551615"), None, 0.0),
        Some(u64::MAX)
    );
    for bad in ["-1", "1.5", "soon", "", "0x10"] {
        assert_eq!(server_wait_ms(Some(bad), None, 0.0), None, "{bad:?}");
    }
}

#[test]
fn retry_after_as_an_http_date_is_measured_from_now() {
    let at = 1_445_412_480_000.0; // Wed, 21 Oct 2015 07:28:00 GMT
    let date = Some("Wed, 21 Oct 2015 07:28:00 GMT");
    assert_eq!(server_wait_ms(date, None, at - 30_000.0), Some(30_000));
    assert_eq!(server_wait_ms(date, None, at - 90_000.0), Some(90_000));
    assert_eq!(server_wait_ms(date, None, at - 0.5), Some(1));
    // A date in the past is no wait at all.
    assert_eq!(server_wait_ms(date, None, at + 5_000.0), Some(0));
    assert_eq!(server_wait_ms(date, None, f64::NAN), Some(0));
}

#[test]
fn http_dates_parse_to_unix_milliseconds() {
    let cases = [
        ("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777_000.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 1_445_412_480_000.0),
        ("Tue, 29 Feb 2000 00:00:00 GMT", 951_782_400_000.0),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0.0),
        ("Wed, 01 Mar 2100 12:00:00 GMT", 4_107_585_600_000.0),
        ("Fri, 31 Dec 9999 23:59:59 GMT", 253_402_300_799_000.0),
    ];
    for (text, ms) in cases {
        assert_eq!(parse_http_date(text), Some(ms), "{text}");
    }
}

#[test]
fn malformed_http_dates_are_ignored() {
    for bad in [
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:00 GMT",
        "Sun, 06 Nov 1994 08:49:61 GMT",
        "Sun, 32 Nov 1994 08:49:37 GMT",
        "Sun, 00 Nov 1994 08:49:37 GMT",
        "Sat, 31 Feb 2024 08:49:37 GMT",
        "Mon, 29 Feb 2100 08:49:37 GMT",
        "Thu, 31 Apr 2024 08:49:37 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 06 Nov 1969 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49 GMT",
        "Sun, 06 Nov 1994 -1:49:37 GMT",
        "Sun, 06 Nov 1994 08:-9:37 GMT",
        "Sun, 06 Nov 1994 08:49:-99999999999999999 GMT",
        "Sun, 06 Nov 1994 -9223372036854775808:00:00 GMT",
        "",
        "GMT",
    ] {
        assert_eq!(parse_http_date(bad), None, "{bad:?}");
        assert_eq!(server_wait_ms(Some(bad), None, 0.0), None, "{bad:?}");
    }
}
