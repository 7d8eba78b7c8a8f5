//! An organization's members (`/organizations/{id}/members`): the list and its filters,
//! one member, and the bodies of an invitation, alone or in a batch.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::shapes::{Int, NameMatch, OneOrMany};
use crate::error::Error;

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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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

impl MemberListParams {
    pub fn check(&self) -> Result<(), Error> {
        match &self.status {
            Some(status) => status.check_values("status", MEMBER_STATUSES),
            None => Ok(()),
        }
    }
}

/// `user: { email }`: the exact address, or `{ startsWith, endsWith, contains }`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MemberUserFilter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<NameMatch>,
}

/// `members.create(id, member)`: sent as `{ member: ... }`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewMember {
    pub user: NewMemberUser,
    /// `active` adds the user at once; `canceled` records a withdrawn invitation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<NewMemberStatus>,
}

/// The person invited.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewMemberUser {
    pub email: String,
}

/// The statuses an invitation may be created with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NewMemberStatus {
    Active,
    Canceled,
}

impl NewMember {
    /// An address must not be empty.
    pub fn check(&self) -> Result<(), Error> {
        if self.user.email.is_empty() {
            return Err(Error::validation("user.email", "must not be empty"));
        }
        Ok(())
    }
}

/// The most members one `batchCreate` takes (the spec's `maxItems`).
pub const MAX_BATCH: usize = 10;

/// `members.batchCreate(id, members)`: sent as `{ members: [...] }`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct NewMembers(pub Vec<NewMember>);

impl NewMembers {
    /// One to ten members, each valid (the error names its index: `members.2.user.email`).
    pub fn check(&self) -> Result<(), Error> {
        if self.0.is_empty() {
            return Err(Error::validation("members", "must not be empty"));
        }
        if self.0.len() > MAX_BATCH {
            return Err(Error::validation("members", "must hold at most 10 members"));
        }
        for (i, member) in self.0.iter().enumerate() {
            let index = crate::encode::decimal(i as u64);
            member
                .check()
                .map_err(|e| e.within(&crate::validate::join("members", &index)))?;
        }
        Ok(())
    }
}
