//! The one error type of the client. The binding maps it, once, to the JS classes of API.md.

use crate::encode::decimal;
use crate::method::Method;

/// One entry of the envelope's `errors` or `messages`: the envelope model's [`Message`].
pub use crate::models::Message as ResponseMessage;

/// An error status, or a 2xx whose envelope says `success: false`.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub errors: Vec<ResponseMessage>,
    pub messages: Vec<ResponseMessage>,
    /// The `cf-ray` header, which Cloudflare support asks for.
    pub ray_id: Option<String>,
    pub method: Method,
    /// The path after the base URL, without the query.
    pub path: String,
    /// The wait the server asked for (`retry-after-ms` or `Retry-After`).
    pub retry_after_ms: Option<u64>,
    /// The start of the body when it was not a JSON envelope (an HTML error page).
    pub body_snippet: Option<String>,
}

/// Every way a call can fail. Not `#[non_exhaustive]`: a new variant must be mapped to its
/// JS class (src/errors.rs), and the compiler names every match to update.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// The API answered with an error.
    Api(Box<ApiError>),
    /// `fetch` itself failed: refused, reset, DNS, a body cut short.
    Connection {
        method: Method,
        path: String,
        cause: String,
    },
    /// An attempt took longer than `timeoutMs` (reading the body included).
    Timeout {
        method: Method,
        path: String,
        timeout_ms: u64,
    },
    /// The caller's `AbortSignal` fired.
    UserAbort,
    /// A 2xx or 3xx the API does not document.
    InvalidResponse {
        status: u16,
        ray_id: Option<String>,
        body_snippet: String,
        reason: String,
        method: Method,
        path: String,
    },
    /// Bad input, found before anything was sent.
    Validation { field: String, reason: String },
}

impl Error {
    pub fn validation(field: impl Into<String>, reason: impl Into<String>) -> Error {
        Error::Validation {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// A validation error of a part, named from the whole: `user.email` within `members.2`.
    pub fn within(self, prefix: &str) -> Error {
        match self {
            Error::Validation { field, reason } => Error::Validation {
                field: crate::encode::join(prefix, &field),
                reason,
            },
            other => other,
        }
    }

    /// The JS class name of API.md for this error.
    pub fn class_name(&self) -> &'static str {
        match self {
            Error::Api(api) => match api.status {
                400 => "BadRequestError",
                401 => "AuthenticationError",
                403 => "PermissionDeniedError",
                404 => "NotFoundError",
                409 => "ConflictError",
                422 => "UnprocessableEntityError",
                429 => "RateLimitError",
                500.. => "InternalServerError",
                _ => "ApiError",
            },
            Error::Connection { .. } => "ConnectionError",
            Error::Timeout { .. } => "ConnectionTimeoutError",
            Error::UserAbort => "UserAbortError",
            Error::InvalidResponse { .. } => "InvalidResponseError",
            Error::Validation { .. } => "ValidationError",
        }
    }

    /// A one-line message; never contains credentials (none of its parts can hold one).
    pub fn message(&self) -> String {
        let mut out = String::new();
        match self {
            Error::Api(api) => {
                out.push_str(&decimal(api.status as u64));
                push_call(&mut out, api.method, &api.path);
                if api.errors.is_empty() {
                    out.push_str(if api.body_snippet.is_some() {
                        "the error body is not a JSON envelope"
                    } else {
                        "no error details in the response"
                    });
                }
                for (i, e) in api.errors.iter().enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    out.push_str(&e.message);
                    out.push_str(" (code ");
                    out.push_str(&signed_decimal(e.code));
                    out.push(')');
                }
                if let Some(ray) = &api.ray_id {
                    out.push_str(" [ray ");
                    out.push_str(ray);
                    out.push(']');
                }
            }
            Error::Connection {
                method,
                path,
                cause,
            } => {
                out.push_str("connection failed");
                push_call(&mut out, *method, path);
                out.push_str(cause);
            }
            Error::Timeout {
                method,
                path,
                timeout_ms,
            } => {
                out.push_str("timed out after ");
                out.push_str(&decimal(*timeout_ms));
                out.push_str(" ms");
                push_call(&mut out, *method, path);
                out.push_str("no complete response");
            }
            Error::UserAbort => out.push_str("the request was aborted by the caller's signal"),
            Error::InvalidResponse {
                status,
                reason,
                method,
                path,
                ..
            } => {
                out.push_str("invalid response ");
                out.push_str(&decimal(*status as u64));
                push_call(&mut out, *method, path);
                out.push_str(reason);
            }
            Error::Validation { field, reason } => {
                out.push_str(field);
                out.push_str(": ");
                out.push_str(reason);
            }
        }
        one_line(&out)
    }
}

fn push_call(out: &mut String, method: Method, path: &str) {
    out.push_str(" on ");
    out.push_str(method.as_str());
    out.push(' ');
    out.push_str(path);
    out.push_str(": ");
}

fn signed_decimal(n: i64) -> String {
    let digits = decimal(n.unsigned_abs());
    if n < 0 {
        let mut s = String::from("-");
        s.push_str(&digits);
        s
    } else {
        digits
    }
}

/// Folds line breaks (U+2028 and U+2029 included) and other control characters into
/// spaces: server text is untrusted.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                ' '
            } else {
                c
            }
        })
        .collect()
}
