//! Requests as data: URL = base + path + query, the headers of every auth scheme, header
//! overrides, `***` in what hooks see, `content-type` only with a body.

mod common;

use cloudflare_organizations_core::endpoint::{self, Method};
use cloudflare_organizations_core::request::{is_credential_header, REDACTED};
use cloudflare_organizations_core::{CallOptions, Request};
use common::{call_options, config, endpoint};
use serde_json::json;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    let mut found = request
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name));
    let first = found.next().map(|(_, v)| v.as_str());
    assert!(
        found.next().is_none(),
        "{name} sent twice: {:?}",
        request.headers
    );
    first
}

#[test]
fn url_is_base_plus_path_plus_query() {
    let c = config(json!({}));
    let o = CallOptions::default();
    let r = Request::new(
        &c,
        &o,
        &endpoint(endpoint::LIST, None, "page_size=2&name=a%20b", None),
    );
    assert_eq!(
        r.url,
        "https://api.cloudflare.com/client/v4/organizations?page_size=2&name=a%20b"
    );
    assert_eq!(r.path, "/organizations");
    assert_eq!(r.method, Method::Get);
    let r = Request::new(&c, &o, &endpoint(endpoint::GET, Some("a/b"), "", None));
    assert_eq!(
        r.url,
        "https://api.cloudflare.com/client/v4/organizations/a%2Fb"
    );
    assert_eq!(r.path, "/organizations/a%2Fb");
    let c = config(json!({ "baseUrl": "/api/cf/" }));
    let r = Request::new(
        &c,
        &o,
        &endpoint(endpoint::LIST_ACCOUNTS, Some("o1"), "direction=asc", None),
    );
    assert_eq!(r.url, "/api/cf/organizations/o1/accounts?direction=asc");
    assert_eq!(r.path, "/organizations/o1/accounts");
}

#[test]
fn no_credentials_sends_only_accept() {
    let r = Request::new(
        &config(json!({})),
        &CallOptions::default(),
        &endpoint(endpoint::GET, Some("o1"), "", None),
    );
    assert_eq!(r.headers, pairs(&[("accept", "application/json")]));
    assert_eq!(r.body, None);
}

#[test]
fn api_token_sends_a_bearer_authorization() {
    let c = config(json!({ "apiToken": "tok" }));
    let r = Request::new(
        &c,
        &CallOptions::default(),
        &endpoint(endpoint::GET, Some("o1"), "", None),
    );
    assert_eq!(
        r.headers,
        pairs(&[
            ("accept", "application/json"),
            ("authorization", "Bearer tok")
        ])
    );
}

#[test]
fn api_email_and_key_send_the_two_auth_headers() {
    let c = config(json!({ "apiEmail": "me@example.com", "apiKey": "k1" }));
    let r = Request::new(
        &c,
        &CallOptions::default(),
        &endpoint(endpoint::DELETE, Some("o1"), "", None),
    );
    assert_eq!(
        r.headers,
        pairs(&[
            ("accept", "application/json"),
            ("x-auth-email", "me@example.com"),
            ("x-auth-key", "k1"),
        ])
    );
    assert_eq!(r.method, Method::Delete);
}

#[test]
fn user_service_key_sends_its_header() {
    let c = config(json!({ "userServiceKey": "v1.0-usk" }));
    let r = Request::new(
        &c,
        &CallOptions::default(),
        &endpoint(endpoint::LIST, None, "", None),
    );
    assert_eq!(
        r.headers,
        pairs(&[
            ("accept", "application/json"),
            ("x-auth-user-service-key", "v1.0-usk")
        ])
    );
}

#[test]
fn all_configured_kinds_are_sent() {
    let c = config(
        json!({ "apiToken": "tok", "apiEmail": "e@x.test", "apiKey": "k",
                           "userServiceKey": "usk" }),
    );
    let r = Request::new(
        &c,
        &CallOptions::default(),
        &endpoint(endpoint::GET, Some("o1"), "", None),
    );
    assert_eq!(
        r.headers,
        pairs(&[
            ("accept", "application/json"),
            ("authorization", "Bearer tok"),
            ("x-auth-email", "e@x.test"),
            ("x-auth-key", "k"),
            ("x-auth-user-service-key", "usk"),
        ])
    );
}

