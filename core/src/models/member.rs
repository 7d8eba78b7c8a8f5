//! An organization's members (`/organizations/{id}/members`): the list and its filters,
//! one member, and the bodies of an invitation, alone or in a batch.

use crate::fields::{ReadFields, Variants};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::shapes::{Int, NameMatch, OneOrMany};

/// A person's membership of an organization.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Member {
    pub id: String,
    #[cfg_attr(feature = "schema", schemars(extend("enum" = ["active", "pending", "rejected", "canceled"], "x-open" = true)))]
    pub status: String,
    pub user: MemberUser,
    pub meta: std::collections::BTreeMap<String, Value>,
    /// RFC 3339.
    pub create_time: String,
    /// RFC 3339.
    pub update_time: String,
}

/// The user behind a membership.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MemberUser {
    pub id: String,
    pub email: String,
    pub name: String,
    pub two_factor_authentication_enabled: bool,
}

/// The statuses a membership can have.
pub const MEMBER_STATUSES: &[&str] = &["active", "pending", "rejected", "canceled"];

/// The filters of `members.list`.
#[derive(Clone, Debug, Default, PartialEq, ReadFields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MemberListParams {
    /// One status or several of [`MEMBER_STATUSES`], sent as a repeated `status=`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("x-values" = ["active", "pending", "rejected", "canceled"])))]
    pub status: Option<OneOrMany<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<MemberUserFilter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<Int<0, 1000>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_token: Option<String>,
}

/// `user: { email }`: the exact address, or `{ startsWith, endsWith, contains }`.
#[derive(Clone, Debug, Default, PartialEq, ReadFields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MemberUserFilter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<NameMatch>,
}

/// `members.create(id, member)`: sent as `{ member: ... }`.
#[derive(Clone, Debug, PartialEq, ReadFields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewMember {
    pub user: NewMemberUser,
    /// `active` adds the user at once; `canceled` records a withdrawn invitation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<NewMemberStatus>,
}

/// The person invited.
#[derive(Clone, Debug, Default, PartialEq, ReadFields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewMemberUser {
    pub email: String,
}

/// The statuses an invitation may be created with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Variants)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NewMemberStatus {
    Active,
    Canceled,
}

/// The most members one `batchCreate` takes (the spec's `maxItems`).
pub const MAX_BATCH: usize = 10;

/// `members.batchCreate(id, members)`: sent as `{ members: [...] }`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct NewMembers(pub Vec<NewMember>);
