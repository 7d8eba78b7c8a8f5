//! The in-memory data: organizations, their accounts, profiles and users, and (in their own
//! modules) members, shares and the audit trail; each stored as the core's model.
//!
//! Every stored object keeps its JSON rendering cached, so a list page is a concatenation of
//! ready bytes (re-rendered only when the object, or its parent's name, changes).

use std::collections::{BTreeMap, HashMap};

use bytes::Bytes;
use serde::{Deserialize, Serialize};

use crate::audit::AuditTrail;
use crate::lists::{Page, PageBuffer};
use crate::members::Members;
use crate::shares::Shares;
use crate::util;
use cloudflare_organizations_core::models::{
    Account as AccountModel, AuditLog, Member, Organization, OrganizationFlags, OrganizationMeta,
    ParentOrganization, Profile, Share,
};

fn on_off(b: bool) -> String {
    if b { "enabled" } else { "disabled" }.to_owned()
}

/// Flags from bits, in the order: account_creation, account_deletion, account_migration,
/// account_mobility, sub_org_creation, enterprise_capability, member_management.
pub fn flags(b: [bool; 7]) -> OrganizationFlags {
    OrganizationFlags {
        account_creation: on_off(b[0]),
        account_deletion: on_off(b[1]),
        account_migration: on_off(b[2]),
        account_mobility: on_off(b[3]),
        sub_org_creation: on_off(b[4]),
        enterprise_capability: Some(on_off(b[5])),
        member_management: Some(on_off(b[6])),
        account_creation_applies_tenant_defaults: None,
    }
}

/// The flags of an organization created through the API.
pub fn new_org_flags() -> OrganizationFlags {
    flags([true, true, false, false, true, false, true])
}

/// A stored organization: the model it answers with, and what the store indexes it by.
pub struct Org {
    pub seq: u64,
    pub model: Organization,
    pub name_lower: String,
    /// The parent's id (the model's `parent` also carries its current name).
    pub parent: Option<String>,
    pub children: Vec<String>,
    /// Account seqs, in creation order.
    pub accounts: Vec<u64>,
    pub users: Vec<String>,
    pub json: Bytes,
}

impl Org {
    /// Ids from the root down to this organization itself.
    pub fn tags(&self) -> &[String] {
        self.model
            .meta
            .hierarchy_tags
            .as_deref()
            .unwrap_or_default()
    }
}

/// A stored account: its model, its organization, and its lower-cased name for the filters.
pub struct Account {
    pub seq: u64,
    pub org_id: String,
    pub name_lower: String,
    pub model: AccountModel,
    pub json: Bytes,
}

