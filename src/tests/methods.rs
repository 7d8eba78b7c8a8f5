//! Every method of `cf.organizations` against the emulator, with the requests it sent.

use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::*;

fn is_org_id(id: &str) -> bool {
    id.len() == 32
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

pub fn is_ray_id(ray: &str) -> bool {
    ray.len() == 20
        && ray.ends_with("-EMU")
        && ray[..16]
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Spaces are the only characters our unique names need encoded.
fn enc(value: &str) -> String {
    value.replace(' ', "%20")
}

fn ids_of(page_or_list: &JsValue) -> Vec<String> {
    texts(page_or_list, "id")
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn create_under_a_parent_with_a_profile_get_update_and_delete() {
    let orgs = orgs();
    let parent_name = unique("wasm crud parent");
    let parent = create_org(&orgs, &parent_name, None).await;
    let parent_id = text(&parent, "id");
    assert!(is_org_id(&parent_id), "{parent_id}");
    assert_eq!(text(&parent, "name"), parent_name);
    assert!(
        !has(&parent, "parent"),
        "a root has no parent: {}",
        dump(&parent)
    );

    // create: under the parent, with a profile.
    let mark = log_mark().await;
    let child_name = unique("wasm crud child");
    let body = Obj::new()
        .set("name", child_name.as_str())
        .set("parent", Obj::new().set("id", parent_id.as_str()).js())
        .set("profile", profile("crud").js());
    let child = resolve(orgs.create(body.js(), JsValue::UNDEFINED)).await;
    let child_id = text(&child, "id");
    assert!(is_org_id(&child_id));
    assert_eq!(text(&child, "name"), child_name);
    assert_eq!(text(&get(&child, "parent"), "id"), parent_id);
    assert_eq!(text(&get(&child, "parent"), "name"), parent_name);
    let expected_profile = profile("crud").js();
    for field in [
        "business_name",
        "business_email",
        "business_phone",
        "business_address",
        "external_metadata",
    ] {
        assert_eq!(
            text(&get(&child, "profile"), field),
            text(&expected_profile, field)
        );
    }
    let create_time = text(&child, "create_time");
    assert!(
        create_time.ends_with('Z') && create_time.contains('T'),
        "{create_time}"
    );
    let tags: Vec<String> = items(&get(&get(&child, "meta"), "hierarchy_tags"))
        .iter()
        .map(|t| t.as_string().unwrap())
        .collect();
    assert_eq!(tags, vec![parent_id.clone(), child_id.clone()]);
    let log = log_since(mark).await;
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(
        (log[0].method.as_str(), log[0].path.as_str(), log[0].status),
        ("POST", "/organizations", Some(200))
    );
    assert_eq!(text(&log[0].headers, "content-type"), "application/json");
    assert_eq!(text(&log[0].headers, "authorization"), "***");
    let sent = json(log[0].body.as_deref().expect("the create sent a body"));
    assert_eq!(text(&sent, "name"), child_name);
    assert_eq!(text(&get(&sent, "parent"), "id"), parent_id);

    // get
    let fetched = resolve(orgs.get(child_id.as_str().into(), JsValue::UNDEFINED)).await;
    assert_eq!(text(&fetched, "id"), child_id);
    assert_eq!(text(&fetched, "name"), child_name);
    assert_eq!(text(&fetched, "create_time"), create_time);
    assert_eq!(text(&get(&fetched, "parent"), "id"), parent_id);

    // update: only the name is applied; the result and a later get show it.
    let mark = log_mark().await;
    let renamed = unique("wasm crud renamed");
    let updated = resolve(orgs.update(
        child_id.as_str().into(),
        Obj::new().set("name", renamed.as_str()).js(),
        JsValue::UNDEFINED,
    ))
    .await;
    assert_eq!(text(&updated, "id"), child_id);
    assert_eq!(text(&updated, "name"), renamed);
    let log = log_since(mark).await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].method, "PUT");
    assert_eq!(log[0].path, format!("/organizations/{child_id}"));
    let fetched = resolve(orgs.get(child_id.as_str().into(), JsValue::UNDEFINED)).await;
    assert_eq!(text(&fetched, "name"), renamed);

    // delete: refused while the parent holds the child.
    let mark = log_mark().await;
    let refused = reject(orgs.delete(parent_id.as_str().into(), JsValue::UNDEFINED)).await;
    expect_class::<ConflictError>(&refused, "ConflictError");
    assert_eq!(num(&refused, "status"), 409.0);
    assert_eq!(num(&refused, "code"), 1009.0);
    assert_eq!(text(&refused, "method"), "DELETE");
    assert_eq!(
        text(&refused, "path"),
        format!("/organizations/{parent_id}")
    );
    let ray = text(&refused, "rayId");
    assert!(is_ray_id(&ray), "{ray}");
    let message = text(&refused, "message");
    assert!(
        message.contains("Organization is not empty: it still holds 1 sub-organization")
            && message.contains("(code 1009)")
            && message.contains(&ray),
        "{message}"
    );
    let errors = items(&get(&refused, "errors"));
    assert_eq!(errors.len(), 1);
    assert_eq!(num(&errors[0], "code"), 1009.0);
    assert!(text(&errors[0], "message").starts_with("Organization is not empty"));
    assert_eq!(items(&get(&refused, "messages")).len(), 0);
    // A 409 is not retried.
    assert_eq!(log_since(mark).await.len(), 1);

    // Then the empty ones go: the child, then the parent.
    let deleted = resolve(orgs.delete(child_id.as_str().into(), JsValue::UNDEFINED)).await;
    assert_eq!(text(&deleted, "id"), child_id);
    let deleted = resolve(orgs.delete(parent_id.as_str().into(), JsValue::UNDEFINED)).await;
    assert_eq!(text(&deleted, "id"), parent_id);
    let gone = reject(orgs.get(parent_id.as_str().into(), JsValue::UNDEFINED)).await;
    expect_class::<NotFoundError>(&gone, "NotFoundError");
    assert_eq!(num(&gone, "status"), 404.0);
    assert_eq!(num(&gone, "code"), 1003.0);
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn list_with_each_filter_shape() {
    let seed = seed_ids().await;
    let orgs = orgs();
    let prefix = unique("wasm filters");
    let root_name = format!("{prefix} root");
    let child_name = format!("{prefix} child");
    let root = text(&create_org(&orgs, &root_name, None).await, "id");
    let child = text(&create_org(&orgs, &child_name, Some(&root)).await, "id");
    let list = |params: JsValue| orgs.list(params, JsValue::UNDEFINED);

    let mark = log_mark().await;
    // name: the exact, case-sensitive match.
    let page = resolve(list(Obj::new().set("name", root_name.as_str()).js())).await;
    assert_eq!(ids_of(&get(&page, "result")), vec![root.clone()]);
    assert_eq!(num(&get(&page, "result_info"), "total_size"), 1.0);
    assert!(!has(&get(&page, "result_info"), "next_page_token"));
    let page = resolve(list(
        Obj::new()
            .set("name", root_name.to_uppercase().as_str())
            .js(),
    ))
    .await;
    assert_eq!(ids_of(&get(&page, "result")), Vec::<String>::new());
    // name.startsWith (case-insensitive on the API side), name.endsWith + name.contains.
    let page = resolve(list(
        Obj::new()
            .set(
                "name",
                Obj::new()
                    .set("startsWith", prefix.to_uppercase().as_str())
                    .js(),
            )
            .js(),
    ))
    .await;
    assert_eq!(
        ids_of(&get(&page, "result")),
        vec![root.clone(), child.clone()]
    );
    let page = resolve(list(
        Obj::new()
            .set(
                "name",
                Obj::new()
                    .set("contains", prefix.as_str())
                    .set("endsWith", " child")
                    .js(),
            )
            .js(),
    ))
    .await;
    assert_eq!(ids_of(&get(&page, "result")), vec![child.clone()]);
    // id: one string, and an array (a repeated key).
    let page = resolve(list(Obj::new().set("id", child.as_str()).js())).await;
    assert_eq!(ids_of(&get(&page, "result")), vec![child.clone()]);
    let page = resolve(list(
        Obj::new()
            .set("id", array(&[child.as_str().into(), root.as_str().into()]))
            .js(),
    ))
    .await;
    let mut found = ids_of(&get(&page, "result"));
    found.sort();
    let mut expected = vec![root.clone(), child.clone()];
    expected.sort();
    assert_eq!(found, expected);
    // parent.id: null for roots only, or an id for its direct children.
    let roots_only = Obj::new()
        .set("name", Obj::new().set("startsWith", prefix.as_str()).js())
        .set("parent", Obj::new().set("id", JsValue::NULL).js());
    let page = resolve(list(roots_only.js())).await;
    assert_eq!(ids_of(&get(&page, "result")), vec![root.clone()]);
    let page = resolve(list(
        Obj::new()
            .set("parent", Obj::new().set("id", JsValue::NULL).js())
            .set("page_size", 1000)
            .js(),
    ))
    .await;
    let roots = items(&get(&page, "result"));
    assert!(roots.iter().all(|o| !has(o, "parent")));
    let root_ids: Vec<String> = roots.iter().map(|o| text(o, "id")).collect();
    assert!(root_ids.contains(&root) && !root_ids.contains(&child));
    assert!(root_ids.contains(&seed.acme_corp.as_str().to_string()));
    let page = resolve(list(
        Obj::new()
            .set("parent", Obj::new().set("id", root.as_str()).js())
            .js(),
    ))
    .await;
    assert_eq!(ids_of(&get(&page, "result")), vec![child.clone()]);
    // containing.organization (its ancestors), .account and .user (from the seed).
    let containing = |key: &str, value: &str| {
        Obj::new()
            .set("containing", Obj::new().set(key, value).js())
            .js()
    };
    let page = resolve(list(containing("organization", &child))).await;
    assert_eq!(ids_of(&get(&page, "result")), vec![root.clone()]);
    let page = resolve(list(containing("account", seed.acme_corp_account.as_str()))).await;
    assert_eq!(ids_of(&get(&page, "result")), vec![seed.acme_corp.as_str()]);
    let page = resolve(list(containing("user", seed.alice.as_str()))).await;
    assert_eq!(
        ids_of(&get(&page, "result")),
        vec![seed.acme_corp.as_str(), seed.acme_emea.as_str()]
    );

    // What went on the wire, in order.
    let queries: Vec<String> = log_since(mark).await.into_iter().map(|r| r.query).collect();
    assert_eq!(
        queries,
        vec![
            format!("name={}", enc(&root_name)),
            format!("name={}", enc(&root_name.to_uppercase())),
            format!("name.startsWith={}", enc(&prefix.to_uppercase())),
            format!("name.endsWith=%20child&name.contains={}", enc(&prefix)),
            format!("id={child}"),
            format!("id={child}&id={root}"),
            format!("name.startsWith={}&parent.id=null", enc(&prefix)),
            "parent.id=null&page_size=1000".to_string(),
            format!("parent.id={root}"),
            format!("containing.organization={child}"),
            format!("containing.account={}", seed.acme_corp_account.as_str()),
            format!("containing.user={}", seed.alice.as_str()),
        ]
    );
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn list_all_and_iterate_follow_tokens_with_the_same_filters() {
    let orgs = orgs();
    let prefix = unique("wasm pages");
    let mut names = Vec::new();
    for i in 1..=5 {
        let name = format!("{prefix} {i}");
        create_org(&orgs, &name, None).await;
        names.push(name);
    }
    let params = || {
        Obj::new()
            .set("name", Obj::new().set("startsWith", prefix.as_str()).js())
            .set("page_size", 2)
            .js()
    };
    let filters = format!("name.startsWith={}&page_size=2", enc(&prefix));
    let check_pages = |log: &[Logged], pages: usize| {
        assert_eq!(log.len(), pages, "{log:?}");
        let mut tokens = Vec::new();
        for (i, request) in log.iter().enumerate() {
            assert_eq!(
                (request.method.as_str(), request.path.as_str()),
                ("GET", "/organizations")
            );
            if i == 0 {
                assert_eq!(request.query, filters);
            } else {
                let token = request
                    .query
                    .strip_prefix(&format!("{filters}&page_token="))
                    .unwrap_or_else(|| panic!("page {i} lost its filters: {}", request.query));
                assert!(!token.is_empty() && !tokens.contains(&token.to_string()));
                tokens.push(token.to_string());
            }
        }
    };

    let mark = log_mark().await;
    let all = resolve(orgs.list_all(params(), JsValue::UNDEFINED)).await;
    assert_eq!(texts(&all, "name"), names);
    check_pages(&log_since(mark).await, 3);

    let mark = log_mark().await;
    let two_pages = resolve(orgs.list_all(params(), Obj::new().set("maxPages", 2).js())).await;
    assert_eq!(texts(&two_pages, "name"), names[..4].to_vec());
    check_pages(&log_since(mark).await, 2);

    let mark = log_mark().await;
    let iterated = resolve(collect(
        &orgs.iterate(params(), JsValue::UNDEFINED),
        JsValue::UNDEFINED,
    ))
    .await;
    assert_eq!(texts(&iterated, "name"), names);
    check_pages(&log_since(mark).await, 3);

    let mark = log_mark().await;
    let one_page = resolve(collect(
        &orgs.iterate(params(), Obj::new().set("maxPages", 1).js()),
        JsValue::UNDEFINED,
    ))
    .await;
    assert_eq!(texts(&one_page, "name"), names[..2].to_vec());
    check_pages(&log_since(mark).await, 1);

    // Lazy: breaking out after the first item fetched only the first page.
    let mark = log_mark().await;
    let first = resolve(collect(
        &orgs.iterate(params(), JsValue::UNDEFINED),
        1.into(),
    ))
    .await;
    assert_eq!(texts(&first, "name"), names[..1].to_vec());
    check_pages(&log_since(mark).await, 1);

    // list: one page, and the caller's own page_token for the next.
    let page = resolve(orgs.list(params(), JsValue::UNDEFINED)).await;
    assert_eq!(texts(&get(&page, "result"), "name"), names[..2].to_vec());
    let info = get(&page, "result_info");
    assert_eq!(num(&info, "total_size"), 5.0);
    let token = text(&info, "next_page_token");
    let next = resolve(
        orgs.list(
            Obj::new()
                .set("name", Obj::new().set("startsWith", prefix.as_str()).js())
                .set("page_size", 2)
                .set("page_token", token.as_str())
                .js(),
            JsValue::UNDEFINED,
        ),
    )
    .await;
    assert_eq!(texts(&get(&next, "result"), "name"), names[2..4].to_vec());
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn accounts_ordered_by_name_in_both_directions() {
    let seed = seed_ids().await;
    let orgs = orgs();
    let americas = || JsValue::from(seed.acme_americas.as_str());
    let params = |direction: &str| {
        Obj::new()
            .set("order_by", "account_name")
            .set("direction", direction)
            .set("page_size", 10)
            .js()
    };
    let lower = |list: &JsValue| -> Vec<String> {
        texts(list, "name")
            .into_iter()
            .map(|n| n.to_lowercase())
            .collect()
    };

    let mark = log_mark().await;
    let page = resolve(orgs.list_accounts(americas(), params("desc"), JsValue::UNDEFINED)).await;
    let first = get(&page, "result");
    assert_eq!(items(&first).len(), 10);
    assert_eq!(num(&get(&page, "result_info"), "total_size"), 25.0);
    assert!(!text(&get(&page, "result_info"), "next_page_token").is_empty());
    for account in items(&first) {
        assert_eq!(text(&account, "id").len(), 32);
        let kind = text(&account, "type");
        assert!(kind == "standard" || kind == "enterprise", "{kind}");
        assert!(!text(&account, "created_on").is_empty());
        assert!(has(&account, "settings"));
    }

    let all = resolve(orgs.list_all_accounts(americas(), params("desc"), JsValue::UNDEFINED)).await;
    let desc = lower(&all);
    assert_eq!(desc.len(), 25);
    assert!(
        desc.windows(2).all(|w| w[0] >= w[1]),
        "not descending: {desc:?}"
    );
    assert_eq!(desc[..10].to_vec(), lower(&first));

    let iterated = resolve(collect(
        &orgs.iterate_accounts(americas(), params("desc"), JsValue::UNDEFINED),
        JsValue::UNDEFINED,
    ))
    .await;
    assert_eq!(texts(&iterated, "id"), texts(&all, "id"));

    let asc = lower(
        &resolve(orgs.list_all_accounts(americas(), params("asc"), JsValue::UNDEFINED)).await,
    );
    assert!(
        asc.windows(2).all(|w| w[0] <= w[1]),
        "not ascending: {asc:?}"
    );
    let mut reversed = desc.clone();
    reversed.reverse();
    assert_eq!(asc, reversed);

    // 1 + 3 + 3 + 3 pages, each with the same order and direction.
    let log = log_since(mark).await;
    assert_eq!(log.len(), 10, "{log:?}");
    let path = format!("/organizations/{}/accounts", seed.acme_americas.as_str());
    for (i, request) in log.iter().enumerate() {
        assert_eq!(request.path, path);
        let direction = if i < 7 { "desc" } else { "asc" };
        let filters = format!("order_by=account_name&direction={direction}&page_size=10");
        assert!(
            request.query == filters
                || request.query.starts_with(&format!("{filters}&page_token=")),
            "request {i}: {}",
            request.query
        );
    }
    // Pages after the first carry a token.
    assert!(log[2].query.contains("page_token="));
    assert!(!log[1].query.contains("page_token="));

    // The name filter (case-insensitive for accounts) and maxPages.
    let mark = log_mark().await;
    let filtered = resolve(
        orgs.list_all_accounts(
            americas(),
            Obj::new()
                .set("name", Obj::new().set("startsWith", "ACME M").js())
                .js(),
            JsValue::UNDEFINED,
        ),
    )
    .await;
    let names = lower(&filtered);
    assert!(
        !names.is_empty() && names.iter().all(|n| n.starts_with("acme m")),
        "{names:?}"
    );
    let capped = resolve(orgs.list_all_accounts(
        americas(),
        Obj::new().set("page_size", 4).js(),
        Obj::new().set("maxPages", 2).js(),
    ))
    .await;
    assert_eq!(items(&capped).len(), 8);
    let log = log_since(mark).await;
    assert_eq!(log[0].query, "name.startsWith=ACME%20M");
    assert_eq!(log.len(), 3);
}

#[cfg_attr(
    not(emulator),
    ignore = "needs the emulator: run it with `make test-wasm`"
)]
#[wasm_bindgen_test]
async fn profiles_read_and_replaced() {
    let seed = seed_ids().await;
    let orgs = orgs();
    let id = text(
        &create_org(&orgs, &unique("wasm profile"), None).await,
        "id",
    );
    let none = reject(orgs.get_profile(id.as_str().into(), JsValue::UNDEFINED)).await;
    expect_class::<NotFoundError>(&none, "NotFoundError");
    assert_eq!(num(&none, "code"), 1004.0);
    assert_eq!(text(&none, "path"), format!("/organizations/{id}/profile"));

    let mark = log_mark().await;
    let replaced = resolve(orgs.update_profile(
        id.as_str().into(),
        profile("replaced").js(),
        JsValue::UNDEFINED,
    ))
    .await;
    assert!(
        replaced.is_undefined(),
        "updateProfile resolves undefined, got {}",
        dump(&replaced)
    );
    let log = log_since(mark).await;
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].method.as_str(), log[0].status), ("PUT", Some(204)));
    assert_eq!(log[0].path, format!("/organizations/{id}/profile"));

    let read = resolve(orgs.get_profile(id.as_str().into(), JsValue::UNDEFINED)).await;
    let expected = profile("replaced").js();
    let keys: Vec<String> = js_sys::Object::keys(read.unchecked_ref::<js_sys::Object>())
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect();
    assert_eq!(keys.len(), 5, "{}", dump(&read));
    for key in keys {
        assert_eq!(text(&read, &key), text(&expected, &key));
    }

    let seeded =
        resolve(orgs.get_profile(seed.acme_corp.as_str().into(), JsValue::UNDEFINED)).await;
    assert!(!text(&seeded, "business_name").is_empty());
}

