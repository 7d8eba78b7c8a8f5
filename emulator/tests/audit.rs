//! Audit logs: entries recorded from the emulator's own mutating requests, the seeded trail,
//! every filter and its `.not` form, the window, direction, cursor pages and the history route.

mod common;

use std::collections::HashSet;

use common::*;
use serde_json::{json, Value};

/// A window wide enough for the seed's few weeks and anything made during the test.
const WINDOW: &str = "since=2020-01-01&before=2100-01-01";

fn logs(e: &Emu, org: &str, query: &str) -> Value {
    ok(&e.get(&format!(
        "/organizations/{org}/logs/audit?{WINDOW}&limit=1000{query}"
    )))
}

fn entries(v: &Value) -> Vec<Value> {
    v["result"].as_array().unwrap().clone()
}

fn ray_of(r: &Resp) -> String {
    r.header("cf-ray")
        .unwrap()
        .split('-')
        .next()
        .unwrap()
        .to_owned()
}

#[test]
fn a_create_made_through_the_emulator_is_in_the_trail() {
    let e = Emu::start(&["--seed", "empty"]);
    let r = e.req(
        "POST",
        "/client/v4/organizations",
        &[
            AUTH,
            ("content-type", "application/json"),
            ("user-agent", "audit-test/1.0"),
        ],
        Some(r#"{"name":"Audited"}"#),
    );
    let id = ok(&r)["result"]["id"].as_str().unwrap().to_owned();
    let list = logs(&e, &id, "");
    assert_eq!(
        list["result_info"]["count"], "1",
        "count is a string, as the spec types it"
    );
    let entry = &list["result"][0];
    assert_eq!(entry["id"].as_str().unwrap().len(), 32);
    assert_eq!(entry["action"]["type"], "create");
    assert_eq!(entry["action"]["result"], "success");
    assert_eq!(entry["action"]["description"], "Create organization");
    assert!(entry["action"]["time"].as_str().unwrap().ends_with('Z'));
    assert_eq!(entry["actor"]["context"], "api_token");
    assert_eq!(entry["actor"]["email"], EMAIL);
    assert_eq!(entry["actor"]["type"], "user");
    assert_eq!(entry["actor"]["ip_address"], "127.0.0.1");
    let token_id = entry["actor"]["token_id"].as_str().unwrap();
    assert_eq!(token_id.len(), 32);
    assert!(!token_id.contains(TOKEN), "the token itself never appears");
    assert_eq!(entry["raw"]["method"], "POST");
    assert_eq!(entry["raw"]["uri"], "/organizations");
    assert_eq!(entry["raw"]["status_code"], 200);
    assert_eq!(entry["raw"]["cf_ray_id"], ray_of(&r));
    assert_eq!(entry["raw"]["user_agent"], "audit-test/1.0");
    assert_eq!(entry["resource"]["id"], id);
    assert_eq!(entry["resource"]["product"], "organizations");
    assert_eq!(entry["resource"]["type"], "organization");
    assert_eq!(entry["resource"]["scope"]["type"], "organizations");
    assert_eq!(entry["resource"]["request"], json!({"name": "Audited"}));
    assert_eq!(entry["organization"]["id"], id);
    assert!(
        !e.get("/__emulator/state").text().contains(TOKEN),
        "not in the state either"
    );
}

#[test]
fn every_mutation_leaves_an_entry_and_each_credential_its_actor() {
    let e = Emu::start(&[]);
    let initech = e.seed_id("Initech");
    let profile = json!({"business_name": "n", "business_email": "e@x.example", "business_phone": "1", "business_address": "a", "external_metadata": ""});
    let key = [
        ("x-auth-email", EMAIL),
        ("x-auth-key", KEY),
        ("content-type", "application/json"),
    ];
    let service = [
        ("x-auth-user-service-key", SERVICE_KEY),
        ("content-type", "application/json"),
    ];
    let sub = ok(&e.req(
        "POST",
        "/client/v4/organizations",
        &key,
        Some(&json!({"name": "Sub", "parent": {"id": initech}}).to_string()),
    ));
    let sub = sub["result"]["id"].as_str().unwrap().to_owned();
    ok(&e.api(
        "PUT",
        &format!("/organizations/{sub}"),
        Some(&json!({"name": "Sub 2"})),
    ));
    assert_eq!(
        e.req(
            "PUT",
            &format!("/client/v4/organizations/{sub}/profile"),
            &service,
            Some(&profile.to_string())
        )
        .status,
        204
    );
    let m = ok(&e.api(
        "POST",
        &format!("/organizations/{sub}/members"),
        Some(&json!({"member": {"user": {"email": "m@x.example"}}})),
    ));
    let member = m["result"]["id"].as_str().unwrap().to_owned();
    ok(&e.api("POST", &format!("/organizations/{sub}/members:batchCreate"), Some(&json!({"members": [{"user": {"email": "n@x.example"}}, {"user": {"email": "o@x.example"}}]}))));
    assert_eq!(
        e.api(
            "DELETE",
            &format!("/organizations/{sub}/members/{member}"),
            None
        )
        .status,
        204
    );
    // Reads leave nothing.
    ok(&e.get(&format!("/organizations/{sub}")));
    ok(&e.get(&format!("/organizations/{sub}/members")));
    ok(&e.api("DELETE", &format!("/organizations/{sub}"), None));

    let trail = entries(&logs(&e, &sub, "&direction=asc"));
    let summary: Vec<(String, String, String, u64)> = trail
        .iter()
        .map(|x| {
            (
                x["action"]["description"].as_str().unwrap().to_owned(),
                x["actor"]["context"].as_str().unwrap().to_owned(),
                x["raw"]["method"].as_str().unwrap().to_owned(),
                x["raw"]["status_code"].as_u64().unwrap(),
            )
        })
        .collect();
    let s = |a: &str, c: &str, m: &str, st: u64| (a.to_owned(), c.to_owned(), m.to_owned(), st);
    assert_eq!(
        summary,
        [
            s("Create organization", "api_key", "POST", 200),
            s("Update organization", "api_token", "PUT", 200),
            s("Update organization profile", "origin_ca_key", "PUT", 204),
            s("Add member", "api_token", "POST", 200),
            s("Add member", "api_token", "POST", 200),
            s("Add member", "api_token", "POST", 200),
            s("Remove member", "api_token", "DELETE", 204),
            s("Delete organization", "api_token", "DELETE", 200),
        ]
    );
    assert!(
        trail[0]["actor"].get("token_id").is_none(),
        "a key pair has no token id"
    );
    assert_eq!(trail[6]["resource"]["id"], member);
    assert_eq!(trail[0]["resource"]["request"]["parent"]["id"], initech);
    // The trail outlives the deleted organization; an id that never existed is a 404.
    assert_eq!(
        refusal(&e.get(&format!(
            "/organizations/{}/logs/audit?{WINDOW}",
            "0".repeat(32)
        ))),
        (404, 1003)
    );
}

#[test]
fn refused_changes_are_failures_and_faulted_requests_leave_nothing() {
    let e = Emu::start(&[]);
    let initech = e.seed_id("Initech");
    let globex = e.seed_id("Globex");
    let before = entries(&logs(&e, &globex, "")).len();
    let r = e.api(
        "PUT",
        &format!("/organizations/{globex}"),
        Some(&json!({"name": ""})),
    );
    assert_eq!(r.status, 400);
    let r2 = e.api("DELETE", &format!("/organizations/{globex}"), None);
    assert_eq!(r2.status, 409);
    let r3 = e.api(
        "POST",
        &format!("/organizations/{globex}/members"),
        Some(&json!({"member": {}})),
    );
    assert_eq!(r3.status, 400);
    let faulted = e.req(
        "DELETE",
        &format!("/client/v4/organizations/{initech}"),
        &[AUTH, ("cf-emulator-fault", "status=503")],
        None,
    );
    assert_eq!(faulted.status, 503);
    assert_eq!(
        e.api("GET", &format!("/organizations/{globex}/members"), None)
            .status,
        200
    );

    let failures = entries(&logs(&e, &globex, "&action_result=failure&direction=asc"));
    let fresh: Vec<&Value> = failures
        .iter()
        .filter(|x| x["actor"]["email"] == EMAIL && x["raw"]["user_agent"].is_null())
        .collect();
    assert_eq!(fresh.len(), 3, "{failures:?}");
    assert_eq!(fresh[0]["raw"]["status_code"], 400);
    assert_eq!(fresh[0]["raw"]["cf_ray_id"], ray_of(&r));
    assert_eq!(fresh[1]["raw"]["status_code"], 409);
    assert_eq!(fresh[1]["action"]["type"], "delete");
    assert_eq!(fresh[2]["action"]["description"], "Add member");
    assert!(
        fresh[2]["resource"].get("id").is_none(),
        "a refused create has no resource id"
    );
    assert_eq!(entries(&logs(&e, &globex, "")).len(), before + 3);
    let initech = entries(&logs(
        &e,
        &initech,
        &format!("&raw_cf_ray_id={}", ray_of(&faulted)),
    ));
    assert!(initech.is_empty(), "a faulted request was not served");
}

#[test]
fn the_seed_holds_a_few_weeks_in_time_order() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    let desc = entries(&logs(&e, &acme, ""));
    assert!(desc.len() >= 8, "{}", desc.len());
    let times: Vec<String> = desc
        .iter()
        .map(|x| x["action"]["time"].as_str().unwrap().to_owned())
        .collect();
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, sorted, "desc is the default");
    let oldest = times.last().unwrap();
    let newest = times.first().unwrap();
    assert!(oldest[..10] < newest[..10]);
    let asc = entries(&logs(&e, &acme, "&direction=asc"));
    let mut reversed = desc.clone();
    reversed.reverse();
    assert_eq!(asc, reversed);
    assert!(desc.iter().all(|x| x["organization"]["id"] == acme));
    let contexts: HashSet<&str> = desc
        .iter()
        .map(|x| x["actor"]["context"].as_str().unwrap())
        .collect();
    assert!(contexts.len() >= 2, "{contexts:?}");
    // The window: since inclusive, before exclusive, dates or RFC 3339 times.
    let t = &times[times.len() / 2];
    let from_t = entries(&ok(&e.get(&format!(
        "/organizations/{acme}/logs/audit?since={t}&before=2100-01-01&limit=1000"
    ))));
    assert_eq!(from_t.len(), times.len() / 2 + 1);
    let before_t = entries(&ok(&e.get(&format!(
        "/organizations/{acme}/logs/audit?since=2020-01-01&before={t}&limit=1000"
    ))));
    assert_eq!(before_t.len() + from_t.len(), times.len());
    assert!(entries(&ok(&e.get(&format!(
        "/organizations/{acme}/logs/audit?since=2020-01-01&before=2020-01-02"
    ))))
    .is_empty());
}

