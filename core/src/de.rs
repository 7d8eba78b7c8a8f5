//! A caller's input (a body, a call's parameters) into the core's typed request models,
//! through serde, over the same [`Json`] view the rest of the core reads.
//!
//! It runs inside each method's body, never at the ABI boundary, so a refused input becomes a
//! rejected promise with a `ValidationError` naming the field path (`profile.business_email`)
//! and the reason, and nothing is sent. Its error type builds those reasons from plain
//! strings: serde's default messages format numbers through `core::fmt`, which cost about
//! 18 KB of wasm when measured.

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};

use crate::encode::decimal;
use crate::encode::join;
use crate::error::Error;
use crate::json::must_be;
use crate::json::{Json, Kind};

/// What is being read; it decides how `null` and unknown keys are taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// A request body: `null` is a wrong type, an unknown key a typo.
    Body,
    /// A call's parameters: `null` means "not given", an unknown key is no filter of the list.
    Params,
}

impl Input {
    fn unknown_key(self) -> &'static str {
        match self {
            Input::Body => "is not a field the API defines for this body",
            Input::Params => "is not a filter this list takes",
        }
    }
}

/// Reads `value` as a `T`. `whole` names the value when the error is about all of it
/// (`"body"`, `"params"`, `"profile"`); `prefix` starts the path of a field inside it
/// (`"members"` for `members.2.user.email`; empty for `profile.business_email`).
pub fn from_json<T: DeserializeOwned, V: Json>(
    value: &V,
    input: Input,
    whole: &str,
    prefix: &str,
) -> Result<T, Error> {
    from_tree(&Tree::of(value, 0), input, whole, prefix)
}

/// Reads an input that was not given as an empty object (`{}`): parameters all optional pass,
/// a required one is named. Through the same deserializer as a given value, so that serde's
/// code for each model exists once.
pub fn from_nothing<T: DeserializeOwned>(input: Input, whole: &str) -> Result<T, Error> {
    from_tree(&Tree::Object(Vec::new()), input, whole, "")
}

fn from_tree<T: DeserializeOwned>(
    tree: &Tree,
    input: Input,
    whole: &str,
    prefix: &str,
) -> Result<T, Error> {
    T::deserialize(TreeDeserializer { tree, input })
        .map_err(|error| to_error(error, input, whole, prefix))
}

/// How deep a caller's value is copied: far deeper than any model, and a bound on a cyclic
/// object (what lies below reads as an unsupported value).
const MAX_DEPTH: usize = 16;

/// A caller's value copied out of the runtime once, so that serde's code for every model runs
/// over plain borrowed data (a third of the wasm of reading it through the view, measured).
enum Tree {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Tree>),
    /// Members in order; `undefined` ones are absent.
    Object(Vec<(String, Tree)>),
    /// A function, a symbol, or what lies below [`MAX_DEPTH`].
    Other(Kind),
}

impl Tree {
    fn of<V: Json>(value: &V, depth: usize) -> Tree {
        let kind = value.kind();
        if depth > MAX_DEPTH && matches!(kind, Kind::Array | Kind::Object) {
            return Tree::Other(Kind::Other);
        }
        match kind {
            Kind::Null => Tree::Null,
            Kind::Bool => Tree::Bool(value.as_bool().unwrap_or_default()),
            Kind::Number => Tree::Number(value.as_f64().unwrap_or(f64::NAN)),
            Kind::String => value
                .as_str()
                .map_or(Tree::Other(Kind::Other), Tree::String),
            // Plain loops: the iterator adapters cost more wasm than they save text.
            Kind::Array => {
                let items = value.items();
                let mut trees = Vec::with_capacity(items.len());
                for item in &items {
                    trees.push(Tree::of(item, depth + 1));
                }
                Tree::Array(trees)
            }
            Kind::Object => {
                let mut members = Vec::new();
                for (key, member) in value.members() {
                    members.push((key, Tree::of(&member, depth + 1)));
                }
                Tree::Object(members)
            }
            other => Tree::Other(other),
        }
    }

    fn kind(&self) -> Kind {
        match self {
            Tree::Null => Kind::Null,
            Tree::Bool(_) => Kind::Bool,
            Tree::Number(_) => Kind::Number,
            Tree::String(_) => Kind::String,
            Tree::Array(_) => Kind::Array,
            Tree::Object(_) => Kind::Object,
            Tree::Other(kind) => *kind,
        }
    }
}

