//! The nine operations after the seed's eight (API.md, "The rest of the Organizations API"):
//! each one's request, its parameters in the API's names and forms, and every bad input the
//! issue names refused with the field and the reason before anything is sent.

mod common;

use cloudflare_organizations_core::endpoint::{self, Method, Operation, Paging, OPERATIONS};
use cloudflare_organizations_core::{prepare, Error, Prepared};
use common::assert_validation;
use serde_json::{json, Value};

const ORG: &str = "0123456789abcdef0123456789abcdef";

fn run(op: Operation, ids: &[&str], input: Option<Value>) -> Result<Prepared, Error> {
    let ids: Vec<Value> = ids.iter().map(|id| json!(id)).collect();
    let ids: Vec<&Value> = ids.iter().collect();
    prepare(op, &ids, input.as_ref())
}

/// The first request's path and query.
fn request(op: Operation, ids: &[&str], input: Value) -> (String, String) {
    let prepared = run(op, ids, Some(input)).expect("a valid call");
    (prepared.endpoint.path, prepared.endpoint.query)
}

fn audit(params: Value) -> String {
    let mut all = json!({ "since": "2026-11-01", "before": "2026-11-08" });
    for (k, v) in params.as_object().unwrap() {
        all[k] = v.clone();
    }
    let query = request(endpoint::AUDIT_LIST, &[ORG], all).1;
    query
        .strip_prefix("since=2026-11-01&before=2026-11-08")
        .map(|rest| rest.trim_start_matches('&').to_string())
        .expect("since and before first")
}

#[test]
fn the_table_has_the_seventeen_operations_with_their_methods_and_paths() {
    let table: Vec<(&str, Method, &str)> = OPERATIONS
        .iter()
        .map(|op| (op.name, op.method, op.path))
        .collect();
    assert_eq!(table.len(), 17);
    for (name, method, path) in [
        (
            "logs.audit.list",
            Method::Get,
            "/organizations/{organization_id}/logs/audit",
        ),
        (
            "logs.audit.history",
            Method::Get,
            "/organizations/{organization_id}/logs/audit/{id}/history",
        ),
        (
            "billing.usage.get",
            Method::Get,
            "/organizations/{organization_id}/billable/usage",
        ),
        (
            "members.batchCreate",
            Method::Post,
            "/organizations/{organization_id}/members:batchCreate",
        ),
        (
            "members.delete",
            Method::Delete,
            "/organizations/{organization_id}/members/{member_id}",
        ),
        (
            "shares.list",
            Method::Get,
            "/organizations/{organization_id}/shares",
        ),
    ] {
        assert!(table.contains(&(name, method, path)), "{name}");
    }
    let mut names: Vec<&str> = table.iter().map(|t| t.0).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 17, "names are unique");
}

#[test]
fn each_new_operation_builds_its_path_from_its_ids() {
    let since = json!({ "since": "2026-11-01", "before": "2026-11-02", "action_time": "2026-11-01T10:00:00Z" });
    for (op, ids, input, path) in [
        (
            endpoint::AUDIT_LIST,
            &["o/1"][..],
            json!({ "since": "2026-11-01", "before": "2026-11-02" }),
            "/organizations/o%2F1/logs/audit",
        ),
        (
            endpoint::AUDIT_HISTORY,
            &["o1", "log 1"][..],
            since,
            "/organizations/o1/logs/audit/log%201/history",
        ),
        (
            endpoint::USAGE_GET,
            &["o1"][..],
            json!({}),
            "/organizations/o1/billable/usage",
        ),
        (
            endpoint::MEMBERS_LIST,
            &["o1"][..],
            json!({}),
            "/organizations/o1/members",
        ),
        (
            endpoint::MEMBERS_GET,
            &["o1", "m?1"][..],
            json!(null),
            "/organizations/o1/members/m%3F1",
        ),
        (
            endpoint::MEMBERS_DELETE,
            &["o1", "m1"][..],
            json!(null),
            "/organizations/o1/members/m1",
        ),
        (
            endpoint::SHARES_LIST,
            &["o1"][..],
            json!({}),
            "/organizations/o1/shares",
        ),
    ] {
        assert_eq!(request(op, ids, input).0, path, "{}", op.name);
    }
}

