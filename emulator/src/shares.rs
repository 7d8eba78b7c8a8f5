//! Resource shares of an organization (seeded; the API only lists them): filters, order,
//! direction and page numbers.

use std::collections::BTreeMap;

use bytes::Bytes;
use hyper::header::HeaderValue;
use hyper::Response;

use crate::api::not_found;
use crate::app::App;
use crate::http::{self, Body};
use crate::lists::{self, check_enum, EnumCheck, PageBuffer};
use cloudflare_organizations_core::models::{
    Direction, PageNumberInfo, Share, ShareKind, ShareOrder, ShareResourceType, ShareStatus,
    ShareTargetType,
};

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

    pub fn count(&self) -> usize {
        self.rows.len()
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

/// A list request's filters, order and page.
struct Query {
    status: Option<String>,
    kind: Option<String>,
    target: Option<String>,
    types: Vec<String>,
    by_name: bool,
    desc: bool,
    page: usize,
    /// None: no paging asked for, every share at once.
    per_page: Option<usize>,
}

/// Parses the query; each enum's values are checked against the core's model of it.
fn parse(query: &str, ray: &HeaderValue) -> Result<Query, Response<Body>> {
    let mut params = lists::params(query, &LIST_PARAMS, &["resource_types"], ray)?;
    let mut checked = |name: &str, check: EnumCheck| -> Result<Option<String>, Response<Body>> {
        match lists::take(&mut params, name) {
            Some(v) => check(name, &v, ray).map(|_| Some(v)),
            None => Ok(None),
        }
    };
    let status = checked("status", check_enum::<ShareStatus>)?;
    let kind = checked("kind", check_enum::<ShareKind>)?;
    let target = checked("target_type", check_enum::<ShareTargetType>)?;
    let by_name = checked("order", check_enum::<ShareOrder>)?.is_some_and(|o| o == "name");
    let desc = lists::descending(lists::take(&mut params, "direction"), Direction::Asc, ray)?;
    let page = lists::take(&mut params, "page");
    let per_page = lists::take(&mut params, "per_page");
    let paged = page.is_some() || per_page.is_some();
    let page = match page {
        Some(v) => lists::integer("page", &v, 1, 1_000_000, ray)?,
        None => 1,
    };
    let per_page = match per_page {
        Some(v) => lists::integer("per_page", &v, 1, MAX_PER_PAGE, ray)?,
        None => DEFAULT_PER_PAGE,
    };
    let mut types = Vec::new();
    for (_, v) in params {
        check_enum::<ShareResourceType>("resource_types", &v, ray)?;
        types.push(v);
    }
    Ok(Query {
        status,
        kind,
        target,
        types,
        by_name,
        desc,
        page,
        per_page: paged.then_some(per_page),
    })
}

/// `GET /organizations/{id}/shares`
pub fn list(app: &App, org: &str, query: &str, ray: &HeaderValue) -> Response<Body> {
    let q = match parse(query, ray) {
        Ok(q) => q,
        Err(r) => return r,
    };
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
                && q.status.as_ref().is_none_or(|v| m.status == *v)
                && q.kind.as_ref().is_none_or(|v| m.kind.as_ref() == Some(v))
                && q.target.as_ref().is_none_or(|v| m.target_type == *v)
                && (q.types.is_empty()
                    || m.resources
                        .iter()
                        .flatten()
                        .any(|x| q.types.contains(&x.resource_type)))
        })
        .collect();
    if q.by_name {
        matches.sort_by(|a, b| a.name_lower.cmp(&b.name_lower).then(a.seq.cmp(&b.seq)));
    } else {
        matches.sort_by(|a, b| {
            a.model
                .created
                .cmp(&b.model.created)
                .then(a.seq.cmp(&b.seq))
        });
    }
    if q.desc {
        matches.reverse();
    }
    let total = matches.len();
    let per_page = q.per_page.unwrap_or(total.max(1));
    let start = (q.page - 1).saturating_mul(per_page).min(total);
    let end = start.saturating_add(per_page).min(total);
    let mut items = PageBuffer::new((end - start) * 600);
    for r in &matches[start..end] {
        items.push(&r.json);
    }
    drop(s);
    let info = PageNumberInfo {
        count: Some((end - start) as u64),
        page: Some(q.page as u64),
        per_page: Some(per_page as u64),
        total_count: Some(total as u64),
        total_pages: Some(total.div_ceil(per_page) as u64),
    };
    let info = serde_json::to_vec(&info).unwrap_or_default();
    http::json(200, ray, items.finish(&info))
}
