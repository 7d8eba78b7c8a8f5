//! The `model-schema` binary prints what scripts/gen-types.mjs reads to write
//! `pkg/models.d.ts`: the models' JSON Schema, exactly as the library builds it.

use cloudflare_organizations_core::schema::{models, models_json};
use serde_json::{json, Value};

#[test]
fn the_binary_prints_the_models_json_schema() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_model-schema"))
        .output()
        .expect("run model-schema");
    assert!(out.status.success(), "{out:?}");
    let printed: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let built: Value = serde_json::from_str(&models_json()).expect("JSON from the library");
    assert_eq!(printed, built);
    assert!(
        printed.as_object().is_some_and(|o| !o.is_empty()),
        "{printed}"
    );
}

/// The small shapes are written inline where they are used, with their bounds, so that the
/// generated declarations show `id: string | null` or `limit?: number | null`, not types of
/// their own: a parent filter's id (an id, or `null` for root organizations), a bounded
/// integer, a field that is always present and may be `null`.
#[test]
fn the_small_shapes_are_written_inline_with_their_bounds() {
    let models = models();
    assert_eq!(
        models["ParentFilter"]["properties"]["id"],
        json!({ "default": null, "type": ["string", "null"] })
    );
    assert_eq!(
        models["AuditListParams"]["properties"]["limit"],
        json!({ "maximum": 1000, "minimum": 1, "type": ["integer", "null"] })
    );
    assert_eq!(
        models["Account"]["properties"]["name"],
        json!({ "anyOf": [{ "type": "string" }, { "type": "null" }] })
    );
    assert_eq!(
        models["Account"]["properties"]["settings"],
        json!({ "anyOf": [{ "$ref": "#/definitions/AccountSettings" }, { "type": "null" }] })
    );
    for shape in [
        "ParentId",
        "integer",
        "Nullable_string",
        "Nullable_AccountSettings",
    ] {
        assert!(!models.contains_key(shape), "{shape}");
    }
}
