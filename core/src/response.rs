//! Reading a response: the status, a few headers and the body become the result a caller
//! gets or the typed error API.md names. The envelope is judged by `success`, not by the
//! status alone: a 2xx that says `success: false` is an error.

use crate::endpoint::{Method, Paging, ResultShape};
use crate::error::{ApiError, Error, ResponseMessage};
use crate::json::must_be;
use crate::models::MessageSource;

/// 2^53 - 1: the largest integer a JS number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
use crate::json::{Body, Json, Kind};
use crate::retry::server_wait_ms;

/// The longest body excerpt an error carries.
pub const SNIPPET_CHARS: usize = 200;

/// What the core needs of a response besides its body.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResponseHead {
    /// 0 for a browser's opaque redirect.
    pub status: u16,
    pub ray_id: Option<String>,
    /// The wait the server asked for, from `retry-after-ms` or `Retry-After`.
    pub retry_after_ms: Option<u64>,
}

impl ResponseHead {
    /// `now_ms` (Unix time) turns a `Retry-After` date into a wait.
    pub fn new(
        status: u16,
        ray_id: Option<String>,
        retry_after: Option<&str>,
        retry_after_ms: Option<&str>,
        now_ms: f64,
    ) -> ResponseHead {
        ResponseHead {
            status,
            ray_id,
            retry_after_ms: server_wait_ms(retry_after, retry_after_ms, now_ms),
        }
    }
}

/// A successful result.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome<V> {
    /// The envelope's `result`, as the API sent it (fields it adds later kept).
    Value(V),
    /// One page of a list.
    Page {
        items: V,
        /// The API's `result_info`, if it sent an object.
        result_info: Option<V>,
        next_page_token: Option<String>,
    },
    NoContent,
}

/// Reads one response of a call to `method path` that expects `shape`.
pub fn read<B: Body + ?Sized>(
    shape: ResultShape,
    method: Method,
    path: &str,
    head: &ResponseHead,
    body: &B,
) -> Result<Outcome<B::Value>, Error> {
    let invalid = |reason: &str| Error::InvalidResponse {
        status: head.status,
        ray_id: head.ray_id.clone(),
        body_snippet: body.snippet(SNIPPET_CHARS),
        reason: reason.to_string(),
        method,
        path: path.to_string(),
    };
    let api_error = |envelope: Option<&B::Value>| {
        Error::Api(Box::new(ApiError {
            status: head.status,
            errors: envelope.map(|e| messages(e, "errors")).unwrap_or_default(),
            messages: envelope
                .map(|e| messages(e, "messages"))
                .unwrap_or_default(),
            ray_id: head.ray_id.clone(),
            method,
            path: path.to_string(),
            retry_after_ms: head.retry_after_ms,
            body_snippet: match envelope {
                Some(_) => None,
                None => Some(body.snippet(SNIPPET_CHARS)),
            },
        }))
    };
    match head.status {
        400.. => {
            let envelope = body.parse().filter(|e| e.is(Kind::Object));
            return Err(api_error(envelope.as_ref()));
        }
        204 if shape == ResultShape::NoContent => return Ok(Outcome::NoContent),
        200..=299 => {}
        0 | 300..=399 => {
            return Err(invalid(
                "a redirect, which the client does not follow (credentials go only to baseUrl)",
            ))
        }
        _ => return Err(invalid("a status the API does not use")),
    }
    let envelope = body
        .parse()
        .ok_or_else(|| invalid("the body is not JSON (empty, truncated or not JSON)"))?;
    if !envelope.is(Kind::Object) {
        let mut reason = String::from("the envelope ");
        reason.push_str(&must_be("an object", envelope.kind()));
        return Err(invalid(&reason));
    }
    match envelope.get("success").and_then(|s| s.as_bool()) {
        Some(true) => {}
        Some(false) => return Err(api_error(Some(&envelope))),
        None => return Err(invalid("the envelope has no boolean `success`")),
    }
    if shape == ResultShape::NoContent {
        return Ok(Outcome::NoContent);
    }
    let result = envelope
        .get("result")
        .filter(|r| !r.is(Kind::Null))
        .ok_or_else(|| invalid("the envelope has no `result`"))?;
    check_result(shape, &result).map_err(|reason| invalid(&reason))?;
    let Some(paging) = shape.paging() else {
        return Ok(Outcome::Value(result));
    };
    let result_info = envelope.get("result_info").filter(|i| i.is(Kind::Object));
    let next_page_token = match paging {
        Paging::PageToken => position(result_info.as_ref(), &["next_page_token"]),
        // The official SDKs read `cursors.after`; the spec says `cursor`: prefer it.
        Paging::Cursor => {
            position(result_info.as_ref(), &["cursor"]).and_then(|cursor| match cursor {
                None => position(result_info.as_ref(), &["cursors", "after"]),
                found => Ok(found),
            })
        }
        // The next page number depends on the page asked for: `crate::call` decides it.
        Paging::PageNumber => Ok(None),
    }
    .map_err(|reason| invalid(&reason))?;
    Ok(Outcome::Page {
        items: result,
        result_info,
        next_page_token,
    })
}

