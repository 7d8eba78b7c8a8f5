//! Request bodies, validated before anything is sent. A body that passes holds only the
//! fields the API defines, with the right types, so it is sent as the caller wrote it.

use crate::error::Error;
use crate::json::Json;
use crate::validate::{join, known_keys, object, required_string, string};

const NOT_A_FIELD: &str = "is not a field the API defines for this body";

/// The five fields of a profile, all required.
pub const PROFILE_FIELDS: [&str; 5] = [
    "business_name",
    "business_email",
    "business_phone",
    "business_address",
    "external_metadata",
];

/// `create(body)` and `update(id, body)`: `{ name, parent?: { id }, profile?: Profile }`.
pub fn organization<V: Json>(body: &V) -> Result<String, Error> {
    object("body", body)?;
    known_keys("", body, &["name", "parent", "profile"], NOT_A_FIELD)?;
    if required_string("", body, "name")?.is_empty() {
        return Err(Error::validation("name", "must not be empty"));
    }
    if let Some(parent) = body.get("parent") {
        object("parent", &parent)?;
        known_keys("parent", &parent, &["id"], NOT_A_FIELD)?;
        if required_string("parent", &parent, "id")?.is_empty() {
            return Err(Error::validation("parent.id", "must not be empty"));
        }
    }
    if let Some(profile) = body.get("profile") {
        check_profile("profile", &profile)?;
    }
    Ok(body.to_json())
}

/// `updateProfile(id, profile)`: a profile with all five fields.
pub fn profile<V: Json>(body: &V) -> Result<String, Error> {
    check_profile("", body)?;
    Ok(body.to_json())
}

fn check_profile<V: Json>(prefix: &str, profile: &V) -> Result<(), Error> {
    object(if prefix.is_empty() { "profile" } else { prefix }, profile)?;
    known_keys(prefix, profile, &PROFILE_FIELDS, NOT_A_FIELD)?;
    for key in PROFILE_FIELDS {
        let field = join(prefix, key);
        match profile.get(key) {
            Some(value) => string(&field, &value).map(drop)?,
            None => return Err(Error::validation(field, "is required")),
        }
    }
    Ok(())
}
