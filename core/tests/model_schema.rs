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

/// `parent: { id }` takes an id or `null` (root organizations), and says so inline: the
/// generated declarations show `id: string | null`, not a type of its own.
#[test]
fn a_parent_filters_id_is_a_string_or_null_written_inline() {
    let models = models();
    assert_eq!(
        models["ParentFilter"]["properties"]["id"],
        json!({ "default": null, "type": ["string", "null"] })
    );
    assert!(!models.contains_key("ParentId"));
}
