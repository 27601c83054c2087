/* Starts Pagefind's search UI. A file, not inline script: the pages' CSP forbids inline code. */
(function () {
  "use strict";
  function start() {
    var box = document.getElementById("search");
    if (!box) return;
    if (typeof window.PagefindUI !== "function") {
      box.textContent = "The search index is not available on this copy of the site.";
      return;
    }
    var fallback = document.getElementById("search-fallback");
    if (fallback) fallback.hidden = true;
    // The page says where the site lives (its base_url's path, "/" or "/digest/"), so the index
    // loads and results link correctly on a site deployed under a sub-path.
    // The index is split into bundles (by story); the first is at bundlePath, the others are merged in.
    var merged = (box.getAttribute("data-merge") || "").split(/\s+/).filter(Boolean);
    new window.PagefindUI({
      element: "#search",
      bundlePath: box.getAttribute("data-bundle-path") || "/pagefind/",
      mergeIndex: merged.map(function (path) { return { bundlePath: path }; }),
      baseUrl: box.getAttribute("data-base-url") || "/",
      showSubResults: true,
      showImages: false,
      resetStyles: false
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
