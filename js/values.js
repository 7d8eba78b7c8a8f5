// Called from Rust (src/interop.rs): the few questions the core asks of JS values, each
// answered in one call across the wasm boundary, and never by throwing.

/**
 * `JSON.parse`, or `undefined` (which JSON never yields) for text that is not JSON. The
 * exception is caught here rather than by wasm-bindgen: with wasm-bindgen 0.2.130 each call of
 * a `catch` import that throws leaks one externref table slot.
 */
export function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// The order of the core's `Kind`: Null, Bool, Number, String, Array, Object, Function, Other.
const KINDS = { boolean: 1, number: 2, string: 3, object: 5, function: 6 };

/** The kind of a value, as the number the core's `Kind` enum reads; a valid `Date` is a string. */
export function kindOf(value) {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return 4;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 7 : 3;
  return KINDS[typeof value] ?? 7;
}

/** `object[key]`, or `undefined` when it is not an object or a getter or proxy throws. */
export function member(object, key) {
  if (object === null || (typeof object !== "object" && typeof object !== "function")) return undefined;
  try {
    return object[key];
  } catch {
    return undefined;
  }
}

/** The kind of `object[key]`, or -1 when absent (or `undefined`). */
export function memberKind(object, key) {
  const value = member(object, key);
  return value === undefined ? -1 : kindOf(value);
}

/**
 * Whether `items` is an array of objects whose members named in `names` (comma-separated) are
 * all strings: a whole page checked in one call. `false` sends the caller to its item-by-item
 * walk, which names what is wrong.
 */
export function recordsWithStrings(items, names) {
  if (!Array.isArray(items)) return false;
  // No names: only objects are asked for (audit entries, usage records).
  const keys = names ? names.split(",") : [];
  try {
    for (const item of items) {
      if (item === null || typeof item !== "object" || Array.isArray(item)) return false;
      for (const key of keys) if (typeof item[key] !== "string") return false;
    }
  } catch {
    return false;
  }
  return true;
}

/** A `Date` as RFC 3339 text (`toISOString()`), or `undefined` for anything else. */
export function dateText(value) {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : undefined;
}
