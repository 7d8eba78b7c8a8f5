//! What every list shares: query parsing (unknown and repeated parameters refused), page sizes,
//! opaque tokens bound to the filters, and the page-token answer.

use hyper::header::HeaderValue;
use hyper::Response;

use cloudflare_organizations_core::models::{Direction, PageTokenInfo};

use crate::http::{self, Body};
use crate::util;

pub const CODE_INVALID_QUERY: u32 = 1002;
pub const CODE_INVALID_PAGE_TOKEN: u32 = 1006;
pub const DEFAULT_PAGE_SIZE: usize = 10;
pub const MAX_PAGE_SIZE: usize = 1000;

/// Decoded `(key, value)` pairs, in the order sent.
pub type Params = Vec<(String, String)>;

pub fn bad_query(ray: &HeaderValue, message: String) -> Response<Body> {
    http::error1(400, ray, CODE_INVALID_QUERY, message)
}

/// Parses a list's query string: a parameter not in `known` is refused (so a typo such as
/// `name.startswith` does not silently match everything), and so is one given twice unless it
/// is in `repeatable`.
pub fn params(
    query: &str,
    known: &[&str],
    repeatable: &[&str],
    ray: &HeaderValue,
) -> Result<Params, Response<Body>> {
    let pairs = util::parse_query(query).map_err(|e| bad_query(ray, e.to_string()))?;
    let mut out: Params = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        if !known.contains(&k.as_str()) {
            return Err(bad_query(
                ray,
                format!(
                    "Unknown query parameter {k:?} (known: {})",
                    known.join(", ")
                ),
            ));
        }
        if !repeatable.contains(&k.as_str()) && out.iter().any(|(pk, _)| *pk == k) {
            return Err(bad_query(
                ray,
                format!("Query parameter {k} is given more than once"),
            ));
        }
        out.push((k, v));
    }
    Ok(out)
}

/// Removes a (non-repeatable) parameter from `params` and returns its value.
pub fn take(params: &mut Params, key: &str) -> Option<String> {
    let i = params.iter().position(|(k, _)| k == key)?;
    Some(params.remove(i).1)
}

/// An integer parameter within `min..=max`, or the 400 naming the range.
pub fn integer(
    name: &str,
    value: &str,
    min: usize,
    max: usize,
    ray: &HeaderValue,
) -> Result<usize, Response<Body>> {
    let digits = !value.is_empty() && value.len() <= 7 && value.bytes().all(|b| b.is_ascii_digit());
    match value.parse::<usize>() {
        Ok(n) if digits && (min..=max).contains(&n) => Ok(n),
        _ => Err(bad_query(
            ray,
            format!("Query parameter {name} must be an integer from {min} to {max}, got {value:?}"),
        )),
    }
}

/// `page_size`: absent or `0` = the default, at most 1000.
pub fn page_size(value: Option<String>, ray: &HeaderValue) -> Result<usize, Response<Body>> {
    match value {
        None => Ok(DEFAULT_PAGE_SIZE),
        Some(v) => match integer("page_size", &v, 0, MAX_PAGE_SIZE, ray)? {
            0 => Ok(DEFAULT_PAGE_SIZE),
            n => Ok(n),
        },
    }
}

/// A value of one of the API's enums, as the core's model `T` of it decides; the 400 names
/// the values it takes.
pub fn enum_value<T: serde::de::DeserializeOwned>(
    name: &str,
    value: &str,
    ray: &HeaderValue,
) -> Result<T, Response<Body>> {
    serde_json::from_value(serde_json::Value::String(value.to_owned()))
        .map_err(|e| bad_query(ray, format!("Query parameter {name}: {e}")))
}

/// A check of a query value against one of the core's enums: `check_enum::<T>`.
pub type EnumCheck = fn(&str, &str, &HeaderValue) -> Result<(), Response<Body>>;

pub fn check_enum<T: serde::de::DeserializeOwned>(
    name: &str,
    value: &str,
    ray: &HeaderValue,
) -> Result<(), Response<Body>> {
    enum_value::<T>(name, value, ray).map(|_| ())
}

/// A check of a query value against one of the core's lists of allowed values.
pub fn check_listed(
    name: &str,
    value: &str,
    allowed: &[&str],
    ray: &HeaderValue,
) -> Result<(), Response<Body>> {
    if allowed.contains(&value) {
        return Ok(());
    }
    let expected = allowed.join("`, `");
    Err(bad_query(
        ray,
        format!("Query parameter {name}: unknown variant `{value}`, expected one of `{expected}`"),
    ))
}

