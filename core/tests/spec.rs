//! The models against Cloudflare's OpenAPI document (`spec/organizations.openapi.json`): every
//! property the spec defines exists in the model with a compatible type and the same
//! required-ness, recursively; every query parameter of every operation is a field of the
//! operation's parameters model; the operation table matches the spec's paths and methods. A
//! spec update that adds a field fails here until the model follows.

use cloudflare_organizations_core::endpoint::OPERATIONS;
use cloudflare_organizations_core::schema::models;
use serde_json::{Map, Value};

fn spec() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/organizations.openapi.json"
    ))
    .expect("the spec is in the repository");
    serde_json::from_str(&text).expect("the spec is JSON")
}

/// Differences the models keep on purpose, each with its reason: `Model.field`.
const ALLOWED: &[(&str, &str)] = &[
    (
        "OrganizationFlags.enterprise_capability",
        "optional in API.md: older organizations lack it",
    ),
    (
        "OrganizationFlags.member_management",
        "optional in API.md: older organizations lack it",
    ),
    (
        "OrganizationFlags.account_creation_applies_tenant_defaults",
        "in the 2026-10 SDKs, not yet in the spec",
    ),
    (
        "OrganizationMeta.flags",
        "the 2025 name of tenant_flags, still sent by the API",
    ),
    (
        "OrganizationBody.create_time",
        "read-only: the create body reuses the spec's Organization",
    ),
    (
        "OrganizationBody.id",
        "read-only: the create body reuses the spec's Organization",
    ),
    (
        "OrganizationBody.meta",
        "read-only: the create body reuses the spec's Organization",
    ),
    (
        "ParentRef.name",
        "read-only: a body's parent names only the id",
    ),
];

fn allowed(model: &str, field: &str) -> bool {
    let key = format!("{model}.{field}");
    ALLOWED.iter().any(|(k, _)| *k == key)
}

/// The model named by a property: its `$ref`, or that of its non-null alternative.
fn model_ref(property: &Value) -> Option<String> {
    let direct = property.get("$ref").and_then(Value::as_str);
    let variant = || {
        property["anyOf"]
            .as_array()?
            .iter()
            .find_map(|v| v.get("$ref").and_then(Value::as_str))
    };
    direct
        .or_else(variant)
        .map(|r| r.trim_start_matches("#/definitions/").to_string())
}

struct Checker {
    spec: Value,
    models: Map<String, Value>,
    problems: Vec<String>,
}

impl Checker {
    /// Follows `$ref`s in the spec (`#/components/schemas/X`) and in the models.
    fn resolve<'a>(&'a self, schema: &'a Value) -> &'a Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) if r.starts_with("#/components/") => {
                let path = r.trim_start_matches("#/").split('/');
                let target = path.fold(&self.spec, |v, k| &v[k]);
                self.resolve(target)
            }
            Some(r) => self.resolve(&self.models[r.trim_start_matches("#/definitions/")]),
            None => schema,
        }
    }

    /// A model schema without its `null` alternative (an `Option`, or `Nullable`).
    fn non_null<'a>(&'a self, schema: &'a Value) -> &'a Value {
        let schema = self.resolve(schema);
        if let Some(variants) = schema.get("anyOf").and_then(Value::as_array) {
            let kept: Vec<&Value> = variants.iter().filter(|v| v["type"] != "null").collect();
            if kept.len() == 1 {
                return self.non_null(kept[0]);
            }
        }
        schema
    }

    /// The JSON type a schema describes, `null` aside (`None` when any is allowed).
    fn kind(&self, schema: &Value) -> Option<String> {
        let schema = self.non_null(schema);
        match &schema["type"] {
            Value::String(t) => Some(t.clone()),
            Value::Array(types) => types
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null")
                .map(str::to_string),
            _ if schema.get("properties").is_some() => Some("object".into()),
            _ => None,
        }
    }

    fn compatible(spec: &str, model: &str) -> bool {
        spec == model
            || (spec == "number" && model == "integer")
            || (spec == "integer" && model == "number")
    }

    /// Compares the object schema `spec` with the model `name`'s schema `model`.
    fn object(&mut self, name: &str, spec: &Value, model: &Value) {
        let spec = self.resolve(spec).clone();
        let model = self.non_null(model).clone();
        let Some(spec_properties) = spec.get("properties").and_then(Value::as_object) else {
            return;
        };
        let model_properties = model["properties"].as_object().cloned().unwrap_or_default();
        let required = |schema: &Value, key: &str| {
            schema["required"]
                .as_array()
                .is_some_and(|r| r.iter().any(|k| k == key))
        };
        for (key, spec_property) in spec_properties {
            let Some(model_property) = model_properties.get(key) else {
                if !allowed(name, key) {
                    self.problems
                        .push(format!("{name}.{key}: in the spec, not in the model"));
                }
                continue;
            };
            if required(&spec, key) != required(&model, key) && !allowed(name, key) {
                self.problems.push(format!(
                    "{name}.{key}: required in the {}",
                    if required(&spec, key) {
                        "spec, optional in the model"
                    } else {
                        "model, optional in the spec"
                    }
                ));
            }
            let (spec_kind, model_kind) = (self.kind(spec_property), self.kind(model_property));
            if let (Some(s), Some(m)) = (&spec_kind, &model_kind) {
                if !Self::compatible(s, m) {
                    self.problems
                        .push(format!("{name}.{key}: {s} in the spec, {m} in the model"));
                }
            }
            let nested = self.non_null(model_property).clone();
            let child = model_ref(model_property).unwrap_or_else(|| format!("{name}.{key}"));
            match spec_kind.as_deref() {
                Some("object") => self.object(&child, spec_property, &nested),
                Some("array") => {
                    let items = self.resolve(spec_property)["items"].clone();
                    let model_items = self.non_null(model_property)["items"].clone();
                    let item_name = model_ref(&model_items).unwrap_or(child);
                    self.object(&item_name, &items, &model_items);
                }
                _ => {}
            }
        }
        for key in model_properties.keys() {
            if !spec_properties.contains_key(key) && !allowed(name, key) {
                self.problems
                    .push(format!("{name}.{key}: in the model, not in the spec"));
            }
        }
    }

    fn model(&mut self, model: &str, spec_schema: &str) {
        let spec = serde_json::json!({ "$ref": format!("#/components/schemas/{spec_schema}") });
        let schema = self.models[model].clone();
        self.object(model, &spec, &schema);
    }

    /// Every query parameter of the operation at `path` is a field of `model` (its first
    /// dotted segment: `name.startsWith` is the `name` filter), required alike.
    fn params(&mut self, path: &str, method: &str, model: &str) {
        let operation = self.spec["paths"][path][method].clone();
        let schema = self.models[model].clone();
        let fields = schema["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let required: Vec<&str> = schema["required"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for parameter in operation["parameters"].as_array().into_iter().flatten() {
            let parameter = self.resolve(parameter).clone();
            if parameter["in"] != "query" {
                continue;
            }
            let name = parameter["name"].as_str().unwrap_or_default();
            let field = name.split('.').next().unwrap_or_default();
            if !fields.contains_key(field) {
                self.problems
                    .push(format!("{model}: no field for the query parameter {name}"));
            } else if !name.contains('.')
                && parameter["required"].as_bool().unwrap_or(false) != required.contains(&field)
            {
                self.problems.push(format!(
                    "{model}.{field}: required-ness differs from the spec"
                ));
            }
        }
    }
}

