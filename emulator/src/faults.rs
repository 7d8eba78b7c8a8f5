//! The fault-injection grammar (`cf-emulator-fault: status=503; retry-after=2`) and the queue.

use serde::Serialize;

/// What answers instead of (or on top of) the operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// No answer-changing directive: the operation runs (possibly after a delay).
    None,
    Status(u16),
    Html(u16),
    Close,
    Truncate,
    SuccessFalse,
    Redirect(Option<String>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    pub kind: Kind,
    pub delay_ms: Option<u64>,
    pub retry_after: Option<u64>,
    pub retry_after_date: Option<u64>,
    pub retry_after_ms: Option<u64>,
}

impl Fault {
    /// Whether the fault answers instead of the operation (no operation runs).
    pub fn replaces_operation(&self) -> bool {
        !matches!(self.kind, Kind::None | Kind::Truncate)
    }
}

pub const MAX_DELAY_MS: u64 = 600_000;
const MAX_RETRY_SECS: u64 = 10 * 365 * 86_400;

fn number(key: &str, value: Option<&str>, max: u64) -> Result<u64, String> {
    let v = value.ok_or_else(|| format!("fault directive `{key}` needs a value ({key}=N)"))?;
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) || v.len() > 12 {
        return Err(format!(
            "fault directive `{key}` needs a non-negative integer, got `{v}`"
        ));
    }
    let n: u64 = v.parse().map_err(|_| format!("bad number `{v}`"))?;
    if n > max {
        return Err(format!("fault directive `{key}` is at most {max}, got {n}"));
    }
    Ok(n)
}

fn no_value(key: &str, value: Option<&str>) -> Result<(), String> {
    match value {
        None => Ok(()),
        Some(v) => Err(format!(
            "fault directive `{key}` takes no value, got `{key}={v}`"
        )),
    }
}

/// Parses a directive list. An empty list (only blanks and `;`) is an error.
pub fn parse(spec: &str) -> Result<Fault, String> {
    let mut f = Fault {
        kind: Kind::None,
        delay_ms: None,
        retry_after: None,
        retry_after_date: None,
        retry_after_ms: None,
    };
    let mut seen: Vec<String> = Vec::new();
    let mut answer: Option<&'static str> = None;
    let mut set_kind = |f: &mut Fault, name: &'static str, k: Kind| -> Result<(), String> {
        if let Some(prev) = answer {
            return Err(format!(
                "fault directives `{prev}` and `{name}` cannot be combined (one answer per request)"
            ));
        }
        answer = Some(name);
        f.kind = k;
        Ok(())
    };
    for raw in spec.split(';') {
        let d = raw.trim();
        if d.is_empty() {
            continue;
        }
        let (key, value) = match d.split_once('=') {
            Some((k, v)) => (k.trim().to_ascii_lowercase(), Some(v.trim())),
            None => (d.to_ascii_lowercase(), None),
        };
        if seen.contains(&key) {
            return Err(format!("fault directive `{key}` is given twice"));
        }
        seen.push(key.clone());
        match key.as_str() {
            "status" => {
                let n = number("status", value, 599)?;
                if n < 200 {
                    return Err(format!("fault status must be 200..599, got {n}"));
                }
                set_kind(&mut f, "status", Kind::Status(n as u16))?;
            }
            "html" => {
                let n = number("html", value, 599)?;
                if n < 400 {
                    return Err(format!("fault html status must be 400..599, got {n}"));
                }
                set_kind(&mut f, "html", Kind::Html(n as u16))?;
            }
            "close" => {
                no_value("close", value)?;
                set_kind(&mut f, "close", Kind::Close)?;
            }
            "truncate" => {
                no_value("truncate", value)?;
                set_kind(&mut f, "truncate", Kind::Truncate)?;
            }
            "success-false" => {
                no_value("success-false", value)?;
                set_kind(&mut f, "success-false", Kind::SuccessFalse)?;
            }
            "redirect" => {
                let target = match value {
                    None => None,
                    Some("") => return Err("fault directive `redirect=` needs a URL".into()),
                    Some(v) if v.bytes().any(|b| b < 0x20 || b == 0x7f) => {
                        return Err("the redirect URL contains control characters".into())
                    }
                    Some(v) => Some(v.to_owned()),
                };
                set_kind(&mut f, "redirect", Kind::Redirect(target))?;
            }
            "delay" => f.delay_ms = Some(number("delay", value, MAX_DELAY_MS)?),
            "retry-after" => f.retry_after = Some(number("retry-after", value, MAX_RETRY_SECS)?),
            "retry-after-date" => {
                f.retry_after_date = Some(number("retry-after-date", value, MAX_RETRY_SECS)?)
            }
            "retry-after-ms" => {
                f.retry_after_ms = Some(number("retry-after-ms", value, MAX_RETRY_SECS * 1000)?)
            }
            other => {
                return Err(format!(
                    "unknown fault directive `{other}` (known: status=NNN, html=5NN, retry-after=S, \
                     retry-after-date=S, retry-after-ms=MS, delay=MS, close, truncate, success-false, \
                     redirect[=URL])"
                ))
            }
        }
    }
    if seen.is_empty() {
        return Err("empty fault specification".into());
    }
    let wants_retry =
        f.retry_after.is_some() || f.retry_after_date.is_some() || f.retry_after_ms.is_some();
    if f.kind == Kind::None && wants_retry {
        f.kind = Kind::Status(429);
    }
    Ok(f)
}

