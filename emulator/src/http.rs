//! Response building: the envelope, common headers, the body type (whole or cut short).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use cloudflare_organizations_core::models::{Envelope, Message, MessageSource};
use http_body::{Frame, SizeHint};
use hyper::header::{HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use hyper::{Response, StatusCode};

/// A response body: whole, or (fault `truncate`) a first part followed by an error that makes
/// hyper close the connection before the announced Content-Length is reached.
pub enum Body {
    Full(Option<Bytes>),
    Truncated {
        first: Option<Bytes>,
        pause: Option<Pin<Box<tokio::time::Sleep>>>,
    },
}

impl Body {
    pub fn empty() -> Body {
        Body::Full(None)
    }

    pub fn from_bytes(b: impl Into<Bytes>) -> Body {
        let b = b.into();
        if b.is_empty() {
            Body::Full(None)
        } else {
            Body::Full(Some(b))
        }
    }
}

impl http_body::Body for Body {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        match self.get_mut() {
            Body::Full(b) => Poll::Ready(b.take().map(|b| Ok(Frame::data(b)))),
            Body::Truncated { first, pause } => {
                if let Some(b) = first.take() {
                    return Poll::Ready(Some(Ok(Frame::data(b))));
                }
                // Give hyper the time to flush the first part, then fail the body.
                if let Some(p) = pause {
                    if p.as_mut().poll(cx).is_pending() {
                        return Poll::Pending;
                    }
                }
                *pause = None;
                Poll::Ready(Some(Err(std::io::Error::other(
                    "body truncated by an injected fault",
                ))))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Full(None) => SizeHint::with_exact(0),
            Body::Full(Some(b)) => SizeHint::with_exact(b.len() as u64),
            Body::Truncated { .. } => SizeHint::default(),
        }
    }
}

pub const CF_RAY: HeaderName = HeaderName::from_static("cf-ray");
pub const RETRY_AFTER_MS: HeaderName = HeaderName::from_static("retry-after-ms");
const JSON: HeaderValue = HeaderValue::from_static("application/json");
const HTML: HeaderValue = HeaderValue::from_static("text/html; charset=UTF-8");
const ANY_ORIGIN: HeaderValue = HeaderValue::from_static("*");
const EXPOSE: HeaderValue = HeaderValue::from_static("cf-ray, retry-after, retry-after-ms");

/// An error of the envelope (`{code, message, source?: {pointer}}`).
pub fn message(code: u32, message: impl Into<String>) -> Message {
    Message {
        code: i64::from(code),
        message: message.into(),
        documentation_url: None,
        source: None,
    }
}

/// An error about one field of the body, `pointer` being its JSON pointer.
pub fn message_at(code: u32, text: impl Into<String>, pointer: impl Into<String>) -> Message {
    Message {
        source: Some(MessageSource {
            pointer: Some(pointer.into()),
        }),
        ..message(code, text)
    }
}

pub fn error_body(errors: Vec<Message>) -> Vec<u8> {
    let envelope: Envelope<()> = Envelope {
        success: false,
        errors,
        messages: Vec::new(),
        result: None,
        result_info: None,
    };
    serde_json::to_vec(&envelope).unwrap_or_default()
}

/// The opening of a successful envelope, up to its `result` (the core's `Envelope` serialized
/// with `success: true` and no errors or messages; a test holds them equal), so a cached
/// result is answered without re-serializing it.
pub const OK_PREFIX: &[u8] = b"{\"success\":true,\"errors\":[],\"messages\":[],\"result\":";

/// `{"success":true,"errors":[],"messages":[],"result":<result>}`
pub fn ok_body(result: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(result.len() + 64);
    v.extend_from_slice(OK_PREFIX);
    v.extend_from_slice(result);
    v.push(b'}');
    v
}

/// The headers every response carries.
pub fn base(status: StatusCode, ray: &HeaderValue, body: Body) -> Response<Body> {
    let mut r = Response::new(body);
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(CF_RAY, ray.clone());
    h.insert(hyper::header::ACCESS_CONTROL_ALLOW_ORIGIN, ANY_ORIGIN);
    h.insert(hyper::header::ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSE);
    r
}

pub fn json(status: u16, ray: &HeaderValue, body: Vec<u8>) -> Response<Body> {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut r = base(status, ray, Body::from_bytes(body));
    r.headers_mut().insert(CONTENT_TYPE, JSON);
    r
}

pub fn ok(ray: &HeaderValue, result: &[u8]) -> Response<Body> {
    json(200, ray, ok_body(result))
}

pub fn error(status: u16, ray: &HeaderValue, errors: Vec<Message>) -> Response<Body> {
    json(status, ray, error_body(errors))
}

pub fn error1(
    status: u16,
    ray: &HeaderValue,
    code: u32,
    message: impl Into<String>,
) -> Response<Body> {
    error(status, ray, vec![self::message(code, message)])
}

pub fn no_content(ray: &HeaderValue) -> Response<Body> {
    base(StatusCode::NO_CONTENT, ray, Body::empty())
}

pub fn html(status: u16, ray: &HeaderValue, page: String) -> Response<Body> {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
    let mut r = base(status, ray, Body::from_bytes(page));
    r.headers_mut().insert(CONTENT_TYPE, HTML);
    r
}

fn html_title(status: u16) -> &'static str {
    match status {
        500 => "Internal server error",
        501 => "Not implemented",
        502 => "Bad gateway",
        503 => "Service unavailable",
        504 => "Gateway time-out",
        520 => "Web server is returning an unknown error",
        521 => "Web server is down",
        522 => "Connection timed out",
        523 => "Origin is unreachable",
        524 => "A timeout occurred",
        525 => "SSL handshake failed",
        526 => "Invalid SSL certificate",
        429 => "Too many requests",
        403 => "Forbidden",
        _ => "Error",
    }
}

