// Calendar dates as the API writes them ("YYYY-MM-DD", in UTC), and the day arithmetic the range
// pickers need. Everything is UTC so a person's time zone never shifts a day.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(text) {
  if (!ISO_DATE.test(text ?? "")) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Today's date in UTC, or the date of `now`. */
export function todayUtc(now = new Date()) {
  return now.toISOString().slice(0, 10);
}

/** The date `days` after (or before, when negative) `date`. */
export function addDays(date, days) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (0 for the same day, negative when `to` is earlier). */
export function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The first day of `date`'s month. */
export function startOfMonth(date) {
  return `${date.slice(0, 7)}-01`;
}

/** Every date from `from` to `to`, both included. */
export function datesFrom(from, to) {
  const out = [];
  for (let day = from; day <= to; day = addDays(day, 1)) out.push(day);
  return out;
}
