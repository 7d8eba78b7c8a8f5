//! A call's parameters, read into the core's models and written as the API's query string:
//! repeated keys, dotted names (`name.startsWith`), `parent.id=null` for root organizations.
//! A list keeps its position (`page_token`, `cursor` or `page`) apart from its filters, so the
//! paginator can resend the same filters with every page.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::de::{from_json, from_nothing, Input};
use crate::endpoint::Paging;
use crate::error::Error;
use crate::json::{Json, Kind};
use crate::models::{
    AccountListParams, AuditHistoryParams, AuditListParams, MemberListParams,
    OrganizationListParams, ShareListParams,
};
use crate::query::{push_pair, to_query};
use crate::rules::Checked;

/// The largest `page_size` the API accepts.
pub const MAX_PAGE_SIZE: u64 = 1000;

/// A list's filters, kept apart from its position.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListQuery {
    /// `name=value` pairs, encoded and joined with `&` (filters and page size).
    pub filters: String,
    /// The caller's starting position, if any: a page token, a cursor or a page number.
    pub page_token: Option<String>,
    pub paging: Paging,
}

impl ListQuery {
    /// The query string for the page at `position`.
    pub fn with_token(&self, position: Option<&str>) -> String {
        let mut query = self.filters.clone();
        if let Some(position) = position {
            push_pair(&mut query, self.paging.param(), position);
        }
        query
    }
}

/// Parameters the core reads from a caller, written back as a query; their rules beyond the
/// types are in [`crate::rules`].
pub trait Params: DeserializeOwned + Serialize + Checked {}

impl<T: DeserializeOwned + Serialize + Checked> Params for T {}

/// A list's parameters: their position is taken out of the filters.
pub trait ListParams: Params {
    const PAGING: Paging;
    fn take_position(&mut self) -> Option<String>;
}

/// Reads `params` (absent, `undefined` and `null` mean none given: `{}`).
#[inline(never)]
pub fn read<T: Params, V: Json>(params: Option<&V>) -> Result<T, Error> {
    let read = match params.filter(|p| !p.is(Kind::Null)) {
        Some(params) => from_json::<T, V>(params, Input::Params, "params", "")?,
        None => from_nothing::<T>(Input::Params, "params")?,
    };
    read.check()?;
    Ok(read)
}

/// The query string of a call that is not a list.
pub fn query<T: Params, V: Json>(params: Option<&V>) -> Result<String, Error> {
    to_query(&read::<T, V>(params)?)
}

/// A list's filters and starting position.
#[inline(never)]
pub fn list<T: ListParams, V: Json>(params: Option<&V>) -> Result<ListQuery, Error> {
    let mut read = read::<T, V>(params)?;
    let page_token = read.take_position();
    Ok(ListQuery {
        filters: to_query(&read)?,
        page_token,
        paging: T::PAGING,
    })
}

macro_rules! token_lists {
    ($($params:ty => $paging:expr, $field:ident;)*) => {$(
        impl ListParams for $params {
            const PAGING: Paging = $paging;
            fn take_position(&mut self) -> Option<String> {
                self.$field.take()
            }
        }
    )*};
}

token_lists! {
    OrganizationListParams => Paging::PageToken, page_token;
    AccountListParams => Paging::PageToken, page_token;
    MemberListParams => Paging::PageToken, page_token;
    AuditListParams => Paging::Cursor, cursor;
    AuditHistoryParams => Paging::Cursor, cursor;
}

impl ListParams for ShareListParams {
    const PAGING: Paging = Paging::PageNumber;
    fn take_position(&mut self) -> Option<String> {
        self.page.take().map(|page| crate::encode::decimal(page.0))
    }
}
