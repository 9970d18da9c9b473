"""The interactive HTML graph: one self-contained page made with pyvis.

pyvis's ``Network`` holds the nodes, edges and vis-network options; the page is
rendered with this module's own template so that vis-network's JavaScript and
CSS (shipped inside the pyvis package) are inlined and nothing is fetched: the
file opens from disk with no network.

What the page offers: nodes coloured and shaped by class with a legend, sized
by mentions; edges labelled with readable relation names; launches and
agreements show their date; hovering a node shows its type, label, aliases and
documents; clicking an edge shows the evidence sentence(s) with source
document, date and confidence; a search box finding a node by any of its
labels; class checkboxes; a confidence slider hiding weaker edges; a header
with the title and document/node/edge counts.

Layout and physics: positions are computed here, in Python (a seeded
Fruchterman-Reingold layout, the model of ``networkx.spring_layout``, in
NumPy), so the browser starts from a finished layout. vis-network then runs a
few stabilisation iterations (none beyond 300 nodes) and physics is switched
off: the drawing settles and stops.

Large-graph policy: at most ``max_nodes`` nodes are drawn (``--html-max-nodes``,
default ``DEFAULT_MAX_NODES``; 0 = no limit). Beyond that the page shows the
``max_nodes`` most connected nodes (ranked by number of distinct neighbours,
then mentions, then key) and the edges between them, with a visible note
"showing N of M nodes". The Turtle file always holds the whole graph.

Safety: every string that comes from an article (labels, aliases, titles,
evidence) travels as JSON inside ``<script type="application/json">`` with
``<``, ``>``, ``&``, U+2028 and U+2029 escaped, and is put into the page with
``textContent`` only; tooltips are DOM elements, never HTML strings. The title
in the static header is HTML-escaped.

Output is deterministic: the same graph gives a byte-identical file.
"""
from __future__ import annotations

import html as htmllib
import json
import math
import re
from pathlib import Path

import networkx as nx
import numpy as np

DEFAULT_MAX_NODES = 2000
LAYOUT_SEED = 7
GRAVITY = 2.0
EDGE_PX = 160  # the ideal edge length of the layout, in vis-network pixels

CLASS_STYLE = {
    "Person": ("#4e79a7", "dot"), "Country": ("#e15759", "diamond"), "City": ("#f28e2b", "triangle"),
    "Place": ("#c9a227", "triangleDown"), "Organization": ("#76b7b2", "square"),
    "GovernmentOrganization": ("#59a14f", "square"), "Agreement": ("#b07aa1", "star"),
    "MissileLaunch": ("#ff6f7d", "hexagon"),
}
CLASS_NAMES = {"Person": "person", "Country": "country", "City": "city", "Place": "place",
               "Organization": "organisation", "GovernmentOrganization": "government organisation",
               "Agreement": "agreement", "MissileLaunch": "missile launch"}
DEFAULT_STYLE = ("#9c9c9c", "dot")
DATE_ATTRIBUTES = {"MissileLaunch": (("startDate", ""),),
                   "Agreement": (("signedDate", "signed "), ("inForceDate", "in force "),
                                 ("endDate", "ended "))}
ATTRIBUTE_NAMES = {"jobTitle": "job title", "startDate": "date", "signedDate": "signed",
                   "inForceDate": "in force", "endDate": "ended", "quantity": "quantity", "weapon": "weapon"}


def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    if not lib.exists():
        lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # inlined verbatim: neither may close its element early
    if "</script" in js.lower() or "</style" in css.lower():
        raise RuntimeError("vis-network's files can't be inlined: they contain a closing tag")
    return js, css