/// A page in the style of Cloudflare's edge error pages.
pub fn cloudflare_error_page(status: u16, ray: &str) -> String {
    let title = html_title(status);
    let ray_short = ray.split('-').next().unwrap_or(ray);
    format!(
        "<!DOCTYPE html>\n<!--[if lt IE 7]> <html class=\"no-js ie6 oldie\" lang=\"en-US\"> <![endif]-->\n\
<html lang=\"en-US\">\n<head>\n<title>api.cloudflare.com | {status}: {title}</title>\n\
<meta charset=\"UTF-8\" />\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\" />\n\
<meta name=\"robots\" content=\"noindex, nofollow\" />\n\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\" />\n</head>\n<body>\n\
<div id=\"cf-wrapper\">\n<div id=\"cf-error-details\" class=\"p-0\">\n\
<header class=\"mx-auto pt-10 lg:pt-6 lg:px-8 w-240 lg:w-full mb-8\">\n\
<h1 class=\"inline-block sm:block sm:mb-2 font-light text-60 lg:text-4xl text-black-dark leading-tight mr-2\">\n\
<span class=\"inline-block\">{title}</span>\n\
<span class=\"code-label\">Error code {status}</span>\n</h1>\n\
<div>Visit <a href=\"https://www.cloudflare.com/5xx-error-landing?utm_source=errorcode_{status}&amp;utm_campaign=api.cloudflare.com\" \
target=\"_blank\" rel=\"noopener noreferrer\">cloudflare.com</a> for more information.</div>\n\
<div class=\"mt-3\">{date}</div>\n</header>\n\
<div class=\"cf-error-footer cf-wrapper w-240 lg:w-full py-10 sm:py-4 sm:px-8 mx-auto text-center sm:text-left border-solid border-0 border-t border-gray-300\">\n\
<p class=\"text-13\">\n<span class=\"cf-footer-item sm:block sm:mb-1\">Cloudflare Ray ID: <strong class=\"font-semibold\">{ray_short}</strong></span>\n\
<span class=\"cf-footer-separator sm:hidden\">&bull;</span>\n\
<span class=\"cf-footer-item sm:block sm:mb-1\">Performance &amp; security by Cloudflare (Organizations API emulator)</span>\n\
</p>\n</div>\n</div>\n</div>\n</body>\n</html>\n",
        date = crate::util::http_date(crate::util::now_millis() / 1000),
    )
}

/// Turns a response into one whose body stops half-way (the Content-Length stays the full one).
/// None when there is no body to cut (the caller then closes the connection).
pub fn truncate(resp: Response<Body>) -> Option<Response<Body>> {
    let (mut parts, body) = resp.into_parts();
    let full = match body {
        Body::Full(Some(b)) => b,
        _ => return None,
    };
    parts
        .headers
        .insert(CONTENT_LENGTH, HeaderValue::from(full.len() as u64));
    let half = full.slice(..full.len() / 2);
    let body = Body::Truncated {
        first: if half.is_empty() { None } else { Some(half) },
        pause: Some(Box::pin(tokio::time::sleep(Duration::from_millis(30)))),
    };
    Some(Response::from_parts(parts, body))
}
