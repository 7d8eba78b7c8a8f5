//! Resource shares of an organization (`GET /organizations/{id}/shares`) and their filters.

use crate::fields::{ReadFields, Variants};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::shapes::{Direction, Int};

/// A share of resources with other accounts or organizations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Share {
    pub id: String,
    pub name: String,
    /// The account that owns the share.
    pub account_id: String,
    pub account_name: String,
    pub organization_id: String,
    /// RFC 3339.
    pub created: String,
    /// RFC 3339.
    pub modified: String,
    #[cfg_attr(feature = "schema", schemars(extend("enum" = ["active", "deleting", "deleted"], "x-open" = true)))]
    pub status: String,
    #[cfg_attr(feature = "schema", schemars(extend("enum" = ["account", "organization"], "x-open" = true)))]
    pub target_type: String,
    /// `sent` or `received`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("enum" = ["sent", "received"], "x-open" = true)))]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub associated_recipient_count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub associating_recipient_count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disassociated_recipient_count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disassociating_recipient_count: Option<u64>,
    /// Only when asked for with `include_resources`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<Vec<ShareResource>>,
}

/// One resource of a share.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ShareResource {
    pub id: String,
    pub resource_id: String,
    pub resource_account_id: String,
    #[cfg_attr(feature = "schema", schemars(extend("enum" = ["custom-ruleset", "gateway-policy", "gateway-destination-ip", "gateway-block-page-settings", "gateway-extended-email-matching", "idp-federation-grant"], "x-open" = true)))]
    pub resource_type: String,
    pub resource_version: i64,
    pub meta: Value,
    #[cfg_attr(feature = "schema", schemars(extend("enum" = ["active", "deleting", "deleted"], "x-open" = true)))]
    pub status: String,
    pub created: String,
    pub modified: String,
}

/// A share's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Variants)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShareStatus {
    Active,
    Deleting,
    Deleted,
}

/// Shares this organization sent or received.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Variants)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShareKind {
    Sent,
    Received,
}

/// Whom a share targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Variants)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShareTargetType {
    Account,
    Organization,
}

/// The kinds of resource a share can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Variants)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ShareResourceType {
    CustomRuleset,
    GatewayPolicy,
    GatewayDestinationIp,
    GatewayBlockPageSettings,
    GatewayExtendedEmailMatching,
    IdpFederationGrant,
}

/// What shares are sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Variants)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShareOrder {
    Name,
    Created,
}

/// The filters of `shares.list`; pages are numbered from 1.
#[derive(Clone, Debug, Default, PartialEq, ReadFields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ShareListParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ShareStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ShareKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_type: Option<ShareTargetType>,
    /// Sent as a repeated `resource_types=`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_types: Option<Vec<ShareResourceType>>,
    /// `created` by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<ShareOrder>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<Int<1, 4_294_967_295>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<Int<1, 100>>,
}