#[test]
fn every_model_matches_the_spec() {
    let mut checker = Checker {
        spec: spec(),
        models: models(),
        problems: Vec::new(),
    };
    for (model, spec) in [
        ("Organization", "organizations-api_Organization"),
        ("OrganizationBody", "organizations-api_Organization"),
        ("Profile", "organizations-api_Profile"),
        ("Account", "organizations-api_Account"),
        (
            "DeletedOrganization",
            "organizations-api_DeleteOrganizationResponse",
        ),
        ("PageTokenInfo", "organizations-api_PageTokenResultInfo"),
        ("Message", "response_info"),
        ("AuditLog", "aaa_audit-logs-v2-org"),
        ("CursorInfo", "aaa_result_info"),
        ("HistoryInfo", "aaa_audit-logs-v2-history-result-info"),
        ("UsageRecord", "billable-usage-api_cost_and_usage_data"),
        ("Member", "organizations-api_Member"),
        ("NewMember", "organizations-api_CreateSingleMember"),
        ("Share", "resource-sharing_share_object"),
        ("PageNumberInfo", "resource-sharing_result_info"),
    ] {
        checker.model(model, spec);
    }
    for (path, model) in [
        ("/organizations", "OrganizationListParams"),
        (
            "/organizations/{organization_id}/accounts",
            "AccountListParams",
        ),
        (
            "/organizations/{organization_id}/logs/audit",
            "AuditListParams",
        ),
        (
            "/organizations/{organization_id}/logs/audit/{id}/history",
            "AuditHistoryParams",
        ),
        (
            "/organizations/{organization_id}/billable/usage",
            "UsageParams",
        ),
        (
            "/organizations/{organization_id}/members",
            "MemberListParams",
        ),
        ("/organizations/{organization_id}/shares", "ShareListParams"),
    ] {
        checker.params(path, "get", model);
    }
    assert!(
        checker.problems.is_empty(),
        "\n{}",
        checker.problems.join("\n")
    );
}

#[test]
fn the_operation_table_is_the_specs() {
    let spec = spec();
    let mut in_spec: Vec<(String, String)> = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in ["get", "post", "put", "delete", "patch"] {
            if item.get(method).is_some() {
                in_spec.push((method.to_uppercase(), path.clone()));
            }
        }
    }
    let mut in_table: Vec<(String, String)> = OPERATIONS
        .iter()
        .map(|op| (op.method.as_str().to_string(), op.path.to_string()))
        .collect();
    in_spec.sort();
    in_table.sort();
    assert_eq!(in_table, in_spec);
}

#[test]
fn the_keys_the_client_checks_are_required_strings_of_their_models() {
    use cloudflare_organizations_core::endpoint::ResultShape;
    let models = models();
    for (shape, model) in [
        (ResultShape::Organization, "Organization"),
        (ResultShape::OrganizationPage, "Organization"),
        (ResultShape::AccountPage, "Account"),
        (ResultShape::Deleted, "DeletedOrganization"),
        (ResultShape::Member, "Member"),
        (ResultShape::Members, "Member"),
        (ResultShape::MemberPage, "Member"),
        (ResultShape::SharePage, "Share"),
    ] {
        let schema = &models[model];
        for key in shape.required_strings() {
            let required = schema["required"].as_array().unwrap();
            assert!(
                required.iter().any(|k| k == key),
                "{model}.{key} is required"
            );
            assert_eq!(
                schema["properties"][key]["type"], "string",
                "{model}.{key} is a string"
            );
        }
    }
}

#[test]
fn the_operations_that_read_a_body_are_those_the_spec_gives_a_request_body() {
    let spec = spec();
    for op in OPERATIONS {
        let method = op.method.as_str().to_lowercase();
        let has_body = spec["paths"][op.path][&method].get("requestBody").is_some();
        assert_eq!(op.payload.is_body(), has_body, "{}", op.name);
    }
    assert!(OPERATIONS.iter().any(|op| op.payload.is_body()));
    assert!(OPERATIONS.iter().any(|op| !op.payload.is_body()));
}