#[test]
fn filters_and_their_not_forms() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    let all = entries(&logs(&e, &acme, ""));
    let n = all.len();
    let get =
        |x: &Value, path: &str| -> Value { path.split('.').fold(x.clone(), |v, k| v[k].clone()) };
    // (parameter, field path in the entry)
    let cases = [
        ("action_result", "action.result"),
        ("action_type", "action.type"),
        ("actor_context", "actor.context"),
        ("actor_email", "actor.email"),
        ("actor_id", "actor.id"),
        ("actor_ip_address", "actor.ip_address"),
        ("actor_token_id", "actor.token_id"),
        ("actor_token_name", "actor.token_name"),
        ("actor_type", "actor.type"),
        ("id", "id"),
        ("raw_cf_ray_id", "raw.cf_ray_id"),
        ("raw_method", "raw.method"),
        ("raw_status_code", "raw.status_code"),
        ("raw_uri", "raw.uri"),
        ("resource_id", "resource.id"),
        ("resource_product", "resource.product"),
        ("resource_type", "resource.type"),
        ("resource_scope", "resource.scope.type"),
    ];
    for (param, path) in cases {
        let value = all
            .iter()
            .map(|x| get(x, path))
            .find(|v| !v.is_null())
            .unwrap_or_else(|| panic!("{path}"));
        let text = match &value {
            Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        let q = text.replace(' ', "%20").replace('/', "%2F");
        let yes = entries(&logs(&e, &acme, &format!("&{param}={q}")));
        let no = entries(&logs(&e, &acme, &format!("&{param}.not={q}")));
        assert!(!yes.is_empty(), "{param}");
        assert!(yes.iter().all(|x| get(x, path) == value), "{param}={text}");
        assert!(
            no.iter().all(|x| get(x, path) != value),
            "{param}.not={text}"
        );
        assert_eq!(
            yes.len() + no.len(),
            n,
            "{param} and {param}.not split the trail"
        );
    }
    // Repeated keys: any of.
    let creates = entries(&logs(&e, &acme, "&action_type=create")).len();
    let deletes = entries(&logs(&e, &acme, "&action_type=delete")).len();
    assert!(creates > 0 && deletes > 0);
    assert_eq!(
        entries(&logs(&e, &acme, "&action_type=create&action_type=delete")).len(),
        creates + deletes
    );
    assert_eq!(
        entries(&logs(
            &e,
            &acme,
            "&action_type.not=create&action_type.not=delete"
        ))
        .len(),
        n - creates - deletes
    );
    // Different filters combine with AND.
    let both = entries(&logs(
        &e,
        &acme,
        "&action_type=update&action_result=failure",
    ));
    assert!(!both.is_empty());
    assert!(both
        .iter()
        .all(|x| x["action"]["type"] == "update" && x["action"]["result"] == "failure"));
    assert_eq!(
        entries(&logs(&e, &acme, "&actor_email=ALICE@acme.example")).len(),
        entries(&logs(&e, &acme, "&actor_email=alice@acme.example")).len()
    );
}

