//! Request bodies, read into the core's models before anything is sent. A body that passes
//! holds only the fields the API defines, with the right types, so it is sent as the caller
//! wrote it (serialised once by the runtime), wrapped where the API wants a wrapper.

use crate::de::{from_json, Input};
use crate::error::Error;
use crate::json::Json;
use crate::models::{NewMember, NewMembers, OrganizationBody, Profile};
use crate::rules::Checked;

/// `create(body)` and `update(id, body)`: `{ name, parent?: { id }, profile?: Profile }`.
pub fn organization<V: Json>(body: &V) -> Result<String, Error> {
    from_json::<OrganizationBody, V>(body, Input::Body, "body", "")?.check()?;
    Ok(body.to_json())
}

/// `updateProfile(id, profile)`: a profile with all five fields.
pub fn profile<V: Json>(body: &V) -> Result<String, Error> {
    from_json::<Profile, V>(body, Input::Body, "profile", "")?.check()?;
    Ok(body.to_json())
}

/// `members.create(id, member)`: `{ user: { email }, status? }`, sent as `{ member: ... }`.
pub fn member<V: Json>(body: &V) -> Result<String, Error> {
    from_json::<NewMember, V>(body, Input::Body, "member", "")?.check()?;
    Ok(wrapped("member", body))
}

/// `members.batchCreate(id, members)`: one to ten members, sent as `{ members: [...] }`.
pub fn members<V: Json>(body: &V) -> Result<String, Error> {
    from_json::<NewMembers, V>(body, Input::Body, "members", "members")?.check()?;
    Ok(wrapped("members", body))
}

/// `{"key":<value>}`.
fn wrapped<V: Json>(key: &str, value: &V) -> String {
    let inner = value.to_json();
    let mut body = String::with_capacity(inner.len() + key.len() + 5);
    body.push_str("{\"");
    body.push_str(key);
    body.push_str("\":");
    body.push_str(&inner);
    body.push('}');
    body
}
