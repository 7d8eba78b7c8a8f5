//! The organization operations (the seed's eight): validation and semantics.

use hyper::header::HeaderValue;
use hyper::Response;
use serde_json::Value;

use crate::app::{persist_failed, App};
use crate::audit::{Change, Origin};
use crate::body::{
    check_unknown, json_body, missing, not_an_object, unknown, wrong_type, CODE_INVALID_BODY,
};
use crate::http::{self, Body};
use crate::lists;
use crate::store::{AccountFilter, CreateError, DeleteError, NameFilter, OrgFilter, ParentFilter};
use crate::util;
use cloudflare_organizations_core::models::{
    AccountOrder, Direction, Message, OrganizationBody, ParentRef, Profile,
};

// Error codes (documented in emulator/README.md).
pub const CODE_ORG_NOT_FOUND: u32 = 1003;
pub const CODE_NO_PROFILE: u32 = 1004;
pub const CODE_NOT_EMPTY: u32 = 1009;

/// The 404 of an unknown organization.
pub fn not_found(ray: &HeaderValue) -> Response<Body> {
    http::error1(404, ray, CODE_ORG_NOT_FOUND, "Organization not found")
}

/// `GET /organizations/{id}`
pub fn get(app: &App, id: &str, ray: &HeaderValue) -> Response<Body> {
    match app.read().org(id) {
        Some(o) => http::ok(ray, &o.json),
        None => not_found(ray),
    }
}

