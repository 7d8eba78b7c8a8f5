//! The retry policy of API.md as plain functions: what is retried, and how long to wait.

use crate::error::Error;
use crate::method::Method;
use crate::time::days_from_civil;

/// A wait the server asks for beyond this is not taken: the error is returned at once.
pub const MAX_SERVER_WAIT_MS: u64 = 60_000;
const BASE_BACKOFF_MS: u64 = 500;
const MAX_BACKOFF_MS: u64 = 8_000;

/// What to do after a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    RetryAfter(u64),
    GiveUp,
}

/// `retries_done` counts the retries already made; `jitter` is a random number in [0, 1).
pub fn decide(
    method: Method,
    error: &Error,
    retries_done: u32,
    max_retries: u32,
    jitter: f64,
) -> Decision {
    if retries_done >= max_retries || !is_retryable(method, error) {
        return Decision::GiveUp;
    }
    let asked = match error {
        Error::Api(api) => api.retry_after_ms,
        _ => None,
    };
    match asked {
        Some(ms) if ms > MAX_SERVER_WAIT_MS => Decision::GiveUp,
        Some(ms) => Decision::RetryAfter(ms),
        None => Decision::RetryAfter(backoff_ms(retries_done, jitter)),
    }
}

/// `GET`, `PUT` and `DELETE` are retried on 408, 429, 5xx gateway errors and failed or
/// timed-out connections. A `POST` only on 429, when the server says it did nothing: after a
/// timeout or a 5xx it may have created the organization, and a retry would create a second.
pub fn is_retryable(method: Method, error: &Error) -> bool {
    match error {
        Error::Api(api) if api.status == 429 => true,
        _ if method == Method::Post => false,
        Error::Api(api) => matches!(api.status, 408 | 500 | 502 | 503 | 504),
        Error::Connection { .. } | Error::Timeout { .. } => true,
        _ => false,
    }
}

/// `500 ms * 2^retries`, at most 8 s, less up to 25% jitter so clients spread out.
pub fn backoff_ms(retries_done: u32, jitter: f64) -> u64 {
    let base = BASE_BACKOFF_MS
        .saturating_mul(1u64 << retries_done.min(20))
        .min(MAX_BACKOFF_MS);
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.0
    };
    (base as f64 * (1.0 - 0.25 * jitter)) as u64
}

/// The wait from `retry-after-ms` (milliseconds), else `Retry-After` (seconds, or an HTTP
/// date measured from `now_ms`). Unparseable values are ignored.
pub fn server_wait_ms(
    retry_after: Option<&str>,
    retry_after_ms: Option<&str>,
    now_ms: f64,
) -> Option<u64> {
    if let Some(ms) = retry_after_ms.and_then(|v| parse_milliseconds(v.trim())) {
        return Some(ms);
    }
    let value = retry_after?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds.saturating_mul(1000));
    }
    let at = parse_http_date(value)?;
    Some((at - now_ms).max(0.0).ceil() as u64)
}

/// `123` or `123.45` milliseconds, rounded up. Parsed by hand: the standard float parser
/// brings a 10 KB table into the WebAssembly module.
fn parse_milliseconds(value: &str) -> Option<u64> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !(fraction.is_empty() || digits(fraction)) {
        return None;
    }
    let whole: u64 = whole.parse().unwrap_or(u64::MAX);
    let round_up = fraction.bytes().any(|b| b != b'0');
    Some(whole.saturating_add(round_up as u64))
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form RFC 9110 requires
/// senders to use, into Unix milliseconds.
pub fn parse_http_date(value: &str) -> Option<f64> {
    let parts: Vec<&str> = value.split(' ').filter(|p| !p.is_empty()).collect();
    let [_weekday, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? as u32 + 1;
    let day: u32 = day.parse().ok()?;
    let year: i64 = year.parse().ok().filter(|y| (1970..=9999).contains(y))?;
    let hms: Vec<i64> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [h, m, s] = hms.as_slice() else {
        return None;
    };
    // Negative parts are refused too: they would overflow the sum below.
    if !(0..=23).contains(h) || !(0..=59).contains(m) || !(0..=60).contains(s) {
        return None;
    }
    // A day the month does not have (`31 Feb`) is not a date.
    let days = days_from_civil(year, month, day)?;
    Some(((days * 86_400 + h * 3_600 + m * 60 + s) * 1_000) as f64)
}
