//! The small shapes the request models share: a name match, one value or many, a filter that
//! may be negated, a bounded integer, a date, a sort direction. Each reads a caller's value
//! through serde and writes it back as the API's query parameters (see `crate::query`).

use crate::fields::{ReadFields, Variants};
use serde::de::{self, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::encode::decimal;
use crate::time::{days_from_civil, Instant};

/// `name: "Acme"` is the exact, case-sensitive match; `{ startsWith, endsWith, contains }`
/// sends `name.startsWith=` and its siblings.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum NameMatch {
    Exact(String),
    Parts(NameParts),
}

/// The partial matches of a name filter.
#[derive(Clone, Debug, Default, PartialEq, ReadFields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NameParts {
    #[serde(
        rename = "startsWith",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub starts_with: Option<String>,
    #[serde(rename = "endsWith", default, skip_serializing_if = "Option::is_none")]
    pub ends_with: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contains: Option<String>,
}

impl<'de> Deserialize<'de> for NameMatch {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl<'de> Visitor<'de> for NameVisitor {
            type Value = NameMatch;
            fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
                f.write_str("a string or an object { startsWith?, endsWith?, contains? }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<NameMatch, E> {
                Ok(NameMatch::Exact(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<NameMatch, A::Error> {
                NameParts::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(NameMatch::Parts)
            }
        }
        deserializer.deserialize_any(NameVisitor)
    }
}

/// One value or an array of them: `id: "a"` or `id: ["a", "b"]`, sent as a repeated key.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// The values, one or many.
    pub fn values(&self) -> &[T] {
        match self {
            OneOrMany::One(value) => core::slice::from_ref(value),
            OneOrMany::Many(values) => values,
        }
    }
}

/// A value a filter takes: a string (or one of an enum's strings), or a number.
pub trait Scalar {
    const NUMERIC: bool = false;
}

impl Scalar for String {}

impl<const MIN: u64, const MAX: u64> Scalar for Int<MIN, MAX> {
    const NUMERIC: bool = true;
}

/// Reads one value, or an array of them, of a type that reads from a string or a number.
struct OneOrManyVisitor<T>(core::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de> + Scalar> Visitor<'de> for OneOrManyVisitor<T> {
    type Value = OneOrMany<T>;
    fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        f.write_str(if T::NUMERIC {
            "a number or an array of numbers"
        } else {
            "a string or an array of strings"
        })
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if T::NUMERIC {
            return Err(E::invalid_type(de::Unexpected::Str(v), &self));
        }
        T::deserialize(v.into_deserializer()).map(OneOrMany::One)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if !T::NUMERIC {
            return Err(E::invalid_type(de::Unexpected::Float(v), &self));
        }
        T::deserialize(v.into_deserializer()).map(OneOrMany::One)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut values = Vec::new();
        while let Some(value) = seq.next_element()? {
            values.push(value);
        }
        Ok(OneOrMany::Many(values))
    }
}

impl<'de, T: Deserialize<'de> + Scalar> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OneOrManyVisitor(core::marker::PhantomData))
    }
}

/// An audit log filter: `value | value[]` keeps entries that match any of them,
/// `{ not: value | value[] }` keeps those that match none (sent as `key.not=`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum Filter<T> {
    Is(OneOrMany<T>),
    Not(Negated<T>),
}

/// The `{ not: ... }` form of a [`Filter`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    deny_unknown_fields,
    bound(deserialize = "T: Deserialize<'de> + Scalar")
)]
pub struct Negated<T> {
    pub not: OneOrMany<T>,
}

impl<'de, T: Deserialize<'de> + Scalar> Deserialize<'de> for Filter<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FilterVisitor<T>(core::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de> + Scalar> Visitor<'de> for FilterVisitor<T> {
            type Value = Filter<T>;
            fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
                f.write_str("a value, an array of values or { not: value | value[] }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                OneOrManyVisitor(core::marker::PhantomData)
                    .visit_str(v)
                    .map(Filter::Is)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                OneOrManyVisitor(core::marker::PhantomData)
                    .visit_f64(v)
                    .map(Filter::Is)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                OneOrManyVisitor(core::marker::PhantomData)
                    .visit_seq(seq)
                    .map(Filter::Is)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Negated::deserialize(de::value::MapAccessDeserializer::new(map)).map(Filter::Not)
            }
        }
        deserializer.deserialize_any(FilterVisitor(core::marker::PhantomData))
    }
}

/// A whole number in `MIN..=MAX` (`page_size`, `limit`, `per_page`, `page`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Int<const MIN: u64, const MAX: u64>(pub u64);