#[wasm_bindgen_test]
async fn path_for_encodes_and_throws_synchronously() {
    let double = refusing_fetch();
    let orgs = client(offline_options(&double)).organizations();
    let call = |args: &[JsValue]| -> Result<String, JsValue> {
        let args: Array = args.iter().collect();
        orgs.path_for(args.get(0), args.get(1))
    };
    assert_eq!(call(&[]).unwrap(), "organizations");
    assert_eq!(call(&["abc".into()]).unwrap(), "organizations/abc");
    assert_eq!(call(&["a/b".into()]).unwrap(), "organizations/a%2Fb");
    assert_eq!(
        call(&["x y?#%".into(), "accounts".into()]).unwrap(),
        "organizations/x%20y%3F%23%25/accounts"
    );
    assert_eq!(call(&["...".into()]).unwrap(), "organizations/...");
    for bad in ["", ".", "..", "%2e%2E", ".%2E"] {
        check_validation(&call(&[bad.into()]).unwrap_err(), "id");
    }
    check_validation(
        &call(&[JsValue::UNDEFINED, "accounts".into()]).unwrap_err(),
        "id",
    );
    check_validation(&call(&["abc".into(), "..".into()]).unwrap_err(), "action");

    // From JavaScript: pathFor throws at once; the request methods never throw, they reject.
    let js_orgs = JsValue::from(client(offline_options(&double)).organizations());
    let thrown = call_sync(&js_orgs, "pathFor", &Array::of1(&"..".into()));
    assert_eq!(get(&thrown, "threw"), JsValue::TRUE);
    check_validation(&get(&thrown, "error"), "id");
    let encoded = call_sync(
        &js_orgs,
        "pathFor",
        &Array::of2(&"a/b".into(), &"profile".into()),
    );
    assert_eq!(get(&encoded, "threw"), JsValue::FALSE);
    assert_eq!(text(&encoded, "value"), "organizations/a%2Fb/profile");
    let returned = call_sync(&js_orgs, "get", &Array::of1(&"..".into()));
    assert_eq!(
        get(&returned, "threw"),
        JsValue::FALSE,
        "get(\"..\") must not throw"
    );
    expect_validation(get(&returned, "value").unchecked_into(), "id").await;
    assert_eq!(calls_of(&double), 0);
}