def json_for_script(value) -> str:
    """JSON that is safe inside a <script> element: no character can end the element
    or be read as markup, and U+2028/U+2029 cannot break older JavaScript parsers."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def select_nodes(g: nx.MultiDiGraph, max_nodes: int) -> list:
    """The nodes to draw: all of them, or the ``max_nodes`` most connected ones
    (distinct neighbours, then mentions, then key), in key order."""
    nodes = sorted(g.nodes, key=str)
    if max_nodes <= 0 or len(nodes) <= max_nodes:
        return nodes
    und = nx.Graph(g)
    ranked = sorted(nodes, key=lambda n: (-und.degree(n), -g.nodes[n].get("mentions", 0), str(n)))
    keep = set(ranked[:max_nodes])
    return [n for n in nodes if n in keep]


def layout(n: int, pairs: list[tuple[int, int]], seed: int = LAYOUT_SEED) -> np.ndarray:
    """A Fruchterman-Reingold layout (as ``networkx.spring_layout``) of ``n`` nodes
    linked by ``pairs`` of indexes, in pixels. Seeded, so the same input gives
    the same positions. Rows are computed in chunks to bound memory; iterations
    drop for very large graphs."""
    if n == 0:
        return np.zeros((0, 2))
    rng = np.random.RandomState(seed)
    pos = rng.rand(n, 2).astype(np.float32)
    if n == 1:
        return np.zeros((1, 2))
    adj = np.zeros((n, n), dtype=np.float32) if n <= 4000 else None
    nbrs = [[] for _ in range(n)]
    for a, b in pairs:
        if a != b:
            nbrs[a].append(b)
            nbrs[b].append(a)
            if adj is not None:
                adj[a, b] = adj[b, a] = 1.0
    k = math.sqrt(1.0 / n)
    iterations = 50 if n <= 2500 else max(8, int(50 * (2500 / n) ** 2))
    t = 0.1
    dt = t / (iterations + 1)
    chunk = max(1, min(n, 4_000_000 // n))
    disp = np.zeros_like(pos)
    for _ in range(iterations):
        for lo in range(0, n, chunk):
            hi = min(n, lo + chunk)
            dx = pos[lo:hi, 0:1] - pos[None, :, 0]
            dy = pos[lo:hi, 1:2] - pos[None, :, 1]
            d2 = np.maximum(dx * dx + dy * dy, np.float32(1e-6))
            f = np.float32(k * k) / d2
            if adj is not None:
                f -= adj[lo:hi] * np.sqrt(d2) / np.float32(k)
            disp[lo:hi, 0] = (dx * f).sum(axis=1)
            disp[lo:hi, 1] = (dy * f).sum(axis=1)
        if adj is None:  # attraction along edges only
            for a in range(n):
                if nbrs[a]:
                    d = pos[a] - pos[nbrs[a]]
                    dist = np.sqrt((d * d).sum(axis=1, keepdims=True))
                    disp[a] -= (d * dist).sum(axis=0) / np.float32(k)
        disp -= np.float32(GRAVITY) * (pos - pos.mean(axis=0))  # holds components and isolates together
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1, keepdims=True)), np.float32(0.01))
        pos += disp * np.float32(t) / length
        t -= dt
    pos -= pos.mean(axis=0)
    return pos.astype(np.float64) * (EDGE_PX / k)


def _date_text(cls: str, attributes: dict) -> str:
    parts = []
    for name, prefix in DATE_ATTRIBUTES.get(cls, ()):
        values = attributes.get(name) or []
        if values:
            parts.append(prefix + ", ".join(sorted(str(v) for v in values)))
    return "; ".join(parts)


def _size(mentions: int) -> float:
    return round(min(48.0, 12 + 6 * math.log2(1 + max(0, mentions))), 1)


def _shape_svg(shape: str, color: str) -> str:
    pts = {"diamond": "8,1 15,8 8,15 1,8", "triangle": "8,1 15,14 1,14", "triangleDown": "1,2 15,2 8,15",
           "star": "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6",
           "hexagon": "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8"}
    if shape == "square":
        body = f'<rect x="2" y="2" width="12" height="12" fill="{color}"/>'
    elif shape in pts:
        body = f'<polygon points="{pts[shape]}" fill="{color}"/>'
    else:
        body = f'<circle cx="8" cy="8" r="6.5" fill="{color}"/>'
    return f'<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">{body}</svg>'


def build_network(g: nx.MultiDiGraph, max_nodes: int = DEFAULT_MAX_NODES):
    """The pyvis Network of the page (nodes, edges, options) and the per-node and
    per-edge details the page shows; node and edge ids are indexes into those lists."""
    from pyvis.network import Network

    keys = select_nodes(g, max_nodes)
    index = {k: i for i, k in enumerate(keys)}
    edges = [(s, o, p, d) for s, o, p, d in sorted(g.edges(keys=True, data=True),
                                                   key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
             if s in index and o in index]
    pos = layout(len(keys), [(index[s], index[o]) for s, o, _, _ in edges])
    n = len(keys)
    # the Python layout is final for larger graphs; small ones get a short polish in the browser
    iterations = 60 if n <= 100 else 20 if n <= 300 else 0

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    node_info, edge_info = [], []
    for i, key in enumerate(keys):
        data = g.nodes[key]
        cls = data.get("cls", "")
        color, shape = CLASS_STYLE.get(cls, DEFAULT_STYLE)
        attributes = {p: [str(v) for v in vals] for p, vals in sorted((data.get("attributes") or {}).items())}
        label = str(data.get("label", key))
        date = _date_text(cls, attributes)
        shown = label if not date or date in label else f"{label}\n{date}"
        net.add_node(i, label=shown, color=color, shape=shape, size=_size(int(data.get("mentions", 0))),
                     x=round(float(pos[i, 0]), 1), y=round(float(pos[i, 1]), 1))
        node_info.append({"label": label, "cls": cls, "type": CLASS_NAMES.get(cls, cls), "date": date,
                          "aliases": [str(a) for a in data.get("aliases", [])],
                          "documents": [str(d) for d in data.get("documents", [])],
                          "mentions": int(data.get("mentions", 0)), "attributes": attributes})
    for j, (s, o, p, data) in enumerate(edges):
        conf = round(float(data.get("confidence", 0.0)), 2)
        net.add_edge(index[s], index[o], id=j, label=str(data.get("label", p)), width=1 + 2 * conf)
        edge_info.append({"relation": str(data.get("relation", p)), "label": str(data.get("label", p)),
                          "confidence": conf,
                          "evidence": [{"text": str(ev.get("text", "")), "document": str(ev.get("document", "")),
                                        "date": str(ev.get("date") or ""),
                                        "confidence": round(float(ev.get("confidence", 0.0)), 2),
                                        "extractor": str(ev.get("extractor", ""))}
                                       for ev in data.get("evidence", [])]})
    big = n > 500
    net.options = {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": LAYOUT_SEED},
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "system-ui, sans-serif",
                                             "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "color": {"color": "#9aa5b1", "highlight": "#1f2933", "hover": "#52606d"},
                  "font": {"size": 11, "align": "middle", "color": "#3e4c59",
                           "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.3}},
        "physics": {"enabled": iterations > 0, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -4000, "springLength": EDGE_PX,
                                  "springConstant": 0.03, "damping": 0.6, "avoidOverlap": 0.3},
                    "minVelocity": 1.0,
                    "stabilization": {"enabled": iterations > 0, "iterations": max(1, iterations),
                                      "updateInterval": 50, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "multiselect": False},
    }
    return net, node_info, edge_info


def render(g: nx.MultiDiGraph, title: str = "Knowledge graph", *, documents: int | None = None,
           max_nodes: int = DEFAULT_MAX_NODES) -> str:
    """The page for ``g``: a complete, self-contained HTML document."""
    net, node_info, edge_info = build_network(g, max_nodes)
    if documents is None:
        documents = len({d for _, data in g.nodes(data=True) for d in data.get("documents", [])})
    classes = sorted({i["cls"] for i in node_info} | {d.get("cls", "") for _, d in g.nodes(data=True)},
                     key=lambda c: (list(CLASS_STYLE).index(c) if c in CLASS_STYLE else 99, c))
    data = {
        "title": str(title), "documents": int(documents),
        "total": {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()},
        "shown": {"nodes": len(net.nodes), "edges": len(net.edges)},
        "max_nodes": int(max_nodes),
        "classes": [{"cls": c, "name": CLASS_NAMES.get(c, c), "color": CLASS_STYLE.get(c, DEFAULT_STYLE)[0],
                     "count": sum(1 for i in node_info if i["cls"] == c)} for c in classes],
        "nodes": net.nodes, "edges": net.edges, "options": net.options,
        "node_info": node_info, "edge_info": edge_info,
    }
    legend = "\n".join(
        f'<label class="cls" data-cls="{htmllib.escape(c["cls"])}"><input type="checkbox" checked '
        f'data-cls="{htmllib.escape(c["cls"])}">'
        f'{_shape_svg(CLASS_STYLE.get(c["cls"], DEFAULT_STYLE)[1], c["color"])}'
        f'<span>{htmllib.escape(c["name"])}</span><span class="n">{c["count"]}</span></label>'
        for c in data["classes"])
    js, css = _vis_assets()
    parts = {"TITLE": htmllib.escape(str(title)), "LEGEND": legend, "APPCSS": APP_CSS, "APPJS": APP_JS,
             "VISCSS": css, "VISJS": js, "DATA": json_for_script(data)}
    # one pass: text put in is never scanned for placeholders again
    return re.sub(r"@([A-Z]+)@", lambda m: parts[m.group(1)], PAGE)


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<link rel="icon" href="data:,">
<title>@TITLE@</title>
<style>@VISCSS@</style>
<style>@APPCSS@</style>
</head>
<body>
<header id="kg-header">
  <h1 id="kg-title">@TITLE@</h1>
  <div id="kg-counts"></div>
  <div id="kg-note" hidden></div>
</header>
<main>
  <div id="kg-graph" aria-label="graph"></div>
  <aside id="kg-side">
    <form id="kg-search-form" role="search" autocomplete="off">
      <input id="kg-search" type="search" placeholder="Find a node by name or alias" list="kg-labels"
             aria-label="Find a node">
      <button type="submit">Find</button>
      <datalist id="kg-labels"></datalist>
    </form>
    <div id="kg-search-status" aria-live="polite"></div>
    <fieldset id="kg-legend"><legend>Classes</legend>
@LEGEND@
    </fieldset>
    <fieldset id="kg-filter"><legend>Edges</legend>
      <label for="kg-confidence">Minimum confidence <output id="kg-confidence-value">0.00</output></label>
      <input id="kg-confidence" type="range" min="0" max="1" step="0.05" value="0">
      <div id="kg-confidence-status"></div>
    </fieldset>
    <section id="kg-details" aria-live="polite"><p class="hint">Hover a node for its details; click a node
      or an edge to show them here (edges: the evidence sentences).</p></section>
  </aside>
</main>
<script type="application/json" id="kg-data">@DATA@</script>
<script>@VISJS@</script>
<script>@APPJS@</script>
</body>
</html>
"""

