// Compact, readable output for the tour: numbered steps, the call, the HTTP requests it made
// (from the client's onResponse hook), and the result.
import { inspect } from "node:util";

const STYLES = { bold: [1, 22], dim: [2, 22], green: [32, 39], red: [31, 39], cyan: [36, 39], yellow: [33, 39] };

export function createPrinter({ out, color }) {
  const paint = (style, text) => (color ? `\x1b[${STYLES[style][0]}m${text}\x1b[${STYLES[style][1]}m` : text);
  let stepNumber = 0;
  let quiet = false;

  const printer = {
    title: (text) => out(paint("bold", text)),
    note: (text) => out(paint("dim", `  ${text}`)),
    /** A value as JavaScript source, on one line. */
    args: (value) => inspect(value, { depth: 4, breakLength: Infinity, colors: false }),
    /** The client's onResponse hook: one line per HTTP attempt. */
    http: (info) => {
      if (quiet) return;
      const url = new URL(info.url, "http://relative.invalid");
      const ray = info.rayId ? ` · cf-ray ${info.rayId}` : "";
      out(paint("dim", `     ${info.method} ${url.pathname.replace(/^.*?\/organizations/, "/organizations")}${url.search} → ${info.status}${ray}`));
    },
    /** Runs `work` without printing its HTTP lines (a preparation, not part of the tour). */
    async quietly(work) {
      quiet = true;
      try { return await work(); } finally { quiet = false; }
    },
    /** Prints the call, runs it, prints its result; rethrows failures. */
    async step(title, call, run, summarize) {
      stepNumber += 1;
      out("");
      out(`${paint("bold", `${stepNumber}.`)} ${title}`);
      out(`   ${paint("cyan", call)}`);
      const result = await run();
      out(`   ${paint("green", "→")} ${summarize(result)}`);
      return result;
    },
    /** Like step, for a call that must reject: prints the error's lines and returns it. */
    async expectError(title, call, run, describe) {
      stepNumber += 1;
      out("");
      out(`${paint("bold", `${stepNumber}.`)} ${title}`);
      out(`   ${paint("cyan", call)}`);
      try {
        const result = await run();
        out(`   ${paint("red", "✗")} it resolved (${printer.args(result)}) instead of rejecting`);
        return null;
      } catch (error) {
        const [first, ...rest] = describe(error);
        out(`   ${paint("yellow", "⇢ rejected:")} ${first}`);
        for (const line of rest) out(`     ${line}`);
        return error;
      }
    },
    done: (text) => { out(""); out(paint("green", paint("bold", text))); },
    fail: (error) => {
      out("");
      out(paint("red", `Tour failed: ${error?.name ?? "Error"}: ${error?.message ?? error}`));
      if (error?.rayId) out(paint("red", `  ray id ${error.rayId}`));
    },
  };
  return printer;
}
