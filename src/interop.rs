//! The core's value view over the runtime's own values, and the few conversions back.
//! Responses are parsed by the engine's `JSON.parse` and handed to callers as they are, so
//! fields the API adds later stay on the objects and no copy is made through wasm memory.

use std::cell::{OnceCell, RefCell};

use cloudflare_organizations_core::{Body, Json, Kind};
use js_sys::{Array, JsString, Object};
use serde::ser::{self, Error as _, Impossible, Serialize, Serializer};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen(module = "/js/values.js")]
extern "C" {
    /// `JSON.parse` on a JS string, without copying the text through wasm memory;
    /// `undefined` (which JSON never yields) when the text is not JSON. Not `JSON.parse`
    /// imported with `catch`: with wasm-bindgen 0.2.130 every throwing call of a `catch` import
    /// leaves one externref table slot allocated (one per HTML error page, measured).
    #[wasm_bindgen(js_name = parseJson)]
    fn parse_json(text: &JsString) -> JsValue;
    /// The core's `Kind` as its index, in one call.
    #[wasm_bindgen(js_name = kindOf)]
    fn kind_of(value: &JsValue) -> u32;
    /// `value[key]`; `undefined` for a non-object or a throwing getter.
    #[wasm_bindgen(js_name = member)]
    fn member(value: &JsValue, key: &JsValue) -> JsValue;
    /// `JSON.stringify`; `undefined` when it throws. Not imported with `catch`, as above.
    #[wasm_bindgen(js_name = jsonText)]
    fn json_text(value: &JsValue) -> JsValue;
    /// Calls `hook(info)`; `false` when it threw, which is caught in JS (not with `catch`, as
    /// above). The `bool` lets the import share `memberKind`'s wrapper.
    #[wasm_bindgen(js_name = callHook)]
    pub fn call_hook(hook: &JsValue, info: &JsValue) -> bool;
    /// The kind index of `value[key]`, or -1 when absent.
    #[wasm_bindgen(js_name = memberKind)]
    fn member_kind(value: &JsValue, key: &JsValue) -> i32;
    /// A `Date`'s `toISOString()`; `undefined` for anything else (or an invalid date).
    #[wasm_bindgen(js_name = dateText)]
    fn date_text(value: &JsValue) -> Option<String>;
    /// Whether every item is an object whose members `keys` (comma-separated) are strings.
    /// `keys` is a JS string (one of the cached keys), so the import shares `memberKind`'s
    /// signature and compiled wrapper.
    #[wasm_bindgen(js_name = recordsWithStrings)]
    fn records_with_strings(items: &JsValue, keys: &JsValue) -> bool;
    /// `Object.keys(value)`; `[]` when a proxy's trap throws.
    #[wasm_bindgen(js_name = keysOf)]
    fn keys_of(value: &JsValue) -> Array;
    /// An array's items as a plain array; `[]` for a non-array or a throwing proxy.
    #[wasm_bindgen(js_name = itemsOf)]
    fn items_of(value: &JsValue) -> Array;
    /// `text.slice(0, n)`: not `JsString::slice`, whose two-number signature is one more
    /// wrapper for the engine to compile at start-up.
    fn head(text: &JsString, n: u32) -> JsString;
    /// Whether `value` is a working `AbortSignal`, not only an object with its prototype.
    #[wasm_bindgen(js_name = isAbortSignal)]
    pub fn is_abort_signal(value: &JsValue) -> bool;
}

thread_local! {
    /// Keys already made into JS strings: the core asks for the same few names (`id`, `name`,
    /// `success`, ...) thousands of times, and decoding each from wasm memory again is the
    /// largest part of checking a 1000-item page.
    static KEYS: RefCell<Vec<(String, JsValue)>> = const { RefCell::new(Vec::new()) };
}

fn js_key(key: &str) -> JsValue {
    KEYS.with_borrow_mut(|keys| {
        if let Some((_, value)) = keys.iter().find(|(k, _)| k == key) {
            return value.clone();
        }
        let value = JsValue::from_str(key);
        // Only the core's own field names repeat; a caller's arbitrary keys are not kept.
        if keys.len() < 64 {
            keys.push((key.to_string(), value.clone()));
        }
        value
    })
}