/// The `ValidationError` for a refused input (see [`from_json`] for `whole` and `prefix`).
fn to_error(error: DeError, input: Input, whole: &str, prefix: &str) -> Error {
    let error = *error.0;
    let field = if error.path.is_empty() {
        whole.to_string()
    } else {
        error
            .path
            .iter()
            .rev()
            .fold(prefix.to_string(), |field, segment| join(&field, segment))
    };
    let reason = match error.reason {
        Reason::Text(text) => text,
        Reason::UnknownKey => input.unknown_key().to_string(),
    };
    Error::validation(field, reason)
}

/// A refused input: the path to the field, innermost segment first, and why. Boxed, so
/// that every `Result` serde passes around stays one word wide.
#[derive(Debug)]
pub struct DeError(Box<Refusal>);

#[derive(Debug)]
struct Refusal {
    path: Vec<String>,
    reason: Reason,
}

#[derive(Debug)]
enum Reason {
    Text(String),
    /// Its wording depends on the [`Input`], known only at the top.
    UnknownKey,
}

impl DeError {
    fn new(reason: impl Into<String>) -> DeError {
        DeError(Box::new(Refusal {
            path: Vec::new(),
            reason: Reason::Text(reason.into()),
        }))
    }

    fn at(mut self, segment: &str) -> DeError {
        self.0.path.push(segment.to_string());
        self
    }

    /// Inside the member `key` of an object.
    #[inline(never)]
    fn at_key(self, key: &str) -> DeError {
        self.at(&shown_key(key))
    }

    fn wrong_kind(expected: &str, got: Kind) -> DeError {
        DeError::new(must_be(expected, got))
    }
}

impl core::fmt::Display for DeError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match &self.0.reason {
            Reason::Text(text) => f.write_str(text),
            Reason::UnknownKey => f.write_str("unknown key"),
        }
    }
}

impl std::error::Error for DeError {}

/// The text of a visitor's `expecting`, or of a reason a model gives (`Range`).
fn text_of(display: &dyn core::fmt::Display) -> String {
    use core::fmt::Write;
    let mut text = String::new();
    let _ = write!(text, "{display}");
    text
}

/// The kind of what serde saw, as validation messages name it.
fn unexpected_kind(unexpected: de::Unexpected) -> &'static str {
    use de::Unexpected as U;
    match unexpected {
        U::Bool(_) => Kind::Bool.name(),
        U::Unsigned(_) | U::Signed(_) | U::Float(_) => Kind::Number.name(),
        U::Char(_) | U::Str(_) => Kind::String.name(),
        U::Unit | U::Option => Kind::Null.name(),
        U::Seq => Kind::Array.name(),
        U::Map => Kind::Object.name(),
        _ => Kind::Other.name(),
    }
}

impl de::Error for DeError {
    fn custom<T: core::fmt::Display>(reason: T) -> Self {
        DeError::new(text_of(&reason))
    }

    fn invalid_type(unexpected: de::Unexpected, expected: &dyn de::Expected) -> Self {
        let mut reason = String::from("must be ");
        reason.push_str(&text_of(&expected));
        reason.push_str(", not ");
        reason.push_str(unexpected_kind(unexpected));
        DeError::new(reason)
    }

    fn invalid_value(_: de::Unexpected, expected: &dyn de::Expected) -> Self {
        let mut reason = String::from("must be ");
        reason.push_str(&text_of(&expected));
        DeError::new(reason)
    }

    fn invalid_length(_: usize, expected: &dyn de::Expected) -> Self {
        let mut reason = String::from("must hold ");
        reason.push_str(&text_of(&expected));
        DeError::new(reason)
    }

    fn unknown_variant(_: &str, expected: &'static [&'static str]) -> Self {
        let mut reason = String::from("must be one of: ");
        reason.push_str(&expected.join(", "));
        DeError::new(reason)
    }

    fn unknown_field(field: &str, _: &'static [&'static str]) -> Self {
        DeError(Box::new(Refusal {
            path: vec![shown_key(field)],
            reason: Reason::UnknownKey,
        }))
    }

    fn missing_field(field: &'static str) -> Self {
        DeError::new("is required").at(field)
    }

    fn duplicate_field(field: &'static str) -> Self {
        DeError::new("is given twice").at(field)
    }
}

/// An empty key is shown quoted, so that the error still names something.
fn shown_key(key: &str) -> String {
    if key.is_empty() {
        String::from("\"\"")
    } else {
        key.to_string()
    }
}

