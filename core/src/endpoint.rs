//! The seventeen operations as data: method, path, what each takes and what its `result`
//! must be. Every operation goes through the one generic path of [`crate::payload`] and
//! [`crate::call`]; the binding's methods only name their row.

use crate::encode::{is_dot_segment, percent_encode};
use crate::error::Error;
use crate::json::{must_be, Json};
pub use crate::method::Method;

/// How a list hands out its next page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paging {
    /// `page_token` in, `result_info.next_page_token` out (organizations, accounts, members).
    #[default]
    PageToken,
    /// `cursor` in, `result_info.cursor` out (audit logs).
    Cursor,
    /// `page` in, until `result_info.total_pages` or an empty page (shares).
    PageNumber,
}

impl Paging {
    /// The query parameter that names the page.
    pub fn param(self) -> &'static str {
        match self {
            Paging::PageToken => "page_token",
            Paging::Cursor => "cursor",
            Paging::PageNumber => "page",
        }
    }
}

/// What a successful response carries, named after its model (`crate::models`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultShape {
    Organization,
    OrganizationPage,
    AccountPage,
    /// `{ id }` of a deleted organization.
    Deleted,
    Profile,
    AuditPage,
    /// A cursor page whose `result_info` also says `history_status`.
    AuditHistoryPage,
    /// An array of usage records, not paged.
    UsageRecords,
    Member,
    /// The members a batch created, not paged.
    Members,
    MemberPage,
    SharePage,
    /// 204 No Content (or a success envelope whose result is not needed).
    NoContent,
}

impl ResultShape {
    /// How the list is paged, for the shapes that are pages.
    pub fn paging(self) -> Option<Paging> {
        match self {
            ResultShape::OrganizationPage | ResultShape::AccountPage | ResultShape::MemberPage => {
                Some(Paging::PageToken)
            }
            ResultShape::AuditPage | ResultShape::AuditHistoryPage => Some(Paging::Cursor),
            ResultShape::SharePage => Some(Paging::PageNumber),
            _ => None,
        }
    }

    /// Whether `result` is an array (a page's items, or an unpaged list).
    pub fn is_array(self) -> bool {
        self.paging().is_some() || matches!(self, ResultShape::UsageRecords | ResultShape::Members)
    }

    /// The string members the client relies on in the result (in each item of an array).
    /// Each is a required string of its model (checked by `core/tests/models.rs`); everything
    /// else is left as the API sent it, so a field added later never fails a call.
    pub fn required_strings(self) -> &'static [&'static str] {
        match self {
            ResultShape::Organization | ResultShape::OrganizationPage => &["id", "name"],
            ResultShape::AccountPage | ResultShape::Deleted => &["id"],
            ResultShape::Member | ResultShape::Members | ResultShape::MemberPage => &["id"],
            ResultShape::SharePage => &["id", "name"],
            ResultShape::Profile
            | ResultShape::AuditPage
            | ResultShape::AuditHistoryPage
            | ResultShape::UsageRecords
            | ResultShape::NoContent => &[],
        }
    }
}

/// What a call's input is read as: a body or parameters, as one of the core's models.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Payload {
    Nothing,
    OrganizationBody,
    Profile,
    OrganizationList,
    AccountList,
    AuditList,
    AuditHistory,
    Usage,
    MemberList,
    NewMember,
    NewMembers,
    ShareList,
}

impl Payload {
    /// Whether the input is a request body (read whatever it is) rather than parameters
    /// (absent, `undefined` and `null` mean none).
    pub fn is_body(self) -> bool {
        matches!(
            self,
            Payload::OrganizationBody | Payload::Profile | Payload::NewMember | Payload::NewMembers
        )
    }
}

/// One operation of the API, as its OpenAPI document describes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operation {
    /// The method's name in JS, under `cf.organizations` (`members.batchCreate`).
    pub name: &'static str,
    pub method: Method,
    /// The spec's path template (`/organizations/{organization_id}/members/{member_id}`).
    pub path: &'static str,
    /// The JS names of the path's ids, in order (`["id", "memberId"]`).
    pub ids: &'static [&'static str],
    pub payload: Payload,
    pub result: ResultShape,
}

const ORG_ID: &[&str] = &["id"];

