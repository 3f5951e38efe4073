// Filters the recommendations page by objective and year. Without JavaScript the filters
// stay hidden and every recommendation is shown. The choice is kept in the URL
// (?objective=accountability&year=2023) so a filtered view can be shared.
(function () {
  "use strict";
  var form = document.getElementById("rec-filter");
  if (!form) return;
  var obj = document.getElementById("rec-objective");
  var year = document.getElementById("rec-year");
  var status = document.getElementById("rec-status");
  var items = document.querySelectorAll(".recs li");
  var sections = document.querySelectorAll("section.addressee");
  function apply(push) {
    var o = obj.value, y = year.value, shown = 0;
    items.forEach(function (li) {
      var ok = (!o || (" " + li.dataset.objectives + " ").indexOf(" " + o + " ") >= 0) && (!y || li.dataset.year === y);
      li.hidden = !ok;
      if (ok) shown++;
    });
    sections.forEach(function (s) { s.hidden = !s.querySelector(".recs li:not([hidden])"); });
    status.textContent = (o || y) ? shown + " of " + items.length + " recommendations shown" : "";
    if (push) {
      var q = new URLSearchParams();
      if (o) q.set("objective", o);
      if (y) q.set("year", y);
      history.replaceState(null, "", q.toString() ? "?" + q : location.pathname);
    }
  }
  var q = new URLSearchParams(location.search);
  obj.value = q.get("objective") || "";
  year.value = q.get("year") || "";
  form.hidden = false;
  form.addEventListener("change", function () { apply(true); });
  apply(false);
})();
