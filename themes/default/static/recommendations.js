// Filters the recommendations page by objective and year. Without JavaScript the filters
// stay hidden and every recommendation is shown. The choice is kept in the URL
// (?objective=accountability&year=2023) so a filtered view can be shared. Each
// addressee's group is a <details>: the counts follow the filters, and a link to a
// folded group opens it. The count of those shown is in the page's language: the
// fieldset's data-strings gives its plural forms (rec_shown in the theme's i18n files),
// chosen with Intl.PluralRules; without it, English.
(function () {
  "use strict";
  var form = document.getElementById("rec-filter");
  if (!form) return;
  var obj = document.getElementById("rec-objective");
  var year = document.getElementById("rec-year");
  var status = document.getElementById("rec-status");
  var items = document.querySelectorAll(".recs li");
  var sections = document.querySelectorAll("section.addressee");
  var shownText = null, rules = null;
  try {
    shownText = JSON.parse(form.dataset.strings).rec_shown;
  } catch (e) { /* no data-strings: a site's own layout from before them */ }
  try {
    rules = new Intl.PluralRules(shownText ? document.documentElement.lang : "en");
  } catch (e) { /* not a language Intl knows: the "other" form */ }
  shownText = shownText || { one: "{n} of {total} recommendations shown", other: "{n} of {total} recommendations shown" };
  function count(n, total) {
    var t = shownText[rules ? rules.select(n) : "other"] || shownText.other;
    return t.replace(/\{n\}/g, n).replace(/\{total\}/g, total);
  }
  function apply(push) {
    var o = obj.value, y = year.value, shown = 0;
    items.forEach(function (li) {
      var ok = (!o || (" " + li.dataset.objectives + " ").indexOf(" " + o + " ") >= 0) && (!y || li.dataset.year === y);
      li.hidden = !ok;
      if (ok) shown++;
    });
    // A group with nothing left is hidden, with its entry in the jump list; the others
    // say how many of theirs are shown.
    sections.forEach(function (s) {
      var n = s.querySelectorAll(".recs li:not([hidden])").length;
      var id = s.getAttribute("aria-labelledby");
      var jump = document.querySelector('.rec-jump a[href="#' + id + '"]');
      var count = s.querySelector("summary .count");
      var jumpCount = jump && jump.parentNode.querySelector(".count");
      s.hidden = n === 0;
      // A site's own layout may lack the counts or the jump list.
      if (count) count.textContent = "(" + n + ")";
      if (jump) jump.parentNode.hidden = n === 0;
      if (jumpCount) jumpCount.textContent = "(" + n + ")";
    });
    status.textContent = (o || y) ? count(shown, items.length) : "";
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
  // Jumping to a folded group opens it.
  function unfold() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var group = target && target.closest("details");
    if (group) group.open = true;
  }
  window.addEventListener("hashchange", unfold);
  unfold();
  apply(false);
})();
