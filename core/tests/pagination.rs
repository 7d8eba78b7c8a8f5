//! `Pager` (API.md, `listAll`/`iterate`): the same filters with each token, stopping on an
//! absent or empty token and after `maxPages`, starting from the caller's `page_token`, and
//! refusing a token the server already handed back.

mod common;

use cloudflare_organizations_core::endpoint::{self, Operation};
use cloudflare_organizations_core::models::{AccountListParams, OrganizationListParams};
use cloudflare_organizations_core::models::{AuditListParams, ShareListParams};
use cloudflare_organizations_core::params::{list, ListParams};

use cloudflare_organizations_core::{CallOptions, Config, Error, Outcome, Pager, Step};
use common::{call_options, config, endpoint, error_envelope, head, organization, page};
use serde_json::{json, Value};

const BASE: &str = "https://api.cloudflare.com/client/v4";

/// One scripted response: a status and a body.
type Reply = (u16, String);

fn page_reply(ids: &[&str], next: Option<&str>) -> Reply {
    let items: Vec<Value> = ids.iter().map(|id| organization(id)).collect();
    (200, page(json!(items), next))
}

/// Walks `pager` over `replies` like `listAll` would: the URLs requested, the ids collected,
/// and the error that ended it, if any.
struct Walk {
    urls: Vec<String>,
    ids: Vec<String>,
    error: Option<Error>,
    waits: Vec<u64>,
}

fn walk(mut pager: Pager, c: &Config, o: &CallOptions, replies: Vec<Reply>) -> Walk {
    let mut replies = replies.into_iter();
    let mut walk = Walk {
        urls: vec![],
        ids: vec![],
        error: None,
        waits: vec![],
    };
    while let Some(mut call) = pager.next_call(c, o) {
        loop {
            call.begin_attempt();
            walk.urls.push(call.request().url.clone());
            let (status, body) = replies
                .next()
                .expect("the pager asked for more pages than scripted");
            match call.finish(Ok((head(status), body.as_str())), 0.0) {
                Step::Retry { wait_ms } => walk.waits.push(wait_ms),
                Step::Done(Ok(Outcome::Page {
                    items,
                    next_page_token,
                    ..
                })) => {
                    for item in items.as_array().unwrap() {
                        walk.ids.push(item["id"].as_str().unwrap().to_string());
                    }
                    pager.page_received(call, next_page_token);
                    break;
                }
                Step::Done(Ok(other)) => panic!("not a page: {other:?}"),
                Step::Done(Err(e)) => {
                    walk.error = Some(e);
                    pager.stop();
                    assert!(pager.next_call(c, o).is_none());
                    return walk;
                }
            }
        }
    }
    assert!(replies.next().is_none(), "scripted replies left over");
    walk
}

fn org_pager(params: Value, max_pages: Option<u32>) -> Pager {
    let filters = list::<OrganizationListParams, _>(Some(&params)).unwrap();
    Pager::new(endpoint(endpoint::LIST, None, "", None), filters, max_pages)
}

#[test]
fn the_same_filters_are_resent_with_each_token() {
    let pager = org_pager(
        json!({ "name": { "startsWith": "Ac me" }, "parent": { "id": null }, "page_size": 2 }),
        None,
    );
    let w = walk(
        pager,
        &config(json!({})),
        &CallOptions::default(),
        vec![
            page_reply(&["a", "b"], Some("t/1")),
            page_reply(&["c", "d"], Some("t2")),
            page_reply(&["e"], None),
        ],
    );
    let q = "name.startsWith=Ac%20me&parent.id=null&page_size=2";
    assert_eq!(
        w.urls,
        vec![
            format!("{BASE}/organizations?{q}"),
            format!("{BASE}/organizations?{q}&page_token=t%2F1"),
            format!("{BASE}/organizations?{q}&page_token=t2"),
        ]
    );
    assert_eq!(w.ids, ["a", "b", "c", "d", "e"]);
    assert!(w.error.is_none());
}

#[test]
fn an_empty_token_ends_the_listing() {
    let w = walk(
        org_pager(json!({}), None),
        &config(json!({})),
        &CallOptions::default(),
        vec![page_reply(&["a"], Some("t1")), page_reply(&["b"], Some(""))],
    );
    assert_eq!(
        w.urls,
        [
            format!("{BASE}/organizations"),
            format!("{BASE}/organizations?page_token=t1")
        ]
    );
    assert_eq!(w.ids, ["a", "b"]);
}

