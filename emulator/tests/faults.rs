//! Fault injection (header and queue) and the rate limit, observed at the socket level.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};

fn with_fault(e: &Emu, method: &str, path: &str, fault: &str, body: Option<&Value>) -> Resp {
    let b = body.map(|b| b.to_string());
    let mut h = vec![AUTH, ("cf-emulator-fault", fault)];
    if b.is_some() {
        h.push(("content-type", "application/json"));
    }
    e.req(method, &format!("/client/v4{path}"), &h, b.as_deref())
}

fn org_count(e: &Emu) -> u64 {
    e.get("/organizations").json()["result_info"]["total_size"]
        .as_u64()
        .unwrap()
}

#[test]
fn status_faults_answer_instead_of_the_operation() {
    let e = Emu::start(&[]);
    for s in [400u16, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504] {
        let r = with_fault(&e, "GET", "/organizations", &format!("status={s}"), None);
        assert_eq!(r.status, s);
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert!(r.header("cf-ray").unwrap().ends_with("-EMU"));
        let v = r.json();
        assert_eq!(v["success"], json!(false));
        assert_eq!(
            v["errors"],
            json!([{"code": 10_000 + s as u64, "message": format!("Injected fault {s}")}])
        );
        assert_eq!(v["messages"], json!([]));
    }
    // A faulted POST creates nothing.
    let before = org_count(&e);
    for f in [
        "status=500",
        "status=503; retry-after=1",
        "html=502",
        "success-false",
        "redirect",
        "close",
        "delay=5; status=504",
    ] {
        let r = with_fault(
            &e,
            "POST",
            "/organizations",
            f,
            Some(&json!({"name": "faulted"})),
        );
        assert!(
            r.status != 200 || r.json()["success"] == json!(false),
            "{f}"
        );
        assert!(r.status == 0 || r.header("cf-ray").is_some());
    }
    let r = with_fault(
        &e,
        "POST",
        "/organizations",
        "success-false",
        Some(&json!({"name": "faulted"})),
    );
    assert_eq!(r.status, 200);
    assert_eq!(org_count(&e), before);
    assert_eq!(
        e.get("/organizations?name=faulted").json()["result"],
        json!([])
    );
    // Faults apply before auth and routing.
    let r = e.req(
        "GET",
        "/client/v4/nowhere",
        &[("cf-emulator-fault", "status=503")],
        None,
    );
    assert_eq!(r.status, 503);
}

#[test]
fn html_error_page() {
    let e = Emu::start(&[]);
    for s in [500u16, 502, 503, 504, 520, 522] {
        let r = with_fault(&e, "GET", "/organizations", &format!("html={s}"), None);
        assert_eq!(r.status, s);
        assert_eq!(r.header("content-type"), Some("text/html; charset=UTF-8"));
        let page = r.text();
        assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
        assert!(page.contains(&format!("Error code {s}")));
        let ray = r.header("cf-ray").unwrap();
        assert!(page.contains(&ray[..16]), "the page shows the ray id");
        assert!(serde_json::from_slice::<Value>(&r.body).is_err());
    }
}

#[test]
fn retry_after_variants() {
    let e = Emu::start(&[]);
    let r = with_fault(&e, "GET", "/organizations", "retry-after=3", None);
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after"), Some("3"));
    assert_eq!(r.code(), 10_429);

    let r = with_fault(&e, "GET", "/organizations", "retry-after-ms=1500", None);
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after-ms"), Some("1500"));
    assert_eq!(r.header("retry-after"), None);

    let r = with_fault(&e, "GET", "/organizations", "retry-after-date=120", None);
    assert_eq!(r.status, 429);
    let date = r.header("retry-after").unwrap();
    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
    assert_eq!(date.len(), 29, "{date}");
    assert!(
        date.ends_with(" GMT") && date.as_bytes()[3] == b',',
        "{date}"
    );

    let r = with_fault(
        &e,
        "GET",
        "/organizations",
        "status=503;retry-after=2;retry-after-ms=2500",
        None,
    );
    assert_eq!(r.status, 503);
    assert_eq!(r.header("retry-after"), Some("2"));
    assert_eq!(r.header("retry-after-ms"), Some("2500"));

    let r = with_fault(&e, "GET", "/organizations", "html=503; retry-after=7", None);
    assert_eq!((r.status, r.header("retry-after")), (503, Some("7")));
}