#[test]
fn a_missing_second_id_is_named() {
    assert_validation(
        run(endpoint::MEMBERS_GET, &["o1"], None),
        "memberId",
        "is required",
    );
    let history = json!({ "action_time": "2026-11-01T00:00:00Z", "since": "2026-11-01", "before": "2026-11-02" });
    assert_validation(
        run(endpoint::AUDIT_HISTORY, &["o1"], Some(history)),
        "logId",
        "is required",
    );
}

#[test]
fn dot_segment_member_and_log_ids_are_refused() {
    for id in ["..", ".", "%2e%2E", ""] {
        let why = if id.is_empty() {
            "must not be empty"
        } else {
            "must not be"
        };
        assert_validation(
            run(endpoint::MEMBERS_GET, &["o1", id], None),
            "memberId",
            why,
        );
        assert_validation(
            run(endpoint::MEMBERS_DELETE, &["o1", id], None),
            "memberId",
            why,
        );
        let history = json!({ "action_time": "2026-11-01T00:00:00Z", "since": "2026-11-01", "before": "2026-11-02" });
        assert_validation(
            run(endpoint::AUDIT_HISTORY, &["o1", id], Some(history)),
            "logId",
            why,
        );
    }
}

#[test]
fn audit_filters_are_sent_as_value_repeated_keys_or_their_not_form() {
    assert_eq!(
        audit(json!({ "actor_email": "a@x.io" })),
        "actor_email=a%40x.io"
    );
    assert_eq!(
        audit(json!({ "actor_email": ["a@x.io", "b@x.io"] })),
        "actor_email=a%40x.io&actor_email=b%40x.io"
    );
    assert_eq!(
        audit(json!({ "action_type": { "not": "view" } })),
        "action_type.not=view"
    );
    assert_eq!(
        audit(json!({ "action_type": { "not": ["view", "delete"] }, "action_result": "success" })),
        "action_result=success&action_type.not=view&action_type.not=delete"
    );
    assert_eq!(
        audit(json!({ "raw_status_code": [200, 204], "raw_method": { "not": "GET" } })),
        "raw_method.not=GET&raw_status_code=200&raw_status_code=204"
    );
    assert_eq!(
        audit(json!({ "direction": "asc", "limit": 1000, "resource_scope": "organizations" })),
        "direction=asc&limit=1000&resource_scope=organizations"
    );
}

#[test]
fn every_audit_filter_of_the_spec_is_taken_in_both_forms() {
    for filter in [
        "action_result",
        "action_type",
        "actor_context",
        "actor_email",
        "actor_id",
        "actor_ip_address",
        "actor_token_id",
        "actor_token_name",
        "actor_type",
        "id",
        "raw_cf_ray_id",
        "raw_method",
        "raw_uri",
        "resource_id",
        "resource_product",
        "resource_scope",
        "resource_type",
    ] {
        let value = match filter {
            "action_result" => "failure",
            "action_type" => "update",
            "actor_context" => "api_token",
            "actor_type" => "user",
            "resource_scope" => "organizations",
            _ => "v",
        };
        let mut is = json!({});
        is[filter] = json!(value);
        let mut not = json!({});
        not[filter] = json!({ "not": [value] });
        assert_eq!(audit(is), format!("{filter}={value}"));
        assert_eq!(audit(not), format!("{filter}.not={value}"));
    }
}

#[test]
fn audit_times_are_sent_as_given() {
    let (_, query) = request(
        endpoint::AUDIT_LIST,
        &[ORG],
        json!({ "since": "2026-11-01T10:00:00.000Z", "before": "2026-11-08T00:00:00+02:00" }),
    );
    assert_eq!(
        query,
        "since=2026-11-01T10%3A00%3A00.000Z&before=2026-11-08T00%3A00%3A00%2B02%3A00"
    );
}

