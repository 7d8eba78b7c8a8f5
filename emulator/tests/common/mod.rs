//! Test helpers: start the emulator binary on a free port, and a tiny HTTP/1.1 client over raw
//! TCP (so faults such as `close` and `truncate` are observed at the socket level).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

pub const TOKEN: &str = "dev-token";
pub const EMAIL: &str = "dev@example.com";
pub const KEY: &str = "dev-api-key";
pub const SERVICE_KEY: &str = "dev-service-key";
pub const AUTH: (&str, &str) = ("authorization", "Bearer dev-token");

const IO_TIMEOUT: Duration = Duration::from_secs(20);

pub struct Emu {
    pub child: Child,
    pub port: u16,
    /// e.g. http://127.0.0.1:PORT
    pub origin: String,
}

impl Emu {
    pub fn start(args: &[&str]) -> Emu {
        Self::start_env(args, &[])
    }

    pub fn start_env(args: &[&str], env: &[(&str, &str)]) -> Emu {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cf-orgs-emulator"));
        cmd.arg("--port").arg("0").args(args);
        for k in [
            "EMULATOR_TOKEN",
            "EMULATOR_EMAIL",
            "EMULATOR_KEY",
            "EMULATOR_SERVICE_KEY",
            "PORT",
        ] {
            cmd.env_remove(k);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.stdout(Stdio::piped()).stderr(Stdio::inherit());
        let mut child = cmd.spawn().expect("spawn emulator");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if !sent {
                    if let Some(url) = line.strip_prefix("READY ") {
                        let _ = tx.send(url.to_owned());
                        sent = true;
                    }
                }
            }
        });
        let url = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(u) => u,
            Err(_) => {
                let _ = child.kill();
                let status = child.wait();
                panic!("emulator did not print READY (exit: {status:?})");
            }
        };
        let origin = url
            .strip_suffix("/client/v4")
            .expect("READY url")
            .to_owned();
        let port = origin.rsplit(':').next().unwrap().parse().unwrap();
        Emu {
            child,
            port,
            origin,
        }
    }

    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// A request with the bearer token; `path` is after /client/v4.
    pub fn api(&self, method: &str, path: &str, body: Option<&Value>) -> Resp {
        let b = body.map(|b| b.to_string());
        let mut h = vec![AUTH];
        if b.is_some() {
            h.push(("content-type", "application/json"));
        }
        self.req(method, &format!("/client/v4{path}"), &h, b.as_deref())
    }

    pub fn get(&self, path: &str) -> Resp {
        self.api("GET", path, None)
    }

    /// The id of the seeded organization named `name`: looked up, so that no test depends on
    /// how the seed makes its ids.
    pub fn seed_id(&self, name: &str) -> String {
        let found = self
            .get(&format!("/organizations?name={}", name.replace(' ', "%20")))
            .json();
        found["result"][0]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("no organization named {name}: {found}"))
            .to_owned()
    }

    pub fn admin(&self, method: &str, path: &str, body: Option<&Value>) -> Resp {
        let b = body.map(|b| b.to_string());
        self.req(
            method,
            &format!("/__emulator{path}"),
            &[("content-type", "application/json")],
            b.as_deref(),
        )
    }

    pub fn req(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Resp {
        request(
            &self.addr(),
            method,
            target,
            headers,
            body.map(str::as_bytes),
        )
    }

    pub fn alive(&mut self) -> bool {
        self.child.try_wait().expect("try_wait").is_none()
    }

    pub fn kill9(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// SIGTERM and wait for a clean exit.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill");
        self.child.wait().expect("wait")
    }
}

