//! Audit logs: who did what to an organization (`GET /organizations/{id}/logs/audit`) and
//! the history of one entry's resource (`.../logs/audit/{logId}/history`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::shapes::{Direction, Filter, Int, Moment, Scalar};
use crate::error::Error;

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

/// `success` or `failure`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActionResult {
    Success,
    Failure,
}

/// The kinds of action an audit filter takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActionType {
    Create,
    Delete,
    View,
    Update,
}

/// How the actor authenticated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActorContext {
    ApiKey,
    ApiToken,
    Dash,
    Oauth,
    OriginCaKey,
}

/// What kind of actor it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActorType {
    CloudflareAdmin,
    System,
    User,
}

/// The scopes a resource filter takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ResourceScope {
    Organizations,
}

impl Scalar for ActionResult {}
impl Scalar for ActionType {}
impl Scalar for ActorContext {}
impl Scalar for ActorType {}
impl Scalar for ResourceScope {}

/// The parameters of `logs.audit.list`: the time range (required), the order, the paging,
/// and every filter of the spec, each `value | value[]` or `{ not: value | value[] }`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    pub action_result: Option<Filter<ActionResult>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_type: Option<Filter<ActionType>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_context: Option<Filter<ActorContext>>,
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
    pub actor_type: Option<Filter<ActorType>>,
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
    pub resource_scope: Option<Filter<ResourceScope>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<Filter<String>>,
}

/// The parameters of `logs.audit.history`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditHistoryParams {
    /// The entry's `action.time`.
    pub action_time: Moment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Moment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Moment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<Int<1, 1000>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// `since` may not come after `before`.
fn time_range(since: Option<&Moment>, before: Option<&Moment>) -> Result<(), Error> {
    match (since, before) {
        (Some(since), Some(before)) if since.instant > before.instant => {
            Err(Error::validation("since", "must not be after before"))
        }
        _ => Ok(()),
    }
}

impl AuditListParams {
    pub fn check(&self) -> Result<(), Error> {
        time_range(Some(&self.since), Some(&self.before))
    }
}

impl AuditHistoryParams {
    pub fn check(&self) -> Result<(), Error> {
        time_range(self.since.as_ref(), self.before.as_ref())
    }
}