#[test]
fn an_absent_token_or_result_info_ends_the_listing() {
    let no_info = (
        200,
        json!({ "success": true, "errors": [], "messages": [], "result": [organization("b")] })
            .to_string(),
    );
    let w = walk(
        org_pager(json!({}), None),
        &config(json!({})),
        &CallOptions::default(),
        vec![page_reply(&["a"], Some("t1")), no_info],
    );
    assert_eq!(w.ids, ["a", "b"]);
    let w = walk(
        org_pager(json!({}), None),
        &config(json!({})),
        &CallOptions::default(),
        vec![page_reply(&[], None)],
    );
    assert_eq!(w.urls.len(), 1);
    assert!(w.ids.is_empty());
}

#[test]
fn max_pages_stops_the_listing() {
    let w = walk(
        org_pager(json!({ "page_size": 1 }), Some(2)),
        &config(json!({})),
        &CallOptions::default(),
        vec![
            page_reply(&["a"], Some("t1")),
            page_reply(&["b"], Some("t2")),
        ],
    );
    assert_eq!(w.ids, ["a", "b"]);
    assert_eq!(w.urls.len(), 2);
    let w = walk(
        org_pager(json!({}), Some(1)),
        &config(json!({})),
        &CallOptions::default(),
        vec![page_reply(&["a"], Some("t1"))],
    );
    assert_eq!(w.ids, ["a"]);
    // maxPages read from the call options, as the binding would pass it.
    let o = call_options(json!({ "maxPages": 3 }), true);
    let w = walk(
        org_pager(json!({}), o.max_pages),
        &config(json!({})),
        &o,
        vec![
            page_reply(&["a"], Some("t1")),
            page_reply(&["b"], Some("t2")),
            page_reply(&["c"], Some("t3")),
        ],
    );
    assert_eq!(w.ids, ["a", "b", "c"]);
}

#[test]
fn the_listing_starts_from_the_callers_page_token() {
    let w = walk(
        org_pager(json!({ "page_token": "start", "id": ["x", "y"] }), None),
        &config(json!({})),
        &CallOptions::default(),
        vec![page_reply(&["x"], Some("t1")), page_reply(&["y"], None)],
    );
    assert_eq!(
        w.urls,
        [
            format!("{BASE}/organizations?id=x&id=y&page_token=start"),
            format!("{BASE}/organizations?id=x&id=y&page_token=t1"),
        ]
    );
}

#[test]
fn a_repeated_token_is_an_invalid_response() {
    let w = walk(
        org_pager(json!({}), None),
        &config(json!({})),
        &CallOptions::default(),
        vec![
            page_reply(&["a"], Some("t1")),
            page_reply(&["b"], Some("t1")),
        ],
    );
    assert_eq!(w.ids, ["a"]);
    let Some(Error::InvalidResponse {
        status,
        reason,
        path,
        ..
    }) = w.error
    else {
        panic!("{:?}", w.error);
    };
    assert_eq!(status, 200);
    assert_eq!(path, "/organizations");
    assert!(
        reason.contains("page token it had already handed back"),
        "{reason}"
    );
}

#[test]
fn the_last_page_max_pages_allows_may_repeat_a_token() {
    // Prism's static mock hands back the same token on every page: with maxPages the
    // listing stops at the limit instead of failing on a token it would never follow.
    let w = walk(
        org_pager(json!({}), Some(2)),
        &config(json!({})),
        &CallOptions::default(),
        vec![
            page_reply(&["a"], Some("same")),
            page_reply(&["b"], Some("same")),
        ],
    );
    assert!(w.error.is_none(), "{:?}", w.error);
    assert_eq!(w.ids, ["a", "b"]);

    let w = walk(
        org_pager(json!({}), Some(3)),
        &config(json!({})),
        &CallOptions::default(),
        vec![
            page_reply(&["a"], Some("same")),
            page_reply(&["b"], Some("same")),
        ],
    );
    assert!(
        matches!(w.error, Some(Error::InvalidResponse { .. })),
        "a repeat before the limit is still refused: {:?}",
        w.error
    );
}

