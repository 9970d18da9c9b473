// table: every fact, sortable and filtered; only the rows in view are in the DOM
(function (K) {
  "use strict";
  var DATA = K.data, el = K.el, ROW = 26, EXTRA = 10;
  var COLUMNS = [
    ["s", "Subject", function (f) { return K.nodeText(f.s); }],
    ["p", "Relation", function (f) { return K.predName(f.p); }],
    ["o", "Object or value", K.factObject],
    ["d", "Date", function (f) { return f.d; }],
    ["c", "Confidence", function (f) { return f.c.toFixed(2); }],
    ["doc", "Document", function (f) { return K.docTitle(f.doc); }],
    ["e", "Evidence", function (f) { return f.e; }]
  ];
  var scroller = K.byId("kg-table-scroll"), body = K.byId("kg-table-body");
  var status = K.byId("kg-table-status"), order = null, orderKey = null;
  var T = K.table = {rows: [], selected: -1};

  function sortKey(col) {
    if (col === "c") return function (f) { return f.c; };
    if (col === "d") return function (f) { return f.r ? f.r[0] : Infinity; };
    var get = COLUMNS.filter(function (c) { return c[0] === col; })[0][2];
    return function (f) { return K.norm(get(f)); };
  }
  function sorted() {
    var s = K.state.sort || "", key = s.replace(/^-/, ""), desc = s.charAt(0) === "-";
    if (orderKey === s && order) return order;
    order = DATA.facts.map(function (_, i) { return i; });
    if (key && COLUMNS.some(function (c) { return c[0] === key; })) {
      var get = sortKey(key), keys = DATA.facts.map(get);
      order.sort(function (a, b) {
        var x = keys[a], y = keys[b], r = x < y ? -1 : x > y ? 1 : a - b;
        return desc && x !== y ? -r : r;
      });
    }
    orderKey = s;
    return order;
  }
  T.filter = function () {
    var t0 = performance.now();
    K.textQuery = K.norm(K.state.q);
    T.rows = sorted().filter(function (i) { return K.passes(DATA.facts[i], true); });
    status.textContent = K.fmt(T.rows.length) + " of " + K.plural(DATA.facts.length, "fact", "facts");
    document.querySelectorAll("#kg-table th[data-col]").forEach(function (th) {
      var c = th.getAttribute("data-col"), s = K.state.sort;
      th.setAttribute("aria-sort", s === c ? "ascending" : s === "-" + c ? "descending" : "none");
    });
    T.draw();
    K.timings.filter = performance.now() - t0;
  };
  T.draw = function () {
    var h = scroller.clientHeight || 300, top = scroller.scrollTop;
    var first = Math.max(0, Math.floor(top / ROW) - EXTRA), last = Math.min(T.rows.length, Math.ceil((top + h) / ROW) + EXTRA);
    var frag = document.createDocumentFragment(), pad = el("tr", "pad");
    pad.style.height = (first * ROW) + "px";
    frag.appendChild(pad);
    for (var r = first; r < last; r++) frag.appendChild(row(T.rows[r]));
    var end = el("tr", "pad");
    end.style.height = ((T.rows.length - last) * ROW) + "px";
    frag.appendChild(end);
    body.replaceChildren(frag);
  };
  function row(i) {
    var f = DATA.facts[i], tr = el("tr", i === T.selected ? "sel" : null);
    tr.setAttribute("data-fact", String(i));
    tr.tabIndex = -1;
    COLUMNS.forEach(function (c) {
      var td = el("td", "c-" + c[0], c[2](f));
      td.title = td.textContent;
      tr.appendChild(td);
    });
    return tr;
  }
  T.reveal = function (i) {
    T.selected = i;
    var at = T.rows.indexOf(i);
    if (at >= 0 && (at * ROW < scroller.scrollTop || (at + 1) * ROW > scroller.scrollTop + scroller.clientHeight))
      scroller.scrollTop = Math.max(0, at * ROW - scroller.clientHeight / 3);
    T.draw();
  };
  var pending = false;
  scroller.addEventListener("scroll", function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; T.draw(); });
  });
  body.addEventListener("click", function (ev) {
    var tr = ev.target.closest("tr[data-fact]");
    if (tr) K.select({t: "f", i: Number(tr.getAttribute("data-fact"))}, true);
  });
  document.querySelectorAll("#kg-table th[data-col] button").forEach(function (b) {
    b.addEventListener("click", function () {
      var c = b.parentNode.getAttribute("data-col");
      K.state.sort = K.state.sort === c ? "-" + c : c;
      T.filter();
      K.commit(true);
    });
  });

  // CSV of the filtered rows, made in the page (a Blob and an object URL)
  function cell(v) {
    var s = String(v === null || v === undefined ? "" : v);
    if (/^[=+@\t\r-]/.test(s) && !/^-?\d/.test(s)) s = "'" + s;  // not a spreadsheet formula
    return '"' + s.replace(/"/g, '""') + '"';
  }
  T.csv = function () {
    var lines = [["subject", "relation", "object", "datatype", "date", "confidence", "document", "document_title",
                  "evidence", "extractor"].join(",")];
    T.rows.forEach(function (i) {
      var f = DATA.facts[i], d = f.doc >= 0 ? DATA.docs[f.doc] : {id: "", title: ""};
      lines.push([K.nodeText(f.s), f.p, K.factObject(f), f.t || "", f.d, f.c.toFixed(2), d.id, d.title, f.e, f.x]
        .map(cell).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  };
  K.byId("kg-csv").addEventListener("click", function () {
    var url = URL.createObjectURL(new Blob(["\ufeff" + T.csv()], {type: "text/csv;charset=utf-8"}));
    var a = el("a");
    a.href = url;
    a.download = "facts.csv";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });
})(KG);
