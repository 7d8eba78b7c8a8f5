//! Reading responses (API.md, "Errors" and "Models"): the envelope judged by `success`, the
//! typed error for each bad response, `errors[]`/`messages[]` carried, and the API's objects
//! returned as sent.

mod common;

use cloudflare_organizations_core::endpoint::{Method, ResultShape};
use cloudflare_organizations_core::models::MessageSource;
use cloudflare_organizations_core::response::{read, SNIPPET_CHARS};
use cloudflare_organizations_core::{ApiError, Error, Outcome, ResponseHead, ResponseMessage};
use common::{
    envelope, error_envelope, head, head_ray, invalid_reason, organization, page, ALL_SHAPES,
};
use serde_json::{json, Value};

fn read_org(status: u16, body: &str) -> Result<Outcome<Value>, Error> {
    read(
        ResultShape::Organization,
        Method::Get,
        "/organizations/o1",
        &head(status),
        body,
    )
}

fn api(result: Result<Outcome<Value>, Error>) -> ApiError {
    match result {
        Err(Error::Api(api)) => *api,
        other => panic!("expected an ApiError, got {other:?}"),
    }
}

// ---- bodies that are not an envelope ----

#[test]
fn an_html_200_is_an_invalid_response_with_a_snippet() {
    let html = "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>".repeat(10);
    let result = read_org(200, &html);
    let Err(Error::InvalidResponse {
        status,
        body_snippet,
        reason,
        method,
        path,
        ..
    }) = result
    else {
        panic!("{result:?}");
    };
    assert_eq!(status, 200);
    assert_eq!(body_snippet.chars().count(), 200);
    assert!(html.starts_with(&body_snippet));
    assert!(reason.contains("not JSON"), "{reason}");
    assert_eq!(method, Method::Get);
    assert_eq!(path, "/organizations/o1");
}

#[test]
fn an_empty_body_is_an_invalid_response() {
    for shape in ALL_SHAPES {
        let r = read(shape, Method::Get, "/organizations", &head(200), "");
        assert!(invalid_reason(r, 200).contains("not JSON"));
    }
}

#[test]
fn truncated_json_is_an_invalid_response() {
    let full = envelope(organization("o1"));
    let cut = &full[..full.len() / 2];
    assert!(invalid_reason(read_org(200, cut), 200).contains("not JSON"));
    assert!(invalid_reason(read_org(200, "{\"success\":tr"), 200).contains("not JSON"));
}

#[test]
fn an_envelope_that_is_not_an_object_is_an_invalid_response() {
    for (body, kind) in [
        ("[]", "an array"),
        ("\"ok\"", "a string"),
        ("true", "a boolean"),
        ("42", "a number"),
        ("null", "null"),
    ] {
        let reason = invalid_reason(read_org(200, body), 200);
        assert_eq!(
            reason,
            format!("the envelope must be an object, not {kind}")
        );
    }
}

#[test]
fn an_envelope_without_a_boolean_success_is_an_invalid_response() {
    for body in [
        "{}",
        r#"{"result":{"id":"o1","name":"n"}}"#,
        r#"{"success":"true","result":{}}"#,
        r#"{"success":1}"#,
    ] {
        let reason = invalid_reason(read_org(200, body), 200);
        assert_eq!(reason, "the envelope has no boolean `success`", "{body}");
    }
}

#[test]
fn success_without_a_result_is_an_invalid_response() {
    for shape in ALL_SHAPES
        .into_iter()
        .filter(|s| *s != ResultShape::NoContent)
    {
        for body in [r#"{"success":true}"#, r#"{"success":true,"result":null}"#] {
            let r = read(shape, Method::Get, "/organizations", &head(200), body);
            assert_eq!(invalid_reason(r, 200), "the envelope has no `result`");
        }
    }
}

// ---- results of the wrong shape ----

