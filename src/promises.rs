//! The promise each method returns, made and settled in `js/values.js` by an id: the future is
//! polled once at once, as an async JS function runs to its first `await`, so the request reaches
//! `fetch` within the call; wasm-bindgen-futures' executor polls it from there.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use js_sys::Promise;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;

use crate::errors;
use crate::transport::Failure;

#[wasm_bindgen(module = "/js/values.js")]
extern "C" {
    /// A new pending promise, settled by [`settle_promise`] under the same id.
    #[wasm_bindgen(js_name = newPromise)]
    fn new_promise(id: u32) -> Promise;
    /// Resolves (`ok`) or rejects the promise of `id` with `value`.
    #[wasm_bindgen(js_name = settlePromise)]
    fn settle_promise(id: u32, value: JsValue, ok: bool);
}

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// The promise of `future`'s outcome, its failure as the JS error class of API.md.
pub fn promise_of(mut future: Pin<Box<dyn Future<Output = Result<JsValue, Failure>>>>) -> Promise {
    let id = NEXT_ID.replace(NEXT_ID.get().wrapping_add(1));
    let promise = new_promise(id);
    // A no-op waker for this first poll: the executor's first poll, a microtask later, hands
    // whatever the future waits on the task's own waker.
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(outcome) => fulfil(id, outcome),
        Poll::Pending => spawn_local(async move { fulfil(id, future.await) }),
    }
    promise
}

fn fulfil(id: u32, outcome: Result<JsValue, Failure>) {
    match outcome {
        Ok(value) => settle_promise(id, value, true),
        Err(failure) => settle_promise(id, errors::to_js(failure), false),
    }
}
