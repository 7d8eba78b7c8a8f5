//! The request models' `Deserialize` and `Serialize` from `#[derive(ReadFields)]` and
//! `#[derive(Variants)]` (core/src/fields.rs) behave as serde's derives do with any serde format:
//! the emulator reads and writes these models with serde_json, not through the core's deserializer.

use cloudflare_organizations_core::models::{
    AccountOrder, AuditHistoryParams, Direction, NameParts, ParentFilter, ParentId, Profile,
    ShareResourceType,
};
use serde_json::json;

fn profile_json(extra: &str) -> String {
    format!(
        r#"{{"business_name":"Acme","business_email":"ops@acme.test","business_phone":"+1",
        "business_address":"1 Main St","external_metadata":"{{}}"{extra}}}"#
    )
}

#[test]
fn a_struct_reads_its_fields_and_ignores_unknown_keys_unless_it_denies_them() {
    let profile: Profile = serde_json::from_str(&profile_json(r#","extra":[1,{"a":2}]"#)).unwrap();
    assert_eq!(profile.business_name, "Acme");
    assert_eq!(profile.external_metadata, "{}");

    let error = serde_json::from_str::<NameParts>(r#"{"startsWith":"a","equals":"b"}"#)
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with(
            "unknown field `equals`, expected one of `startsWith`, `endsWith`, `contains`"
        ),
        "{error}"
    );
}

#[test]
fn a_key_given_twice_is_refused() {
    let error = serde_json::from_str::<Profile>(&profile_json(r#","business_phone":"+2""#))
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("duplicate field `business_phone`"),
        "{error}"
    );
}

#[test]
fn the_first_missing_required_field_is_named_and_optional_ones_take_their_defaults() {
    let error =
        serde_json::from_str::<Profile>(r#"{"business_name":"Acme","business_address":"x"}"#)
            .unwrap_err()
            .to_string();
    assert!(
        error.starts_with("missing field `business_email`"),
        "{error}"
    );

    let history: AuditHistoryParams = serde_json::from_value(json!({
        "action_time": "2026-01-02T00:00:00Z",
        "since": "2026-01-01",
        "before": "2026-01-03"
    }))
    .unwrap();
    assert_eq!(history.direction, None);
    assert_eq!(history.cursor, None);

    // `#[serde(default = "ParentId::missing")]`: the path's value, not the type's default.
    let parent: ParentFilter = serde_json::from_value(json!({})).unwrap();
    assert_eq!(parent.id, ParentId::Missing);
}

#[test]
fn a_struct_is_written_with_its_names_and_without_the_fields_it_skips() {
    let parts = NameParts {
        starts_with: Some("a".into()),
        ends_with: None,
        contains: Some("c".into()),
    };
    assert_eq!(
        serde_json::to_string(&parts).unwrap(),
        r#"{"startsWith":"a","contains":"c"}"#
    );
    assert_eq!(serde_json::to_string(&NameParts::default()).unwrap(), "{}");
}

#[test]
fn an_enum_is_read_and_written_as_its_variant_names() {
    let kinds: Vec<ShareResourceType> =
        serde_json::from_value(json!(["gateway-policy", "idp-federation-grant"])).unwrap();
    assert_eq!(
        kinds,
        [
            ShareResourceType::GatewayPolicy,
            ShareResourceType::IdpFederationGrant
        ]
    );
    assert_eq!(
        serde_json::to_value(AccountOrder::AccountName).unwrap(),
        json!("account_name")
    );
    assert_eq!(
        serde_json::to_value(Direction::Desc).unwrap(),
        json!("desc")
    );

    let error = serde_json::from_value::<Direction>(json!("up"))
        .unwrap_err()
        .to_string();
    assert_eq!(error, "unknown variant `up`, expected `asc` or `desc`");
}

#[test]
fn what_is_not_an_object_is_refused_naming_the_struct() {
    let error = serde_json::from_str::<Profile>(r#""Acme""#)
        .unwrap_err()
        .to_string();
    assert!(error.contains("expected struct Profile"), "{error}");
}

#[test]
fn a_key_that_is_not_a_string_and_a_variant_that_is_not_a_name_are_refused() {
    use serde::de::value::{MapDeserializer, U64Deserializer};
    use serde::de::{Deserialize, IntoDeserializer};
    let keys = MapDeserializer::<_, serde::de::value::Error>::new([(1u64, "Acme")].into_iter());
    let error = Profile::deserialize(keys).unwrap_err().to_string();
    assert!(error.contains("expected field identifier"), "{error}");

    let number: U64Deserializer<serde::de::value::Error> = 5u64.into_deserializer();
    let error = Direction::deserialize(number).unwrap_err().to_string();
    assert!(error.contains("expected a variant name"), "{error}");
}