/// `direction=asc|desc`: whether it is `desc` (`default` when absent).
pub fn descending(
    value: Option<String>,
    default: Direction,
    ray: &HeaderValue,
) -> Result<bool, Response<Body>> {
    let d = match value {
        None => default,
        Some(v) => enum_value("direction", &v, ray)?,
    };
    Ok(d == Direction::Desc)
}

/// Canonical `key=value` strings of the filters a token is bound to (order-insensitive).
pub fn binding(params: &Params) -> Vec<String> {
    let mut b: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
    b.sort();
    b.dedup();
    b
}

fn binding_bytes(kind: &str, binding: &[String]) -> Vec<u8> {
    let mut b = kind.as_bytes().to_vec();
    for x in binding {
        b.push(0);
        b.extend_from_slice(x.as_bytes());
    }
    b
}

const TOKEN_KEY: &[u8] = b"cf-orgs-emulator page token v1";

/// An opaque token for `cursor` (a position in the list `kind` with these filters).
pub fn make_token(kind: &str, binding: &[String], cursor: u64) -> String {
    let bind = binding_bytes(kind, binding);
    let mask = util::digest(&[TOKEN_KEY, b"mask", &bind]);
    let mac = util::digest(&[TOKEN_KEY, &bind, &cursor.to_le_bytes()]);
    let mut s = String::with_capacity(32);
    util::push_hex_u64(&mut s, cursor ^ mask);
    util::push_hex_u64(&mut s, mac);
    s
}

pub fn read_token(kind: &str, binding: &[String], token: &str) -> Option<u64> {
    if token.len() != 32 || !token.is_ascii() {
        return None;
    }
    let a = util::parse_hex_u64(&token[..16])?;
    let mac = util::parse_hex_u64(&token[16..])?;
    let bind = binding_bytes(kind, binding);
    let cursor = a ^ util::digest(&[TOKEN_KEY, b"mask", &bind]);
    (util::digest(&[TOKEN_KEY, &bind, &cursor.to_le_bytes()]) == mac && cursor > 0)
        .then_some(cursor)
}

pub fn bad_token(ray: &HeaderValue, name: &str) -> Response<Body> {
    http::error1(
        400,
        ray,
        CODE_INVALID_PAGE_TOKEN,
        format!("Invalid {name}: it is malformed, or it was issued for a list with other filters"),
    )
}

/// The position a token (absent or empty = the start, 0) stands for, or the 400.
pub fn position(
    kind: &str,
    binding: &[String],
    token: Option<&str>,
    name: &str,
    ray: &HeaderValue,
) -> Result<u64, Response<Body>> {
    match token.filter(|t| !t.is_empty()) {
        None => Ok(0),
        Some(t) => read_token(kind, binding, t).ok_or_else(|| bad_token(ray, name)),
    }
}

/// A page being rendered: the envelope's opening and the result array, in one buffer, so a
/// 1000-item page is copied once.
pub struct PageBuffer {
    pub bytes: Vec<u8>,
    pub items: usize,
}

impl PageBuffer {
    pub fn new(estimate: usize) -> PageBuffer {
        let mut bytes = Vec::with_capacity(http::OK_PREFIX.len() + estimate + 128);
        bytes.extend_from_slice(http::OK_PREFIX);
        bytes.push(b'[');
        PageBuffer { bytes, items: 0 }
    }

    /// Appends one item's ready JSON.
    pub fn push(&mut self, json: &[u8]) {
        if self.items > 0 {
            self.bytes.push(b',');
        }
        self.bytes.extend_from_slice(json);
        self.items += 1;
    }

    /// Appends one item, serialized straight into the buffer.
    pub fn push_serialized(&mut self, item: &impl serde::Serialize) {
        if self.items > 0 {
            self.bytes.push(b',');
        }
        let mark = self.bytes.len();
        if serde_json::to_writer(&mut self.bytes, item).is_err() {
            self.bytes.truncate(mark);
            self.bytes.extend_from_slice(b"null");
        }
        self.items += 1;
    }

    /// Closes the array and the envelope (a list without `result_info`).
    pub fn close(mut self) -> Vec<u8> {
        self.bytes.extend_from_slice(b"]}");
        self.bytes
    }

    /// Closes the array and appends `,"result_info":<info>}`.
    pub fn finish(mut self, result_info: &[u8]) -> Vec<u8> {
        self.bytes.extend_from_slice(b"],\"result_info\":");
        self.bytes.extend_from_slice(result_info);
        self.bytes.push(b'}');
        self.bytes
    }
}