/// "must be an integer from 0 to 1000", built without `core::fmt`'s number formatting.
struct Range(u64, u64);

impl core::fmt::Display for Range {
    fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        f.write_str("must be an integer from ")?;
        f.write_str(&decimal(self.0))?;
        f.write_str(" to ")?;
        f.write_str(&decimal(self.1))
    }
}

impl<'de, const MIN: u64, const MAX: u64> Deserialize<'de> for Int<MIN, MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_f64(IntVisitor { min: MIN, max: MAX })
            .map(Int)
    }
}

/// Reads a whole number in `min..=max`; its bounds are values, not types, so that every
/// [`Int`] shares it.
struct IntVisitor {
    min: u64,
    max: u64,
}

impl Visitor<'_> for IntVisitor {
    type Value = u64;
    fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        f.write_str("a number")
    }
    fn visit_f64<E: de::Error>(self, n: f64) -> Result<u64, E> {
        if n.is_finite() && n.fract() == 0.0 && n >= self.min as f64 && n <= self.max as f64 {
            Ok(n as u64)
        } else {
            Err(E::custom(Range(self.min, self.max)))
        }
    }
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<u64, E> {
        self.visit_f64(n as f64)
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<u64, E> {
        self.visit_f64(n as f64)
    }
}

#[cfg(feature = "schema")]
impl<const MIN: u64, const MAX: u64> schemars::JsonSchema for Int<MIN, MAX> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "integer".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "integer", "minimum": MIN, "maximum": MAX })
    }
}

/// `asc` or `desc`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Variants)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Asc,
    Desc,
}

/// A point in time given as `YYYY-MM-DD` or an RFC 3339 time (a JS `Date` arrives as its
/// `toISOString()`); sent as given.
#[derive(Clone, Debug, PartialEq)]
pub struct Moment {
    pub text: String,
    pub instant: Instant,
}

/// The placeholder of a required field before it is read (`crate::fields`): never seen.
impl Default for Moment {
    fn default() -> Moment {
        Moment {
            text: String::new(),
            instant: Instant { seconds: 0 },
        }
    }
}

/// A calendar day, `YYYY-MM-DD`; an RFC 3339 time (a JS `Date`) stands for its UTC day.
#[derive(Clone, Debug, PartialEq)]
pub struct Day {
    /// Days since 1970-01-01.
    pub days: i64,
    /// `YYYY-MM-DD`, as sent.
    pub text: String,
}

const DATE_REASON: &str = "must be a date (YYYY-MM-DD), an RFC 3339 time or a Date";

/// Reads a string and turns it into `T`, or refuses it with `reason`.
fn parsed<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    parse: fn(&str) -> Option<T>,
) -> Result<T, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse(&text).ok_or_else(|| de::Error::custom(DATE_REASON))
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        parsed(deserializer, |text| {
            Instant::parse(text).map(|instant| Moment {
                text: text.to_string(),
                instant,
            })
        })
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        parsed(deserializer, |text| {
            let instant = Instant::parse(text)?;
            let days = instant.seconds.div_euclid(86_400);
            Some(Day {
                days,
                text: crate::time::civil_date(days),
            })
        })
    }
}

impl Serialize for Moment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

#[cfg(feature = "schema")]
macro_rules! string_schema {
    ($type:ty, $format:literal) => {
        impl schemars::JsonSchema for $type {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($type).into()
            }
            fn inline_schema() -> bool {
                true
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "format": $format, "x-accepts-date": true })
            }
        }
    };
}
#[cfg(feature = "schema")]
string_schema!(Moment, "date-time");
#[cfg(feature = "schema")]
string_schema!(Day, "date");

impl Day {
    /// The day `days` after 1970-01-01 (for tests and defaults).
    pub fn from_days(days: i64) -> Day {
        Day {
            days,
            text: crate::time::civil_date(days),
        }
    }

    /// The day of a civil date, if it exists.
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<Day> {
        days_from_civil(year, month, day).map(Day::from_days)
    }
}

/// In the schema only: a field that is always present and may be `null` (serde reads any
/// `Option` leniently; schemars would make it optional, or drop the `null` when required).
#[cfg(feature = "schema")]
pub struct Nullable<T>(core::marker::PhantomData<T>);

#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for Nullable<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        let mut name = String::from("Nullable_");
        name.push_str(&T::schema_name());
        name.into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let inner = generator.subschema_for::<T>();
        schemars::json_schema!({ "anyOf": [inner, { "type": "null" }] })
    }
}