/// `POST /organizations`: create an organization.
pub const CREATE: Operation = Operation {
    name: "create",
    method: Method::Post,
    path: "/organizations",
    ids: &[],
    payload: Payload::OrganizationBody,
    result: ResultShape::Organization,
};
/// `GET /organizations`: the organizations the user can see, one page.
pub const LIST: Operation = Operation {
    name: "list",
    method: Method::Get,
    path: "/organizations",
    ids: &[],
    payload: Payload::OrganizationList,
    result: ResultShape::OrganizationPage,
};
/// `GET /organizations/{id}`.
pub const GET: Operation = Operation {
    name: "get",
    method: Method::Get,
    path: "/organizations/{organization_id}",
    ids: ORG_ID,
    payload: Payload::Nothing,
    result: ResultShape::Organization,
};
/// `PUT /organizations/{id}`: today the API applies only `name`.
pub const UPDATE: Operation = Operation {
    name: "update",
    method: Method::Put,
    path: "/organizations/{organization_id}",
    ids: ORG_ID,
    payload: Payload::OrganizationBody,
    result: ResultShape::Organization,
};
/// `DELETE /organizations/{id}`: refused while it holds sub-organizations or accounts.
pub const DELETE: Operation = Operation {
    name: "delete",
    method: Method::Delete,
    path: "/organizations/{organization_id}",
    ids: ORG_ID,
    payload: Payload::Nothing,
    result: ResultShape::Deleted,
};
/// `GET /organizations/{id}/accounts`, one page.
pub const LIST_ACCOUNTS: Operation = Operation {
    name: "listAccounts",
    method: Method::Get,
    path: "/organizations/{organization_id}/accounts",
    ids: ORG_ID,
    payload: Payload::AccountList,
    result: ResultShape::AccountPage,
};
/// `GET /organizations/{id}/profile`.
pub const GET_PROFILE: Operation = Operation {
    name: "getProfile",
    method: Method::Get,
    path: "/organizations/{organization_id}/profile",
    ids: ORG_ID,
    payload: Payload::Nothing,
    result: ResultShape::Profile,
};
/// `PUT /organizations/{id}/profile`: answers 204.
pub const UPDATE_PROFILE: Operation = Operation {
    name: "updateProfile",
    method: Method::Put,
    path: "/organizations/{organization_id}/profile",
    ids: ORG_ID,
    payload: Payload::Profile,
    result: ResultShape::NoContent,
};
/// `GET /organizations/{id}/logs/audit`: one page of audit entries, by cursor.
pub const AUDIT_LIST: Operation = Operation {
    name: "logs.audit.list",
    method: Method::Get,
    path: "/organizations/{organization_id}/logs/audit",
    ids: ORG_ID,
    payload: Payload::AuditList,
    result: ResultShape::AuditPage,
};
/// `GET /organizations/{id}/logs/audit/{logId}/history`: the history of an entry's resource.
pub const AUDIT_HISTORY: Operation = Operation {
    name: "logs.audit.history",
    method: Method::Get,
    path: "/organizations/{organization_id}/logs/audit/{id}/history",
    ids: &["id", "logId"],
    payload: Payload::AuditHistory,
    result: ResultShape::AuditHistoryPage,
};
/// `GET /organizations/{id}/billable/usage`: FinOps FOCUS records.
pub const USAGE_GET: Operation = Operation {
    name: "billing.usage.get",
    method: Method::Get,
    path: "/organizations/{organization_id}/billable/usage",
    ids: ORG_ID,
    payload: Payload::Usage,
    result: ResultShape::UsageRecords,
};
/// `GET /organizations/{id}/members`, one page.
pub const MEMBERS_LIST: Operation = Operation {
    name: "members.list",
    method: Method::Get,
    path: "/organizations/{organization_id}/members",
    ids: ORG_ID,
    payload: Payload::MemberList,
    result: ResultShape::MemberPage,
};
const MEMBER_IDS: &[&str] = &["id", "memberId"];
/// `GET /organizations/{id}/members/{memberId}`.
pub const MEMBERS_GET: Operation = Operation {
    name: "members.get",
    method: Method::Get,
    path: "/organizations/{organization_id}/members/{member_id}",
    ids: MEMBER_IDS,
    payload: Payload::Nothing,
    result: ResultShape::Member,
};
/// `POST /organizations/{id}/members`: invite one person.
pub const MEMBERS_CREATE: Operation = Operation {
    name: "members.create",
    method: Method::Post,
    path: "/organizations/{organization_id}/members",
    ids: ORG_ID,
    payload: Payload::NewMember,
    result: ResultShape::Member,
};
/// `POST /organizations/{id}/members:batchCreate`: invite up to ten.
pub const MEMBERS_BATCH_CREATE: Operation = Operation {
    name: "members.batchCreate",
    method: Method::Post,
    path: "/organizations/{organization_id}/members:batchCreate",
    ids: ORG_ID,
    payload: Payload::NewMembers,
    result: ResultShape::Members,
};
/// `DELETE /organizations/{id}/members/{memberId}`: answers 204.
pub const MEMBERS_DELETE: Operation = Operation {
    name: "members.delete",
    method: Method::Delete,
    path: "/organizations/{organization_id}/members/{member_id}",
    ids: MEMBER_IDS,
    payload: Payload::Nothing,
    result: ResultShape::NoContent,
};
/// `GET /organizations/{id}/shares`, one numbered page.
pub const SHARES_LIST: Operation = Operation {
    name: "shares.list",
    method: Method::Get,
    path: "/organizations/{organization_id}/shares",
    ids: ORG_ID,
    payload: Payload::ShareList,
    result: ResultShape::SharePage,
};