#[test]
fn audit_since_and_before_are_required_dates_in_order() {
    let list = |params: Value| run(endpoint::AUDIT_LIST, &[ORG], Some(params));
    assert_validation(
        run(endpoint::AUDIT_LIST, &[ORG], None),
        "since",
        "is required",
    );
    assert_validation(
        list(json!({ "before": "2026-11-02" })),
        "since",
        "is required",
    );
    assert_validation(
        list(json!({ "since": "2026-11-02" })),
        "before",
        "is required",
    );
    for bad in [
        "yesterday",
        "2026-13-01",
        "2026-02-30",
        "2026-11-01T25:00:00Z",
        "2026-11-01 10:00",
    ] {
        assert_validation(
            list(json!({ "since": bad, "before": "2026-11-02" })),
            "since",
            "must be a date (YYYY-MM-DD), an RFC 3339 time or a Date",
        );
    }
    assert_validation(
        list(json!({ "since": 20261101, "before": "2026-11-02" })),
        "since",
        "must be a string, not a number",
    );
    assert_validation(
        list(json!({ "since": "2026-11-03", "before": "2026-11-02T23:59:59Z" })),
        "since",
        "must not be after before",
    );
    // The same instant in another offset is not "after".
    assert!(list(
        json!({ "since": "2026-11-02T02:00:00+02:00", "before": "2026-11-02T00:00:00Z" })
    )
    .is_ok());
}

#[test]
fn audit_enumerated_filters_and_limit_are_checked() {
    let list = |extra: Value| {
        let mut params = json!({ "since": "2026-11-01", "before": "2026-11-02" });
        for (k, v) in extra.as_object().unwrap() {
            params[k] = v.clone();
        }
        run(endpoint::AUDIT_LIST, &[ORG], Some(params))
    };
    assert_validation(
        list(json!({ "action_type": "eat" })),
        "action_type",
        "must be one of: create, delete, view, update",
    );
    assert_validation(
        list(json!({ "actor_type": ["user", "robot"] })),
        "actor_type.1",
        "must be one of: cloudflare_admin, system, user",
    );
    assert_validation(
        list(json!({ "actor_context": { "not": ["sso"] } })),
        "actor_context.not.0",
        "must be one of: api_key, api_token, dash, oauth, origin_ca_key",
    );
    assert_validation(
        list(json!({ "limit": 0 })),
        "limit",
        "must be an integer from 1 to 1000",
    );
    assert_validation(
        list(json!({ "limit": 1001 })),
        "limit",
        "must be an integer from 1 to 1000",
    );
    assert_validation(
        list(json!({ "limit": 2.5 })),
        "limit",
        "must be an integer from 1 to 1000",
    );
    assert_validation(
        list(json!({ "actor_email": { "is": "a" } })),
        "actor_email.is",
        "is not a filter this list takes",
    );
    assert_validation(
        list(json!({ "actor_email": 5 })),
        "actor_email",
        "must be a string or an array of strings, not a number",
    );
    assert_validation(
        list(json!({ "actor_email": true })),
        "actor_email",
        "must be a value, an array of values or { not: value | value[] }, not a boolean",
    );
    assert_validation(
        list(json!({ "actor_email": { "not": null } })),
        "actor_email.not",
        "must be a string or an array of strings, not null",
    );
    assert_validation(
        list(json!({ "actor": "x" })),
        "actor",
        "is not a filter this list takes",
    );
    assert_validation(
        list(json!({ "raw_status_code": "200" })),
        "raw_status_code",
        "must be a number or an array of numbers, not a string",
    );
}

#[test]
fn history_takes_the_entry_time_and_its_range() {
    let (_, query) = request(
        endpoint::AUDIT_HISTORY,
        &[ORG, "log1"],
        json!({ "action_time": "2026-11-01T10:00:00Z", "since": "2026-10-01", "before": "2026-11-02", "limit": 5, "direction": "asc" }),
    );
    assert_eq!(
        query,
        "action_time=2026-11-01T10%3A00%3A00Z&since=2026-10-01&before=2026-11-02&direction=asc&limit=5"
    );
    assert_validation(
        run(
            endpoint::AUDIT_HISTORY,
            &[ORG, "log1"],
            Some(json!({ "since": "2026-10-01", "before": "2026-11-02" })),
        ),
        "action_time",
        "is required",
    );
    assert_validation(
        run(
            endpoint::AUDIT_HISTORY,
            &[ORG, "log1"],
            Some(
                json!({ "action_time": "2026-11-01T10:00:00Z", "since": "2026-11-03", "before": "2026-11-02" }),
            ),
        ),
        "since",
        "must not be after before",
    );
}

