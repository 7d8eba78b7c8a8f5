//! The JSON Schema of the models (native only, `--features schema`): the source of the
//! generated TypeScript declarations and of the spec check.

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::{Map, Value};

use crate::models::*;

/// Adds `T` under its own name.
fn add<T: JsonSchema>(generator: &mut schemars::SchemaGenerator) {
    generator.subschema_for::<T>();
}

/// `{ "definitions": { Name: schema, ... } }` for every model, with `$ref`s between them.
pub fn models() -> Map<String, Value> {
    let mut settings = SchemaSettings::draft07();
    settings.definitions_path = "/definitions".into();
    let mut generator = settings.into_generator();
    add::<Organization>(&mut generator);
    add::<DeletedOrganization>(&mut generator);
    add::<OrganizationBody>(&mut generator);
    add::<OrganizationListParams>(&mut generator);
    add::<Account>(&mut generator);
    add::<AccountListParams>(&mut generator);
    add::<Profile>(&mut generator);
    add::<AuditLog>(&mut generator);
    add::<AuditListParams>(&mut generator);
    add::<AuditHistoryParams>(&mut generator);
    add::<UsageRecord>(&mut generator);
    add::<UsageParams>(&mut generator);
    add::<Member>(&mut generator);
    add::<MemberListParams>(&mut generator);
    add::<NewMember>(&mut generator);
    add::<Share>(&mut generator);
    add::<ShareListParams>(&mut generator);
    add::<Message>(&mut generator);
    add::<PageTokenInfo>(&mut generator);
    add::<CursorInfo>(&mut generator);
    add::<HistoryInfo>(&mut generator);
    add::<PageNumberInfo>(&mut generator);
    generator.take_definitions(true).into_iter().collect()
}

/// [`models`] as JSON text.
pub fn models_json() -> String {
    let mut root = Map::new();
    root.insert("definitions".into(), Value::Object(models()));
    serde_json::to_string_pretty(&Value::Object(root)).unwrap_or_default()
}
