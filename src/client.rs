//! The one generic path every endpoint takes: send, read, retry, with the hooks around
//! each attempt. The rules come from the core's [`Call`]; this only runs them.

use cloudflare_organizations_core::{
    Call, CallOptions, Config, Endpoint, Json, Outcome, Pager, ResponseHead, Step,
};
use js_sys::{Array, Function, Object};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

use serde::Serialize;

use crate::interop::{self, is_abort_signal, set, to_js_object, JsBody, JsJson};
use crate::transport::{self, Failure};

/// A configured client: the validated options and the functions the caller handed in.
pub struct Client {
    pub config: Config,
    pub fetch: Option<Function>,
    pub on_request: Option<Function>,
    pub on_response: Option<Function>,
}

/// A call's own options: the validated ones and the caller's `signal`.
pub struct CallContext {
    pub options: CallOptions,
    pub signal: Option<AbortSignal>,
}

impl CallContext {
    pub fn parse(options: JsValue, paginating: bool) -> Result<CallContext, Failure> {
        let options = JsJson::given(options);
        let parsed = CallOptions::parse(options.as_ref(), paginating)?;
        let signal = match options.as_ref().and_then(|o| o.get("signal")) {
            Some(signal) if !signal.0.is_null() => {
                if !is_abort_signal(&signal.0) {
                    return Err(cloudflare_organizations_core::Error::validation(
                        "signal",
                        "must be an AbortSignal",
                    )
                    .into());
                }
                Some(signal.0.unchecked_into::<AbortSignal>())
            }
            _ => None,
        };
        Ok(CallContext {
            options: parsed,
            signal,
        })
    }
}

impl Client {
    /// Sends one endpoint with its retries.
    pub async fn send(
        &self,
        endpoint: &Endpoint,
        context: &CallContext,
    ) -> Result<Outcome<JsJson>, Failure> {
        let mut call = Call::new(&self.config, &context.options, endpoint);
        self.run(&mut call, context).await
    }

    async fn run(
        &self,
        call: &mut Call,
        context: &CallContext,
    ) -> Result<Outcome<JsJson>, Failure> {
        self.config.check_call(&context.options)?;
        let signal = context.signal.as_ref();
        loop {
            let attempt = call.begin_attempt();
            let info = self.hook_info(call, attempt);
            call_hook(self.on_request.as_ref(), &info);
            let started = js_sys::Date::now();
            let sent = transport::send(call, self.fetch.as_ref(), signal).await;
            let (attempt_result, cause) = match &sent {
                Ok((head, body)) => {
                    self.report_response(&info, head, body, started);
                    (Ok((head.clone(), body)), None)
                }
                Err(failure) => (Err(failure.error.clone()), failure.cause.clone()),
            };
            match call.finish(attempt_result, js_sys::Math::random()) {
                Step::Done(result) => return result.map_err(|error| Failure { error, cause }),
                Step::Retry { wait_ms } => transport::sleep(wait_ms, signal).await?,
            }
        }
    }

    /// `{ method, url, attempt, headers }` with every credential shown as `***`.
    fn hook_info(&self, call: &Call, attempt: u32) -> Option<Object> {
        if self.on_request.is_none() && self.on_response.is_none() {
            return None;
        }
        let request = call.request();
        Some(to_js_object(&RequestInfo {
            method: request.method.as_str(),
            url: &request.url,
            attempt,
            headers: HeaderMap(&request.redacted_headers()),
        }))
    }

    fn report_response(
        &self,
        info: &Option<Object>,
        head: &ResponseHead,
        body: &JsBody,
        started: f64,
    ) {
        let (Some(hook), Some(info)) = (&self.on_response, info) else {
            return;
        };
        let extra = to_js_object(&ResponseInfo {
            status: head.status,
            ray_id: head.ray_id.as_deref(),
            duration_ms: js_sys::Date::now() - started,
        });
        let info = Object::assign(&Object::assign(&Object::new(), info), &extra);
        let messages = cloudflare_organizations_core::Body::parse(body)
            .and_then(|envelope| envelope.get("messages"))
            .filter(|m| Array::is_array(&m.0))
            .map_or_else(|| Array::new().into(), |m| m.0);
        set(&info, "messages", messages);
        call_hook(Some(hook), &Some(info));
    }

    /// Walks a list: every page's items, or those of the first `maxPages` pages.
    pub async fn next_page(
        &self,
        pager: &std::cell::RefCell<Pager>,
        context: &CallContext,
    ) -> Result<Option<JsValue>, Failure> {
        let Some(mut call) = pager.borrow_mut().next_call(&self.config, &context.options) else {
            return Ok(None);
        };
        match self.run(&mut call, context).await {
            Ok(Outcome::Page {
                items,
                next_page_token,
                ..
            }) => {
                pager.borrow_mut().page_received(call, next_page_token);
                Ok(Some(items.0))
            }
            Ok(_) => {
                pager.borrow_mut().stop();
                Ok(None)
            }
            Err(failure) => {
                pager.borrow_mut().stop();
                Err(failure)
            }
        }
    }
}

/// What `onRequest` sees of an attempt.
#[derive(Serialize)]
struct RequestInfo<'a> {
    method: &'a str,
    url: &'a str,
    attempt: u32,
    headers: HeaderMap<'a>,
}

/// What `onResponse` sees besides the request's info (and the envelope's `messages`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResponseInfo<'a> {
    status: u16,
    /// `null` without a `cf-ray` header.
    ray_id: Option<&'a str>,
    duration_ms: f64,
}

/// Headers as a `{ name: value }` object.
struct HeaderMap<'a>(&'a [(String, String)]);

impl Serialize for HeaderMap<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(name, value)| (name, value)))
    }
}

/// Hooks observe; an exception thrown by one must not break the call.
fn call_hook(hook: Option<&Function>, info: &Option<Object>) {
    if let (Some(hook), Some(info)) = (hook, info) {
        interop::call_hook(hook, info);
    }
}

/// `Page<T>`: `{ result, result_info }` (an empty `result_info` if the API sent none).
pub fn page_object(outcome: Outcome<JsJson>) -> JsValue {
    match outcome {
        Outcome::Page {
            items, result_info, ..
        } => {
            let page = Object::new();
            set(&page, "result", items.0);
            set(
                &page,
                "result_info",
                result_info.map_or_else(|| Object::new().into(), |i| i.0),
            );
            page.into()
        }
        Outcome::Value(value) => value.0,
        Outcome::NoContent => JsValue::UNDEFINED,
    }
}
