//! The core's value view over the runtime's own values, and the few conversions back.
//! Responses are parsed by the engine's `JSON.parse` and handed to callers as they are, so
//! fields the API adds later stay on the objects and no copy is made through wasm memory.

use std::cell::OnceCell;

use cloudflare_organizations_core::{Body, Json, Kind};
use js_sys::{Array, JsString, Object, Reflect, JSON};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

// Not `JSON.parse` imported with `catch`: with wasm-bindgen 0.2.130, every call of a `catch`
// import that throws leaves one externref table slot allocated (measured: one per non-JSON
// body, e.g. each HTML 5xx page), so `js/errors.js` catches the exception on the JS side.
#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    /// `JSON.parse` on a JS string, without copying the text through wasm memory;
    /// `undefined` (which JSON never yields) when the text is not JSON.
    #[wasm_bindgen(js_name = parseJson)]
    fn parse_json(text: &JsString) -> JsValue;
}

/// A JS value seen through the core's [`Json`] view.
#[derive(Clone, Debug)]
pub struct JsJson(pub JsValue);

impl JsJson {
    /// `undefined` and `null` arguments mean "not given".
    pub fn given(value: JsValue) -> Option<JsJson> {
        (!value.is_undefined() && !value.is_null()).then_some(JsJson(value))
    }
}

impl Json for JsJson {
    fn kind(&self) -> Kind {
        let v = &self.0;
        if v.is_null() || v.is_undefined() {
            Kind::Null
        } else if v.is_string() {
            Kind::String
        } else if v.as_bool().is_some() {
            Kind::Bool
        } else if v.as_f64().is_some() {
            Kind::Number
        } else if Array::is_array(v) {
            Kind::Array
        } else if v.is_function() {
            Kind::Function
        } else if v.is_object() {
            Kind::Object
        } else {
            Kind::Other
        }
    }

    fn get(&self, key: &str) -> Option<JsJson> {
        if !self.0.is_object() {
            return None;
        }
        // A throwing getter or proxy counts as absent rather than escaping as a panic.
        Reflect::get(&self.0, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined())
            .map(JsJson)
    }

    fn keys(&self) -> Vec<String> {
        if !self.0.is_object() {
            return Vec::new();
        }
        Object::keys(self.0.unchecked_ref::<Object>())
            .iter()
            .filter_map(|k| k.as_string())
            .collect()
    }

    fn as_str(&self) -> Option<String> {
        self.0.as_string()
    }

    fn as_f64(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn as_bool(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn items(&self) -> Vec<JsJson> {
        if !Array::is_array(&self.0) {
            return Vec::new();
        }
        self.0.unchecked_ref::<Array>().iter().map(JsJson).collect()
    }

    fn to_json(&self) -> String {
        JSON::stringify(&self.0)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }
}

/// A response body as the runtime read it: a JS string, parsed at most once.
pub struct JsBody {
    text: JsString,
    parsed: OnceCell<Option<JsJson>>,
}

impl JsBody {
    pub fn new(text: JsString) -> JsBody {
        JsBody {
            text,
            parsed: OnceCell::new(),
        }
    }

    pub fn empty() -> JsBody {
        JsBody::new(JsString::from(""))
    }
}

impl Body for JsBody {
    type Value = JsJson;

    fn parse(&self) -> Option<JsJson> {
        self.parsed
            .get_or_init(|| {
                Some(parse_json(&self.text))
                    .filter(|v| !v.is_undefined())
                    .map(JsJson)
            })
            .clone()
    }

    fn snippet(&self, max_chars: usize) -> String {
        let head = self.text.slice(0, max_chars as u32);
        String::from(head).chars().take(max_chars).collect()
    }
}

/// Sets `key` on a plain object (cannot fail on one we created).
pub fn set(target: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(target, &JsValue::from_str(key), &value.into());
}

/// `{ name: value, ... }` from pairs.
pub fn record(pairs: &[(String, String)]) -> Object {
    let object = Object::new();
    for (name, value) in pairs {
        set(&object, name, value.as_str());
    }
    object
}

/// `Some(s)` as a JS string, `None` as `null`.
pub fn string_or_null(value: &Option<String>) -> JsValue {
    value.as_deref().map_or(JsValue::NULL, JsValue::from_str)
}