impl Account {
    fn new(seq: u64, org_id: String, model: AccountModel) -> Account {
        let json = Bytes::from(serde_json::to_vec(&model).unwrap_or_default());
        Account {
            seq,
            org_id,
            name_lower: model.name.as_deref().unwrap_or_default().to_lowercase(),
            model,
            json,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Persistence format (the emulator's own file: the models' parts, and what links them)

#[derive(Serialize, Deserialize)]
pub struct OrgRecord {
    pub seq: u64,
    pub id: String,
    pub name: String,
    pub create_time: String,
    pub parent_id: Option<String>,
    pub profile: Option<Profile>,
    pub flags: OrganizationFlags,
    pub managed_by: String,
}

#[derive(Serialize, Deserialize)]
pub struct AccountRecord {
    pub seq: u64,
    pub organization_id: String,
    #[serde(flatten)]
    pub account: AccountModel,
}

#[derive(Serialize, Deserialize)]
pub struct UserRecord {
    pub id: String,
    pub organization_ids: Vec<String>,
}

#[derive(Serialize, Deserialize)]
pub struct MemberRecord {
    pub seq: u64,
    pub organization_id: String,
    pub member: Member,
}

#[derive(Serialize, Deserialize)]
pub struct ShareRecord {
    pub seq: u64,
    pub share: Share,
}

#[derive(Serialize, Deserialize)]
pub struct AuditRecord {
    pub seq: u64,
    pub log: AuditLog,
}

#[derive(Serialize, Deserialize)]
pub struct Snapshot {
    pub format: String,
    pub next_seq: u64,
    pub organizations: Vec<OrgRecord>,
    pub accounts: Vec<AccountRecord>,
    pub users: Vec<UserRecord>,
    /// The newer resources: absent from files written before they existed.
    #[serde(default)]
    pub members: Vec<MemberRecord>,
    #[serde(default)]
    pub shares: Vec<ShareRecord>,
    #[serde(default)]
    pub audit_logs: Vec<AuditRecord>,
}

pub const SNAPSHOT_FORMAT: &str = "cf-orgs-emulator/1";

// ---------------------------------------------------------------------------------------------
// Filters

pub enum ParentFilter {
    Root,
    Id(String),
}

#[derive(Default)]
pub struct OrgFilter {
    pub ids: Option<Vec<String>>,
    pub name: Option<String>,
    pub starts_with: Option<String>,
    pub ends_with: Option<String>,
    pub contains: Option<String>,
    pub containing_account: Option<String>,
    pub containing_user: Option<String>,
    pub containing_org: Option<String>,
    pub parent: Option<ParentFilter>,
}

impl OrgFilter {
    pub fn is_empty(&self) -> bool {
        self.ids.is_none()
            && self.name.is_none()
            && self.starts_with.is_none()
            && self.ends_with.is_none()
            && self.contains.is_none()
            && self.containing_account.is_none()
            && self.containing_user.is_none()
            && self.containing_org.is_none()
            && self.parent.is_none()
    }
}

#[derive(Default)]
pub struct NameFilter {
    /// All lower-cased: matching is case-insensitive.
    pub equals: Option<String>,
    pub starts_with: Option<String>,
    pub ends_with: Option<String>,
    pub contains: Option<String>,
}

impl NameFilter {
    fn matches(&self, lower: &str) -> bool {
        self.equals.as_deref().is_none_or(|v| lower == v)
            && self
                .starts_with
                .as_deref()
                .is_none_or(|v| lower.starts_with(v))
            && self.ends_with.as_deref().is_none_or(|v| lower.ends_with(v))
            && self.contains.as_deref().is_none_or(|v| lower.contains(v))
    }
}

#[derive(Default)]
pub struct AccountFilter {
    pub name: NameFilter,
    pub pubname: NameFilter,
    pub by_name: bool,
    pub desc: bool,
}

/// Why a create could not happen.
pub enum CreateError {
    ParentNotFound,
}

/// Why a delete could not happen.
pub enum DeleteError {
    NotFound,
    NotEmpty {
        children: usize,
        accounts: usize,
        users: usize,
    },
}

// ---------------------------------------------------------------------------------------------
// The store

#[derive(Default)]
pub struct Store {
    orgs: BTreeMap<u64, Org>,
    org_ids: HashMap<String, u64>,
    accounts: BTreeMap<u64, Account>,
    account_ids: HashMap<String, u64>,
    users: BTreeMap<String, Vec<String>>,
    pub members: Members,
    pub shares: Shares,
    pub audit: AuditTrail,
    next_seq: u64,
    /// Bumped by every mutation; persistence acknowledges generations.
    pub generation: u64,
}

impl Store {
    pub fn new() -> Store {
        Store {
            next_seq: 1,
            ..Store::default()
        }
    }

    pub fn org_count(&self) -> usize {
        self.orgs.len()
    }

    pub fn account_count(&self) -> usize {
        self.accounts.len()
    }

    pub fn take_seq(&mut self) -> u64 {
        let s = self.next_seq;
        self.next_seq += 1;
        s
    }

    /// Appends an audit log entry (a change to persist like any other).
    pub fn record(&mut self, log: AuditLog) {
        let seq = self.take_seq();
        self.audit.push(seq, log);
        self.generation += 1;
    }

    pub fn org(&self, id: &str) -> Option<&Org> {
        self.org_ids.get(id).and_then(|s| self.orgs.get(s))
    }

    fn org_mut(&mut self, id: &str) -> Option<&mut Org> {
        match self.org_ids.get(id) {
            Some(s) => self.orgs.get_mut(s),
            None => None,
        }
    }

    fn fresh_org_id(&self) -> String {
        loop {
            let id = util::new_id();
            if !self.org_ids.contains_key(&id) {
                return id;
            }
        }
    }

    fn fresh_account_id(&self) -> String {
        loop {
            let id = util::new_id();
            if !self.account_ids.contains_key(&id) {
                return id;
            }
        }
    }

    fn rerender(&mut self, id: &str) {
        let Some(seq) = self.org_ids.get(id).copied() else {
            return;
        };
        let parent = self
            .orgs
            .get(&seq)
            .and_then(|o| o.parent.as_deref())
            .and_then(|p| self.org(p))
            .map(|p| ParentOrganization {
                id: p.model.id.clone(),
                name: p.model.name.clone(),
            });
        if let Some(o) = self.orgs.get_mut(&seq) {
            o.model.parent = parent;
            o.json = Bytes::from(serde_json::to_vec(&o.model).unwrap_or_default());
        }
    }

    /// Inserts an organization (the parent must exist). Returns its id.
    fn insert_org(&mut self, r: OrgRecord) -> Result<String, CreateError> {
        let mut tags = match &r.parent_id {
            Some(p) => match self.org(p) {
                Some(po) => po.tags().to_vec(),
                None => return Err(CreateError::ParentNotFound),
            },
            None => Vec::new(),
        };
        tags.push(r.id.clone());
        if let Some(p) = &r.parent_id {
            if let Some(po) = self.org_mut(p) {
                po.children.push(r.id.clone());
            }
        }
        let id = r.id.clone();
        let org = Org {
            seq: r.seq,
            name_lower: r.name.to_lowercase(),
            model: Organization {
                id: r.id,
                name: r.name,
                create_time: r.create_time,
                meta: OrganizationMeta {
                    tenant_flags: Some(r.flags),
                    flags: None,
                    hierarchy_tags: Some(tags),
                    managed_by: Some(r.managed_by),
                },
                parent: None,
                profile: r.profile,
            },
            parent: r.parent_id,
            children: Vec::new(),
            accounts: Vec::new(),
            users: Vec::new(),
            json: Bytes::new(),
        };
        self.org_ids.insert(id.clone(), r.seq);
        self.orgs.insert(r.seq, org);
        if r.seq >= self.next_seq {
            self.next_seq = r.seq + 1;
        }
        self.rerender(&id);
        Ok(id)
    }

    /// Creates an organization with a new id (now, the default flags).
    pub fn create_org(
        &mut self,
        name: String,
        parent: Option<String>,
        profile: Option<Profile>,
        create_time: String,
    ) -> Result<&Org, CreateError> {
        if let Some(p) = &parent {
            if self.org(p).is_none() {
                return Err(CreateError::ParentNotFound);
            }
        }
        let seq = self.take_seq();
        let id = self.fresh_org_id();
        let id = self.insert_org(OrgRecord {
            seq,
            id,
            name,
            create_time,
            parent_id: parent,
            profile,
            flags: new_org_flags(),
            managed_by: String::new(),
        })?;
        self.generation += 1;
        self.org(&id).ok_or(CreateError::ParentNotFound)
    }

    /// Seeds an organization (its `seq` is taken here).
    pub fn seed_org(&mut self, mut r: OrgRecord) {
        r.seq = self.take_seq();
        let _ = self.insert_org(r);
    }

    pub fn rename_org(&mut self, id: &str, name: String) -> Option<&Org> {
        let o = self.org_mut(id)?;
        o.name_lower = name.to_lowercase();
        o.model.name = name;
        let children = o.children.clone();
        self.rerender(id);
        for c in &children {
            self.rerender(c);
        }
        self.generation += 1;
        self.org(id)
    }

    pub fn set_profile(&mut self, id: &str, profile: Profile) -> bool {
        let Some(o) = self.org_mut(id) else {
            return false;
        };
        o.model.profile = Some(profile);
        self.rerender(id);
        self.generation += 1;
        true
    }

    pub fn delete_org(&mut self, id: &str) -> Result<(), DeleteError> {
        let o = self.org(id).ok_or(DeleteError::NotFound)?;
        if !o.children.is_empty() || !o.accounts.is_empty() || !o.users.is_empty() {
            return Err(DeleteError::NotEmpty {
                children: o.children.len(),
                accounts: o.accounts.len(),
                users: o.users.len(),
            });
        }
        let seq = o.seq;
        let parent = o.parent.clone();
        self.orgs.remove(&seq);
        self.org_ids.remove(id);
        self.members.remove_org(id);
        self.shares.remove_org(id);
        if let Some(p) = parent {
            if let Some(po) = self.org_mut(&p) {
                po.children.retain(|c| c != id);
            }
        }
        self.generation += 1;
        Ok(())
    }

    /// Adds an account to an organization (a new id unless `model.id` is set). Returns None if
    /// the organization does not exist.
    pub fn add_account(&mut self, org_id: &str, mut model: AccountModel) -> Option<&Account> {
        self.org(org_id)?;
        let seq = self.take_seq();
        if model.id.is_empty() {
            model.id = self.fresh_account_id();
        }
        self.account_ids.insert(model.id.clone(), seq);
        self.accounts
            .insert(seq, Account::new(seq, org_id.to_owned(), model));
        if let Some(o) = self.org_mut(org_id) {
            o.accounts.push(seq);
        }
        self.generation += 1;
        self.accounts.get(&seq)
    }

    /// An organization's own accounts, in creation order.
    pub fn accounts_of<'a>(&'a self, org: &'a Org) -> impl Iterator<Item = &'a Account> {
        org.accounts.iter().filter_map(|s| self.accounts.get(s))
    }

    pub fn add_user(&mut self, user_id: &str, org_id: &str) {
        if let Some(o) = self.org_mut(org_id) {
            o.users.push(user_id.to_owned());
            self.users
                .entry(user_id.to_owned())
                .or_default()
                .push(org_id.to_owned());
            self.generation += 1;
        }
    }

    // -----------------------------------------------------------------------------------------
    // Listing

    pub fn list_orgs(&self, f: &OrgFilter, after: u64, page_size: usize) -> Page {
        if f.is_empty() {
            // No filter: the total is known and the page is a range of the ordered map.
            let mut items = PageBuffer::new(page_size.min(self.orgs.len()) * 400);
            let mut it = self.orgs.range(after.saturating_add(1)..);
            let mut last = 0;
            for (seq, o) in it.by_ref().take(page_size) {
                items.push(&o.json);
                last = *seq;
            }
            let more = it.next().is_some();
            return Page {
                items,
                total: self.orgs.len(),
                next: if more { Some(last) } else { None },
            };
        }
        // The containing.* filters reduce to a small set of allowed ids.
        let mut allowed: Option<Vec<&str>> = None;
        fn restrict<'a>(allowed: &mut Option<Vec<&'a str>>, set: Vec<&'a str>) {
            *allowed = Some(match allowed.take() {
                None => set,
                Some(prev) => prev.into_iter().filter(|x| set.contains(x)).collect(),
            })
        }
        if let Some(acc) = &f.containing_account {
            let holder = self
                .account_ids
                .get(acc)
                .and_then(|s| self.accounts.get(s))
                .map(|a| a.org_id.as_str());
            restrict(&mut allowed, holder.into_iter().collect());
        }
        if let Some(user) = &f.containing_user {
            restrict(
                &mut allowed,
                self.users
                    .get(user)
                    .map(|v| v.iter().map(String::as_str).collect())
                    .unwrap_or_default(),
            );
        }
        if let Some(child) = &f.containing_org {
            let ancestors = match self.org(child) {
                Some(o) => o.tags()[..o.tags().len().saturating_sub(1)]
                    .iter()
                    .map(String::as_str)
                    .collect(),
                None => Vec::new(),
            };
            restrict(&mut allowed, ancestors);
        }
        let matches = |o: &Org| -> bool {
            if let Some(set) = &allowed {
                if !set.contains(&o.model.id.as_str()) {
                    return false;
                }
            }
            if let Some(ids) = &f.ids {
                if !ids.contains(&o.model.id) {
                    return false;
                }
            }
            if let Some(n) = &f.name {
                if *n != o.model.name {
                    return false;
                }
            }
            if let Some(v) = &f.starts_with {
                if !o.name_lower.starts_with(v.as_str()) {
                    return false;
                }
            }
            if let Some(v) = &f.ends_with {
                if !o.name_lower.ends_with(v.as_str()) {
                    return false;
                }
            }
            if let Some(v) = &f.contains {
                if !o.name_lower.contains(v.as_str()) {
                    return false;
                }
            }
            match &f.parent {
                None => true,
                Some(ParentFilter::Root) => o.parent.is_none(),
                Some(ParentFilter::Id(p)) => o.parent.as_deref() == Some(p.as_str()),
            }
        };
        // Small id sets are looked up directly instead of scanning everything.
        let candidates: Box<dyn Iterator<Item = &Org>> = match &allowed {
            Some(set) if set.len() < 64 => {
                let mut v: Vec<&Org> = set.iter().filter_map(|id| self.org(id)).collect();
                v.sort_by_key(|o| o.seq);
                v.dedup_by_key(|o| o.seq);
                Box::new(v.into_iter())
            }
            _ => Box::new(self.orgs.values()),
        };
        let rows = candidates
            .filter(|o| matches(o))
            .map(|o| (o.seq, &o.json[..]));
        Page::of(rows, after, page_size, 400)
    }

    /// Lists an organization's accounts; `after` is the seq of the last account already seen
    /// (0 for the first page). Returns None when `after` is not in the list.
    pub fn list_accounts(
        &self,
        org: &Org,
        f: &AccountFilter,
        after: u64,
        page_size: usize,
    ) -> Option<Page> {
        let mut list: Vec<&Account> = org
            .accounts
            .iter()
            .filter_map(|s| self.accounts.get(s))
            .filter(|a| f.name.matches(&a.name_lower) && f.pubname.matches(&a.name_lower))
            .collect();
        if f.by_name {
            list.sort_by(|a, b| a.name_lower.cmp(&b.name_lower).then(a.seq.cmp(&b.seq)));
        }
        if f.desc {
            list.reverse();
        }
        let start = if after == 0 {
            0
        } else {
            list.iter().position(|a| a.seq == after)? + 1
        };
        let end = (start + page_size).min(list.len());
        let mut items = PageBuffer::new((end - start) * 300);
        for a in &list[start..end] {
            items.push(&a.json);
        }
        Some(Page {
            items,
            total: list.len(),
            next: if end < list.len() && end > start {
                Some(list[end - 1].seq)
            } else {
                None
            },
        })
    }

    // -----------------------------------------------------------------------------------------
    // Snapshots

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            format: SNAPSHOT_FORMAT.to_owned(),
            next_seq: self.next_seq,
            organizations: self
                .orgs
                .values()
                .map(|o| OrgRecord {
                    seq: o.seq,
                    id: o.model.id.clone(),
                    name: o.model.name.clone(),
                    create_time: o.model.create_time.clone(),
                    parent_id: o.parent.clone(),
                    profile: o.model.profile.clone(),
                    flags: o.model.meta.tenant_flags.clone().unwrap_or_default(),
                    managed_by: o.model.meta.managed_by.clone().unwrap_or_default(),
                })
                .collect(),
            accounts: self
                .accounts
                .values()
                .map(|a| AccountRecord {
                    seq: a.seq,
                    organization_id: a.org_id.clone(),
                    account: a.model.clone(),
                })
                .collect(),
            users: self.user_records(),
            members: self
                .members
                .rows()
                .map(|r| MemberRecord {
                    seq: r.seq,
                    organization_id: r.org_id.clone(),
                    member: r.model.clone(),
                })
                .collect(),
            shares: self
                .shares
                .rows()
                .map(|r| ShareRecord {
                    seq: r.seq,
                    share: r.model.clone(),
                })
                .collect(),
            audit_logs: self
                .audit
                .entries()
                .iter()
                .map(|e| AuditRecord {
                    seq: e.seq,
                    log: e.log.clone(),
                })
                .collect(),
        }
    }