#[test]
fn usage_takes_both_days_or_neither_within_31_days() {
    let usage = |params: Value| run(endpoint::USAGE_GET, &[ORG], Some(params));
    assert_eq!(request(endpoint::USAGE_GET, &[ORG], json!({})).1, "");
    assert_eq!(
        request(
            endpoint::USAGE_GET,
            &[ORG],
            json!({ "from": "2026-10-01", "to": "2026-11-01" })
        )
        .1,
        "from=2026-10-01&to=2026-11-01"
    );
    // A JS Date arrives as its RFC 3339 text and stands for its UTC day.
    assert_eq!(
        request(
            endpoint::USAGE_GET,
            &[ORG],
            json!({ "from": "2026-11-01T23:30:00.000Z", "to": "2026-11-02T00:00:00.000Z" })
        )
        .1,
        "from=2026-11-01&to=2026-11-02"
    );
    assert!(
        usage(json!({ "from": "2026-11-01", "to": "2026-11-01" })).is_ok(),
        "one day"
    );
    assert_validation(
        usage(json!({ "from": "2026-11-01" })),
        "to",
        "is required with from",
    );
    assert_validation(
        usage(json!({ "to": "2026-11-01" })),
        "from",
        "is required with to",
    );
    assert_validation(
        usage(json!({ "from": "2026-11-05", "to": "2026-11-01" })),
        "from",
        "must not be after to",
    );
    assert_validation(
        usage(json!({ "from": "2026-10-01", "to": "2026-11-02" })),
        "to",
        "must be at most 31 days after from",
    );
    assert_validation(
        usage(json!({ "from": "soon", "to": "2026-11-02" })),
        "from",
        "must be a date",
    );
}

#[test]
fn member_filters_use_the_apis_dotted_names() {
    let list = |params: Value| request(endpoint::MEMBERS_LIST, &[ORG], params).1;
    assert_eq!(list(json!({ "status": "active" })), "status=active");
    assert_eq!(
        list(json!({ "status": ["active", "pending"], "page_size": 50 })),
        "status=active&status=pending&page_size=50"
    );
    assert_eq!(
        list(json!({ "user": { "email": "a@x.io" } })),
        "user.email=a%40x.io"
    );
    assert_eq!(
        list(json!({ "user": { "email": { "contains": "acme", "startsWith": "j" } } })),
        "user.email.startsWith=j&user.email.contains=acme"
    );
    let prepared = run(
        endpoint::MEMBERS_LIST,
        &[ORG],
        Some(json!({ "page_token": "t1" })),
    )
    .unwrap();
    assert_eq!(prepared.endpoint.query, "page_token=t1");
    assert_eq!(prepared.list.unwrap().paging, Paging::PageToken);
    assert_validation(
        run(
            endpoint::MEMBERS_LIST,
            &[ORG],
            Some(json!({ "status": "gone" })),
        ),
        "status",
        "must be one of: active, pending, rejected, canceled",
    );
    assert_validation(
        run(
            endpoint::MEMBERS_LIST,
            &[ORG],
            Some(json!({ "user": { "name": "x" } })),
        ),
        "user.name",
        "is not a filter this list takes",
    );
}

#[test]
fn share_filters_and_page_numbers() {
    let prepared = run(
        endpoint::SHARES_LIST,
        &[ORG],
        Some(json!({
            "status": "active", "kind": "sent", "target_type": "account",
            "resource_types": ["custom-ruleset", "gateway-policy"],
            "order": "name", "direction": "desc", "page": 3, "per_page": 100
        })),
    )
    .unwrap();
    let filters = "status=active&kind=sent&target_type=account&resource_types=custom-ruleset&resource_types=gateway-policy&order=name&direction=desc&per_page=100";
    assert_eq!(prepared.endpoint.query, format!("{filters}&page=3"));
    let list = prepared.list.unwrap();
    assert_eq!(list.paging, Paging::PageNumber);
    assert_eq!(list.filters, filters);
    let shares = |params: Value| run(endpoint::SHARES_LIST, &[ORG], Some(params));
    assert_validation(
        shares(json!({ "per_page": 101 })),
        "per_page",
        "must be an integer from 1 to 100",
    );
    assert_validation(
        shares(json!({ "per_page": 0 })),
        "per_page",
        "must be an integer from 1 to 100",
    );
    assert_validation(
        shares(json!({ "page": 0 })),
        "page",
        "must be an integer from 1",
    );
    assert_validation(
        shares(json!({ "kind": "lent" })),
        "kind",
        "must be one of: sent, received",
    );
    assert_validation(
        shares(json!({ "resource_types": "custom-ruleset" })),
        "resource_types",
        "must be an array, not a string",
    );
}

