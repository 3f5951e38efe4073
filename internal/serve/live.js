// folio serve's live reload client. Injected by folio serve only, never in built pages.
// It listens to the server's event stream: "reload" after a good rebuild, "errors" with
// the diagnostics of a failed one, shown in an overlay until the next good build, and
// "warnings" of the build on screen, in a small panel the writer can dismiss.
(function () {
  "use strict";
  var overlay = null, panel = null;
  var dismissedKey = "folio-dismissed-warnings";
  function count(n, one, many) { return n + " " + (n === 1 ? one : many); }
  function list(lines) {
    var pre = document.createElement("pre");
    pre.style.cssText = "white-space:pre-wrap;margin:0;font:13px/1.5 ui-monospace,Menlo,Consolas,monospace";
    pre.textContent = lines.join("\n");
    return pre;
  }
  function showErrors(lines) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "folio-errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,20,20,.94);color:#fff;padding:2rem";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var h = document.createElement("h2");
    h.textContent = "folio: the site has " + count(lines.length, "error", "errors") + "; showing the last good build";
    h.style.cssText = "font:bold 18px system-ui,sans-serif;margin:0 0 1rem;color:#ffb4b4";
    overlay.appendChild(h);
    overlay.appendChild(list(lines));
  }
  // Warnings do not stop the build: a panel in a corner, not over the page, that stays
  // dismissed until the warnings change.
  function showWarnings(lines) {
    var text = lines.join("\n");
    var root = document.documentElement;
    try {
      if (sessionStorage.getItem(dismissedKey) === text) {
        root.setAttribute("data-folio-warnings", "dismissed");
        return;
      }
    } catch (e) {}
    root.setAttribute("data-folio-warnings", "shown");
    panel = document.createElement("section");
    panel.id = "folio-warnings";
    panel.setAttribute("role", "status");
    panel.setAttribute("aria-labelledby", "folio-warnings-title");
    panel.style.cssText = "position:fixed;right:1rem;bottom:1rem;z-index:2147483646;max-width:min(40rem,calc(100vw - 2rem));" +
      "max-height:40vh;overflow:auto;background:#fffbe6;color:#3d3000;border:1px solid #c9a400;" +
      "border-inline-start:6px solid #c9a400;border-radius:4px;padding:.75rem 1rem;box-shadow:0 2px 8px rgba(0,0,0,.25)";
    var h = document.createElement("h2");
    h.id = "folio-warnings-title";
    h.textContent = "folio: " + count(lines.length, "warning", "warnings") + " (the site builds)";
    h.style.cssText = "font:bold 15px system-ui,sans-serif;margin:0 0 .5rem";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss";
    close.style.cssText = "float:right;margin-inline-start:1rem;font:14px system-ui,sans-serif";
    close.addEventListener("click", function () {
      try { sessionStorage.setItem(dismissedKey, text); } catch (e) {}
      panel.remove();
    });
    panel.appendChild(close);
    panel.appendChild(h);
    panel.appendChild(list(lines));
    document.body.appendChild(panel);
  }
  function connect() {
    var es = new EventSource("/__folio/events");
    es.addEventListener("reload", function () { location.reload(); });
    // The search index is rebuilt after the pages: only the search page needs it.
    es.addEventListener("search", function () {
      if (document.getElementById("search-form")) location.reload();
    });
    es.addEventListener("errors", function (e) { showErrors(JSON.parse(e.data)); });
    es.addEventListener("warnings", function (e) { if (!panel) showWarnings(JSON.parse(e.data)); });
    es.onerror = function () { es.close(); setTimeout(connect, 1000); };
  }
  connect();
})();
