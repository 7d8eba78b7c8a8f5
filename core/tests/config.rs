//! `new Cloudflare(options)` and per-call options (API.md, "The client" and `cf.organizations`):
//! every option refused for the reason API.md gives, and the defaults when nothing is given.

mod common;

use cloudflare_organizations_core::config::{
    check_base_url, is_loopback, DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS,
};
use cloudflare_organizations_core::{CallOptions, Config, Credentials};
use common::{assert_validation, config, Js};
use serde_json::{json, Value};

fn parse(options: Value) -> Result<Config, cloudflare_organizations_core::Error> {
    Config::parse(Some(&options))
}

fn parse_js(options: Js) -> Result<Config, cloudflare_organizations_core::Error> {
    Config::parse(Some(&options))
}

const HEADER_VALUE: &str = "not allowed in an HTTP header value";

// ---- defaults and accepted options ----

#[test]
fn no_options_null_and_empty_object_give_the_defaults() {
    let expected = Config {
        base_url: DEFAULT_BASE_URL.to_string(),
        credentials: Credentials::default(),
        timeout_ms: 60_000,
        max_retries: 2,
        headers: vec![],
        allow_insecure_http: false,
    };
    assert_eq!(Config::parse::<Value>(None).unwrap(), expected);
    assert_eq!(parse(Value::Null).unwrap(), expected);
    assert_eq!(parse(json!({})).unwrap(), expected);
    assert_eq!(Config::default(), expected);
    assert_eq!(DEFAULT_BASE_URL, "https://api.cloudflare.com/client/v4");
    // Config::parse does not check the default: it passes, with credentials, as it is.
    assert_eq!(
        check_base_url(DEFAULT_BASE_URL, true, false).as_deref(),
        Ok(DEFAULT_BASE_URL)
    );
    assert_eq!(DEFAULT_TIMEOUT_MS, 60_000);
    assert_eq!(DEFAULT_MAX_RETRIES, 2);
}

#[test]
fn every_option_is_read() {
    let c = parse_js(Js::obj(&[
        ("apiToken", Js::str("tok")),
        ("apiEmail", Js::str("me@example.com")),
        ("apiKey", Js::str("key")),
        ("userServiceKey", Js::str("v1.0-usk")),
        ("baseUrl", Js::str("https://proxy.example.com/cf/")),
        ("timeoutMs", Js::Num(1500.0)),
        ("maxRetries", Js::Num(5.0)),
        ("fetch", Js::Func),
        ("headers", Js::obj(&[("X-Trace", Js::str("1"))])),
        ("allowInsecureHttp", Js::Bool(true)),
        ("onRequest", Js::Func),
        ("onResponse", Js::Func),
    ]))
    .unwrap();
    assert_eq!(
        c.credentials,
        Credentials {
            api_token: Some("tok".into()),
            api_email: Some("me@example.com".into()),
            api_key: Some("key".into()),
            user_service_key: Some("v1.0-usk".into()),
        }
    );
    assert_eq!(c.base_url, "https://proxy.example.com/cf");
    assert_eq!(c.timeout_ms, 1500);
    assert_eq!(c.max_retries, 5);
    assert_eq!(c.headers, vec![("X-Trace".to_string(), "1".to_string())]);
    assert!(c.allow_insecure_http);
}

#[test]
fn no_credentials_at_all_is_allowed() {
    let c = config(json!({ "baseUrl": "/api/cf" }));
    assert_eq!(c.credentials, Credentials::default());
    assert!(!c.credentials.any());
}

#[test]
fn null_and_undefined_options_count_as_absent() {
    let c = parse(
        json!({ "apiToken": null, "timeoutMs": null, "maxRetries": null,
                          "baseUrl": null, "headers": null, "allowInsecureHttp": null }),
    )
    .unwrap();
    assert_eq!(c, Config::default());
    let c = parse_js(Js::obj(&[
        ("apiToken", Js::Undefined),
        ("apiEmail", Js::Undefined),
        ("fetch", Js::Undefined),
        ("notAnOption", Js::Undefined),
    ]))
    .unwrap();
    assert_eq!(c, Config::default());
}

// ---- options object and unknown keys ----

