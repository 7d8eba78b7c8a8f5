//! Members: the seeded members, list filters and page tokens, get, create, batch create, delete.

mod common;

use common::*;
use serde_json::json;

fn members(e: &Emu, org: &str, query: &str) -> serde_json::Value {
    ok(&e.get(&format!("/organizations/{org}/members{query}")))
}

fn emails(v: &serde_json::Value) -> Vec<String> {
    v["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["user"]["email"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn seeded_members_page_by_token() {
    let e = Emu::start(&[]);
    let initech = e.seed_id("Initech");
    let globex = e.seed_id("Globex");
    let acme = e.seed_id("Acme Corp");
    let first = members(&e, &acme, "");
    assert_eq!(first["result_info"]["total_size"], 14);
    assert_eq!(first["result"].as_array().unwrap().len(), 10);
    let m = &first["result"][0];
    assert_eq!(m["user"]["email"], "alice@acme.example");
    // Alice is the user of Acme Corp and Acme EMEA in the emulator's state.
    let emea = e.seed_id("Acme EMEA");
    let state = e.admin("GET", "/state", None).json();
    let alice = state["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["organization_ids"] == serde_json::json!([acme, emea]))
        .expect("a user of Acme Corp and Acme EMEA");
    assert_eq!(m["user"]["id"], alice["id"], "alice's user id");
    assert_eq!(m["user"]["name"], "Alice");
    assert!(m["user"]["two_factor_authentication_enabled"].is_boolean());
    assert_eq!(m["status"], "active");
    assert_eq!(m["meta"], json!({}));
    assert!(m["create_time"].is_string() && m["update_time"].is_string());
    let token = first["result_info"]["next_page_token"].as_str().unwrap();
    let second = members(&e, &acme, &format!("?page_token={token}"));
    assert_eq!(second["result"].as_array().unwrap().len(), 4);
    assert!(second["result_info"].get("next_page_token").is_none());
    let mut all = emails(&first);
    all.extend(emails(&second));
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 14);
    // Each organization has its own members.
    assert_eq!(emails(&members(&e, &globex, ""))[0], "carol@globex.example");
    assert_eq!(members(&e, &initech, "")["result_info"]["total_size"], 0);
    let r = e.get("/organizations/0123456789abcdef0123456789abcdef/members");
    assert_eq!(refusal(&r), (404, 1003));
}

#[test]
fn status_and_email_filters() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    let active = members(&e, &acme, "?status=active&page_size=100");
    assert!(active["result"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["status"] == "active"));
    assert_eq!(active["result_info"]["total_size"], 7);
    let either = members(&e, &acme, "?status=pending&status=rejected&page_size=100");
    let statuses: Vec<_> = either["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["status"].clone())
        .collect();
    assert_eq!(statuses.len(), 5);
    assert!(statuses.iter().all(|s| s == "pending" || s == "rejected"));
    assert!(statuses.contains(&json!("pending")) && statuses.contains(&json!("rejected")));
    assert_eq!(
        refusal(&e.get(&format!("/organizations/{acme}/members?status=gone"))),
        (400, 1002)
    );

    assert_eq!(
        emails(&members(&e, &acme, "?user.email=ALICE@acme.example")),
        ["alice@acme.example"]
    );
    assert_eq!(
        emails(&members(&e, &acme, "?user.email.startsWith=grace")),
        ["grace.hopper@acme.example"]
    );
    assert_eq!(
        emails(&members(
            &e,
            &acme,
            "?user.email.endsWith=contractor.example"
        )),
        ["mallory@contractor.example"]
    );
    assert_eq!(
        emails(&members(&e, &acme, "?user.email.contains=.HOP")),
        ["grace.hopper@acme.example"]
    );
    assert_eq!(
        members(&e, &acme, "?user.email=nobody@acme.example")["result_info"]["total_size"],
        0
    );
    let r = e.get(&format!(
        "/organizations/{acme}/members?user.email.startswith=a"
    ));
    assert_eq!(refusal(&r), (400, 1002), "a typo is refused, not ignored");
    let r = e.get(&format!(
        "/organizations/{acme}/members?user.email=a&user.email=b"
    ));
    assert_eq!(refusal(&r), (400, 1002));
}

#[test]
fn page_tokens_are_bound_to_the_filters_and_the_organization() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    let emea = e.seed_id("Acme EMEA");
    let first = members(&e, &acme, "?status=active&page_size=2");
    let token = first["result_info"]["next_page_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let next = members(
        &e,
        &acme,
        &format!("?status=active&page_size=2&page_token={token}"),
    );
    assert_eq!(next["result"].as_array().unwrap().len(), 2);
    assert_ne!(emails(&first), emails(&next));
    for other in [
        format!("/organizations/{acme}/members?status=pending&page_token={token}"),
        format!("/organizations/{acme}/members?page_token={token}"),
        format!("/organizations/{emea}/members?status=active&page_token={token}"),
        format!("/organizations/{acme}/members?page_token=garbage"),
    ] {
        assert_eq!(refusal(&e.get(&other)), (400, 1006), "{other}");
    }
    assert_eq!(
        refusal(&e.get(&format!("/organizations/{acme}/members?page_size=1001"))),
        (400, 1002)
    );
}

