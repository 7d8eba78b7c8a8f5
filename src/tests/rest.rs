//! The nine operations after the seed's eight (`logs.audit`, `billing.usage`, `members`,
//! `shares`) in the real runtimes against the emulator, with the requests they sent.

use js_sys::{Date, Promise};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::*;

/// `since` a minute ago and `before` a minute ahead, as JS `Date`s.
fn last_minute() -> Obj {
    Obj::new()
        .set("since", Date::new(&JsValue::from_f64(now() - 60_000.0)))
        .set("before", Date::new(&JsValue::from_f64(now() + 60_000.0)))
}

/// A fresh organization, for operations that change or record things.
async fn fresh_org(tag: &str) -> String {
    text(&create_org(&orgs(), &unique(tag), None).await, "id")
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn the_audit_trail_records_a_create_and_pages_by_cursor() {
    let orgs = orgs();
    let id = fresh_org("wasm audit").await;
    let mark = log_mark().await;
    let page = resolve(orgs.logs().audit().list(
        id.clone().into(),
        last_minute().js(),
        JsValue::UNDEFINED,
    ))
    .await;
    let entries = items(&get(&page, "result"));
    assert_eq!(entries.len(), 1, "{}", dump(&page));
    let entry = &entries[0];
    assert_eq!(text(&get(entry, "action"), "type"), "create");
    assert_eq!(text(&get(entry, "organization"), "id"), id);
    assert!(get(&page, "result_info").is_object());
    // The Dates went out as RFC 3339 text.
    let sent = log_since(mark).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].path, format!("/organizations/{id}/logs/audit"));
    assert!(sent[0].query.starts_with("since=20"), "{}", sent[0].query);
    assert!(sent[0].query.contains("Z&before=20"), "{}", sent[0].query);

    // Its negative filter leaves it out.
    let not_create = last_minute().set("action_type", Obj::new().set("not", "create").js());
    let page = resolve(orgs.logs().audit().list(
        id.clone().into(),
        not_create.js(),
        JsValue::UNDEFINED,
    ))
    .await;
    assert!(items(&get(&page, "result")).is_empty(), "{}", dump(&page));

    // Three more entries, then every page of one, following the cursor.
    for n in 0..3 {
        let body = Obj::new().set("name", unique(&format!("wasm audit renamed {n}")));
        resolve(orgs.update(id.clone().into(), body.js(), JsValue::UNDEFINED)).await;
    }
    let mark = log_mark().await;
    let one_a_page = || last_minute().set("limit", 1).js();
    let all = resolve(orgs.logs().audit().list_all(
        id.clone().into(),
        one_a_page(),
        JsValue::UNDEFINED,
    ))
    .await;
    assert_eq!(items(&all).len(), 4, "{}", dump(&all));
    let sent = log_since(mark).await;
    assert!(sent.len() >= 4, "one request a page: {}", sent.len());
    assert!(
        sent[1..].iter().all(|r| r.query.contains("&cursor=")),
        "{:?}",
        sent.iter().map(|r| &r.query).collect::<Vec<_>>()
    );
    let two = Obj::new().set("maxPages", 2);
    let capped = resolve(orgs.logs().audit().list_all(
        id.clone().into(),
        last_minute().set("limit", 1).js(),
        two.js(),
    ))
    .await;
    assert_eq!(items(&capped).len(), 2);
    let iterated = resolve(collect(
        &orgs
            .logs()
            .audit()
            .iterate(id.clone().into(), one_a_page(), JsValue::UNDEFINED),
        JsValue::UNDEFINED,
    ))
    .await;
    assert_eq!(items(&iterated).len(), 4);

    // The history of the created organization, from its entry.
    let history_params = last_minute().set("action_time", text(&get(entry, "action"), "time"));
    let history = resolve(orgs.logs().audit().history(
        id.clone().into(),
        text(entry, "id").into(),
        history_params.js(),
        JsValue::UNDEFINED,
    ))
    .await;
    assert!(
        !items(&get(&history, "result")).is_empty(),
        "{}",
        dump(&history)
    );
    assert!(
        ["exact", "approximate", "unavailable"]
            .contains(&text(&get(&history, "result_info"), "history_status").as_str()),
        "{}",
        dump(&history)
    );
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn usage_records_of_a_seeded_organization_for_a_range() {
    let orgs = orgs();
    let all = resolve(orgs.list_all(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    let seeded = items(&all)
        .into_iter()
        .find(|org| text(org, "name") == "Acme Americas")
        .expect("the demo seed has Acme Americas");
    let id = text(&seeded, "id");
    let today = Date::new_0();
    let week_ago = Date::new(&JsValue::from_f64(now() - 6.0 * 86_400_000.0));
    let mark = log_mark().await;
    let range = Obj::new().set("from", week_ago).set("to", today);
    let records = resolve(orgs.billing().usage().get(
        id.clone().into(),
        range.js(),
        JsValue::UNDEFINED,
    ))
    .await;
    let records = items(&records);
    assert!(!records.is_empty());
    for record in &records {
        assert!(
            get(record, "BilledCost").as_f64().is_some() || get(record, "BilledCost").is_null()
        );
        assert!(!text(record, "ChargePeriodStart").is_empty());
        assert!(!text(record, "BillingAccountId").is_empty());
    }
    let sent = log_since(mark).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].path, format!("/organizations/{id}/billable/usage"));
    // Dates went out as days.
    let query = &sent[0].query;
    assert!(
        query.starts_with("from=20") && query.len() == "from=2026-11-23&to=2026-11-29".len(),
        "{query}"
    );
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn members_are_invited_listed_by_filter_and_page_and_removed() {
    let orgs = orgs();
    let id = fresh_org("wasm members").await;
    let members = orgs.members();
    let one = Obj::new().set("user", Obj::new().set("email", "ada@wasm.example").js());
    let ada = resolve(members.create(id.clone().into(), one.js(), JsValue::UNDEFINED)).await;
    assert_eq!(text(&get(&ada, "user"), "email"), "ada@wasm.example");
    let batch = array(&[
        Obj::new()
            .set("user", Obj::new().set("email", "bob@wasm.example").js())
            .js(),
        Obj::new()
            .set("user", Obj::new().set("email", "cy@other.example").js())
            .set("status", "active")
            .js(),
    ]);
    let created = resolve(members.batch_create(id.clone().into(), batch, JsValue::UNDEFINED)).await;
    assert_eq!(items(&created).len(), 2);

    let by_email = Obj::new().set(
        "user",
        Obj::new()
            .set("email", Obj::new().set("endsWith", "@wasm.example").js())
            .js(),
    );
    let page = resolve(members.list(id.clone().into(), by_email.js(), JsValue::UNDEFINED)).await;
    let mut emails: Vec<String> = items(&get(&page, "result"))
        .iter()
        .map(|m| text(&get(m, "user"), "email"))
        .collect();
    emails.sort();
    assert_eq!(emails, ["ada@wasm.example", "bob@wasm.example"]);
    let active = Obj::new().set("status", array(&["active".into()]));
    let page = resolve(members.list(id.clone().into(), active.js(), JsValue::UNDEFINED)).await;
    assert_eq!(items(&get(&page, "result")).len(), 1, "{}", dump(&page));

    let mark = log_mark().await;
    let all = resolve(members.list_all(
        id.clone().into(),
        Obj::new().set("page_size", 1).js(),
        JsValue::UNDEFINED,
    ))
    .await;
    assert_eq!(items(&all).len(), 3);
    let sent = log_since(mark).await;
    assert_eq!(sent.len(), 3, "one request a page");
    assert!(sent[2].query.contains("page_token="), "{}", sent[2].query);
    let iterated = resolve(collect(
        &members.iterate(id.clone().into(), JsValue::UNDEFINED, JsValue::UNDEFINED),
        JsValue::UNDEFINED,
    ))
    .await;
    assert_eq!(items(&iterated).len(), 3);

    let ada_id = text(&ada, "id");
    let fetched =
        resolve(members.get(id.clone().into(), ada_id.clone().into(), JsValue::UNDEFINED)).await;
    assert_eq!(text(&fetched, "id"), ada_id);
    let gone =
        resolve(members.delete(id.clone().into(), ada_id.clone().into(), JsValue::UNDEFINED)).await;
    assert!(gone.is_undefined());
    let error = reject(members.get(id.into(), ada_id.into(), JsValue::UNDEFINED)).await;
    expect_class::<NotFoundError>(&error, "NotFoundError");
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn shares_follow_page_numbers_to_the_last() {
    let orgs = orgs();
    let all = resolve(orgs.list_all(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    let root = items(&all)
        .into_iter()
        .find(|org| text(org, "name") == "Acme Corp")
        .expect("the demo seed has Acme Corp");
    let id = text(&root, "id");
    let shares = orgs.shares();
    let first = resolve(shares.list(
        id.clone().into(),
        Obj::new().set("per_page", 5).js(),
        JsValue::UNDEFINED,
    ))
    .await;
    let info = get(&first, "result_info");
    let total = num(&info, "total_count") as usize;
    assert!(
        total > 5,
        "the seed has more than one page: {}",
        dump(&info)
    );
    let mark = log_mark().await;
    let every = resolve(shares.list_all(
        id.clone().into(),
        Obj::new().set("per_page", 5).js(),
        JsValue::UNDEFINED,
    ))
    .await;
    assert_eq!(items(&every).len(), total);
    let sent = log_since(mark).await;
    assert_eq!(sent.len(), total.div_ceil(5));
    assert_eq!(sent[1].query, "per_page=5&page=2");
    let iterated = resolve(collect(
        &shares.iterate(
            id.into(),
            Obj::new().set("per_page", 50).js(),
            JsValue::UNDEFINED,
        ),
        JsValue::UNDEFINED,
    ))
    .await;
    assert_eq!(items(&iterated).len(), total);
}

#[wasm_bindgen_test]
async fn bad_input_to_the_new_methods_is_refused_before_anything_is_sent() {
    let double = refusing_fetch();
    let orgs = client(offline_options(&double)).organizations();
    let none = || JsValue::UNDEFINED;
    let range = || last_minute().js();
    let cases: Vec<(Promise, &str)> = vec![
        (
            orgs.logs()
                .audit()
                .list("o".into(), Obj::new().js(), none()),
            "since",
        ),
        (
            orgs.logs()
                .audit()
                .list("o".into(), last_minute().set("limit", 1001).js(), none()),
            "limit",
        ),
        (
            orgs.logs().audit().list(
                "o".into(),
                last_minute().set("actor_type", "robot").js(),
                none(),
            ),
            "actor_type",
        ),
        (
            orgs.logs().audit().history(
                "o".into(),
                "..".into(),
                last_minute()
                    .set("action_time", "2026-11-01T00:00:00Z")
                    .js(),
                none(),
            ),
            "logId",
        ),
        (
            orgs.logs()
                .audit()
                .history_all("o".into(), "l".into(), range(), none()),
            "action_time",
        ),
        (
            orgs.billing().usage().get(
                "o".into(),
                Obj::new()
                    .set("from", "2026-10-01")
                    .set("to", "2026-11-02")
                    .js(),
                none(),
            ),
            "to",
        ),
        (
            orgs.members().create(
                "o".into(),
                Obj::new().set("user", Obj::new().js()).js(),
                none(),
            ),
            "user.email",
        ),
        (
            orgs.members().batch_create("o".into(), array(&[]), none()),
            "members",
        ),
        (
            orgs.members().get("o".into(), "..".into(), none()),
            "memberId",
        ),
        (
            orgs.members().delete("o".into(), "%2e".into(), none()),
            "memberId",
        ),
        (
            orgs.shares()
                .list("o".into(), Obj::new().set("per_page", 101).js(), none()),
            "per_page",
        ),
    ];
    for (promise, field) in cases {
        expect_validation(promise, field).await;
    }
    let first = iterate_error(orgs.members().iterate(
        "o".into(),
        Obj::new().set("status", "gone").js(),
        none(),
    ))
    .await;
    check_validation(&first, "status");
    assert_eq!(calls_of(&double), 0, "nothing was sent");
    // The same client does send a valid call.
    let error = reject(orgs.get("abc".into(), Obj::new().set("maxRetries", 0).js())).await;
    expect_class::<ConnectionError>(&error, "ConnectionError");
    assert_eq!(calls_of(&double), 1);
}

/// The error the first `next()` of an iterator rejects with.
async fn iterate_error(iterable: JsValue) -> JsValue {
    reject(collect(&iterable, JsValue::UNDEFINED)).await
}
