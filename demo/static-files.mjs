// Serves files from a folder, read-only, refusing anything that resolves outside it.
import { readFile, stat } from "node:fs/promises";
import { createHash } from "node:crypto";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".map": "application/json",
  ".md": "text/plain; charset=utf-8",
};

/**
 * Sends `urlPath` (already stripped of any mount prefix) from `root`, or returns false when
 * there is no such file, so the caller can answer 404. "/" and folders give index.html.
 */
export async function sendStatic(req, res, root, urlPath) {
  let relative;
  try { relative = decodeURIComponent(urlPath.split("?")[0]); } catch { return false; }
  if (relative.includes("\0")) return false;
  let file = path.resolve(root, `.${relative}`);
  if (file !== root && !file.startsWith(root + path.sep)) return false;
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = path.join(file, "index.html");
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return false;

  const body = await readFile(file);
  const type = TYPES[path.extname(file)] ?? "application/octet-stream";
  const headers = { "content-type": type, "content-length": body.length, "cache-control": "no-cache", "x-content-type-options": "nosniff" };
  if (type.startsWith("text/html")) Object.assign(headers, pageSecurityHeaders(body.toString("utf8")));
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}

/**
 * A strict Content-Security-Policy for a page: scripts only from this origin (plus the inline
 * import map, allowed by its hash), wasm compilation allowed, connections to this origin, to
 * loopback (the emulator) and to https URLs a person may configure.
 */
export function pageSecurityHeaders(html) {
  const hashes = [...html.matchAll(/<script type="importmap">([\s\S]*?)<\/script>/g)]
    .map(([, source]) => `'sha256-${createHash("sha256").update(source).digest("base64")}'`);
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self' http://127.0.0.1:* http://localhost:* https:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  return { "content-security-policy": csp, "referrer-policy": "no-referrer", "x-frame-options": "DENY" };
}