#[test]
fn create_get_and_delete() {
    let e = Emu::start(&[]);
    let globex = e.seed_id("Globex");
    let acme = e.seed_id("Acme Corp");
    let path = format!("/organizations/{globex}/members");
    let created = ok(&e.api(
        "POST",
        &path,
        Some(&json!({"member": {"user": {"email": "Lisa.Simpson@globex.example"}}})),
    ));
    let m = &created["result"];
    assert_eq!(
        m["status"], "pending",
        "an invitation without a status is pending"
    );
    assert_eq!(m["user"]["email"], "Lisa.Simpson@globex.example");
    assert_eq!(m["user"]["name"], "Lisa Simpson");
    assert_eq!(m["create_time"], m["update_time"]);
    let id = m["id"].as_str().unwrap();
    assert_eq!(id.len(), 32);
    assert_eq!(ok(&e.get(&format!("{path}/{id}")))["result"], *m);
    assert!(emails(&members(&e, &globex, "")).contains(&"Lisa.Simpson@globex.example".to_owned()));

    let active = ok(&e.api(
        "POST",
        &path,
        Some(&json!({"member": {"user": {"email": "bart@globex.example"}, "status": "active"}})),
    ));
    assert_eq!(active["result"]["status"], "active");
    // The same email again (any case) while active or invited is a conflict.
    let again = e.api(
        "POST",
        &path,
        Some(&json!({"member": {"user": {"email": "LISA.simpson@globex.example"}}})),
    );
    assert_eq!(refusal(&again), (409, 1011));

    let r = e.api("DELETE", &format!("{path}/{id}"), None);
    assert_eq!(r.status, 204, "{}", r.text());
    assert!(r.body.is_empty());
    assert_eq!(refusal(&e.get(&format!("{path}/{id}"))), (404, 1005));
    assert_eq!(
        refusal(&e.api("DELETE", &format!("{path}/{id}"), None)),
        (404, 1005)
    );
    // A member is found only under its own organization.
    let carol = members(&e, &globex, "?user.email=carol@globex.example")["result"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        refusal(&e.get(&format!("/organizations/{acme}/members/{carol}"))),
        (404, 1005)
    );
    let r = e.api(
        "POST",
        &format!("/organizations/{}/members", "0".repeat(32)),
        Some(&json!({"member": {"user": {"email": "a@b.c"}}})),
    );
    assert_eq!(refusal(&r), (404, 1003));
}