    fn user_records(&self) -> Vec<UserRecord> {
        self.users
            .iter()
            .map(|(id, orgs)| UserRecord {
                id: id.clone(),
                organization_ids: orgs.clone(),
            })
            .collect()
    }

    pub fn from_snapshot(snap: Snapshot) -> Result<Store, String> {
        if snap.format != SNAPSHOT_FORMAT {
            return Err(format!(
                "unknown state file format {:?} (expected {SNAPSHOT_FORMAT:?})",
                snap.format
            ));
        }
        let mut s = Store::new();
        let mut orgs = snap.organizations;
        orgs.sort_by_key(|o| o.seq);
        for o in orgs {
            if s.org_ids.contains_key(&o.id) {
                return Err(format!("organization {} appears twice", o.id));
            }
            let id = o.id.clone();
            s.insert_org(o)
                .map_err(|_| format!("organization {id} names a parent that does not exist"))?;
        }
        let mut accounts = snap.accounts;
        accounts.sort_by_key(|a| a.seq);
        for a in accounts {
            let id = a.account.id.clone();
            if s.account_ids.contains_key(&id) {
                return Err(format!("account {id} appears twice"));
            }
            let seq = a.seq;
            match s.org_mut(&a.organization_id) {
                Some(o) => o.accounts.push(seq),
                None => {
                    return Err(format!(
                        "account {id} belongs to organization {} which does not exist",
                        a.organization_id
                    ))
                }
            }
            s.account_ids.insert(id, seq);
            s.accounts
                .insert(seq, Account::new(seq, a.organization_id, a.account));
            if seq >= s.next_seq {
                s.next_seq = seq + 1;
            }
        }
        for u in snap.users {
            for o in &u.organization_ids {
                s.add_user(&u.id, o);
            }
        }
        let mut members = snap.members;
        members.sort_by_key(|m| m.seq);
        for m in members {
            if s.org(&m.organization_id).is_none() {
                return Err(format!(
                    "member {} belongs to organization {} which does not exist",
                    m.member.id, m.organization_id
                ));
            }
            s.members.insert(m.seq, &m.organization_id, m.member);
        }
        for r in snap.shares {
            if s.org(&r.share.organization_id).is_none() {
                return Err(format!(
                    "share {} belongs to organization {} which does not exist",
                    r.share.id, r.share.organization_id
                ));
            }
            s.shares.insert(r.seq, r.share);
        }
        let mut logs = snap.audit_logs;
        logs.sort_by_key(|l| l.seq);
        for l in logs {
            s.audit.push(l.seq, l.log);
        }
        let highest = [
            s.members.rows().map(|r| r.seq).max(),
            s.shares.rows().map(|r| r.seq).max(),
            s.audit.entries().last().map(|e| e.seq),
        ];
        for seq in highest.into_iter().flatten() {
            s.next_seq = s.next_seq.max(seq + 1);
        }
        s.next_seq = s.next_seq.max(snap.next_seq);
        s.generation = 0;
        Ok(s)
    }

