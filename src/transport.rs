//! The transport: one attempt over the runtime's `fetch`, and an abortable wait. It is the
//! only code that does I/O. The attempt itself (request init, deadline, the caller's signal,
//! reading the status, three headers and the body) and the wait run in `js/values.js`, each
//! handed over in one call; this turns an attempt's outcome into the core's response head and
//! body, or its failure into the core's error.

use cloudflare_organizations_core::{Call, Error, ResponseHead};
use js_sys::{Array, Function, JsString, Promise, Reflect};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use crate::interop::JsBody;

#[wasm_bindgen(module = "/js/values.js")]
extern "C" {
    /// Resolves to `[status, head, text | undefined]` (`head`: three headers in one string, see
    /// [`read_head`]); rejects with `[why, cause]`.
    fn attempt(
        fetch: Option<&Function>,
        url: &str,
        method: &str,
        headers: &str,
        body: &JsValue,
        timeout_ms: f64,
        signal: Option<&AbortSignal>,
    ) -> Promise;
    /// Resolves after `ms`; rejects as soon as `signal` aborts. `ms` as a `u32` (the core waits
    /// at most a minute): the import then shares its signature, and so its compiled wrapper,
    /// with `Array::get`.
    fn wait(signal: Option<&AbortSignal>, ms: u32) -> Promise;
}

/// Why an attempt failed, as `js/values.js` numbers it (anything else: fetch itself failed).
const ABORTED: f64 = 0.0;
const TIMED_OUT: f64 = 1.0;

/// A failed attempt: the core's error, and the runtime's own error when there was one.
pub struct Failure {
    pub error: Error,
    pub cause: Option<JsValue>,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure { error, cause: None }
    }
}

/// Sends the call's request once. `fetch` is the caller's, or `None` for the global one.
pub async fn send(
    call: &Call,
    fetch: Option<&Function>,
    signal: Option<&AbortSignal>,
) -> Result<(ResponseHead, JsBody), Failure> {
    if signal.is_some_and(AbortSignal::aborted) {
        return Err(Error::UserAbort.into());
    }
    let request = call.request();
    let mut headers = String::new();
    for (name, value) in &request.headers {
        for part in [name, value] {
            headers.push_str(part);
            headers.push('\n');
        }
    }
    let body = request
        .body
        .as_deref()
        .map_or(JsValue::UNDEFINED, JsValue::from_str);
    let sent = attempt(
        fetch,
        &request.url,
        request.method.as_str(),
        &headers,
        &body,
        call.timeout_ms() as f64,
        signal,
    );
    let settled = JsFuture::from(sent).await.map_err(|rejection| {
        let rejection: Array = rejection.unchecked_into();
        let cause = rejection.get(1);
        let why = rejection.get(0).as_f64();
        let error = if why == Some(ABORTED) {
            Error::UserAbort
        } else if why == Some(TIMED_OUT) {
            call.timeout_error()
        } else {
            call.connection_error(&describe(&cause))
        };
        Failure {
            error,
            cause: Some(cause),
        }
    })?;
    let settled: Array = settled.unchecked_into();
    let status = settled.get(0).as_f64().map_or(0, |s| s as u16);
    let head = read_head(status, &settled.get(1).as_string().unwrap_or_default());
    let body = settled
        .get(2)
        .dyn_into::<JsString>()
        .map_or_else(|_| JsBody::empty(), JsBody::new);
    Ok((head, body))
}

/// The headers `attempt` reads in JS: `cf-ray\nretry-after\nretry-after-ms`, each `=value`, or
/// empty when the response has none (header values hold no line breaks).
fn read_head(status: u16, text: &str) -> ResponseHead {
    let mut lines = text.split('\n');
    let mut header = || lines.next().and_then(|line| line.strip_prefix('='));
    let ray_id = header().map(str::to_owned);
    let retry_after = header();
    let retry_after_ms = header();
    ResponseHead::new(
        status,
        ray_id,
        retry_after,
        retry_after_ms,
        js_sys::Date::now(),
    )
}

/// The message of a runtime error, with its `cause` (Node puts ECONNREFUSED there).
fn describe(error: &JsValue) -> String {
    let message = |v: &JsValue| {
        Reflect::get(v, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .or_else(|| v.as_string())
    };
    let mut text = message(error).unwrap_or_else(|| String::from("fetch failed"));
    if let Some(cause) = Reflect::get(error, &JsValue::from_str("cause"))
        .ok()
        .filter(|c| !c.is_undefined())
        .and_then(|c| message(&c))
    {
        text.push_str(": ");
        text.push_str(&cause);
    }
    text
}

/// Waits `ms`, or rejects with `UserAbort` as soon as the caller's signal aborts.
pub async fn sleep(ms: u64, signal: Option<&AbortSignal>) -> Result<(), Failure> {
    JsFuture::from(wait(signal, u32::try_from(ms).unwrap_or(u32::MAX)))
        .await
        .map(drop)
        .map_err(|_| Error::UserAbort.into())
}
