//! Shape checks shared by the options, query and body validators. Each names the field path
//! of what it refuses, so a `ValidationError` says exactly what to fix.

use crate::encode::join;
use crate::error::Error;
use crate::json::must_be;
use crate::json::{Json, Kind};

/// Refuses anything but an object.
pub fn object<V: Json>(field: &str, value: &V) -> Result<(), Error> {
    match value.kind() {
        Kind::Object => Ok(()),
        other => Err(Error::validation(field, must_be("an object", other))),
    }
}

/// Refuses keys outside `allowed` (a typo such as `bussiness_name`), naming the first one.
pub fn known_keys<V: Json>(
    prefix: &str,
    value: &V,
    allowed: &[&str],
    unknown_reason: &str,
) -> Result<(), Error> {
    for (key, _) in value.members() {
        if !allowed.contains(&key.as_str()) {
            // An empty key is shown quoted, so that the error still names something.
            let shown = if key.is_empty() { "\"\"" } else { key.as_str() };
            return Err(Error::validation(join(prefix, shown), unknown_reason));
        }
    }
    Ok(())
}

/// The string at `value`, or an error naming `field`.
pub fn string<V: Json>(field: &str, value: &V) -> Result<String, Error> {
    value
        .as_str()
        .ok_or_else(|| Error::validation(field, must_be("a string", value.kind())))
}

/// The member `key` of `parent`; `null` counts as absent when `null_is_absent`.
pub fn member<V: Json>(parent: &V, key: &str, null_is_absent: bool) -> Option<V> {
    parent
        .get(key)
        .filter(|v| !(null_is_absent && v.is(Kind::Null)))
}

/// A whole number in `min..=max`.
pub fn integer<V: Json>(field: &str, value: &V, min: u64, max: u64) -> Result<u64, Error> {
    let range = || {
        let mut reason = String::from("must be an integer from ");
        reason.push_str(&crate::encode::decimal(min));
        reason.push_str(" to ");
        reason.push_str(&crate::encode::decimal(max));
        reason
    };
    let n = value
        .as_f64()
        .ok_or_else(|| Error::validation(field, must_be("a number", value.kind())))?;
    if n.is_finite() && n.fract() == 0.0 && n >= min as f64 && n <= max as f64 {
        Ok(n as u64)
    } else {
        Err(Error::validation(field, range()))
    }
}
