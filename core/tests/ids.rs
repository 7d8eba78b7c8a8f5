//! Organization ids (API.md, "Security"): one percent-encoded path segment; the dot segments
//! URL parsers fold into a parent path are refused in every spelling.

mod common;

use cloudflare_organizations_core::encode::percent_encode;
use cloudflare_organizations_core::endpoint::path_segment;
use cloudflare_organizations_core::endpoint::{
    self, organization_id, path_for, Method, ResultShape,
};
use cloudflare_organizations_core::Endpoint;
use common::{assert_validation, ALL_OPERATIONS};
use serde_json::{json, Value};

fn get_path(id: Value) -> Result<String, cloudflare_organizations_core::Error> {
    Endpoint::new(endpoint::GET, &[&id], String::new(), None).map(|e| e.path)
}

const DOT: &str = "must not be \".\" or \"..\"";

#[test]
fn an_empty_id_is_refused() {
    assert_validation(get_path(json!("")), "id", "must not be empty");
}

#[test]
fn dot_segments_are_refused_in_every_spelling() {
    for id in [
        ".", "..", "%2e", "%2E", "%2e%2E", "%2E%2e", "%2e%2e", "%2E%2E", ".%2e", "%2E.", "%2e.",
    ] {
        assert_validation(get_path(json!(id)), "id", DOT);
    }
}

#[test]
fn an_id_with_a_slash_stays_one_segment() {
    assert_eq!(get_path(json!("a/b")).unwrap(), "/organizations/a%2Fb");
    assert_eq!(
        get_path(json!("../admin")).unwrap(),
        "/organizations/..%2Fadmin"
    );
    assert_eq!(
        get_path(json!("a?b#c")).unwrap(),
        "/organizations/a%3Fb%23c"
    );
    assert_eq!(get_path(json!("a\\b")).unwrap(), "/organizations/a%5Cb");
    assert_eq!(
        get_path(json!("%2e%2e%2fx")).unwrap(),
        "/organizations/%252e%252e%252fx"
    );
}

#[test]
fn ordinary_ids_pass_unchanged_and_others_are_encoded() {
    assert_eq!(
        get_path(json!("a5cfb1e5a7b54f6bbb8d1bc1e8d1cd3f")).unwrap(),
        "/organizations/a5cfb1e5a7b54f6bbb8d1bc1e8d1cd3f"
    );
    assert_eq!(get_path(json!("...")).unwrap(), "/organizations/...");
    assert_eq!(get_path(json!(".a")).unwrap(), "/organizations/.a");
    assert_eq!(get_path(json!("a b")).unwrap(), "/organizations/a%20b");
    assert_eq!(get_path(json!("é")).unwrap(), "/organizations/%C3%A9");
    assert_eq!(get_path(json!("%41")).unwrap(), "/organizations/%2541");
}

#[test]
fn an_id_must_be_a_string() {
    assert_validation(get_path(json!(42)), "id", "must be a string, not a number");
    assert_validation(get_path(json!(null)), "id", "must be a string, not null");
    assert_validation(
        get_path(json!({ "id": "x" })),
        "id",
        "must be a string, not an object",
    );
    assert_validation(
        organization_id(&json!(["a"])),
        "id",
        "must be a string, not an array",
    );
}

#[test]
fn operations_that_take_an_id_require_one() {
    for op in ALL_OPERATIONS {
        let r = Endpoint::new::<Value>(op, &[], String::new(), None);
        if !op.ids.is_empty() {
            assert_validation(r, "id", "is required");
        } else {
            assert_eq!(r.unwrap().path, "/organizations");
        }
    }
}

#[test]
fn every_operation_has_its_documented_method_path_and_shape() {
    let id = json!("o/1");
    let table = [
        (
            endpoint::CREATE,
            Method::Post,
            "/organizations",
            ResultShape::Organization,
        ),
        (
            endpoint::LIST,
            Method::Get,
            "/organizations",
            ResultShape::OrganizationPage,
        ),
        (
            endpoint::GET,
            Method::Get,
            "/organizations/o%2F1",
            ResultShape::Organization,
        ),
        (
            endpoint::UPDATE,
            Method::Put,
            "/organizations/o%2F1",
            ResultShape::Organization,
        ),
        (
            endpoint::DELETE,
            Method::Delete,
            "/organizations/o%2F1",
            ResultShape::Deleted,
        ),
        (
            endpoint::LIST_ACCOUNTS,
            Method::Get,
            "/organizations/o%2F1/accounts",
            ResultShape::AccountPage,
        ),
        (
            endpoint::GET_PROFILE,
            Method::Get,
            "/organizations/o%2F1/profile",
            ResultShape::Profile,
        ),
        (
            endpoint::UPDATE_PROFILE,
            Method::Put,
            "/organizations/o%2F1/profile",
            ResultShape::NoContent,
        ),
    ];
    for (op, method, path, shape) in table {
        let e = Endpoint::new(op, &[&id], "q=1".into(), Some("{}".into())).unwrap();
        assert_eq!(e.operation.method, method);
        assert_eq!(e.path, path);
        assert_eq!(e.operation.result, shape);
        assert_eq!(e.query, "q=1");
        assert_eq!(e.body.as_deref(), Some("{}"));
    }
    assert_eq!(Method::Get.as_str(), "GET");
    assert_eq!(Method::Post.as_str(), "POST");
    assert_eq!(Method::Put.as_str(), "PUT");
    assert_eq!(Method::Delete.as_str(), "DELETE");
}

#[test]
fn path_for_builds_the_three_forms() {
    assert_eq!(path_for(None, None), "/organizations");
    assert_eq!(path_for(None, Some("profile")), "/organizations");
    assert_eq!(path_for(Some("abc"), None), "/organizations/abc");
    assert_eq!(
        path_for(Some("abc"), Some("accounts")),
        "/organizations/abc/accounts"
    );
}

#[test]
fn path_segment_names_the_field_it_checks() {
    assert_validation(path_segment("action", ".."), "action", DOT);
    assert_validation(path_segment("action", ""), "action", "must not be empty");
    assert_eq!(path_segment("action", "profile").unwrap(), "profile");
}

#[test]
fn percent_encode_keeps_only_unreserved_characters() {
    let all: String = (0u8..128).map(char::from).collect();
    let encoded = percent_encode(&all);
    for (i, chunk) in encoded.split('%').skip(1).enumerate() {
        assert!(chunk.len() >= 2, "chunk {i}: {chunk:?}");
    }
    let kept: String = encoded
        .split('%')
        .enumerate()
        .map(|(i, s)| if i == 0 { s } else { &s[2..] })
        .collect();
    assert_eq!(
        kept,
        "-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~"
    );
}

#[test]
fn an_id_refusal_is_a_one_line_validation_error() {
    let err = get_path(json!("..")).unwrap_err();
    assert_eq!(err.class_name(), "ValidationError");
    assert!(
        err.message().starts_with("id: must not be"),
        "{}",
        err.message()
    );
    assert!(!err.message().contains('\n'));
}