APP_CSS = """
html,body{margin:0;height:100%;font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2933}
body{display:flex;flex-direction:column}
#kg-header{display:flex;flex-wrap:wrap;align-items:baseline;gap:.4em 1.2em;padding:.5em 1em;
  background:#f5f7fa;border-bottom:1px solid #d9e2ec}
#kg-header h1{font-size:1.15em;margin:0}
#kg-counts{color:#52606d}
#kg-note{color:#8d2b0b;background:#fff3c4;padding:.1em .5em;border-radius:3px}
main{flex:1;display:flex;min-height:0}
#kg-graph{flex:1;min-width:0;position:relative}
#kg-side{width:320px;overflow:auto;border-left:1px solid #d9e2ec;padding:.6em .8em;box-sizing:border-box}
#kg-search-form{display:flex;gap:.3em}
#kg-search{flex:1;min-width:0}
#kg-search-status{min-height:1.3em;color:#52606d;font-size:.9em}
fieldset{border:1px solid #d9e2ec;border-radius:4px;margin:.5em 0;padding:.3em .6em}
label.cls{display:flex;align-items:center;gap:.4em;cursor:pointer}
label.cls .n{margin-left:auto;color:#7b8794;font-size:.9em}
#kg-confidence{width:100%}
#kg-confidence-status{color:#52606d;font-size:.9em}
#kg-details h2{font-size:1em;margin:.6em 0 .2em}
#kg-details blockquote{margin:.4em 0;padding:.3em .6em;border-left:3px solid #9aa5b1;background:#f5f7fa;
  white-space:pre-wrap}
#kg-details .src{color:#52606d;font-size:.9em;margin-bottom:.6em}
#kg-details .hint{color:#7b8794}
.kg-tip{max-width:360px;white-space:normal;font-size:13px}
.kg-tip .tip-title{font-weight:bold;font-size:14px}
.kg-tip ul{margin:.2em 0 0 1.1em;padding:0}
div.vis-tooltip{white-space:normal}
"""

APP_JS = r"""
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
"""
