//! The seed data sets: `empty`, and `demo` (a small, believable hierarchy with deterministic ids).

use serde_json::{Map, Value};

use crate::audit::organization_scope;
use crate::members::user_for;
use crate::store::{flags, new_org_flags, OrgRecord, Store};
use crate::util::{self, stable_id, DAY_MS};
use cloudflare_organizations_core::models::{
    Account, AccountSettings, AuditAction, AuditActor, AuditLog, AuditOrganization, AuditRaw,
    AuditResource, Member, OrganizationFlags, Profile, Share, ShareResource,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seed {
    Demo,
    Empty,
}

impl Seed {
    pub fn parse(s: &str) -> Option<Seed> {
        match s {
            "demo" => Some(Seed::Demo),
            "empty" => Some(Seed::Empty),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Seed::Demo => "demo",
            Seed::Empty => "empty",
        }
    }

    pub fn build(self) -> Store {
        let mut s = Store::new();
        if self == Seed::Demo {
            demo(&mut s);
        }
        s.generation = 0;
        s
    }
}

pub fn org_id(name: &str) -> String {
    stable_id(&format!("org:{name}"))
}

pub fn account_id(name: &str) -> String {
    stable_id(&format!("account:{name}"))
}

pub fn user_id(email: &str) -> String {
    stable_id(&format!("user:{email}"))
}

/// Seeds one organization (managed by no one).
fn seed_org(
    s: &mut Store,
    id: &str,
    name: &str,
    create_time: &str,
    parent: Option<&str>,
    profile: Option<Profile>,
    flags: OrganizationFlags,
) {
    s.seed_org(OrgRecord {
        seq: 0,
        id: id.to_owned(),
        name: name.to_owned(),
        create_time: create_time.to_owned(),
        parent_id: parent.map(str::to_owned),
        profile,
        flags,
        managed_by: String::new(),
    });
}

fn profile(name: &str, email: &str, phone: &str, address: &str, meta: &str) -> Option<Profile> {
    Some(Profile {
        business_name: name.into(),
        business_email: email.into(),
        business_phone: phone.into(),
        business_address: address.into(),
        external_metadata: meta.into(),
    })
}

fn settings(i: usize, contact: Option<&str>) -> AccountSettings {
    AccountSettings {
        abuse_contact_email: contact.map(str::to_owned),
        access_approval_expiry: if i % 5 == 0 {
            Some("2027-01-01T00:00:00Z".to_owned())
        } else {
            None
        },
        api_access_enabled: if i % 3 == 2 { None } else { Some(i % 3 == 0) },
        enforce_twofactor: Some(i % 2 == 0),
        default_nameservers: Some(
            if i % 4 == 0 {
                "custom.account"
            } else {
                "cloudflare.standard"
            }
            .to_owned(),
        ),
        use_account_custom_ns_by_default: Some(i % 4 == 0),
    }
}

/// Names of the 25 accounts of "Acme Americas", in creation order (not alphabetical, and in
/// mixed case, so the name ordering and the case-insensitive filters show something).
pub const AMERICAS_ACCOUNTS: [&str; 25] = [
    "Acme New York",
    "Acme Toronto",
    "Acme Chicago",
    "acme-austin",
    "Acme São Paulo",
    "Acme Boston",
    "ACME Miami",
    "Acme Vancouver",
    "Acme Lima",
    "Acme Seattle",
    "Acme Atlanta",
    "Acme Mexico City",
    "Acme Denver",
    "Acme Buenos Aires",
    "Acme Los Angeles",
    "Acme Montreal",
    "Acme Dallas",
    "Acme Santiago",
    "Acme Phoenix",
    "Acme Bogotá",
    "Acme Portland",
    "Acme Houston",
    "Acme Calgary",
    "Acme San Francisco",
    "Acme Philadelphia",
];

fn demo(s: &mut Store) {
    let all = flags([true; 7]);
    let acme = org_id("Acme Corp");
    let emea = org_id("Acme EMEA");
    let americas = org_id("Acme Americas");
    let germany = org_id("Acme Germany");
    let labs = org_id("Acme Labs");
    let globex = org_id("Globex");
    let initech = org_id("Initech");

    seed_org(
        s,
        &acme,
        "Acme Corp",
        "2024-01-15T09:00:00.000Z",
        None,
        profile(
            "Acme Corporation",
            "billing@acme.example",
            "+1 415 555 0100",
            "101 Market Street, San Francisco, CA 94105, US",
            "{\"crm_id\":\"ACME-0001\"}",
        ),
        all.clone(),
    );
    seed_org(
        s,
        &emea,
        "Acme EMEA",
        "2024-02-01T10:30:00.000Z",
        Some(&acme),
        profile(
            "Acme Europe Ltd",
            "emea@acme.example",
            "+44 20 7946 0100",
            "1 Canada Square, London E14 5AB, GB",
            "{\"region\":\"emea\"}",
        ),
        all.clone(),
    );
    seed_org(
        s,
        &americas,
        "Acme Americas",
        "2024-02-01T10:45:00.000Z",
        Some(&acme),
        profile(
            "Acme Americas Inc.",
            "americas@acme.example",
            "+1 212 555 0199",
            "350 Fifth Avenue, New York, NY 10118, US",
            "{\"region\":\"amer\"}",
        ),
        flags([true, true, true, false, true, true, true]),
    );
    seed_org(
        s,
        &germany,
        "Acme Germany",
        "2024-03-12T08:15:00.000Z",
        Some(&emea),
        profile(
            "Acme Deutschland GmbH",
            "de@acme.example",
            "+49 30 901820",
            "Friedrichstraße 68, 10117 Berlin, DE",
            "",
        ),
        flags([true, false, false, false, false, true, true]),
    );
    seed_org(
        s,
        &globex,
        "Globex",
        "2024-04-22T13:05:00.000Z",
        None,
        None,
        flags([true, true, false, false, true, false, true]),
    );
    seed_org(
        s,
        &labs,
        "Acme Labs",
        "2024-06-03T16:20:00.000Z",
        Some(&americas),
        None,
        new_org_flags(),
    );
    seed_org(
        s,
        &initech,
        "Initech",
        "2025-01-09T11:00:00.000Z",
        None,
        profile(
            "Initech LLC",
            "office@initech.example",
            "+1 512 555 0147",
            "4120 Freidrich Lane, Austin, TX 78744, US",
            "{\"tier\":\"startup\"}",
        ),
        new_org_flags(),
    );

    let mut n = 0usize;
    let mut account = |s: &mut Store, org: &str, name: &str, kind: &str, contact: Option<&str>| {
        n += 1;
        let day = 1 + (n % 28);
        let month = 1 + (n / 28) % 12;
        s.add_account(
            org,
            Account {
                id: account_id(name),
                name: Some(name.to_owned()),
                kind: kind.to_owned(),
                created_on: format!("2024-{month:02}-{day:02}T12:00:00.000Z"),
                settings: Some(settings(n, contact)),
            },
        );
    };
    account(
        s,
        &acme,
        "Acme Corp",
        "enterprise",
        Some("abuse@acme.example"),
    );
    account(
        s,
        &acme,
        "Acme Security Operations",
        "enterprise",
        Some("soc@acme.example"),
    );
    account(
        s,
        &emea,
        "Acme EMEA Production",
        "enterprise",
        Some("abuse@acme.example"),
    );
    account(s, &emea, "Acme EMEA Staging", "standard", None);
    account(s, &emea, "acme-emea-marketing", "standard", None);
    account(
        s,
        &germany,
        "Acme GmbH",
        "standard",
        Some("abuse@acme.example"),
    );
    account(s, &germany, "Acme GmbH Webshop", "standard", None);
    for (i, name) in AMERICAS_ACCOUNTS.iter().enumerate() {
        let kind = if i % 4 == 0 { "enterprise" } else { "standard" };
        account(s, &americas, name, kind, Some("abuse@acme.example"));
    }
    account(
        s,
        &globex,
        "Globex Corporation",
        "enterprise",
        Some("abuse@globex.example"),
    );
    account(s, &globex, "Globex Cymru", "standard", None);
    account(s, &globex, "globex-dev", "standard", None);

    let alice = user_id("alice@acme.example");
    let bob = user_id("bob@acme.example");
    let carol = user_id("carol@globex.example");
    s.add_user(&alice, &acme);
    s.add_user(&alice, &emea);
    s.add_user(&bob, &americas);
    s.add_user(&carol, &globex);

    demo_members(s);
    demo_shares(s);
    demo_audit_logs(s, util::now_millis().div_euclid(DAY_MS) * DAY_MS);
}

/// Members per organization: (organization, email, status).
const MEMBERS: [(&str, &str, &str); 22] = [
    ("Acme Corp", "alice@acme.example", "active"),
    ("Acme Corp", "dave@acme.example", "active"),
    ("Acme Corp", "erin.chen@acme.example", "pending"),
    ("Acme Corp", "frank@acme.example", "rejected"),
    ("Acme Corp", "grace.hopper@acme.example", "active"),
    ("Acme Corp", "heidi@acme.example", "canceled"),
    ("Acme Corp", "ivan@acme.example", "active"),
    ("Acme Corp", "judy@acme.example", "pending"),
    ("Acme Corp", "mallory@contractor.example", "rejected"),
    ("Acme Corp", "niaj@acme.example", "active"),
    ("Acme Corp", "olivia@acme.example", "active"),
    ("Acme Corp", "peggy@acme.example", "pending"),
    ("Acme Corp", "rupert@acme.example", "active"),
    ("Acme Corp", "sybil@acme.example", "canceled"),
    ("Acme EMEA", "alice@acme.example", "active"),
    ("Acme EMEA", "oscar@acme.example", "pending"),
    ("Acme Americas", "bob@acme.example", "active"),
    ("Acme Americas", "ines@acme.example", "active"),
    ("Acme Americas", "victor@acme.example", "rejected"),
    ("Globex", "carol@globex.example", "active"),
    ("Globex", "hank.scorpio@globex.example", "active"),
    ("Globex", "frank.grimes@globex.example", "canceled"),
];

fn demo_members(s: &mut Store) {
    for (i, (org, email, status)) in MEMBERS.iter().enumerate() {
        let org = org_id(org);
        let time = format!(
            "2024-{:02}-{:02}T09:{:02}:00.000Z",
            3 + i % 9,
            1 + i % 27,
            i % 60
        );
        let seq = s.take_seq();
        s.members.insert(
            seq,
            &org,
            Member {
                id: stable_id(&format!("member:{org}:{email}")),
                status: (*status).to_owned(),
                user: user_for(email),
                meta: Default::default(),
                create_time: time.clone(),
                update_time: time,
            },
        );
    }
}

/// Share names and the resource type each holds.
const SHARE_KINDS: [(&str, &str); 8] = [
    ("WAF Managed Rules", "custom-ruleset"),
    ("Block malware domains", "gateway-policy"),
    ("Office egress IPs", "gateway-destination-ip"),
    ("Branded block page", "gateway-block-page-settings"),
    ("Extended email matching", "gateway-extended-email-matching"),
    ("Okta federation", "idp-federation-grant"),
    ("Rate limiting rules", "custom-ruleset"),
    ("DNS filtering policy", "gateway-policy"),
];

fn demo_shares(s: &mut Store) {
    // (organization, shares, the account that sends them, the account received ones come from)
    let plan = [
        (
            "Acme Corp",
            24,
            "Acme Security Operations",
            "Globex Corporation",
        ),
        (
            "Acme EMEA",
            3,
            "Acme EMEA Production",
            "Acme Security Operations",
        ),
        ("Globex", 2, "Globex Corporation", "Acme Corp"),
    ];
    for (org, n, own, other) in plan {
        let org = org_id(org);
        for i in 0..n {
            let (name, resource_type) = SHARE_KINDS[i % SHARE_KINDS.len()];
            let received = i % 5 == 3;
            let account = if received { other } else { own };
            let created = format!(
                "2025-{:02}-{:02}T{:02}:30:00.000000Z",
                1 + i % 12,
                1 + (i * 7) % 28,
                8 + i % 10
            );
            let id = stable_id(&format!("share:{org}:{i}"));
            let status = match i % 11 {
                7 => "deleting",
                9 => "deleted",
                _ => "active",
            };
            let resources = (0..1 + i % 2)
                .map(|r| ShareResource {
                    id: stable_id(&format!("share-resource:{id}:{r}")),
                    resource_id: stable_id(&format!("resource:{id}:{r}")),
                    resource_type: if r == 0 {
                        resource_type
                    } else {
                        "custom-ruleset"
                    }
                    .to_owned(),
                    resource_account_id: account_id(account),
                    meta: Value::Object(Map::new()),
                    status: "active".to_owned(),
                    created: created.clone(),
                    modified: created.clone(),
                    resource_version: 1 + (i % 3) as i64,
                })
                .collect();
            let seq = s.take_seq();
            s.shares.insert(
                seq,
                Share {
                    id,
                    name: format!("{name} {}", i / SHARE_KINDS.len() + 1),
                    account_id: account_id(account),
                    account_name: account.to_owned(),
                    organization_id: org.clone(),
                    created: created.clone(),
                    modified: created,
                    status: status.to_owned(),
                    target_type: if i % 3 == 2 {
                        "account"
                    } else {
                        "organization"
                    }
                    .to_owned(),
                    kind: Some(if received { "received" } else { "sent" }.to_owned()),
                    associated_recipient_count: None,
                    associating_recipient_count: None,
                    disassociated_recipient_count: None,
                    disassociating_recipient_count: None,
                    resources: Some(resources),
                },
            );
        }
    }
}

/// Actors of the seeded audit entries: (email, context, ip).
const ACTORS: [(&str, &str, &str); 4] = [
    ("alice@acme.example", "dash", "198.51.100.7"),
    ("bob@acme.example", "api_token", "203.0.113.24"),
    ("dev@example.com", "api_key", "192.0.2.10"),
    ("carol@globex.example", "dash", "198.51.100.99"),
];

/// A change a seeded entry records: action, description, resource type, method, path after the
/// organization, status.
type SeededChange = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
    u16,
);

