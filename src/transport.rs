//! The transport: one attempt over the runtime's `fetch`, and an abortable wait. It is the
//! only code that does I/O. `fetch` comes from the caller's option or from the global scope
//! (there is no `window` in Node or Workers); an `AbortController` enforces `timeoutMs` over
//! the whole attempt, body included, and follows the caller's `signal`.

use cloudflare_organizations_core::{Call, Error, ResponseHead};
use js_sys::{Function, JsString, Promise, Reflect};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, Headers, RequestInit, RequestRedirect, Response};

use crate::interop::JsBody;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
    /// The runtime's own `fetch` (there is no `window` in Node or Workers).
    #[wasm_bindgen(js_name = fetch, catch)]
    fn global_fetch(url: &str, init: &RequestInit) -> Result<JsValue, JsValue>;
}

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
    let deadline = Deadline::start(call.timeout_ms(), signal).map_err(|cause| Failure {
        error: call.connection_error(&describe(&cause)),
        cause: Some(cause),
    })?;
    let failed = |cause: JsValue| {
        // An aborted attempt reports the signal's reason, not what the race below rejected with.
        let (error, cause) = match signal {
            Some(signal) if signal.aborted() => (Error::UserAbort, signal.reason()),
            _ if deadline.fired() => (call.timeout_error(), deadline.signal().reason()),
            _ => (call.connection_error(&describe(&cause)), cause),
        };
        Failure {
            error,
            cause: Some(cause),
        }
    };
    let (url, init) = build_request(call, deadline.signal()).map_err(failed)?;
    let response = call_fetch(fetch, url, &init).map_err(failed)?;
    // The runtime's own fetch honours the signal, for the body too; only a caller's `fetch`
    // needs the race (a test double or a proxy may ignore `request.signal`).
    let guarded = |promise: Promise| match fetch {
        Some(_) => until_aborted(&promise, deadline.signal()),
        None => promise,
    };
    let response = JsFuture::from(guarded(response)).await.map_err(failed)?;
    let response: Response = response.dyn_into().map_err(|_| {
        failed(JsValue::from_str(
            "the fetch function resolved to something that is not a Response",
        ))
    })?;
    let header = |name: &str| response.headers().get(name).ok().flatten();
    let head = ResponseHead::new(
        response.status(),
        header("cf-ray"),
        header("retry-after").as_deref(),
        header("retry-after-ms").as_deref(),
        js_sys::Date::now(),
    );
    // A redirect's or a 204's body is never needed; an opaque redirect has none to read.
    if head.is_redirect() || head.status == 204 {
        let _ = response.body().map(|body| body.cancel());
        return Ok((head, JsBody::empty()));
    }
    let text = response.text().map_err(failed)?;
    let text = JsFuture::from(guarded(text)).await.map_err(failed)?;
    // A `fetch` option may hand back a Response whose `text()` yields something else; string
    // methods called on it would throw through the wasm frames and kill the process.
    let text = text.dyn_into::<JsString>().map_err(|_| {
        failed(JsValue::from_str(
            "the response's text() resolved to something that is not a string",
        ))
    })?;
    Ok((head, JsBody::new(text)))
}

fn build_request<'c>(
    call: &'c Call,
    signal: &AbortSignal,
) -> Result<(&'c str, RequestInit), JsValue> {
    let described = call.request();
    let headers = Headers::new()?;
    for (name, value) in &described.headers {
        headers.append(name, value)?;
    }
    let init = RequestInit::new();
    init.set_method(described.method.as_str());
    init.set_headers(&headers);
    if let Some(body) = &described.body {
        init.set_body(&JsValue::from_str(body));
    }
    init.set_signal(Some(signal));
    // Credentials go only to baseUrl: a redirect is reported, never followed.
    init.set_redirect(RequestRedirect::Manual);
    Ok((&described.url, init))
}

/// Settles as `promise` does, or rejects as soon as `signal` aborts: a `fetch` option that
/// ignores `request.signal` (a test double, a proxy) must not outlive the timeout or an abort.
fn until_aborted(promise: &Promise, signal: &AbortSignal) -> Promise {
    let aborted = Promise::new(&mut |_resolve, reject| {
        if signal.aborted() {
            let _ = reject.call0(&JsValue::UNDEFINED);
        } else {
            let _ = signal.add_event_listener_with_callback("abort", &reject);
        }
    });
    Promise::race(&js_sys::Array::of2(promise, &aborted))
}

/// Calls the caller's `fetch` without a `this`, or the global `fetch` (looked up at each
/// call, so a runtime or a test that replaces it is honoured).
fn call_fetch(fetch: Option<&Function>, url: &str, init: &RequestInit) -> Result<Promise, JsValue> {
    let returned = match fetch {
        Some(fetch) => {
            let request = web_sys::Request::new_with_str_and_init(url, init)?;
            fetch.call1(&JsValue::UNDEFINED, &request)?
        }
        None => global_fetch(url, init)?,
    };
    Ok(Promise::resolve(&returned))
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

/// An `AbortController` that fires after the timeout or when the caller's signal aborts;
/// dropping it clears the timer and the listener, so nothing outlives the attempt.
struct Deadline<'a> {
    signal: AbortSignal,
    abort: Function,
    timer: JsValue,
    caller: Option<&'a AbortSignal>,
}

impl<'a> Deadline<'a> {
    fn start(timeout_ms: u64, caller: Option<&'a AbortSignal>) -> Result<Deadline<'a>, JsValue> {
        let controller = AbortController::new()?;
        // `controller.abort` bound to the controller: a plain function both a timer and an
        // event listener can call, with no Rust closure to keep alive.
        let abort = Reflect::get(&controller, &JsValue::from_str("abort"))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .map(|f| f.bind0(&controller))
            .unwrap_or_else(|| Function::new_no_args(""));
        let timer = set_timeout(&abort, timeout_ms as f64);
        if let Some(signal) = caller {
            let _ = signal.add_event_listener_with_callback("abort", &abort);
        }
        Ok(Deadline {
            signal: controller.signal(),
            abort,
            timer,
            caller,
        })
    }

    fn signal(&self) -> &AbortSignal {
        &self.signal
    }

    /// Whether the attempt was aborted by the timer (checked after the caller's signal).
    fn fired(&self) -> bool {
        self.signal.aborted()
    }
}

impl Drop for Deadline<'_> {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let Some(signal) = self.caller {
            let _ = signal.remove_event_listener_with_callback("abort", &self.abort);
        }
    }
}

/// Waits `ms`, or rejects with `UserAbort` as soon as the caller's signal aborts.
pub async fn sleep(ms: u64, signal: Option<&AbortSignal>) -> Result<(), Failure> {
    if signal.is_some_and(AbortSignal::aborted) {
        return Err(Error::UserAbort.into());
    }
    let mut timer = JsValue::UNDEFINED;
    let mut on_abort: Option<Function> = None;
    let wait = Promise::new(&mut |resolve, reject| {
        timer = set_timeout(&resolve, ms as f64);
        if let Some(signal) = signal {
            let _ = signal.add_event_listener_with_callback("abort", &reject);
            on_abort = Some(reject);
        }
    });
    let result = JsFuture::from(wait).await;
    clear_timeout(&timer);
    if let (Some(signal), Some(reject)) = (signal, &on_abort) {
        let _ = signal.remove_event_listener_with_callback("abort", reject);
    }
    result.map(drop).map_err(|_| Error::UserAbort.into())
}
