// app: the header, the controls, selection, the URL fragment and the keyboard
(function (K) {
  "use strict";
  var DATA = K.data, byId = K.byId, s = K.state;
  var drawn = DATA.nodes.filter(function (n) { return n.drawn; }).length;
  // an agreement's events and office holdings are shown in their owners' details, never drawn
  var drawable = DATA.nodes.filter(function (n) { return !n.part; }).length;
  byId("kg-counts").textContent = K.plural(DATA.docs.length, "document", "documents") + " \u00b7 " +
    K.plural(DATA.nodes.length, "entity", "entities") + " \u00b7 " + K.plural(DATA.facts.length, "fact", "facts");
  if (drawn < drawable) {
    var note = byId("kg-note");
    note.textContent = "showing " + K.fmt(drawn) + " of " + K.fmt(drawable) +
      " nodes (the most connected); the table has every fact; raise --html-max-nodes to draw more";
    note.hidden = false;
  }

  // tabs of the side panel
  K.showTab = function (name) {
    ["details", "docs"].forEach(function (t) {
      byId("kg-tab-" + t).setAttribute("aria-selected", String(t === name));
      byId("kg-" + t).hidden = t !== name;
    });
  };
  ["details", "docs"].forEach(function (t) {
    byId("kg-tab-" + t).addEventListener("click", function () { K.showTab(t); });
  });

  K.refresh = function (push) {
    K.table.filter();
    K.graph.apply();
    K.timeline.draw();
    K.panels.markDoc();
    K.commit(push);
  };
  function showSelection() {
    var sel = s.sel;
    if (!sel) { K.graph.unselect(); K.table.reveal(-1); if (s.doc >= 0) K.panels.doc(s.doc); else K.panels.hint(); return; }
    if (sel.t === "n") {
      var n = DATA.nodes[sel.i];
      if (n.drawn && !K.graph.isVisible(sel.i)) {  // bring it into view: its class, or every entity
        delete s.hidden[n.cls];
        if (!n.facts) s.all = true;
        syncControls();
        K.refresh(false);
      }
      if (K.graph.isVisible(sel.i)) K.graph.focus(sel.i);
      K.table.reveal(-1);
      K.panels.node(sel.i);
    } else {
      K.graph.focusFact(DATA.facts[sel.i]);
      K.table.reveal(sel.i);
      K.panels.fact(sel.i);
    }
  }
  K.select = function (sel, push) {
    s.sel = sel;
    showSelection();
    K.commit(push);
  };
  K.pickDoc = function (d, push) {
    s.doc = d;
    s.sel = null;
    K.refresh(false);
    showSelection();
    K.commit(push);
  };

  // controls
  var search = byId("kg-search"), status = byId("kg-search-status");
  var slider = byId("kg-confidence"), boxes = document.querySelectorAll("#kg-legend input[data-cls]");
  function syncControls() {
    search.value = s.q;
    slider.value = String(s.conf);
    byId("kg-confidence-value").textContent = s.conf.toFixed(2);
    boxes.forEach(function (b) { b.checked = !s.hidden[b.getAttribute("data-cls")]; });
    byId("kg-all").checked = s.all;
    byId("kg-comention").checked = s.co;
    byId("kg-undated").checked = s.undated;
  }
  var names = [];
  DATA.nodes.forEach(function (n, i) {
    names.push([K.norm(n.label), i]);
    n.aliases.forEach(function (a) { names.push([K.norm(a), i]); });
  });
  K.find = function (q) {
    q = K.norm(q);
    if (!q) return -1;
    var tests = [function (x) { return x === q; }, function (x) { return x.indexOf(q) === 0; },
                 function (x) { return x.indexOf(q) >= 0; }];
    for (var t = 0; t < tests.length; t++)
      for (var k = 0; k < names.length; k++) if (tests[t](names[k][0])) return names[k][1];
    return -1;
  };
  search.addEventListener("input", function () {
    s.q = search.value;
    K.table.filter();
    K.commit(false);
  });
  byId("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var i = K.find(search.value);
    if (i < 0) { status.textContent = "No entity matches \u201c" + search.value + "\u201d"; return; }
    status.textContent = "Found: " + DATA.nodes[i].label;
    K.select({t: "n", i: i}, true);
  });
  boxes.forEach(function (b) {
    b.addEventListener("change", function () {
      if (b.checked) delete s.hidden[b.getAttribute("data-cls")]; else s.hidden[b.getAttribute("data-cls")] = true;
      K.refresh(true);
    });
  });
  slider.addEventListener("input", function () {
    s.conf = Number(slider.value);
    byId("kg-confidence-value").textContent = s.conf.toFixed(2);
    K.refresh(false);
  });
  slider.addEventListener("change", function () { K.commit(true); });
  [["kg-all", "all"], ["kg-comention", "co"], ["kg-undated", "undated"]].forEach(function (p) {
    byId(p[0]).addEventListener("change", function () { s[p[1]] = byId(p[0]).checked; K.refresh(true); K.graph.fit(); });
  });
  byId("kg-fit").addEventListener("click", function () { K.graph.fit(); });

  K.network.on("click", function (p) {
    if (p.nodes.length) K.select({t: "n", i: p.nodes[0]}, true);
    else if (p.edges.length && typeof p.edges[0] === "number") { s.sel = null; K.panels.edge(p.edges[0]); }
  });

  // keyboard: "/" to search, Esc to clear the selection
  document.addEventListener("keydown", function (ev) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName);
    if (ev.key === "/" && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      search.focus();
      search.select();
    } else if (ev.key === "Escape") {
      if (typing) ev.target.blur();
      if (s.sel || !typing) K.select(null, true);
    }
  });

  // the URL fragment: read at load and on back/forward
  function fromUrl() {
    K.fromHash(location.hash);
    syncControls();
    K.refresh(false);
    showSelection();
  }
  window.addEventListener("popstate", fromUrl);
  K.fromHash(location.hash);
  syncControls();
  K.table.filter();
  K.timeline.draw();
  K.panels.markDoc();
  K.graph.start(function () {
    showSelection();
    document.body.setAttribute("data-kg-ready", "1");
    setTimeout(function () {  // the text filter's index, built once the view is up
      var t0 = performance.now();
      if (DATA.facts.length) K.haystack(DATA.facts[0]);
      K.timings.index = performance.now() - t0;
    }, 0);
  });
})(KG);
