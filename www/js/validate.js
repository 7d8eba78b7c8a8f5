// Checks done in the page before anything is sent, so a person sees a message beside the
// field instead of a round trip. The package validates again; its ValidationError is shown too.

export const PROFILE_FIELDS = [
  { key: "business_name", label: "Business name", type: "text", autocomplete: "organization" },
  { key: "business_email", label: "Business email", type: "email", autocomplete: "email" },
  { key: "business_phone", label: "Business phone", type: "tel", autocomplete: "tel" },
  { key: "business_address", label: "Business address", type: "textarea", autocomplete: "street-address" },
  { key: "external_metadata", label: "External metadata", type: "textarea", optional: true,
    hint: "Free text your own systems use, such as a customer id. May be empty." },
];

// One @, something before it, a dot in the domain, no spaces: the shape, not deliverability.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
// Digits with the usual separators, an optional leading +, at least 5 digits.
const PHONE = /^\+?[\d\s().-]+$/;
// Control characters other than tab and newline have no place in these texts.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** An error message for an organization name, or null when it is fine. */
export function checkOrganizationName(name) {
  if (!name.trim()) return "Enter a name.";
  if (CONTROL.test(name)) return "Remove control characters.";
  return null;
}

/** { field: message } for every invalid profile field; an empty object when all are valid. */
export function checkProfile(profile) {
  const problems = {};
  for (const { key, label, optional } of PROFILE_FIELDS) {
    const value = profile[key] ?? "";
    if (typeof value !== "string") problems[key] = `${label} must be text.`;
    else if (!optional && !value.trim()) problems[key] = `Enter the ${label.toLowerCase()}.`;
    else if (CONTROL.test(value)) problems[key] = "Remove control characters.";
  }
  const email = profile.business_email?.trim() ?? "";
  if (!problems.business_email && !isEmail(email)) problems.business_email = "Enter an email address such as billing@example.com.";
  const phone = profile.business_phone?.trim() ?? "";
  if (!problems.business_phone && (!PHONE.test(phone) || phone.replace(/\D/g, "").length < 5)) {
    problems.business_phone = "Enter a phone number: digits, spaces, + ( ) - . only.";
  }
  return problems;
}

/** True when `text` has the shape of an email address. */
export function isEmail(text) {
  return EMAIL.test(text);
}

/**
 * The addresses in a list typed by a person (one per line, or separated by commas, semicolons
 * or spaces), without duplicates: { emails, invalid }.
 */
export function parseEmailList(text) {
  const emails = [...new Set(String(text).split(/[\s,;]+/).map((item) => item.trim()).filter(Boolean))];
  return { emails: emails.filter(isEmail), invalid: emails.filter((item) => !isEmail(item)) };
}

/** The profile with surrounding blanks trimmed, as it is sent. */
export function normalizeProfile(profile) {
  return Object.fromEntries(PROFILE_FIELDS.map(({ key }) => [key, String(profile[key] ?? "").trim()]));
}
