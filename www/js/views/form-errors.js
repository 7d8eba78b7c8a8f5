// Maps the package's ValidationError field paths ("profile.business_email", "parent.id") to
// the names of this dashboard's form controls, so its reason shows beside the right field.
import { ValidationError } from "cloudflare-organizations";

export function fieldForValidationError(error) {
  if (!(error instanceof ValidationError) || !error.field) return null;
  const path = String(error.field).replace(/^(body\.)?(profile\.)?/, "");
  return path.startsWith("parent") ? "parent" : path;
}