#[test]
fn a_member_is_sent_inside_member_and_a_batch_inside_members() {
    let body =
        |op: Operation, input: Value| run(op, &[ORG], Some(input)).unwrap().endpoint.body.unwrap();
    let one = json!({ "user": { "email": "a@x.io" }, "status": "active" });
    let sent: Value = serde_json::from_str(&body(endpoint::MEMBERS_CREATE, one.clone())).unwrap();
    assert_eq!(sent, json!({ "member": one }));
    let batch = json!([{ "user": { "email": "a@x.io" } }, { "user": { "email": "b@x.io" } }]);
    let sent: Value =
        serde_json::from_str(&body(endpoint::MEMBERS_BATCH_CREATE, batch.clone())).unwrap();
    assert_eq!(sent, json!({ "members": batch }));
}

#[test]
fn a_body_not_given_is_required_under_the_name_of_the_whole_body() {
    for (op, ids, whole) in [
        (endpoint::CREATE, &[][..], "body"),
        (endpoint::UPDATE, &[ORG][..], "body"),
        (endpoint::UPDATE_PROFILE, &[ORG][..], "profile"),
        (endpoint::MEMBERS_CREATE, &[ORG][..], "member"),
        (endpoint::MEMBERS_BATCH_CREATE, &[ORG][..], "members"),
    ] {
        assert_eq!(
            run(op, ids, None),
            Err(Error::validation(whole, "is required")),
            "{}",
            op.name
        );
    }
}

#[test]
fn bad_members_are_refused_with_their_field() {
    let create = |input: Value| run(endpoint::MEMBERS_CREATE, &[ORG], Some(input));
    let batch = |input: Value| run(endpoint::MEMBERS_BATCH_CREATE, &[ORG], Some(input));
    assert_validation(create(json!({})), "user", "is required");
    assert_validation(create(json!({ "user": {} })), "user.email", "is required");
    assert_validation(
        create(json!({ "user": { "email": "" } })),
        "user.email",
        "must not be empty",
    );
    assert_validation(
        create(json!({ "user": { "email": 1 } })),
        "user.email",
        "must be a string, not a number",
    );
    assert_validation(
        create(json!({ "user": { "email": "a@x.io" }, "status": "pending" })),
        "status",
        "must be one of: active, canceled",
    );
    assert_validation(
        create(json!({ "user": { "email": "a@x.io" }, "role": "admin" })),
        "role",
        "is not a field the API defines for this body",
    );
    assert_validation(create(json!(null)), "member", "must be an object, not null");
    assert_validation(batch(json!([])), "members", "must not be empty");
    assert_validation(
        batch(json!({})),
        "members",
        "must be an array, not an object",
    );
    assert_validation(
        batch(
            json!([{ "user": { "email": "a@x.io" } }, { "user": { "email": "b@x.io", "name": "B" } }]),
        ),
        "members.1.user.name",
        "is not a field the API defines for this body",
    );
    assert_validation(
        batch(json!([{ "user": { "email": "a@x.io" }, "extra": true }])),
        "members.0.extra",
        "is not a field the API defines for this body",
    );
    assert_validation(
        batch(json!([{ "user": { "email": "" } }])),
        "members.0.user.email",
        "must not be empty",
    );
    let ten: Vec<Value> = (0..10)
        .map(|i| json!({ "user": { "email": format!("{i}@x.io") } }))
        .collect();
    assert!(batch(json!(ten)).is_ok(), "ten is the most, and allowed");
    let eleven: Vec<Value> = (0..11)
        .map(|i| json!({ "user": { "email": format!("{i}@x.io") } }))
        .collect();
    assert_validation(batch(json!(eleven)), "members", "at most 10");
}
