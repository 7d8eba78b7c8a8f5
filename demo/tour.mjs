#!/usr/bin/env node
// A guided tour of the Organizations API with the package, as a user would write it: the eight
// organization endpoints, then members, shares, billable usage and the audit trail of what the
// tour itself did. It prints each call, the HTTP requests it made, and a compact result.
//
//   node demo/tour.mjs     against the emulator (EMULATOR_URL / EMULATOR_TOKEN, default
//                          http://127.0.0.1:8787/client/v4 with dev-token), or, with
//                          CLOUDFLARE_API_TOKEN set, the real API (CLOUDFLARE_BASE_URL optional).
//
// The tour only deletes organizations and members it created itself, so it is safe on a real
// account.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Cloudflare, ApiError, CloudflareError, ConflictError } from "../pkg/node.js";
import { connectionFromEnv, describeCredentials } from "./connection.mjs";
import { createPrinter } from "./print.mjs";

const TOUR_PROFILE = {
  business_name: "Tour Widgets GmbH",
  business_email: "billing@tour-widgets.example",
  business_phone: "+49 30 555 0100",
  business_address: "Unter den Linden 1, 10117 Berlin, DE",
  external_metadata: "{\"source\":\"cloudflare-organizations tour\"}",
};

/**
 * Runs the tour; resolves to true when every step behaved as the API documents.
 * `out` receives each printed line (console.log by default).
 */
export async function runTour({ baseUrl, credentials, kind, out = console.log, color = false }) {
  const p = createPrinter({ out, color });
  const cf = new Cloudflare({ baseUrl, ...credentials, onResponse: p.http });
  const orgs = cf.organizations;
  const created = [];
  p.title("Cloudflare Organizations: a tour of the API");
  // The audit trail shown at the end starts here (a minute early: clocks differ).
  const tourStart = new Date(Date.now() - 60_000);
  p.note(`API: ${baseUrl} (${kind}, ${describeCredentials(credentials)})`);

  try {
    const filter = { name: { contains: "Acme" }, page_size: 5 };
    const page = await p.step("list: one page, filtered by name", `cf.organizations.list(${p.args(filter)})`,
      () => orgs.list(filter),
      (r) => `${r.result.length} of ${r.result_info.total_size ?? "?"}: ${names(r.result)}${r.result_info.next_page_token ? " (more on the next page)" : ""}`);

    const all = await p.step("listAll: every page, following next_page_token", "cf.organizations.listAll({ page_size: 3 })",
      () => orgs.listAll({ page_size: 3 }),
      (r) => `${r.length} organizations: ${names(r)}`);

    const parent = all.find((org) => !org.parent) ?? page.result[0];
    if (parent) {
      await p.step("get: one organization", `cf.organizations.get(${p.args(parent.id)})`,
        () => orgs.get(parent.id),
        (r) => `${r.name}, created ${r.create_time}, flags ${flagSummary(r.meta)}, tags ${JSON.stringify(r.meta?.hierarchy_tags ?? [])}`);
    }

    const body = { name: `Tour ${new Date().toISOString().slice(0, 19)}`, ...(parent ? { parent: { id: parent.id } } : {}), profile: TOUR_PROFILE };
    const mine = await p.step(`create: a sub-organization${parent ? ` of ${parent.name}` : ""}, with a profile`, `cf.organizations.create(${p.args(body)})`,
      () => orgs.create(body),
      (r) => `${r.id} “${r.name}”${r.parent ? ` under ${r.parent.name}` : " (root)"}`);
    created.push(mine);

    const renamed = `${mine.name} (renamed)`;
    await p.step("update: rename it", `cf.organizations.update(${p.args(mine.id)}, ${p.args({ name: renamed })})`,
      () => orgs.update(mine.id, { name: renamed }),
      (r) => `now “${r.name}”`);

    const rich = await richestOrganization(p, orgs, all);
    await accountsTour(p, orgs, rich);

    await p.step("getProfile: the profile given at creation", `cf.organizations.getProfile(${p.args(mine.id)})`,
      () => orgs.getProfile(mine.id),
      (r) => `${r.business_name} <${r.business_email}>`);
    const newProfile = { ...TOUR_PROFILE, business_email: "accounts@tour-widgets.example", business_phone: "+49 30 555 0199" };
    await p.step("updateProfile: replace all five fields (204, no body)", `cf.organizations.updateProfile(${p.args(mine.id)}, { …, business_email: '${newProfile.business_email}' })`,
      () => orgs.updateProfile(mine.id, newProfile),
      (r) => `resolved ${r}`);
    await p.step("getProfile: read it back", `cf.organizations.getProfile(${p.args(mine.id)})`,
      () => orgs.getProfile(mine.id),
      (r) => `${r.business_name} <${r.business_email}>, ${r.business_phone}`);

    await membersTour(p, orgs, mine);
    await sharesTour(p, orgs, all);
    await usageTour(p, orgs, rich);

    const childBody = { name: `${mine.name} child`, parent: { id: mine.id } };
    const child = await p.step("create: a child, so ours is no longer empty", `cf.organizations.create(${p.args(childBody)})`,
      () => orgs.create(childBody),
      (r) => `${r.id} under ${r.parent?.name}`);
    created.push(child);

    const refused = await p.expectError("delete: refused while it has a sub-organization (a typed error)", `cf.organizations.delete(${p.args(mine.id)})`,
      () => orgs.delete(mine.id),
      (error) => [
        `${error.name}: ${error.message}`,
        `error instanceof ConflictError → ${error instanceof ConflictError}, instanceof ApiError → ${error instanceof ApiError}, instanceof CloudflareError → ${error instanceof CloudflareError}`,
        `status ${error.status} · code ${error.code} · message “${error.errors?.[0]?.message}” · rayId ${error.rayId}`,
      ]);
    if (!(refused instanceof ApiError)) throw new Error("the delete of a non-empty organization was not refused");

    await auditTour(p, orgs, mine, tourStart);

    for (const org of [child, mine]) {
      await p.step(`delete: ${org === child ? "the child (empty)" : "ours, now empty"}`, `cf.organizations.delete(${p.args(org.id)})`,
        () => orgs.delete(org.id),
        (r) => `deleted ${r.id}`);
      created.splice(created.indexOf(org), 1);
    }
    p.done("Tour complete: every operation of the Organizations API called.");
    return true;
  } catch (error) {
    p.fail(error);
    await cleanUp(orgs, created, p);
    return false;
  }
}