#[test]
fn options_must_be_an_object() {
    assert_validation(
        parse(json!("tok")),
        "options",
        "must be an object, not a string",
    );
    assert_validation(
        parse(json!([1])),
        "options",
        "must be an object, not an array",
    );
    assert_validation(
        parse(json!(3)),
        "options",
        "must be an object, not a number",
    );
}

#[test]
fn unknown_option_keys_are_refused_by_name() {
    assert_validation(
        parse(json!({ "apiTokn": "x" })),
        "apiTokn",
        "is not an option",
    );
    assert_validation(
        parse(json!({ "base_url": "https://x" })),
        "base_url",
        "is not an option",
    );
    assert_validation(
        parse(json!({ "retries": 1 })),
        "retries",
        "is not an option",
    );
}

// ---- credentials ----

#[test]
fn a_credential_with_a_newline_cr_nul_or_control_is_refused() {
    for key in ["apiToken", "apiEmail", "apiKey", "userServiceKey"] {
        for bad in [
            "tok\nen",
            "tok\ren",
            "tok\0en",
            "tok\u{7f}",
            "tok\u{1b}[0m",
            "tok\u{2028}",
        ] {
            let mut options = json!({ "apiEmail": "e@x.com", "apiKey": "k" });
            options[key] = json!(bad);
            assert_validation(parse(options), key, HEADER_VALUE);
        }
    }
}

#[test]
fn a_credential_refusal_never_repeats_the_credential() {
    let secret = "s3cr3t-T0KEN\nX";
    let err = parse(json!({ "apiToken": secret })).unwrap_err();
    let message = err.message();
    assert!(!message.contains("s3cr3t"), "{message}");
    assert!(!format!("{err:?}").contains("s3cr3t"));
    assert_eq!(err.class_name(), "ValidationError");
}

#[test]
fn credentials_must_be_non_empty_strings() {
    assert_validation(
        parse(json!({ "apiToken": "" })),
        "apiToken",
        "must not be empty",
    );
    assert_validation(
        parse(json!({ "apiToken": 123 })),
        "apiToken",
        "must be a string, not a number",
    );
    assert_validation(
        parse(json!({ "userServiceKey": { "k": 1 } })),
        "userServiceKey",
        "must be a string, not an object",
    );
}

#[test]
fn api_email_without_api_key_and_the_reverse_are_refused() {
    assert_validation(
        parse(json!({ "apiEmail": "me@example.com" })),
        "apiKey",
        "is required with apiEmail",
    );
    assert_validation(
        parse(json!({ "apiKey": "k" })),
        "apiEmail",
        "is required with apiKey",
    );
    // Together, they pass.
    let c = config(json!({ "apiEmail": "me@example.com", "apiKey": "k" }));
    assert_eq!(c.credentials.api_email.as_deref(), Some("me@example.com"));
    assert_eq!(c.credentials.api_key.as_deref(), Some("k"));
}

#[test]
fn credentials_debug_never_shows_a_secret() {
    let c = config(
        json!({ "apiToken": "tok-SECRET", "apiEmail": "me@example.com",
                           "apiKey": "key-SECRET", "userServiceKey": "usk-SECRET" }),
    );
    let debug = format!("{:?} {:?}", c.credentials, c);
    assert!(!debug.contains("SECRET"), "{debug}");
    assert!(!debug.contains("me@example.com"), "{debug}");
    assert!(debug.contains("***"));
}

#[test]
fn config_debug_hides_credential_headers_too() {
    let c = config(json!({ "headers": { "Authorization": "Bearer hdr-SECRET", "X-Trace": "t" } }));
    let debug = format!("{c:?}");
    assert!(!debug.contains("hdr-SECRET"), "{debug}");
    assert!(debug.contains("X-Trace"));
}

// ---- functions and booleans ----

#[test]
fn fetch_and_hooks_must_be_functions() {
    for key in ["fetch", "onRequest", "onResponse"] {
        let r = parse_js(Js::obj(&[(key, Js::str("fetch"))]));
        assert_validation(r, key, "must be a function, not a string");
        let r = parse_js(Js::obj(&[(key, Js::obj(&[]))]));
        assert_validation(r, key, "must be a function, not an object");
        assert!(parse_js(Js::obj(&[(key, Js::Func)])).is_ok());
    }
}