#[test]
fn a_list_whose_result_is_an_object_is_an_invalid_response() {
    for shape in [ResultShape::OrganizationPage, ResultShape::AccountPage] {
        let body = page(organization("o1"), None);
        let r = read(
            shape,
            Method::Get,
            "/organizations",
            &head(200),
            body.as_str(),
        );
        assert_eq!(
            invalid_reason(r, 200),
            "`result` must be an array, not an object"
        );
    }
}

#[test]
fn an_organization_with_no_id_is_an_invalid_response() {
    let mut org = organization("o1");
    org.as_object_mut().unwrap().remove("id");
    assert_eq!(
        invalid_reason(read_org(200, &envelope(org.clone())), 200),
        "`result.id` is missing"
    );
    let r = read(
        ResultShape::OrganizationPage,
        Method::Get,
        "/organizations",
        &head(200),
        page(json!([organization("a"), org]), None).as_str(),
    );
    assert_eq!(invalid_reason(r, 200), "`result[1].id` is missing");
    let mut org = organization("o1");
    org["id"] = json!(17);
    assert_eq!(
        invalid_reason(read_org(200, &envelope(org)), 200),
        "`result.id` must be a string, not a number"
    );
    let mut org = organization("o1");
    org["name"] = Value::Null;
    assert_eq!(
        invalid_reason(read_org(200, &envelope(org)), 200),
        "`result.name` must be a string, not null"
    );
}

#[test]
fn results_of_the_wrong_kind_are_invalid_responses() {
    let cases = [
        (
            ResultShape::Organization,
            json!([organization("o1")]),
            "`result` must be an object, not an array",
        ),
        (
            ResultShape::Deleted,
            json!("o1"),
            "`result` must be an object, not a string",
        ),
        (ResultShape::Deleted, json!({}), "`result.id` is missing"),
        (
            ResultShape::Profile,
            json!([]),
            "`result` must be an object, not an array",
        ),
        (
            ResultShape::AccountPage,
            json!([{ "name": "a" }]),
            "`result[0].id` is missing",
        ),
        (
            ResultShape::AccountPage,
            json!(["acc"]),
            "`result[0]` must be an object, not a string",
        ),
        (
            ResultShape::OrganizationPage,
            json!([null]),
            "`result[0]` must be an object, not null",
        ),
    ];
    for (shape, result, reason) in cases {
        let r = read(
            shape,
            Method::Get,
            "/organizations",
            &head(200),
            envelope(result).as_str(),
        );
        assert_eq!(invalid_reason(r, 200), reason);
    }
}

// ---- redirects and odd statuses ----

#[test]
fn a_redirect_is_an_invalid_response_never_followed() {
    for status in [0, 301, 302, 303, 307, 308, 304] {
        let h = ResponseHead {
            status,
            ray_id: Some("ray-1".into()),
            retry_after_ms: None,
        };
        let r = read(
            ResultShape::Organization,
            Method::Get,
            "/organizations/o1",
            &h,
            envelope(organization("o1")).as_str(),
        );
        let Err(Error::InvalidResponse {
            status: s,
            ray_id,
            reason,
            ..
        }) = r
        else {
            panic!("{r:?}")
        };
        assert_eq!(s, status);
        assert_eq!(ray_id.as_deref(), Some("ray-1"));
        assert!(
            reason.starts_with("a redirect, which the client does not follow"),
            "{reason}"
        );
    }
}

#[test]
fn an_informational_status_is_an_invalid_response() {
    let r = read_org(101, &envelope(organization("o1")));
    assert_eq!(invalid_reason(r, 101), "a status the API does not use");
}

