//! The transport: one attempt over the runtime's `fetch`, and an abortable wait. It is the
//! only code that does I/O. The attempt itself (request init, deadline, the caller's signal,
//! reading the status, three headers and the body) and the wait run in `js/values.js`, each
//! handed over in one call; this turns an attempt's outcome into the core's response head and
//! body, or its failure into the core's error.
//!
//! Both report back through one callback made once ([`settlement`]), by the id they were given,
//! rather than a promise awaited as a `JsFuture`: that made two closures per attempt, each
//! registered with the glue's `FinalizationRegistry`, whose weak cells the engine keeps in its
//! old generation until a full collection (bench/RESULTS.md, issue 15).

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use cloudflare_organizations_core::{Call, Error, Json, ResponseHead};
use js_sys::{Array, Function, JsString};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

use crate::interop::{JsBody, JsJson};

#[wasm_bindgen(module = "/js/values.js")]
extern "C" {
    /// Sends `request` (`method\nurl\nname\nvalue\n...`: one string, one copy out of the
    /// wasm) and settles `id` with `[status, head, text | undefined]` (`head`: three headers in
    /// one string, see [`read_head`]), or fails it with `[why, cause]`.
    fn attempt(
        id: u32,
        fetch: Option<&Function>,
        request: &str,
        body: &JsValue,
        timeout_ms: f64,
        signal: Option<&AbortSignal>,
    );
    /// Settles `id` after `ms`, or fails it as soon as `signal` aborts.
    fn wait(id: u32, signal: Option<&AbortSignal>, ms: u32);
    /// Hands `js/values.js` the callback both settle through, once.
    #[wasm_bindgen(js_name = useSettler)]
    fn use_settler(settle: &JsValue);
}

/// What JS has not settled yet, by id.
struct Pending {
    next_id: u32,
    slots: Vec<(u32, Slot)>,
}

enum Slot {
    Waiting(Option<Waker>),
    Settled(Result<JsValue, JsValue>),
}

thread_local! {
    static PENDING: RefCell<Pending> = const {
        RefCell::new(Pending { next_id: 0, slots: Vec::new() })
    };
    /// Made once and never dropped: every attempt and wait of the instance settles through it.
    static SETTLER: Closure<dyn FnMut(u32, JsValue, bool)> = {
        let settler = Closure::new(settle);
        use_settler(settler.as_ref());
        settler
    };
}

/// Called by JS: stores the outcome of `id` and wakes its future. An id no longer waited for
/// (its future was dropped) is ignored.
fn settle(id: u32, value: JsValue, ok: bool) {
    let outcome = if ok { Ok(value) } else { Err(value) };
    let waker = PENDING.with_borrow_mut(|pending| {
        let (_, slot) = pending.slots.iter_mut().find(|(i, _)| *i == id)?;
        match std::mem::replace(slot, Slot::Settled(outcome)) {
            Slot::Waiting(waker) => waker,
            Slot::Settled(_) => None,
        }
    });
    if let Some(waker) = waker {
        waker.wake();
    }
}

/// How many attempts and waits JS has yet to settle (none once their calls are done).
#[cfg(test)]
pub fn unsettled() -> usize {
    PENDING.with_borrow(|pending| pending.slots.len())
}

/// A new id for JS to settle, and the future of its outcome.
fn settlement() -> Settlement {
    SETTLER.with(|_| ());
    PENDING.with_borrow_mut(|pending| {
        let id = pending.next_id;
        pending.next_id = id.wrapping_add(1);
        pending.slots.push((id, Slot::Waiting(None)));
        Settlement { id }
    })
}

/// The outcome of an attempt or a wait: `Ok` for what it resolved with, `Err` for its failure.
struct Settlement {
    id: u32,
}

impl Future for Settlement {
    type Output = Result<JsValue, JsValue>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        PENDING.with_borrow_mut(|pending| {
            let Some(at) = pending.slots.iter().position(|(i, _)| *i == self.id) else {
                // Not reached (a future is not polled once ready); an empty failure reads as
                // "fetch failed" where a bare `undefined` would make reading it throw.
                return Poll::Ready(Err(Array::new().into()));
            };
            // Waiting with this poll's waker from now on; or, once settled, the outcome taken
            // and the slot freed.
            let waiting = Slot::Waiting(Some(cx.waker().clone()));
            match std::mem::replace(&mut pending.slots[at].1, waiting) {
                Slot::Settled(outcome) => {
                    pending.slots.swap_remove(at);
                    Poll::Ready(outcome)
                }
                Slot::Waiting(_) => Poll::Pending,
            }
        })
    }
}

impl Drop for Settlement {
    fn drop(&mut self) {
        PENDING.with_borrow_mut(|pending| pending.slots.retain(|(i, _)| *i != self.id));
    }
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
    // The core refuses control characters in the base URL, header names and values, and
    // percent-encodes the path and query: `\n` separates the parts safely.
    let mut lines = String::new();
    let mut line = |part: &str| {
        lines.push_str(part);
        lines.push('\n');
    };
    line(request.method.as_str());
    line(&request.url);
    for (name, value) in &request.headers {
        line(name);
        line(value);
    }
    let body = request
        .body
        .as_deref()
        .map_or(JsValue::UNDEFINED, JsValue::from_str);
    let settled = settlement();
    attempt(
        settled.id,
        fetch,
        &lines,
        &body,
        call.timeout_ms() as f64,
        signal,
    );
    let settled = settled.await.map_err(|rejection| {
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
    // Read through the core's view: a getter that throws, or a value that is not an object,
    // gives nothing rather than an exception.
    let message = |v: &JsJson| {
        v.get("message")
            .and_then(|m| m.0.as_string())
            .or_else(|| v.0.as_string())
    };
    let error = JsJson(error.clone());
    let mut text = message(&error).unwrap_or_else(|| String::from("fetch failed"));
    if let Some(cause) = error.get("cause").and_then(|c| message(&c)) {
        text.push_str(": ");
        text.push_str(&cause);
    }
    text
}

/// Waits `ms`, or rejects with `UserAbort` as soon as the caller's signal aborts.
pub async fn sleep(ms: u64, signal: Option<&AbortSignal>) -> Result<(), Failure> {
    let settled = settlement();
    wait(settled.id, signal, u32::try_from(ms).unwrap_or(u32::MAX));
    settled.await.map(drop).map_err(|_| Error::UserAbort.into())
}
