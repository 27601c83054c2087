"""The script served at `/__livereload.js`, and the tag that loads it.

It is served as a file, not inlined, because the site's Content-Security-Policy
forbids inline scripts. It only uses DOM methods and `textContent` (never
`innerHTML`), so an error message holding markup is shown, not run, and it
styles the overlay through the CSSOM, which a CSP that forbids inline styles
still allows.
"""

from __future__ import annotations

import html

SCRIPT_PATH = "/__livereload.js"
EVENTS_PATH = "/__livereload"


def script_tag(build: int, files: list[str]) -> str:
    """The tag injected into served HTML. `files` are the output files this page depends on."""
    return (f'<script src="{SCRIPT_PATH}" defer data-build="{build}" '
            f'data-files="{html.escape(" ".join(files), quote=True)}"></script>')


SCRIPT = r"""// newsdigest live reload: injected by `build.py serve` only, never published.
(function () {
  "use strict";
  var me = document.currentScript;
  var build = Number(me && me.dataset.build || 0);
  var files = (me && me.dataset.files || "").split(" ").filter(Boolean);
  var DATA = /\.(xml|json|txt|pf_meta|pf_index|pf_fragment|pagefind)$|^pagefind\//;
  var overlay = null;

  function concerns(changed) {
    for (var i = 0; i < changed.length; i++) {
      var path = changed[i];
      if (files.indexOf(path) >= 0) return true;             // this very page
      if (!/\.html$/.test(path) && !DATA.test(path)) return true; // a stylesheet, script, image or font
    }
    return false;
  }

  function clear() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function el(tag, text, style) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    for (var key in style || {}) node.style[key] = style[key];
    return node;
  }

  function show(problem) {
    clear();
    if (!problem) return;
    overlay = el("div", "", {
      position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto",
      background: "rgba(20, 0, 0, 0.92)", color: "#fff", padding: "2rem",
      font: "15px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"
    });
    overlay.id = "newsdigest-error-overlay";
    overlay.setAttribute("role", "alert");
    overlay.appendChild(el("div", "Build failed \u2014 showing the last good version of the site", {
      color: "#ff8a80", fontWeight: "bold", marginBottom: "1rem"
    }));
    if (problem.where) overlay.appendChild(el("div", problem.where, {fontWeight: "bold", color: "#ffd180"}));
    overlay.appendChild(el("pre", problem.message, {whiteSpace: "pre-wrap", margin: "0.5rem 0"}));
    if (problem.details) overlay.appendChild(el("pre", problem.details, {whiteSpace: "pre-wrap", opacity: "0.7"}));
    overlay.appendChild(el("div", "Fix the file and save: this page updates by itself.", {opacity: "0.7"}));
    var close = el("button", "\u00d7", {position: "absolute", top: "1rem", right: "1rem", font: "inherit"});
    close.setAttribute("aria-label", "Hide");
    close.addEventListener("click", clear);
    overlay.appendChild(close);
    (document.body || document.documentElement).appendChild(overlay);
  }

  var status = window.newsdigestLiveReload = {connected: false, build: build};  // for tests and curious editors
  var source = new EventSource("/__livereload?files=" + encodeURIComponent(files.join(" ")));
  source.addEventListener("error", function () { status.connected = false; });
  source.addEventListener("hello", function (event) {
    var state = JSON.parse(event.data);
    status.connected = true;
    show(state.problem);
    if (!state.problem && state.build !== build) location.reload();  // missed a build while away
  });
  source.addEventListener("problem", function (event) { show(JSON.parse(event.data).problem); });
  source.addEventListener("ok", function () { clear(); });
  source.addEventListener("reload", function (event) {
    var news = JSON.parse(event.data);
    if (concerns(news.changed)) { source.close(); location.reload(); }
    else build = status.build = news.build;
  });
  window.addEventListener("pagehide", function () { source.close(); });
})();
"""
