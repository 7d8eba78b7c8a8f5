//! Billable usage: deterministic FinOps FOCUS records per account, metric and day, computed
//! from the organization's accounts (so an account added later has usage too).

use hyper::header::HeaderValue;
use hyper::Response;

use crate::api::not_found;
use crate::app::App;
use crate::http::{self, Body};
use crate::lists::{self, PageBuffer};
use crate::util::{self, DAY_MS};
use cloudflare_organizations_core::models::{Account, UsageRecord};

/// The longest range one request may ask for, in days between `from` and `to`.
pub const MAX_RANGE_DAYS: i64 = 31;

/// A billable metric of the catalog.
struct Metric {
    id: &'static str,
    name: &'static str,
    family_id: &'static str,
    family_name: &'static str,
    category: &'static str,
    unit: &'static str,
    pricing_unit: &'static str,
    /// List price of one pricing unit, in USD.
    unit_price: f64,
    /// Pricing units per consumed unit.
    pricing_per_unit: f64,
    /// A typical day's consumption for a standard account.
    daily: f64,
    /// Whether the metric is per zone.
    zoned: bool,
}

const CATALOG: [Metric; 6] = [
    Metric {
        id: "workers_standard_requests",
        name: "Workers Standard Requests",
        family_id: "workers",
        family_name: "Workers",
        category: "Developer",
        unit: "Requests",
        pricing_unit: "Requests",
        unit_price: 0.000_000_3,
        pricing_per_unit: 1.0,
        daily: 2_500_000.0,
        zoned: false,
    },
    Metric {
        id: "workers_cpu_ms",
        name: "Workers CPU Time",
        family_id: "workers",
        family_name: "Workers",
        category: "Developer",
        unit: "CPU Milliseconds",
        pricing_unit: "CPU Milliseconds",
        unit_price: 0.000_000_02,
        pricing_per_unit: 1.0,
        daily: 40_000_000.0,
        zoned: false,
    },
    Metric {
        id: "r2_storage",
        name: "R2 Storage",
        family_id: "r2",
        family_name: "R2",
        category: "Developer",
        unit: "GB",
        pricing_unit: "GB-Month",
        unit_price: 0.015,
        pricing_per_unit: 1.0 / 30.0,
        daily: 850.0,
        zoned: false,
    },
    Metric {
        id: "r2_class_a_operations",
        name: "R2 Class A Operations",
        family_id: "r2",
        family_name: "R2",
        category: "Developer",
        unit: "Requests",
        pricing_unit: "Requests",
        unit_price: 0.000_004_5,
        pricing_per_unit: 1.0,
        daily: 300_000.0,
        zoned: false,
    },
    Metric {
        id: "stream_minutes_delivered",
        name: "Stream Minutes Delivered",
        family_id: "stream",
        family_name: "Stream",
        category: "Media",
        unit: "Minutes",
        pricing_unit: "Minutes",
        unit_price: 0.001,
        pricing_per_unit: 1.0,
        daily: 40_000.0,
        zoned: false,
    },
    Metric {
        id: "argo_smart_routing",
        name: "Argo Smart Routing",
        family_id: "argo",
        family_name: "Argo Smart Routing",
        category: "Network",
        unit: "GB",
        pricing_unit: "GB",
        unit_price: 0.1,
        pricing_per_unit: 1.0,
        daily: 120.0,
        zoned: true,
    },
];

fn hash(parts: &[&[u8]]) -> u64 {
    util::digest(parts)
}

