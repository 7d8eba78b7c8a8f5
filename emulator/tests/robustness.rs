//! Random bytes, malformed HTTP and slow clients never crash or hang the emulator.

mod common;

use std::io::Write;
use std::net::TcpStream;
use std::time::Duration;

use common::*;

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

fn still_serving(e: &mut Emu) {
    assert!(e.alive(), "the emulator exited");
    let acme = e.seed_id("Acme Corp");
    let r = e.get(&format!("/organizations/{acme}"));
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["result"]["name"], "Acme Corp");
}

#[test]
fn random_bytes() {
    let mut e = Emu::start(&[]);
    let addr = e.addr();
    let prefixes: [&[u8]; 5] = [
        b"",
        b"GET /client/v4/organizations HTTP/1.1\r\n",
        b"POST /client/v4/organizations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dev-token\r\nContent-Type: application/json\r\nContent-Length: 64\r\n\r\n",
        b"PUT /client/v4/organizations/x/profile HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
        b"GET /client/v4/organizations?",
    ];
    std::thread::scope(|s| {
        for t in 0..4u64 {
            let addr = addr.clone();
            s.spawn(move || {
                let mut rng = XorShift(0x9E37_79B9_7F4A_7C15 ^ (t + 1));
                for i in 0..100 {
                    let len = (rng.next() % 4096) as usize;
                    let mut bytes = prefixes[i % prefixes.len()].to_vec();
                    bytes.extend((0..len).map(|_| rng.next() as u8));
                    // Sometimes keep printable bytes only, which gets further into the parser.
                    if i % 2 == 0 {
                        for b in bytes.iter_mut().skip(prefixes[i % prefixes.len()].len()) {
                            *b = b' ' + (*b % 95);
                        }
                    }
                    let out = raw_exchange(&addr, &bytes, true);
                    if !out.is_empty() {
                        assert!(
                            out.starts_with(b"HTTP/1.1 "),
                            "{:?}",
                            String::from_utf8_lossy(&out)
                        );
                    }
                }
            });
        }
    });
    still_serving(&mut e);
}

