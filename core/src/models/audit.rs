//! Audit logs: who did what to an organization (`GET /organizations/{id}/logs/audit`) and
//! the history of one entry's resource (`.../logs/audit/{logId}/history`).

use crate::fields::ReadFields;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::shapes::{Direction, Filter, Int, Moment};

/// One audit log entry. The spec marks no field required.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditLog {
    /// The entry's id (the `logId` of `history`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<AuditAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<AuditActor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<AuditOrganization>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<AuditRaw>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<AuditResource>,
}

/// What was done.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditAction {
    /// A short description, such as "Add Member".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `success` or `failure`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// When it was logged (RFC 3339): the `action_time` of `history`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// `create`, `delete`, `view` or `update`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// Who did it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditActor {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("enum" = ["api_key", "api_token", "dash", "oauth", "origin_ca_key"], "x-open" = true)))]
    pub context: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The user id, when a user did it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    /// The API token's id, for `api_token` and `oauth`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_name: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("enum" = ["cloudflare_admin", "system", "user"], "x-open" = true)))]
    pub kind: Option<String>,
}

/// The organization the entry belongs to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditOrganization {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// The request and response as they were.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditRaw {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cf_ray_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
}

/// The resource acted on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditResource {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The Cloudflare product, such as `organizations`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Value>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// The values the spec allows for the enumerated audit filters.
pub const ACTION_RESULTS: &[&str] = &["success", "failure"];
pub const ACTION_TYPES: &[&str] = &["create", "delete", "view", "update"];
pub const ACTOR_CONTEXTS: &[&str] = &["api_key", "api_token", "dash", "oauth", "origin_ca_key"];
pub const ACTOR_TYPES: &[&str] = &["cloudflare_admin", "system", "user"];
pub const RESOURCE_SCOPES: &[&str] = &["organizations"];

/// The parameters of `logs.audit.list`: the time range (required), the order, the paging,
/// and every filter of the spec, each `value | value[]` or `{ not: value | value[] }`.
#[derive(Clone, Debug, PartialEq, ReadFields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditListParams {
    /// Entries at or after this time.
    pub since: Moment,
    /// Entries before this time.
    pub before: Moment,
    /// `desc` (newest first) by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<Int<1, 1000>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// One of [`ACTION_RESULTS`] (checked before sending).
    #[cfg_attr(feature = "schema", schemars(extend("x-values" = ["success", "failure"])))]
    pub action_result: Option<Filter<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// One of [`ACTION_TYPES`] (checked before sending).
    #[cfg_attr(feature = "schema", schemars(extend("x-values" = ["create", "delete", "view", "update"])))]
    pub action_type: Option<Filter<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// One of [`ACTOR_CONTEXTS`] (checked before sending).
    #[cfg_attr(feature = "schema", schemars(extend("x-values" = ["api_key", "api_token", "dash", "oauth", "origin_ca_key"])))]
    pub actor_context: Option<Filter<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_email: Option<Filter<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<Filter<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_ip_address: Option<Filter<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_token_id: Option<Filter<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_token_name: Option<Filter<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// One of [`ACTOR_TYPES`] (checked before sending).
    #[cfg_attr(feature = "schema", schemars(extend("x-values" = ["cloudflare_admin", "system", "user"])))]
    pub actor_type: Option<Filter<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Filter<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_cf_ray_id: Option<Filter<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_method: Option<Filter<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_status_code: Option<Filter<Int<100, 599>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_uri: Option<Filter<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<Filter<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_product: Option<Filter<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// One of [`RESOURCE_SCOPES`] (checked before sending).
    #[cfg_attr(feature = "schema", schemars(extend("x-values" = ["organizations"])))]
    pub resource_scope: Option<Filter<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<Filter<String>>,
}

/// The parameters of `logs.audit.history`.
#[derive(Clone, Debug, PartialEq, ReadFields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditHistoryParams {
    /// The entry's `action.time`.
    pub action_time: Moment,
    /// Required by the spec, as for the list.
    pub since: Moment,
    pub before: Moment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<Int<1, 1000>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}