/// The metrics an account uses: about half the catalog, at least one.
fn uses(account: &Account, i: usize) -> bool {
    let h = hash(&[account.id.as_bytes(), b"metric", &[i as u8]]);
    h % 2 == 0 || i == (hash(&[account.id.as_bytes()]) % CATALOG.len() as u64) as usize
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// A UUID-shaped id for the account's subscription.
fn subscription_id(account: &Account) -> String {
    let h = util::stable_id(&format!("subscription:{}", account.id));
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

fn zone_name(account: &Account) -> String {
    let slug: String = account_name(account)
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{}.example", slug.trim_matches('-'))
}

fn account_name(account: &Account) -> &str {
    account.name.as_deref().unwrap_or_default()
}

fn midnight(ms: i64) -> String {
    format!("{}T00:00:00Z", util::date_of(ms))
}

/// The fields of an account and metric's records that do not depend on the day (those are set
/// by `set_day`): built once per pair, so a month of records copies few strings.
fn template(account: &Account, m: &Metric) -> UsageRecord {
    let enterprise = account.kind == "enterprise";
    UsageRecord {
        billed_cost: None,
        billing_account_id: account.id.clone(),
        billing_account_name: account_name(account).to_owned(),
        billing_currency: Some("USD".to_owned()),
        billing_period_end: None,
        billing_period_start: None,
        charge_category: "Usage".to_owned(),
        charge_class: None,
        charge_description: format!("{} — daily usage", m.name),
        charge_frequency: "Usage-Based".to_owned(),
        charge_period_end: String::new(),
        charge_period_start: String::new(),
        consumed_quantity: 0.0,
        consumed_unit: m.unit.to_owned(),
        contracted_cost: None,
        // Enterprise accounts have a 20% contracted discount.
        contracted_unit_price: Some(if enterprise {
            m.unit_price * 0.8
        } else {
            m.unit_price
        }),
        effective_cost: None,
        host_provider_name: "Cloudflare".to_owned(),
        invoice_issuer_name: "Cloudflare".to_owned(),
        list_cost: None,
        list_unit_price: Some(m.unit_price),
        pricing_quantity: None,
        pricing_unit: Some(m.pricing_unit.to_owned()),
        region_id: None,
        region_name: None,
        service_provider_name: "Cloudflare".to_owned(),
        sub_account_id: Some(subscription_id(account)),
        sub_account_name: Some(
            if enterprise {
                "Enterprise Subscription"
            } else {
                "Pay-as-you-go"
            }
            .to_owned(),
        ),
        x_billable_metric_id: m.id.to_owned(),
        x_billable_metric_name: m.name.to_owned(),
        x_product_category_name: Some(m.category.to_owned()),
        x_product_family_id: Some(m.family_id.to_owned()),
        x_product_family_name: Some(m.family_name.to_owned()),
        x_zone_id: m
            .zoned
            .then(|| util::stable_id(&format!("zone:{}", account.id))),
        x_zone_name: m.zoned.then(|| zone_name(account)),
    }
}

/// Makes `r` the record of `day` (its midnight in milliseconds): the quantities, the costs and
/// the periods.
fn set_day(r: &mut UsageRecord, account: &Account, m: &Metric, day: i64) {
    let scale = if account.kind == "enterprise" {
        4.0
    } else {
        1.0
    };
    let jitter = hash(&[account.id.as_bytes(), m.id.as_bytes(), &day.to_le_bytes()]) % 1000;
    let consumed = m.daily * scale * (0.6 + 0.8 * jitter as f64 / 1000.0);
    let consumed = if m.unit == "GB" {
        round(consumed, 2)
    } else {
        consumed.round()
    };
    let pricing_quantity = round(consumed * m.pricing_per_unit, 6);
    let contracted_cost = round(
        pricing_quantity * r.contracted_unit_price.unwrap_or(m.unit_price),
        6,
    );
    let (period_start, period_end) = util::month_bounds(day);
    r.consumed_quantity = consumed;
    r.pricing_quantity = Some(pricing_quantity);
    r.list_cost = Some(round(pricing_quantity * m.unit_price, 6));
    r.contracted_cost = Some(contracted_cost);
    r.billed_cost = Some(contracted_cost);
    r.effective_cost = Some(contracted_cost);
    r.charge_period_start = midnight(day);
    r.charge_period_end = midnight(day + DAY_MS);
    r.billing_period_start = Some(midnight(period_start));
    r.billing_period_end = Some(midnight(period_end));
}

/// `from` and `to` (both or neither; `YYYY-MM-DD`; at most 31 days apart): the first and last
/// day's midnights. Neither: this month up to today.
fn range(
    params: &mut lists::Params,
    today: i64,
    ray: &HeaderValue,
) -> Result<(i64, i64), Response<Body>> {
    let date = |name: &str, v: String| {
        util::parse_date(&v).ok_or_else(|| {
            lists::bad_query(
                ray,
                format!("Query parameter {name} must be a date (YYYY-MM-DD), got {v:?}"),
            )
        })
    };
    match (lists::take(params, "from"), lists::take(params, "to")) {
        (None, None) => Ok((util::month_bounds(today).0, today)),
        (Some(f), Some(t)) => {
            let (from, to) = (date("from", f)?, date("to", t)?);
            if from > to {
                return Err(lists::bad_query(
                    ray,
                    "Query parameter from must not be after to".into(),
                ));
            }
            if (to - from) / DAY_MS > MAX_RANGE_DAYS {
                return Err(lists::bad_query(
                    ray,
                    format!("The date range from..to must be at most {MAX_RANGE_DAYS} days"),
                ));
            }
            Ok((from, to))
        }
        _ => Err(lists::bad_query(
            ray,
            "Query parameters from and to must be given together (or neither)".into(),
        )),
    }
}

/// `GET /organizations/{id}/billable/usage`: the organization's own accounts, each metric it
/// uses, each day of the range up to today (none before the account existed).
pub fn get(app: &App, org: &str, query: &str, ray: &HeaderValue) -> Response<Body> {
    let mut params = match lists::params(query, &["from", "to"], &[], ray) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let today = util::now_millis().div_euclid(DAY_MS) * DAY_MS;
    let (from, to) = match range(&mut params, today, ray) {
        Ok(r) => r,
        Err(r) => return r,
    };
    let s = app.read();
    let Some(o) = s.org(org) else {
        return not_found(ray);
    };
    let accounts: Vec<&Account> = s.accounts_of(o).map(|a| &a.model).collect();
    let days = ((to.min(today) - from) / DAY_MS + 1).max(0) as usize;
    let mut items = PageBuffer::new(accounts.len() * days * 2 * 900);
    for a in accounts {
        let opened =
            util::parse_time(&a.created_on).map_or(i64::MIN, |t| t.div_euclid(DAY_MS) * DAY_MS);
        let metrics = CATALOG.iter().enumerate().filter(|(i, _)| uses(a, *i));
        for (_, m) in metrics {
            let mut record = template(a, m);
            let mut day = from.max(opened);
            while day <= to.min(today) {
                set_day(&mut record, a, m, day);
                items.push_serialized(&record);
                day += DAY_MS;
            }
        }
    }
    drop(s);
    http::json(200, ray, items.close())
}
