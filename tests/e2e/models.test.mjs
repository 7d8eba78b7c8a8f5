// The dashboard's profile form follows the core's model (issue 10: the shapes are defined once, in
// the core): the form's fields are the `Profile` model's, as `make build` exports it from the Rust
// types (target/model-schema.json, the same JSON Schema pkg/models.d.ts is generated from), and
// the form sends every field the model requires. A field added to the model fails this test until
// the form has an input for it.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { PROFILE_FIELDS } from "../../www/js/validate.js";

const schema = JSON.parse(readFileSync(new URL("../../target/model-schema.json", import.meta.url), "utf8"));
const profile = schema.definitions.Profile;

describe("the dashboard's profile form and the core's Profile model", () => {
  it("has an input for each field of the model, and none besides", () => {
    assert.deepEqual(PROFILE_FIELDS.map((field) => field.key).sort(), Object.keys(profile.properties).sort());
  });

  it("sends every field the model requires (an optional input may be left empty, not left out)", () => {
    const sent = new Set(PROFILE_FIELDS.map((field) => field.key));
    for (const required of profile.required) assert.ok(sent.has(required), `${required} is required by the model`);
    for (const field of PROFILE_FIELDS) assert.equal(profile.properties[field.key].type, "string", field.key);
  });
});