impl Drop for Emu {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
pub struct Resp {
    /// 0 when the connection closed with no response.
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The Content-Length announced, if any.
    pub content_length: Option<usize>,
    /// Bytes received before EOF (the body may be shorter than Content-Length).
    pub raw_len: usize,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn headers_named(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}), status {}: {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Whether the answer is an error: an envelope with `success: false`, or an HTML page.
    pub fn json_or_html_is_an_error(&self) -> bool {
        if self
            .header("content-type")
            .is_some_and(|c| c.starts_with("text/html"))
        {
            return self.text().contains("Cloudflare Ray ID");
        }
        self.json()["success"] == Value::Bool(false)
    }

    /// The first error code of an envelope.
    pub fn code(&self) -> i64 {
        self.json()["errors"][0]["code"].as_i64().unwrap_or(-1)
    }
}

pub fn request(
    addr: &str,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Resp {
    match try_request(addr, method, target, headers, body) {
        Ok(r) => r,
        Err(e) => panic!("{method} {target}: {e}"),
    }
}

/// Like `request`, but I/O errors (refused, reset before anything, timeout) are returned.
pub fn try_request(
    addr: &str,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> std::io::Result<Resp> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(IO_TIMEOUT))?;
    s.set_write_timeout(Some(IO_TIMEOUT))?;
    let mut head = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(b) = body {
        head.push_str(&format!("Content-Length: {}\r\n", b.len()));
    }
    head.push_str("\r\n");
    let mut out = head.into_bytes();
    if let Some(b) = body {
        out.extend_from_slice(b);
    }
    s.write_all(&out)?;
    let raw = try_read_all(&mut s)?;
    Ok(parse_response(&raw))
}

/// Reads until EOF (a reset after some bytes counts as EOF); panics on a read timeout.
pub fn read_all(s: &mut TcpStream) -> Vec<u8> {
    match try_read_all(s) {
        Ok(r) => r,
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ) =>
        {
            panic!("the emulator did not answer within {IO_TIMEOUT:?} (hang)")
        }
        Err(e) => panic!("read: {e}"),
    }
}

pub fn try_read_all(s: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 16384];
    loop {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => return Err(e),
        }
    }
    Ok(raw)
}

pub fn parse_response(raw: &[u8]) -> Resp {
    let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Resp {
            status: 0,
            headers: vec![],
            body: raw.to_vec(),
            content_length: None,
            raw_len: raw.len(),
        };
    };
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let content_length: Option<usize> = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok());
    let rest = &raw[end + 4..];
    let body = match content_length {
        Some(n) => rest[..n.min(rest.len())].to_vec(),
        None => rest.to_vec(),
    };
    Resp {
        status,
        headers,
        body,
        content_length,
        raw_len: raw.len(),
    }
}

/// Sends raw bytes on a new connection and returns whatever comes back before EOF.
pub fn raw_exchange(addr: &str, bytes: &[u8], shutdown_write: bool) -> Vec<u8> {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(IO_TIMEOUT)).unwrap();
    s.set_write_timeout(Some(IO_TIMEOUT)).unwrap();
    // The server may close before reading everything: ignore write errors.
    let _ = s.write_all(bytes);
    if shutdown_write {
        let _ = s.shutdown(Shutdown::Write);
    }
    read_all(&mut s)
}

pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!(
        "cf-orgs-emulator-test-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub fn read_json(path: &Path) -> Value {
    let bytes = std::fs::read(path).expect("read state file");
    serde_json::from_slice(&bytes).expect("state file parses as JSON")
}

pub fn ids_of(v: &Value) -> Vec<String> {
    v["result"]
        .as_array()
        .expect("result array")
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_owned())
        .collect()
}

pub fn names_of(v: &Value) -> Vec<String> {
    v["result"]
        .as_array()
        .expect("result array")
        .iter()
        .map(|o| o["name"].as_str().unwrap().to_owned())
        .collect()
}

/// The JSON of a successful answer (200, the envelope with `success: true`).
pub fn ok(r: &Resp) -> Value {
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["success"], Value::Bool(true), "{v}");
    assert!(r.header("cf-ray").is_some());
    v
}

/// The status and first error code of a refusal (checking the envelope).
pub fn refusal(r: &Resp) -> (u16, i64) {
    let v = r.json();
    assert_eq!(v["success"], Value::Bool(false), "{v}");
    assert!(r.header("cf-ray").is_some());
    (r.status, r.code())
}

/// The `result` array of a successful list.
pub fn results(r: &Resp) -> Vec<Value> {
    ok(r)["result"].as_array().expect("result array").clone()
}

/// One string field of every item.
pub fn field_of(items: &[Value], name: &str) -> Vec<String> {
    items
        .iter()
        .map(|o| {
            o[name]
                .as_str()
                .unwrap_or_else(|| panic!("{name} in {o}"))
                .to_owned()
        })
        .collect()
}
