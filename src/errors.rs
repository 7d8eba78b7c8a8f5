//! The one mapping from the core's [`Error`] to the JS classes of API.md (`js/errors.js`).

use cloudflare_organizations_core::{Error, ResponseMessage};
use js_sys::{Array, Object};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::interop::{set, string_or_null};
use crate::transport::Failure;

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = createError)]
    fn create_error(name: &str, message: &str, fields: &Object, cause: &JsValue) -> JsValue;
}

/// The JS error for a failure, with the runtime's own error as its `cause` when there was one.
pub fn to_js(failure: Failure) -> JsValue {
    let Failure { error, cause } = failure;
    let fields = Object::new();
    match &error {
        Error::Api(api) => {
            set(&fields, "status", api.status);
            set(&fields, "errors", messages(&api.errors));
            set(&fields, "messages", messages(&api.messages));
            set(
                &fields,
                "code",
                api.errors
                    .first()
                    .map_or(JsValue::NULL, |e| JsValue::from_f64(e.code as f64)),
            );
            set(&fields, "rayId", string_or_null(&api.ray_id));
            set(&fields, "method", api.method.as_str());
            set(&fields, "path", api.path.as_str());
            if let Some(ms) = api.retry_after_ms {
                set(&fields, "retryAfterMs", ms as f64);
            }
            if let Some(snippet) = &api.body_snippet {
                set(&fields, "bodySnippet", snippet.as_str());
            }
        }
        Error::Connection { method, path, .. } => {
            set(&fields, "method", method.as_str());
            set(&fields, "path", path.as_str());
        }
        Error::Timeout {
            method,
            path,
            timeout_ms,
        } => {
            set(&fields, "method", method.as_str());
            set(&fields, "path", path.as_str());
            set(&fields, "timeoutMs", *timeout_ms as f64);
        }
        Error::UserAbort => {}
        Error::InvalidResponse {
            status,
            ray_id,
            body_snippet,
            method,
            path,
            ..
        } => {
            set(&fields, "status", *status);
            set(&fields, "rayId", string_or_null(ray_id));
            set(&fields, "bodySnippet", body_snippet.as_str());
            set(&fields, "method", method.as_str());
            set(&fields, "path", path.as_str());
        }
        Error::Validation { field, reason } => {
            set(&fields, "field", field.as_str());
            set(&fields, "reason", reason.as_str());
        }
    }
    let cause = match &error {
        Error::Connection { .. } | Error::Timeout { .. } | Error::UserAbort => {
            cause.unwrap_or(JsValue::UNDEFINED)
        }
        Error::Api(_) | Error::InvalidResponse { .. } | Error::Validation { .. } => {
            JsValue::UNDEFINED
        }
    };
    create_error(error.class_name(), &error.message(), &fields, &cause)
}

/// A core error with no runtime cause.
pub fn error_to_js(error: Error) -> JsValue {
    to_js(error.into())
}

/// `{ code, message, documentation_url?, source?: { pointer } }[]`.
fn messages(list: &[ResponseMessage]) -> Array {
    list.iter()
        .map(|m| {
            let entry = Object::new();
            set(&entry, "code", m.code as f64);
            set(&entry, "message", m.message.as_str());
            if let Some(url) = &m.documentation_url {
                set(&entry, "documentation_url", url.as_str());
            }
            if let Some(pointer) = &m.source_pointer {
                let source = Object::new();
                set(&source, "pointer", pointer.as_str());
                set(&entry, "source", source);
            }
            JsValue::from(entry)
        })
        .collect()
}
