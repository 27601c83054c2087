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
    new window.PagefindUI({ element: "#search", showSubResults: true, showImages: false, resetStyles: false });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