#[test]
fn delay_then_answer() {
    let e = Emu::start(&[]);
    let t = Instant::now();
    let r = with_fault(&e, "GET", "/organizations", "delay=300", None);
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["result_info"]["total_size"], 7);

    // delay alone performs the operation (a POST creates).
    let r = with_fault(
        &e,
        "POST",
        "/organizations",
        "delay=10",
        Some(&json!({"name": "slow"})),
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        e.get("/organizations?name=slow").json()["result_info"]["total_size"],
        1
    );

    let t = Instant::now();
    let r = with_fault(&e, "GET", "/organizations", "delay=200; status=504", None);
    assert!(t.elapsed() >= Duration::from_millis(200));
    assert_eq!(r.status, 504);

    // A delayed request does not hold up others: one sent first and held 3 s is still
    // unanswered when a request sent after it has been answered (were they served one at a
    // time, the later one would be answered last).
    let addr = e.addr();
    let (sent, was_sent) = mpsc::channel();
    let slow = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(&addr).unwrap();
        stream
            .write_all(
                b"GET /client/v4/organizations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dev-token\r\n\
                  cf-emulator-fault: delay=3000\r\nConnection: close\r\n\r\n",
            )
            .unwrap();
        sent.send(Instant::now()).unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).unwrap();
        (Instant::now(), answer)
    });
    let slow_sent = was_sent.recv().unwrap();
    assert_eq!(e.get("/organizations").status, 200);
    let fast_answered = Instant::now();
    let (slow_answered, answer) = slow.join().unwrap();
    assert!(
        String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    assert!(
        fast_answered < slow_answered,
        "the request sent later was answered after the delayed one"
    );
    assert!(slow_answered - slow_sent >= Duration::from_millis(3000));
}

