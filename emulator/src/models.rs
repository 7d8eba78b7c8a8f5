//! The shapes of the nine newer operations, as the spec gives them (audit logs, usage records,
//! members, shares). Stored and answered as they are.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An organization audit log entry (`aaa_audit-logs-v2-org`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct AuditLog {
    pub id: String,
    pub action: AuditLogAction,
    pub actor: AuditLogActor,
    pub organization: AuditLogOrganization,
    pub raw: AuditLogRaw,
    pub resource: AuditLogResource,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct AuditLogAction {
    pub description: String,
    pub result: String,
    pub time: String,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct AuditLogActor {
    pub context: String,
    pub email: String,
    pub id: String,
    pub ip_address: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub token_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub token_name: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct AuditLogOrganization {
    pub id: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct AuditLogRaw {
    pub cf_ray_id: String,
    pub method: String,
    pub status_code: u16,
    pub uri: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub user_agent: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct AuditLogResource {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub id: Option<String>,
    pub product: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub request: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub response: Option<Value>,
    pub scope: Map<String, Value>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none", default)]
    pub kind: Option<String>,
}

/// A member of an organization (`organizations-api_Member`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Member {
    pub id: String,
    pub status: String,
    pub user: MemberUser,
    pub meta: Map<String, Value>,
    pub create_time: String,
    pub update_time: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct MemberUser {
    pub id: String,
    pub email: String,
    pub name: String,
    pub two_factor_authentication_enabled: bool,
}

/// A resource share (`resource-sharing_share_object`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Share {
    pub id: String,
    pub name: String,
    pub account_id: String,
    pub account_name: String,
    pub organization_id: String,
    pub created: String,
    pub modified: String,
    pub status: String,
    pub target_type: String,
    pub kind: String,
    pub resources: Vec<ShareResource>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ShareResource {
    pub id: String,
    pub resource_id: String,
    pub resource_type: String,
    pub resource_account_id: String,
    pub meta: Map<String, Value>,
    pub status: String,
    pub created: String,
    pub modified: String,
    pub resource_version: u32,
}

/// A FinOps FOCUS cost and usage record (`billable-usage-api_cost_and_usage_data`).
#[allow(non_snake_case)]
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct UsageRecord {
    pub BilledCost: Option<f64>,
    pub BillingAccountId: String,
    pub BillingAccountName: String,
    pub BillingCurrency: Option<String>,
    pub BillingPeriodEnd: Option<String>,
    pub BillingPeriodStart: Option<String>,
    pub ChargeCategory: String,
    pub ChargeClass: Option<String>,
    pub ChargeDescription: String,
    pub ChargeFrequency: String,
    pub ChargePeriodEnd: String,
    pub ChargePeriodStart: String,
    pub ConsumedQuantity: f64,
    pub ConsumedUnit: String,
    pub ContractedCost: Option<f64>,
    pub ContractedUnitPrice: Option<f64>,
    pub EffectiveCost: Option<f64>,
    pub HostProviderName: String,
    pub InvoiceIssuerName: String,
    pub ListCost: Option<f64>,
    pub ListUnitPrice: Option<f64>,
    pub PricingQuantity: Option<f64>,
    pub PricingUnit: Option<String>,
    pub RegionId: Option<String>,
    pub RegionName: Option<String>,
    pub ServiceProviderName: String,
    pub SubAccountId: Option<String>,
    pub SubAccountName: Option<String>,
    pub x_BillableMetricId: String,
    pub x_BillableMetricName: String,
    pub x_ProductCategoryName: Option<String>,
    pub x_ProductFamilyId: Option<String>,
    pub x_ProductFamilyName: Option<String>,
    pub x_ZoneId: Option<String>,
    pub x_ZoneName: Option<String>,
}