/// A value of the tree, read by serde.
struct TreeDeserializer<'a> {
    tree: &'a Tree,
    input: Input,
}

impl<'a> TreeDeserializer<'a> {
    fn kind(&self) -> Kind {
        self.tree.kind()
    }

    fn map(&self, members: &'a [(String, Tree)]) -> MapView<'a> {
        MapView {
            members: members.iter(),
            current: None,
            input: self.input,
        }
    }

    /// The members of an object read as a struct with `fields`; the first unknown key is
    /// refused. Not generic, so every model shares it.
    #[inline(never)]
    fn struct_members(&self, fields: &'static [&'static str]) -> Result<MapView<'a>, DeError> {
        let Tree::Object(members) = self.tree else {
            return Err(DeError::wrong_kind("an object", self.kind()));
        };
        if let Some((key, _)) = members
            .iter()
            .find(|(key, _)| !fields.contains(&key.as_str()))
        {
            return Err(de::Error::unknown_field(key, fields));
        }
        Ok(self.map(members))
    }

    fn string(&self, expected: &str) -> Result<&'a str, DeError> {
        match self.tree {
            Tree::String(s) => Ok(s),
            other => Err(DeError::wrong_kind(expected, other.kind())),
        }
    }

    fn number(&self) -> Result<f64, DeError> {
        match self.tree {
            Tree::Number(n) => Ok(*n),
            other => Err(DeError::wrong_kind("a number", other.kind())),
        }
    }
}

macro_rules! numbers {
    ($($method:ident)*) => {$(
        fn $method<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DeError> {
            visitor.visit_f64(self.number()?)
        }
    )*};
}

impl<'de, 'a> de::Deserializer<'de> for TreeDeserializer<'a> {
    type Error = DeError;

    fn deserialize_any<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DeError> {
        match self.tree {
            Tree::Null => visitor.visit_unit(),
            Tree::Bool(b) => visitor.visit_bool(*b),
            Tree::Number(n) => visitor.visit_f64(*n),
            Tree::String(s) => visitor.visit_str(s),
            Tree::Array(items) => visitor.visit_seq(SeqView::new(items, self.input)),
            Tree::Object(members) => visitor.visit_map(self.map(members)),
            Tree::Other(kind) => Err(DeError::wrong_kind(&text_of(&Expecting(&visitor)), *kind)),
        }
    }

    fn deserialize_bool<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DeError> {
        match self.tree {
            Tree::Bool(b) => visitor.visit_bool(*b),
            other => Err(DeError::wrong_kind("a boolean", other.kind())),
        }
    }

    numbers!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_u8
        deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32 deserialize_f64);

    fn deserialize_str<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DeError> {
        visitor.visit_str(self.string("a string")?)
    }

    fn deserialize_string<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_byte_buf<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_option<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DeError> {
        if self.kind() == Kind::Null && self.input == Input::Params {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DeError> {
        match self.kind() {
            Kind::Null => visitor.visit_unit(),
            other => Err(DeError::wrong_kind("null", other)),
        }
    }

    fn deserialize_unit_struct<W: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: W,
    ) -> Result<W::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<W: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: W,
    ) -> Result<W::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DeError> {
        match self.tree {
            Tree::Array(items) => visitor.visit_seq(SeqView::new(items, self.input)),
            other => Err(DeError::wrong_kind("an array", other.kind())),
        }
    }

    fn deserialize_tuple<W: Visitor<'de>>(self, _: usize, visitor: W) -> Result<W::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<W: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: W,
    ) -> Result<W::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DeError> {
        match self.tree {
            Tree::Object(members) => visitor.visit_map(self.map(members)),
            other => Err(DeError::wrong_kind("an object", other.kind())),
        }
    }

    /// Unknown keys are refused here, before any field is read, as the API would refuse them.
    fn deserialize_struct<W: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        visitor: W,
    ) -> Result<W::Value, DeError> {
        visitor.visit_map(self.struct_members(fields)?)
    }

    fn deserialize_enum<W: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: W,
    ) -> Result<W::Value, DeError> {
        visitor.visit_enum(UnitVariant(self.string("a string")?.to_string()))
    }

    fn deserialize_ignored_any<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DeError> {
        visitor.visit_unit()
    }
}

/// Shows a visitor's `expecting` text.
struct Expecting<'a, W>(&'a W);

impl<'de, W: Visitor<'de>> core::fmt::Display for Expecting<'_, W> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.0.expecting(f)
    }
}