    /// The `GET /__emulator/state` dump.
    pub fn dump(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            256 + self.orgs.len() * 500
                + self.accounts.len() * 350
                + self.members.count() * 300
                + self.shares.count() * 700
                + self.audit.count() * 800,
        );
        out.extend_from_slice(b"{\"organizations\":[");
        for (i, o) in self.orgs.values().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(&o.json);
        }
        out.extend_from_slice(b"],\"accounts\":[");
        for (i, a) in self.accounts.values().enumerate() {
            push_with_org(&mut out, i, &a.json, &a.org_id);
        }
        out.extend_from_slice(b"],\"profiles\":");
        let profiles: BTreeMap<&str, &Profile> = self
            .orgs
            .values()
            .filter_map(|o| o.model.profile.as_ref().map(|p| (o.model.id.as_str(), p)))
            .collect();
        out.extend_from_slice(&serde_json::to_vec(&profiles).unwrap_or_default());
        out.extend_from_slice(b",\"users\":");
        out.extend_from_slice(&serde_json::to_vec(&self.user_records()).unwrap_or_default());
        out.extend_from_slice(b",\"members\":[");
        for (i, m) in self.members.rows().enumerate() {
            push_with_org(&mut out, i, m.json(), &m.org_id);
        }
        out.extend_from_slice(b"],\"shares\":");
        let shares: Vec<&Share> = self.shares.rows().map(|r| &r.model).collect();
        out.extend_from_slice(&serde_json::to_vec(&shares).unwrap_or_default());
        out.extend_from_slice(b",\"audit_logs\":");
        let logs: Vec<&AuditLog> = self.audit.entries().iter().map(|e| &e.log).collect();
        out.extend_from_slice(&serde_json::to_vec(&logs).unwrap_or_default());
        out.push(b'}');
        out
    }
}

