//! The emulator's routes against the core's endpoint table (the table the client is driven
//! by): every operation is routed, and each path allows exactly the table's methods.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use cloudflare_organizations_core::OPERATIONS;
use common::*;

/// The path with each `{placeholder}` replaced by an id that names nothing.
fn concrete(template: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}').expect("closed placeholder") + start;
        out.push_str("0123456789abcdef0123456789abcdef");
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn every_operation_of_the_core_table_is_routed() {
    let e = Emu::start(&["--seed", "empty"]);
    let distinct: BTreeSet<(&str, &str)> = OPERATIONS
        .iter()
        .map(|op| (op.method.as_str(), op.path))
        .collect();
    assert_eq!(distinct.len(), 17);
    for op in OPERATIONS {
        let path = concrete(op.path);
        let body = matches!(op.method.as_str(), "POST" | "PUT").then(|| serde_json::json!({}));
        let r = e.api(op.method.as_str(), &path, body.as_ref());
        assert_ne!(
            r.status,
            405,
            "{} {}: {}",
            op.method.as_str(),
            op.path,
            r.text()
        );
        assert_ne!(
            r.code(),
            7003,
            "{} {} is not routed",
            op.method.as_str(),
            op.path
        );
        assert!(
            r.status < 500,
            "{} {}: {}",
            op.method.as_str(),
            op.path,
            r.text()
        );
    }
}

#[test]
fn each_path_allows_exactly_the_methods_of_the_table() {
    let e = Emu::start(&["--seed", "empty"]);
    let mut methods: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for op in OPERATIONS {
        methods
            .entry(op.path)
            .or_default()
            .insert(op.method.as_str());
    }
    for (template, allowed) in methods {
        let r = e.api("PATCH", &concrete(template), None);
        assert_eq!((r.status, r.code()), (405, 10405), "{template}");
        let allow: BTreeSet<&str> = r.header("allow").unwrap().split(", ").collect();
        assert_eq!(allow, allowed, "{template}");
    }
}
