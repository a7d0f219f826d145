// concord QA report: filter findings by code, severity and file, and search
// their text. Works on the rows already in the page; without JavaScript the
// report still shows every finding.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("#findings tbody tr.finding"));
  var code = document.getElementById("f-code");
  var severity = document.getElementById("f-severity");
  var file = document.getElementById("f-file");
  var search = document.getElementById("f-search");
  var reset = document.getElementById("f-reset");
  var visible = document.getElementById("n-visible");
  var none = document.getElementById("no-match");
  // NFKC + lower case, so that full-width Ｂｅｌｔ finds Belt and case never matters.
  function fold(s) {
    s = String(s || "");
    if (s.normalize) { s = s.normalize("NFKC"); }
    return s.toLowerCase().replace(/\s+/g, " ");
  }
  var haystacks = rows.map(function (r) { return fold(r.textContent); });
  function apply() {
    var c = code ? code.value : "", s = severity ? severity.value : "", f = file ? file.value : "";
    var words = fold(search ? search.value : "").trim().split(" ").filter(Boolean);
    var n = 0;
    rows.forEach(function (r, i) {
      var ok = (!c || r.getAttribute("data-code") === c)
        && (!s || r.getAttribute("data-severity") === s)
        && (!f || r.getAttribute("data-file") === f)
        && words.every(function (w) { return haystacks[i].indexOf(w) !== -1; });
      r.hidden = !ok;
      if (ok) { n += 1; }
    });
    if (visible) { visible.textContent = String(n); }
    if (none) { none.hidden = n !== 0 || rows.length === 0; }
  }
  [code, severity, file].forEach(function (el) { if (el) { el.addEventListener("change", apply); } });
  if (search) { search.addEventListener("input", apply); }
  if (reset) {
    reset.addEventListener("click", function () {
      [code, severity, file].forEach(function (el) { if (el) { el.value = ""; } });
      if (search) { search.value = ""; }
      apply();
    });
  }
  // A bar in the chart filters by its code.
  Array.prototype.forEach.call(document.querySelectorAll("svg g.bar[data-code]"), function (g) {
    g.addEventListener("click", function () {
      if (code) { code.value = g.getAttribute("data-code"); apply(); }
      var table = document.getElementById("findings");
      if (table && table.scrollIntoView) { table.scrollIntoView({ behavior: "smooth" }); }
    });
  });
  document.documentElement.classList.add("js");
  apply();
})();
