//! Concurrency and persistence: 1000 concurrent creates, restarts, and kill -9 mid-write.

mod common;

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use common::*;
use serde_json::json;

/// Creates `n` organizations at once (one thread and connection each); returns the ids
/// acknowledged with 200.
fn create_concurrently(addr: &str, n: usize, prefix: &str) -> Vec<String> {
    let barrier = Arc::new(Barrier::new(n));
    let handles: Vec<_> = (0..n)
        .map(|i| {
            let addr = addr.to_owned();
            let barrier = barrier.clone();
            let body = format!("{{\"name\":\"{prefix}{i:04}\"}}");
            std::thread::Builder::new()
                .stack_size(128 * 1024)
                .spawn(move || {
                    barrier.wait();
                    let r = request(
                        &addr,
                        "POST",
                        "/client/v4/organizations",
                        &[AUTH, ("content-type", "application/json")],
                        Some(body.as_bytes()),
                    );
                    assert_eq!(r.status, 200, "{}", r.text());
                    r.json()["result"]["id"].as_str().unwrap().to_owned()
                })
                .expect("spawn")
        })
        .collect();
    handles
        .into_iter()
        .map(|h| h.join().expect("create thread"))
        .collect()
}

/// Every id listed with a name prefix, following the pages.
fn listed_ids(e: &Emu, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut q = format!("/organizations?name.startsWith={prefix}&page_size=1000");
        if let Some(t) = &token {
            q.push_str(&format!("&page_token={t}"));
        }
        let v = e.get(&q).json();
        out.extend(ids_of(&v));
        match v["result_info"]["next_page_token"].as_str() {
            Some(t) => token = Some(t.to_owned()),
            None => break,
        }
    }
    out
}

#[test]
fn a_thousand_concurrent_creates_in_memory() {
    let e = Emu::start(&["--seed", "empty"]);
    let ids = create_concurrently(&e.addr(), 1000, "load-");
    let set: HashSet<_> = ids.iter().collect();
    assert_eq!(set.len(), 1000, "ids are distinct");
    let v = e.get("/organizations?page_size=1000").json();
    assert_eq!(v["result_info"]["total_size"], 1000);
    assert!(v["result_info"].get("next_page_token").is_none());
    let listed: HashSet<String> = ids_of(&v).into_iter().collect();
    assert_eq!(listed, ids.into_iter().collect::<HashSet<_>>());
    // Names are all there too (none lost or duplicated).
    let mut names = names_of(&v);
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 1000);
}