#[test]
fn no_content_for_update_profile() {
    let r = read(
        ResultShape::NoContent,
        Method::Put,
        "/organizations/o1/profile",
        &head(204),
        "",
    );
    assert_eq!(r.unwrap(), Outcome::NoContent);
    // A 200 envelope is accepted too.
    let r = read(
        ResultShape::NoContent,
        Method::Put,
        "/organizations/o1/profile",
        &head(200),
        r#"{"success":true,"errors":[],"messages":[],"result":null}"#,
    );
    assert_eq!(r.unwrap(), Outcome::NoContent);
    // But a 204 where a result is expected is not a result.
    let r = read(
        ResultShape::Organization,
        Method::Get,
        "/organizations/o1",
        &head(204),
        "",
    );
    assert!(invalid_reason(r, 204).contains("not JSON"));
}

// ---- successes ----

#[test]
fn the_value_returned_is_the_apis_object_with_unknown_fields_kept() {
    let mut org = organization("o1");
    org["added_in_2030"] = json!({ "nested": [1, 2] });
    org["meta"]["tenant_flags"] = json!({ "account_creation": "enabled", "future_flag": "x" });
    org["parent"] = Value::Null;
    org["profile"] = Value::Null;
    let body = json!({ "success": true, "errors": [], "messages": [], "result": org.clone(),
                       "extra_envelope_field": 1 })
    .to_string();
    assert_eq!(read_org(200, &body).unwrap(), Outcome::Value(org));
}

#[test]
fn meta_flags_and_tenant_flags_are_both_tolerated() {
    for meta in [
        json!({ "flags": { "account_creation": "enabled" } }),
        json!({ "tenant_flags": { "account_creation": "enabled" } }),
        json!({ "flags": {}, "tenant_flags": {} }),
        json!({}),
        json!(null),
    ] {
        let mut org = organization("o1");
        org["meta"] = meta;
        assert_eq!(
            read_org(200, &envelope(org.clone())).unwrap(),
            Outcome::Value(org)
        );
    }
}

#[test]
fn nulls_are_tolerated_in_optional_fields() {
    let account = json!({ "id": "acc1", "name": null, "type": "standard", "created_on": "2025-01-01",
                          "settings": null });
    let account2 = json!({ "id": "acc2", "name": "Main", "type": "enterprise", "created_on": null,
                           "settings": { "abuse_contact_email": null, "enforce_twofactor": null } });
    let body = json!({ "success": true, "errors": null, "messages": null,
                       "result": [account.clone(), account2.clone()],
                       "result_info": { "next_page_token": null, "total_size": null } })
    .to_string();
    let r = read(
        ResultShape::AccountPage,
        Method::Get,
        "/organizations/o1/accounts",
        &head(200),
        body.as_str(),
    );
    let Outcome::Page {
        items,
        result_info,
        next_page_token,
    } = r.unwrap()
    else {
        panic!()
    };
    assert_eq!(items, json!([account, account2]));
    assert_eq!(
        result_info,
        Some(json!({ "next_page_token": null, "total_size": null }))
    );
    assert_eq!(next_page_token, None);
}

#[test]
fn a_page_carries_its_items_result_info_and_next_token() {
    let items = json!([organization("a"), organization("b")]);
    let r = read(
        ResultShape::OrganizationPage,
        Method::Get,
        "/organizations",
        &head(200),
        page(items.clone(), Some("tok-2")).as_str(),
    );
    assert_eq!(
        r.unwrap(),
        Outcome::Page {
            items,
            result_info: Some(json!({ "total_size": 10, "next_page_token": "tok-2" })),
            next_page_token: Some("tok-2".into()),
        }
    );
}

#[test]
fn an_empty_next_page_token_means_no_more_pages() {
    let r = read(
        ResultShape::OrganizationPage,
        Method::Get,
        "/organizations",
        &head(200),
        page(json!([]), Some("")).as_str(),
    );
    let Outcome::Page {
        items,
        next_page_token,
        result_info,
    } = r.unwrap()
    else {
        panic!()
    };
    assert_eq!(items, json!([]));
    assert_eq!(next_page_token, None);
    assert_eq!(
        result_info,
        Some(json!({ "total_size": 10, "next_page_token": "" }))
    );
}

