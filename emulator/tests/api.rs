//! The eight operations, their filters, paging, validation, auth, CORS and the admin routes.

mod common;

use common::*;
use serde_json::{json, Value};

fn is_rfc3339_utc(s: &str) -> bool {
    // YYYY-MM-DDTHH:MM:SS(.fff)?Z
    let b = s.as_bytes();
    b.len() >= 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && s.ends_with('Z')
        && s[..4].bytes().all(|c| c.is_ascii_digit())
}

fn is_hex32(s: &str) -> bool {
    s.len() == 32
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn check_ray(r: &Resp) {
    let ray = r
        .header("cf-ray")
        .unwrap_or_else(|| panic!("no cf-ray on {r:?}"));
    assert_eq!(ray.len(), 20, "{ray}");
    assert!(ray.ends_with("-EMU"), "{ray}");
    assert!(ray[..16].bytes().all(|b| b.is_ascii_hexdigit()), "{ray}");
}

fn check_envelope_ok(r: &Resp) -> Value {
    assert_eq!(r.status, 200, "{}", r.text());
    check_ray(r);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let v = r.json();
    assert_eq!(v["success"], json!(true));
    assert_eq!(v["errors"], json!([]));
    assert_eq!(v["messages"], json!([]));
    v
}

fn check_org_shape(o: &Value) {
    assert!(is_hex32(o["id"].as_str().unwrap()), "{o}");
    assert!(o["name"].is_string());
    assert!(is_rfc3339_utc(o["create_time"].as_str().unwrap()), "{o}");
    let flags = o["meta"]["tenant_flags"].as_object().expect("tenant_flags");
    for k in [
        "account_creation",
        "account_deletion",
        "account_migration",
        "account_mobility",
        "sub_org_creation",
        "enterprise_capability",
        "member_management",
    ] {
        let v = flags[k].as_str().unwrap();
        assert!(v == "enabled" || v == "disabled", "{k}={v}");
    }
    let tags = o["meta"]["hierarchy_tags"].as_array().unwrap();
    assert_eq!(tags.last().unwrap(), &o["id"]);
    assert_eq!(o["meta"]["managed_by"], json!(""));
    match o.get("parent") {
        Some(p) => {
            assert_eq!(tags[tags.len() - 2], p["id"]);
            assert!(p["name"].is_string());
        }
        None => assert_eq!(tags.len(), 1),
    }
}

fn org_id_by_name(e: &Emu, name: &str) -> String {
    let v = e
        .get(&format!("/organizations?name={}", name.replace(' ', "%20")))
        .json();
    v["result"][0]["id"].as_str().unwrap().to_owned()
}

fn account_ids(e: &Emu, org: &str) -> Vec<(String, String)> {
    let v = e
        .get(&format!("/organizations/{org}/accounts?page_size=1000"))
        .json();
    v["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_owned(),
                a["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn list_and_get_with_the_envelope() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    let emea = e.seed_id("Acme EMEA");
    let globex = e.seed_id("Globex");
    let r = e.get("/organizations");
    let v = check_envelope_ok(&r);
    let result = v["result"].as_array().unwrap();
    assert_eq!(result.len(), 7);
    assert_eq!(v["result_info"]["total_size"], json!(7));
    assert!(v["result_info"].get("next_page_token").is_none());
    for o in result {
        check_org_shape(o);
    }
    assert_eq!(
        names_of(&v),
        [
            "Acme Corp",
            "Acme EMEA",
            "Acme Americas",
            "Acme Germany",
            "Globex",
            "Acme Labs",
            "Initech"
        ]
    );

    let v = check_envelope_ok(&e.get(&format!("/organizations/{emea}")));
    let o = &v["result"];
    check_org_shape(o);
    assert_eq!(o["name"], "Acme EMEA");
    assert_eq!(o["parent"], json!({"id": acme, "name": "Acme Corp"}));
    assert_eq!(o["meta"]["hierarchy_tags"], json!([acme, emea]));
    assert_eq!(o["profile"]["business_name"], "Acme Europe Ltd");
    assert!(v.get("result_info").is_none());

    let germany = org_id_by_name(&e, "Acme Germany");
    let v = e.get(&format!("/organizations/{germany}")).json();
    assert_eq!(
        v["result"]["meta"]["hierarchy_tags"],
        json!([acme, emea, germany])
    );
    // Globex has no profile: the key is absent.
    assert!(e.get(&format!("/organizations/{globex}")).json()["result"]
        .get("profile")
        .is_none());
}

#[test]
fn unknown_ids_routes_and_methods() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    let r = e.get("/organizations/0123456789abcdef0123456789abcdef");
    assert_eq!(r.status, 404);
    check_ray(&r);
    assert_eq!(r.code(), 1003);
    assert_eq!(r.json()["errors"][0]["message"], "Organization not found");
    assert_eq!(r.json()["success"], json!(false));
    for path in [
        "/organizations/not-an-id",
        "/organizations/not-an-id/accounts",
        "/organizations/not-an-id/profile",
        "/organizations/not-an-id/members",
        "/organizations/not-an-id/members/m",
        "/organizations/not-an-id/shares",
        "/organizations/not-an-id/billable/usage",
        "/organizations/not-an-id/logs/audit?since=2024-01-01&before=2024-01-02",
    ] {
        assert_eq!(e.get(path).code(), 1003, "{path}");
    }
    for path in [
        "/zones",
        "/organizations/x/teams",
        "/organizations/x/logs",
        "/organizations/x/logs/audit/y",
        "/organizations/x/billable",
        "/organizations//profile",
        "/organizations/a/b/c",
    ] {
        let r = e.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(r.code(), 7003, "{path}");
        let msg = r.json()["errors"][0]["message"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(
            msg,
            format!(
                "Could not route to /client/v4{path}, perhaps your object identifier is invalid?"
            )
        );
    }
    let r = e.req("GET", "/elsewhere", &[AUTH], None);
    assert_eq!((r.status, r.code()), (404, 7003));
    check_ray(&r);

    for (m, p, allow) in [
        ("PATCH", "/organizations".to_owned(), "GET, POST"),
        ("DELETE", "/organizations".to_owned(), "GET, POST"),
        ("POST", format!("/organizations/{acme}"), "GET, PUT, DELETE"),
        ("POST", format!("/organizations/{acme}/accounts"), "GET"),
        (
            "DELETE",
            format!("/organizations/{acme}/profile"),
            "GET, PUT",
        ),
        ("PUT", format!("/organizations/{acme}/members"), "GET, POST"),
        (
            "GET",
            format!("/organizations/{acme}/members:batchCreate"),
            "POST",
        ),
        (
            "PUT",
            format!("/organizations/{acme}/members/m"),
            "GET, DELETE",
        ),
        ("POST", format!("/organizations/{acme}/shares"), "GET"),
        (
            "POST",
            format!("/organizations/{acme}/billable/usage"),
            "GET",
        ),
        ("DELETE", format!("/organizations/{acme}/logs/audit"), "GET"),
        (
            "POST",
            format!("/organizations/{acme}/logs/audit/l/history"),
            "GET",
        ),
    ] {
        let r = e.api(m, &p, None);
        assert_eq!(r.status, 405, "{m} {p}");
        assert_eq!(r.code(), 10405);
        assert_eq!(r.header("allow"), Some(allow));
        check_ray(&r);
    }
}

#[test]
fn organization_filters() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    let emea = e.seed_id("Acme EMEA");
    let globex = e.seed_id("Globex");
    let names = |q: &str| -> Vec<String> {
        let r = e.get(&format!("/organizations?{q}"));
        let v = check_envelope_ok(&r);
        assert_eq!(
            v["result_info"]["total_size"].as_u64().unwrap() as usize,
            v["result"].as_array().unwrap().len()
        );
        names_of(&v)
    };
    assert_eq!(
        names(&format!("id={emea}&id={globex}")),
        ["Acme EMEA", "Globex"]
    );
    assert_eq!(
        names(&format!("id={globex}&id={emea}&id=nope")),
        ["Acme EMEA", "Globex"]
    );
    assert_eq!(names("name=Acme%20Corp"), ["Acme Corp"]);
    assert_eq!(names("name=Acme+Corp"), ["Acme Corp"]);
    assert!(
        names("name=acme%20corp").is_empty(),
        "exact name is case-sensitive"
    );
    assert_eq!(
        names("name.startsWith=aCmE"),
        [
            "Acme Corp",
            "Acme EMEA",
            "Acme Americas",
            "Acme Germany",
            "Acme Labs"
        ]
    );
    assert_eq!(names("name.endsWith=emea"), ["Acme EMEA"]);
    assert_eq!(names("name.contains=ME%20A"), ["Acme Americas"]);
    assert_eq!(names("name.contains=OB"), ["Globex"]);
    assert_eq!(
        names("name.startsWith=acme&name.endsWith=s"),
        ["Acme Americas", "Acme Labs"]
    );
    assert_eq!(names("parent.id=null"), ["Acme Corp", "Globex", "Initech"]);
    assert_eq!(
        names(&format!("parent.id={acme}")),
        ["Acme EMEA", "Acme Americas"]
    );
    assert_eq!(
        names(&format!("parent.id={acme}&name.contains=emea")),
        ["Acme EMEA"]
    );
    assert!(names("parent.id=0123456789abcdef0123456789abcdef").is_empty());

    // containing.account: the organization that directly holds the account.
    let cymru = account_ids(&e, &globex)
        .into_iter()
        .find(|(_, n)| n == "Globex Cymru")
        .unwrap()
        .0;
    assert_eq!(names(&format!("containing.account={cymru}")), ["Globex"]);
    assert!(names("containing.account=nope").is_empty());

    // containing.user: from the seeded users.
    let state = e.admin("GET", "/state", None).json();
    let users = state["users"].as_array().unwrap();
    assert_eq!(users.len(), 3);
    let alice = users
        .iter()
        .find(|u| u["organization_ids"] == json!([acme, emea]))
        .expect("alice");
    let alice = alice["id"].as_str().unwrap();
    assert_eq!(
        names(&format!("containing.user={alice}")),
        ["Acme Corp", "Acme EMEA"]
    );
    assert_eq!(
        names(&format!("containing.user={alice}&name.contains=emea")),
        ["Acme EMEA"]
    );
    assert!(names("containing.user=nobody").is_empty());

    // containing.organization: every ancestor of the organization.
    let germany = org_id_by_name(&e, "Acme Germany");
    assert_eq!(
        names(&format!("containing.organization={germany}")),
        ["Acme Corp", "Acme EMEA"]
    );
    assert!(names(&format!("containing.organization={acme}")).is_empty());

    for bad in [
        "parent.id=",
        "nme=x",
        "name=a&name=b",
        "page_size=5&page_size=6",
        "name.startswith=a",
    ] {
        let r = e.get(&format!("/organizations?{bad}"));
        assert_eq!(r.status, 400, "{bad}: {}", r.text());
        assert_eq!(r.code(), 1002, "{bad}");
        check_ray(&r);
    }
}

#[test]
fn organization_paging_and_tokens() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    let emea = e.seed_id("Acme EMEA");
    let americas = e.seed_id("Acme Americas");
    let globex = e.seed_id("Globex");
    let all = ids_of(&e.get("/organizations").json());
    // Walk with page_size 2, changing page_size midway (allowed).
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    let mut pages = 0;
    loop {
        let size = if pages == 1 { 3 } else { 2 };
        let q = match &token {
            Some(t) => format!("/organizations?name.startsWith=&page_size={size}&page_token={t}"),
            None => format!("/organizations?name.startsWith=&page_size={size}"),
        };
        let v = check_envelope_ok(&e.get(&q));
        assert_eq!(v["result_info"]["total_size"], json!(7));
        seen.extend(ids_of(&v));
        pages += 1;
        match v["result_info"].get("next_page_token") {
            Some(t) => token = Some(t.as_str().unwrap().to_owned()),
            None => break,
        }
    }
    assert_eq!(seen, all);
    // 2 + 3 + 2: the last page ends exactly at the last item and carries no token.
    assert_eq!(pages, 3);

    // A token is bound to the filters (but not to page_size).
    let v = e
        .get("/organizations?name.startsWith=acme&page_size=2")
        .json();
    let t = v["result_info"]["next_page_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(v["result_info"]["total_size"], json!(5));
    let same = e.get(&format!(
        "/organizations?page_size=4&name.startsWith=acme&page_token={t}"
    ));
    assert_eq!(same.status, 200);
    assert_eq!(
        names_of(&same.json()),
        ["Acme Americas", "Acme Germany", "Acme Labs"]
    );
    for other in [
        format!("/organizations?page_token={t}"),
        format!("/organizations?name.startsWith=acm&page_token={t}"),
        format!("/organizations?name.startsWith=acme&name.endsWith=s&page_token={t}"),
        format!("/organizations/{americas}/accounts?page_token={t}"),
        "/organizations?page_token=garbage".to_owned(),
        "/organizations?page_token=00000000000000000000000000000000".to_owned(),
    ] {
        let r = e.get(&other);
        assert_eq!(r.status, 400, "{other}");
        assert_eq!(r.code(), 1006, "{other}");
    }
    // Repeated ids in another order are the same filter set.
    let v = e
        .get(&format!(
            "/organizations?id={acme}&id={emea}&id={globex}&page_size=1"
        ))
        .json();
    let t = v["result_info"]["next_page_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = e.get(&format!(
        "/organizations?id={globex}&id={acme}&id={emea}&page_size=1&page_token={t}"
    ));
    assert_eq!(names_of(&r.json()), ["Acme EMEA"]);

    // page_size bounds.
    for bad in ["1001", "-1", "abc", "", "1.5", "99999999999999999999"] {
        let r = e.get(&format!("/organizations?page_size={bad}"));
        assert_eq!(r.status, 400, "page_size={bad}");
        assert_eq!(r.code(), 1002);
        assert!(r.json()["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("page_size"));
    }
    assert_eq!(e.get("/organizations?page_size=1000").status, 200);
    assert_eq!(
        e.get("/organizations?page_size=0").json()["result"]
            .as_array()
            .unwrap()
            .len(),
        7
    );
    assert_eq!(
        e.get("/organizations?page_size=1").json()["result"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // An empty page_token is the first page.
    assert_eq!(e.get("/organizations?page_token=").status, 200);
}

#[test]
fn paging_survives_deletes_and_creates() {
    let e = Emu::start(&["--seed", "empty"]);
    let mut ids = Vec::new();
    for i in 0..12 {
        let v = e
            .api(
                "POST",
                "/organizations",
                Some(&json!({"name": format!("org {i:02}")})),
            )
            .json();
        ids.push(v["result"]["id"].as_str().unwrap().to_owned());
    }
    let v = e.get("/organizations?page_size=5").json();
    assert_eq!(ids_of(&v), ids[..5]);
    let t = v["result_info"]["next_page_token"]
        .as_str()
        .unwrap()
        .to_owned();
    // The last item of the page disappears; the next page still starts right after it.
    assert_eq!(
        e.api("DELETE", &format!("/organizations/{}", ids[4]), None)
            .status,
        200
    );
    let v = e
        .get(&format!("/organizations?page_size=5&page_token={t}"))
        .json();
    assert_eq!(ids_of(&v), ids[5..10]);
    assert_eq!(v["result_info"]["total_size"], json!(11));
}

#[test]
fn accounts_listing() {
    let e = Emu::start(&[]);
    let americas = e.seed_id("Acme Americas");
    let globex = e.seed_id("Globex");
    let r = e.get(&format!("/organizations/{americas}/accounts"));
    let v = check_envelope_ok(&r);
    assert_eq!(v["result"].as_array().unwrap().len(), 10);
    assert_eq!(v["result_info"]["total_size"], json!(25));
    let a = &v["result"][0];
    assert_eq!(a["name"], "Acme New York");
    assert!(is_hex32(a["id"].as_str().unwrap()));
    assert!(a["type"] == "standard" || a["type"] == "enterprise");
    assert!(is_rfc3339_utc(a["created_on"].as_str().unwrap()));
    let settings = a["settings"].as_object().unwrap();
    for k in [
        "abuse_contact_email",
        "access_approval_expiry",
        "api_access_enabled",
        "enforce_twofactor",
        "default_nameservers",
        "use_account_custom_ns_by_default",
    ] {
        assert!(settings.contains_key(k), "{k}");
    }
    assert_eq!(a.as_object().unwrap().len(), 5, "{a}");

    // Walk every page.
    let mut names = names_of(&v);
    let mut token = v["result_info"]["next_page_token"]
        .as_str()
        .map(str::to_owned);
    let mut pages = 1;
    while let Some(t) = token {
        let v = e
            .get(&format!(
                "/organizations/{americas}/accounts?page_token={t}"
            ))
            .json();
        names.extend(names_of(&v));
        token = v["result_info"]["next_page_token"]
            .as_str()
            .map(str::to_owned);
        pages += 1;
    }
    assert_eq!(pages, 3);
    assert_eq!(names.len(), 25);
    let mut dedup = names.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(dedup.len(), 25);

    let names = |q: &str| -> Vec<String> {
        let r = e.get(&format!(
            "/organizations/{americas}/accounts?page_size=1000&{q}"
        ));
        let v = check_envelope_ok(&r);
        assert_eq!(
            v["result_info"]["total_size"].as_u64().unwrap() as usize,
            v["result"].as_array().unwrap().len()
        );
        names_of(&v)
    };
    assert_eq!(names("name=acme%20miami"), ["ACME Miami"]);
    assert_eq!(
        names("name.startsWith=ACME%20B"),
        ["Acme Boston", "Acme Buenos Aires", "Acme Bogotá"]
    );
    assert_eq!(names("name.endsWith=TON"), ["Acme Boston", "Acme Houston"]);
    assert_eq!(
        names("name.contains=SAN"),
        ["Acme Santiago", "Acme San Francisco"]
    );
    assert_eq!(names("account_pubname=ACME-AUSTIN"), ["acme-austin"]);
    assert_eq!(
        names("account_pubname.startsWith=acme%20s"),
        [
            "Acme São Paulo",
            "Acme Seattle",
            "Acme Santiago",
            "Acme San Francisco"
        ]
    );
    assert_eq!(
        names("account_pubname.endsWith=O"),
        [
            "Acme Toronto",
            "Acme Chicago",
            "Acme São Paulo",
            "Acme Santiago",
            "Acme San Francisco"
        ]
    );
    assert_eq!(names("account_pubname.contains=ÃO"), ["Acme São Paulo"]);
    assert_eq!(
        names("name.contains=san&account_pubname.endsWith=o"),
        ["Acme Santiago", "Acme San Francisco"]
    );

    let sorted = names("order_by=account_name");
    let mut expected = sorted.clone();
    expected.sort_by_key(|n| n.to_lowercase());
    assert_eq!(sorted, expected);
    assert_eq!(sorted[0], "Acme Atlanta");
    assert_eq!(names("order_by=account_name&direction=asc"), sorted);
    let mut desc = sorted.clone();
    desc.reverse();
    assert_eq!(names("order_by=account_name&direction=desc"), desc);

    // Paging over a sorted list, with a filter.
    let q = "order_by=account_name&direction=desc&name.startsWith=acme%20";
    let first = e
        .get(&format!(
            "/organizations/{americas}/accounts?page_size=7&{q}"
        ))
        .json();
    let t = first["result_info"]["next_page_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let second = e
        .get(&format!(
            "/organizations/{americas}/accounts?page_size=7&{q}&page_token={t}"
        ))
        .json();
    let mut got = names_of(&first);
    got.extend(names_of(&second));
    let all = names(q);
    assert_eq!(got, all[..14]);
    // The token is bound to the ordering and to the organization.
    for other in [
        format!("/organizations/{americas}/accounts?order_by=account_name&name.startsWith=acme%20&page_token={t}"),
        format!("/organizations/{globex}/accounts?{q}&page_token={t}"),
    ] {
        let r = e.get(&other);
        assert_eq!((r.status, r.code()), (400, 1006), "{other}");
    }

    for bad in [
        "order_by=name",
        "direction=up",
        "page_size=1001",
        "foo=bar",
        "name=a&name=b",
    ] {
        let r = e.get(&format!("/organizations/{americas}/accounts?{bad}"));
        assert_eq!((r.status, r.code()), (400, 1002), "{bad}");
    }
    // An organization without accounts.
    let labs = org_id_by_name(&e, "Acme Labs");
    let v = check_envelope_ok(&e.get(&format!("/organizations/{labs}/accounts")));
    assert_eq!(v["result"], json!([]));
    assert_eq!(v["result_info"], json!({"total_size": 0}));
}

#[test]
fn create_update_delete() {
    let e = Emu::start(&[]);
    let americas = e.seed_id("Acme Americas");
    let r = e.api(
        "POST",
        "/organizations",
        Some(&json!({"name": "Umbrella", "id": "ffffffffffffffffffffffffffffffff", "create_time": "x", "meta": {"managed_by": "x"}})),
    );
    let v = check_envelope_ok(&r);
    let root = v["result"].clone();
    check_org_shape(&root);
    let root_id = root["id"].as_str().unwrap().to_owned();
    assert_ne!(
        root_id, "ffffffffffffffffffffffffffffffff",
        "read-only id is ignored"
    );
    assert_eq!(root["name"], "Umbrella");
    assert!(root.get("parent").is_none());
    assert!(root.get("profile").is_none());
    assert_eq!(
        e.get(&format!("/organizations/{root_id}")).json()["result"],
        root
    );

    let profile = json!({
        "business_name": "Umbrella Research", "business_email": "hq@umbrella.example",
        "business_phone": "+1 555 0100", "business_address": "Raccoon City", "external_metadata": "{}"
    });
    let r = e.api(
        "POST",
        "/organizations",
        Some(&json!({"name": "Umbrella Labs", "parent": {"id": root_id, "name": "ignored"}, "profile": profile})),
    );
    let child = check_envelope_ok(&r)["result"].clone();
    check_org_shape(&child);
    let child_id = child["id"].as_str().unwrap().to_owned();
    assert_eq!(child["parent"], json!({"id": root_id, "name": "Umbrella"}));
    assert_eq!(child["meta"]["hierarchy_tags"], json!([root_id, child_id]));
    assert_eq!(child["profile"], profile);
    assert_eq!(
        e.get(&format!("/organizations/{child_id}/profile")).json()["result"],
        profile
    );

    // Unknown parent.
    let r = e.api(
        "POST",
        "/organizations",
        Some(&json!({"name": "x", "parent": {"id": "0123456789abcdef0123456789abcdef"}})),
    );
    assert_eq!((r.status, r.code()), (404, 1003));
    assert_eq!(r.json()["errors"][0]["source"]["pointer"], "/parent/id");

    // Update applies the name only; the child sees its parent's new name.
    let r = e.api(
        "PUT",
        &format!("/organizations/{root_id}"),
        Some(&json!({"name": "Umbrella Corp", "profile": profile, "parent": {"id": child_id}})),
    );
    let updated = check_envelope_ok(&r)["result"].clone();
    assert_eq!(updated["name"], "Umbrella Corp");
    assert!(updated.get("profile").is_none());
    assert!(updated.get("parent").is_none());
    assert_eq!(updated["create_time"], root["create_time"]);
    assert_eq!(
        e.get(&format!("/organizations/{child_id}")).json()["result"]["parent"]["name"],
        "Umbrella Corp"
    );
    let r = e.api(
        "PUT",
        &format!("/organizations/{root_id}"),
        Some(&json!({"name": ""})),
    );
    assert_eq!((r.status, r.code()), (400, 1001));
    let r = e.api(
        "PUT",
        &format!("/organizations/{root_id}"),
        Some(&json!({})),
    );
    assert_eq!((r.status, r.code()), (400, 1001));
    let r = e.api(
        "PUT",
        "/organizations/0123456789abcdef0123456789abcdef",
        Some(&json!({"name": "x"})),
    );
    assert_eq!((r.status, r.code()), (404, 1003));

    // Delete refuses a non-empty organization.
    let r = e.api("DELETE", &format!("/organizations/{root_id}"), None);
    assert_eq!((r.status, r.code()), (409, 1009));
    assert!(
        r.json()["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("1 sub-organization"),
        "{}",
        r.text()
    );
    check_ray(&r);
    let r = e.api("DELETE", &format!("/organizations/{americas}"), None);
    let msg = r.json()["errors"][0]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(r.status, 409);
    assert!(
        msg.contains("1 sub-organization") && msg.contains("25 accounts"),
        "{msg}"
    );

    let r = e.api("DELETE", &format!("/organizations/{child_id}"), None);
    assert_eq!(check_envelope_ok(&r)["result"], json!({"id": child_id}));
    assert_eq!(e.get(&format!("/organizations/{child_id}")).code(), 1003);
    assert_eq!(
        e.api("DELETE", &format!("/organizations/{child_id}"), None)
            .status,
        404
    );
    assert_eq!(
        e.api("DELETE", &format!("/organizations/{root_id}"), None)
            .status,
        200
    );
    assert_eq!(
        e.get("/organizations").json()["result_info"]["total_size"],
        json!(7)
    );
}

#[test]
fn body_validation() {
    let e = Emu::start(&[]);
    let post = |body: &str, ct: &str| -> Resp {
        e.req(
            "POST",
            "/client/v4/organizations",
            &[AUTH, ("content-type", ct)],
            Some(body),
        )
    };
    let j = "application/json";
    for (body, pointer, needle) in [
        (r#"{"name": 5}"#, "/name", "name must be a string"),
        (r#"{}"#, "/name", "Missing required field: name"),
        (r#"{"name": null}"#, "/name", "Missing required field: name"),
        (r#"{"name": ""}"#, "/name", "name must not be empty"),
        (r#"{"name": "x", "nam": "y"}"#, "/nam", "Unknown field: nam"),
        (
            r#"{"name": "x", "parent": "p"}"#,
            "/parent",
            "parent must be an object",
        ),
        (
            r#"{"name": "x", "parent": {}}"#,
            "/parent/id",
            "Missing required field: parent.id",
        ),
        (
            r#"{"name": "x", "parent": {"id": 1}}"#,
            "/parent/id",
            "parent.id must be a string",
        ),
        (
            r#"{"name": "x", "parent": {"id": "a", "x": 1}}"#,
            "/parent/x",
            "Unknown field: parent.x",
        ),
        (
            r#"{"name": "x", "profile": []}"#,
            "/profile",
            "profile must be an object",
        ),
        (
            r#"{"name":"x","profile":{"business_name":"a","business_phone":"c","business_address":"d","external_metadata":"e"}}"#,
            "/profile/business_email",
            "Missing required field: profile.business_email",
        ),
        (
            r#"{"name":"x","profile":{"business_name":"a","business_email":true,"business_phone":"c","business_address":"d","external_metadata":"e"}}"#,
            "/profile/business_email",
            "profile.business_email must be a string",
        ),
        (
            r#"{"name":"x","profile":{"bussiness_name":"a","business_name":"a","business_email":"b","business_phone":"c","business_address":"d","external_metadata":"e"}}"#,
            "/profile/bussiness_name",
            "Unknown field: profile.bussiness_name",
        ),
        (
            r#"{"name": "x", "a/b~c": 1}"#,
            "/a~1b~0c",
            "Unknown field: a/b~c",
        ),
        (r#"[{"name": "x"}]"#, "", "must be a JSON object"),
    ] {
        let r = post(body, j);
        assert_eq!(r.status, 400, "{body}: {}", r.text());
        check_ray(&r);
        let errors = r.json()["errors"].as_array().unwrap().clone();
        let hit = errors
            .iter()
            .find(|e| e["source"]["pointer"] == pointer)
            .unwrap_or_else(|| panic!("{body}: {errors:?}"));
        assert_eq!(hit["code"], 1001);
        assert!(
            hit["message"].as_str().unwrap().contains(needle),
            "{body}: {hit}"
        );
    }
    for (body, ct) in [
        ("{\"name\": ", j),
        ("not json", j),
        ("", j),
        ("{\"name\":\"x\"}", "text/plain"),
        ("name=x", "application/x-www-form-urlencoded"),
    ] {
        let r = post(body, ct);
        assert_eq!(
            (r.status, r.code()),
            (400, 6007),
            "{body} {ct}: {}",
            r.text()
        );
    }
    assert_eq!(
        post("{\"name\":\"x\"}", "application/json; charset=utf-8").status,
        200
    );
    // Deeply nested JSON is refused, not a stack overflow.
    let deep = format!(
        "{{\"name\":\"x\",\"meta\":{}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_eq!(post(&deep, j).status, 400);
    // Too large.
    let big = format!("{{\"name\":\"{}\"}}", "x".repeat(1024 * 1024 + 10));
    let r = post(&big, j);
    assert_eq!(r.status, 413);
    check_ray(&r);
    assert_eq!(r.json()["success"], json!(false));
    // Unicode names are fine.
    let r = e.api(
        "POST",
        "/organizations",
        Some(&json!({"name": "Ünïcødé 組織 🚀"})),
    );
    assert_eq!(r.json()["result"]["name"], "Ünïcødé 組織 🚀");
    let r = e
        .get("/organizations?name=%C3%9Cn%C3%AFc%C3%B8d%C3%A9%20%E7%B5%84%E7%B9%94%20%F0%9F%9A%80");
    assert_eq!(names_of(&r.json()), ["Ünïcødé 組織 🚀"]);
    let r = e.get("/organizations?name=%ff");
    assert_eq!((r.status, r.code()), (400, 1002));
}

#[test]
fn profiles() {
    let e = Emu::start(&[]);
    let globex = e.seed_id("Globex");
    let r = e.get(&format!("/organizations/{globex}/profile"));
    assert_eq!((r.status, r.code()), (404, 1004));
    assert_eq!(
        r.json()["errors"][0]["message"],
        "Organization has no profile"
    );
    let p = json!({"business_name": "Globex Corporation", "business_email": "hank@globex.example",
        "business_phone": "+1 555 0199", "business_address": "Cypress Creek", "external_metadata": ""});
    let r = e.api("PUT", &format!("/organizations/{globex}/profile"), Some(&p));
    assert_eq!(r.status, 204, "{}", r.text());
    assert!(r.body.is_empty());
    check_ray(&r);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let v = check_envelope_ok(&e.get(&format!("/organizations/{globex}/profile")));
    assert_eq!(v["result"], p);
    assert_eq!(
        e.get(&format!("/organizations/{globex}")).json()["result"]["profile"],
        p
    );

    let mut missing = p.clone();
    missing.as_object_mut().unwrap().remove("external_metadata");
    let r = e.api(
        "PUT",
        &format!("/organizations/{globex}/profile"),
        Some(&missing),
    );
    assert_eq!((r.status, r.code()), (400, 1001));
    assert_eq!(
        r.json()["errors"][0]["source"]["pointer"],
        "/external_metadata"
    );
    let mut extra = p.clone();
    extra["business_nmae"] = json!("x");
    let r = e.api(
        "PUT",
        &format!("/organizations/{globex}/profile"),
        Some(&extra),
    );
    assert_eq!((r.status, r.code()), (400, 1001));
    assert_eq!(r.json()["errors"][0]["source"]["pointer"], "/business_nmae");
    let r = e.api(
        "PUT",
        &format!("/organizations/{globex}/profile"),
        Some(&json!("x")),
    );
    assert_eq!(r.status, 400);
    let r = e.api(
        "PUT",
        "/organizations/0123456789abcdef0123456789abcdef/profile",
        Some(&p),
    );
    assert_eq!((r.status, r.code()), (404, 1003));
    assert_eq!(
        e.get(&format!("/organizations/{globex}/profile")).json()["result"],
        p
    );
}

#[test]
fn authentication_schemes() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    let path = "/client/v4/organizations";
    let body = r#"{"name":"auth test"}"#;
    let good: [&[(&str, &str)]; 5] = [
        &[("Authorization", "Bearer dev-token")],
        &[("authorization", "bearer dev-token")],
        &[("X-Auth-Email", EMAIL), ("X-Auth-Key", KEY)],
        &[("X-Auth-User-Service-Key", SERVICE_KEY)],
        &[
            ("Authorization", "Bearer dev-token"),
            ("X-Auth-Email", EMAIL),
            ("X-Auth-Key", KEY),
            ("X-Auth-User-Service-Key", SERVICE_KEY),
        ],
    ];
    for h in good {
        assert_eq!(e.req("GET", path, h, None).status, 200, "{h:?}");
        let mut hb = h.to_vec();
        hb.push(("content-type", "application/json"));
        assert_eq!(e.req("POST", path, &hb, Some(body)).status, 200, "{h:?}");
        assert_eq!(
            e.req("GET", &format!("{path}/{acme}/profile"), h, None)
                .status,
            200,
            "{h:?}"
        );
        assert_eq!(
            e.req("GET", &format!("{path}/{acme}/accounts"), h, None)
                .status,
            200,
            "{h:?}"
        );
    }
    let bad: [&[(&str, &str)]; 12] = [
        &[],
        &[("Authorization", "Bearer wrong")],
        &[("Authorization", "Bearer dev-token2")],
        &[("Authorization", "Basic ZGV2OmRldg==")],
        &[("Authorization", "dev-token")],
        &[("Authorization", "")],
        &[("X-Auth-Email", EMAIL)],
        &[("X-Auth-Key", KEY)],
        &[("X-Auth-Email", EMAIL), ("X-Auth-Key", "wrong")],
        &[("X-Auth-Email", "other@example.com"), ("X-Auth-Key", KEY)],
        &[("X-Auth-User-Service-Key", "wrong")],
        &[
            ("Authorization", "Bearer dev-token"),
            ("X-Auth-User-Service-Key", "wrong"),
        ],
    ];
    let expected = json!({"success":false,"errors":[{"code":10000,"message":"Authentication error"}],"messages":[],"result":null});
    for h in bad {
        let r = e.req("GET", path, h, None);
        assert_eq!(r.status, 401, "{h:?}");
        check_ray(&r);
        assert_eq!(r.json(), expected, "{h:?}");
        let mut hb = h.to_vec();
        hb.push(("content-type", "application/json"));
        assert_eq!(e.req("POST", path, &hb, Some(body)).status, 401, "{h:?}");
        assert_eq!(
            e.req("DELETE", &format!("{path}/{acme}"), h, None).status,
            401,
            "{h:?}"
        );
    }
    // Nothing was created by the refused POSTs.
    assert_eq!(
        e.get("/organizations?name=auth%20test").json()["result_info"]["total_size"],
        json!(5)
    );

    // Credentials from the environment replace the defaults.
    let e2 = Emu::start_env(
        &[],
        &[
            ("EMULATOR_TOKEN", "tok-2"),
            ("EMULATOR_EMAIL", "me@x.example"),
            ("EMULATOR_KEY", "k2"),
            ("EMULATOR_SERVICE_KEY", "s2"),
        ],
    );
    assert_eq!(e2.req("GET", path, &[AUTH], None).status, 401);
    assert_eq!(
        e2.req("GET", path, &[("authorization", "Bearer tok-2")], None)
            .status,
        200
    );
    assert_eq!(
        e2.req(
            "GET",
            path,
            &[("x-auth-email", "me@x.example"), ("x-auth-key", "k2")],
            None
        )
        .status,
        200
    );
    assert_eq!(
        e2.req("GET", path, &[("x-auth-user-service-key", "s2")], None)
            .status,
        200
    );
}

#[test]
fn cors() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    let r = e.req(
        "OPTIONS",
        "/client/v4/organizations",
        &[
            ("Origin", "http://localhost:5173"),
            ("Access-Control-Request-Method", "DELETE"),
            ("Access-Control-Request-Headers", "authorization, x-auth-email, x-auth-key, x-auth-user-service-key, content-type, cf-emulator-fault"),
        ],
        None,
    );
    assert_eq!(r.status, 204);
    check_ray(&r);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let methods = r.header("access-control-allow-methods").unwrap();
    for m in ["GET", "POST", "PUT", "DELETE", "OPTIONS"] {
        assert!(methods.contains(m), "{methods}");
    }
    assert_eq!(
        r.header("access-control-allow-headers"),
        Some("authorization, x-auth-email, x-auth-key, x-auth-user-service-key, content-type, cf-emulator-fault")
    );
    // Without Access-Control-Request-Headers the default list is offered.
    let r = e.req(
        "OPTIONS",
        &format!("/client/v4/organizations/{acme}/profile"),
        &[("Origin", "http://x")],
        None,
    );
    assert_eq!(r.status, 204);
    let allowed = r.header("access-control-allow-headers").unwrap();
    for h in [
        "authorization",
        "x-auth-email",
        "x-auth-key",
        "x-auth-user-service-key",
        "content-type",
        "cf-emulator-fault",
    ] {
        assert!(allowed.contains(h), "{allowed}");
    }
    // Every response exposes the headers a client needs, errors included.
    for r in [
        e.get("/organizations"),
        e.req("GET", "/client/v4/organizations", &[], None),
        e.admin("GET", "/requests", None),
    ] {
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
        assert_eq!(
            r.header("access-control-expose-headers"),
            Some("cf-ray, retry-after, retry-after-ms")
        );
        check_ray(&r);
    }
    assert_eq!(
        e.req(
            "OPTIONS",
            "/__emulator/requests",
            &[("Origin", "http://x")],
            None
        )
        .status,
        204
    );
    // Preflights are not in the request log.
    let log = e.admin("GET", "/requests", None).json();
    assert!(log["requests"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["method"] != "OPTIONS"));
}

#[test]
fn request_log_and_redaction() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    e.admin("DELETE", "/requests", None); // the lookup is not part of what is checked
    let body = r#"{"name":"logged"}"#;
    e.req(
        "POST",
        "/client/v4/organizations?x=1",
        &[
            AUTH,
            ("content-type", "application/json"),
            ("X-Auth-Email", EMAIL),
            ("X-Auth-Key", KEY),
            ("X-Auth-User-Service-Key", SERVICE_KEY),
            ("X-Trace", "abc"),
        ],
        Some(body),
    );
    e.req(
        "GET",
        "/client/v4/organizations?name.contains=a%20b&id=1&id=2",
        &[AUTH],
        None,
    );
    e.req(
        "GET",
        &format!("/client/v4/organizations/{acme}"),
        &[("authorization", "Bearer nope")],
        None,
    );
    e.req(
        "GET",
        "/client/v4/organizations",
        &[AUTH, ("cf-emulator-fault", "close")],
        None,
    );

    let v = e.admin("GET", "/requests", None).json();
    let reqs = v["requests"].as_array().unwrap();
    assert_eq!(reqs.len(), 4, "{v}");
    let first = &reqs[0];
    assert_eq!(first["method"], "POST");
    assert_eq!(first["path"], "/organizations");
    assert_eq!(first["query"], "x=1");
    assert_eq!(first["body"], body);
    // An unknown query parameter on a create is not an error (only lists are strict).
    assert_eq!(first["status"], 200);
    assert_eq!(first["fault"], Value::Null);
    let h = &first["headers"];
    for k in [
        "authorization",
        "x-auth-email",
        "x-auth-key",
        "x-auth-user-service-key",
    ] {
        assert_eq!(h[k], "***", "{k}");
    }
    assert_eq!(h["x-trace"], "abc");
    assert_eq!(h["content-type"], "application/json");
    assert!(!v.to_string().contains("dev-token"));
    assert!(!v.to_string().contains("dev-api-key"));
    assert!(!v.to_string().contains("dev-service-key"));
    assert_eq!(reqs[1]["query"], "name.contains=a%20b&id=1&id=2");
    assert_eq!(reqs[1]["body"], Value::Null);
    assert_eq!(reqs[2]["status"], 401);
    assert_eq!(reqs[2]["path"], format!("/organizations/{acme}"));
    assert_eq!(reqs[3]["status"], Value::Null);
    assert_eq!(reqs[3]["fault"], "close");
    let seqs: Vec<u64> = reqs.iter().map(|r| r["seq"].as_u64().unwrap()).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
    let since = e
        .admin("GET", &format!("/requests?since={}", seqs[1]), None)
        .json();
    assert_eq!(since["requests"].as_array().unwrap().len(), 2);

    // Admin calls are not logged; DELETE clears.
    assert_eq!(e.admin("DELETE", "/requests", None).json()["cleared"], 4);
    assert_eq!(
        e.admin("GET", "/requests", None).json()["requests"],
        json!([])
    );
}

#[test]
fn request_log_keeps_the_last_10000() {
    let e = Emu::start(&[]);
    // Keep-alive on one connection to make 10,050 requests quickly.
    use std::io::Write;
    let mut s = std::net::TcpStream::connect(e.addr()).unwrap();
    let one = "GET /client/v4/organizations/nope HTTP/1.1\r\nHost: x\r\n\r\n";
    let last = "GET /client/v4/organizations/last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    let mut batch = String::new();
    for _ in 0..10_049 {
        batch.push_str(one);
    }
    batch.push_str(last);
    let reader = {
        let mut s2 = s.try_clone().unwrap();
        std::thread::spawn(move || {
            s2.set_read_timeout(Some(std::time::Duration::from_secs(60)))
                .unwrap();
            read_all(&mut s2).len()
        })
    };
    s.write_all(batch.as_bytes()).unwrap();
    assert!(reader.join().unwrap() > 0);
    let v = e.admin("GET", "/requests", None).json();
    let reqs = v["requests"].as_array().unwrap();
    assert_eq!(reqs.len(), 10_000);
    assert_eq!(reqs[0]["seq"], 51);
    assert_eq!(reqs[9_999]["path"], "/organizations/last");
}

#[test]
fn admin_routes() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    let globex = e.seed_id("Globex");
    let h = e.admin("GET", "/health", None).json();
    assert_eq!(h["ok"], json!(true));
    assert_eq!(h["organizations"], 7);

    // Accounts can only be added through the admin route.
    let r = e.admin(
        "POST",
        "/accounts",
        Some(&json!({"organization_id": globex, "name": "Globex Research", "type": "enterprise"})),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let acc = r.json();
    assert_eq!(acc["name"], "Globex Research");
    assert_eq!(acc["type"], "enterprise");
    assert_eq!(acc["organization_id"], globex);
    let acc_id = acc["id"].as_str().unwrap().to_owned();
    assert!(is_hex32(&acc_id));
    let v = e.get(&format!("/organizations/{globex}/accounts")).json();
    assert_eq!(v["result_info"]["total_size"], 4);
    assert_eq!(names_of(&v)[3], "Globex Research");
    assert_eq!(
        names_of(
            &e.get(&format!("/organizations?containing.account={acc_id}"))
                .json()
        ),
        ["Globex"]
    );
    let r = e.admin(
        "POST",
        "/accounts",
        Some(&json!({"organization_id": "nope", "name": "x"})),
    );
    assert_eq!(r.status, 404);
    let r = e.admin(
        "POST",
        "/accounts",
        Some(&json!({"organization_id": globex, "name": "x", "type": "free"})),
    );
    assert_eq!(r.status, 400);
    let r = e.admin(
        "POST",
        "/accounts",
        Some(&json!({"organization_id": globex})),
    );
    assert_eq!(r.status, 400);

    let state = e.admin("GET", "/state", None).json();
    assert_eq!(state["organizations"].as_array().unwrap().len(), 7);
    assert_eq!(
        state["accounts"].as_array().unwrap().len(),
        2 + 3 + 2 + 25 + 3 + 1
    );
    assert_eq!(state["profiles"].as_object().unwrap().len(), 5);
    assert_eq!(
        state["profiles"][&acme]["business_name"],
        "Acme Corporation"
    );

    let r = e.admin("POST", "/reset", Some(&json!({"seed": "empty"})));
    assert_eq!(r.json()["organizations"], 0);
    assert_eq!(
        e.get("/organizations").json()["result_info"]["total_size"],
        0
    );
    assert_eq!(e.get("/organizations").json()["result"], json!([]));
    assert_eq!(
        e.admin("POST", "/reset", Some(&json!({"seed": "nope"})))
            .status,
        400
    );
    // No body: the seed the emulator started with. Ids are deterministic.
    let r = e.admin("POST", "/reset", None);
    assert_eq!(r.json()["seed"], "demo");
    assert_eq!(
        e.get(&format!("/organizations/{acme}")).json()["result"]["name"],
        "Acme Corp"
    );
    assert_eq!(
        e.get(&format!("/organizations/{globex}/accounts")).json()["result_info"]["total_size"],
        3
    );
    assert_eq!(
        e.admin("GET", "/requests", None).json()["requests"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let r = e.admin("GET", "/nope", None);
    assert_eq!(r.status, 404);
    check_ray(&r);
    assert_eq!(e.admin("PATCH", "/requests", None).status, 405);
}

#[test]
fn empty_seed() {
    let e = Emu::start(&["--seed", "empty"]);
    let v = check_envelope_ok(&e.get("/organizations"));
    assert_eq!(v["result"], json!([]));
    assert_eq!(v["result_info"], json!({"total_size": 0}));
}