/// `GET /organizations/{id}/profile`
pub fn get_profile(app: &App, id: &str, ray: &HeaderValue) -> Response<Body> {
    let s = app.read();
    match s.org(id) {
        None => not_found(ray),
        Some(o) => match &o.model.profile {
            Some(p) => http::ok(ray, &serde_json::to_vec(p).unwrap_or_default()),
            None => http::error1(404, ray, CODE_NO_PROFILE, "Organization has no profile"),
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Bodies

fn bad_body(ray: &HeaderValue, errors: Vec<Message>) -> Response<Body> {
    http::error(400, ray, errors)
}

/// The JSON body of a `PUT` to an organization that must exist: 404 first, then body errors.
fn existing_org_body(
    app: &App,
    id: &str,
    parts: &hyper::http::request::Parts,
    body: &[u8],
    ray: &HeaderValue,
) -> Result<Value, Response<Body>> {
    if app.read().org(id).is_none() {
        return Err(not_found(ray));
    }
    json_body(parts, body, ray)
}

/// The profile's fields, in the model's order (all required strings).
fn profile_fields() -> &'static [String] {
    static FIELDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    FIELDS.get_or_init(|| match serde_json::to_value(Profile::default()) {
        Ok(Value::Object(m)) => m.keys().cloned().collect(),
        _ => Vec::new(),
    })
}

fn validate_profile(v: &Value, at: &str, errors: &mut Vec<Message>) -> Option<Profile> {
    let Some(obj) = v.as_object() else {
        errors.push(wrong_type(at, "an object"));
        return None;
    };
    let before = errors.len();
    let fields = profile_fields();
    for k in obj.keys() {
        if !fields.contains(k) {
            errors.push(unknown(&format!("{at}/{}", util::pointer_token(k))));
        }
    }
    for f in fields {
        let p = format!("{at}/{f}");
        match obj.get(f) {
            None => errors.push(missing(&p)),
            Some(Value::String(_)) => {}
            Some(_) => errors.push(wrong_type(&p, "a string")),
        }
    }
    if errors.len() != before {
        return None;
    }
    serde_json::from_value(v.clone()).ok()
}

/// Validates `{name, parent?:{id}, profile?}`; readOnly fields (id, create_time, meta,
/// parent.name) are accepted and ignored.
fn validate_org(v: &Value) -> Result<OrganizationBody, Vec<Message>> {
    let mut errors = Vec::new();
    let Some(obj) = v.as_object() else {
        return Err(vec![not_an_object()]);
    };
    check_unknown(
        obj,
        &["name", "parent", "profile", "id", "create_time", "meta"],
        "",
        &mut errors,
    );
    let name = match obj.get("name") {
        None | Some(Value::Null) => {
            errors.push(missing("/name"));
            None
        }
        Some(Value::String(s)) if s.is_empty() => {
            errors.push(http::message_at(
                CODE_INVALID_BODY,
                "Field name must not be empty",
                "/name",
            ));
            None
        }
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            errors.push(wrong_type("/name", "a string"));
            None
        }
    };
    let parent = match obj.get("parent") {
        None | Some(Value::Null) => None,
        Some(Value::Object(p)) => {
            check_unknown(p, &["id", "name"], "/parent", &mut errors);
            match p.get("id") {
                None => {
                    errors.push(missing("/parent/id"));
                    None
                }
                Some(Value::String(s)) if s.is_empty() => {
                    errors.push(http::message_at(
                        CODE_INVALID_BODY,
                        "Field parent.id must not be empty",
                        "/parent/id",
                    ));
                    None
                }
                Some(Value::String(s)) => Some(s.clone()),
                Some(_) => {
                    errors.push(wrong_type("/parent/id", "a string"));
                    None
                }
            }
        }
        Some(_) => {
            errors.push(wrong_type("/parent", "an object"));
            None
        }
    };
    let profile = match obj.get("profile") {
        None | Some(Value::Null) => None,
        Some(p) => validate_profile(p, "/profile", &mut errors),
    };
    match (errors.is_empty(), name) {
        (true, Some(name)) => Ok(OrganizationBody {
            name,
            parent: parent.map(|id| ParentRef { id }),
            profile,
        }),
        _ => Err(errors),
    }
}

/// The audit entry of a successful change to an organization (or its profile).
fn change(
    org: &str,
    action: &'static str,
    resource_type: &'static str,
    request: Option<Value>,
) -> Change {
    Change {
        org: org.to_owned(),
        action,
        description: match (action, resource_type) {
            ("create", _) => "Create organization",
            ("delete", _) => "Delete organization",
            (_, "organization_profile") => "Update organization profile",
            _ => "Update organization",
        },
        resource_type,
        resource_id: Some(org.to_owned()),
        request,
    }
}

/// `POST /organizations`
pub async fn create(
    app: &App,
    parts: &hyper::http::request::Parts,
    body: &[u8],
    ray: &HeaderValue,
    origin: &Origin,
) -> Response<Body> {
    let v = match json_body(parts, body, ray) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let input = match validate_org(&v) {
        Ok(i) => i,
        Err(e) => return bad_body(ray, e),
    };
    let now = util::rfc3339_millis(util::now_millis());
    let (generation, json) = {
        let mut s = app.write();
        let parent = input.parent.map(|p| p.id);
        match s.create_org(input.name, parent.clone(), input.profile, now) {
            Ok(o) => {
                let (id, json) = (o.model.id.clone(), o.json.clone());
                s.record(origin.log(200, change(&id, "create", "organization", Some(v))));
                (s.generation, json)
            }
            Err(CreateError::ParentNotFound) => {
                return http::error(
                    404,
                    ray,
                    vec![http::message_at(
                        CODE_ORG_NOT_FOUND,
                        format!(
                            "Parent organization not found: {}",
                            parent.unwrap_or_default()
                        ),
                        "/parent/id",
                    )],
                )
            }
        }
    };
    if app.commit(generation).await.is_err() {
        return persist_failed(ray);
    }
    http::ok(ray, &json)
}

/// `PUT /organizations/{id}`
pub async fn update(
    app: &App,
    id: &str,
    parts: &hyper::http::request::Parts,
    body: &[u8],
    ray: &HeaderValue,
    origin: &Origin,
) -> Response<Body> {
    let v = match existing_org_body(app, id, parts, body, ray) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let input = match validate_org(&v) {
        Ok(i) => i,
        Err(e) => return bad_body(ray, e),
    };
    let (generation, json) = {
        let mut s = app.write();
        match s.rename_org(id, input.name) {
            Some(o) => {
                let json = o.json.clone();
                s.record(origin.log(200, change(id, "update", "organization", Some(v))));
                (s.generation, json)
            }
            None => return not_found(ray),
        }
    };
    if app.commit(generation).await.is_err() {
        return persist_failed(ray);
    }
    http::ok(ray, &json)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `DELETE /organizations/{id}`
pub async fn delete(app: &App, id: &str, ray: &HeaderValue, origin: &Origin) -> Response<Body> {
    let generation = {
        let mut s = app.write();
        match s.delete_org(id) {
            Ok(()) => {
                s.record(origin.log(200, change(id, "delete", "organization", None)));
                s.generation
            }
            Err(DeleteError::NotFound) => return not_found(ray),
            Err(DeleteError::NotEmpty {
                children,
                accounts,
                users,
            }) => {
                let mut held = Vec::new();
                if children > 0 {
                    held.push(plural(children, "sub-organization", "sub-organizations"));
                }
                if accounts > 0 {
                    held.push(plural(accounts, "account", "accounts"));
                }
                if users > 0 {
                    held.push(plural(users, "user", "users"));
                }
                return http::error1(
                    409,
                    ray,
                    CODE_NOT_EMPTY,
                    format!(
                        "Organization is not empty: it still holds {}. Move or delete them first.",
                        held.join(" and ")
                    ),
                );
            }
        }
    };
    if app.commit(generation).await.is_err() {
        return persist_failed(ray);
    }
    let mut result = b"{\"id\":".to_vec();
    result.extend_from_slice(&serde_json::to_vec(id).unwrap_or_default());
    result.push(b'}');
    http::ok(ray, &result)
}

/// `PUT /organizations/{id}/profile`: 204.
pub async fn update_profile(
    app: &App,
    id: &str,
    parts: &hyper::http::request::Parts,
    body: &[u8],
    ray: &HeaderValue,
    origin: &Origin,
) -> Response<Body> {
    let v = match existing_org_body(app, id, parts, body, ray) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let mut errors = Vec::new();
    let profile = if v.is_object() {
        validate_profile(&v, "", &mut errors)
    } else {
        errors.push(not_an_object());
        None
    };
    let Some(profile) = profile else {
        return bad_body(ray, errors);
    };
    let generation = {
        let mut s = app.write();
        if !s.set_profile(id, profile) {
            return not_found(ray);
        }
        s.record(origin.log(204, change(id, "update", "organization_profile", Some(v))));
        s.generation
    };
    if app.commit(generation).await.is_err() {
        return persist_failed(ray);
    }
    http::no_content(ray)
}

// ---------------------------------------------------------------------------------------------
// Lists

const ORG_PARAMS: [&str; 9] = [
    "id",
    "name",
    "name.startsWith",
    "name.endsWith",
    "name.contains",
    "containing.account",
    "containing.user",
    "containing.organization",
    "parent.id",
];

pub fn list_orgs(app: &App, query: &str, ray: &HeaderValue) -> Response<Body> {
    let (params, paging) =
        match lists::token_paging(query, &ORG_PARAMS, &["id"], "orgs".to_owned(), ray) {
            Ok(x) => x,
            Err(r) => return r,
        };
    let mut f = OrgFilter::default();
    for (k, v) in params {
        match k.as_str() {
            "id" => f.ids.get_or_insert_with(Vec::new).push(v),
            "name" => f.name = Some(v),
            "name.startsWith" => f.starts_with = Some(v.to_lowercase()),
            "name.endsWith" => f.ends_with = Some(v.to_lowercase()),
            "name.contains" => f.contains = Some(v.to_lowercase()),
            "containing.account" => f.containing_account = Some(v),
            "containing.user" => f.containing_user = Some(v),
            "containing.organization" => f.containing_org = Some(v),
            "parent.id" => {
                f.parent = Some(match v.as_str() {
                    "null" => ParentFilter::Root,
                    "" => {
                        return lists::bad_query(
                            ray,
                            "Query parameter parent.id must be an organization id or null".into(),
                        )
                    }
                    _ => ParentFilter::Id(v),
                })
            }
            _ => {}
        }
    }
    let page = app.read().list_orgs(&f, paging.after, paging.page_size);
    paging.answer(ray, page)
}

const ACCOUNT_PARAMS: [&str; 10] = [
    "name",
    "name.startsWith",
    "name.endsWith",
    "name.contains",
    "account_pubname",
    "account_pubname.startsWith",
    "account_pubname.endsWith",
    "account_pubname.contains",
    "order_by",
    "direction",
];

pub fn list_accounts(app: &App, id: &str, query: &str, ray: &HeaderValue) -> Response<Body> {
    let kind = format!("accounts:{id}");
    let (params, paging) = match lists::token_paging(query, &ACCOUNT_PARAMS, &[], kind, ray) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let mut f = AccountFilter::default();
    for (k, v) in params {
        let lower = v.to_lowercase();
        let (target, op): (&mut NameFilter, &str) = match k.split_once('.') {
            Some(("name", op)) => (&mut f.name, op),
            Some(("account_pubname", op)) => (&mut f.pubname, op),
            _ => match k.as_str() {
                "name" => (&mut f.name, "eq"),
                "account_pubname" => (&mut f.pubname, "eq"),
                "order_by" => {
                    if let Err(r) = lists::enum_value::<AccountOrder>("order_by", &v, ray) {
                        return r;
                    }
                    f.by_name = true;
                    continue;
                }
                "direction" => {
                    f.desc = match lists::descending(Some(v), Direction::Asc, ray) {
                        Ok(d) => d,
                        Err(r) => return r,
                    };
                    continue;
                }
                _ => continue,
            },
        };
        match op {
            "eq" => target.equals = Some(lower),
            "startsWith" => target.starts_with = Some(lower),
            "endsWith" => target.ends_with = Some(lower),
            _ => target.contains = Some(lower),
        }
    }
    let s = app.read();
    let Some(org) = s.org(id) else {
        return not_found(ray);
    };
    let Some(page) = s.list_accounts(org, &f, paging.after, paging.page_size) else {
        return lists::bad_token(ray, "page_token");
    };
    drop(s);
    paging.answer(ray, page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_messages() {
        let v: Value = serde_json::json!({"name": "x", "profile": {"business_name": "a", "bussiness_email": 1}});
        let e = validate_org(&v).err().unwrap();
        let pointers: Vec<_> = e
            .iter()
            .map(|e| e.source.as_ref().unwrap().pointer.clone().unwrap())
            .collect();
        assert!(
            pointers.contains(&"/profile/bussiness_email".to_owned()),
            "{pointers:?}"
        );
        assert!(
            pointers.contains(&"/profile/business_email".to_owned()),
            "{pointers:?}"
        );
        assert!(e
            .iter()
            .any(|e| e.message == "Missing required field: profile.business_email"));
        let ok: Value = serde_json::json!({"name": "x", "id": "ignored", "meta": {}, "parent": {"id": "p", "name": "ignored"}});
        assert_eq!(validate_org(&ok).ok().unwrap().parent.unwrap().id, "p");
    }
}