/// A page of a page-token list.
pub struct Page {
    /// The envelope's opening and the page's items.
    pub items: PageBuffer,
    /// How many items match in all.
    pub total: usize,
    /// The cursor (seq of the last item) when more items follow.
    pub next: Option<u64>,
}

impl Page {
    /// The page of `rows` (every match, in order, each with its seq and ready JSON) that
    /// follows `after`: at most `page_size` items; `item_size` estimates one item's bytes.
    pub fn of<'a>(
        rows: impl Iterator<Item = (u64, &'a [u8])>,
        after: u64,
        page_size: usize,
        item_size: usize,
    ) -> Page {
        let mut items = PageBuffer::new(page_size.min(MAX_PAGE_SIZE) * item_size);
        let (mut total, mut last, mut more) = (0, 0, false);
        for (seq, json) in rows {
            total += 1;
            if seq <= after {
                continue;
            }
            if items.items < page_size {
                items.push(json);
                last = seq;
            } else {
                more = true;
            }
        }
        Page {
            items,
            total,
            next: more.then_some(last),
        }
    }
}

/// The paging of a page-token list (`page_size`, `page_token`), its token bound to the list's
/// kind and every other parameter.
pub struct TokenPaging {
    pub page_size: usize,
    /// The cursor the token stands for (0 = the first page).
    pub after: u64,
    kind: String,
    binding: Vec<String>,
}

/// Parses a page-token list's query (`known` without the two paging keys) into its filters and
/// its paging.
pub fn token_paging(
    query: &str,
    known: &[&str],
    repeatable: &[&str],
    kind: String,
    ray: &HeaderValue,
) -> Result<(Params, TokenPaging), Response<Body>> {
    let mut all: Vec<&str> = known.to_vec();
    all.extend(["page_size", "page_token"]);
    let mut p = params(query, &all, repeatable, ray)?;
    let page_size = page_size(take(&mut p, "page_size"), ray)?;
    let token = take(&mut p, "page_token");
    let binding = binding(&p);
    let after = position(&kind, &binding, token.as_deref(), "page_token", ray)?;
    Ok((
        p,
        TokenPaging {
            page_size,
            after,
            kind,
            binding,
        },
    ))
}

impl TokenPaging {
    /// The answer for a page, with the token of the next one.
    pub fn answer(&self, ray: &HeaderValue, page: Page) -> Response<Body> {
        let next = page.next.map(|c| make_token(&self.kind, &self.binding, c));
        token_page(ray, page.items, next, page.total)
    }
}

/// A page-token answer: `result_info` is `{next_page_token?, total_size}`.
fn token_page(
    ray: &HeaderValue,
    page: PageBuffer,
    next: Option<String>,
    total: usize,
) -> Response<Body> {
    let info = PageTokenInfo {
        next_page_token: next,
        total_size: Some(total as u64),
    };
    let info = serde_json::to_vec(&info).unwrap_or_default();
    http::json(200, ray, page.finish(&info))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudflare_organizations_core::models::Envelope;

    #[test]
    fn tokens_are_bound() {
        let b1 = vec!["name=a".to_owned()];
        let b2 = vec!["name=b".to_owned()];
        let t = make_token("orgs", &b1, 42);
        assert_eq!(t.len(), 32);
        assert_eq!(read_token("orgs", &b1, &t), Some(42));
        assert_eq!(read_token("orgs", &b2, &t), None);
        assert_eq!(read_token("accounts:x", &b1, &t), None);
        assert_eq!(read_token("orgs", &b1, "garbage"), None);
        let mut bad = t.clone();
        bad.replace_range(0..1, if &t[0..1] == "0" { "1" } else { "0" });
        assert_eq!(read_token("orgs", &b1, &bad), None);
    }

    #[test]
    fn the_prefix_is_the_core_envelope() {
        let empty: Envelope<Vec<()>> = Envelope {
            success: true,
            errors: Vec::new(),
            messages: Vec::new(),
            result: Some(Vec::new()),
            result_info: None,
        };
        let rendered = serde_json::to_vec(&empty).unwrap();
        assert_eq!(PageBuffer::new(0).close(), rendered);
        assert!(rendered.starts_with(http::OK_PREFIX));
    }

    #[test]
    fn pages_render_in_one_buffer() {
        let mut p = PageBuffer::new(10);
        p.push(b"1");
        p.push(b"{}");
        let v: serde_json::Value = serde_json::from_slice(&p.finish(b"{\"x\":1}")).unwrap();
        assert_eq!(v["result"], serde_json::json!([1, {}]));
        assert_eq!(v["result_info"]["x"], 1);
    }
}