#[test]
fn a_token_cycle_is_an_invalid_response() {
    let w = walk(
        org_pager(json!({}), None),
        &config(json!({})),
        &CallOptions::default(),
        vec![
            page_reply(&["a"], Some("t1")),
            page_reply(&["b"], Some("t2")),
            page_reply(&["c"], Some("t1")),
        ],
    );
    assert_eq!(w.ids, ["a", "b"]);
    assert_eq!(w.error.unwrap().class_name(), "InvalidResponseError");
}

#[test]
fn the_callers_own_token_handed_back_is_a_repeat() {
    let w = walk(
        org_pager(json!({ "page_token": "p0" }), None),
        &config(json!({})),
        &CallOptions::default(),
        vec![page_reply(&["a"], Some("p0"))],
    );
    assert!(w.ids.is_empty());
    assert_eq!(w.error.unwrap().class_name(), "InvalidResponseError");
}

#[test]
fn a_page_that_fails_transiently_is_retried_and_the_listing_goes_on() {
    let w = walk(
        org_pager(json!({}), None),
        &config(json!({})),
        &CallOptions::default(),
        vec![
            page_reply(&["a"], Some("t1")),
            (503, error_envelope(1, "busy")),
            page_reply(&["b"], Some("t2")),
            page_reply(&["c"], None),
        ],
    );
    assert_eq!(w.ids, ["a", "b", "c"]);
    assert_eq!(w.waits, [500]);
    assert_eq!(
        w.urls,
        [
            format!("{BASE}/organizations"),
            format!("{BASE}/organizations?page_token=t1"),
            format!("{BASE}/organizations?page_token=t1"),
            format!("{BASE}/organizations?page_token=t2"),
        ]
    );
}

#[test]
fn a_page_that_fails_ends_the_listing_with_its_error() {
    let w = walk(
        org_pager(json!({}), None),
        &config(json!({})),
        &CallOptions::default(),
        vec![
            page_reply(&["a"], Some("t1")),
            (
                403,
                error_envelope(9109, "Unauthorized to access requested resource"),
            ),
        ],
    );
    assert_eq!(w.ids, ["a"]);
    assert_eq!(w.error.unwrap().class_name(), "PermissionDeniedError");
}

#[test]
fn account_listings_page_the_same_way() {
    let filters = list::<AccountListParams, _>(Some(
        &json!({ "order_by": "account_name", "direction": "asc" }),
    ))
    .unwrap();
    let pager = Pager::new(
        endpoint(endpoint::LIST_ACCOUNTS, Some("org 1"), "", None),
        filters,
        None,
    );
    let accounts = |ids: &[&str], next: Option<&str>| -> Reply {
        let items: Vec<Value> = ids.iter()
            .map(|id| json!({ "id": id, "name": null, "type": "standard", "created_on": "2025", "settings": null }))
            .collect();
        (200, page(json!(items), next))
    };
    let c = config(json!({ "apiToken": "t", "baseUrl": "/api/cf" }));
    let w = walk(
        pager,
        &c,
        &CallOptions::default(),
        vec![accounts(&["a1"], Some("n1")), accounts(&["a2"], None)],
    );
    assert_eq!(w.ids, ["a1", "a2"]);
    assert_eq!(
        w.urls,
        [
            "/api/cf/organizations/org%201/accounts?order_by=account_name&direction=asc",
            "/api/cf/organizations/org%201/accounts?order_by=account_name&direction=asc&page_token=n1",
        ]
    );
}

#[test]
fn every_page_carries_the_call_headers() {
    let c = config(json!({ "apiToken": "t" }));
    let o = call_options(
        json!({ "headers": { "X-Trace": "walk" }, "maxPages": 5 }),
        true,
    );
    let mut pager = org_pager(json!({}), o.max_pages);
    let mut call = pager.next_call(&c, &o).unwrap();
    assert!(call
        .request()
        .headers
        .contains(&("X-Trace".into(), "walk".into())));
    call.begin_attempt();
    let body = page(json!([organization("a")]), Some("t1"));
    let Step::Done(Ok(Outcome::Page {
        next_page_token, ..
    })) = call.finish(Ok((head(200), body.as_str())), 0.0)
    else {
        panic!()
    };
    pager.page_received(call, next_page_token);
    let call = pager.next_call(&c, &o).unwrap();
    assert!(call
        .request()
        .headers
        .contains(&("X-Trace".into(), "walk".into())));
    assert!(call
        .request()
        .headers
        .contains(&("authorization".into(), "Bearer t".into())));
}

