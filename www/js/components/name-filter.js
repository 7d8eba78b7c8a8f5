// The API's text-match filter as one control: a match kind plus the text. Used for the names of
// organizations and accounts and for members' emails, which all take the same parameter shape
// (a string is the exact match; `{ startsWith | endsWith | contains }` the others).
import { h, uid } from "../dom.js";

export const MATCH_KINDS = [
  ["contains", "contains"],
  ["startsWith", "starts with"],
  ["endsWith", "ends with"],
  ["exact", "is exactly"],
];

/** The parameter for `list`/`listAccounts`/`members.list`, or undefined when there is no text. */
export function nameParam(match, text) {
  if (!text) return undefined;
  if (match === "exact") return text;
  return { [MATCH_KINDS.some(([kind]) => kind === match) ? match : "contains"]: text };
}

/** A readable form of a filter, for empty states: `name contains "acme"`. */
export function describeNameFilter(match, text, subject = "name") {
  const label = MATCH_KINDS.find(([kind]) => kind === match)?.[1] ?? "contains";
  return `${subject} ${label} “${text}”`;
}

/**
 * Labelled match select + search input. `what` names the items ("organizations"); `subject`
 * names the matched field ("Name", "Email"); the form keys are `match` and `name`.
 */
export function nameFilterFields({ match = "contains", text = "", what, subject = "Name" }) {
  const matchId = uid("match");
  const textId = uid("name");
  return h("div", { class: "field-row name-filter" },
    h("div", { class: "field" },
      h("label", { for: matchId }, `${subject} match`),
      h("select", { id: matchId, name: "match" },
        MATCH_KINDS.map(([kind, label]) => h("option", { value: kind, selected: kind === match }, label))),
    ),
    h("div", { class: "field field-grow" },
      h("label", { for: textId }, `${subject} of ${what}`),
      h("input", { id: textId, name: "name", type: "search", value: text, autocomplete: "off", spellcheck: "false" }),
    ),
  );
}