#[test]
fn content_type_only_with_a_body() {
    let c = config(json!({}));
    let o = CallOptions::default();
    let with = Request::new(
        &c,
        &o,
        &endpoint(endpoint::CREATE, None, "", Some(r#"{"name":"A"}"#)),
    );
    assert_eq!(header(&with, "content-type"), Some("application/json"));
    assert_eq!(with.body.as_deref(), Some(r#"{"name":"A"}"#));
    assert_eq!(with.method, Method::Post);
    let put = Request::new(
        &c,
        &o,
        &endpoint(endpoint::UPDATE_PROFILE, Some("o1"), "", Some("{}")),
    );
    assert_eq!(header(&put, "content-type"), Some("application/json"));
    for op in [endpoint::GET, endpoint::DELETE, endpoint::GET_PROFILE] {
        let without = Request::new(&c, &o, &endpoint(op, Some("o1"), "", None));
        assert_eq!(header(&without, "content-type"), None);
        assert_eq!(without.body, None);
    }
}

#[test]
fn client_and_call_headers_are_added_and_call_headers_win_case_insensitively() {
    let c = config(json!({ "headers": { "X-Trace": "client", "X-Client-Only": "c" } }));
    let o = call_options(
        json!({ "headers": { "x-trace": "call", "X-Call-Only": "k" } }),
        false,
    );
    let r = Request::new(&c, &o, &endpoint(endpoint::GET, Some("o1"), "", None));
    assert_eq!(header(&r, "X-Trace"), Some("call"));
    assert_eq!(header(&r, "x-client-only"), Some("c"));
    assert_eq!(header(&r, "x-call-only"), Some("k"));
    assert_eq!(header(&r, "accept"), Some("application/json"));
    assert_eq!(r.headers.len(), 4, "{:?}", r.headers);
}

#[test]
fn configured_headers_override_the_defaults_and_credentials() {
    let c = config(json!({ "apiToken": "tok",
                           "headers": { "Accept": "application/vnd.x+json", "Authorization": "Bearer other" } }));
    let r = Request::new(
        &c,
        &CallOptions::default(),
        &endpoint(endpoint::GET, Some("o1"), "", None),
    );
    assert_eq!(header(&r, "accept"), Some("application/vnd.x+json"));
    assert_eq!(header(&r, "authorization"), Some("Bearer other"));
    let o = call_options(
        json!({ "headers": { "AUTHORIZATION": "Bearer per-call" } }),
        true,
    );
    let r = Request::new(&c, &o, &endpoint(endpoint::LIST, None, "", None));
    assert_eq!(header(&r, "authorization"), Some("Bearer per-call"));
}

#[test]
fn redacted_headers_show_stars_for_every_credential_header() {
    let c = config(
        json!({ "apiToken": "tok", "apiEmail": "e@x.test", "apiKey": "k",
                           "userServiceKey": "usk", "headers": { "X-Trace": "t1" } }),
    );
    let o = call_options(json!({ "headers": { "X-Auth-Key": "k2" } }), false);
    let r = Request::new(&c, &o, &endpoint(endpoint::GET, Some("o1"), "", None));
    let redacted = r.redacted_headers();
    assert_eq!(redacted.len(), r.headers.len());
    for (name, value) in &redacted {
        if is_credential_header(name) {
            assert_eq!(value, REDACTED, "{name}");
        } else {
            assert!(!["tok", "e@x.test", "k", "k2", "usk"].contains(&value.as_str()));
        }
    }
    let names: Vec<&str> = redacted.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "accept",
            "authorization",
            "x-auth-email",
            "x-auth-user-service-key",
            "X-Trace",
            "X-Auth-Key"
        ]
    );
    assert_eq!(REDACTED, "***");
    // The request itself still carries the real values.
    assert_eq!(header(&r, "x-auth-key"), Some("k2"));
}

#[test]
fn credential_header_names_are_recognised_in_any_case() {
    for name in [
        "authorization",
        "Authorization",
        "X-AUTH-EMAIL",
        "x-auth-key",
        "X-Auth-User-Service-Key",
    ] {
        assert!(is_credential_header(name), "{name}");
    }
    for name in [
        "accept",
        "x-auth",
        "x-trace",
        "cookie-less",
        "authorization2",
    ] {
        assert!(!is_credential_header(name), "{name}");
    }
}

#[test]
fn request_debug_never_shows_a_credential() {
    let c = config(
        json!({ "apiToken": "tok-SECRET", "apiEmail": "e@x.test", "apiKey": "key-SECRET",
                           "headers": { "X-Auth-User-Service-Key": "usk-SECRET" } }),
    );
    let r = Request::new(
        &c,
        &CallOptions::default(),
        &endpoint(endpoint::GET, Some("o1"), "", None),
    );
    let debug = format!("{r:?}");
    assert!(!debug.contains("SECRET"), "{debug}");
    assert!(debug.contains("/organizations/o1"));
}