#[test]
fn allow_insecure_http_must_be_a_boolean() {
    assert_validation(
        parse(json!({ "allowInsecureHttp": "yes" })),
        "allowInsecureHttp",
        "must be a boolean, not a string",
    );
    assert_validation(
        parse(json!({ "allowInsecureHttp": 1 })),
        "allowInsecureHttp",
        "must be a boolean, not a number",
    );
}

// ---- timeoutMs ----

#[test]
fn timeout_must_be_positive_and_finite() {
    const REASON: &str = "must be a positive, finite number of milliseconds";
    for bad in [
        json!(0),
        json!(-1),
        json!(-0.5),
        json!("1000"),
        json!(true),
        json!([1000]),
    ] {
        assert_validation(parse(json!({ "timeoutMs": bad })), "timeoutMs", REASON);
    }
    for bad in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
        let r = parse_js(Js::obj(&[("timeoutMs", Js::Num(bad))]));
        assert_validation(r, "timeoutMs", REASON);
        let r = CallOptions::parse(Some(&Js::obj(&[("timeoutMs", Js::Num(bad))])), false);
        assert_validation(r, "timeoutMs", REASON);
    }
}

#[test]
fn timeout_fractions_round_up_and_huge_values_are_clamped_to_what_timers_take() {
    assert_eq!(config(json!({ "timeoutMs": 0.2 })).timeout_ms, 1);
    assert_eq!(config(json!({ "timeoutMs": 1500.5 })).timeout_ms, 1501);
    assert_eq!(
        config(json!({ "timeoutMs": 1e12 })).timeout_ms,
        2_147_483_647
    );
    assert_eq!(
        config(json!({ "timeoutMs": 1e300 })).timeout_ms,
        2_147_483_647
    );
}

// ---- maxRetries ----

#[test]
fn max_retries_must_be_a_non_negative_integer() {
    for bad in [json!(-1), json!(1.5), json!(1e10), json!(-0.5)] {
        assert_validation(
            parse(json!({ "maxRetries": bad })),
            "maxRetries",
            "must be an integer from 0 to 4294967295",
        );
    }
    assert_validation(
        parse(json!({ "maxRetries": "2" })),
        "maxRetries",
        "must be a number, not a string",
    );
    let r = parse_js(Js::obj(&[("maxRetries", Js::Num(f64::NAN))]));
    assert_validation(r, "maxRetries", "must be an integer");
    let r = parse_js(Js::obj(&[("maxRetries", Js::Num(f64::INFINITY))]));
    assert_validation(r, "maxRetries", "must be an integer");
    assert_eq!(config(json!({ "maxRetries": 0 })).max_retries, 0);
    assert_eq!(config(json!({ "maxRetries": 10 })).max_retries, 10);
    assert_eq!(config(json!({ "maxRetries": 3.0 })).max_retries, 3);
}

// ---- headers ----

#[test]
fn headers_must_be_an_object_of_strings() {
    assert_validation(
        parse(json!({ "headers": [["a", "b"]] })),
        "headers",
        "must be an object, not an array",
    );
    assert_validation(
        parse(json!({ "headers": { "X-Count": 1 } })),
        "headers.X-Count",
        "must be a string, not a number",
    );
}

#[test]
fn header_names_must_be_tokens() {
    for bad in [
        "X Trace", "", "X-Trace:", "Ünicode", "a\nb", "(x)", "a/b", "a\"b",
    ] {
        let mut headers = serde_json::Map::new();
        headers.insert(bad.to_string(), json!("v"));
        let field = format!("headers.{bad}");
        assert_validation(
            parse(json!({ "headers": headers })),
            &field,
            "is not a valid HTTP header name",
        );
    }
    for good in ["X-Trace-Id", "x_y", "A1!#$%&'*+-.^_`|~"] {
        let mut headers = serde_json::Map::new();
        headers.insert(good.to_string(), json!("v"));
        assert!(parse(json!({ "headers": headers })).is_ok(), "{good:?}");
    }
}

#[test]
fn header_values_refuse_control_characters() {
    for bad in ["a\r\nInjected: 1", "a\nb", "a\0", "\u{7f}", "\u{100}"] {
        assert_validation(
            parse(json!({ "headers": { "X-Trace": bad } })),
            "headers.X-Trace",
            HEADER_VALUE,
        );
    }
    let c = config(json!({ "headers": { "X-Trace": "a b\tc ÿ", "X-Empty": "" } }));
    assert_eq!(
        c.headers,
        vec![
            // serde_json's objects keep their keys sorted.
            ("X-Empty".to_string(), String::new()),
            ("X-Trace".to_string(), "a b\tc ÿ".to_string()),
        ]
    );
}

