// An organization's members: the list with the API's status and email filters and token
// paging; inviting one person (`members.create`) or several in one request
// (`members.batchCreate`); removing one (`members.delete`) after a confirmation.
import { h, replace } from "../../dom.js";
import { organizations, compact } from "../../api.js";
import { formatTime, formatValue, orgPath } from "../../format.js";
import { hashFor, navigate } from "../../router.js";
import { section } from "../../components/page.js";
import { loadInto, emptyState, errorPanel } from "../../components/status.js";
import { TokenPager, pagerControls } from "../../components/pager.js";
import { nameFilterFields, nameParam, describeNameFilter } from "../../components/name-filter.js";
import { field, showFieldProblems, clearFieldProblems, whileSubmitting } from "../../components/fields.js";
import { confirmDialog } from "../../components/confirm-dialog.js";
import { notify } from "../../components/notice.js";
import { listParam, checkboxes, readCheckboxes } from "../../components/choices.js";
import { parseEmailList } from "../../validate.js";
import { organizationTab } from "./shell.js";
import { ValidationError } from "cloudflare-organizations";

const STATUSES = ["active", "pending", "rejected", "canceled"];
const PAGE_SIZES = [5, 10, 25, 50];

function readFilters(query) {
  const size = Number(query.get("size"));
  return {
    status: (query.get("status") ?? "").split(",").filter((status) => STATUSES.includes(status)),
    match: query.get("match") ?? "contains",
    email: query.get("email") ?? "",
    size: PAGE_SIZES.includes(size) ? size : 10,
  };
}

export const membersView = organizationTab("members", ({ org, query, signal }) => {
  const filters = readFilters(query);
  const pager = new TokenPager();
  const results = h("div", { class: "region", "data-testid": "members-results" });
  const removal = h("div", { class: "region", "data-testid": "member-removal" });
  const filtered = filters.status.length > 0 || Boolean(filters.email);

  const form = h("form", { class: "filters", role: "search", "aria-label": "Filter members", method: "post", onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(form);
    navigate(hashFor(orgPath(org.id, "members"), {
      status: readCheckboxes(form, "status").join(","), match: data.get("match"),
      email: String(data.get("name") ?? "").trim(), size: data.get("size"),
    }));
  } },
  checkboxes({ legend: "Status", name: "status", values: STATUSES, checked: filters.status }),
  nameFilterFields({ match: filters.match, text: filters.email, what: "members", subject: "Email" }),
  h("div", { class: "field-row" },
    h("div", { class: "field" },
      h("label", { for: "members-size" }, "Per page"),
      h("select", { id: "members-size", name: "size" }, PAGE_SIZES.map((n) => h("option", { value: n, selected: n === filters.size }, n)))),
    h("div", { class: "actions" },
      h("button", { type: "submit", class: "button button-primary" }, "Show members"),
      h("a", { class: "button button-quiet", href: `#${orgPath(org.id, "members")}` }, "Clear")),
  ));

  const load = () => loadInto(results, {
    signal,
    loadingText: "Loading members…",
    load: (s) => pager.load((token) => organizations().members.list(org.id, compact({
        status: listParam(filters.status),
        user: filters.email ? { email: nameParam(filters.match, filters.email) } : undefined,
        page_size: filters.size,
        page_token: token,
      }), { signal: s })),
    isEmpty: (page) => page.result.length === 0 && !pager.hasPrevious,
    empty: () => emptyState(filtered
      ? `No member matches ${[filters.status.length && `status ${filters.status.join(" or ")}`, filters.email && describeNameFilter(filters.match, filters.email, "email")].filter(Boolean).join(", ")}.`
      : "This organization has no members yet: invite someone above."),
    render: (page) => [
      membersTable(page.result, { onRemove: remove }),
      pagerControls(pager, page, { go: load, noun: "members", label: "Member pages" }),
    ],
  });

  const reload = () => { pager.reset(); return load(); };

  async function remove(member) {
    removal.replaceChildren();
    const who = memberLabel(member);
    const confirmed = await confirmDialog({
      title: `Remove ${who}?`,
      body: [`${who} will no longer be a member of “${org.name}”.`, "Inviting them again is possible."],
      confirmLabel: "Remove member",
      danger: true,
    });
    if (!confirmed) return;
    try {
      await organizations().members.delete(org.id, member.id);
      notify(`Removed ${who}.`);
      await reload();
    } catch (error) {
      replace(removal, errorPanel(error, { titlePrefix: "Not removed" }));
      removal.firstElementChild?.setAttribute("tabindex", "-1");
      removal.firstElementChild?.focus();
    }
  }

  load();
  return h("div", { class: "stack" },
    inviteSection(org, reload),
    section("Members", { testid: "members", className: "card-wide" }, form, removal, results));
});

