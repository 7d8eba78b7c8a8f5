//! Prints the JSON Schema of every model the package's users see, one definition per type:
//! `scripts/gen-types.mjs` turns it into `pkg/models.d.ts`, and `core/tests/spec.rs` checks
//! the same schemas against Cloudflare's OpenAPI document.

fn main() {
    println!("{}", cloudflare_organizations_core::schema::models_json());
}
