// nlp show: hover details for nested highlights, highlight toggles, table <-> text links.
(function () {
  "use strict";
  var info = document.getElementById("hover-info");
  var idle = info ? info.textContent : "";
  function chain(el) {
    var out = [];
    for (var n = el; n && n.classList; n = n.parentElement) {
      if (n.classList.contains("hl")) { out.push(n.getAttribute("title")); }
    }
    return out;
  }
  document.addEventListener("mouseover", function (ev) {
    var hl = ev.target.closest ? ev.target.closest(".hl") : null;
    if (!info) { return; }
    info.textContent = hl ? chain(hl).join("\n\u2014\n") : idle;
  });
  document.querySelectorAll("input[data-toggle]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-toggle"), !box.checked);
    });
  });
  function words(el, attr) { return (el.getAttribute(attr) || "").split(" ").filter(Boolean); }
  function rowsFor(ids) {
    return Array.prototype.filter.call(document.querySelectorAll("tr[data-ref]"), function (r) {
      return words(r, "data-ref").some(function (id) { return ids.indexOf(id) >= 0; });
    });
  }
  document.addEventListener("click", function (ev) {
    var row = ev.target.closest ? ev.target.closest("tr[data-ref]") : null;
    if (row) {
      var refs = words(row, "data-ref");
      var spans = Array.prototype.filter.call(document.querySelectorAll(".hl[data-ids]"), function (s) {
        return s.offsetParent !== null && words(s, "data-ids").some(function (id) { return refs.indexOf(id) >= 0; });
      });
      if (spans.length) {
        spans[0].scrollIntoView({ block: "center", behavior: "smooth" });
        spans.forEach(function (s) { s.classList.remove("flash"); void s.offsetWidth; s.classList.add("flash"); });
      }
      return;
    }
    var hl = ev.target.closest ? ev.target.closest(".hl[data-ids]") : null;
    if (hl) {
      document.querySelectorAll("tr.active").forEach(function (r) { r.classList.remove("active"); });
      var rows = rowsFor(words(hl, "data-ids"));
      rows.forEach(function (r) { r.classList.add("active"); });
      if (rows.length) { rows[0].scrollIntoView({ block: "nearest" }); }
    }
  });
}());