function inviteSection(org, onInvited) {
  const outcome = h("div", { class: "region", "data-testid": "invite-outcome" });
  const form = h("form", { class: "form", method: "post", novalidate: true, "data-testid": "invite-form", onsubmit: async (event) => {
    event.preventDefault();
    outcome.replaceChildren();
    clearFieldProblems(form);
    const { emails, invalid } = parseEmailList(form.elements.namedItem("emails").value);
    if (invalid.length) { showFieldProblems(form, { emails: `Not an email address: ${invalid.join(", ")}` }); return; }
    if (!emails.length) { showFieldProblems(form, { emails: "Enter at least one email address." }); return; }
    const status = form.elements.namedItem("active").checked ? "active" : undefined;
    const members = emails.map((email) => compact({ user: { email }, status }));
    try {
      const created = await whileSubmitting(form, "Inviting…", async () => (members.length === 1
        ? [await organizations().members.create(org.id, members[0])]
        : organizations().members.batchCreate(org.id, members)));
      notify(`${status ? "Added" : "Invited"} ${created.map(memberLabel).join(", ")}.`);
      form.reset();
      onInvited();
    } catch (error) {
      if (error instanceof ValidationError) showFieldProblems(form, { emails: `${error.reason} (refused by the client: ${error.field})` });
      replace(outcome, errorPanel(error, { titlePrefix: "Not invited" }));
    }
  } },
  h("fieldset", { class: "form-body" },
    h("legend", { class: "visually-hidden" }, "Invite people"),
    field({ label: "Email addresses", name: "emails", type: "textarea", required: true,
      hint: "One person, or several: one per line or separated by commas. Several are sent in one batch request." }),
    h("label", { class: "check" }, h("input", { type: "checkbox", name: "active" }), "Add them as active members (no invitation to accept)"),
  ),
  outcome,
  h("p", { class: "actions" }, h("button", { type: "submit", class: "button button-primary" }, "Invite")));
  return section("Invite people", { testid: "invite" }, form);
}

function membersTable(members, { onRemove }) {
  return h("table", { class: "table responsive", "data-testid": "members-table" },
    h("caption", { class: "visually-hidden" }, "Members"),
    h("thead", {}, h("tr", {}, ["Email", "Name", "Status", "2FA", "Since", "Updated", "ID", ""].map((label) =>
      h("th", { scope: "col" }, label || h("span", { class: "visually-hidden" }, "Actions"))))),
    h("tbody", {}, members.map((member) => h("tr", { dataset: { id: member.id } },
      h("th", { scope: "row", "data-label": "Email" }, member.user?.email || h("span", { class: "muted" }, "(no email)")),
      h("td", { "data-label": "Name" }, formatValue(member.user?.name)),
      h("td", { "data-label": "Status" }, h("span", { class: `status status-${String(member.status).replace(/\W+/g, "-")}` }, formatValue(member.status))),
      h("td", { "data-label": "2FA" }, formatValue(member.user?.two_factor_authentication_enabled)),
      h("td", { "data-label": "Since" }, formatTime(member.create_time)),
      h("td", { "data-label": "Updated" }, formatTime(member.update_time)),
      h("td", { "data-label": "ID" }, h("code", { class: "id" }, member.id)),
      h("td", { "data-label": "" }, h("button", { type: "button", class: "button button-quiet", "aria-label": `Remove ${memberLabel(member)}…`, onclick: () => onRemove(member) }, "Remove…")),
    ))));
}

/** How a member is named to a person: the email, else the id. */
function memberLabel(member) {
  return member.user?.email || member.id;
}
