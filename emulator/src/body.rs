//! Request bodies: JSON only, and the 400s (code 1001) that name the field they are about.

use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::Response;
use serde_json::{Map, Value};

use crate::http::{self, Body};
use crate::util;
use cloudflare_organizations_core::models::Message;

pub const CODE_INVALID_BODY: u32 = 1001;
pub const CODE_MALFORMED_JSON: u32 = 6007;

/// Parses a JSON request body (Content-Type must be JSON).
pub fn json_body(
    parts: &hyper::http::request::Parts,
    body: &[u8],
    ray: &HeaderValue,
) -> Result<Value, Response<Body>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(http::error1(
            400,
            ray,
            CODE_MALFORMED_JSON,
            "Malformed JSON in request body: the body is empty (a JSON object is required)",
        ));
    }
    let ct = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence != "application/json" && !essence.ends_with("+json") {
        return Err(http::error1(
            400,
            ray,
            CODE_MALFORMED_JSON,
            format!(
                "Request body must be JSON sent with Content-Type: application/json (got {})",
                if ct.is_empty() { "no Content-Type" } else { ct }
            ),
        ));
    }
    serde_json::from_slice(body).map_err(|e| {
        http::error1(
            400,
            ray,
            CODE_MALFORMED_JSON,
            format!("Malformed JSON in request body: {e}"),
        )
    })
}

fn dotted(pointer: &str) -> String {
    pointer
        .trim_start_matches('/')
        .replace('/', ".")
        .replace("~1", "/")
        .replace("~0", "~")
}

pub fn missing(pointer: &str) -> Message {
    http::message_at(
        CODE_INVALID_BODY,
        format!("Missing required field: {}", dotted(pointer)),
        pointer,
    )
}

pub fn wrong_type(pointer: &str, expected: &str) -> Message {
    http::message_at(
        CODE_INVALID_BODY,
        format!("Field {} must be {expected}", dotted(pointer)),
        pointer,
    )
}

pub fn unknown(pointer: &str) -> Message {
    http::message_at(
        CODE_INVALID_BODY,
        format!("Unknown field: {}", dotted(pointer)),
        pointer,
    )
}

pub fn check_unknown(
    obj: &Map<String, Value>,
    known: &[&str],
    at: &str,
    errors: &mut Vec<Message>,
) {
    for k in obj.keys() {
        if !known.contains(&k.as_str()) {
            errors.push(unknown(&format!("{at}/{}", util::pointer_token(k))));
        }
    }
}

/// A body that is not a JSON object.
pub fn not_an_object() -> Message {
    http::message_at(CODE_INVALID_BODY, "Request body must be a JSON object", "")
}