#[test]
fn a_thousand_concurrent_creates_are_durable_when_acknowledged() {
    let dir = temp_dir("thousand");
    let state = dir.join("state.json");
    let state_arg = state.to_str().unwrap();
    let mut e = Emu::start(&["--state", state_arg]);
    let acme = e.seed_id("Acme Corp");
    let ids = create_concurrently(&e.addr(), 1000, "durable-");
    // Kill at once: every acknowledged create must already be on disk.
    e.kill9();
    let snap = read_json(&state);
    assert_eq!(snap["format"], "cf-orgs-emulator/1");
    let on_disk: HashSet<&str> = snap["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    for id in &ids {
        assert!(
            on_disk.contains(id.as_str()),
            "{id} was acknowledged but is not in the file"
        );
    }
    let e = Emu::start(&["--state", state_arg]);
    let listed: HashSet<String> = listed_ids(&e, "durable-").into_iter().collect();
    assert_eq!(listed, ids.into_iter().collect::<HashSet<_>>());
    // The demo seed is there as well (it was written when the file was created).
    assert_eq!(e.get(&format!("/organizations/{acme}")).status, 200);
    drop(e);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_kind_of_change_survives_a_restart() {
    let dir = temp_dir("restart");
    let state = dir.join("state.json");
    let state_arg = state.to_str().unwrap();
    let mut e = Emu::start(&["--state", state_arg]);
    let globex = e.seed_id("Globex");
    assert!(state.exists(), "the seeded state is written at start");

    let root = e
        .api(
            "POST",
            "/organizations",
            Some(&json!({"name": "Persisted"})),
        )
        .json()["result"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let profile = json!({"business_name": "P", "business_email": "p@x.example", "business_phone": "1", "business_address": "A", "external_metadata": "{\"k\":1}"});
    let child = e
        .api(
            "POST",
            "/organizations",
            Some(&json!({"name": "Persisted child", "parent": {"id": root}, "profile": profile})),
        )
        .json()["result"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        e.api(
            "PUT",
            &format!("/organizations/{root}"),
            Some(&json!({"name": "Persisted (renamed)"}))
        )
        .status,
        200
    );
    assert_eq!(
        e.api(
            "PUT",
            &format!("/organizations/{globex}/profile"),
            Some(&profile)
        )
        .status,
        204
    );
    let initech = e.get("/organizations?name=Initech").json()["result"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        e.api("DELETE", &format!("/organizations/{initech}"), None)
            .status,
        200
    );
    let acc = e.admin(
        "POST",
        "/accounts",
        Some(&json!({"organization_id": child, "name": "Persisted account", "type": "enterprise"})),
    );
    let acc_id = acc.json()["id"].as_str().unwrap().to_owned();

    // The whole list holds every change made above, so finding it equal after the restart
    // checks that they survived (and not merely the seed).
    let before_all = e.get("/organizations?page_size=1000").json();
    let names: Vec<&str> = before_all["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Persisted (renamed)") && names.contains(&"Persisted child"));
    assert!(!names.contains(&"Persisted") && !names.contains(&"Initech"));
    let before_list = e.get("/organizations?page_size=3").json();
    let token = before_list["result_info"]["next_page_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let before_page_2 = e
        .get(&format!("/organizations?page_size=3&page_token={token}"))
        .json();
    let before_child = e.get(&format!("/organizations/{child}")).json();
    let before_accounts = e.get(&format!("/organizations/{child}/accounts")).json();

    // A clean stop (SIGTERM) exits 0.
    let status = e.terminate();
    assert!(status.success(), "{status:?}");
    let snap = read_json(&state);
    assert!(snap["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["name"] == "Persisted (renamed)"));

    // A temporary file left by a killed writer is removed at start.
    let stale = dir.join(".state.json.tmp-999999");
    std::fs::write(&stale, b"{ half written").unwrap();
    // --seed is ignored when the file exists.
    let e = Emu::start(&["--state", state_arg, "--seed", "empty"]);
    assert!(!stale.exists());
    assert_eq!(e.get("/organizations?page_size=1000").json(), before_all);
    assert_eq!(e.get("/organizations?page_size=3").json(), before_list);
    assert_eq!(
        e.get(&format!("/organizations/{child}")).json(),
        before_child
    );
    assert_eq!(
        e.get(&format!("/organizations/{child}/accounts")).json(),
        before_accounts
    );
    assert_eq!(
        e.get(&format!("/organizations/{child}")).json()["result"]["parent"]["name"],
        "Persisted (renamed)"
    );
    assert_eq!(
        e.get(&format!("/organizations/{globex}/profile")).json()["result"],
        profile
    );
    assert_eq!(e.get(&format!("/organizations/{initech}")).status, 404);
    assert_eq!(
        e.get(&format!("/organizations?containing.account={acc_id}"))
            .json()["result"][0]["id"],
        child
    );
    // A page token from before the restart still gives the same page.
    assert_eq!(
        e.get(&format!("/organizations?page_size=3&page_token={token}"))
            .json(),
        before_page_2
    );
    // New ids do not clash with old ones, and the order continues.
    let newer = e
        .api(
            "POST",
            "/organizations",
            Some(&json!({"name": "After restart"})),
        )
        .json();
    let all = e.get("/organizations?page_size=1000").json();
    assert_eq!(
        ids_of(&all).last().unwrap(),
        newer["result"]["id"].as_str().unwrap()
    );

    // reset is persisted as well.
    e.admin("POST", "/reset", Some(&json!({"seed": "empty"})));
    drop(e);
    let e = Emu::start(&["--state", state_arg]);
    assert_eq!(
        e.get("/organizations").json()["result_info"]["total_size"],
        0
    );
    drop(e);

    // A corrupt state file is refused at start (it is not overwritten).
    std::fs::write(&state, b"{ not json").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cf-orgs-emulator"))
        .args(["--port", "0", "--state", state_arg])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a valid state file"));
    assert_eq!(std::fs::read(&state).unwrap(), b"{ not json");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn kill_9_in_the_middle_of_writes_loses_no_acknowledged_change() {
    let dir = temp_dir("kill9");
    let state = dir.join("state.json");
    let state_arg = state.to_str().unwrap();
    let mut e = Emu::start(&["--state", state_arg]);
    let addr = e.addr();
    let acked = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = (0..8)
        .map(|w| {
            let (addr, acked, stop) = (addr.clone(), acked.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    let body = format!("{{\"name\":\"k9-{w}-{i}\",\"profile\":{{\"business_name\":\"{}\",\"business_email\":\"e\",\"business_phone\":\"p\",\"business_address\":\"a\",\"external_metadata\":\"\"}}}}", "n".repeat(200));
                    i += 1;
                    match try_request(&addr, "POST", "/client/v4/organizations", &[AUTH, ("content-type", "application/json")], Some(body.as_bytes())) {
                        Ok(r) if r.status == 200 && r.body.len() == r.content_length.unwrap_or(0) => {
                            let id = r.json()["result"]["id"].as_str().unwrap().to_owned();
                            acked.lock().unwrap().push(id);
                        }
                        Ok(_) | Err(_) => {}
                    }
                }
            })
        })
        .collect();
    // Wait for a good number of acknowledged creates (bounded), then kill while writes go on.
    let deadline = Instant::now() + Duration::from_secs(60);
    while acked.lock().unwrap().len() < 400 {
        assert!(
            Instant::now() < deadline,
            "creates are not being acknowledged"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    e.kill9();
    let acked_at_kill: Vec<String> = acked.lock().unwrap().clone();
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.join().unwrap();
    }
    // Anything acknowledged before the kill returned (and possibly a few more in flight, whose
    // responses arrived just before the process died) must be in the file.
    let all_acked: Vec<String> = acked.lock().unwrap().clone();
    assert!(all_acked.len() >= acked_at_kill.len());
    let snap = read_json(&state);
    let on_disk: HashSet<&str> = snap["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    for id in &all_acked {
        assert!(
            on_disk.contains(id.as_str()),
            "{id} was acknowledged but is not in the file"
        );
    }
    let e = Emu::start(&["--state", state_arg]);
    let listed: HashSet<String> = listed_ids(&e, "k9-").into_iter().collect();
    for id in &all_acked {
        assert!(listed.contains(id), "{id} lost after restart");
    }
    // The restarted emulator keeps working on the same file.
    assert_eq!(
        e.api(
            "POST",
            "/organizations",
            Some(&json!({"name": "after kill"}))
        )
        .status,
        200
    );
    drop(e);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn members_shares_and_the_audit_trail_survive_a_restart() {
    let dir = temp_dir("newer");
    let state = dir.join("state.json");
    let state_arg = state.to_str().unwrap();
    let mut e = Emu::start(&["--state", state_arg]);
    let globex = e.seed_id("Globex");
    let acme = e.seed_id("Acme Corp");
    let path = format!("/organizations/{globex}/members");
    let added = e.api(
        "POST",
        &path,
        Some(&json!({"member": {"user": {"email": "kept@globex.example"}, "status": "active"}})),
    );
    assert_eq!(added.status, 200, "{}", added.text());
    let kept = added.json()["result"].clone();
    let carol = e
        .get(&format!("{path}?user.email=carol@globex.example"))
        .json()["result"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        e.api("DELETE", &format!("{path}/{carol}"), None).status,
        204
    );
    let audit =
        format!("/organizations/{globex}/logs/audit?since=2020-01-01&before=2100-01-01&limit=1000");
    let members_before = e.get(&format!("{path}?page_size=100")).json();
    let trail_before = e.get(&audit).json();
    let shares_before = e.get(&format!("/organizations/{acme}/shares")).json();
    assert!(trail_before["result"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["resource"]["id"] == kept["id"]));
    // The state dump holds the newer data.
    let dump = e.admin("GET", "/state", None).json();
    assert!(dump["members"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["id"] == kept["id"] && m["organization_id"] == globex));
    assert_eq!(dump["shares"].as_array().unwrap().len(), 29);
    assert_eq!(
        dump["audit_logs"].as_array().unwrap().len(),
        e.admin("GET", "/health", None).json()["audit_logs"]
            .as_u64()
            .unwrap() as usize
    );

    assert!(e.terminate().success());
    let snap = read_json(&state);
    assert!(snap["members"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["member"]["id"] == kept["id"]));
    assert!(!snap["audit_logs"].as_array().unwrap().is_empty());

    let mut e = Emu::start(&["--state", state_arg]);
    assert_eq!(
        e.get(&format!("{path}?page_size=100")).json(),
        members_before
    );
    assert_eq!(e.get(&audit).json(), trail_before);
    assert_eq!(
        e.get(&format!("/organizations/{acme}/shares")).json(),
        shares_before
    );
    assert_eq!(e.get(&format!("{path}/{carol}")).status, 404);
    // Deleting an organization takes its members and shares; its trail stays.
    let labs = e.get("/organizations?name=Acme%20Labs").json()["result"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let m = e.api(
        "POST",
        &format!("/organizations/{labs}/members"),
        Some(&json!({"member": {"user": {"email": "x@acme.example"}}})),
    );
    assert_eq!(m.status, 200);
    assert_eq!(
        e.api("DELETE", &format!("/organizations/{labs}"), None)
            .status,
        200
    );
    e.kill9();
    let e = Emu::start(&["--state", state_arg]);
    let dump = e.admin("GET", "/state", None).json();
    assert!(!dump["members"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["organization_id"] == labs));
    let trail = e
        .get(&format!(
            "/organizations/{labs}/logs/audit?since=2020-01-01&before=2100-01-01"
        ))
        .json();
    assert_eq!(
        trail["result"][0]["action"]["description"],
        "Delete organization"
    );
    // reset brings the seeded members back.
    e.admin("POST", "/reset", None);
    assert!(
        e.get(&format!("{path}?user.email=carol@globex.example"))
            .json()["result_info"]["total_size"]
            == 1
    );
    drop(e);
    let _ = std::fs::remove_dir_all(&dir);
}