#[test]
fn malformed_http() {
    let mut e = Emu::start(&[]);
    let addr = e.addr();
    let big_header = format!(
        "GET /client/v4/organizations HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(300_000)
    );
    let huge_header = format!(
        "GET /client/v4/organizations HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(5_000_000)
    );
    let long_url = format!(
        "GET /client/v4/organizations?name={} HTTP/1.1\r\nHost: x\r\n\r\n",
        "b".repeat(100_000)
    );
    let many_headers: String = (0..500).map(|i| format!("X-H{i}: v\r\n")).collect();
    let many_headers =
        format!("GET /client/v4/organizations HTTP/1.1\r\nHost: x\r\n{many_headers}\r\n");
    let mut chunked_big = b"POST /client/v4/organizations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dev-token\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..40 {
        chunked_big.extend_from_slice(b"10000\r\n");
        chunked_big.extend(std::iter::repeat_n(b'x', 0x10000));
        chunked_big.extend_from_slice(b"\r\n");
    }
    chunked_big.extend_from_slice(b"0\r\n\r\n");
    let cases: Vec<(Vec<u8>, &[u16])> = vec![
        (b"\r\n\r\n".to_vec(), &[0, 400]),
        (b"GET\r\n\r\n".to_vec(), &[0, 400]),
        (b"GET / HTTP/9.9\r\n\r\n".to_vec(), &[0, 400, 505]),
        (b"FOO@BAR /client/v4/organizations HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(), &[0, 400]),
        (b"GET /client/v4/organizations HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n".to_vec(), &[0, 400]),
        (b"GET /client/v4/organizations HTTP/1.1\r\nHost: x\r\nX: a\x00b\r\n\r\n".to_vec(), &[0, 400]),
        (b"GET /client/v4/organizations/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(), &[0, 400]),
        (b"POST /client/v4/organizations HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n".to_vec(), &[0, 400]),
        (b"POST /client/v4/organizations HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n".to_vec(), &[0, 400]),
        (b"POST /client/v4/organizations HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!".to_vec(), &[0, 400]),
        (b"POST /client/v4/organizations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n".to_vec(), &[0, 400]),
        (b"POST /client/v4/organizations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n".to_vec(), &[0, 400, 401]),
        (b"POST /client/v4/organizations HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\nabc".to_vec(), &[413]),
        (b"POST /client/v4/organizations HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly a little".to_vec(), &[0]),
        (chunked_big, &[0, 413]),
        (big_header.into_bytes(), &[0, 400, 401, 431]),
        (huge_header.into_bytes(), &[0, 400, 431]),
        (long_url.into_bytes(), &[0, 400, 414, 431]),
        (many_headers.into_bytes(), &[0, 400, 431]),
        (b"GET /client/v4/organizations/%ZZ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dev-token\r\n\r\n".to_vec(), &[404]),
        (b"GET /client/v4/organizations/%00%2F..%2F HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dev-token\r\n\r\n".to_vec(), &[404]),
        (b"GET /client/v4/organizations?%=%&&=&page_size HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dev-token\r\n\r\n".to_vec(), &[400]),
        (b"GET /client/v4/organizations HTTP/1.1\r\nHost: x\r\ncf-emulator-fault: \xff\xfe\r\n\r\n".to_vec(), &[0, 400]),
        (b"GET /client/v4/organizations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \xff\xfe\r\n\r\n".to_vec(), &[0, 400, 401]),
        (b"GET /client/v4/organizations HTTP/1.0\r\n\r\n".to_vec(), &[401]),
        (b"POST /client/v4/organizations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dev-token\r\nContent-Type: application/json\r\nContent-Length: 18\r\n\r\n{\"name\": 1e999999}".to_vec(), &[400]),
        (b"POST /client/v4/organizations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dev-token\r\nContent-Type: application/json\r\nContent-Length: 18\r\n\r\n{\"name\":\"\\ud800\"} ".to_vec(), &[200, 400]),
        (b"POST /client/v4/organizations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dev-token\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n{\"name\":\"\xff\"}".to_vec(), &[400]),
        (b"POST /__emulator/faults HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\n{\"fault\":".to_vec(), &[400]),
        (b"PUT /__emulator/rate-limit HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n[]".to_vec(), &[400]),
        (b"POST /__emulator/reset HTTP/1.1\r\nHost: x\r\nContent-Length: 12\r\n\r\n{\"seed\":123}".to_vec(), &[400]),
    ];
    for (bytes, allowed) in &cases {
        let out = raw_exchange(&addr, bytes, true);
        let r = parse_response(&out);
        assert!(
            allowed.contains(&r.status),
            "{:?}... gave {} {:?}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(120)]),
            r.status,
            String::from_utf8_lossy(&out[..out.len().min(300)])
        );
    }
    // Pipelined requests on one connection are all answered, in order.
    let out = raw_exchange(
        &addr,
        b"GET /client/v4/organizations/nope HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dev-token\r\n\r\n\
          GET /__emulator/health HTTP/1.1\r\nHost: x\r\n\r\n\
          GET /client/v4/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        false,
    );
    let text = String::from_utf8_lossy(&out);
    assert_eq!(text.matches("HTTP/1.1 ").count(), 3, "{text}");
    let first = text.find("HTTP/1.1 404").unwrap();
    let second = text.find("HTTP/1.1 200").unwrap();
    assert!(first < second);
    still_serving(&mut e);
}

#[test]
fn slow_and_stuck_clients_do_not_block_others() {
    let mut e = Emu::start(&[]);
    let addr = e.addr();
    let mut stuck = Vec::new();
    for i in 0..100 {
        let mut s = TcpStream::connect(&addr).unwrap();
        let part: &[u8] = match i % 4 {
            0 => b"GET /client/v4/organizations HTTP/1.1\r\nHost: x\r\n",
            1 => b"POST /client/v4/organizations HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"na",
            2 => b"G",
            _ => b"",
        };
        s.write_all(part).unwrap();
        stuck.push(s);
    }
    for _ in 0..20 {
        still_serving(&mut e);
    }
    // A connection that sends nothing after a complete request and keeps it open is fine too.
    let mut keep = TcpStream::connect(&addr).unwrap();
    keep.write_all(b"GET /__emulator/health HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    keep.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut buf = [0u8; 64];
    let n = std::io::Read::read(&mut keep, &mut buf).unwrap();
    assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
    drop(stuck);
    still_serving(&mut e);
}

#[test]
fn stops_cleanly_on_sigint_and_sigterm_right_after_ready() {
    for sig in ["-INT", "-TERM"] {
        let mut e = Emu::start(&[]);
        let pid = e.child.id().to_string();
        std::process::Command::new("kill")
            .args([sig, &pid])
            .status()
            .unwrap();
        let status = e.child.wait().unwrap();
        assert!(status.success(), "{sig}: {status:?}");
    }
}

#[test]
fn odd_values_on_the_newer_routes_are_refused_not_fatal() {
    let mut e = Emu::start(&[]);
    let values = [
        "%C3%A9",
        "2024-01-01T00:00:0%C3%A9",
        "%00",
        "9999999999999999999",
        "-1",
        "%FF",
        "",
        "%2F..%2F",
        "1e3",
    ];
    let org = format!("/organizations/{}", e.seed_id("Acme Corp"));
    for v in values {
        for q in [
            format!("{org}/logs/audit?since={v}&before={v}&limit={v}&cursor={v}&raw_status_code={v}&action_type={v}"),
            format!("{org}/logs/audit/{v}x/history?action_time={v}&since={v}&before={v}"),
            format!("{org}/billable/usage?from={v}&to={v}"),
            format!("{org}/members?status={v}&user.email={v}&page_size={v}&page_token={v}"),
            format!("{org}/members/{v}x"),
            format!("{org}/shares?page={v}&per_page={v}&order={v}&resource_types={v}"),
        ] {
            let r = e.get(&q);
            assert!((400..500).contains(&r.status), "{q}: {} {}", r.status, r.text());
            assert_eq!(r.json()["success"], false, "{q}");
        }
        let r = e.api(
            "POST",
            &format!("{org}/members:batchCreate"),
            Some(&serde_json::json!({"members": [{"user": {"email": v}}, v]})),
        );
        assert_eq!(r.status, 400, "{v}");
    }
    still_serving(&mut e);
}
