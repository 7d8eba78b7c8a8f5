// A static responder: replays bodies captured from the emulator, byte for byte, with the headers
// the emulator sends, so that the server costs (almost) nothing and what the benchmark measures is
// the client. Run in its own process (the clients' process must not share its event loop):
//
//   node bench/responder.mjs DIR      DIR holds get.json, list.json, audit.json, create.json
//                                     (bench/run.mjs captures them); prints "READY <base url>" and
//                                     serves 127.0.0.1 on a free port until SIGTERM/SIGINT or stdin
//                                     closes.
//
//   GET  /client/v4/organizations/<id>   get.json
//   GET  /client/v4/organizations?...    list.json
//   GET  /client/v4/organizations/<id>/logs/audit?...   audit.json
//   POST /client/v4/organizations        create.json (the request body is read and dropped)
import { fstatSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node bench/responder.mjs DIR");
  process.exit(2);
}
const body = (name) => readFileSync(path.join(dir, name));
const canned = { get: body("get.json"), list: body("list.json"), audit: body("audit.json"), create: body("create.json") };
const headers = (buf) => [
  "content-type", "application/json",
  "content-length", String(buf.length),
  "cf-ray", "0123456789abcdef-EMU",
];
const heads = Object.fromEntries(Object.entries(canned).map(([k, v]) => [k, headers(v)]));
const PREFIX = "/client/v4/organizations";

const server = createServer((req, res) => {
  const url = req.url;
  let which = null;
  if (url.startsWith(PREFIX)) {
    const rest = url.slice(PREFIX.length);
    if (req.method === "GET" && (rest === "" || rest[0] === "?")) which = "list";
    else if (req.method === "GET" && rest[0] === "/" && !rest.includes("/", 1)) which = "get";
    else if (req.method === "GET" && /^\/[^/?]+\/logs\/audit(\?|$)/.test(rest)) which = "audit";
    else if (req.method === "POST" && rest === "") which = "create";
  }
  const send = () => {
    if (which === null) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end('{"success":false,"errors":[{"code":7003,"message":"not canned"}],"messages":[],"result":null}');
      return;
    }
    res.writeHead(200, heads[which]);
    res.end(canned[which]);
  };
  // Drain the body (a POST's) before answering, as a real server would.
  if (req.method === "GET") send();
  else req.on("data", () => {}).on("end", send);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  console.log(`READY http://127.0.0.1:${server.address().port}/client/v4`);
});
const stop = () => server.close(() => process.exit(0)) && server.closeAllConnections();
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
// A parent that holds our stdin as a pipe: when it goes away, so do we (no orphan after a crash).
if (fstatSync(0).isFIFO()) process.stdin.on("end", stop).on("error", stop).resume();
