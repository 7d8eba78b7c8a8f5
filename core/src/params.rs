//! The list filters of API.md, validated and encoded as the API's query string: repeated
//! `id`, dotted names (`name.startsWith`), `parent.id=null` for root organizations.

use crate::encode::percent_encode;
use crate::endpoint::must_be;
use crate::error::Error;
use crate::json::{Json, Kind};
use crate::validate::{integer, join, known_keys, member, object, optional_string, string};

/// The largest `page_size` the API accepts.
pub const MAX_PAGE_SIZE: u64 = 1000;

/// A list's filters, kept apart from its `page_token` so the paginator can resend the same
/// filters with every token.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListQuery {
    /// `name=value` pairs, encoded and joined with `&` (filters and `page_size`).
    pub filters: String,
    /// The caller's starting token, if any.
    pub page_token: Option<String>,
}

impl ListQuery {
    /// The query string for one page.
    pub fn with_token(&self, token: Option<&str>) -> String {
        let mut query = self.filters.clone();
        if let Some(token) = token {
            push_pair(&mut query, "page_token", token);
        }
        query
    }

    fn push(&mut self, name: &str, value: &str) {
        push_pair(&mut self.filters, name, value);
    }
}

fn push_pair(query: &mut String, name: &str, value: &str) {
    if !query.is_empty() {
        query.push('&');
    }
    query.push_str(name);
    query.push('=');
    query.push_str(&percent_encode(value));
}

const REFUSED: &str = "is not a filter this list takes";

/// `list(params)`: `id`, `name`, `containing`, `parent`, `page_size`, `page_token`.
pub fn organization_filters<V: Json>(params: Option<&V>) -> Result<ListQuery, Error> {
    const FILTERS: [&str; 6] = [
        "id",
        "name",
        "containing",
        "parent",
        "page_size",
        "page_token",
    ];
    list_query(params, &FILTERS, |query, params| {
        if let Some(ids) = member(params, "id", true) {
            match ids.kind() {
                Kind::String => query.push("id", &string("id", &ids)?),
                Kind::Array => {
                    for (i, id) in ids.items().iter().enumerate() {
                        let field = join("id", &crate::encode::decimal(i as u64));
                        query.push("id", &string(&field, id)?);
                    }
                }
                other => {
                    return Err(Error::validation(
                        "id",
                        must_be("a string or an array of strings", other),
                    ))
                }
            }
        }
        name_filter(query, params, "name")?;
        if let Some(containing) = member(params, "containing", true) {
            object("containing", &containing)?;
            known_keys(
                "containing",
                &containing,
                &["account", "user", "organization"],
                REFUSED,
            )?;
            for key in ["account", "user", "organization"] {
                if let Some(value) = optional_string("containing", &containing, key, true)? {
                    query.push(&join("containing", key), &value);
                }
            }
        }
        if let Some(parent) = member(params, "parent", true) {
            object("parent", &parent)?;
            known_keys("parent", &parent, &["id"], REFUSED)?;
            match parent.get("id") {
                None => {
                    return Err(Error::validation(
                        "parent.id",
                        "is required (an id, or null for root organizations)",
                    ))
                }
                Some(id) if id.is(Kind::Null) => query.push("parent.id", "null"),
                Some(id) => query.push("parent.id", &string("parent.id", &id)?),
            }
        }
        Ok(())
    })
}

/// `listAccounts(id, params)`: `name`, `account_pubname`, `order_by`, `direction`, paging.
pub fn account_filters<V: Json>(params: Option<&V>) -> Result<ListQuery, Error> {
    const FILTERS: [&str; 6] = [
        "name",
        "account_pubname",
        "order_by",
        "direction",
        "page_size",
        "page_token",
    ];
    list_query(params, &FILTERS, |query, params| {
        name_filter(query, params, "name")?;
        name_filter(query, params, "account_pubname")?;
        for (key, allowed) in [
            ("order_by", &["account_name"][..]),
            ("direction", &["asc", "desc"][..]),
        ] {
            if let Some(value) = optional_string("", params, key, true)? {
                if !allowed.contains(&value.as_str()) {
                    let mut reason = String::from("must be one of: ");
                    reason.push_str(&allowed.join(", "));
                    return Err(Error::validation(key, reason));
                }
                query.push(key, &value);
            }
        }
        Ok(())
    })
}

/// What both lists share: absent, `undefined` and `null` params mean "no filters"; params must
/// be an object holding only `allowed` keys; `filters` encodes the list's own; paging last.
fn list_query<V: Json>(
    params: Option<&V>,
    allowed: &[&str],
    filters: impl FnOnce(&mut ListQuery, &V) -> Result<(), Error>,
) -> Result<ListQuery, Error> {
    let mut query = ListQuery::default();
    let Some(params) = params.filter(|p| !p.is(Kind::Null)) else {
        return Ok(query);
    };
    object("params", params)?;
    known_keys("", params, allowed, REFUSED)?;
    filters(&mut query, params)?;
    paging(&mut query, params)?;
    Ok(query)
}

/// A string is the exact match `name=`; an object sends `name.startsWith=` and its siblings.
fn name_filter<V: Json>(query: &mut ListQuery, params: &V, key: &str) -> Result<(), Error> {
    const SHAPES: [&str; 3] = ["startsWith", "endsWith", "contains"];
    let Some(filter) = member(params, key, true) else {
        return Ok(());
    };
    match filter.kind() {
        Kind::String => query.push(key, &string(key, &filter)?),
        Kind::Object => {
            known_keys(key, &filter, &SHAPES, REFUSED)?;
            for shape in SHAPES {
                if let Some(value) = optional_string(key, &filter, shape, true)? {
                    query.push(&join(key, shape), &value);
                }
            }
        }
        other => {
            return Err(Error::validation(
                key,
                must_be(
                    "a string or an object { startsWith?, endsWith?, contains? }",
                    other,
                ),
            ))
        }
    }
    Ok(())
}

fn paging<V: Json>(query: &mut ListQuery, params: &V) -> Result<(), Error> {
    if let Some(size) = member(params, "page_size", true) {
        let size = integer("page_size", &size, 0, MAX_PAGE_SIZE)?;
        query.push("page_size", &crate::encode::decimal(size));
    }
    query.page_token = optional_string("", params, "page_token", true)?;
    Ok(())
}
