//! Organizations, their meta and flags, their profile, and the bodies and filters of the
//! calls on them (`GET/POST /organizations`, `GET/PUT/DELETE /organizations/{id}`,
//! `GET/PUT /organizations/{id}/profile`).

use crate::fields::ReadFields;
use serde::{Deserialize, Serialize, Serializer};

use super::shapes::{Int, NameMatch, OneOrMany};

/// An organization: a node of Cloudflare's account hierarchy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Organization {
    /// 32 lower-case hex characters.
    pub id: String,
    pub name: String,
    /// When it was created (RFC 3339).
    pub create_time: String,
    pub meta: OrganizationMeta,
    /// The organization above this one; absent for a root organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<ParentOrganization>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
}

/// What the API says about an organization beyond its name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrganizationMeta {
    /// The features enabled for the organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_flags: Option<OrganizationFlags>,
    /// The 2025 name of `tenant_flags`: either may come, read whichever is there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<OrganizationFlags>,
    /// Organization tags from the root down to (and including) this organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hierarchy_tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managed_by: Option<String>,
}

/// Features enabled for an organization, each a setting such as `"enabled"`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrganizationFlags {
    pub account_creation: String,
    pub account_deletion: String,
    pub account_migration: String,
    pub account_mobility: String,
    pub sub_org_creation: String,
    /// Required by the spec, optional in API.md: older organizations lack it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise_capability: Option<String>,
    /// Required by the spec, optional in API.md: older organizations lack it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_management: Option<String>,
    /// In the 2026-10 SDKs, not yet in the spec.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_creation_applies_tenant_defaults: Option<String>,
}

/// The parent of an organization, as the API shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ParentOrganization {
    pub id: String,
    pub name: String,
}

/// An organization's business profile; `updateProfile` takes all five fields.
#[derive(Clone, Debug, Default, PartialEq, ReadFields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Profile {
    pub business_name: String,
    pub business_email: String,
    pub business_phone: String,
    pub business_address: String,
    pub external_metadata: String,
}

/// The body of `create` and `update`: `{ name, parent?: { id }, profile? }` (the API applies
/// only `name` on update).
#[derive(Clone, Debug, PartialEq, ReadFields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrganizationBody {
    /// Not empty.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<ParentRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
}

/// The parent named in a body.
#[derive(Clone, Debug, PartialEq, ReadFields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ParentRef {
    /// Not empty.
    pub id: String,
}

/// What `delete` resolves to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeletedOrganization {
    pub id: String,
}

/// The filters of `list` (`GET /organizations`).
#[derive(Clone, Debug, Default, PartialEq, ReadFields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrganizationListParams {
    /// One id or several, sent as a repeated `id=`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<OneOrMany<String>>,
    /// A string is the exact, case-sensitive match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<NameMatch>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub containing: Option<Containing>,
    /// `{ id: null }` lists root organizations only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<ParentFilter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<Int<0, 1000>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_token: Option<String>,
}

/// Organizations that contain an account, a user or another organization.
#[derive(Clone, Debug, Default, PartialEq, ReadFields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Containing {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
}

/// `parent: { id }`: an id, or `null` for root organizations (sent as `parent.id=null`).
/// `id` is required: serde's default only lets `check` name it when it is missing.
#[derive(Clone, Debug, PartialEq, ReadFields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(extend("required" = ["id"])))]
pub struct ParentFilter {
    #[serde(default = "ParentId::missing")]
    pub id: ParentId,
}

/// The id of a parent filter. `Missing` never leaves the core: `check` refuses it.
#[derive(Clone, Debug, PartialEq)]
pub enum ParentId {
    Root,
    Id(String),
    Missing,
}

impl ParentId {
    fn missing() -> ParentId {
        ParentId::Missing
    }
}

impl Serialize for ParentId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ParentId::Id(id) => serializer.serialize_str(id),
            ParentId::Root | ParentId::Missing => serializer.serialize_unit(),
        }
    }
}

impl<'de> Deserialize<'de> for ParentId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<String>::deserialize(deserializer)? {
            Some(id) => ParentId::Id(id),
            None => ParentId::Root,
        })
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for ParentId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ParentId".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["string", "null"] })
    }
}
