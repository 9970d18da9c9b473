
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var timings = window.kgTimings = {};
  var info = DATA.node_info, einfo = DATA.edge_info;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function row(parent, name, value) {
    var d = el("div");
    d.appendChild(el("span", "k", name + ": "));
    d.appendChild(document.createTextNode(String(value)));
    parent.appendChild(d);
  }
  function fmt(n) { return Number(n).toLocaleString("en"); }
  function plural(n, one, many) { return fmt(n) + " " + (n === 1 ? one : many); }

  // header
  document.getElementById("kg-counts").textContent =
    plural(DATA.documents, "document", "documents") + " \u00b7 " +
    plural(DATA.total.nodes, "node", "nodes") + " \u00b7 " + plural(DATA.total.edges, "edge", "edges");
  if (DATA.shown.nodes < DATA.total.nodes) {
    var note = document.getElementById("kg-note");
    note.textContent = "showing " + fmt(DATA.shown.nodes) + " of " + fmt(DATA.total.nodes) +
      " nodes (the most connected) and " + fmt(DATA.shown.edges) + " of " + fmt(DATA.total.edges) +
      " edges; raise --html-max-nodes to draw more";
    note.hidden = false;
  }

  function nodeDetails(i, tip) {
    var n = info[i], box = el("div", tip ? "kg-tip" : "kg-node");
    box.appendChild(el(tip ? "div" : "h2", tip ? "tip-title" : null, n.label));
    row(box, "Type", n.type);
    if (n.date) row(box, "Date", n.date);
    if (n.aliases.length) row(box, "Also known as", n.aliases.join(", "));
    Object.keys(n.attributes).forEach(function (p) {
      if (p !== "startDate" && p !== "signedDate" && p !== "inForceDate" && p !== "endDate")
        row(box, p, n.attributes[p].join(", "));
    });
    row(box, "Mentions", n.mentions);
    if (!tip && n.events && n.events.length) {
      // the agreement's timeline, already in date order
      box.appendChild(el("div", "k", "Events:"));
      var ol = el("ol", "kg-events");
      n.events.forEach(function (e) {
        var words = e.type.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
        var text = e.date + " \u2014 " + words + (e.place ? " in " + e.place : "") +
          (e.participants.length ? " (" + e.participants.join(", ") + ")" : "");
        ol.appendChild(el("li", null, text));
      });
      box.appendChild(ol);
    }
    if (n.documents.length) {
      box.appendChild(el("div", "k", "Documents:"));
      var ul = el("ul"), max = tip ? 8 : 50;
      n.documents.slice(0, max).forEach(function (d) { ul.appendChild(el("li", null, d)); });
      if (n.documents.length > max) ul.appendChild(el("li", null, "\u2026 and " + (n.documents.length - max) + " more"));
      box.appendChild(ul);
    }
    return box;
  }
  function edgeTip(j) {
    var e = DATA.edges[j];
    return el("div", "kg-tip", info[e.from].label + " \u2192 " + einfo[j].label + " \u2192 " +
      info[e.to].label + " (confidence " + einfo[j].confidence.toFixed(2) + ")");
  }

  var details = document.getElementById("kg-details");
  function show(box) { details.replaceChildren(box); }
  function showNode(i) { show(nodeDetails(i, false)); }
  function showEdge(j) {
    var e = DATA.edges[j], x = einfo[j], box = el("div", "kg-edge");
    box.appendChild(el("h2", null, info[e.from].label + " \u2192 " + x.label + " \u2192 " + info[e.to].label));
    row(box, "Confidence", x.confidence.toFixed(2));
    box.appendChild(el("div", "k", x.evidence.length === 1 ? "Evidence:" : "Evidence (" + x.evidence.length + " sentences):"));
    x.evidence.forEach(function (ev) {
      box.appendChild(el("blockquote", "evidence", ev.text.trim()));
      var src = ev.document + (ev.date ? ", " + ev.date : "") + " \u00b7 confidence " +
        ev.confidence.toFixed(2) + (ev.extractor ? " \u00b7 " + ev.extractor : "");
      box.appendChild(el("div", "src", src));
    });
    show(box);
  }

  // data sets: tooltips are DOM elements
  var hiddenCls = {}, minConf = 0;
  var nodes = new vis.DataSet(DATA.nodes.map(function (n) {
    var o = Object.assign({}, n);
    o.title = nodeDetails(n.id, true);
    return o;
  }));
  var edges = new vis.DataSet(DATA.edges.map(function (e) {
    var o = Object.assign({}, e);
    o.title = edgeTip(e.id);
    return o;
  }));
  var container = document.getElementById("kg-graph");
  var network = new vis.Network(container, {}, DATA.options);
  window.kg = {network: network, nodes: nodes, edges: edges, data: DATA, showEdge: showEdge};

  network.once("afterDrawing", function () {
    timings.firstDraw = performance.now();
    if (!DATA.options.physics.enabled) done();
  });
  function done() {
    if (timings.stabilised) return;
    network.setOptions({physics: {enabled: false}});
    timings.stabilised = performance.now();
    document.body.setAttribute("data-kg-ready", "1");
  }
  network.once("stabilizationIterationsDone", done);
  network.setData({nodes: nodes, edges: edges});
  if (!DATA.shown.nodes) document.body.setAttribute("data-kg-ready", "1");

  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });

  // search by label or alias
  var names = [];
  info.forEach(function (n, i) {
    names.push([n.label, i]);
    n.aliases.forEach(function (a) { names.push([a, i]); });
  });
  var list = document.getElementById("kg-labels"), seen = {};
  names.slice().sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; }).forEach(function (p) {
    if (seen[p[0]]) return;
    seen[p[0]] = 1;
    var o = document.createElement("option");
    o.value = p[0];
    list.appendChild(o);
  });
  function norm(s) { return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim(); }
  function find(q) {
    q = norm(q);
    if (!q) return -1;
    var tests = [function (s) { return s === q; }, function (s) { return s.indexOf(q) === 0; },
                 function (s) { return s.indexOf(q) >= 0; }];
    for (var t = 0; t < tests.length; t++)
      for (var k = 0; k < names.length; k++) if (tests[t](norm(names[k][0]))) return names[k][1];
    return -1;
  }
  var status = document.getElementById("kg-search-status");
  function focusNode(i) {
    if (hiddenCls[info[i].cls]) setClass(info[i].cls, true);
    network.selectNodes([i]);
    // vis-network animates frame by frame: big drawings jump at once instead of crawling
    var animate = DATA.shown.nodes <= 300 ? {duration: 400, easingFunction: "easeInOutQuad"} : false;
    network.focus(i, {scale: Math.max(network.getScale(), 1.2), animation: animate});
    showNode(i);
  }
  document.getElementById("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = document.getElementById("kg-search").value, i = find(q);
    if (i < 0) { status.textContent = "No node matches \u201c" + q + "\u201d"; return; }
    status.textContent = "Found: " + info[i].label;
    focusNode(i);
  });
  window.kg.find = find;

  // class checkboxes
  var boxes = document.querySelectorAll("#kg-legend input[type=checkbox]");
  function setClass(cls, visible) {
    if (visible) delete hiddenCls[cls]; else hiddenCls[cls] = true;
    boxes.forEach(function (b) { if (b.getAttribute("data-cls") === cls) b.checked = visible; });
    var upd = [];
    info.forEach(function (n, i) { if (n.cls === cls) upd.push({id: i, hidden: !visible}); });
    nodes.update(upd);
  }
  boxes.forEach(function (b) {
    b.addEventListener("change", function () { setClass(b.getAttribute("data-cls"), b.checked); });
  });

  // confidence slider
  var slider = document.getElementById("kg-confidence");
  var out = document.getElementById("kg-confidence-value");
  var cstatus = document.getElementById("kg-confidence-status");
  function applyConfidence() {
    minConf = Number(slider.value);
    out.textContent = minConf.toFixed(2);
    var upd = [], hidden = 0;
    einfo.forEach(function (x, j) {
      var h = x.confidence < minConf - 1e-9;
      if (h) hidden++;
      upd.push({id: j, hidden: h});
    });
    edges.update(upd);
    cstatus.textContent = hidden ? plural(hidden, "edge", "edges") + " below " + minConf.toFixed(2) + " hidden" : "";
  }
  slider.addEventListener("input", applyConfidence);
})();
