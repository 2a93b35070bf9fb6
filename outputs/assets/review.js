// baocao review: sort the documents table by a column (click its heading), filter it
// (the search box). The page's address keeps both (#sort=issued_date&q=Long%20An), so
// a view can be shared, and opened as it was.
(function () {
  "use strict";
  var table = document.getElementById("documents");
  if (!table) return;
  var body = table.tBodies[0];
  var search = document.getElementById("search");
  var state = { sort: "", desc: false, q: "" };

  function cell(row, key) {
    var td = row.querySelector('td[data-key="' + key + '"]');
    return td ? td.textContent.trim() : "";
  }
  function compare(a, b) {
    var x = cell(a, state.sort), y = cell(b, state.sort);
    var nx = Number(x), ny = Number(y);
    var out = x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y, "vi");
    return state.desc ? -out : out;
  }
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  function apply() {
    var rows = Array.prototype.slice.call(body.rows);
    if (state.sort) rows.sort(compare).forEach(function (r) { body.appendChild(r); });
    var q = fold(state.q);
    rows.forEach(function (r) { r.classList.toggle("hidden", q !== "" && fold(r.textContent).indexOf(q) < 0); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.classList.toggle("asc", th.dataset.key === state.sort && !state.desc);
      th.classList.toggle("desc", th.dataset.key === state.sort && state.desc);
    });
    var hash = [];
    if (state.sort) hash.push("sort=" + (state.desc ? "-" : "") + state.sort);
    if (state.q) hash.push("q=" + encodeURIComponent(state.q));
    history.replaceState(null, "", hash.length ? "#" + hash.join("&") : location.pathname);
  }
  function read() {
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var kv = part.split("=");
      if (kv[0] === "sort" && kv[1]) { state.desc = kv[1].charAt(0) === "-"; state.sort = kv[1].replace(/^-/, ""); }
      if (kv[0] === "q" && kv[1]) state.q = decodeURIComponent(kv[1]);
    });
    if (search) search.value = state.q;
  }
  table.tHead.addEventListener("click", function (e) {
    var th = e.target.closest("th");
    if (!th) return;
    state.desc = state.sort === th.dataset.key ? !state.desc : false;
    state.sort = th.dataset.key;
    apply();
  });
  if (search) search.addEventListener("input", function () { state.q = search.value; apply(); });
  read();
  apply();
})();
