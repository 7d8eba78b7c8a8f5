//! The one mapping from the core's [`Error`] to the JS classes of API.md (`js/errors.js`).

use cloudflare_organizations_core::{Error, ResponseMessage};
use js_sys::Object;
use serde::Serialize;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::transport::Failure;

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = createError)]
    fn create_error(name: &str, message: &str, fields: &Object, cause: &JsValue) -> JsValue;
}

/// The fields an error carries, as API.md names them; absent ones are not set.
#[derive(Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct Fields<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<&'a [ResponseMessage]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    messages: Option<&'a [ResponseMessage]>,
    /// `null` when the envelope has no error.
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<Option<i64>>,
    /// `null` when there was no `cf-ray` header.
    #[serde(skip_serializing_if = "Option::is_none")]
    ray_id: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_after_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timeout_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body_snippet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
}

/// The JS error for a failure, with the runtime's own error as its `cause` when there was one.
pub fn to_js(failure: Failure) -> JsValue {
    let Failure { error, cause } = failure;
    let fields = match &error {
        Error::Api(api) => Fields {
            status: Some(api.status),
            errors: Some(&api.errors),
            messages: Some(&api.messages),
            code: Some(api.errors.first().map(|e| e.code)),
            ray_id: Some(api.ray_id.as_deref()),
            method: Some(api.method.as_str()),
            path: Some(&api.path),
            retry_after_ms: api.retry_after_ms,
            body_snippet: api.body_snippet.as_deref(),
            ..Fields::default()
        },
        Error::Connection { method, path, .. } => Fields {
            method: Some(method.as_str()),
            path: Some(path),
            ..Fields::default()
        },
        Error::Timeout {
            method,
            path,
            timeout_ms,
        } => Fields {
            method: Some(method.as_str()),
            path: Some(path),
            timeout_ms: Some(*timeout_ms),
            ..Fields::default()
        },
        Error::UserAbort => Fields::default(),
        Error::InvalidResponse {
            status,
            ray_id,
            body_snippet,
            method,
            path,
            ..
        } => Fields {
            status: Some(*status),
            ray_id: Some(ray_id.as_deref()),
            body_snippet: Some(body_snippet),
            method: Some(method.as_str()),
            path: Some(path),
            ..Fields::default()
        },
        Error::Validation { field, reason } => Fields {
            field: Some(field),
            reason: Some(reason),
            ..Fields::default()
        },
    };
    let cause = match &error {
        Error::Connection { .. } | Error::Timeout { .. } | Error::UserAbort => {
            cause.unwrap_or(JsValue::UNDEFINED)
        }
        Error::Api(_) | Error::InvalidResponse { .. } | Error::Validation { .. } => {
            JsValue::UNDEFINED
        }
    };
    let fields = crate::interop::to_js_object(&fields);
    create_error(error.class_name(), &error.message(), &fields, &cause)
}

/// A core error with no runtime cause.
pub fn error_to_js(error: Error) -> JsValue {
    to_js(error.into())
}