#[test]
fn a_request_whose_client_left_during_a_delay_is_logged_when_the_delay_ends() {
    let e = Emu::start(&[]);
    // A first request's answer left unread makes the close a reset (RST), as when a runtime
    // destroys a socket on abort. The delayed request still runs to its end, and its log entry
    // is written then, with the status of the answer nobody read.
    let mut stream = TcpStream::connect(e.addr()).unwrap();
    let sent = Instant::now();
    stream
        .write_all(
            b"GET /client/v4/organizations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dev-token\r\n\r\n\
              GET /client/v4/organizations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dev-token\r\n\
              cf-emulator-fault: delay=1500\r\n\r\n",
        )
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    drop(stream);
    let entry = loop {
        let log = e.admin("GET", "/requests", None).json();
        let found = log["requests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["fault"] == "delay=1500")
            .cloned();
        if let Some(entry) = found {
            break entry;
        }
        assert!(
            sent.elapsed() < Duration::from_secs(10),
            "the request was never logged: {log}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(sent.elapsed() >= Duration::from_millis(1500));
    assert_eq!(
        (&entry["method"], &entry["path"], &entry["status"]),
        (&json!("GET"), &json!("/organizations"), &json!(200))
    );
}

#[test]
fn close_gives_no_response() {
    let e = Emu::start(&[]);
    let raw = raw_exchange(
        &e.addr(),
        b"GET /client/v4/organizations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dev-token\r\ncf-emulator-fault: close\r\n\r\n",
        false,
    );
    assert!(raw.is_empty(), "got {:?}", String::from_utf8_lossy(&raw));
    let raw = raw_exchange(
        &e.addr(),
        b"GET /client/v4/organizations HTTP/1.1\r\nHost: x\r\ncf-emulator-fault: delay=50;close\r\n\r\n",
        false,
    );
    assert!(raw.is_empty());
    // A faulted POST creates nothing.
    let r = with_fault(
        &e,
        "POST",
        "/organizations",
        "close",
        Some(&json!({"name": "closed"})),
    );
    assert_eq!(r.status, 0);
    assert_eq!(
        e.get("/organizations?name=closed").json()["result_info"]["total_size"],
        0
    );
}

#[test]
fn truncate_cuts_the_body() {
    let e = Emu::start(&[]);
    let globex = e.seed_id("Globex");
    let raw = raw_exchange(
        &e.addr(),
        b"GET /client/v4/organizations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dev-token\r\ncf-emulator-fault: truncate\r\n\r\n",
        false,
    );
    let r = parse_response(&raw);
    assert_eq!(r.status, 200);
    let full = r.content_length.expect("Content-Length");
    assert!(r.header("transfer-encoding").is_none());
    assert!(!r.body.is_empty());
    assert_eq!(
        r.body.len(),
        full / 2,
        "half the body, then the connection closes"
    );
    assert!(serde_json::from_slice::<Value>(&r.body).is_err());
    let whole = e.get("/organizations");
    assert_eq!(whole.body.len(), full);
    assert_eq!(
        &whole.body[..r.body.len()],
        &r.body[..],
        "the first half is the real body"
    );

    // truncate performs the operation: the POST creates the organization.
    let r = with_fault(
        &e,
        "POST",
        "/organizations",
        "truncate",
        Some(&json!({"name": "cut"})),
    );
    assert_eq!(r.status, 200);
    assert!(r.body.len() < r.content_length.unwrap());
    assert_eq!(
        e.get("/organizations?name=cut").json()["result_info"]["total_size"],
        1
    );

    // With no body to cut (204), the connection is closed after the operation.
    let p = json!({"business_name": "a", "business_email": "b", "business_phone": "c", "business_address": "d", "external_metadata": "e"});
    let r = with_fault(
        &e,
        "PUT",
        &format!("/organizations/{globex}/profile"),
        "truncate",
        Some(&p),
    );
    assert_eq!(r.status, 0);
    assert_eq!(
        e.get(&format!("/organizations/{globex}/profile")).json()["result"],
        p
    );
    // Errors are cut too.
    let r = with_fault(&e, "GET", "/organizations/nope", "truncate", None);
    assert_eq!(r.status, 404);
    assert!(r.body.len() < r.content_length.unwrap());
}

#[test]
fn success_false_and_redirect() {
    let e = Emu::start(&[]);
    let r = with_fault(&e, "GET", "/organizations", "success-false", None);
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["success"], json!(false));
    assert_eq!(v["errors"].as_array().unwrap().len(), 1);
    assert!(v["errors"][0]["code"].is_u64());
    assert_eq!(v["result"], Value::Null);

    let r = with_fault(&e, "GET", "/organizations", "redirect", None);
    assert_eq!(r.status, 302);
    assert_eq!(r.header("location"), Some("/__emulator/redirect-target"));
    assert!(r.header("cf-ray").is_some());
    let r = with_fault(
        &e,
        "GET",
        "/organizations",
        "redirect=https://elsewhere.example/steal?x=1",
        None,
    );
    assert_eq!(r.status, 302);
    assert_eq!(
        r.header("location"),
        Some("https://elsewhere.example/steal?x=1")
    );
    assert_eq!(
        e.req("GET", "/__emulator/redirect-target", &[], None)
            .status,
        200
    );
}

#[test]
fn bad_fault_specs() {
    let e = Emu::start(&[]);
    for f in [
        "explode",
        "status=abc",
        "status=99",
        "status=503;html=502",
        "close=now",
        "delay=-1",
        ";",
        "delay=1;delay=2",
    ] {
        let r = with_fault(&e, "GET", "/organizations", f, None);
        assert_eq!(r.status, 400, "{f}");
        assert_eq!(r.code(), 1010, "{f}");
        assert!(r.header("cf-ray").is_some());
    }
    let r = with_fault(&e, "GET", "/organizations", "explode", None);
    assert!(r.json()["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("unknown fault directive `explode`"));
    // An empty header is no fault.
    assert_eq!(
        with_fault(&e, "GET", "/organizations", "", None).status,
        200
    );
    // Faults are logged.
    let log = e.admin("GET", "/requests", None).json();
    assert_eq!(log["requests"][0]["fault"], "explode");
    assert_eq!(log["requests"][0]["status"], 400);
}

#[test]
fn queued_faults() {
    let e = Emu::start(&[]);
    let acme = e.seed_id("Acme Corp");
    e.admin("DELETE", "/requests", None); // the lookup is not part of what is checked
    let r = e.admin(
        "POST",
        "/faults",
        Some(
            &json!({"fault": "status=503", "times": 2, "method": "get", "path": "/organizations"}),
        ),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["times"], 2);
    e.admin("POST", "/faults", Some(&json!({"fault": "html=502"})));
    e.admin(
        "POST",
        "/faults",
        Some(&json!({"fault": "status=500", "path": "/organizations/*", "times": 3})),
    );
    let listed = e.admin("GET", "/faults", None).json();
    assert_eq!(listed["faults"].as_array().unwrap().len(), 3);

    // POST /organizations does not match the first (GET only): the catch-all html=502 takes it.
    let r = e.api("POST", "/organizations", Some(&json!({"name": "q"})));
    assert_eq!(r.status, 502);
    assert_eq!(e.get("/organizations").status, 503);
    // The header wins over the queue and does not consume it.
    assert_eq!(
        with_fault(&e, "GET", "/organizations", "status=418", None).status,
        418
    );
    assert_eq!(e.get("/organizations").status, 503);
    assert_eq!(e.get("/organizations").status, 200);
    assert_eq!(e.get(&format!("/organizations/{acme}")).status, 500);
    assert_eq!(
        e.get(&format!("/organizations/{acme}/accounts")).status,
        500
    );
    let remaining = e.admin("GET", "/faults", None).json();
    assert_eq!(remaining["faults"].as_array().unwrap().len(), 1);
    assert_eq!(remaining["faults"][0]["times"], 1);
    assert_eq!(e.admin("DELETE", "/faults", None).json()["cleared"], 1);
    assert_eq!(e.get(&format!("/organizations/{acme}")).status, 200);

    // Queued close and truncate work at the socket level too.
    e.admin("POST", "/faults", Some(&json!({"fault": "close"})));
    assert_eq!(e.get("/organizations").status, 0);
    e.admin("POST", "/faults", Some(&json!({"fault": "truncate"})));
    let r = e.get("/organizations");
    assert!(r.body.len() < r.content_length.unwrap());

    let log = e.admin("GET", "/requests", None).json();
    let faults: Vec<Value> = log["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["fault"].clone())
        .collect();
    assert_eq!(faults[0], "html=502");
    assert_eq!(faults[1], "status=503");
    assert_eq!(faults[2], "status=418");

    for bad in [
        json!({"fault": "nonsense"}),
        json!({"fault": "status=500", "times": 0}),
        json!({"fault": "status=500", "extra": 1}),
        json!({"times": 1}),
        json!({"fault": "status=500", "path": "organizations"}),
    ] {
        assert_eq!(e.admin("POST", "/faults", Some(&bad)).status, 400, "{bad}");
    }
    // reset clears the queue.
    e.admin(
        "POST",
        "/faults",
        Some(&json!({"fault": "status=500", "times": 10})),
    );
    e.admin("POST", "/reset", None);
    assert_eq!(e.get("/organizations").status, 200);
}

#[test]
fn rate_limit() {
    let e = Emu::start(&["--rate-limit", "3"]);
    let acme = e.seed_id("Acme Corp");
    // The lookup counted: the same limit again restarts the counters.
    e.admin("PUT", "/rate-limit", Some(&json!({"limit": 3})));
    for _ in 0..3 {
        assert_eq!(e.get("/organizations").status, 200);
    }
    let r = e.get("/organizations");
    assert_eq!(r.status, 429);
    assert_eq!(r.code(), 971);
    let wait: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=300).contains(&wait), "{wait}");
    // Unauthenticated requests count as well; admin routes never do.
    assert_eq!(
        e.req("GET", "/client/v4/organizations", &[], None).status,
        429
    );
    assert_eq!(e.admin("GET", "/requests", None).status, 200);

    // Off through the admin route, then a new limit.
    assert_eq!(
        e.admin("PUT", "/rate-limit", Some(&json!({"limit": null})))
            .status,
        200
    );
    assert_eq!(e.get("/organizations").status, 200);
    e.admin(
        "PUT",
        "/rate-limit",
        Some(&json!({"limit": 1, "window_secs": 60})),
    );
    assert_eq!(e.get("/organizations").status, 200);
    let r = e.get("/organizations");
    assert_eq!(r.status, 429);
    let wait: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait));
    assert_eq!(
        e.admin("GET", "/rate-limit", None).json(),
        json!({"limit": 1, "window_secs": 60})
    );
    // reset clears the counters.
    e.admin("POST", "/reset", None);
    assert_eq!(e.get("/organizations").status, 200);
    assert_eq!(
        e.admin(
            "PUT",
            "/rate-limit",
            Some(&json!({"limit": 1, "window_secs": 0}))
        )
        .status,
        400
    );

    // Off by default.
    let e2 = Emu::start(&[]);
    for _ in 0..50 {
        assert_eq!(e2.get(&format!("/organizations/{acme}")).status, 200);
    }
}

#[test]
fn faults_the_request_log_and_the_rate_limit_cover_the_newer_routes() {
    let e = Emu::start(&["--rate-limit", "1000"]);
    let acme = e.seed_id("Acme Corp");
    let newer = [
        ("GET", format!("/organizations/{acme}/members"), None),
        (
            "POST",
            format!("/organizations/{acme}/members"),
            Some(json!({"member": {"user": {"email": "f@acme.example"}}})),
        ),
        (
            "POST",
            format!("/organizations/{acme}/members:batchCreate"),
            Some(json!({"members": [{"user": {"email": "g@acme.example"}}]})),
        ),
        ("GET", format!("/organizations/{acme}/shares"), None),
        ("GET", format!("/organizations/{acme}/billable/usage"), None),
        (
            "GET",
            format!("/organizations/{acme}/logs/audit?since=2024-01-01&before=2100-01-01"),
            None,
        ),
    ];
    let members_before = e.get(&format!("/organizations/{acme}/members")).json()["result_info"]
        ["total_size"]
        .clone();
    for (m, p, body) in &newer {
        for (fault, status) in [
            ("status=503; retry-after=2", 503),
            ("html=502", 502),
            ("success-false", 200),
        ] {
            let r = with_fault(&e, m, p, fault, body.as_ref());
            assert_eq!(r.status, status, "{m} {p} {fault}");
            assert!(r.json_or_html_is_an_error(), "{m} {p} {fault}");
        }
        assert_eq!(
            with_fault(&e, m, p, "close", body.as_ref()).status,
            0,
            "{m} {p}"
        );
    }
    assert_eq!(
        e.get(&format!("/organizations/{acme}/members")).json()["result_info"]["total_size"],
        members_before,
        "a faulted create creates nothing"
    );
    // truncate performs the operation and cuts its answer.
    let r = with_fault(
        &e,
        "GET",
        &format!("/organizations/{acme}/billable/usage"),
        "truncate",
        None,
    );
    assert_eq!(r.status, 200);
    assert!(r.body.len() < r.content_length.unwrap());
    let r = with_fault(
        &e,
        "POST",
        &format!("/organizations/{acme}/members"),
        "truncate",
        Some(&json!({"member": {"user": {"email": "t@acme.example"}}})),
    );
    assert!(r.body.len() < r.content_length.unwrap());
    let listed = e
        .get(&format!(
            "/organizations/{acme}/members?user.email=t@acme.example"
        ))
        .json();
    assert_eq!(
        listed["result_info"]["total_size"], 1,
        "the truncated create happened"
    );

    // Queued faults match the newer paths by prefix.
    e.admin("POST", "/faults", Some(&json!({"fault": "status=500", "path": "/organizations/*", "method": "DELETE", "times": 1})));
    let r = e.api(
        "DELETE",
        &format!("/organizations/{acme}/members/{}", "0".repeat(32)),
        None,
    );
    assert_eq!(r.status, 500);
    assert_eq!(
        e.api(
            "DELETE",
            &format!("/organizations/{acme}/members/{}", "0".repeat(32)),
            None
        )
        .status,
        404
    );

    // The request log has them, with their query and fault.
    let log = e.admin("GET", "/requests", None).json();
    let requests = log["requests"].as_array().unwrap();
    assert!(requests.iter().any(|r| r["path"]
        == format!("/organizations/{acme}/members:batchCreate")
        && r["fault"] == "html=502"));
    assert!(requests
        .iter()
        .any(|r| r["path"] == format!("/organizations/{acme}/logs/audit")
            && r["query"] == "since=2024-01-01&before=2100-01-01"));
    assert!(requests
        .iter()
        .any(|r| r["method"] == "DELETE" && r["status"] == 500 && r["fault"] == "status=500"));

    // The rate limit counts them too.
    e.admin(
        "PUT",
        "/rate-limit",
        Some(&json!({"limit": 2, "window_secs": 60})),
    );
    assert_eq!(e.get(&format!("/organizations/{acme}/shares")).status, 200);
    assert_eq!(
        e.get(&format!("/organizations/{acme}/billable/usage"))
            .status,
        200
    );
    let r = e.get(&format!("/organizations/{acme}/members"));
    assert_eq!((r.status, r.code()), (429, 971));
    assert!(r.header("retry-after").is_some());
}
