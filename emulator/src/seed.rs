//! The seed data sets: `empty`, and `demo` (a small, believable hierarchy with deterministic ids).

use crate::store::{AccountSettings, Flags, Profile, Store};
use crate::util::stable_id;

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
    let all = Flags::from_bits([true; 7]);
    let acme = org_id("Acme Corp");
    let emea = org_id("Acme EMEA");
    let americas = org_id("Acme Americas");
    let germany = org_id("Acme Germany");
    let labs = org_id("Acme Labs");
    let globex = org_id("Globex");
    let initech = org_id("Initech");

    s.seed_org(
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
        "",
    );
    s.seed_org(
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
        "",
    );
    s.seed_org(
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
        Flags::from_bits([true, true, true, false, true, true, true]),
        "",
    );
    s.seed_org(
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
        Flags::from_bits([true, false, false, false, false, true, true]),
        "",
    );
    s.seed_org(
        &globex,
        "Globex",
        "2024-04-22T13:05:00.000Z",
        None,
        None,
        Flags::from_bits([true, true, false, false, true, false, true]),
        "",
    );
    s.seed_org(
        &labs,
        "Acme Labs",
        "2024-06-03T16:20:00.000Z",
        Some(&americas),
        None,
        Flags::default_new(),
        "",
    );
    s.seed_org(
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
        Flags::default_new(),
        "",
    );

    let mut n = 0usize;
    let mut account = |s: &mut Store, org: &str, name: &str, kind: &str, contact: Option<&str>| {
        n += 1;
        let day = 1 + (n % 28);
        let month = 1 + (n / 28) % 12;
        s.add_account(
            org,
            Some(&account_id(name)),
            name,
            kind,
            format!("2024-{month:02}-{day:02}T12:00:00.000Z"),
            settings(n, contact),
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
}