#[test]
fn a_stopped_pager_gives_no_more_calls() {
    let mut pager = org_pager(json!({}), None);
    pager.stop();
    assert!(pager
        .next_call(&config(json!({})), &CallOptions::default())
        .is_none());
}

/// A cursor page (audit logs): items with ids, and `result_info` as given.
fn cursor_reply(ids: &[&str], result_info: Value) -> Reply {
    let items: Vec<Value> = ids.iter().map(|id| json!({ "id": id })).collect();
    let body =
        json!({ "success": true, "errors": [], "result": items, "result_info": result_info });
    (200, body.to_string())
}

/// A pager over `operation` of organization `o1`, from parameters read as `T`.
fn pager_of<T: ListParams>(operation: Operation, params: Value, max_pages: Option<u32>) -> Pager {
    let filters = cloudflare_organizations_core::params::list::<T, Value>(Some(&params)).unwrap();
    Pager::new(
        endpoint(operation, Some("o1"), "", None),
        filters,
        max_pages,
    )
}

fn audit_pager(params: Value, max_pages: Option<u32>) -> Pager {
    pager_of::<AuditListParams>(endpoint::AUDIT_LIST, params, max_pages)
}

const AUDIT: &str = "https://api.cloudflare.com/client/v4/organizations/o1/logs/audit";

#[test]
fn audit_logs_follow_the_cursor_with_the_same_filters_to_the_end() {
    let w = walk(
        audit_pager(
            json!({ "since": "2026-11-01", "before": "2026-11-02", "limit": 2, "actor_email": { "not": "x@y.z" }, "cursor": "c0" }),
            None,
        ),
        &config(json!({})),
        &CallOptions::default(),
        vec![
            cursor_reply(&["a", "b"], json!({ "count": "2", "cursor": "c/1" })),
            cursor_reply(&["c", "d"], json!({ "count": "2", "cursor": "c2" })),
            cursor_reply(&["e"], json!({ "count": "1" })),
        ],
    );
    let q = "since=2026-11-01&before=2026-11-02&limit=2&actor_email.not=x%40y.z";
    assert_eq!(
        w.urls,
        [
            format!("{AUDIT}?{q}&cursor=c0"),
            format!("{AUDIT}?{q}&cursor=c%2F1"),
            format!("{AUDIT}?{q}&cursor=c2"),
        ]
    );
    assert_eq!(w.ids, ["a", "b", "c", "d", "e"]);
    assert!(w.error.is_none());
}

#[test]
fn the_sdks_cursors_after_is_read_when_cursor_is_absent_and_cursor_wins() {
    let w = walk(
        audit_pager(
            json!({ "since": "2026-11-01", "before": "2026-11-02" }),
            None,
        ),
        &config(json!({})),
        &CallOptions::default(),
        vec![
            cursor_reply(&["a"], json!({ "cursors": { "after": "x1" } })),
            cursor_reply(
                &["b"],
                json!({ "cursor": "y2", "cursors": { "after": "ignored" } }),
            ),
            cursor_reply(&["c"], json!({ "cursor": "" })),
        ],
    );
    assert_eq!(w.ids, ["a", "b", "c"]);
    assert!(w.urls[1].ends_with("&cursor=x1"), "{:?}", w.urls);
    assert!(w.urls[2].ends_with("&cursor=y2"), "{:?}", w.urls);
}

#[test]
fn a_cursor_that_does_not_advance_is_an_invalid_response() {
    let w = walk(
        audit_pager(
            json!({ "since": "2026-11-01", "before": "2026-11-02" }),
            None,
        ),
        &config(json!({})),
        &CallOptions::default(),
        vec![
            cursor_reply(&["a"], json!({ "cursor": "same" })),
            cursor_reply(&["b"], json!({ "cursor": "same" })),
        ],
    );
    assert_eq!(w.ids, ["a"]);
    assert!(
        matches!(&w.error, Some(Error::InvalidResponse { reason, .. }) if reason.contains("already handed back")),
        "{:?}",
        w.error
    );
    let w = walk(
        audit_pager(
            json!({ "since": "2026-11-01", "before": "2026-11-02" }),
            None,
        ),
        &config(json!({})),
        &CallOptions::default(),
        vec![cursor_reply(&["a"], json!({ "cursor": 7 }))],
    );
    assert!(
        matches!(&w.error, Some(Error::InvalidResponse { reason, .. }) if reason.contains("result_info.cursor")),
        "{:?}",
        w.error
    );
}

