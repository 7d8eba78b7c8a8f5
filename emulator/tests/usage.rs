//! Billable usage: FOCUS records per account, metric and day; the from/to range and its limits.

mod common;

use std::collections::BTreeSet;

use common::*;
use serde_json::{json, Value};

fn usage(e: &Emu, org: &str, query: &str) -> Vec<Value> {
    results(&e.get(&format!("/organizations/{org}/billable/usage{query}")))
}

/// Today's date (UTC) as the emulator sees it: the last day of the default range.
fn today(e: &Emu) -> String {
    let all = usage(e, &e.seed_id("Acme Corp"), "");
    all.iter()
        .map(|r| r["ChargePeriodStart"].as_str().unwrap()[..10].to_owned())
        .max()
        .expect("this month has usage")
}

#[test]
fn records_have_the_focus_fields() {
    let e = Emu::start(&[]);
    let globex = e.seed_id("Globex");
    let list = usage(&e, &globex, "?from=2025-03-01&to=2025-03-07");
    assert!(!list.is_empty());
    let globex_accounts = ids_of(
        &e.get(&format!("/organizations/{globex}/accounts?page_size=1000"))
            .json(),
    );
    assert_eq!(globex_accounts.len(), 3);
    for r in &list {
        for k in [
            "ServiceProviderName",
            "InvoiceIssuerName",
            "HostProviderName",
            "BillingAccountId",
            "BillingAccountName",
            "ChargePeriodStart",
            "ChargePeriodEnd",
            "x_BillableMetricId",
            "x_BillableMetricName",
            "ChargeCategory",
            "ChargeFrequency",
            "ChargeDescription",
            "ConsumedUnit",
        ] {
            assert!(r[k].is_string(), "{k} in {r}");
        }
        assert!(r["ConsumedQuantity"].as_f64().unwrap() > 0.0);
        assert_eq!(r["BillingCurrency"], "USD");
        assert_eq!(r["ChargeCategory"], "Usage");
        assert_eq!(r["ChargeFrequency"], "Usage-Based");
        assert!(globex_accounts
            .iter()
            .any(|id| r["BillingAccountId"] == *id));
        let (billed, list_cost) = (
            r["BilledCost"].as_f64().unwrap(),
            r["ListCost"].as_f64().unwrap(),
        );
        assert!(billed > 0.0 && billed <= list_cost, "{r}");
        assert_eq!(r["BilledCost"], r["ContractedCost"]);
        assert_eq!(r["BillingPeriodStart"], "2025-03-01T00:00:00Z");
        assert_eq!(r["BillingPeriodEnd"], "2025-04-01T00:00:00Z");
        let start = r["ChargePeriodStart"].as_str().unwrap();
        assert!(
            ("2025-03-01".."2025-03-08").contains(&&start[..10]),
            "{start}"
        );
        assert!(r["ChargePeriodEnd"].as_str().unwrap() > start);
    }
    // Per account, metric and day: seven days of each pair, and no pair twice a day.
    let keys: BTreeSet<(String, String, String)> = list
        .iter()
        .map(|r| {
            (
                r["BillingAccountId"].to_string(),
                r["x_BillableMetricId"].to_string(),
                r["ChargePeriodStart"].to_string(),
            )
        })
        .collect();
    assert_eq!(keys.len(), list.len());
    let pairs: BTreeSet<_> = keys
        .iter()
        .map(|(a, m, _)| (a.clone(), m.clone()))
        .collect();
    assert_eq!(list.len(), pairs.len() * 7);
    let accounts: BTreeSet<_> = pairs.iter().map(|(a, _)| a.clone()).collect();
    assert_eq!(accounts.len(), 3, "every account has usage");
    let products: BTreeSet<_> = list
        .iter()
        .map(|r| r["x_ProductFamilyName"].to_string())
        .collect();
    assert!(products.len() >= 2, "{products:?}");
    // Deterministic: the same records on every call and in another emulator.
    assert_eq!(usage(&e, &globex, "?from=2025-03-01&to=2025-03-07"), list);
    let other = Emu::start(&[]);
    assert_eq!(
        usage(&other, &globex, "?from=2025-03-01&to=2025-03-07"),
        list
    );
}

#[test]
fn the_range_and_its_limits() {
    let e = Emu::start(&[]);
    let emea = e.seed_id("Acme EMEA");
    let one_day = usage(&e, &emea, "?from=2025-01-31&to=2025-01-31");
    assert!(one_day
        .iter()
        .all(|r| r["ChargePeriodStart"] == "2025-01-31T00:00:00Z"));
    assert!(!one_day.is_empty());
    let days = |list: &[Value]| {
        list.iter()
            .map(|r| r["ChargePeriodStart"].to_string())
            .collect::<BTreeSet<_>>()
            .len()
    };
    assert_eq!(
        days(&usage(&e, &emea, "?from=2025-01-01&to=2025-02-01")),
        32,
        "31 days apart is allowed"
    );
    for q in [
        "?from=2025-01-01",
        "?to=2025-01-01",
        "?from=2025-01-01&to=2025-02-02",
        "?from=2025-02-01&to=2025-01-01",
        "?from=2025-1-1&to=2025-01-02",
        "?from=2025-02-30&to=2025-03-01",
        "?from=2025-01-01T00:00:00Z&to=2025-01-02",
        "?from=2025-01-01&to=2025-01-02&granularity=day",
    ] {
        let r = e.get(&format!("/organizations/{emea}/billable/usage{q}"));
        assert_eq!(refusal(&r), (400, 1002), "{q}");
    }
    // No usage in the future, nor before the accounts existed (the seed's are from 2024).
    assert!(usage(&e, &emea, "?from=2099-01-01&to=2099-01-02").is_empty());
    assert!(usage(&e, &emea, "?from=2020-01-01&to=2020-01-02").is_empty());
    assert_eq!(
        refusal(&e.get(&format!("/organizations/{}/billable/usage", "0".repeat(32)))),
        (404, 1003)
    );
}

#[test]
fn the_default_range_is_this_month_to_today() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    let today = today(&e);
    let list = usage(&e, &acme, "");
    let starts: BTreeSet<String> = list
        .iter()
        .map(|r| r["ChargePeriodStart"].as_str().unwrap()[..10].to_owned())
        .collect();
    let first = format!("{}-01", &today[..7]);
    assert_eq!(starts.first(), Some(&first));
    assert_eq!(starts.last(), Some(&today));
    assert_eq!(list, usage(&e, &acme, &format!("?from={first}&to={today}")));
}

#[test]
fn an_account_added_later_has_usage() {
    let e = Emu::start(&[]);
    let initech = e.seed_id("Initech");
    let added = e.admin(
        "POST",
        "/accounts",
        Some(&json!({"organization_id": initech, "name": "Initech Web"})),
    );
    assert_eq!(added.status, 200, "{}", added.text());
    let today = today(&e);
    let list = usage(&e, &initech, &format!("?from={today}&to={today}"));
    assert!(!list.is_empty());
    assert!(list
        .iter()
        .all(|r| r["BillingAccountName"] == "Initech Web"));
    assert!(
        usage(&e, &initech, "?from=2025-01-01&to=2025-01-02").is_empty(),
        "not before it existed"
    );
}
