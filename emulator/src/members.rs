//! Members of an organization: list (status and email filters, page tokens), get, create,
//! batch create and delete.

use std::collections::{BTreeMap, HashMap};

use bytes::Bytes;
use hyper::header::HeaderValue;
use hyper::Response;
use serde_json::Value;

use crate::api::not_found;
use crate::app::{persist_failed, App};
use crate::audit::{Change, Origin};
use crate::body::{
    check_unknown, json_body, missing, not_an_object, wrong_type, CODE_INVALID_BODY,
};
use crate::http::{self, Body};
use crate::lists::{self, Page, PageBuffer};
use crate::util;
use cloudflare_organizations_core::models::member::{MAX_BATCH, MEMBER_STATUSES};
use cloudflare_organizations_core::models::Message;
use cloudflare_organizations_core::models::{
    Member, MemberUser, NewMember, NewMemberStatus, NewMemberUser,
};

pub const CODE_MEMBER_NOT_FOUND: u32 = 1005;
pub const CODE_ALREADY_MEMBER: u32 = 1011;

/// One stored member: its organization, its email lower-cased (for the filters) and its JSON.
pub struct MemberRow {
    pub seq: u64,
    pub org_id: String,
    email_lower: String,
    pub model: Member,
    json: Bytes,
}

impl MemberRow {
    pub fn json(&self) -> &[u8] {
        &self.json
    }
}

#[derive(Default)]
pub struct Members {
    rows: BTreeMap<u64, MemberRow>,
    ids: HashMap<String, u64>,
}

/// The user a member's email stands for: the same id as the seeded users, a name from the
/// email's local part (`jane.doe@...` is `Jane Doe`), 2FA on for some.
pub fn user_for(email: &str) -> MemberUser {
    let local = email.split('@').next().unwrap_or(email);
    let name = local
        .split(['.', '_', '-', '+'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    MemberUser {
        id: crate::seed::user_id(&email.to_lowercase()),
        email: email.to_owned(),
        name,
        two_factor_authentication_enabled: util::fnv64(email.as_bytes()) % 3 != 0,
    }
}

impl Members {
    pub fn insert(&mut self, seq: u64, org_id: &str, model: Member) -> &Member {
        let json = Bytes::from(serde_json::to_vec(&model).unwrap_or_default());
        self.ids.insert(model.id.clone(), seq);
        let row = MemberRow {
            seq,
            org_id: org_id.to_owned(),
            email_lower: model.user.email.to_lowercase(),
            model,
            json,
        };
        self.rows.insert(seq, row);
        &self.rows[&seq].model
    }

    pub fn get(&self, org_id: &str, id: &str) -> Option<&MemberRow> {
        let row = self.ids.get(id).and_then(|s| self.rows.get(s))?;
        (row.org_id == org_id).then_some(row)
    }

    pub fn remove(&mut self, org_id: &str, id: &str) -> bool {
        let Some(seq) = self.get(org_id, id).map(|r| r.seq) else {
            return false;
        };
        self.rows.remove(&seq);
        self.ids.remove(id);
        true
    }

    /// Removes every member of a deleted organization.
    pub fn remove_org(&mut self, org_id: &str) {
        let gone: Vec<u64> = self
            .rows
            .values()
            .filter(|r| r.org_id == org_id)
            .map(|r| r.seq)
            .collect();
        for seq in gone {
            if let Some(r) = self.rows.remove(&seq) {
                self.ids.remove(&r.model.id);
            }
        }
    }

    /// Whether `email` is already an active or invited member of the organization.
    fn holds(&self, org_id: &str, email_lower: &str) -> bool {
        self.rows.values().any(|r| {
            r.org_id == org_id
                && r.email_lower == email_lower
                && matches!(r.model.status.as_str(), "active" | "pending")
        })
    }

    pub fn rows(&self) -> impl Iterator<Item = &MemberRow> {
        self.rows.values()
    }

    pub fn count(&self) -> usize {
        self.rows.len()
    }
}

// ---------------------------------------------------------------------------------------------
// List

const LIST_PARAMS: [&str; 5] = [
    "status",
    "user.email",
    "user.email.contains",
    "user.email.startsWith",
    "user.email.endsWith",
];

/// `GET /organizations/{id}/members`
pub fn list(app: &App, org: &str, query: &str, ray: &HeaderValue) -> Response<Body> {
    let kind = format!("members:{org}");
    let (params, paging) = match lists::token_paging(query, &LIST_PARAMS, &["status"], kind, ray) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let mut statuses: Vec<&str> = Vec::new();
    for (k, v) in &params {
        if k == "status" {
            if let Err(r) = lists::check_listed("status", v, MEMBER_STATUSES, ray) {
                return r;
            }
            statuses.push(v);
        }
    }
    let email = |key: &str| {
        params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.to_lowercase())
    };
    let (exact, contains, starts, ends) = (
        email("user.email"),
        email("user.email.contains"),
        email("user.email.startsWith"),
        email("user.email.endsWith"),
    );
    let keep = |r: &MemberRow| {
        r.org_id == org
            && (statuses.is_empty() || statuses.contains(&r.model.status.as_str()))
            && exact.as_deref().is_none_or(|v| r.email_lower == v)
            && contains
                .as_deref()
                .is_none_or(|v| r.email_lower.contains(v))
            && starts
                .as_deref()
                .is_none_or(|v| r.email_lower.starts_with(v))
            && ends.as_deref().is_none_or(|v| r.email_lower.ends_with(v))
    };
    let s = app.read();
    if s.org(org).is_none() {
        return not_found(ray);
    }
    let rows = s
        .members
        .rows
        .values()
        .filter(|r| keep(r))
        .map(|r| (r.seq, &r.json[..]));
    let page = Page::of(rows, paging.after, paging.page_size, 250);
    drop(s);
    paging.answer(ray, page)
}

/// `GET /organizations/{id}/members/{memberId}`
pub fn get(app: &App, org: &str, id: &str, ray: &HeaderValue) -> Response<Body> {
    let s = app.read();
    if s.org(org).is_none() {
        return not_found(ray);
    }
    match s.members.get(org, id) {
        Some(r) => http::ok(ray, &r.json),
        None => member_not_found(ray),
    }
}

fn member_not_found(ray: &HeaderValue) -> Response<Body> {
    http::error1(404, ray, CODE_MEMBER_NOT_FOUND, "Member not found")
}

// ---------------------------------------------------------------------------------------------
// Create, batch create, delete

/// The status a new member starts with: the one asked for, else `pending` (invited).
fn status_of(m: &NewMember) -> String {
    m.status
        .and_then(|s| serde_json::to_value(s).ok())
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "pending".to_owned())
}

