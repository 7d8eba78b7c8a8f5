//! Typed parameters written as the API's query string, by serde: nested objects become the
//! API's dotted names (`name.startsWith`, `user.email.contains`, `actor_email.not`), arrays a
//! repeated key (`id=a&id=b`), `null` the text `null` (`parent.id=null`), absent values
//! nothing. Values are percent-encoded; numbers are written without `core::fmt`.

use serde::ser::{self, Impossible, Serialize};

use crate::encode::{decimal, percent_encode};
use crate::error::Error;

/// `params` as `a=1&b.c=2`, without a leading `?`.
pub fn to_query<T: Serialize>(params: &T) -> Result<String, Error> {
    let mut out = String::new();
    params
        .serialize(Field {
            out: &mut out,
            name: String::new(),
        })
        .map_err(|e| Error::validation("params", e.0))?;
    Ok(out)
}

/// Appends `name=value` (the value percent-encoded) to a query string.
pub fn push_pair(query: &mut String, name: &str, value: &str) {
    if !query.is_empty() {
        query.push('&');
    }
    query.push_str(name);
    query.push('=');
    query.push_str(&percent_encode(value));
}

/// A shape the query string cannot hold (a map with computed keys, a tuple): a model bug.
#[derive(Debug)]
pub struct QueryError(&'static str);

impl core::fmt::Display for QueryError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for QueryError {}

impl ser::Error for QueryError {
    fn custom<T: core::fmt::Display>(_: T) -> Self {
        QueryError("cannot be written as a query parameter")
    }
}

const UNSUPPORTED: QueryError = QueryError("cannot be written as a query parameter");

/// The value of the parameter `name` (empty at the top, where only a struct is allowed).
struct Field<'a> {
    out: &'a mut String,
    name: String,
}

impl Field<'_> {
    fn push(self, value: &str) -> Result<(), QueryError> {
        if self.name.is_empty() {
            return Err(UNSUPPORTED);
        }
        push_pair(self.out, &self.name, value);
        Ok(())
    }
}

impl<'a> ser::Serializer for Field<'a> {
    type Ok = ();
    type Error = QueryError;
    type SerializeSeq = Repeated<'a>;
    type SerializeTuple = Impossible<(), QueryError>;
    type SerializeTupleStruct = Impossible<(), QueryError>;
    type SerializeTupleVariant = Impossible<(), QueryError>;
    type SerializeMap = Impossible<(), QueryError>;
    type SerializeStruct = Dotted<'a>;
    type SerializeStructVariant = Impossible<(), QueryError>;

    fn serialize_bool(self, v: bool) -> Result<(), QueryError> {
        self.push(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result<(), QueryError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), QueryError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), QueryError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), QueryError> {
        let mut text = String::new();
        if v < 0 {
            text.push('-');
        }
        text.push_str(&decimal(v.unsigned_abs()));
        self.push(&text)
    }
    fn serialize_u8(self, v: u8) -> Result<(), QueryError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), QueryError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), QueryError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), QueryError> {
        self.push(&decimal(v))
    }
    fn serialize_f32(self, _: f32) -> Result<(), QueryError> {
        Err(UNSUPPORTED)
    }
    fn serialize_f64(self, _: f64) -> Result<(), QueryError> {
        Err(UNSUPPORTED)
    }
    fn serialize_char(self, v: char) -> Result<(), QueryError> {
        self.push(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), QueryError> {
        self.push(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), QueryError> {
        Err(UNSUPPORTED)
    }
    /// An absent value sends nothing.
    fn serialize_none(self) -> Result<(), QueryError> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), QueryError> {
        value.serialize(self)
    }
    /// `null` is sent as the text `null` (`parent.id=null`: root organizations).
    fn serialize_unit(self) -> Result<(), QueryError> {
        self.push("null")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), QueryError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), QueryError> {
        self.push(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), QueryError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), QueryError> {
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Repeated<'a>, QueryError> {
        Ok(Repeated {
            out: self.out,
            name: self.name,
        })
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, QueryError> {
        Err(UNSUPPORTED)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, QueryError> {
        Err(UNSUPPORTED)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, QueryError> {
        Err(UNSUPPORTED)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, QueryError> {
        Err(UNSUPPORTED)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Dotted<'a>, QueryError> {
        Ok(Dotted {
            out: self.out,
            prefix: self.name,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, QueryError> {
        Err(UNSUPPORTED)
    }
}

/// An array: each item under the same name.
pub struct Repeated<'a> {
    out: &'a mut String,
    name: String,
}

impl Repeated<'_> {
    /// Where the next item goes. Not generic, so every item type shares it.
    #[inline(never)]
    fn item(&mut self) -> Field<'_> {
        Field {
            out: self.out,
            name: self.name.clone(),
        }
    }
}

impl ser::SerializeSeq for Repeated<'_> {
    type Ok = ();
    type Error = QueryError;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), QueryError> {
        value.serialize(self.item())
    }
    fn end(self) -> Result<(), QueryError> {
        Ok(())
    }
}

/// An object: each member under `prefix.key` (or `key` at the top).
pub struct Dotted<'a> {
    out: &'a mut String,
    prefix: String,
}

impl Dotted<'_> {
    /// Where the member `key` goes. Not generic, so every member type shares it.
    #[inline(never)]
    fn member(&mut self, key: &str) -> Field<'_> {
        Field {
            out: self.out,
            name: crate::encode::join(&self.prefix, key),
        }
    }
}

impl ser::SerializeStruct for Dotted<'_> {
    type Ok = ();
    type Error = QueryError;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), QueryError> {
        value.serialize(self.member(key))
    }
    fn end(self) -> Result<(), QueryError> {
        Ok(())
    }
}
