// core: the data, small DOM helpers, dates, the filter state and the URL fragment.
// Every string from the data reaches the page through textContent or text nodes.
var KG = window.kg = (function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var K = {data: DATA, timings: (window.kgTimings = {parsed: performance.now()})};

  K.el = function (tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };
  K.byId = function (id) { return document.getElementById(id); };
  K.fmt = function (n) { return Number(n).toLocaleString("en"); };
  K.plural = function (n, one, many) { return K.fmt(n) + " " + (n === 1 ? one : many); };
  K.norm = function (s) {
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  };
  K.button = function (text, label, onclick) {
    var b = K.el("button", "link", text);
    b.type = "button";
    if (label) b.setAttribute("aria-label", label);
    b.addEventListener("click", onclick);
    return b;
  };

  // dates: "2016", "2016-11" and "2016-11-23" as [first day, last day] (days since 1970)
  var DAY = 86400000;
  K.dayRange = function (s) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(String(s || ""));
    if (!m) return null;
    var y = +m[1], mo = m[2] ? +m[2] - 1 : 0, d = m[3] ? +m[3] : 1;
    var a = Date.UTC(y, mo, d) / DAY;
    var b = m[3] ? a : m[2] ? Date.UTC(y, mo + 1, 1) / DAY - 1 : Date.UTC(y + 1, 0, 1) / DAY - 1;
    return isNaN(a) || isNaN(b) ? null : [a, b];
  };
  K.dayText = function (day) { return new Date(day * DAY).toISOString().slice(0, 10); };
  DATA.facts.forEach(function (f) { f.r = K.dayRange(f.d); });

  K.nodeText = function (i) { return DATA.nodes[i].label; };
  K.factObject = function (f) { return f.o !== null && f.o !== undefined ? DATA.nodes[f.o].label : String(f.v); };
  K.predName = function (p) { return DATA.predicates[p] || p; };
  K.docTitle = function (i) { return i >= 0 ? DATA.docs[i].title : ""; };

  // the state of the view; the URL fragment holds it
  K.state = {q: "", hidden: {}, conf: 0, from: null, to: null, undated: false, all: false, co: false,
             sort: "", doc: -1, sel: null};
  var docIndex = {}, nodeIndex = {};
  DATA.docs.forEach(function (d, i) { docIndex[d.id] = i; });
  DATA.nodes.forEach(function (n, i) { nodeIndex[n.key] = i; });

  K.toHash = function () {
    var s = K.state, p = new URLSearchParams();
    if (s.q) p.set("q", s.q);
    var hidden = Object.keys(s.hidden).sort();
    if (hidden.length) p.set("hide", hidden.join(","));
    if (s.conf) p.set("conf", s.conf.toFixed(2));
    if (s.from !== null) p.set("from", K.dayText(s.from));
    if (s.to !== null) p.set("to", K.dayText(s.to));
    if (s.undated) p.set("undated", "1");
    if (s.all) p.set("all", "1");
    if (s.co) p.set("co", "1");
    if (s.sort) p.set("sort", s.sort);
    if (s.doc >= 0) p.set("doc", DATA.docs[s.doc].id);
    if (s.sel) p.set(s.sel.t === "n" ? "node" : "fact", s.sel.t === "n" ? DATA.nodes[s.sel.i].key : String(s.sel.i));
    return p.toString();
  };
  K.fromHash = function (hash) {
    var p = new URLSearchParams(String(hash || "").replace(/^#/, "")), s = K.state;
    s.q = p.get("q") || "";
    s.hidden = {};
    (p.get("hide") || "").split(",").forEach(function (c) { if (c) s.hidden[c] = true; });
    s.conf = Math.min(1, Math.max(0, Number(p.get("conf")) || 0));
    var from = K.dayRange(p.get("from")), to = K.dayRange(p.get("to"));
    s.from = from ? from[0] : null;
    s.to = to ? to[1] : null;
    s.undated = p.get("undated") === "1";
    s.all = p.get("all") === "1";
    s.co = p.get("co") === "1";
    s.sort = /^-?[a-z]+$/.test(p.get("sort") || "") ? p.get("sort") : "";
    s.doc = p.has("doc") && docIndex.hasOwnProperty(p.get("doc")) ? docIndex[p.get("doc")] : -1;
    var node = p.get("node"), fact = Number(p.get("fact"));
    s.sel = node !== null && nodeIndex.hasOwnProperty(node) ? {t: "n", i: nodeIndex[node]}
      : p.has("fact") && fact >= 0 && fact < DATA.facts.length && Math.floor(fact) === fact ? {t: "f", i: fact} : null;
  };
  // push: a step the back button returns from; otherwise the current entry is replaced
  K.commit = function (push) {
    var hash = "#" + K.toHash();
    if (hash === location.hash || (hash === "#" && !location.hash)) return;
    if (push) history.pushState(null, "", hash); else history.replaceState(null, "", hash);
  };

  // which facts pass the filters; the graph ignores the text filter
  K.timeActive = function () { return K.state.from !== null || K.state.to !== null; };
  K.passes = function (f, withText) {
    var s = K.state;
    if (f.c < s.conf - 1e-9) return false;
    if (s.hidden[DATA.nodes[f.s].cls] || (f.o !== null && s.hidden[DATA.nodes[f.o].cls])) return false;
    if (s.doc >= 0 && f.doc !== s.doc) return false;
    if (K.timeActive()) {
      if (!f.r) { if (!s.undated) return false; }
      else if ((s.from !== null && f.r[1] < s.from) || (s.to !== null && f.r[0] > s.to)) return false;
    }
    return !withText || !K.textQuery || K.haystack(f).indexOf(K.textQuery) >= 0;
  };
  K.textQuery = "";  // the normalised text filter, set once per filtering
  // what the text filter searches, per fact: normalised in one pass over all facts
  K.haystack = function (f) {
    if (f.h === undefined) {
      var parts = DATA.facts.map(function (g) {
        return [K.nodeText(g.s), K.predName(g.p), K.factObject(g), g.d, K.docTitle(g.doc), g.e].join(" \u0001 ");
      });
      var all = K.norm(parts.join("\u0000")).split("\u0000");
      DATA.facts.forEach(function (g, i) { g.h = all[i]; });
    }
    return f.h;
  };
  return K;
})();
