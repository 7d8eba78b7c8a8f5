// Seeds the emulator (EMULATOR_URL, EMULATOR_ADMIN, EMULATOR_TOKEN) with 1000 organizations, each
// with a profile (~600 bytes as the API returns it), gives one of them 1000 members in 100
// `members:batchCreate` calls of 10 (the emulator records an audit log entry per member, so that
// organization's trail holds 1000 entries and its own creation), and captures, byte for byte, the
// bodies the static responder replays: bench/out/canned/{get,list,audit,create}.json. Prints the
// id it used.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AUDIT_WINDOW, createBody, PAGE_SIZE } from "./clients.mjs";
import { log, OUT } from "./lib.mjs";

const base = process.env.EMULATOR_URL;
const admin = process.env.EMULATOR_ADMIN;
const token = process.env.EMULATOR_TOKEN;
if (!base || !token) throw new Error("run under scripts/with-emulator.sh");
const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };

await fetch(`${admin}/reset`, { method: "POST", headers, body: JSON.stringify({ seed: "empty" }) });
const create = async (n) => {
  const r = await fetch(`${base}/organizations`, { method: "POST", headers, body: JSON.stringify(createBody(n)) });
  const text = await r.text();
  if (r.status !== 200) throw new Error(`create: ${r.status} ${text}`);
  return text;
};
let firstCreate;
for (let batch = 0; batch < PAGE_SIZE / 50; batch++) {
  const texts = await Promise.all(Array.from({ length: 50 }, (_, i) => create(batch * 50 + i)));
  firstCreate ??= texts[0];
}
const get = async (route) => {
  const r = await fetch(`${base}${route}`, { headers });
  if (r.status !== 200) throw new Error(`GET ${route}: ${r.status}`);
  return r.text();
};
const list = await get(`/organizations?page_size=${PAGE_SIZE}`);
const items = JSON.parse(list).result;
if (items.length !== PAGE_SIZE) throw new Error(`the page has ${items.length} organizations`);
// The middle one: nothing special about its position.
const id = items[PAGE_SIZE / 2].id;
const one = await get(`/organizations/${id}`);

const MEMBERS_PER_BATCH = 10;
for (let batch = 0; batch < PAGE_SIZE / MEMBERS_PER_BATCH; batch++) {
  const members = Array.from({ length: MEMBERS_PER_BATCH }, (_, i) => ({ user: { email: `member${batch * MEMBERS_PER_BATCH + i}@bench.example` } }));
  const r = await fetch(`${base}/organizations/${id}/members:batchCreate`, { method: "POST", headers, body: JSON.stringify({ members }) });
  if (r.status !== 200) throw new Error(`members:batchCreate: ${r.status} ${await r.text()}`);
  await r.arrayBuffer();
}
const audit = await get(`/organizations/${id}/logs/audit?${new URLSearchParams({ ...AUDIT_WINDOW, limit: String(PAGE_SIZE) })}`);
const entries = JSON.parse(audit).result;
if (entries.length !== PAGE_SIZE) throw new Error(`the audit page has ${entries.length} entries`);

const dir = path.join(OUT, "canned");
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "get.json"), one);
writeFileSync(path.join(dir, "list.json"), list);
writeFileSync(path.join(dir, "audit.json"), audit);
writeFileSync(path.join(dir, "create.json"), firstCreate);
writeFileSync(path.join(dir, "id"), id);
log(`seeded ${PAGE_SIZE} organizations and ${PAGE_SIZE} audit log entries; page ${Buffer.byteLength(list)} B, audit page ${Buffer.byteLength(audit)} B, one ${Buffer.byteLength(one)} B, created ${Buffer.byteLength(firstCreate)} B`);
console.log(id);