/** listAccounts (one page), then iterateAccounts and listAllAccounts going past it. */
async function accountsTour(p, orgs, rich) {
  if (!rich) {
    p.note("(no organization holds accounts: skipping the accounts steps' paging)");
    return;
  }
  const first = { order_by: "account_name", direction: "asc", page_size: 5 };
  await p.step(`listAccounts: ${rich.org.name}'s accounts, sorted by name`, `cf.organizations.listAccounts(${p.args(rich.org.id)}, ${p.args(first)})`,
    () => orgs.listAccounts(rich.org.id, first),
    (r) => `${r.result.length} of ${r.result_info.total_size ?? "?"}: ${names(r.result)}${r.result_info.next_page_token ? " …" : ""}`);

  const iterParams = { page_size: 10 };
  await p.step("iterateAccounts: lazily, one page at a time", `for await (const account of cf.organizations.iterateAccounts(${p.args(rich.org.id)}, ${p.args(iterParams)}))`,
    async () => {
      const seen = [];
      for await (const account of orgs.iterateAccounts(rich.org.id, iterParams)) seen.push(account.name);
      return seen;
    },
    (seen) => `${seen.length} accounts, from ${seen[0]} to ${seen.at(-1)}`);

  const allParams = { name: { contains: "acme" }, order_by: "account_name", direction: "desc", page_size: 10 };
  await p.step("listAllAccounts: every page, filtered (case-insensitive) and sorted Z→A", `cf.organizations.listAllAccounts(${p.args(rich.org.id)}, ${p.args(allParams)})`,
    () => orgs.listAllAccounts(rich.org.id, allParams),
    (r) => `${r.length} accounts: ${names(r.slice(0, 4))}${r.length > 4 ? ", …" : ""}`);
}

/** Invites one person, then two in one batch, lists the pending ones, and removes the first. */
async function membersTour(p, orgs, mine) {
  const domain = "tour-widgets.example";
  const one = { user: { email: `ada@${domain}` } };
  const ada = await p.step("members.create: invite one person", `cf.organizations.members.create(${p.args(mine.id)}, ${p.args(one)})`,
    () => orgs.members.create(mine.id, one),
    (r) => `${r.user.email}: ${r.status} (member ${r.id})`);
  const several = [{ user: { email: `grace@${domain}` } }, { user: { email: `linus@${domain}` }, status: "active" }];
  const [grace] = await p.step("members.batchCreate: two more in one request", `cf.organizations.members.batchCreate(${p.args(mine.id)}, ${p.args(several)})`,
    () => orgs.members.batchCreate(mine.id, several),
    (r) => r.map((m) => `${m.user.email}: ${m.status}`).join(", "));
  await p.step("members.get: one member", `cf.organizations.members.get(${p.args(mine.id)}, ${p.args(grace.id)})`,
    () => orgs.members.get(mine.id, grace.id),
    (r) => `${r.user.email} (${r.user.name || "no name yet"}): ${r.status}, invited ${r.create_time}`);
  const pending = { status: "pending" };
  await p.step("members.listAll: the invitations not yet accepted", `cf.organizations.members.listAll(${p.args(mine.id)}, ${p.args(pending)})`,
    () => orgs.members.listAll(mine.id, pending),
    (r) => `${r.length} pending: ${r.map((m) => m.user.email).join(", ")}`);
  await p.step("members.delete: withdraw the first invitation", `cf.organizations.members.delete(${p.args(mine.id)}, ${p.args(ada.id)})`,
    () => orgs.members.delete(mine.id, ada.id),
    (r) => `resolved ${r}`);
}