/// Validates `{user: {email}, status?}` at `at` (a JSON pointer).
fn new_member(v: &Value, at: &str, errors: &mut Vec<Message>) -> Option<NewMember> {
    let Some(obj) = v.as_object() else {
        errors.push(wrong_type(at, "an object"));
        return None;
    };
    let before = errors.len();
    check_unknown(obj, &["user", "status"], at, errors);
    let status = match obj.get("status") {
        None | Some(Value::Null) => Some(None),
        Some(s @ Value::String(_)) => match serde_json::from_value::<NewMemberStatus>(s.clone()) {
            Ok(status) => Some(Some(status)),
            Err(e) => {
                errors.push(http::message_at(
                    CODE_INVALID_BODY,
                    format!("Field {}: {e}", dotted_at(at, "status")),
                    format!("{at}/status"),
                ));
                None
            }
        },
        Some(_) => {
            errors.push(wrong_type(&format!("{at}/status"), "a string"));
            None
        }
    };
    let email = match obj.get("user") {
        None | Some(Value::Null) => {
            errors.push(missing(&format!("{at}/user")));
            None
        }
        Some(Value::Object(u)) => {
            let p = format!("{at}/user/email");
            check_unknown(u, &["email"], &format!("{at}/user"), errors);
            match u.get("email") {
                None | Some(Value::Null) => {
                    errors.push(missing(&p));
                    None
                }
                Some(Value::String(e)) if looks_like_email(e) => Some(e.clone()),
                Some(Value::String(_)) => {
                    errors.push(http::message_at(
                        CODE_INVALID_BODY,
                        format!(
                            "Field {} must be an email address",
                            dotted_at(at, "user.email")
                        ),
                        p,
                    ));
                    None
                }
                Some(_) => {
                    errors.push(wrong_type(&p, "a string"));
                    None
                }
            }
        }
        Some(_) => {
            errors.push(wrong_type(&format!("{at}/user"), "an object"));
            None
        }
    };
    match (errors.len() == before, email, status) {
        (true, Some(email), Some(status)) => Some(NewMember {
            user: NewMemberUser { email },
            status,
        }),
        _ => None,
    }
}

fn dotted_at(at: &str, field: &str) -> String {
    let prefix = at.trim_start_matches('/').replace('/', ".");
    if prefix.is_empty() {
        field.to_owned()
    } else {
        format!("{prefix}.{field}")
    }
}

fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && !domain.is_empty() && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// The members a create or batch create asks for, or the 400.
fn parse_request(
    batch: bool,
    v: &Value,
    ray: &HeaderValue,
) -> Result<Vec<NewMember>, Response<Body>> {
    let mut errors = Vec::new();
    let key = if batch { "members" } else { "member" };
    let Some(obj) = v.as_object() else {
        return Err(http::error(400, ray, vec![not_an_object()]));
    };
    check_unknown(obj, &[key], "", &mut errors);
    let mut out = Vec::new();
    match (obj.get(key), batch) {
        (None | Some(Value::Null), _) => errors.push(missing(&format!("/{key}"))),
        (Some(m), false) => out.extend(new_member(m, "/member", &mut errors)),
        (Some(Value::Array(list)), true) => {
            if list.is_empty() || list.len() > MAX_BATCH {
                errors.push(http::message_at(
                    CODE_INVALID_BODY,
                    format!(
                        "Field members must hold 1 to {MAX_BATCH} members, got {}",
                        list.len()
                    ),
                    "/members",
                ));
            }
            for (i, m) in list.iter().enumerate() {
                out.extend(new_member(m, &format!("/members/{i}"), &mut errors));
            }
        }
        (Some(_), true) => errors.push(wrong_type("/members", "an array")),
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(http::error(400, ray, errors))
    }
}

/// `POST /organizations/{id}/members` (`batch`: `.../members:batchCreate`).
pub async fn create(
    app: &App,
    org: &str,
    batch: bool,
    parts: &hyper::http::request::Parts,
    body: &[u8],
    ray: &HeaderValue,
    origin: &Origin,
) -> Response<Body> {
    if app.read().org(org).is_none() {
        return not_found(ray);
    }
    let v = match json_body(parts, body, ray) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let wanted = match parse_request(batch, &v, ray) {
        Ok(w) => w,
        Err(r) => return r,
    };
    let now = util::rfc3339_millis(util::now_millis());
    let (generation, results) = {
        let mut s = app.write();
        if s.org(org).is_none() {
            return not_found(ray);
        }
        let mut seen: Vec<String> = Vec::new();
        for m in &wanted {
            let lower = m.user.email.to_lowercase();
            if s.members.holds(org, &lower) || seen.contains(&lower) {
                return http::error1(
                    409,
                    ray,
                    CODE_ALREADY_MEMBER,
                    format!(
                        "{} is already a member of this organization (or invited)",
                        m.user.email
                    ),
                );
            }
            seen.push(lower);
        }
        let mut results: Vec<Vec<u8>> = Vec::with_capacity(wanted.len());
        for m in wanted {
            let seq = s.take_seq();
            let member = Member {
                id: util::new_id(),
                status: status_of(&m),
                user: user_for(&m.user.email),
                meta: Default::default(),
                create_time: now.clone(),
                update_time: now.clone(),
            };
            let request = serde_json::to_value(&m).ok();
            let member = s.members.insert(seq, org, member).clone();
            results.push(serde_json::to_vec(&member).unwrap_or_default());
            s.record(origin.log(
                200,
                Change {
                    org: org.to_owned(),
                    action: "create",
                    description: "Add member",
                    resource_type: "member",
                    resource_id: Some(member.id),
                    request,
                },
            ));
        }
        (s.generation, results)
    };
    if app.commit(generation).await.is_err() {
        return persist_failed(ray);
    }
    if batch {
        let mut page = PageBuffer::new(results.iter().map(Vec::len).sum());
        for r in &results {
            page.push(r);
        }
        http::json(200, ray, page.close())
    } else {
        http::ok(ray, results.first().map_or(&b"null"[..], |r| r.as_slice()))
    }
}

/// `DELETE /organizations/{id}/members/{memberId}`: 204.
pub async fn delete(
    app: &App,
    org: &str,
    id: &str,
    ray: &HeaderValue,
    origin: &Origin,
) -> Response<Body> {
    let generation = {
        let mut s = app.write();
        if s.org(org).is_none() {
            return not_found(ray);
        }
        if !s.members.remove(org, id) {
            return member_not_found(ray);
        }
        s.record(origin.log(
            204,
            Change {
                org: org.to_owned(),
                action: "delete",
                description: "Remove member",
                resource_type: "member",
                resource_id: Some(id.to_owned()),
                request: None,
            },
        ));
        s.generation
    };
    if app.commit(generation).await.is_err() {
        return persist_failed(ray);
    }
    http::no_content(ray)
}