const CHANGES: [SeededChange; 6] = [
    (
        "update",
        "Update organization",
        Some("organization"),
        "PUT",
        "",
        200,
    ),
    (
        "update",
        "Update organization profile",
        Some("organization_profile"),
        "PUT",
        "/profile",
        204,
    ),
    (
        "create",
        "Add member",
        Some("member"),
        "POST",
        "/members",
        200,
    ),
    (
        "delete",
        "Remove member",
        Some("member"),
        "DELETE",
        "/members/",
        204,
    ),
    ("view", "Export audit logs", None, "GET", "/logs/audit", 200),
    (
        "update",
        "Update organization",
        Some("organization"),
        "PUT",
        "",
        403,
    ),
];

/// A few weeks of older entries for every demo organization, in time order: `today` is the
/// current day's midnight, so the entries move with the calendar but are the same each day.
fn demo_audit_logs(s: &mut Store, today: i64) {
    let orgs = [
        "Acme Corp",
        "Acme EMEA",
        "Acme Americas",
        "Globex",
        "Initech",
    ];
    let mut logs = Vec::new();
    for day in (1..=28).rev() {
        for (k, name) in orgs.iter().enumerate() {
            if (day + k) % 3 != 0 {
                continue;
            }
            let n = logs.len();
            let org = org_id(name);
            let (action, description, kind, method, path, status) = CHANGES[n % CHANGES.len()];
            let (email, context, ip) = ACTORS[(n / 2 + k) % ACTORS.len()];
            let resource_id = match kind {
                Some("member") => Some(stable_id(&format!("seeded-member:{org}:{n}"))),
                Some(_) => Some(org.clone()),
                None => None,
            };
            let time =
                today - day as i64 * DAY_MS + ((9 + k as i64 * 2) * 3600 + n as i64 * 37) * 1000;
            let mut uri = format!("/organizations/{org}{path}");
            if path.ends_with('/') {
                uri.push_str(resource_id.as_deref().unwrap_or(""));
            }
            let token = context == "api_token";
            logs.push(AuditLog {
                id: Some(stable_id(&format!("audit:{n}"))),
                action: Some(AuditAction {
                    description: Some(description.to_owned()),
                    result: Some(if status < 400 { "success" } else { "failure" }.to_owned()),
                    time: Some(util::rfc3339_millis(time)),
                    kind: Some(action.to_owned()),
                }),
                actor: Some(AuditActor {
                    context: Some(context.to_owned()),
                    email: Some(email.to_owned()),
                    id: Some(user_id(email)),
                    ip_address: Some(ip.to_owned()),
                    token_id: token.then(|| stable_id(&format!("token:{email}"))),
                    token_name: token.then(|| "Terraform".to_owned()),
                    kind: Some("user".to_owned()),
                }),
                organization: Some(AuditOrganization {
                    id: Some(org.clone()),
                }),
                raw: Some(AuditRaw {
                    cf_ray_id: Some(stable_id(&format!("ray:{n}"))[..16].to_owned()),
                    method: Some(method.to_owned()),
                    status_code: Some(status),
                    uri: Some(uri),
                    user_agent: Some(
                        if context == "dash" {
                            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari/605.1.15"
                        } else {
                            "terraform-provider-cloudflare/5.3.0"
                        }
                        .to_owned(),
                    ),
                }),
                resource: Some(AuditResource {
                    id: resource_id,
                    product: Some(
                        if kind.is_some() {
                            "organizations"
                        } else {
                            "audit_logs"
                        }
                        .to_owned(),
                    ),
                    request: None,
                    response: None,
                    scope: Some(organization_scope(&org)),
                    kind: kind.map(str::to_owned),
                }),
            });
        }
    }
    for log in logs {
        s.record(log);
    }
}