/// The string at `path` inside `result_info`; absent, `null` and `""` mean the last page. A
/// value of another type would silently end the listing early: it is refused.
fn position<V: Json>(result_info: Option<&V>, path: &[&str]) -> Result<Option<String>, String> {
    let mut value = result_info.cloned();
    for key in path {
        value = value.and_then(|v| v.get(key));
    }
    match value {
        None => Ok(None),
        Some(v) if v.is(Kind::Null) => Ok(None),
        Some(v) => match v.as_str() {
            Some(text) => Ok(Some(text).filter(|t| !t.is_empty())),
            None => {
                let field = path
                    .iter()
                    .fold(String::from("result_info"), |f, k| join(&f, k));
                Err(must_be_at(&field, "a string", v.kind()))
            }
        },
    }
}

/// Checks what the client relies on: objects where objects belong, a string `id` (and an
/// organization's `name`). Everything else is left as the API sent it.
fn check_result<V: Json>(shape: ResultShape, result: &V) -> Result<(), String> {
    // `field` names the record only when something is wrong: a list of 1000 builds no names.
    let record = |field: &dyn Fn() -> String, value: &V, required: &[&str]| -> Result<(), String> {
        let kind = value.kind();
        if kind != Kind::Object {
            return Err(must_be_at(&field(), "an object", kind));
        }
        for key in required {
            match value.member_kind(key) {
                Some(Kind::String) => {}
                Some(other) => return Err(must_be_at(&join(&field(), key), "a string", other)),
                None => {
                    let mut reason = String::from("`");
                    reason.push_str(&join(&field(), key));
                    reason.push_str("` is missing");
                    return Err(reason);
                }
            }
        }
        Ok(())
    };
    let whole = || String::from("result");
    let required = shape.required_strings();
    if shape == ResultShape::NoContent {
        return Ok(());
    }
    if !shape.is_array() {
        return record(&whole, result, required);
    }
    if !result.is(Kind::Array) {
        return Err(must_be_at("result", "an array", result.kind()));
    }
    if result.records_with_strings(required) == Some(true) {
        return Ok(());
    }
    for (i, item) in result.items().iter().enumerate() {
        let field = || {
            let mut field = String::from("result[");
            field.push_str(&crate::encode::decimal(i as u64));
            field.push(']');
            field
        };
        record(&field, item, required)?;
    }
    Ok(())
}

fn join(field: &str, key: &str) -> String {
    let mut out = String::from(field);
    out.push('.');
    out.push_str(key);
    out
}

fn must_be_at(field: &str, expected: &str, got: Kind) -> String {
    let mut reason = String::from("`");
    reason.push_str(field);
    reason.push_str("` ");
    reason.push_str(&must_be(expected, got));
    reason
}

/// The envelope's `errors` or `messages`, tolerating missing or odd entries.
fn messages<V: Json>(envelope: &V, key: &str) -> Vec<ResponseMessage> {
    let Some(list) = envelope.get(key) else {
        return Vec::new();
    };
    list.items()
        .iter()
        .filter(|item| item.is(Kind::Object))
        .map(|item| ResponseMessage {
            // Clamped to what a JS number holds exactly, so it crosses to JS unchanged.
            code: item
                .get("code")
                .and_then(|c| c.as_f64())
                .filter(|c| c.is_finite())
                .map_or(0, |c| c.clamp(-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER) as i64),
            message: item
                .get("message")
                .and_then(|m| m.as_str())
                .unwrap_or_default(),
            documentation_url: item.get("documentation_url").and_then(|u| u.as_str()),
            source: item
                .get("source")
                .and_then(|s| s.get("pointer"))
                .and_then(|p| p.as_str())
                .map(|pointer| MessageSource {
                    pointer: Some(pointer),
                }),
        })
        .collect()
}
