//! The one loop that reads a request model's fields, for every struct that derives
//! `ReadFields` (`core/derive`): keys are looked up in the struct's field list, each value is
//! read into its slot by a small per-model function, and what is missing is checked once at
//! the end. It behaves as serde's derived `Deserialize` does (the same errors: an unknown,
//! duplicate or missing field) at a fraction of the wasm: the per-field checks and early
//! returns of serde's visitor are here once instead of in every model.

use core::marker::PhantomData;

use serde::de::{
    DeserializeSeed, Deserializer, EnumAccess, Error, IgnoredAny, MapAccess, VariantAccess, Visitor,
};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

pub use cloudflare_organizations_derive::{ReadFields, Variants};

/// A struct read by [`read`]; implemented by `#[derive(ReadFields)]` from the struct itself.
pub trait ReadFields: Sized {
    const NAME: &'static str;
    /// The keys of its fields, in declaration order (serde's names: `rename` applied).
    const FIELDS: &'static [&'static str];
    /// Bit `i` set: field `i` must be given.
    const REQUIRED: u64;
    const DENY_UNKNOWN: bool;
    /// Every field at its default: serde's, or its type's for a required field (a placeholder
    /// no caller sees: a missing required field is an error).
    fn empty() -> Self;
    /// Reads the value of field `index` in place (any other index: a key that is ignored).
    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error>;
}

/// `T::deserialize`, for a struct that derives `ReadFields`.
#[inline(never)]
pub fn read<'de, T: ReadFields, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_struct(T::NAME, T::FIELDS, StructVisitor(PhantomData))
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: ReadFields> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        f.write_str("struct ")?;
        f.write_str(T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::empty();
        // One way out on an error, so that what was read is dropped in one place.
        let shape = Shape {
            fields: T::FIELDS,
            required: T::REQUIRED,
            deny_unknown: T::DENY_UNKNOWN,
        };
        match read_members(shape, &mut map, &mut |index, map| {
            value.read_field(index, map)
        }) {
            Ok(()) => Ok(value),
            Err(error) => Err(error),
        }
    }
}

/// What [`read_members`] needs to know of a struct.
#[derive(Clone, Copy)]
struct Shape {
    fields: &'static [&'static str],
    required: u64,
    deny_unknown: bool,
}

/// A model's [`ReadFields::read_field`], for the one loop.
type FieldReader<'r, 'de, A> =
    dyn FnMut(usize, &mut A) -> Result<(), <A as MapAccess<'de>>::Error> + 'r;

/// Reads every member with `read_field`, then checks that the required fields were given.
/// Generic over the map only: every model shares it.
fn read_members<'de, A: MapAccess<'de>>(
    shape: Shape,
    map: &mut A,
    read_field: &mut FieldReader<'_, 'de, A>,
) -> Result<(), A::Error> {
    let mut seen = 0u64;
    while let Some(index) = map.next_key_seed(shape)? {
        if let Some(field) = shape.fields.get(index) {
            if seen & (1 << index) != 0 {
                return Err(A::Error::duplicate_field(field));
            }
            seen |= 1 << index;
        }
        read_field(index, map)?;
    }
    match shape.required & !seen {
        0 => Ok(()),
        missing => Err(A::Error::missing_field(first(shape.fields, missing))),
    }
}

/// Reads a member's value into its field. Not inlined: one copy per type of field, shared
/// by every field of that type in every model, instead of one per field.
#[inline(never)]
pub fn read_into<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    field: &mut T,
    map: &mut A,
) -> Result<(), A::Error> {
    *field = map.next_value()?;
    Ok(())
}

/// Skips the value of a key the struct does not define (it does not deny unknown keys).
pub fn ignore<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

/// The first field whose bit is set in `mask` (declaration order, as serde reports them).
fn first(fields: &'static [&'static str], mask: u64) -> &'static str {
    fields
        .get(mask.trailing_zeros() as usize)
        .copied()
        .unwrap_or_default()
}

/// A key read as the index of its field; an unknown one is refused (`deny_unknown_fields`) or
/// read as an index past the fields, whose value is ignored.
impl<'de> DeserializeSeed<'de> for Shape {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Shape {
    type Value = usize;

    fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: Error>(self, key: &str) -> Result<usize, E> {
        match self.fields.iter().position(|field| *field == key) {
            Some(index) => Ok(index),
            None if self.deny_unknown => Err(E::unknown_field(key, self.fields)),
            None => Ok(usize::MAX),
        }
    }
}

/// The write side: a struct's fields handed one by one to serde's `SerializeStruct`, skipped as
/// `skip_serializing_if` says; what serde's derived `Serialize` does, with one error check.
pub trait WriteFields {
    /// How many fields are written (serde_json needs the exact count).
    fn written(&self) -> usize;
    /// Writes each field with [`write_field`]; the first refusal is kept in `refused`.
    fn write_fields<S: SerializeStruct>(&self, state: &mut S, refused: &mut Option<S::Error>);
}

/// `T::serialize`, for a struct that derives `ReadFields`.
pub fn write<T: ReadFields + WriteFields, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut state = serializer.serialize_struct(T::NAME, value.written())?;
    let mut refused = None;
    value.write_fields(&mut state, &mut refused);
    match refused {
        Some(error) => Err(error),
        None => state.end(),
    }
}

/// Writes one field, unless an earlier one was refused. Not inlined: one copy per type of
/// field, shared by every model.
#[inline(never)]
pub fn write_field<S: SerializeStruct, T: Serialize>(
    state: &mut S,
    refused: &mut Option<S::Error>,
    key: &'static str,
    value: &T,
) {
    if refused.is_none() {
        if let Err(error) = state.serialize_field(key, value) {
            *refused = Some(error);
        }
    }
}

/// A fieldless enum read and written as its variants' names; implemented by
/// `#[derive(Variants)]` from the enum and its `rename_all`.
pub trait Variants: Sized + Copy + 'static {
    const NAME: &'static str;
    const NAMES: &'static [&'static str];
    /// The variants, in the order of [`Variants::NAMES`].
    const ALL: &'static [Self];
}

/// `T::deserialize` for a fieldless enum: what serde's derive does (`deserialize_enum`, then a
/// unit variant), with one visitor for every such enum.
pub fn read_variant<'de, T: Variants, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let index = deserializer.deserialize_enum(T::NAME, T::NAMES, VariantNames(T::NAMES))?;
    T::ALL
        .get(index)
        .copied()
        .ok_or_else(|| D::Error::unknown_variant("", T::NAMES))
}

/// Reads a unit variant's name as its index in the names.
#[derive(Clone, Copy)]
struct VariantNames(&'static [&'static str]);

impl<'de> Visitor<'de> for VariantNames {
    type Value = usize;

    fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        f.write_str("a variant name")
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<usize, A::Error> {
        let (index, variant) = data.variant_seed(self)?;
        variant.unit_variant()?;
        Ok(index)
    }

    fn visit_str<E: Error>(self, name: &str) -> Result<usize, E> {
        self.0
            .iter()
            .position(|known| *known == name)
            .ok_or_else(|| E::unknown_variant(name, self.0))
    }
}

impl<'de> DeserializeSeed<'de> for VariantNames {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}
