// graph: vis-network over the drawn nodes; what is shown follows the filters
(function (K) {
  "use strict";
  var DATA = K.data, el = K.el, style = {};
  DATA.classes.forEach(function (c) { style[c.cls] = c; });
  var MIN_LABEL_PX = 12;  // labels at least this big on screen at the opening zoom

  function size(mentions) { return Math.round(Math.min(48, 12 + 6 * Math.log2(1 + Math.max(0, mentions))) * 10) / 10; }
  function tip(i) {
    var n = DATA.nodes[i], box = el("div", "kg-tip");
    box.appendChild(el("div", "tip-title", n.label));
    box.appendChild(el("div", null, "Type: " + (style[n.cls] ? style[n.cls].name : n.cls)));
    if (n.date) box.appendChild(el("div", null, "Date: " + n.date));
    if (n.aliases.length) box.appendChild(el("div", null, "Also known as: " + n.aliases.join(", ")));
    box.appendChild(el("div", null, "Mentions: " + n.mentions));
    if (n.docs.length) {
      var ul = el("ul");
      n.docs.slice(0, 8).forEach(function (d) { ul.appendChild(el("li", null, DATA.docs[d].title)); });
      if (n.docs.length > 8) ul.appendChild(el("li", null, "\u2026 and " + (n.docs.length - 8) + " more"));
      box.appendChild(ul);
    }
    return box;
  }
  var nodeItems = [];
  DATA.nodes.forEach(function (n, i) {
    if (!n.drawn) return;
    var st = style[n.cls] || {color: "#9c9c9c", shape: "dot"};
    nodeItems.push({id: i, label: n.date && n.label.indexOf(n.date) < 0 ? n.label + "\n" + n.date : n.label,
                    color: st.color, shape: st.shape, size: size(n.mentions), x: n.x, y: n.y, title: tip(i)});
  });
  var edgeItems = DATA.edges.map(function (e, j) {
    var t = el("div", "kg-tip", K.nodeText(e.from) + " \u2192 " + e.label + " \u2192 " + K.nodeText(e.to) +
      " (confidence " + e.c.toFixed(2) + ")");
    return {id: j, from: e.from, to: e.to, label: e.label, width: 1 + 2 * e.c, title: t};
  });
  var nodes = new vis.DataSet(nodeItems), edges = new vis.DataSet(edgeItems);
  var visibleNodes = {}, visibleEdges = {};
  var nodeView = new vis.DataView(nodes, {filter: function (n) { return visibleNodes[n.id] === true; }});
  var edgeView = new vis.DataView(edges, {filter: function (e) { return visibleEdges[e.id] === true; }});

  // which nodes and edges the filters leave (the text filter is the table's only)
  function visibility() {
    var s = K.state, live = {}, vn = {}, ve = {};
    DATA.facts.forEach(function (f) {
      if (!K.passes(f, false)) return;
      live[f.s] = true;
      if (f.o !== null) live[f.o] = true;
    });
    var narrowed = K.timeActive() || s.doc >= 0;
    DATA.nodes.forEach(function (n, i) {
      if (!n.drawn || s.hidden[n.cls]) return;
      if (live[i] || (s.all && !K.timeActive() && (s.doc < 0 || n.docs.indexOf(s.doc) >= 0))) vn[i] = true;
      else if (!narrowed && s.all) vn[i] = true;
    });
    DATA.edges.forEach(function (e, j) {
      if (vn[e.from] && vn[e.to] && e.f.some(function (i) { return K.passes(DATA.facts[i], false); })) ve[j] = true;
    });
    return {nodes: vn, edges: ve};
  }

  // co-mention edges: entities shown that appear in the same documents, weighted by how many
  function coMentions(vn) {
    var pairs = {};
    DATA.docs.forEach(function (d, di) {
      var here = [];
      DATA.nodes.forEach(function (n, i) { if (vn[i] && n.docs.indexOf(di) >= 0) here.push(i); });
      if (here.length > 80) here = here.sort(function (a, b) { return DATA.nodes[b].mentions - DATA.nodes[a].mentions; }).slice(0, 80);
      for (var a = 0; a < here.length; a++)
        for (var b = a + 1; b < here.length; b++) {
          var k = Math.min(here[a], here[b]) + ":" + Math.max(here[a], here[b]);
          pairs[k] = (pairs[k] || 0) + 1;
        }
    });
    var list = Object.keys(pairs).map(function (k) { return [k, pairs[k]]; });
    list.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
    return list.slice(0, 3000).map(function (p) {
      var ends = p[0].split(":");
      return {id: "co:" + p[0], from: +ends[0], to: +ends[1], co: true, width: Math.min(8, p[1]), dashes: true,
              color: {color: "#c3cfe2", opacity: 0.6}, arrows: {to: {enabled: false}}, smooth: false,
              physics: false, title: el("div", "kg-tip", "co-mentioned in " + K.plural(p[1], "document", "documents"))};
    });
  }

  var container = K.byId("kg-graph");
  var network = new vis.Network(container, {}, DATA.options);
  container.querySelectorAll("[tabindex]").forEach(function (e) { e.setAttribute("aria-label", "Graph drawing"); });
  K.network = network; K.nodes = nodeView; K.edges = edgeView; K.allNodes = nodes; K.allEdges = edges;
  var coShown = false;
  K.graph = {
    apply: function () {
      var v = visibility();
      visibleNodes = v.nodes; visibleEdges = v.edges;
      edges.remove(edges.getIds({filter: function (e) { return e.co === true; }}));
      coShown = K.state.co;
      if (coShown) {
        var co = coMentions(visibleNodes);
        co.forEach(function (e) { visibleEdges[e.id] = true; });
        edges.add(co);
      }
      nodeView.refresh(); edgeView.refresh();
      var shown = nodeView.length;
      K.byId("kg-graph-status").textContent = K.plural(shown, "entity", "entities") + " and " +
        K.plural(edgeView.length, "edge", "edges") + " shown";
    },
    isVisible: function (i) { return visibleNodes[i] === true; },
    fit: function () {
      network.fit({animation: false});
      // labels readable at the opening zoom: scale the fonts up when the drawing is zoomed out
      var scale = network.getScale(), font = DATA.options.nodes.font.size;
      var want = Math.max(font, Math.ceil(MIN_LABEL_PX / Math.max(scale, 1e-3)));
      if (nodeView.length <= 300 && want !== K.graph.fontSize) {
        K.graph.fontSize = want;
        network.setOptions({nodes: {font: {size: want}}, edges: {font: {size: Math.round(want * 0.85)}}});
      }
    },
    fontSize: DATA.options.nodes.font.size,
    focus: function (i) {
      network.selectNodes([i]);
      var animate = nodeView.length <= 300 ? {duration: 400, easingFunction: "easeInOutQuad"} : false;
      network.focus(i, {scale: Math.max(network.getScale(), 1.0), animation: animate});
    },
    focusFact: function (f) {
      var ids = [f.s].concat(f.o !== null ? [f.o] : []).filter(function (i) { return visibleNodes[i]; });
      if (!ids.length) return false;
      var edge = DATA.edges.findIndex(function (e) { return e.f.indexOf(DATA.facts.indexOf(f)) >= 0; });
      network.setSelection({nodes: ids, edges: edge >= 0 && visibleEdges[edge] ? [edge] : []});
      if (ids.length === 1) network.focus(ids[0], {scale: Math.max(network.getScale(), 1.0), animation: false});
      else network.fit({nodes: ids, animation: false});
      return true;
    },
    unselect: function () { network.unselectAll(); }
  };

  network.once("afterDrawing", function () { K.timings.firstDraw = performance.now(); });
  K.graph.start = function (ready) {
    var done = false;
    function finish() {
      if (done) return;
      done = true;
      network.setOptions({physics: {enabled: false}});
      K.graph.fit();
      K.timings.stabilised = performance.now();
      ready();
    }
    network.once("stabilizationIterationsDone", finish);
    K.graph.apply();
    K.timings.dataReady = performance.now();
    network.setData({nodes: nodeView, edges: edgeView});
    if (!DATA.options.physics.enabled || !nodeView.length) finish();
  };
})(KG);
