//! The core's value view over `serde_json`, for native tests, fuzzing and benchmarks.

use crate::json::{Body, Json, Kind};
use serde_json::Value;

impl Json for Value {
    fn kind(&self) -> Kind {
        match self {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(_) => Kind::Array,
            Value::Object(_) => Kind::Object,
        }
    }
    fn get(&self, key: &str) -> Option<Value> {
        self.as_object()?.get(key).cloned()
    }
    fn members(&self) -> Vec<(String, Value)> {
        self.as_object()
            .map(|o| o.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default()
    }
    fn as_str(&self) -> Option<String> {
        Value::as_str(self).map(str::to_string)
    }
    fn as_f64(&self) -> Option<f64> {
        Value::as_f64(self)
    }
    fn as_bool(&self) -> Option<bool> {
        Value::as_bool(self)
    }
    fn items(&self) -> Vec<Value> {
        self.as_array().cloned().unwrap_or_default()
    }
    fn to_json(&self) -> String {
        self.to_string()
    }
}

/// A response body as raw text.
impl Body for str {
    type Value = Value;
    fn parse(&self) -> Option<Value> {
        serde_json::from_str(self).ok()
    }
    fn snippet(&self, max_chars: usize) -> String {
        self.chars().take(max_chars).collect()
    }
}