/// Appends (after a comma unless it is item 0) an object's JSON with `organization_id` added.
fn push_with_org(out: &mut Vec<u8>, i: usize, json: &[u8], org_id: &str) {
    if i > 0 {
        out.push(b',');
    }
    out.extend_from_slice(&json[..json.len().saturating_sub(1)]);
    out.extend_from_slice(b",\"organization_id\":");
    out.extend_from_slice(&serde_json::to_vec(org_id).unwrap_or_default());
    out.push(b'}');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_file_from_before_the_newer_resources_loads() {
        let old = r#"{"format": "cf-orgs-emulator/1", "next_seq": 3,
            "organizations": [{"seq": 1, "id": "a", "name": "A", "create_time": "2024-01-01T00:00:00.000Z",
                "parent_id": null, "profile": null, "managed_by": "",
                "flags": {"account_creation": "enabled", "account_deletion": "enabled",
                    "account_migration": "disabled", "account_mobility": "disabled",
                    "sub_org_creation": "enabled"}}],
            "accounts": [{"seq": 2, "id": "b", "organization_id": "a", "name": "B", "type": "standard",
                "created_on": "2024-01-01T00:00:00.000Z", "settings": null}],
            "users": []}"#;
        let store = Store::from_snapshot(serde_json::from_str(old).unwrap()).unwrap();
        assert_eq!((store.org_count(), store.account_count()), (1, 1));
        assert_eq!(
            (
                store.members.count(),
                store.shares.count(),
                store.audit.count()
            ),
            (0, 0, 0)
        );
        let org = store.org("a").unwrap();
        assert_eq!(org.tags(), ["a".to_owned()]);
        let json: serde_json::Value = serde_json::from_slice(&org.json).unwrap();
        assert_eq!(
            json["meta"]["tenant_flags"]["account_migration"],
            "disabled"
        );
        assert_eq!(json["meta"]["managed_by"], "");
    }
}