#[test]
fn undefined_header_values_are_skipped() {
    let c = parse_js(Js::obj(&[(
        "headers",
        Js::obj(&[("X-A", Js::Undefined), ("X-B", Js::str("b"))]),
    )]))
    .unwrap();
    assert_eq!(c.headers, vec![("X-B".to_string(), "b".to_string())]);
}

// ---- baseUrl ----

#[test]
fn base_url_must_be_http_or_a_path() {
    const REASON: &str = "must be an http(s):// URL or a path starting with /";
    for bad in [
        "ftp://x",
        "x",
        "api.cloudflare.com/client/v4",
        "file:///etc",
        "javascript:alert(1)",
        "https:/x",
        "",
    ] {
        assert_validation(parse(json!({ "baseUrl": bad })), "baseUrl", REASON);
    }
    assert_validation(
        parse(json!({ "baseUrl": 5 })),
        "baseUrl",
        "must be a string, not a number",
    );
}

#[test]
fn base_url_plain_http_with_credentials_is_refused_off_loopback() {
    let r = parse(json!({ "apiToken": "t", "baseUrl": "http://example.com" }));
    assert_validation(
        r,
        "baseUrl",
        "plain http: would send credentials in clear text",
    );
    let r =
        parse(json!({ "apiEmail": "e", "apiKey": "k", "baseUrl": "http://api.example.com/v4" }));
    assert_validation(r, "baseUrl", "allowInsecureHttp");
    let r = parse(json!({ "userServiceKey": "u", "baseUrl": "HTTP://Example.com" }));
    assert_validation(r, "baseUrl", "plain http:");
    // A credential put in `headers` counts as well.
    let r = parse(
        json!({ "headers": { "Authorization": "Bearer t" }, "baseUrl": "http://example.com" }),
    );
    assert_validation(r, "baseUrl", "plain http:");
    let r = parse(
        json!({ "headers": { "x-auth-user-service-key": "u" }, "baseUrl": "http://example.com" }),
    );
    assert_validation(r, "baseUrl", "plain http:");
    // Hosts that only look like loopback.
    for host in [
        "http://127.0.0.1.evil.com",
        "http://localhost.evil.com",
        "http://128.0.0.1",
        "http://127.0.0.256",
        "http://[::2]",
        "http://127.0.0",
    ] {
        let r = parse(json!({ "apiToken": "t", "baseUrl": host }));
        assert_validation(r, "baseUrl", "plain http:");
    }
}

#[test]
fn base_url_plain_http_is_allowed_to_loopback_without_credentials_or_when_opted_in() {
    for url in [
        "http://127.0.0.1:8787",
        "http://localhost",
        "http://localhost:3000/client/v4",
        "http://[::1]:8080",
        "http://127.255.0.9",
        "http://LOCALHOST:1",
    ] {
        let c = config(json!({ "apiToken": "t", "baseUrl": url }));
        assert_eq!(c.base_url, url);
    }
    let c = config(json!({ "baseUrl": "http://example.com" }));
    assert_eq!(c.base_url, "http://example.com");
    let c = config(
        json!({ "apiToken": "t", "baseUrl": "http://example.com", "allowInsecureHttp": true }),
    );
    assert_eq!(c.base_url, "http://example.com");
    let c = config(json!({ "apiToken": "t", "baseUrl": "https://example.com" }));
    assert_eq!(c.base_url, "https://example.com");
}

#[test]
fn base_url_refuses_another_host_userinfo_and_odd_characters() {
    let r = parse(json!({ "baseUrl": "//evil.com" }));
    assert_validation(r, "baseUrl", "// names another host");
    let r = parse(json!({ "baseUrl": "//evil.com/api/" }));
    assert_validation(r, "baseUrl", "// names another host");
    for url in [
        "https://user:pass@api.example.com",
        "https://api.cloudflare.com@evil.com",
        "http://localhost@evil.com",
    ] {
        let r = parse(json!({ "baseUrl": url }));
        assert_validation(r, "baseUrl", "must not carry credentials");
    }
    for url in [
        "https://x/a?b=c",
        "https://x/#frag",
        "https://x /",
        "https://x/\n",
        "/api\tx",
    ] {
        let r = parse(json!({ "baseUrl": url }));
        assert_validation(r, "baseUrl", "must not contain a query, a fragment, spaces");
    }
    for url in ["https://", "https:///path", "http://:8080/x"] {
        let r = parse(json!({ "baseUrl": url }));
        // `https://` trims to `https:`, which is not a URL at all.
        let Err(cloudflare_organizations_core::Error::Validation { field, .. }) = r else {
            panic!("{url:?} should be refused");
        };
        assert_eq!(field, "baseUrl");
    }
    let r = parse(json!({ "baseUrl": "https:///path" }));
    assert_validation(r, "baseUrl", "has no host");
}