#[test]
fn bad_queries() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    let base = format!("/organizations/{acme}/logs/audit");
    for q in [
        "",
        "since=2024-01-01",
        "before=2024-01-01",
        "since=yesterday&before=2024-01-01",
        "since=2024-01-01&before=2024-13-01",
        "since=2024-02-01&before=2024-01-01",
        "since=2024-01-01&before=2024-01-02&limit=0",
        "since=2024-01-01&before=2024-01-02&limit=1001",
        "since=2024-01-01&before=2024-01-02&limit=ten",
        "since=2024-01-01&before=2024-01-02&direction=up",
        "since=2024-01-01&before=2024-01-02&action_type=explode",
        "since=2024-01-01&before=2024-01-02&actor_context.not=cli",
        "since=2024-01-01&before=2024-01-02&actor_type=robot",
        "since=2024-01-01&before=2024-01-02&action_result=maybe",
        "since=2024-01-01&before=2024-01-02&resource_scope=accounts",
        "since=2024-01-01&before=2024-01-02&raw_status_code=OK",
        "since=2024-01-01&before=2024-01-02&actor.email=a",
        "since=2024-01-01&since=2024-01-02&before=2024-01-03",
        "since=2024-01-01&before=2024-01-02&limit=5&limit=6",
    ] {
        assert_eq!(refusal(&e.get(&format!("{base}?{q}"))), (400, 1002), "{q}");
    }
    assert_eq!(
        refusal(&e.get(&format!(
            "{base}?since=2024-01-01&before=2024-01-02&cursor=nope"
        ))),
        (400, 1006)
    );
}

