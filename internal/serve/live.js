// folio serve's live reload client. Injected by folio serve only, never in built pages.
// It listens to the server's event stream: "reload" after a good rebuild, "errors" with
// the diagnostics of a failed one, shown in an overlay until the next good build.
(function () {
  "use strict";
  var overlay = null;
  function show(lines) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "folio-errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var h = document.createElement("h2");
    h.textContent = "folio: the site has errors; showing the last good build";
    h.style.cssText = "font:bold 18px system-ui,sans-serif;margin:0 0 1rem;color:#ffb4b4";
    overlay.appendChild(h);
    var pre = document.createElement("pre");
    pre.style.cssText = "white-space:pre-wrap;margin:0";
    pre.textContent = lines.join("\n");
    overlay.appendChild(pre);
  }
  function connect() {
    var es = new EventSource("/__folio/events");
    es.addEventListener("reload", function () { location.reload(); });
    // The search index is rebuilt after the pages: only the search page needs it.
    es.addEventListener("search", function () {
      if (document.getElementById("search-form")) location.reload();
    });
    es.addEventListener("errors", function (e) { show(JSON.parse(e.data)); });
    es.onerror = function () { es.close(); setTimeout(connect, 1000); };
  }
  connect();
})();