const KINDS: [Kind; 8] = [
    Kind::Null,
    Kind::Bool,
    Kind::Number,
    Kind::String,
    Kind::Array,
    Kind::Object,
    Kind::Function,
    Kind::Other,
];

fn kind_at(index: u32) -> Kind {
    KINDS.get(index as usize).copied().unwrap_or(Kind::Other)
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
        kind_at(kind_of(&self.0))
    }

    fn get(&self, key: &str) -> Option<JsJson> {
        Some(member(&self.0, &js_key(key)))
            .filter(|v| !v.is_undefined())
            .map(JsJson)
    }

    fn member_kind(&self, key: &str) -> Option<Kind> {
        u32::try_from(member_kind(&self.0, &js_key(key)))
            .ok()
            .map(kind_at)
    }

    fn records_with_strings(&self, keys: &[&str]) -> Option<bool> {
        Some(records_with_strings(&self.0, &js_key(&keys.join(","))))
    }

    /// Each member read by the JS key `Object.keys` gave, not by one made again from its text
    /// (`js_key`'s search of its cache, and a new string for a key it does not keep).
    fn members(&self) -> Vec<(String, JsJson)> {
        let mut members = Vec::new();
        if !self.0.is_object() {
            return members;
        }
        for key in keys_of(&self.0).iter() {
            let Some(name) = key.as_string() else {
                continue;
            };
            let value = member(&self.0, &key);
            if !value.is_undefined() {
                members.push((name, JsJson(value)));
            }
        }
        members
    }

    /// A `Date` reads as its RFC 3339 text, as the API takes times.
    fn as_str(&self) -> Option<String> {
        self.0.as_string().or_else(|| date_text(&self.0))
    }

    fn as_f64(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn as_bool(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn items(&self) -> Vec<JsJson> {
        items_of(&self.0).iter().map(JsJson).collect()
    }

    /// Asked of a page's items, which JSON.parse made: a real array, never a proxy.
    fn has_no_items(&self) -> bool {
        self.0
            .dyn_ref::<Array>()
            .is_none_or(|items| items.length() == 0)
    }

    fn to_json(&self) -> String {
        json_text(&self.0).as_string().unwrap_or_default()
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
        String::from(head(&self.text, max_chars as u32))
            .chars()
            .take(max_chars)
            .collect()
    }
}

/// A typed value as a plain JS object (`null`, never `undefined` or a `Map`), through
/// serde-wasm-bindgen; every value the binding serialises fits, so a failure gives `{}`.
pub fn to_js_object(value: &impl Serialize) -> Object {
    value
        .serialize(Plain(&serde_wasm_bindgen::Serializer::json_compatible()))
        .ok()
        .and_then(|v| v.dyn_into::<Object>().ok())
        .unwrap_or_default()
}

#[wasm_bindgen]
extern "C" {
    /// An object the binding made, where setting a member cannot throw.
    type OwnObject;
    /// `target[key] = value`: not `Reflect::set`, whose `catch` import has a signature of its
    /// own, one more wrapper for the engine to compile at start-up.
    #[wasm_bindgen(method, structural, indexing_setter)]
    fn set(this: &OwnObject, key: &JsValue, value: &JsValue);
}

/// Sets `key`, one of the binding's own names (kept as a JS string by `js_key`), on a plain
/// object the binding made.
pub fn set(target: &Object, key: &str, value: impl Into<JsValue>) {
    target
        .unchecked_ref::<OwnObject>()
        .set(&js_key(key), &value.into());
}

/// serde-wasm-bindgen's serializer, with the binding's structs, arrays and maps assembled here:
/// its own struct path makes each field name a JS string through a cache of names, a
/// thread-local `HashMap` that cost about 2 KB of wasm for three small objects. Every scalar
/// inside them (strings, numbers, `null`) is still serde-wasm-bindgen's.
#[derive(Clone, Copy)]
struct Plain<'s>(&'s serde_wasm_bindgen::Serializer);

/// What no value of the binding holds (tuples, variants with data).
const NOT_PLAIN: &str = "cannot be a plain JS value";

macro_rules! forward {
    ($($method:ident($($arg:ident: $type:ty),*);)*) => {$(
        fn $method(self, $($arg: $type),*) -> Result<JsValue, serde_wasm_bindgen::Error> {
            self.0.$method($($arg),*)
        }
    )*};
}

