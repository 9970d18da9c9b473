// timeline: every dated fact on one strip, with a range brush (drag, or the two sliders)
(function (K) {
  "use strict";
  var DATA = K.data, NS = "http://www.w3.org/2000/svg", H = 64, PAD = 12;
  var svg = K.byId("kg-tl-svg"), from = K.byId("kg-from"), to = K.byId("kg-to");
  var rangeText = K.byId("kg-tl-range");
  var items = [], seen = {}, lanes = {};
  DATA.facts.forEach(function (f, i) {
    if (!f.r || f.o !== null) return;  // a date literal: the thing it dates
    var k = f.s + "|" + f.p + "|" + f.v;
    if (seen[k]) return;
    seen[k] = true;
    items.push({i: i, f: f});
  });
  DATA.classes.forEach(function (c, n) { lanes[c.cls] = n; });
  var lo = Infinity, hi = -Infinity;
  items.forEach(function (it) { lo = Math.min(lo, it.f.r[0]); hi = Math.max(hi, it.f.r[1]); });
  var empty = !items.length;
  if (empty) { lo = 0; hi = 1; }
  if (hi - lo < 30) { lo -= 15; hi += 15; }
  var TL = K.timeline = {items: items, lo: lo, hi: hi};
  [from, to].forEach(function (r) { r.min = String(lo); r.max = String(hi); r.step = "1"; });

  function svgEl(tag, attrs) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }
  function width() { return Math.max(200, svg.getBoundingClientRect().width || 600); }
  function x(day) { return PAD + (day - lo) / (hi - lo) * (width() - 2 * PAD); }
  function day(px) { return Math.round(lo + (px - PAD) / (width() - 2 * PAD) * (hi - lo)); }

  TL.draw = function () {
    var w = width(), s = K.state, nLanes = Math.max(1, DATA.classes.length);
    svg.setAttribute("viewBox", "0 0 " + w + " " + H);
    var frag = document.createDocumentFragment();
    var y0 = new Date(lo * 86400000).getUTCFullYear(), y1 = new Date(hi * 86400000).getUTCFullYear();
    var step = Math.max(1, Math.ceil((y1 - y0 + 1) / Math.max(2, Math.floor(w / 70))));
    for (var y = y0; y <= y1 + 1; y += step) {
      var d = Date.UTC(y, 0, 1) / 86400000;
      if (d < lo || d > hi) continue;
      frag.appendChild(svgEl("line", {x1: x(d), x2: x(d), y1: 0, y2: H - 14, "class": "tick"}));
      var t = svgEl("text", {x: x(d) + 2, y: H - 3, "class": "year"});
      t.textContent = String(y);
      frag.appendChild(t);
    }
    if (s.from !== null || s.to !== null) {
      var a = x(s.from !== null ? s.from : lo), b = x(s.to !== null ? s.to : hi);
      frag.appendChild(svgEl("rect", {x: Math.min(a, b), y: 0, width: Math.max(2, Math.abs(b - a)), height: H - 14,
                                      "class": "brush"}));
    }
    items.forEach(function (it) {
      var f = it.f, cls = DATA.nodes[f.s].cls, lane = lanes[cls] || 0;
      var inside = K.passes(f, false), c = DATA.classes[lane] || {color: "#999"};
      var dot = svgEl("rect", {x: x(f.r[0]) - 3, y: 4 + lane * ((H - 26) / nLanes), width: Math.max(6, x(f.r[1]) - x(f.r[0]) + 6),
                               height: 7, rx: 3, fill: c.color, "class": inside ? "item" : "item out",
                               "data-fact": it.i});
      var title = document.createElementNS(NS, "title");
      title.textContent = K.nodeText(f.s) + " \u2014 " + K.predName(f.p) + " " + f.d;
      dot.appendChild(title);
      frag.appendChild(dot);
    });
    svg.replaceChildren(frag);
    from.value = String(s.from !== null ? s.from : lo);
    to.value = String(s.to !== null ? s.to : hi);
    rangeText.textContent = s.from === null && s.to === null ? "all dates" :
      K.dayText(s.from !== null ? s.from : lo) + " \u2013 " + K.dayText(s.to !== null ? s.to : hi);
  };
  // set the range (days), or clear it with nulls; push: a step for the back button
  TL.set = function (a, b, push) {
    if (a !== null && b !== null && a > b) { var t = a; a = b; b = t; }
    K.state.from = a === null || a <= lo ? null : a;
    K.state.to = b === null || b >= hi ? null : b;
    K.refresh(push);
  };

  var drag = null;
  svg.addEventListener("pointerdown", function (ev) {
    var box = svg.getBoundingClientRect();
    drag = {start: day(ev.clientX - box.left), moved: false, target: ev.target};
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var box = svg.getBoundingClientRect(), d = day(ev.clientX - box.left);
    if (Math.abs(x(d) - x(drag.start)) < 4 && !drag.moved) return;
    drag.moved = true;
    K.state.from = Math.min(drag.start, d); K.state.to = Math.max(drag.start, d);
    TL.draw();
  });
  svg.addEventListener("pointerup", function (ev) {
    if (!drag) return;
    var d = drag;
    drag = null;
    if (d.moved) { TL.set(K.state.from, K.state.to, true); return; }
    var hit = d.target.getAttribute && d.target.getAttribute("data-fact");
    if (hit !== null && hit !== undefined) K.select({t: "f", i: Number(hit)}, true);
    else TL.set(null, null, true);
    void ev;
  });
  function slide() { TL.set(Number(from.value), Number(to.value), false); }
  from.addEventListener("input", slide);
  to.addEventListener("input", slide);
  from.addEventListener("change", function () { K.commit(true); });
  to.addEventListener("change", function () { K.commit(true); });
  K.byId("kg-tl-reset").addEventListener("click", function () { TL.set(null, null, true); });
  window.addEventListener("resize", function () { TL.draw(); });
})(KG);