// ---------------------------------------------------------------------------------------------
// The queue

#[derive(Clone, Serialize)]
pub struct Queued {
    pub id: u64,
    pub fault: String,
    pub times: u64,
    pub method: Option<String>,
    pub path: Option<String>,
    #[serde(skip)]
    pub parsed: Option<Fault>,
}

impl Queued {
    fn matches(&self, method: &str, path: &str) -> bool {
        if let Some(m) = &self.method {
            if !m.eq_ignore_ascii_case(method) {
                return false;
            }
        }
        match &self.path {
            None => true,
            Some(p) => match p.strip_suffix('*') {
                Some(prefix) => path.starts_with(prefix),
                None => p == path,
            },
        }
    }
}

#[derive(Default)]
pub struct Queue {
    next_id: u64,
    items: Vec<Queued>,
}

impl Queue {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn push(&mut self, mut q: Queued) -> Queued {
        self.next_id += 1;
        q.id = self.next_id;
        self.items.push(q.clone());
        q
    }

    pub fn list(&self) -> &[Queued] {
        &self.items
    }

    pub fn clear(&mut self) -> usize {
        let n = self.items.len();
        self.items.clear();
        n
    }

    /// Takes one use of the first queued fault that matches the request.
    pub fn take(&mut self, method: &str, path: &str) -> Option<(String, Fault)> {
        let i = self.items.iter().position(|q| q.matches(method, path))?;
        let q = &mut self.items[i];
        let out = (q.fault.clone(), q.parsed.clone()?);
        q.times -= 1;
        if q.times == 0 {
            self.items.remove(i);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar() {
        let f = parse("status=503; retry-after=2").unwrap();
        assert_eq!(f.kind, Kind::Status(503));
        assert_eq!(f.retry_after, Some(2));
        assert_eq!(parse("retry-after-ms=150").unwrap().kind, Kind::Status(429));
        assert_eq!(parse("delay=10").unwrap().kind, Kind::None);
        assert_eq!(parse("delay=10;close").unwrap().kind, Kind::Close);
        assert_eq!(
            parse("redirect=http://x/y?a=b").unwrap().kind,
            Kind::Redirect(Some("http://x/y?a=b".into()))
        );
        assert_eq!(parse("REDIRECT").unwrap().kind, Kind::Redirect(None));
        assert!(parse("bogus")
            .unwrap_err()
            .contains("unknown fault directive `bogus`"));
        assert!(parse("status=503;html=502").is_err());
        assert!(parse("status=99").is_err());
        assert!(parse("status=abc").is_err());
        assert!(parse("status").is_err());
        assert!(parse("close=1").is_err());
        assert!(parse("delay=1;delay=2").is_err());
        assert!(parse(" ; ").is_err());
        assert!(parse("delay=9999999").is_err());
    }

    #[test]
    fn queue_matching() {
        let mut q = Queue::default();
        let mk = |m: Option<&str>, p: Option<&str>, times| Queued {
            id: 0,
            fault: "status=500".into(),
            times,
            method: m.map(Into::into),
            path: p.map(Into::into),
            parsed: Some(parse("status=500").unwrap()),
        };
        q.push(mk(Some("post"), Some("/organizations"), 1));
        q.push(mk(None, Some("/organizations/*"), 2));
        assert!(q.take("GET", "/organizations").is_none());
        assert!(q.take("POST", "/organizations").is_some());
        assert!(q.take("POST", "/organizations").is_none());
        assert!(q.take("GET", "/organizations/abc").is_some());
        assert!(q.take("GET", "/organizations/abc/profile").is_some());
        assert!(q.is_empty());
    }
}