#[test]
fn a_page_without_result_info_has_no_next_page() {
    for info in [None, Some(json!(null)), Some(json!("x"))] {
        let mut body = json!({ "success": true, "errors": [], "messages": [], "result": [] });
        if let Some(info) = info.clone() {
            body["result_info"] = info;
        }
        let r = read(
            ResultShape::AccountPage,
            Method::Get,
            "/organizations/o/accounts",
            &head(200),
            body.to_string().as_str(),
        );
        let Outcome::Page {
            next_page_token,
            result_info,
            ..
        } = r.unwrap()
        else {
            panic!()
        };
        assert_eq!(next_page_token, None, "{info:?}");
        assert_eq!(
            result_info.is_some(),
            info.as_ref().is_some_and(Value::is_object)
        );
    }
}

#[test]
fn a_next_page_token_that_is_not_a_string_is_refused() {
    // Read as "no more pages", it would end a listing early without a word.
    for token in [json!(5), json!(true), json!({ "t": "x" })] {
        let body = json!({ "success": true, "errors": [], "messages": [], "result": [],
                          "result_info": { "next_page_token": token } });
        let r = read(
            ResultShape::OrganizationPage,
            Method::Get,
            "/organizations",
            &head(200),
            body.to_string().as_str(),
        );
        let reason = invalid_reason(r, 200);
        assert!(
            reason.contains("result_info.next_page_token` must be a string"),
            "{token}: {reason}"
        );
    }
}

#[test]
fn delete_and_profile_results() {
    let r = read(
        ResultShape::Deleted,
        Method::Delete,
        "/organizations/o1",
        &head(200),
        envelope(json!({ "id": "o1" })).as_str(),
    );
    assert_eq!(r.unwrap(), Outcome::Value(json!({ "id": "o1" })));
    let profile = json!({ "business_name": "A", "business_email": "e", "business_phone": "p",
                          "business_address": "a", "external_metadata": "" });
    let r = read(
        ResultShape::Profile,
        Method::Get,
        "/organizations/o1/profile",
        &head(200),
        envelope(profile.clone()).as_str(),
    );
    assert_eq!(r.unwrap(), Outcome::Value(profile));
}

// ---- API errors ----

#[test]
fn a_200_with_success_false_is_an_api_error_with_status_200() {
    let e = api(read_org(200, &error_envelope(1000, "not allowed")));
    assert_eq!(e.status, 200);
    assert_eq!(
        e.errors,
        vec![ResponseMessage {
            code: 1000,
            message: "not allowed".into(),
            ..Default::default()
        }]
    );
    assert_eq!(e.body_snippet, None);
    let err = Error::Api(Box::new(e));
    assert_eq!(err.class_name(), "ApiError");
    assert_eq!(
        err.message(),
        "200 on GET /organizations/o1: not allowed (code 1000)"
    );
}

#[test]
fn error_statuses_map_to_their_classes() {
    let table = [
        (400, "BadRequestError"),
        (401, "AuthenticationError"),
        (403, "PermissionDeniedError"),
        (404, "NotFoundError"),
        (405, "ApiError"),
        (408, "ApiError"),
        (409, "ConflictError"),
        (410, "ApiError"),
        (422, "UnprocessableEntityError"),
        (429, "RateLimitError"),
        (500, "InternalServerError"),
        (502, "InternalServerError"),
        (503, "InternalServerError"),
        (504, "InternalServerError"),
        (520, "InternalServerError"),
        (599, "InternalServerError"),
    ];
    for (status, class) in table {
        let r = read(
            ResultShape::Organization,
            Method::Post,
            "/organizations",
            &head_ray(status, "8f1c2d3e4f5a6b7c-SJC"),
            error_envelope(7003, "boom").as_str(),
        );
        let err = r.unwrap_err();
        assert_eq!(err.class_name(), class, "{status}");
        let Error::Api(e) = &err else { panic!() };
        assert_eq!(e.status, status);
        assert_eq!(e.errors[0].code, 7003);
        assert_eq!(e.ray_id.as_deref(), Some("8f1c2d3e4f5a6b7c-SJC"));
        assert_eq!(e.method, Method::Post);
        assert_eq!(e.path, "/organizations");
    }
}