#[test]
fn bad_member_bodies() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    let path = format!("/organizations/{acme}/members");
    let before = members(&e, &acme, "")["result_info"]["total_size"].clone();
    for (body, pointer, message) in [
        (
            json!({"member": {"user": {}}}),
            "/member/user/email",
            "Missing required field: member.user.email",
        ),
        (
            json!({"member": {}}),
            "/member/user",
            "Missing required field: member.user",
        ),
        (json!({}), "/member", "Missing required field: member"),
        (
            json!({"member": {"user": {"email": "a@b.c"}, "role": "admin"}}),
            "/member/role",
            "Unknown field: member.role",
        ),
        (
            json!({"member": {"user": {"email": "a@b.c", "name": "A"}}}),
            "/member/user/name",
            "Unknown field: member.user.name",
        ),
        (
            json!({"member": {"user": {"email": 7}}}),
            "/member/user/email",
            "Field member.user.email must be a string",
        ),
        (
            json!({"member": {"user": {"email": "not-an-email"}}}),
            "/member/user/email",
            "Field member.user.email must be an email address",
        ),
        (
            json!({"member": {"user": {"email": "a@b.c"}, "status": "pending"}}),
            "/member/status",
            "Field member.status: unknown variant `pending`, expected `active` or `canceled`",
        ),
        (json!({"members": []}), "/members", "Unknown field: members"),
    ] {
        let r = e.api("POST", &path, Some(&body));
        assert_eq!(refusal(&r), (400, 1001), "{body}");
        let errors = r.json()["errors"].clone();
        assert!(
            errors
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["source"]["pointer"] == pointer && x["message"] == message),
            "{body}: {errors}"
        );
    }
    let r = e.req(
        "POST",
        &format!("/client/v4{path}"),
        &[AUTH, ("content-type", "application/json")],
        Some("{"),
    );
    assert_eq!(refusal(&r), (400, 6007));
    let r = e.req(
        "POST",
        &format!("/client/v4{path}"),
        &[AUTH, ("content-type", "text/plain")],
        Some("{}"),
    );
    assert_eq!(refusal(&r), (400, 6007));
    assert_eq!(
        members(&e, &acme, "")["result_info"]["total_size"],
        before,
        "nothing was created"
    );
}

#[test]
fn batch_create() {
    let e = Emu::start(&[]);
    let emea = e.seed_id("Acme EMEA");
    let path = format!("/organizations/{emea}/members:batchCreate");
    let created = ok(&e.api(
        "POST",
        &path,
        Some(&json!({"members": [
            {"user": {"email": "uma@acme.example"}},
            {"user": {"email": "walt@acme.example"}, "status": "active"},
        ]})),
    ));
    let list = created["result"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(
        (list[0]["status"].as_str(), list[1]["status"].as_str()),
        (Some("pending"), Some("active"))
    );
    assert!(created.get("result_info").is_none());
    assert_eq!(members(&e, &emea, "")["result_info"]["total_size"], 4);

    let eleven: Vec<_> = (0..11)
        .map(|i| json!({"user": {"email": format!("u{i}@acme.example")}}))
        .collect();
    let bad = [
        (json!({"members": eleven}), "/members"),
        (json!({"members": []}), "/members"),
        (json!({"members": {}}), "/members"),
        (json!({}), "/members"),
        (
            json!({"members": [{"user": {"email": "x1@acme.example"}}, {"user": {"email": "x2@acme.example"}, "extra": 1}]}),
            "/members/1/extra",
        ),
        (
            json!({"members": [{"user": {"email": "x1@acme.example"}}, {"user": {}}]}),
            "/members/1/user/email",
        ),
        (
            json!({"member": {"user": {"email": "x@acme.example"}}}),
            "/member",
        ),
    ];
    for (body, pointer) in bad {
        let r = e.api("POST", &path, Some(&body));
        assert_eq!(refusal(&r), (400, 1001), "{body}");
        assert!(
            r.json()["errors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["source"]["pointer"] == pointer),
            "{body}: {}",
            r.text()
        );
    }
    // A batch with an email already invited (or twice in the batch) creates nothing.
    for dup in [
        json!({"members": [{"user": {"email": "new1@acme.example"}}, {"user": {"email": "uma@acme.example"}}]}),
        json!({"members": [{"user": {"email": "new1@acme.example"}}, {"user": {"email": "NEW1@acme.example"}}]}),
    ] {
        assert_eq!(
            refusal(&e.api("POST", &path, Some(&dup))),
            (409, 1011),
            "{dup}"
        );
    }
    assert_eq!(
        members(&e, &emea, "")["result_info"]["total_size"],
        4,
        "nothing more was created"
    );
    let ten: Vec<_> = (0..10)
        .map(|i| json!({"user": {"email": format!("t{i}@acme.example")}}))
        .collect();
    assert_eq!(
        ok(&e.api("POST", &path, Some(&json!({"members": ten}))))["result"]
            .as_array()
            .unwrap()
            .len(),
        10
    );
}