#[test]
fn base_url_relative_path_is_allowed_and_trailing_slashes_dropped() {
    assert_eq!(
        config(json!({ "apiToken": "t", "baseUrl": "/api/cf" })).base_url,
        "/api/cf"
    );
    assert_eq!(config(json!({ "baseUrl": "/api/cf/" })).base_url, "/api/cf");
    assert_eq!(
        config(json!({ "baseUrl": "https://api.cloudflare.com/client/v4/" })).base_url,
        "https://api.cloudflare.com/client/v4"
    );
    assert_eq!(
        config(json!({ "baseUrl": "https://api.cloudflare.com/client/v4///" })).base_url,
        "https://api.cloudflare.com/client/v4"
    );
    assert_eq!(
        config(json!({ "baseUrl": "https://x.test:8443" })).base_url,
        "https://x.test:8443"
    );
}

#[test]
fn base_url_of_the_origin_root_is_allowed() {
    // `/` is a path starting with `/`: a proxy at the root of the page's origin.
    assert_eq!(config(json!({ "baseUrl": "/" })).base_url, "");
    assert_eq!(check_base_url("/", true, false).unwrap(), "");
}

#[test]
fn check_base_url_directly() {
    assert!(check_base_url("http://example.com", false, false).is_ok());
    assert!(check_base_url("http://example.com", true, false).is_err());
    assert!(check_base_url("http://example.com", true, true).is_ok());
    assert!(is_loopback("127.0.0.1"));
    assert!(is_loopback("127.1.2.3"));
    assert!(is_loopback("localhost"));
    assert!(is_loopback("[::1]"));
    assert!(!is_loopback("127.0.0.1.nip.io"));
    assert!(!is_loopback("0.0.0.0"));
    assert!(!is_loopback("::1"));
    assert!(!is_loopback("127.0.0.01000"));
}

// ---- per-call options ----

#[test]
fn call_options_default_to_nothing() {
    assert_eq!(
        CallOptions::parse::<Value>(None, true).unwrap(),
        CallOptions::default()
    );
    assert_eq!(
        CallOptions::parse(Some(&Value::Null), false).unwrap(),
        CallOptions::default()
    );
    assert_eq!(
        CallOptions::parse(Some(&json!({})), false).unwrap(),
        CallOptions::default()
    );
}

#[test]
fn call_options_are_read() {
    let o = CallOptions::parse(
        Some(&Js::obj(&[
            ("signal", Js::obj(&[("aborted", Js::Bool(false))])),
            ("timeoutMs", Js::Num(250.0)),
            ("maxRetries", Js::Num(0.0)),
            ("headers", Js::obj(&[("X-Call", Js::str("1"))])),
            ("maxPages", Js::Num(3.0)),
        ])),
        true,
    )
    .unwrap();
    assert_eq!(
        o,
        CallOptions {
            timeout_ms: Some(250),
            max_retries: Some(0),
            headers: vec![("X-Call".into(), "1".into())],
            max_pages: Some(3),
        }
    );
}