#[test]
fn an_html_502_is_an_api_error_with_no_errors_and_a_short_snippet() {
    let html = format!(
        "<html><head><title>502 Bad Gateway</title></head><body>{}</body></html>",
        "x".repeat(500)
    );
    let h = ResponseHead {
        status: 502,
        ray_id: Some("r1".into()),
        retry_after_ms: Some(1000),
    };
    let err = read(
        ResultShape::Organization,
        Method::Get,
        "/organizations/o1",
        &h,
        html.as_str(),
    )
    .unwrap_err();
    assert_eq!(err.class_name(), "InternalServerError");
    let Error::Api(e) = &err else { panic!() };
    assert_eq!(e.errors, vec![]);
    assert_eq!(e.messages, vec![]);
    let snippet = e.body_snippet.as_deref().unwrap();
    assert!(snippet.chars().count() <= SNIPPET_CHARS);
    assert_eq!(SNIPPET_CHARS, 200);
    assert!(snippet.starts_with("<html><head><title>502 Bad Gateway"));
    assert_eq!(e.retry_after_ms, Some(1000));
    assert_eq!(
        err.message(),
        "502 on GET /organizations/o1: the error body is not a JSON envelope [ray r1]"
    );
}

#[test]
fn an_error_status_with_an_empty_or_non_object_body() {
    for body in [
        "",
        "null",
        "[1,2]",
        "\"Service Unavailable\"",
        "{\"errors\":",
    ] {
        let e = api(read_org(503, body));
        assert_eq!(e.errors, vec![]);
        assert_eq!(e.body_snippet.as_deref(), Some(body));
    }
    // An object without details is an envelope, just an empty one.
    let e = api(read_org(404, "{}"));
    assert_eq!(e.body_snippet, None);
    assert_eq!(
        Error::Api(Box::new(e)).message(),
        "404 on GET /organizations/o1: no error details in the response"
    );
}

#[test]
fn snippets_count_characters_not_bytes() {
    let body = "é".repeat(300);
    let e = api(read_org(500, &body));
    assert_eq!(e.body_snippet.unwrap(), "é".repeat(200));
}

#[test]
fn errors_and_messages_carry_documentation_url_and_source_pointer() {
    let body = json!({
        "success": false,
        "errors": [
            { "code": 1001, "message": "name is invalid",
              "documentation_url": "https://developers.cloudflare.com/x",
              "source": { "pointer": "/name" } },
            { "code": 1002.0, "message": "second" },
            "not an object",
            { "message": 5, "code": "x" }
        ],
        "messages": [{ "code": 10, "message": "deprecated filter", "source": { "pointer": 3 } }],
        "result": null
    })
    .to_string();
    let e = api(read(
        ResultShape::Organization,
        Method::Post,
        "/organizations",
        &head(400),
        body.as_str(),
    ));
    assert_eq!(
        e.errors,
        vec![
            ResponseMessage {
                code: 1001,
                message: "name is invalid".into(),
                documentation_url: Some("https://developers.cloudflare.com/x".into()),
                source: Some(MessageSource {
                    pointer: Some("/name".into()),
                }),
            },
            ResponseMessage {
                code: 1002,
                message: "second".into(),
                ..Default::default()
            },
            ResponseMessage::default(),
        ]
    );
    assert_eq!(
        e.messages,
        vec![ResponseMessage {
            code: 10,
            message: "deprecated filter".into(),
            ..Default::default()
        }]
    );
    let err = Error::Api(Box::new(e));
    assert_eq!(
        err.message(),
        "400 on POST /organizations: name is invalid (code 1001); second (code 1002);  (code 0)"
    );
}