#[test]
fn cursor_pages_follow_to_the_end() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    let emea = e.seed_id("Acme EMEA");
    let all: Vec<String> = field_of(&entries(&logs(&e, &acme, "")), "id");
    for direction in ["desc", "asc"] {
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut q =
                format!("/organizations/{acme}/logs/audit?{WINDOW}&limit=3&direction={direction}");
            if let Some(c) = &cursor {
                q.push_str(&format!("&cursor={c}"));
            }
            let v = ok(&e.get(&q));
            let page = field_of(&entries(&v), "id");
            assert_eq!(v["result_info"]["count"], page.len().to_string());
            seen.extend(page);
            match v["result_info"]["cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => break,
            }
            assert!(seen.len() <= all.len(), "the cursor advances");
        }
        let mut expected = all.clone();
        if direction == "asc" {
            expected.reverse();
        }
        assert_eq!(seen, expected, "{direction}");
    }
    // The limit may change between pages; the filters, window and direction may not.
    let v = ok(&e.get(&format!(
        "/organizations/{acme}/logs/audit?{WINDOW}&limit=2&action_type=update"
    )));
    let c = v["result_info"]["cursor"].as_str().unwrap();
    let next = ok(&e.get(&format!(
        "/organizations/{acme}/logs/audit?{WINDOW}&limit=5&action_type=update&cursor={c}"
    )));
    assert!(!entries(&next).is_empty());
    for other in [
        format!("{WINDOW}&action_type=create&cursor={c}"),
        format!("{WINDOW}&action_type=update&direction=asc&cursor={c}"),
        format!("since=2020-01-02&before=2100-01-01&action_type=update&cursor={c}"),
    ] {
        assert_eq!(
            refusal(&e.get(&format!("/organizations/{acme}/logs/audit?{other}"))),
            (400, 1006),
            "{other}"
        );
    }
    assert_eq!(
        refusal(&e.get(&format!(
            "/organizations/{emea}/logs/audit?{WINDOW}&limit=2&action_type=update&cursor={c}"
        ))),
        (400, 1006)
    );
}

