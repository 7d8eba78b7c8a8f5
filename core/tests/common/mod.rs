//! Helpers shared by the integration tests of the core.
//!
//! Most tests feed `serde_json::Value`s (the crate's own native `Json` view). A few inputs
//! only a JavaScript runtime can hand over (a function, `undefined`, `NaN`, `Infinity`, a
//! symbol) are modelled by [`Js`], a second, test-only implementation of the `Json` trait.
#![allow(dead_code)]

use cloudflare_organizations_core::endpoint::{self, Operation, ResultShape};
use cloudflare_organizations_core::{
    CallOptions, Config, Endpoint, Error, Json, Kind, ResponseHead,
};
use serde_json::{json, Value};

/// A JS-like value: what the wasm binding's view over `JsValue` can present to the core.
#[derive(Clone, Debug, PartialEq)]
pub enum Js {
    Undefined,
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Js>),
    Obj(Vec<(String, Js)>),
    Func,
    /// A symbol or a bigint.
    Other,
}

impl Js {
    pub fn obj(members: &[(&str, Js)]) -> Js {
        Js::Obj(
            members
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }
    pub fn str(s: &str) -> Js {
        Js::Str(s.to_string())
    }
}

impl From<Value> for Js {
    fn from(v: Value) -> Js {
        match v {
            Value::Null => Js::Null,
            Value::Bool(b) => Js::Bool(b),
            Value::Number(n) => Js::Num(n.as_f64().unwrap()),
            Value::String(s) => Js::Str(s),
            Value::Array(a) => Js::Arr(a.into_iter().map(Js::from).collect()),
            Value::Object(o) => Js::Obj(o.into_iter().map(|(k, v)| (k, Js::from(v))).collect()),
        }
    }
}

impl Json for Js {
    fn kind(&self) -> Kind {
        match self {
            // The binding never asks the kind of an absent member; `undefined` at the top
            // level reads as null-ish absence.
            Js::Undefined | Js::Null => Kind::Null,
            Js::Bool(_) => Kind::Bool,
            Js::Num(_) => Kind::Number,
            Js::Str(_) => Kind::String,
            Js::Arr(_) => Kind::Array,
            Js::Obj(_) => Kind::Object,
            Js::Func => Kind::Function,
            Js::Other => Kind::Other,
        }
    }
    fn get(&self, key: &str) -> Option<Js> {
        match self {
            Js::Obj(members) => members
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .filter(|v| *v != Js::Undefined),
            _ => None,
        }
    }
    fn members(&self) -> Vec<(String, Js)> {
        match self {
            // Each key read back through `get`, as the binding reads a member by its key.
            Js::Obj(members) => members
                .iter()
                .filter_map(|(k, _)| self.get(k).map(|v| (k.clone(), v)))
                .collect(),
            _ => Vec::new(),
        }
    }
    fn as_str(&self) -> Option<String> {
        match self {
            Js::Str(s) => Some(s.clone()),
            _ => None,
        }
    }
    fn as_f64(&self) -> Option<f64> {
        match self {
            Js::Num(n) => Some(*n),
            _ => None,
        }
    }
    fn as_bool(&self) -> Option<bool> {
        match self {
            Js::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn items(&self) -> Vec<Js> {
        match self {
            Js::Arr(items) => items.clone(),
            _ => Vec::new(),
        }
    }
    fn to_json(&self) -> String {
        match self {
            Js::Undefined | Js::Func | Js::Other => "null".to_string(),
            Js::Null => "null".to_string(),
            Js::Bool(b) => b.to_string(),
            Js::Num(n) if n.is_finite() => json!(n).to_string(),
            Js::Num(_) => "null".to_string(),
            Js::Str(s) => json!(s).to_string(),
            Js::Arr(items) => {
                let parts: Vec<String> = items.iter().map(Js::to_json).collect();
                format!("[{}]", parts.join(","))
            }
            Js::Obj(members) => {
                let parts: Vec<String> = members
                    .iter()
                    .filter(|(_, v)| !matches!(v, Js::Undefined | Js::Func))
                    .map(|(k, v)| format!("{}:{}", json!(k), v.to_json()))
                    .collect();
                format!("{{{}}}", parts.join(","))
            }
        }
    }
}

/// Asserts a `ValidationError` naming `field` whose reason contains `fragment`.
#[track_caller]
pub fn assert_validation<T: std::fmt::Debug>(
    result: Result<T, Error>,
    field: &str,
    fragment: &str,
) {
    match result {
        Err(Error::Validation {
            field: got_field,
            reason,
        }) => {
            assert_eq!(got_field, field, "field (reason: {reason:?})");
            assert!(
                reason.contains(fragment),
                "reason {reason:?} should contain {fragment:?}"
            );
        }
        other => panic!("expected a ValidationError on {field:?}, got {other:?}"),
    }
}

/// The reason of an `InvalidResponse`, after checking its status.
#[track_caller]
pub fn invalid_reason<T: std::fmt::Debug>(result: Result<T, Error>, status: u16) -> String {
    match result {
        Err(Error::InvalidResponse {
            status: got,
            reason,
            ..
        }) => {
            assert_eq!(got, status, "status");
            reason
        }
        other => panic!("expected an InvalidResponseError, got {other:?}"),
    }
}

/// A validated client configuration from JSON options.
#[track_caller]
pub fn config(options: Value) -> Config {
    Config::parse(Some(&options)).expect("valid client options")
}

/// Validated per-call options.
#[track_caller]
pub fn call_options(options: Value, paginating: bool) -> CallOptions {
    CallOptions::parse(Some(&options), paginating).expect("valid call options")
}

/// An endpoint for `operation` on organization `id` (when it takes one).
#[track_caller]
pub fn endpoint(
    operation: Operation,
    id: Option<&str>,
    query: &str,
    body: Option<&str>,
) -> Endpoint {
    let id = id.map(|id| json!(id));
    let ids: Vec<&Value> = id.iter().collect();
    Endpoint::new(operation, &ids, query.to_string(), body.map(str::to_string))
        .expect("valid endpoint")
}

/// A response head with only a status.
pub fn head(status: u16) -> ResponseHead {
    ResponseHead {
        status,
        ray_id: None,
        retry_after_ms: None,
    }
}

/// A head with a `cf-ray`.
pub fn head_ray(status: u16, ray: &str) -> ResponseHead {
    ResponseHead {
        status,
        ray_id: Some(ray.to_string()),
        retry_after_ms: None,
    }
}

/// A well-formed organization as the API returns it.
pub fn organization(id: &str) -> Value {
    json!({
        "id": id,
        "name": "Org",
        "create_time": "2025-01-01T00:00:00Z",
        "meta": { "flags": { "account_creation": "enabled" }, "managed_by": "" }
    })
}

/// `{ success: true, errors: [], messages: [], result }` as text.
pub fn envelope(result: Value) -> String {
    json!({ "success": true, "errors": [], "messages": [], "result": result }).to_string()
}

/// A page envelope with `next_page_token` when given.
pub fn page(result: Value, next_page_token: Option<&str>) -> String {
    let mut info = json!({ "total_size": 10 });
    if let Some(token) = next_page_token {
        info["next_page_token"] = json!(token);
    }
    json!({
        "success": true, "errors": [], "messages": [],
        "result": result, "result_info": info
    })
    .to_string()
}

/// An error envelope with one error.
pub fn error_envelope(code: i64, message: &str) -> String {
    json!({
        "success": false,
        "errors": [{ "code": code, "message": message }],
        "messages": [],
        "result": null
    })
    .to_string()
}

pub const ALL_OPERATIONS: [Operation; 17] = endpoint::OPERATIONS;

/// Every shape a successful response can take.
pub const ALL_SHAPES: [ResultShape; 13] = [
    ResultShape::Organization,
    ResultShape::OrganizationPage,
    ResultShape::AccountPage,
    ResultShape::Deleted,
    ResultShape::Profile,
    ResultShape::AuditPage,
    ResultShape::AuditHistoryPage,
    ResultShape::UsageRecords,
    ResultShape::Member,
    ResultShape::Members,
    ResultShape::MemberPage,
    ResultShape::SharePage,
    ResultShape::NoContent,
];
