// Filters the findings table by severity, category and text. The filters
// start from the page's fragment (#severity=critical,warn&category=sandbox&q=token),
// so a filtered view can be shared as a link, and write it back.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("#findings tbody tr"));
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[name=severity]"));
  var category = document.getElementById("category");
  var query = document.getElementById("query");
  var shown = document.getElementById("shown");

  function fromFragment() {
    // A parameter the fragment lacks is back at its default.
    var params = new URLSearchParams(window.location.hash.slice(1));
    var severity = params.get("severity");
    var wanted = severity === null ? null : severity.split(",");
    boxes.forEach(function (box) { box.checked = wanted === null || wanted.indexOf(box.value) >= 0; });
    category.value = params.get("category") || "";
    query.value = params.get("q") || "";
  }

  function toFragment(severities) {
    var params = new URLSearchParams();
    if (severities.length !== boxes.length) { params.set("severity", severities.join(",")); }
    if (category.value !== "") { params.set("category", category.value); }
    if (query.value.trim() !== "") { params.set("q", query.value.trim()); }
    var fragment = params.toString();
    if (window.history && window.history.replaceState) {
      var here = window.location.pathname + window.location.search;
      window.history.replaceState(null, "", fragment ? "#" + fragment : here);
    }
  }

  function apply(writeBack) {
    var severities = boxes.filter(function (box) { return box.checked; })
      .map(function (box) { return box.value; });
    var wantedCategory = category.value;
    var text = query.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var visible = severities.indexOf(row.getAttribute("data-severity")) >= 0 &&
        (wantedCategory === "" || row.getAttribute("data-category") === wantedCategory) &&
        (text === "" || row.textContent.toLowerCase().indexOf(text) >= 0);
      row.hidden = !visible;
      if (visible) { count += 1; }
    });
    shown.textContent = "Showing " + count + " of " + rows.length + " findings";
    if (writeBack) { toFragment(severities); }
  }

  fromFragment();
  boxes.forEach(function (box) { box.addEventListener("change", function () { apply(true); }); });
  category.addEventListener("change", function () { apply(true); });
  query.addEventListener("input", function () { apply(true); });
  window.addEventListener("hashchange", function () { fromFragment(); apply(false); });
  apply(false);
  document.body.setAttribute("data-ready", "true");
})();