/// Every operation of the API (`core/tests/spec.rs` checks the table against the spec, and
/// the emulator's tests its routes).
pub const OPERATIONS: [Operation; 17] = [
    CREATE,
    LIST,
    GET,
    UPDATE,
    DELETE,
    LIST_ACCOUNTS,
    GET_PROFILE,
    UPDATE_PROFILE,
    AUDIT_LIST,
    AUDIT_HISTORY,
    USAGE_GET,
    MEMBERS_LIST,
    MEMBERS_GET,
    MEMBERS_CREATE,
    MEMBERS_BATCH_CREATE,
    MEMBERS_DELETE,
    SHARES_LIST,
];

/// A call ready to send: the operation, its path after the base URL, its encoded query
/// (without `?`) and its JSON body.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    pub operation: Operation,
    pub path: String,
    pub query: String,
    pub body: Option<String>,
    /// For a list, the position its query asks for (a page number decides the next one).
    pub position: Option<String>,
}

impl Endpoint {
    /// `ids` are the path's ids as the caller gave them, in order (validated and encoded here).
    pub fn new<V: Json>(
        operation: Operation,
        ids: &[&V],
        query: String,
        body: Option<String>,
    ) -> Result<Endpoint, Error> {
        let mut segments = Vec::with_capacity(operation.ids.len());
        for (i, name) in operation.ids.iter().enumerate() {
            match ids.get(i) {
                Some(id) => segments.push(id_segment(name, *id)?),
                None => return Err(Error::validation(*name, "is required")),
            }
        }
        Ok(Endpoint {
            operation,
            path: fill(operation.path, &segments),
            query,
            body,
            position: None,
        })
    }
}

/// Validates an organization id (or an action) and encodes it as one path segment.
/// `""`, `"."`, `".."` and their percent-encoded spellings are refused: URL parsers fold
/// them into the parent path, so the request would reach another resource.
pub fn path_segment(field: &str, id: &str) -> Result<String, Error> {
    if id.is_empty() {
        return Err(Error::validation(field, "must not be empty"));
    }
    if is_dot_segment(id) {
        return Err(Error::validation(
            field,
            "must not be \".\" or \"..\" (or an encoding of them): it would leave its path segment",
        ));
    }
    Ok(percent_encode(id))
}

/// Validates an id given by a caller and encodes it as one path segment; `field` names it.
pub fn id_segment<V: Json>(field: &str, id: &V) -> Result<String, Error> {
    match id.as_str() {
        Some(id) => path_segment(field, &id),
        None => Err(Error::validation(field, must_be("a string", id.kind()))),
    }
}

/// Validates an organization id given by a caller and encodes it as one path segment.
pub fn organization_id<V: Json>(id: &V) -> Result<String, Error> {
    id_segment("id", id)
}

/// The template with each `{placeholder}` replaced by the next segment (bytes, not `str`
/// slicing, whose boundary checks bring panic formatting into the wasm).
fn fill(template: &str, segments: &[String]) -> String {
    let mut path = Vec::with_capacity(template.len() + 32);
    let mut segments = segments.iter();
    let mut in_placeholder = false;
    for &b in template.as_bytes() {
        match (in_placeholder, b) {
            (false, b'{') => {
                in_placeholder = true;
                if let Some(segment) = segments.next() {
                    path.extend_from_slice(segment.as_bytes());
                }
            }
            (false, _) => path.push(b),
            (true, b'}') => in_placeholder = false,
            (true, _) => {}
        }
    }
    // Only ASCII template bytes and whole segments were copied.
    String::from_utf8(path).unwrap_or_default()
}

/// `organizations`, `organizations/{id}` or `organizations/{id}/{action}` with a leading `/`.
/// `id` and `action` are already encoded segments.
pub fn path_for(id: Option<&str>, action: Option<&str>) -> String {
    let mut path = String::from("/organizations");
    if let Some(id) = id {
        path.push('/');
        path.push_str(id);
        if let Some(action) = action {
            path.push('/');
            path.push_str(action);
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segment_refuses_dot_segments_in_every_spelling() {
        for id in ["", ".", "..", "%2e", "%2E", "%2e%2E", ".%2e", "%2E."] {
            assert!(
                matches!(path_segment("id", id), Err(Error::Validation { .. })),
                "{id:?} should be refused"
            );
        }
        assert_eq!(path_segment("id", "...").unwrap(), "...");
        assert_eq!(path_segment("id", "%41").unwrap(), "%2541");
        assert_eq!(path_segment("id", "a/b").unwrap(), "a%2Fb");
    }
}
