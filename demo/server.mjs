#!/usr/bin/env node
// The demo server, dependency-free: the dashboard (www/) at /, the package (pkg/) at /pkg/, the
// browser modules the dashboard imports by name (Chart.js) at /vendor/, and a same-origin proxy
// at /client/v4 that adds the server's credentials (see proxy.mjs).
//
//   node demo/server.mjs            PORT=8080 HOST=127.0.0.1, upstream from the environment
//                                   (see connection.mjs: the emulator on 8787 by default)
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createProxy } from "./proxy.mjs";
import { sendStatic } from "./static-files.mjs";
import { connectionFromEnv, describeCredentials } from "./connection.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const PROXY_PREFIX = "/client/v4";

/**
 * The npm packages' folders served under /vendor/<name>/, as www/index.html's import map names
 * them: ES modules a browser loads as they are, no bundler. Nothing else of node_modules is served.
 */
export const VENDOR_MODULES = { "chart.js": "chart.js/dist", "@kurkle/color": "@kurkle/color/dist" };

/**
 * Starts the server; resolves to { url, server, close() } once it listens.
 * `upstream` + `credentials` (client option names) say where the proxy forwards and as whom.
 */
export async function startDemoServer({
  port = 8080, host = "127.0.0.1", upstream, credentials, kind = "upstream",
  wwwDir = path.join(ROOT, "www"), pkgDir = path.join(ROOT, "pkg"), nodeModulesDir = path.join(ROOT, "node_modules"), log = () => {},
} = {}) {
  const allowedHosts = new Set();
  const proxy = createProxy({ prefix: PROXY_PREFIX, upstream, credentials, allowedHosts, log });
  const config = JSON.stringify({
    proxyPath: PROXY_PREFIX, upstream, upstreamKind: kind, credentials: `${describeCredentials(credentials)}, added by the server`,
  });

  const server = http.createServer(async (req, res) => {
    try {
      const pathname = req.url.split("?")[0];
      if (pathname === PROXY_PREFIX || pathname.startsWith(`${PROXY_PREFIX}/`)) return await proxy(req, res);
      if (req.method !== "GET" && req.method !== "HEAD") return sendText(res, 405, "Method not allowed\n");
      if (pathname === "/__demo/config") return sendJson(res, config);
      const [root, rest] = mountFor(pathname, { wwwDir, pkgDir, nodeModulesDir });
      const served = root !== null && await sendStatic(req, res, root, rest);
      if (!served) sendText(res, 404, notFoundText(pathname));
    } catch (error) {
      log(`[server] ${req.method} ${req.url}: ${error?.stack ?? error}`);
      if (!res.headersSent) sendText(res, 500, "Internal error\n");
      else res.destroy();
    }
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  // Only these Host values reach the proxy: a guard against DNS rebinding.
  for (const name of [host, "127.0.0.1", "localhost", "[::1]"]) allowedHosts.add(`${name}:${actualPort}`);

  const url = `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}/`;
  return {
    url,
    server,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** [folder, path inside it] for a URL path: /pkg/ and /vendor/<name>/ are mounts, the rest is www/. */
function mountFor(pathname, { wwwDir, pkgDir, nodeModulesDir }) {
  if (pathname.startsWith("/pkg/")) return [pkgDir, pathname.slice("/pkg".length)];
  if (pathname.startsWith("/vendor/")) {
    const name = Object.keys(VENDOR_MODULES).find((candidate) => pathname.startsWith(`/vendor/${candidate}/`));
    return name ? [path.join(nodeModulesDir, VENDOR_MODULES[name]), pathname.slice(`/vendor/${name}`.length)] : [null, null];
  }
  return [wwwDir, pathname];
}

function notFoundText(pathname) {
  if (pathname.startsWith("/pkg/")) return "Not found (is the package built? run make build)\n";
  if (pathname.startsWith("/vendor/")) return "Not found (are the npm packages installed? run make setup)\n";
  return "Not found\n";
}

function sendText(res, status, text) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" });
  res.end(text);
}

function sendJson(res, json) {
  res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(json);
}

/** Stops on Ctrl-C / SIGTERM: closes the listener and open connections, then exits. */
export function stopOnSignals(close) {
  const stop = async (signal) => {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    console.log(`\n[server] ${signal}: stopping`);
    await close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

async function main() {
  const connection = connectionFromEnv();
  const { url, close } = await startDemoServer({
    port: Number(process.env.PORT ?? 8080),
    host: process.env.HOST ?? "127.0.0.1",
    upstream: connection.baseUrl,
    credentials: connection.credentials,
    kind: connection.kind,
    log: (line) => console.log(line),
  });
  console.log(`[server] dashboard: ${url}`);
  console.log(`[server] proxy: ${url.replace(/\/$/, "")}${PROXY_PREFIX} → ${connection.baseUrl} (${connection.kind}, ${describeCredentials(connection.credentials)} added on the server)`);
  stopOnSignals(close);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`[server] ${error?.message ?? error}`);
    process.exit(1);
  });
}
