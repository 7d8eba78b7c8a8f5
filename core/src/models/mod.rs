//! The API's shapes, defined once: the answers' models, the envelope, and every call's body
//! and parameters. The binding reads a caller's input into these types (`crate::de`) and
//! writes parameters from them (`crate::query`); the emulator stores and answers with them;
//! the TypeScript declarations are generated from their JSON Schema (`--features schema`), and
//! `core/tests/spec.rs` checks them against Cloudflare's OpenAPI document.

pub mod account;
pub mod audit;
pub mod envelope;
pub mod member;
pub mod organization;
pub mod shapes;
pub mod share;
pub mod usage;

pub use account::{Account, AccountListParams, AccountOrder, AccountSettings};
pub use audit::{
    AuditAction, AuditActor, AuditHistoryParams, AuditListParams, AuditLog, AuditOrganization,
    AuditRaw, AuditResource,
};
pub use envelope::{
    CursorInfo, Envelope, HistoryInfo, HistoryStatus, Message, MessageSource, PageNumberInfo,
    PageTokenInfo,
};
pub use member::{
    Member, MemberListParams, MemberUser, MemberUserFilter, NewMember, NewMemberStatus,
    NewMemberUser, NewMembers,
};
pub use organization::{
    Containing, DeletedOrganization, Organization, OrganizationBody, OrganizationFlags,
    OrganizationListParams, OrganizationMeta, ParentFilter, ParentId, ParentOrganization,
    ParentRef, Profile,
};
pub use shapes::{Day, Direction, Filter, Int, Moment, NameMatch, NameParts, Negated, OneOrMany};
pub use share::{
    Share, ShareKind, ShareListParams, ShareOrder, ShareResource, ShareResourceType, ShareStatus,
    ShareTargetType,
};
pub use usage::{UsageParams, UsageRecord};
