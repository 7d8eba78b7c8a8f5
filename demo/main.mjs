#!/usr/bin/env node
// `make demo`: the emulator with the demo data (or the real API when CLOUDFLARE_API_TOKEN is
// set), the tour against it, then the dashboard and its proxy until Ctrl-C / SIGTERM.
//
//   node demo/main.mjs [--port 8080] [--host 127.0.0.1] -- <command that runs the emulator>
import { parseArgs } from "node:util";
import { connectionFromEnv, EMULATOR_DEV_TOKEN } from "./connection.mjs";
import { startEmulator } from "./emulator-process.mjs";
import { runTour } from "./tour.mjs";
import { startDemoServer, PROXY_PREFIX } from "./server.mjs";

const { values: options, positionals: emulatorCommand } = parseArgs({
  options: { port: { type: "string", default: process.env.DEMO_PORT ?? "8080" }, host: { type: "string", default: "127.0.0.1" } },
  allowPositionals: true,
});

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (text) => (color ? `\x1b[1m${text}\x1b[0m` : text);
const say = (line) => console.log(`${color ? "\x1b[1;34m[demo]\x1b[0m" : "[demo]"} ${line}`);
const stoppers = [];
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const stop of stoppers.reverse()) await stop().catch(() => {});
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => { console.log(""); say(`${signal}: stopping`); stopAll(0); });
}

async function main() {
  let connection = connectionFromEnv();
  if (connection.kind === "emulator") {
    if (emulatorCommand.length === 0) throw new Error("no emulator command given (after --) and no CLOUDFLARE_API_TOKEN set");
    say(`starting the emulator (its first run builds it, which can take a few minutes): ${emulatorCommand.join(" ")}`);
    const emulator = startEmulator(emulatorCommand);
    stoppers.push(emulator.stop); // before it is ready: Ctrl-C during its build stops it too
    const url = await emulator.ready;
    emulator.exited.then(({ code, signal }) => {
      if (!stopping) { say(`the emulator stopped (${signal ?? `code ${code}`}): stopping`); stopAll(1); }
    });
    connection = { ...connection, baseUrl: url, credentials: { apiToken: process.env.EMULATOR_TOKEN || EMULATOR_DEV_TOKEN } };
  } else {
    say(`CLOUDFLARE_API_TOKEN is set: using ${connection.baseUrl}, no emulator`);
  }

  console.log("");
  const toured = await runTour({ ...connection, color });
  console.log("");
  if (!toured) say("the tour failed (see above); serving the dashboard anyway so you can look around");

  const server = await startDemoServer({
    port: Number(options.port), host: options.host,
    upstream: connection.baseUrl, credentials: connection.credentials, kind: connection.kind,
    log: (line) => console.log(line),
  });
  stoppers.push(server.close);
  say(`dashboard: ${bold(server.url)}`);
  say(`proxy: ${server.url.replace(/\/$/, "")}${PROXY_PREFIX} → ${connection.baseUrl} (credentials added on the server)`);
  say("press Ctrl-C to stop");
}

main().catch((error) => {
  say(`failed: ${error?.message ?? error}`);
  stopAll(1);
});