fn history(e: &Emu, org: &str, entry: &Value, extra: &str) -> Resp {
    let time = entry["action"]["time"].as_str().unwrap();
    e.get(&format!(
        "/organizations/{org}/logs/audit/{}/history?action_time={time}&{WINDOW}{extra}",
        entry["id"].as_str().unwrap()
    ))
}

#[test]
fn history_of_an_entry() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    let all = entries(&logs(&e, &acme, ""));
    // Exact: the entries of the same resource.
    let update = all
        .iter()
        .find(|x| x["resource"]["type"] == "organization")
        .unwrap();
    let v = ok(&history(&e, &acme, update, ""));
    assert_eq!(v["result_info"]["history_status"], "exact");
    let list = entries(&v);
    assert_eq!(v["result_info"]["count"], list.len(), "a number here");
    assert!(list.iter().any(|x| x["id"] == update["id"]));
    assert!(list
        .iter()
        .all(|x| x["resource"]["id"] == update["resource"]["id"]
            && x["resource"]["type"] == "organization"));
    let expected = all
        .iter()
        .filter(|x| {
            x["resource"]["type"] == "organization"
                && x["resource"]["id"] == update["resource"]["id"]
        })
        .count();
    assert_eq!(list.len(), expected);
    // Pages and direction as in the list.
    let first = ok(&history(&e, &acme, update, "&limit=1&direction=asc"));
    assert_eq!(entries(&first).len(), 1);
    let c = first["result_info"]["cursor"].as_str().unwrap();
    let second = ok(&history(
        &e,
        &acme,
        update,
        &format!("&limit=1&direction=asc&cursor={c}"),
    ));
    assert_ne!(entries(&second)[0]["id"], entries(&first)[0]["id"]);
    assert_eq!(entries(&first)[0]["id"], list.last().unwrap()["id"]);
    // Unavailable: an entry without a resource.
    let view = all.iter().find(|x| x["action"]["type"] == "view").unwrap();
    let v = ok(&history(&e, &acme, view, ""));
    assert_eq!(v["result_info"]["history_status"], "unavailable");
    assert!(entries(&v).is_empty());
    // Approximate: a refused create (no resource id) matches by resource type.
    let r = e.api(
        "POST",
        &format!("/organizations/{acme}/members"),
        Some(&json!({"member": {"user": {}}})),
    );
    assert_eq!(r.status, 400);
    let refused = entries(&logs(&e, &acme, &format!("&raw_cf_ray_id={}", ray_of(&r))))[0].clone();
    let v = ok(&history(&e, &acme, &refused, ""));
    assert_eq!(v["result_info"]["history_status"], "approximate");
    assert!(entries(&v)
        .iter()
        .all(|x| x["resource"]["type"] == "member"));
    assert!(entries(&v).len() > 1);
}

#[test]
fn history_errors() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    let emea = e.seed_id("Acme EMEA");
    let entry = entries(&logs(&e, &acme, ""))[0].clone();
    let id = entry["id"].as_str().unwrap();
    let time = entry["action"]["time"].as_str().unwrap();
    for id_or_time in [
        format!("{}/history?action_time={time}", "f".repeat(32)),
        format!("{id}/history?action_time=2001-01-01T00:00:00Z"),
    ] {
        let r = e.get(&format!(
            "/organizations/{acme}/logs/audit/{id_or_time}&{WINDOW}"
        ));
        assert_eq!(refusal(&r), (404, 1007), "{id_or_time}");
        let v = r.json();
        assert_eq!(v["result_info"]["history_status"], "unavailable");
        assert_eq!(v["result_info"]["count"], 0);
        assert_eq!(v["result"], Value::Null);
    }
    // An entry of another organization is not found under this one.
    let r = e.get(&format!(
        "/organizations/{emea}/logs/audit/{id}/history?action_time={time}&{WINDOW}"
    ));
    assert_eq!(refusal(&r), (404, 1007));
    let base = format!("/organizations/{acme}/logs/audit/{id}/history");
    for q in [
        WINDOW.to_owned(),
        format!("action_time=soon&{WINDOW}"),
        format!("action_time={time}"),
        format!("action_time={time}&{WINDOW}&limit=0"),
        format!("action_time={time}&{WINDOW}&action_type=create"),
    ] {
        assert_eq!(refusal(&e.get(&format!("{base}?{q}"))), (400, 1002), "{q}");
    }
}