/// A numbered page of shares.
fn numbered_reply(ids: &[&str], page: u64, total_pages: Option<u64>) -> Reply {
    let items: Vec<Value> = ids
        .iter()
        .map(|id| json!({ "id": id, "name": format!("share {id}") }))
        .collect();
    let mut info = json!({ "page": page, "per_page": 2, "count": ids.len() });
    if let Some(total) = total_pages {
        info["total_pages"] = json!(total);
    }
    let body = json!({ "success": true, "errors": [], "result": items, "result_info": info });
    (200, body.to_string())
}

fn share_pager(params: Value, max_pages: Option<u32>) -> Pager {
    pager_of::<ShareListParams>(endpoint::SHARES_LIST, params, max_pages)
}

const SHARES: &str = "https://api.cloudflare.com/client/v4/organizations/o1/shares";

#[test]
fn shares_follow_page_numbers_until_total_pages() {
    let w = walk(
        share_pager(json!({ "per_page": 2, "kind": "sent" }), None),
        &config(json!({})),
        &CallOptions::default(),
        vec![
            numbered_reply(&["a", "b"], 1, Some(3)),
            numbered_reply(&["c", "d"], 2, Some(3)),
            numbered_reply(&["e"], 3, Some(3)),
        ],
    );
    assert_eq!(
        w.urls,
        [
            format!("{SHARES}?kind=sent&per_page=2"),
            format!("{SHARES}?kind=sent&per_page=2&page=2"),
            format!("{SHARES}?kind=sent&per_page=2&page=3"),
        ]
    );
    assert_eq!(w.ids, ["a", "b", "c", "d", "e"]);
    assert!(w.error.is_none());
}

#[test]
fn shares_start_at_the_callers_page_and_stop_at_an_empty_one() {
    let w = walk(
        share_pager(json!({ "page": 4 }), None),
        &config(json!({})),
        &CallOptions::default(),
        vec![
            numbered_reply(&["a"], 4, Some(9)),
            numbered_reply(&[], 5, Some(9)),
        ],
    );
    assert_eq!(
        w.urls,
        [format!("{SHARES}?page=4"), format!("{SHARES}?page=5")]
    );
    assert_eq!(w.ids, ["a"]);
    // Without total_pages nothing says there is more: one page, not an endless walk.
    let w = walk(
        share_pager(json!({}), None),
        &config(json!({})),
        &CallOptions::default(),
        vec![numbered_reply(&["a"], 1, None)],
    );
    assert_eq!(w.ids, ["a"]);
    let w = walk(
        share_pager(json!({}), Some(2)),
        &config(json!({})),
        &CallOptions::default(),
        vec![
            numbered_reply(&["a"], 1, Some(9)),
            numbered_reply(&["b"], 2, Some(9)),
        ],
    );
    assert_eq!(w.ids, ["a", "b"], "maxPages stops it");
}

#[test]
fn a_page_number_that_does_not_advance_is_an_invalid_response() {
    let w = walk(
        share_pager(json!({}), None),
        &config(json!({})),
        &CallOptions::default(),
        vec![
            numbered_reply(&["a"], 1, Some(3)),
            numbered_reply(&["a"], 1, Some(3)),
        ],
    );
    assert_eq!(w.ids, ["a"]);
    assert!(
        matches!(&w.error, Some(Error::InvalidResponse { reason, .. }) if reason.contains("another page")),
        "{:?}",
        w.error
    );
}

#[test]
fn one_numbered_page_asked_for_is_checked_against_that_number() {
    let prepared = cloudflare_organizations_core::prepare(
        endpoint::SHARES_LIST,
        &[&json!("o1")],
        Some(&json!({ "page": 2 })),
    )
    .unwrap();
    let check = |answered: u64| {
        let mut call = cloudflare_organizations_core::Call::new(
            &config(json!({})),
            &CallOptions::default(),
            &prepared.endpoint,
        );
        call.begin_attempt();
        let (status, body) = numbered_reply(&["a"], answered, Some(3));
        call.finish(Ok((head(status), body.as_str())), 0.0)
    };
    assert!(
        matches!(check(2), Step::Done(Ok(Outcome::Page { ref next_page_token, .. })) if next_page_token.as_deref() == Some("3"))
    );
    assert!(matches!(
        check(1),
        Step::Done(Err(Error::InvalidResponse { .. }))
    ));
}
