//! Billable usage (`GET /organizations/{id}/billable/usage`): FinOps FOCUS cost and usage
//! records, with the API's own PascalCase field names.

use crate::fields::ReadFields;
use serde::{Deserialize, Serialize};

use super::shapes::Day;

/// One cost and usage record of a metered product for one charge period (FOCUS v1.3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UsageRecord {
    /// A charge serving as the basis for invoicing, inclusive of all reduced rates and discounts while excluding the amortization of upfront charges (one-time or recurring).
    #[serde(
        rename = "BilledCost",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub billed_cost: Option<f64>,
    /// Public identifier of the Cloudflare account (account tag).
    #[serde(rename = "BillingAccountId")]
    pub billing_account_id: String,
    /// Display name of the Cloudflare account.
    #[serde(rename = "BillingAccountName")]
    pub billing_account_name: String,
    /// Currency that a charge was billed in (ISO 4217).
    #[serde(
        rename = "BillingCurrency",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub billing_currency: Option<String>,
    /// Exclusive end of the billing cycle that contains this usage record.
    #[serde(
        rename = "BillingPeriodEnd",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub billing_period_end: Option<String>,
    /// Inclusive start of the billing cycle that contains this usage record.
    #[serde(
        rename = "BillingPeriodStart",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub billing_period_start: Option<String>,
    /// Highest-level classification of a charge based on the nature of how it gets billed.
    #[serde(rename = "ChargeCategory")]
    pub charge_category: String,
    /// Indicates whether the row represents a correction to one or more charges invoiced in a previous billing period.
    #[serde(
        rename = "ChargeClass",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub charge_class: Option<String>,
    /// Self-contained summary of the charge's purpose and price.
    #[serde(rename = "ChargeDescription")]
    pub charge_description: String,
    /// Indicates how often a charge occurs.
    #[serde(rename = "ChargeFrequency")]
    pub charge_frequency: String,
    /// Exclusive end of the time interval during which the usage was consumed.
    #[serde(rename = "ChargePeriodEnd")]
    pub charge_period_end: String,
    /// Inclusive start of the time interval during which the usage was consumed.
    #[serde(rename = "ChargePeriodStart")]
    pub charge_period_start: String,
    /// Measured usage amount within the charge period.
    #[serde(rename = "ConsumedQuantity")]
    pub consumed_quantity: f64,
    /// Unit of measure for the consumed quantity (e.g., "GB", "Requests", "vCPU-Hours").
    #[serde(rename = "ConsumedUnit")]
    pub consumed_unit: String,
    /// Cost calculated by multiplying ContractedUnitPrice and the corresponding PricingQuantity.
    #[serde(
        rename = "ContractedCost",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub contracted_cost: Option<f64>,
    /// The agreed-upon unit price for a single PricingUnit of the associated billable metric, inclusive of negotiated discounts, if present, while excluding any other discounts.
    #[serde(
        rename = "ContractedUnitPrice",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub contracted_unit_price: Option<f64>,
    /// The amortized cost of the charge after applying all reduced rates, discounts, and the applicable portion of relevant, prepaid purchases (one-time or recurring) that covered the charge.
    #[serde(
        rename = "EffectiveCost",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub effective_cost: Option<f64>,
    /// Name of the entity providing the underlying infrastructure or platform.
    #[serde(rename = "HostProviderName")]
    pub host_provider_name: String,
    /// Name of the entity responsible for invoicing for the services consumed.
    #[serde(rename = "InvoiceIssuerName")]
    pub invoice_issuer_name: String,
    /// Cost calculated by multiplying ListUnitPrice and the corresponding PricingQuantity.
    #[serde(rename = "ListCost", default, skip_serializing_if = "Option::is_none")]
    pub list_cost: Option<f64>,
    /// Suggested provider-published unit price for a single PricingUnit of the associated billable metric, exclusive of any discounts.
    #[serde(
        rename = "ListUnitPrice",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub list_unit_price: Option<f64>,
    /// Volume of a given service used or purchased, based on the PricingUnit.
    #[serde(
        rename = "PricingQuantity",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub pricing_quantity: Option<f64>,
    /// Provider-specified measurement unit for determining unit prices, indicating how the provider rates measured usage after applying pricing rules like block pricing.
    #[serde(
        rename = "PricingUnit",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub pricing_unit: Option<String>,
    /// Provider-assigned identifier for an isolated geographic area where a service is provided.
    #[serde(rename = "RegionId", default, skip_serializing_if = "Option::is_none")]
    pub region_id: Option<String>,
    /// Name of an isolated geographic area where a service is provided.
    #[serde(
        rename = "RegionName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub region_name: Option<String>,
    /// Name of the entity that made the services available for purchase.
    #[serde(rename = "ServiceProviderName")]
    pub service_provider_name: String,
    /// Unique identifier assigned to a grouping of services.
    #[serde(
        rename = "SubAccountId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub sub_account_id: Option<String>,
    /// Name assigned to a grouping of services.
    #[serde(
        rename = "SubAccountName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub sub_account_name: Option<String>,
    /// The unique identifier for the billable metric in the Cloudflare catalog.
    #[serde(rename = "x_BillableMetricId")]
    pub x_billable_metric_id: String,
    /// The display name of the billable metric.
    #[serde(rename = "x_BillableMetricName")]
    pub x_billable_metric_name: String,
    /// The product category the charge belongs to (e.g., "Developer", "Cloudflare One").
    #[serde(
        rename = "x_ProductCategoryName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub x_product_category_name: Option<String>,
    /// The unique identifier for the product family in the Cloudflare catalog.
    #[serde(
        rename = "x_ProductFamilyId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub x_product_family_id: Option<String>,
    /// The product family the charge belongs to (e.g., "R2", "Workers").
    #[serde(
        rename = "x_ProductFamilyName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub x_product_family_name: Option<String>,
    /// The identifier for the Cloudflare zone (zone tag).
    #[serde(rename = "x_ZoneId", default, skip_serializing_if = "Option::is_none")]
    pub x_zone_id: Option<String>,
    /// The display name of the Cloudflare zone.
    #[serde(
        rename = "x_ZoneName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub x_zone_name: Option<String>,
}

/// The longest range `billing.usage.get` takes, in days between `from` and `to`.
pub const MAX_USAGE_DAYS: i64 = 31;

/// The parameters of `billing.usage.get`: both days or neither.
#[derive(Clone, Debug, Default, PartialEq, ReadFields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UsageParams {
    /// The first day (`YYYY-MM-DD` or a `Date`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Day>,
    /// The last day, at most 31 days after `from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Day>,
}
