// The page's entry. It loads the app with a dynamic import so that a missing or broken package
// (pkg/ not built, wasm refused) shows a message instead of a blank page.
const main = document.getElementById("main");

import("./app.js").then(({ start }) => start()).catch((error) => {
  console.error(error);
  const box = document.createElement("div");
  box.className = "error-panel";
  box.setAttribute("role", "alert");
  const title = document.createElement("p");
  title.className = "error-title";
  title.textContent = "The dashboard could not load the cloudflare-organizations package.";
  const detail = document.createElement("p");
  detail.textContent = `${error?.name ?? "Error"}: ${error?.message ?? error}. Build it with "make build" and serve the page with "make www" or "make demo".`;
  const retry = document.createElement("button");
  retry.className = "button";
  retry.type = "button";
  retry.textContent = "Reload";
  retry.addEventListener("click", () => location.reload());
  box.append(title, detail, retry);
  main.replaceChildren(box);
});
