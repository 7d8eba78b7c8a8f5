// The exports of the package's wasm instance (its linear memory, its externref table), for the
// memory suite: each entry of the package is one module that keeps its instance to itself, so
// this watches `new WebAssembly.Instance` (what the entry's initSync calls) and keeps the first
// one's exports. It must be imported before the package.
const Instance = WebAssembly.Instance;
let first;

WebAssembly.Instance = function (module, imports) {
  const instance = new Instance(module, imports);
  first ??= instance.exports;
  return instance;
};
WebAssembly.Instance.prototype = Instance.prototype;

/** The exports of the first instance made since this module was imported. */
export function wasmExports() {
  if (!first) throw new Error("no wasm instance was made after tests/resilience/wasm-instance.mjs was imported");
  return first;
}
