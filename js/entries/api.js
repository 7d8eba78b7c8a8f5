// What every entry exports: the client (from the wasm-bindgen glue) and the error classes.
export { Cloudflare } from "./cloudflare_organizations.js";
export * from "./errors.js";
