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

Layout and physics: positions are computed in Python by :mod:`graph.layout` (a seeded
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

import functools
import html as htmllib
import json
import math
import re
from importlib import resources
from pathlib import Path

import networkx as nx

from extract import model as m

from .layout import EDGE_PX, LAYOUT_SEED, layout

DEFAULT_MAX_NODES = 2000

CLASS_STYLE = {
    m.PERSON: ("#4e79a7", "dot"), m.COUNTRY: ("#e15759", "diamond"), m.CITY: ("#f28e2b", "triangle"),
    m.PLACE: ("#c9a227", "triangleDown"), m.ORGANIZATION: ("#76b7b2", "square"),
    m.GOVERNMENT_ORGANIZATION: ("#59a14f", "square"), m.AGREEMENT: ("#b07aa1", "star"),
    m.MISSILE_LAUNCH: ("#ff6f7d", "hexagon"),
}
CLASS_NAMES = {m.PERSON: "person", m.COUNTRY: "country", m.CITY: "city", m.PLACE: "place",
               m.ORGANIZATION: "organisation", m.GOVERNMENT_ORGANIZATION: "government organisation",
               m.AGREEMENT: "agreement", m.MISSILE_LAUNCH: "missile launch"}
DEFAULT_STYLE = ("#9c9c9c", "dot")
DATE_ATTRIBUTES = {m.MISSILE_LAUNCH: ((m.START_DATE, ""),),
                   m.AGREEMENT: ((m.SIGNED_DATE, "signed "), (m.IN_FORCE_DATE, "in force "),
                                 (m.END_DATE, "ended "))}
ATTRIBUTE_NAMES = {m.JOB_TITLE: "job title", m.START_DATE: "date", m.SIGNED_DATE: "signed",
                   m.IN_FORCE_DATE: "in force", m.END_DATE: "ended", m.QUANTITY: "quantity", m.WEAPON: "weapon"}


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
                          "mentions": int(data.get("mentions", 0)), "attributes": attributes,
                          "events": [{k: (list(map(str, v)) if isinstance(v, list) else str(v)) for k, v in e.items()}
                                     for e in data.get("events", [])]})
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
    parts = {"TITLE": htmllib.escape(str(title)), "LEGEND": legend, "APPCSS": asset("app.css"),
             "APPJS": asset("app.js"), "VISCSS": css, "VISJS": js, "DATA": json_for_script(data)}
    # one pass: text put in is never scanned for placeholders again
    return re.sub(r"@([A-Z]+)@", lambda found: parts[found.group(1)], asset("page.html"))


@functools.cache
def asset(name: str) -> str:
    """The text of ``graph/assets/NAME`` (the page's template, CSS and JavaScript)."""
    return resources.files("graph").joinpath("assets", name).read_text(encoding="utf-8")