#[test]
fn negative_and_huge_error_codes_do_not_break() {
    let body = json!({ "success": false, "errors": [{ "code": -5, "message": "neg" },
                                                     { "code": 1e300, "message": "huge" }] })
    .to_string();
    let e = api(read_org(400, &body));
    assert_eq!(e.errors[0].code, -5);
    // Clamped to 2^53 - 1, the largest integer a JS number holds exactly, so that the code
    // crosses to JS unchanged (it was i64::MAX, which JS rounds).
    assert_eq!(e.errors[1].code, 9_007_199_254_740_991);
    assert!(Error::Api(Box::new(e)).message().contains("neg (code -5)"));
}

#[test]
fn the_same_reader_serves_the_next_response_normally() {
    for bad in ["<html>", "", "{}", "{\"success\":true}"] {
        assert!(read_org(200, bad).is_err());
        assert_eq!(
            read_org(200, &envelope(organization("o1"))).unwrap(),
            Outcome::Value(organization("o1"))
        );
    }
}

#[test]
fn response_head_reads_the_wait_headers() {
    let h = ResponseHead::new(429, Some("ray".into()), Some("3"), None, 0.0);
    assert_eq!(
        h,
        ResponseHead {
            status: 429,
            ray_id: Some("ray".into()),
            retry_after_ms: Some(3000)
        }
    );
    let h = ResponseHead::new(503, None, Some("3"), Some("250"), 0.0);
    assert_eq!(h.retry_after_ms, Some(250));
    let h = ResponseHead::new(200, None, None, None, 0.0);
    assert_eq!(h.retry_after_ms, None);
}

#[test]
fn the_new_results_are_checked_for_what_the_client_relies_on() {
    let ok = |shape, result: Value| {
        read(
            shape,
            Method::Get,
            "/organizations/o",
            &head(200),
            envelope(result).as_str(),
        )
    };
    let invalid = |shape, result: Value, fragment: &str| match ok(shape, result) {
        Err(Error::InvalidResponse { reason, .. }) => {
            assert!(reason.contains(fragment), "{reason}")
        }
        other => panic!("{shape:?}: {other:?}"),
    };
    assert!(matches!(
        ok(ResultShape::UsageRecords, json!([{ "BilledCost": 1.5 }])),
        Ok(Outcome::Value(v)) if v[0]["BilledCost"] == json!(1.5)
    ));
    invalid(
        ResultShape::UsageRecords,
        json!({}),
        "`result` must be an array, not an object",
    );
    invalid(
        ResultShape::Members,
        json!([{ "id": 1 }]),
        "`result[0].id` must be a string",
    );
    invalid(
        ResultShape::Member,
        json!({ "status": "active" }),
        "`result.id` is missing",
    );
    invalid(
        ResultShape::MemberPage,
        json!([{}]),
        "`result[0].id` is missing",
    );
    invalid(
        ResultShape::SharePage,
        json!([{ "id": "s" }]),
        "`result[0].name` is missing",
    );
    invalid(
        ResultShape::AuditPage,
        json!(["x"]),
        "`result[0]` must be an object",
    );
    let history = json!({
        "success": true, "errors": [], "result": [{ "id": "a", "later_field": 1 }],
        "result_info": { "count": 1, "cursor": "c1", "history_status": "approximate" }
    });
    match read(
        ResultShape::AuditHistoryPage,
        Method::Get,
        "/organizations/o/logs/audit/a/history",
        &head(200),
        history.to_string().as_str(),
    ) {
        Ok(Outcome::Page {
            items,
            result_info,
            next_page_token,
        }) => {
            assert_eq!(items[0]["later_field"], json!(1));
            assert_eq!(result_info.unwrap()["history_status"], json!("approximate"));
            assert_eq!(next_page_token.as_deref(), Some("c1"));
        }
        other => panic!("{other:?}"),
    }
}