/** The resources shared by or with the first organization that has any. */
async function sharesTour(p, orgs, all) {
  const params = { order: "name", per_page: 5 };
  let found = null;
  await p.quietly(async () => {
    for (const org of all.slice(0, 10)) {
      const page = await orgs.shares.list(org.id, { per_page: 1 });
      if (page.result.length) { found = org; break; }
    }
  });
  if (!found) {
    p.note("(no organization has shares: skipping shares.list)");
    return;
  }
  await p.step(`shares.list: ${found.name}'s shares, by name, page 1`, `cf.organizations.shares.list(${p.args(found.id)}, ${p.args(params)})`,
    () => orgs.shares.list(found.id, params),
    (r) => `${r.result.length} of ${r.result_info?.total_count ?? "?"} (${r.result_info?.total_pages ?? "?"} pages): ${r.result.map((s) => `${s.name} (${s.kind}, ${s.status})`).join(", ")}`);
}

/** This month's billable usage of the organization with the most accounts, by product. */
async function usageTour(p, orgs, rich) {
  if (!rich) {
    p.note("(no organization holds accounts: skipping billing.usage.get)");
    return;
  }
  await p.step(`billing.usage.get: ${rich.org.name}'s usage this month (FOCUS records)`, `cf.organizations.billing.usage.get(${p.args(rich.org.id)})`,
    () => orgs.billing.usage.get(rich.org.id),
    (records) => {
      const byProduct = new Map();
      for (const r of records) byProduct.set(r.x_ProductFamilyName ?? "other", (byProduct.get(r.x_ProductFamilyName ?? "other") ?? 0) + (r.BilledCost ?? 0));
      const currency = records[0]?.BillingCurrency ?? "";
      const total = [...byProduct.values()].reduce((a, b) => a + b, 0);
      const products = [...byProduct].sort((a, b) => b[1] - a[1]).map(([name, cost]) => `${name} ${cost.toFixed(2)}`).join(", ");
      return `${records.length} records, ${products || "no usage"}; total ${total.toFixed(2)} ${currency}`.trim();
    });
}

/** What the tour itself did to its organization, as the audit trail tells it, and one history. */
async function auditTour(p, orgs, mine, since) {
  const params = { since, before: new Date(Date.now() + 60_000), direction: "asc" };
  const entries = await p.step("logs.audit.listAll: the audit trail of what this tour did", `cf.organizations.logs.audit.listAll(${p.args(mine.id)}, { since: ${p.args(since.toISOString())}, before: …, direction: "asc" })`,
    () => orgs.logs.audit.listAll(mine.id, params),
    (r) => [`${r.length} entries:`, ...r.map((e) => `       ${e.action?.time} ${e.actor?.email ?? e.actor?.id} ${e.action?.type} “${e.action?.description}” ${e.raw?.method} ${e.raw?.uri} → ${e.raw?.status_code} ${e.action?.result}`)].join("\n"));
  const rename = entries.find((e) => e.action?.type === "update" && e.resource?.type === "organization") ?? entries[0];
  if (!rename) return;
  const historyParams = { action_time: rename.action?.time, since, before: params.before };
  await p.step("logs.audit.history: everything that happened to the resource of one entry", `cf.organizations.logs.audit.history(${p.args(mine.id)}, ${p.args(rename.id)}, { action_time: ${p.args(rename.action?.time)}, since, before })`,
    () => orgs.logs.audit.history(mine.id, rename.id, historyParams),
    (r) => `${r.result.length} entries (${r.result_info?.history_status}): ${r.result.map((e) => `${e.action?.type} ${e.raw?.status_code}`).join(", ")}`);
}

/** The organization with the most accounts among the first ten (one small request each). */
async function richestOrganization(p, orgs, all) {
  let best = null;
  await p.quietly(async () => {
    for (const org of all.slice(0, 10)) {
      const page = await orgs.listAccounts(org.id, { page_size: 1 });
      const total = page.result_info?.total_size ?? page.result.length;
      if (total > (best?.total ?? 0)) best = { org, total };
    }
  });
  if (best) p.note(`(picked ${best.org.name}, the organization with the most accounts: ${best.total})`);
  return best;
}

async function cleanUp(orgs, created, p) {
  for (const org of [...created].reverse()) {
    try {
      await orgs.delete(org.id);
      p.note(`cleaned up ${org.id}`);
    } catch (error) {
      p.note(`could not clean up ${org.id}: ${error.message}`);
    }
  }
}

function names(list) {
  return list.map((item) => item.name ?? "(no name)").join(", ");
}

function flagSummary(meta) {
  const flags = meta?.tenant_flags ?? meta?.flags;
  if (!flags) return "none";
  const values = Object.values(flags);
  return `${values.filter((v) => v === "allow" || v === true || v === "enabled").length}/${values.length} allowed`;
}

async function main() {
  const connection = connectionFromEnv();
  const ok = await runTour({ ...connection, color: process.stdout.isTTY && !process.env.NO_COLOR });
  process.exitCode = ok ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
