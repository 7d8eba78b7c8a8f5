//! The one generic path from a call's arguments to an [`Endpoint`]: the operation's row in
//! the table says what its input is read as (`Payload`), and this reads it.

use crate::body;
use crate::endpoint::{Endpoint, Operation, Payload};
use crate::error::Error;
use crate::json::Json;
use crate::models::{
    AccountListParams, AuditHistoryParams, AuditListParams, MemberListParams,
    OrganizationListParams, ShareListParams, UsageParams,
};
use crate::params::{self, ListQuery};

/// A call ready to send, and for a list the filters its pages share.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    /// The first request (a list's starting position in its query).
    pub endpoint: Endpoint,
    pub list: Option<ListQuery>,
}

/// Validates `ids` and `input` for `operation`; nothing is sent when this fails.
pub fn prepare<V: Json>(
    operation: Operation,
    ids: &[&V],
    input: Option<&V>,
) -> Result<Prepared, Error> {
    let body = |read: fn(&V) -> Result<String, Error>| -> Result<Option<String>, Error> {
        match input {
            Some(input) => read(input).map(Some),
            None => read_absent(operation),
        }
    };
    let (query, body, list) = match operation.payload {
        Payload::Nothing => (String::new(), None, None),
        Payload::OrganizationBody => (String::new(), body(body::organization)?, None),
        Payload::Profile => (String::new(), body(body::profile)?, None),
        Payload::NewMember => (String::new(), body(body::member)?, None),
        Payload::NewMembers => (String::new(), body(body::members)?, None),
        Payload::Usage => (params::query::<UsageParams, V>(input)?, None, None),
        Payload::OrganizationList => list(params::list::<OrganizationListParams, V>(input)?),
        Payload::AccountList => list(params::list::<AccountListParams, V>(input)?),
        Payload::AuditList => list(params::list::<AuditListParams, V>(input)?),
        Payload::AuditHistory => list(params::list::<AuditHistoryParams, V>(input)?),
        Payload::MemberList => list(params::list::<MemberListParams, V>(input)?),
        Payload::ShareList => list(params::list::<ShareListParams, V>(input)?),
    };
    let mut endpoint = Endpoint::new(operation, ids, query, body)?;
    endpoint.position = list.as_ref().and_then(|l| l.page_token.clone());
    Ok(Prepared { endpoint, list })
}

/// The first page's query and the filters of a list.
fn list(query: ListQuery) -> (String, Option<String>, Option<ListQuery>) {
    (
        query.with_token(query.page_token.as_deref()),
        None,
        Some(query),
    )
}

/// A body that was not given: named as the whole body is in the other errors.
fn read_absent(operation: Operation) -> Result<Option<String>, Error> {
    let whole = match operation.payload {
        Payload::Profile => "profile",
        Payload::NewMember => "member",
        Payload::NewMembers => "members",
        _ => "body",
    };
    Err(Error::validation(whole, "is required"))
}