#[test]
fn call_options_are_validated_like_the_clients() {
    let p = |v: Value| CallOptions::parse(Some(&v), true);
    assert_validation(p(json!("x")), "options", "must be an object, not a string");
    assert_validation(
        p(json!({ "timeoutMs": 0 })),
        "timeoutMs",
        "positive, finite",
    );
    assert_validation(
        p(json!({ "timeoutMs": -1 })),
        "timeoutMs",
        "positive, finite",
    );
    assert_validation(
        p(json!({ "maxRetries": -1 })),
        "maxRetries",
        "must be an integer from 0",
    );
    assert_validation(
        p(json!({ "maxRetries": 1.5 })),
        "maxRetries",
        "must be an integer from 0",
    );
    assert_validation(
        p(json!({ "headers": { "a b": "c" } })),
        "headers.a b",
        "header name",
    );
    assert_validation(
        p(json!({ "headers": { "X-A": "c\nd" } })),
        "headers.X-A",
        HEADER_VALUE,
    );
    assert_validation(
        p(json!({ "signal": true })),
        "signal",
        "must be an AbortSignal, not a boolean",
    );
    assert_validation(
        p(json!({ "apiToken": "t" })),
        "apiToken",
        "is not an option of this call",
    );
    assert_validation(
        p(json!({ "baseUrl": "/x" })),
        "baseUrl",
        "is not an option of this call",
    );
}

#[test]
fn max_pages_only_on_paginating_calls() {
    assert_validation(
        CallOptions::parse(Some(&json!({ "maxPages": 2 })), false),
        "maxPages",
        "is not an option of this call",
    );
    assert_eq!(
        CallOptions::parse(Some(&json!({ "maxPages": 2 })), true)
            .unwrap()
            .max_pages,
        Some(2)
    );
    for bad in [json!(0), json!(-1), json!(1.5)] {
        assert_validation(
            CallOptions::parse(Some(&json!({ "maxPages": bad })), true),
            "maxPages",
            "must be an integer from 1",
        );
    }
    assert_validation(
        CallOptions::parse(Some(&json!({ "maxPages": "2" })), true),
        "maxPages",
        "must be a number, not a string",
    );
}

#[test]
fn an_empty_option_key_is_named_quoted() {
    assert_validation(parse(json!({ "": 1 })), "\"\"", "is not an option");
    assert_validation(
        parse(json!({ "headers": { "": "v" } })),
        "headers.",
        "is not a valid HTTP header name",
    );
}

// ---- a call's own credential headers (Config::check_call) ----

/// Per-call options carrying `headers`.
fn with_headers(headers: Value) -> CallOptions {
    CallOptions::parse(Some(&json!({ "headers": headers })), false).unwrap()
}

#[test]
fn a_credential_in_a_calls_headers_over_plain_http_to_another_host_is_refused() {
    // A client without credentials may use plain http to any host...
    let client = parse(json!({ "baseUrl": "http://example.com/client/v4" })).unwrap();
    assert_eq!(
        client.check_call(&with_headers(json!({ "x-trace": "1" }))),
        Ok(())
    );
    assert_eq!(client.check_call(&CallOptions::default()), Ok(()));
    // ...but a call that adds a credential header is refused, naming it.
    for name in [
        "authorization",
        "X-Auth-Key",
        "x-auth-email",
        "x-auth-user-service-key",
    ] {
        assert_validation(
            client.check_call(&with_headers(json!({ name: "secret" }))),
            &format!("headers.{name}"),
            "clear text",
        );
    }
}

#[test]
fn a_credential_in_a_calls_headers_is_fine_over_https_loopback_or_when_allowed() {
    for options in [
        json!({ "baseUrl": "https://api.example.com/client/v4" }),
        json!({ "baseUrl": "http://127.0.0.1:8787/client/v4" }),
        json!({ "baseUrl": "http://localhost:8787" }),
        json!({ "baseUrl": "/api/cf" }),
        json!({ "baseUrl": "http://example.com", "allowInsecureHttp": true }),
    ] {
        let client = parse(options.clone()).unwrap();
        let call = with_headers(json!({ "authorization": "Bearer secret" }));
        assert_eq!(client.check_call(&call), Ok(()), "{options}");
    }
}

#[test]
fn call_options_print_without_credentials_but_with_everything_else() {
    let options = CallOptions::parse(
        Some(&json!({
            "timeoutMs": 1500,
            "maxRetries": 3,
            "maxPages": 4,
            "headers": { "authorization": "Bearer sekret-call", "x-trace": "abc" },
        })),
        true,
    )
    .unwrap();
    let shown = format!("{options:?}");
    assert!(shown.starts_with("CallOptions"), "{shown}");
    for expected in ["1500", "3", "4", "authorization", "***", "x-trace", "abc"] {
        assert!(shown.contains(expected), "{expected} missing from {shown}");
    }
    assert!(!shown.contains("sekret-call"), "a credential in {shown}");
}
