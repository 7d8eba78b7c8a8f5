//! Resource shares of an organization (seeded; the API only lists them): filters, order,
//! direction and page numbers.

use std::collections::BTreeMap;

use bytes::Bytes;
use hyper::header::HeaderValue;
use hyper::Response;

use crate::api::not_found;
use crate::app::App;
use crate::http::{self, Body};
use crate::lists::{self, PageBuffer};
use crate::models::Share;

pub const STATUSES: [&str; 3] = ["active", "deleting", "deleted"];
pub const KINDS: [&str; 2] = ["sent", "received"];
pub const TARGET_TYPES: [&str; 2] = ["account", "organization"];
pub const RESOURCE_TYPES: [&str; 6] = [
    "custom-ruleset",
    "gateway-policy",
    "gateway-destination-ip",
    "gateway-block-page-settings",
    "gateway-extended-email-matching",
    "idp-federation-grant",
];
const DEFAULT_PER_PAGE: usize = 20;
const MAX_PER_PAGE: usize = 100;

pub struct ShareRow {
    pub seq: u64,
    name_lower: String,
    pub model: Share,
    json: Bytes,
}

#[derive(Default)]
pub struct Shares {
    rows: BTreeMap<u64, ShareRow>,
}

impl Shares {
    pub fn insert(&mut self, seq: u64, model: Share) {
        let json = Bytes::from(serde_json::to_vec(&model).unwrap_or_default());
        self.rows.insert(
            seq,
            ShareRow {
                seq,
                name_lower: model.name.to_lowercase(),
                model,
                json,
            },
        );
    }

    /// Removes the shares of a deleted organization.
    pub fn remove_org(&mut self, org_id: &str) {
        self.rows.retain(|_, r| r.model.organization_id != org_id);
    }

    pub fn rows(&self) -> impl Iterator<Item = &ShareRow> {
        self.rows.values()
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

const LIST_PARAMS: [&str; 8] = [
    "status",
    "kind",
    "target_type",
    "resource_types",
    "order",
    "direction",
    "page",
    "per_page",
];

/// `GET /organizations/{id}/shares`
pub fn list(app: &App, org: &str, query: &str, ray: &HeaderValue) -> Response<Body> {
    let mut params = match lists::params(query, &LIST_PARAMS, &["resource_types"], ray) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let mut word = |name: &str, allowed: &[&'static str]| -> Result<Option<&'static str>, _> {
        lists::take(&mut params, name)
            .map(|v| lists::one_of(name, &v, allowed, ray))
            .transpose()
    };
    let filters = (|| {
        Ok::<_, Response<Body>>((
            word("status", &STATUSES)?,
            word("kind", &KINDS)?,
            word("target_type", &TARGET_TYPES)?,
            word("order", &["name", "created"])?.unwrap_or("created"),
            word("direction", &["asc", "desc"])?.unwrap_or("asc") == "desc",
        ))
    })();
    let (status, kind, target, order, desc) = match filters {
        Ok(f) => f,
        Err(r) => return r,
    };
    let page = lists::take(&mut params, "page");
    let per_page = lists::take(&mut params, "per_page");
    let paged = page.is_some() || per_page.is_some();
    let page = match page
        .map(|v| lists::integer("page", &v, 1, 1_000_000, ray))
        .transpose()
    {
        Ok(p) => p.unwrap_or(1),
        Err(r) => return r,
    };
    let per_page = match per_page
        .map(|v| lists::integer("per_page", &v, 1, MAX_PER_PAGE, ray))
        .transpose()
    {
        Ok(p) => p.unwrap_or(DEFAULT_PER_PAGE),
        Err(r) => return r,
    };
    let mut types: Vec<&str> = Vec::new();
    for (_, v) in &params {
        match lists::one_of("resource_types", v, &RESOURCE_TYPES, ray) {
            Ok(t) => types.push(t),
            Err(r) => return r,
        }
    }
    let s = app.read();
    if s.org(org).is_none() {
        return not_found(ray);
    }
    let mut matches: Vec<&ShareRow> = s
        .shares
        .rows()
        .filter(|r| {
            let m = &r.model;
            m.organization_id == org
                && status.is_none_or(|v| m.status == v)
                && kind.is_none_or(|v| m.kind == v)
                && target.is_none_or(|v| m.target_type == v)
                && (types.is_empty()
                    || m.resources
                        .iter()
                        .any(|x| types.contains(&x.resource_type.as_str())))
        })
        .collect();
    if order == "name" {
        matches.sort_by(|a, b| a.name_lower.cmp(&b.name_lower).then(a.seq.cmp(&b.seq)));
    } else {
        matches.sort_by(|a, b| {
            a.model
                .created
                .cmp(&b.model.created)
                .then(a.seq.cmp(&b.seq))
        });
    }
    if desc {
        matches.reverse();
    }
    let total = matches.len();
    let per_page = if paged { per_page } else { total.max(1) };
    let start = (page - 1).saturating_mul(per_page).min(total);
    let end = start.saturating_add(per_page).min(total);
    let mut items = PageBuffer::new((end - start) * 600);
    for r in &matches[start..end] {
        items.push(&r.json);
    }
    drop(s);
    let info = format!(
        "{{\"page\":{page},\"per_page\":{per_page},\"count\":{},\"total_count\":{total},\"total_pages\":{}}}",
        end - start,
        total.div_ceil(per_page)
    );
    http::json(200, ray, items.finish(info.as_bytes()))
}