/// The members of an object.
struct MapView<'a> {
    members: std::slice::Iter<'a, (String, Tree)>,
    current: Option<&'a (String, Tree)>,
    input: Input,
}

impl<'de, 'a> MapAccess<'de> for MapView<'a> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some(member) = self.members.next() else {
            return Ok(None);
        };
        self.current = Some(member);
        seed.deserialize(member.0.as_str().into_deserializer())
            .map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, DeError> {
        let (key, value) = self.value()?;
        seed.deserialize(value).map_err(|e| e.at_key(key))
    }
}

impl<'a> MapView<'a> {
    /// The current member's key and value. Not generic, so every value type shares it.
    #[inline(never)]
    fn value(&mut self) -> Result<(&'a str, TreeDeserializer<'a>), DeError> {
        let (key, tree) = self
            .current
            .take()
            .ok_or_else(|| DeError::new("has no value"))?;
        Ok((
            key,
            TreeDeserializer {
                tree,
                input: self.input,
            },
        ))
    }
}

/// The items of an array; an error names the index (`id.2`).
struct SeqView<'a> {
    items: std::slice::Iter<'a, Tree>,
    index: u64,
    input: Input,
}

impl<'a> SeqView<'a> {
    fn new(items: &'a [Tree], input: Input) -> SeqView<'a> {
        SeqView {
            items: items.iter(),
            index: 0,
            input,
        }
    }
}

impl<'de, 'a> SeqAccess<'de> for SeqView<'a> {
    type Error = DeError;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, DeError> {
        let Some(tree) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        seed.deserialize(TreeDeserializer {
            tree,
            input: self.input,
        })
        .map(Some)
        .map_err(|e| e.at(&decimal(index)))
    }
}

/// A string naming a unit variant (`"asc"`); anything else is refused by the enum itself.
struct UnitVariant(String);

impl<'de> EnumAccess<'de> for UnitVariant {
    type Error = DeError;
    type Variant = UnitVariant;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), DeError> {
        let variant = seed.deserialize(self.0.as_str().into_deserializer())?;
        Ok((variant, self))
    }
}

impl<'de> VariantAccess<'de> for UnitVariant {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, _: S) -> Result<S::Value, DeError> {
        Err(DeError::new("must be a plain string"))
    }

    fn tuple_variant<W: Visitor<'de>>(self, _: usize, _: W) -> Result<W::Value, DeError> {
        Err(DeError::new("must be a plain string"))
    }

    fn struct_variant<W: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        _: W,
    ) -> Result<W::Value, DeError> {
        Err(DeError::new("must be a plain string"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::Error as _;
    use serde_json::{json, Value};

    /// `levels` values nested in one another by `wrap`, the innermost one empty.
    fn nested(levels: usize, innermost: Value, wrap: fn(Value) -> Value) -> Value {
        (1..levels).fold(innermost, |inner, _| wrap(inner))
    }

    fn arrays(levels: usize) -> Value {
        nested(levels, json!([]), |inner| json!([inner]))
    }

    fn objects(levels: usize) -> Value {
        nested(levels, json!({}), |inner| json!({ "a": inner }))
    }

    fn read(value: &Value) -> Result<Value, Error> {
        from_json::<Value, Value>(value, Input::Body, "body", "")
    }

    /// The path of the array or object at `depth` (`0.0.0`, `a.a.a`), below the top one.
    fn path(segment: &str, depth: usize) -> String {
        vec![segment; depth].join(".")
    }

    #[test]
    fn arrays_and_objects_are_read_down_to_the_depth_bound() {
        for value in [arrays(MAX_DEPTH + 1), objects(MAX_DEPTH + 1)] {
            assert_eq!(read(&value), Ok(value));
        }
    }

    #[test]
    fn what_lies_below_the_depth_bound_is_an_unsupported_value() {
        let reason = "must be any valid JSON value, not an unsupported value";
        assert_eq!(
            read(&arrays(MAX_DEPTH + 2)),
            Err(Error::validation(path("0", MAX_DEPTH + 1), reason))
        );
        assert_eq!(
            read(&objects(MAX_DEPTH + 2)),
            Err(Error::validation(path("a", MAX_DEPTH + 1), reason))
        );
    }

    #[test]
    fn a_refusal_shows_its_reason() {
        assert_eq!(DeError::custom("is required").to_string(), "is required");
        assert_eq!(DeError::unknown_field("x", &[]).to_string(), "unknown key");
    }
}
