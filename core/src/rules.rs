//! What serde cannot say about a caller's input, checked after it is read into the core's
//! models and before anything is sent: time and day ranges, non-empty names, a parent filter's
//! id, the spec's allowed values for enumerated filters, the size of a batch.

use crate::encode::{decimal, join};
use crate::error::Error;
use crate::models::audit::{
    ACTION_RESULTS, ACTION_TYPES, ACTOR_CONTEXTS, ACTOR_TYPES, RESOURCE_SCOPES,
};
use crate::models::member::{MAX_BATCH, MEMBER_STATUSES};
use crate::models::usage::MAX_USAGE_DAYS;
use crate::models::{
    AccountListParams, AuditHistoryParams, AuditListParams, Filter, MemberListParams, Moment,
    NewMember, NewMembers, OneOrMany, OrganizationBody, OrganizationListParams, ParentFilter,
    ParentId, Profile, ShareListParams, UsageParams,
};

/// A request model's rules beyond its types; most have none.
pub trait Checked {
    fn check(&self) -> Result<(), Error> {
        Ok(())
    }
}

impl Checked for AccountListParams {}
impl Checked for ShareListParams {}
impl Checked for Profile {}

/// `since` may not come after `before`.
fn time_range(since: &Moment, before: &Moment) -> Result<(), Error> {
    if since.instant > before.instant {
        return Err(Error::validation("since", "must not be after before"));
    }
    Ok(())
}

impl Checked for AuditListParams {
    fn check(&self) -> Result<(), Error> {
        time_range(&self.since, &self.before)?;
        for (field, filter, allowed) in [
            ("action_result", &self.action_result, ACTION_RESULTS),
            ("action_type", &self.action_type, ACTION_TYPES),
            ("actor_context", &self.actor_context, ACTOR_CONTEXTS),
            ("actor_type", &self.actor_type, ACTOR_TYPES),
            ("resource_scope", &self.resource_scope, RESOURCE_SCOPES),
        ] {
            if let Some(filter) = filter {
                filter_one_of(filter, field, allowed)?;
            }
        }
        Ok(())
    }
}

impl Checked for AuditHistoryParams {
    fn check(&self) -> Result<(), Error> {
        time_range(&self.since, &self.before)
    }
}

impl Checked for MemberListParams {
    fn check(&self) -> Result<(), Error> {
        match &self.status {
            Some(status) => one_of(status, "status", MEMBER_STATUSES),
            None => Ok(()),
        }
    }
}

impl Checked for NewMember {
    /// An address must not be empty.
    fn check(&self) -> Result<(), Error> {
        if self.user.email.is_empty() {
            return Err(Error::validation("user.email", "must not be empty"));
        }
        Ok(())
    }
}

impl Checked for NewMembers {
    /// One to ten members, each valid (the error names its index: `members.2.user.email`).
    fn check(&self) -> Result<(), Error> {
        if self.0.is_empty() {
            return Err(Error::validation("members", "must not be empty"));
        }
        if self.0.len() > MAX_BATCH {
            return Err(Error::validation("members", "must hold at most 10 members"));
        }
        for (i, member) in self.0.iter().enumerate() {
            let index = decimal(i as u64);
            member
                .check()
                .map_err(|e| e.within(&join("members", &index)))?;
        }
        Ok(())
    }
}

impl Checked for OrganizationBody {
    /// What serde cannot say: the name and the parent's id are not empty.
    fn check(&self) -> Result<(), Error> {
        if self.name.is_empty() {
            return Err(Error::validation("name", "must not be empty"));
        }
        if self.parent.as_ref().is_some_and(|p| p.id.is_empty()) {
            return Err(Error::validation("parent.id", "must not be empty"));
        }
        Ok(())
    }
}

impl Checked for OrganizationListParams {
    /// `parent: {}` names no parent: say what it takes.
    fn check(&self) -> Result<(), Error> {
        match self.parent {
            Some(ParentFilter {
                id: ParentId::Missing,
            }) => Err(Error::validation(
                "parent.id",
                "is required (an id, or null for root organizations)",
            )),
            _ => Ok(()),
        }
    }
}

impl Checked for UsageParams {
    /// Both or neither; `from <= to`; at most [`MAX_USAGE_DAYS`] apart.
    fn check(&self) -> Result<(), Error> {
        match (&self.from, &self.to) {
            (Some(_), None) => Err(Error::validation("to", "is required with from")),
            (None, Some(_)) => Err(Error::validation("from", "is required with to")),
            (Some(from), Some(to)) if from.days > to.days => {
                Err(Error::validation("from", "must not be after to"))
            }
            (Some(from), Some(to)) if to.days - from.days > MAX_USAGE_DAYS => Err(
                Error::validation("to", "must be at most 31 days after from"),
            ),
            _ => Ok(()),
        }
    }
}

/// Refuses a value outside `allowed` (a spec enum), naming it: `status.1`.
fn one_of(values: &OneOrMany<String>, field: &str, allowed: &[&str]) -> Result<(), Error> {
    for (i, value) in values.values().iter().enumerate() {
        if !allowed.contains(&value.as_str()) {
            let field = match values {
                OneOrMany::One(_) => field.to_string(),
                OneOrMany::Many(_) => join(field, &decimal(i as u64)),
            };
            let mut reason = String::from("must be one of: ");
            reason.push_str(&allowed.join(", "));
            return Err(Error::validation(field, reason));
        }
    }
    Ok(())
}

/// Refuses a value outside `allowed` in either form (`action_type.not.0`).
fn filter_one_of(filter: &Filter<String>, field: &str, allowed: &[&str]) -> Result<(), Error> {
    match filter {
        Filter::Is(values) => one_of(values, field, allowed),
        Filter::Not(negated) => one_of(&negated.not, &join(field, "not"), allowed),
    }
}