impl<'s> Serializer for Plain<'s> {
    type Ok = JsValue;
    type Error = serde_wasm_bindgen::Error;
    type SerializeSeq = PlainArray<'s>;
    type SerializeTuple = Impossible<JsValue, Self::Error>;
    type SerializeTupleStruct = Impossible<JsValue, Self::Error>;
    type SerializeTupleVariant = Impossible<JsValue, Self::Error>;
    type SerializeMap = PlainMap<'s>;
    type SerializeStruct = PlainObject<'s>;
    type SerializeStructVariant = Impossible<JsValue, Self::Error>;

    forward! {
        serialize_bool(v: bool);
        serialize_i8(v: i8);
        serialize_i16(v: i16);
        serialize_i32(v: i32);

        serialize_u8(v: u8);
        serialize_u16(v: u16);
        serialize_u32(v: u32);

        serialize_f32(v: f32);
        serialize_f64(v: f64);
        serialize_char(v: char);
        serialize_str(v: &str);
        serialize_bytes(v: &[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(name: &'static str);
    }

    /// A JS number, as serde-wasm-bindgen writes one in the safe range (an error code, a delay
    /// in ms); beyond 2^53 it would refuse the whole object with a message formatted by
    /// `core::fmt`'s integer code, which this keeps out of the wasm.
    fn serialize_i64(self, v: i64) -> Result<JsValue, Self::Error> {
        self.0.serialize_f64(v as f64)
    }

    fn serialize_u64(self, v: u64) -> Result<JsValue, Self::Error> {
        self.0.serialize_f64(v as f64)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<JsValue, Self::Error> {
        value.serialize(self)
    }

    /// As serde-wasm-bindgen writes it: the variant's name.
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<JsValue, Self::Error> {
        self.0.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<JsValue, Self::Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<JsValue, Self::Error> {
        Err(Self::Error::custom(NOT_PLAIN))
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<PlainArray<'s>, Self::Error> {
        Ok(PlainArray(self, Array::new()))
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Self::Error> {
        Err(Self::Error::custom(NOT_PLAIN))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Self::Error> {
        Err(Self::Error::custom(NOT_PLAIN))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Self::Error> {
        Err(Self::Error::custom(NOT_PLAIN))
    }

    /// A plain object, as serde-wasm-bindgen's `json_compatible` writes a map, but without its
    /// `Map` path (two imports, one of them a signature of its own).
    fn serialize_map(self, _: Option<usize>) -> Result<PlainMap<'s>, Self::Error> {
        Ok(PlainMap(self, Object::new(), JsValue::UNDEFINED))
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<PlainObject<'s>, Self::Error> {
        Ok(PlainObject(self, Object::new()))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Self::Error> {
        Err(Self::Error::custom(NOT_PLAIN))
    }
}

/// An array being filled.
struct PlainArray<'s>(Plain<'s>, Array);

impl ser::SerializeSeq for PlainArray<'_> {
    type Ok = JsValue;
    type Error = serde_wasm_bindgen::Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        self.1.push(&value.serialize(self.0)?);
        Ok(())
    }

    fn end(self) -> Result<JsValue, Self::Error> {
        Ok(self.1.into())
    }
}

/// A struct's object being filled.
struct PlainObject<'s>(Plain<'s>, Object);

impl ser::SerializeStruct for PlainObject<'_> {
    type Ok = JsValue;
    type Error = serde_wasm_bindgen::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        set(&self.1, key, value.serialize(self.0)?);
        Ok(())
    }

    fn end(self) -> Result<JsValue, Self::Error> {
        Ok(self.1.into())
    }
}

/// A map's object being filled (the maps the binding serialises have string keys: headers);
/// the key given last, until its value comes.
struct PlainMap<'s>(Plain<'s>, Object, JsValue);

impl ser::SerializeMap for PlainMap<'_> {
    type Ok = JsValue;
    type Error = serde_wasm_bindgen::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Self::Error> {
        self.2 = key.serialize(self.0)?;
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        let value = value.serialize(self.0)?;
        self.1.unchecked_ref::<OwnObject>().set(&self.2, &value);
        Ok(())
    }

    fn end(self) -> Result<JsValue, Self::Error> {
        Ok(self.1.into())
    }
}
