//! Shares: the seeded shares, every list filter, order, direction and page numbers.

mod common;

use common::*;

fn shares(e: &Emu, org: &str, query: &str) -> serde_json::Value {
    ok(&e.get(&format!("/organizations/{org}/shares{query}")))
}

fn items(v: &serde_json::Value) -> Vec<serde_json::Value> {
    v["result"].as_array().unwrap().clone()
}

#[test]
fn without_paging_every_share_comes_at_once() {
    let e = Emu::start(&[]);
    let initech = e.seed_id("Initech");
    let acme = e.seed_id("Acme Corp");
    let globex = e.seed_id("Globex");
    let v = shares(&e, &acme, "");
    let list = items(&v);
    assert_eq!(list.len(), 24);
    let info = &v["result_info"];
    assert_eq!(
        (info["page"].as_u64(), info["count"].as_u64()),
        (Some(1), Some(24))
    );
    assert_eq!(
        (info["total_count"].as_u64(), info["total_pages"].as_u64()),
        (Some(24), Some(1))
    );
    for s in &list {
        for k in [
            "id",
            "name",
            "account_id",
            "account_name",
            "organization_id",
            "created",
            "modified",
            "status",
            "target_type",
            "kind",
        ] {
            assert!(s[k].is_string(), "{k} in {s}");
        }
        assert_eq!(s["organization_id"], acme);
        assert!(!s["resources"].as_array().unwrap().is_empty());
    }
    // Default order: created, ascending.
    let created = field_of(&list, "created");
    let mut sorted = created.clone();
    sorted.sort();
    assert_eq!(created, sorted);
    assert_eq!(items(&shares(&e, &globex, "")).len(), 2);
    assert_eq!(items(&shares(&e, &initech, "")).len(), 0);
    assert_eq!(
        refusal(&e.get(&format!("/organizations/{}/shares", "0".repeat(32)))),
        (404, 1003)
    );
}

#[test]
fn page_numbers() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    let all = field_of(&items(&shares(&e, &acme, "")), "id");
    let p1 = shares(&e, &acme, "?per_page=20");
    assert_eq!(items(&p1).len(), 20);
    let info = &p1["result_info"];
    assert_eq!(
        (info["page"].as_u64(), info["per_page"].as_u64()),
        (Some(1), Some(20))
    );
    assert_eq!(
        (info["total_count"].as_u64(), info["total_pages"].as_u64()),
        (Some(24), Some(2))
    );
    let p2 = shares(&e, &acme, "?page=2");
    assert_eq!(
        p2["result_info"]["count"], 4,
        "per_page defaults to 20 with page"
    );
    let mut paged = field_of(&items(&p1), "id");
    paged.extend(field_of(&items(&p2), "id"));
    assert_eq!(paged, all);
    let by5: Vec<String> = (1..=5)
        .flat_map(|p| {
            field_of(
                &items(&shares(&e, &acme, &format!("?page={p}&per_page=5"))),
                "id",
            )
        })
        .collect();
    assert_eq!(by5, all);
    assert!(items(&shares(&e, &acme, "?page=9&per_page=5")).is_empty());
    assert_eq!(items(&shares(&e, &acme, "?per_page=100")).len(), 24);
    for q in [
        "per_page=101",
        "per_page=0",
        "page=0",
        "page=x",
        "per_page=-1",
        "page=1&page=2",
    ] {
        assert_eq!(
            refusal(&e.get(&format!("/organizations/{acme}/shares?{q}"))),
            (400, 1002),
            "{q}"
        );
    }
}

#[test]
fn filters() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    for (param, values) in [
        ("status", ["active", "deleting", "deleted"].as_slice()),
        ("kind", &["sent", "received"]),
        ("target_type", &["account", "organization"]),
    ] {
        let mut seen = 0;
        for v in values {
            let list = items(&shares(&e, &acme, &format!("?{param}={v}")));
            assert!(!list.is_empty(), "{param}={v}");
            assert!(list.iter().all(|s| s[param] == *v), "{param}={v}");
            seen += list.len();
        }
        assert_eq!(seen, 24, "{param} partitions the shares");
        assert_eq!(
            refusal(&e.get(&format!("/organizations/{acme}/shares?{param}=other"))),
            (400, 1002)
        );
    }
    let has = |s: &serde_json::Value, t: &str| {
        s["resources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["resource_type"] == t)
    };
    let idp = items(&shares(&e, &acme, "?resource_types=idp-federation-grant"));
    assert!(!idp.is_empty() && idp.iter().all(|s| has(s, "idp-federation-grant")));
    let two = items(&shares(
        &e,
        &acme,
        "?resource_types=idp-federation-grant&resource_types=gateway-destination-ip",
    ));
    assert!(two.len() > idp.len());
    assert!(two
        .iter()
        .all(|s| has(s, "idp-federation-grant") || has(s, "gateway-destination-ip")));
    assert_eq!(
        refusal(&e.get(&format!("/organizations/{acme}/shares?resource_types=zone"))),
        (400, 1002)
    );
    let both = items(&shares(&e, &acme, "?kind=received&status=active"));
    assert!(both
        .iter()
        .all(|s| s["kind"] == "received" && s["status"] == "active"));
    assert_eq!(
        refusal(&e.get(&format!("/organizations/{acme}/shares?kinds=sent"))),
        (400, 1002)
    );
}

#[test]
fn order_and_direction() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    let by_name = field_of(&items(&shares(&e, &acme, "?order=name")), "name");
    let mut sorted = by_name.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(by_name, sorted);
    let mut desc = field_of(
        &items(&shares(&e, &acme, "?order=name&direction=desc")),
        "name",
    );
    desc.reverse();
    assert_eq!(desc, by_name);
    let created_desc = field_of(&items(&shares(&e, &acme, "?direction=desc")), "created");
    let mut sorted = created_desc.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(created_desc, sorted);
    // Pages follow the order.
    let first = field_of(&items(&shares(&e, &acme, "?order=name&per_page=3")), "name");
    assert_eq!(first, by_name[..3]);
    for q in ["order=size", "direction=up"] {
        assert_eq!(
            refusal(&e.get(&format!("/organizations/{acme}/shares?{q}"))),
            (400, 1002),
            "{q}"
        );
    }
}
