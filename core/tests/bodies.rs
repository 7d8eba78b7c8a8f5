//! Request bodies (API.md, "Bodies"): refused with the field path, sent as written when valid.

mod common;

use cloudflare_organizations_core::body::{organization, profile};

/// The five fields of a profile, all required (the model `Profile`).
const PROFILE_FIELDS: [&str; 5] = [
    "business_name",
    "business_email",
    "business_phone",
    "business_address",
    "external_metadata",
];
use common::{assert_validation, Js};
use serde_json::{json, Value};

fn full_profile() -> Value {
    json!({
        "business_name": "Acme",
        "business_email": "ops@acme.test",
        "business_phone": "+1 555 0100",
        "business_address": "1 Main St",
        "external_metadata": "{\"crm\":42}"
    })
}

const NOT_A_FIELD: &str = "is not a field the API defines for this body";

#[test]
fn a_valid_organization_body_is_sent_as_written() {
    let body = json!({ "name": "Acme" });
    assert_eq!(organization(&body).unwrap(), r#"{"name":"Acme"}"#);
    let body = json!({ "name": "Acme", "parent": { "id": "p1" }, "profile": full_profile() });
    let sent: Value = serde_json::from_str(&organization(&body).unwrap()).unwrap();
    assert_eq!(sent, body);
}

#[test]
fn a_body_with_no_name_is_refused() {
    assert_validation(organization(&json!({})), "name", "is required");
    assert_validation(
        organization(&json!({ "parent": { "id": "p" } })),
        "name",
        "is required",
    );
    assert_validation(
        organization(&Js::obj(&[("name", Js::Undefined)])),
        "name",
        "is required",
    );
}

#[test]
fn an_empty_name_is_refused() {
    assert_validation(
        organization(&json!({ "name": "" })),
        "name",
        "must not be empty",
    );
}

#[test]
fn a_name_of_the_wrong_type_is_refused() {
    assert_validation(
        organization(&json!({ "name": 42 })),
        "name",
        "must be a string, not a number",
    );
    assert_validation(
        organization(&json!({ "name": null })),
        "name",
        "must be a string, not null",
    );
    assert_validation(
        organization(&json!({ "name": ["a"] })),
        "name",
        "must be a string, not an array",
    );
    assert_validation(
        organization(&json!({ "name": true })),
        "name",
        "must be a string, not a boolean",
    );
}

#[test]
fn a_body_that_is_not_an_object_is_refused() {
    assert_validation(
        organization(&json!("Acme")),
        "body",
        "must be an object, not a string",
    );
    assert_validation(
        organization(&json!(null)),
        "body",
        "must be an object, not null",
    );
    assert_validation(
        organization(&json!([])),
        "body",
        "must be an object, not an array",
    );
    assert_validation(
        organization(&Js::Func),
        "body",
        "must be an object, not a function",
    );
}

#[test]
fn unknown_fields_are_refused_with_their_path() {
    assert_validation(
        organization(&json!({ "name": "A", "nmae": "B" })),
        "nmae",
        NOT_A_FIELD,
    );
    assert_validation(
        organization(&json!({ "name": "A", "id": "o1" })),
        "id",
        NOT_A_FIELD,
    );
    let mut p = full_profile();
    p["bussiness_name"] = json!("typo");
    assert_validation(
        organization(&json!({ "name": "A", "profile": p })),
        "profile.bussiness_name",
        NOT_A_FIELD,
    );
    assert_validation(
        organization(&json!({ "name": "A", "parent": { "id": "p", "name": "P" } })),
        "parent.name",
        NOT_A_FIELD,
    );
    // An unknown key holding `undefined` is no key at all (JSON.stringify drops it).
    assert!(organization(&Js::obj(&[
        ("name", Js::str("A")),
        ("extra", Js::Undefined)
    ]))
    .is_ok());
}

#[test]
fn a_profile_missing_a_field_is_refused_with_its_path() {
    for field in PROFILE_FIELDS {
        let mut p = full_profile();
        p.as_object_mut().unwrap().remove(field);
        assert_validation(
            organization(&json!({ "name": "A", "profile": p.clone() })),
            &format!("profile.{field}"),
            "is required",
        );
        assert_validation(profile(&p), field, "is required");
    }
}

#[test]
fn profile_fields_must_be_strings() {
    let mut p = full_profile();
    p["business_phone"] = json!(5550100);
    assert_validation(
        organization(&json!({ "name": "A", "profile": p.clone() })),
        "profile.business_phone",
        "must be a string, not a number",
    );
    assert_validation(
        profile(&p),
        "business_phone",
        "must be a string, not a number",
    );
    let mut p = full_profile();
    p["external_metadata"] = json!({ "crm": 42 });
    assert_validation(
        profile(&p),
        "external_metadata",
        "must be a string, not an object",
    );
    // Empty strings are strings.
    let mut p = full_profile();
    p["business_phone"] = json!("");
    assert!(profile(&p).is_ok());
}

#[test]
fn parent_must_be_an_object_with_a_non_empty_string_id() {
    let f = |parent: Value| organization(&json!({ "name": "A", "parent": parent }));
    assert_validation(f(json!("p1")), "parent", "must be an object, not a string");
    assert_validation(f(json!({})), "parent.id", "is required");
    assert_validation(f(json!({ "id": "" })), "parent.id", "must not be empty");
    assert_validation(
        f(json!({ "id": 7 })),
        "parent.id",
        "must be a string, not a number",
    );
    assert_validation(f(json!(null)), "parent", "must be an object, not null");
}

#[test]
fn profile_must_be_an_object() {
    assert_validation(
        organization(&json!({ "name": "A", "profile": "Acme" })),
        "profile",
        "must be an object, not a string",
    );
    assert_validation(
        profile(&json!(null)),
        "profile",
        "must be an object, not null",
    );
    assert_validation(
        profile(&json!([full_profile()])),
        "profile",
        "must be an object, not an array",
    );
}

#[test]
fn update_profile_takes_exactly_the_five_fields() {
    let p = full_profile();
    let sent: Value = serde_json::from_str(&profile(&p).unwrap()).unwrap();
    assert_eq!(sent, p);
    let mut typo = full_profile();
    typo["bussiness_name"] = json!("x");
    assert_validation(profile(&typo), "bussiness_name", NOT_A_FIELD);
    assert_validation(profile(&json!({})), "business_name", "is required");
}

#[test]
fn refusals_are_one_line_validation_errors() {
    let err = organization(&json!({ "name": "" })).unwrap_err();
    assert_eq!(err.class_name(), "ValidationError");
    assert_eq!(err.message(), "name: must not be empty");
    let err = organization(&json!({ "name": "A", "profile": {} })).unwrap_err();
    assert_eq!(err.message(), "profile.business_name: is required");
}
