//! The eight operations as data: what each sends and what its `result` must be.
//! Every operation goes through the one generic path in [`crate::call`].

use crate::encode::path_segment;
use crate::error::Error;
use crate::json::{Json, Kind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// What a successful response must carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultShape {
    /// One organization object with a string `id`.
    Organization,
    /// An array of organizations and `result_info`.
    OrganizationPage,
    /// An array of accounts and `result_info`.
    AccountPage,
    /// `{ id }` of a deleted organization.
    Deleted,
    /// A profile object.
    Profile,
    /// 204 No Content.
    NoContent,
}

/// One operation of the API, as its documentation describes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operation {
    pub method: Method,
    /// The segment after `/organizations/{id}`, if any.
    pub action: Option<&'static str>,
    /// Whether the path names one organization.
    pub takes_id: bool,
    pub result: ResultShape,
}

/// `POST /organizations`: create an organization.
pub const CREATE: Operation = Operation {
    method: Method::Post,
    action: None,
    takes_id: false,
    result: ResultShape::Organization,
};
/// `GET /organizations`: the organizations the user can see, one page.
pub const LIST: Operation = Operation {
    method: Method::Get,
    action: None,
    takes_id: false,
    result: ResultShape::OrganizationPage,
};
/// `GET /organizations/{id}`.
pub const GET: Operation = Operation {
    method: Method::Get,
    action: None,
    takes_id: true,
    result: ResultShape::Organization,
};
/// `PUT /organizations/{id}`: today the API applies only `name`.
pub const UPDATE: Operation = Operation {
    method: Method::Put,
    action: None,
    takes_id: true,
    result: ResultShape::Organization,
};
/// `DELETE /organizations/{id}`: refused while it holds sub-organizations or accounts.
pub const DELETE: Operation = Operation {
    method: Method::Delete,
    action: None,
    takes_id: true,
    result: ResultShape::Deleted,
};
/// `GET /organizations/{id}/accounts`, one page.
pub const LIST_ACCOUNTS: Operation = Operation {
    method: Method::Get,
    action: Some("accounts"),
    takes_id: true,
    result: ResultShape::AccountPage,
};
/// `GET /organizations/{id}/profile`.
pub const GET_PROFILE: Operation = Operation {
    method: Method::Get,
    action: Some("profile"),
    takes_id: true,
    result: ResultShape::Profile,
};
/// `PUT /organizations/{id}/profile`: answers 204.
pub const UPDATE_PROFILE: Operation = Operation {
    method: Method::Put,
    action: Some("profile"),
    takes_id: true,
    result: ResultShape::NoContent,
};

/// A call ready to send: the operation, its path after the base URL, its encoded query
/// (without `?`) and its JSON body.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    pub operation: Operation,
    pub path: String,
    pub query: String,
    pub body: Option<String>,
}

impl Endpoint {
    /// `id` is the organization id as the caller gave it (validated and encoded here).
    pub fn new<V: Json>(
        operation: Operation,
        id: Option<&V>,
        query: String,
        body: Option<String>,
    ) -> Result<Endpoint, Error> {
        let id = match (operation.takes_id, id) {
            (true, Some(id)) => Some(organization_id(id)?),
            (true, None) => return Err(Error::validation("id", "is required")),
            (false, _) => None,
        };
        Ok(Endpoint {
            operation,
            path: path_for(id.as_deref(), operation.action),
            query,
            body,
        })
    }
}

/// Validates an organization id given by a caller and encodes it as one path segment.
pub fn organization_id<V: Json>(id: &V) -> Result<String, Error> {
    match id.as_str() {
        Some(id) => path_segment("id", &id),
        None => Err(Error::validation(
            "id",
            must_be("a string", id.kind()).as_str(),
        )),
    }
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

/// "must be a string, not a number".
pub(crate) fn must_be(expected: &str, got: Kind) -> String {
    let mut reason = String::from("must be ");
    reason.push_str(expected);
    reason.push_str(", not ");
    reason.push_str(got.name());
    reason
}
