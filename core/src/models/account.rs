//! The accounts an organization holds, and the filters of `listAccounts`
//! (`GET /organizations/{id}/accounts`).

use crate::fields::{ReadFields, Variants};
use serde::{Deserialize, Serialize};

use super::shapes::{Direction, Int, NameMatch};

/// A Cloudflare account inside an organization.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Account {
    pub id: String,
    #[cfg_attr(feature = "schema", schemars(with = "super::shapes::Nullable<String>"))]
    pub name: Option<String>,
    /// `standard` or `enterprise` today; kept as a string so that a new type does not fail.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "schema", schemars(extend("enum" = ["standard", "enterprise"], "x-open" = true)))]
    pub kind: String,
    /// When it was created (RFC 3339).
    pub created_on: String,
    #[cfg_attr(
        feature = "schema",
        schemars(with = "super::shapes::Nullable<AccountSettings>")
    )]
    pub settings: Option<AccountSettings>,
}

/// An account's settings; every field may be `null`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AccountSettings {
    #[cfg_attr(feature = "schema", schemars(with = "super::shapes::Nullable<String>"))]
    pub abuse_contact_email: Option<String>,
    #[cfg_attr(feature = "schema", schemars(with = "super::shapes::Nullable<String>"))]
    pub access_approval_expiry: Option<String>,
    #[cfg_attr(feature = "schema", schemars(with = "super::shapes::Nullable<bool>"))]
    pub api_access_enabled: Option<bool>,
    #[cfg_attr(feature = "schema", schemars(with = "super::shapes::Nullable<bool>"))]
    pub enforce_twofactor: Option<bool>,
    /// Deprecated by the API: use DNS Settings instead.
    #[cfg_attr(feature = "schema", schemars(with = "super::shapes::Nullable<String>"))]
    pub default_nameservers: Option<String>,
    /// Deprecated by the API: use DNS Settings instead.
    #[cfg_attr(feature = "schema", schemars(with = "super::shapes::Nullable<bool>"))]
    pub use_account_custom_ns_by_default: Option<bool>,
}

/// The filters of `listAccounts`.
#[derive(Clone, Debug, Default, PartialEq, ReadFields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AccountListParams {
    /// Matched case-insensitively by the API.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<NameMatch>,
    /// Deprecated by the API, still sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_pubname: Option<NameMatch>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_by: Option<AccountOrder>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<Int<0, 1000>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_token: Option<String>,
}

/// What accounts can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Variants)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccountOrder {
    AccountName,
}
