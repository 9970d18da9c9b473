"""The interactive HTML page: an analyst's workbench in one self-contained file.

The graph is drawn by vis-network (shipped inside the pyvis package, inlined with
its CSS, so nothing is fetched: the file opens from disk with no network); the
page's own HTML, CSS and JavaScript are the files in ``graph/assets/``.

The data is built generically from the KnowledgeGraph's facts by
:mod:`graph.pagedata` and written as one JSON blob. The page shows:

- the graph, opening on the entities that take part in facts, fitted to the window
  with readable labels; toggles for every mentioned entity and for co-mention edges
  (entities in the same documents, weighted by how many); edges labelled with what
  the fact is (office title, event type, date);
- a facts table (every fact: one row per ``rdf:Statement`` of the Turtle), sortable,
  filtered by text, class, confidence and time, virtualised (only visible rows are
  in the DOM), with a CSV download of the filtered rows made in the page;
- a timeline of every dated fact with a range brush that filters graph and table;
- entity, evidence and document panels (evidence highlighted inside its paragraph);
- the selection and filters in the URL fragment (links reopen the view; back works).

Layout: positions are computed in Python by :mod:`graph.layout`; vis-network
runs a few stabilisation iterations (none beyond 300 nodes), then physics is off.
At most ``max_nodes`` nodes are drawn (``--html-max-nodes``; 0 = no limit): the
most connected ones, with a note "showing N of M nodes"; the table keeps every fact.

Safety: every string from an article travels as JSON inside ``<script
type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, and
is put into the page with ``textContent`` / text nodes only; the static title is
HTML-escaped; the Content-Security-Policy forbids loading anything and string
evaluation. Output is deterministic: the same graph gives a byte-identical file.
"""
from __future__ import annotations

import functools
import html as htmllib
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path

from extract import model as m

from .assemble import KnowledgeGraph
from .layout import EDGE_PX, LAYOUT_SEED
from .pagedata import page_data, select_nodes

__all__ = ["DEFAULT_MAX_NODES", "json_for_script", "render", "select_nodes"]

DEFAULT_MAX_NODES = 2000

CLASS_STYLE = {
    m.PERSON: ("#4e79a7", "dot"), m.COUNTRY: ("#e15759", "diamond"), m.CITY: ("#f28e2b", "triangle"),
    m.PLACE: ("#c9a227", "triangleDown"), m.ORGANIZATION: ("#76b7b2", "square"),
    m.GOVERNMENT_ORGANIZATION: ("#59a14f", "square"), m.AGREEMENT: ("#b07aa1", "star"),
    m.MISSILE_LAUNCH: ("#ff6f7d", "hexagon"), m.AGREEMENT_EVENT: ("#d4a6c8", "dot"),
    m.OFFICE_HOLDING: ("#a0b8d8", "dot"),
}
CLASS_NAMES = {m.PERSON: "person", m.COUNTRY: "country", m.CITY: "city", m.PLACE: "place",
               m.ORGANIZATION: "organisation", m.GOVERNMENT_ORGANIZATION: "government organisation",
               m.AGREEMENT: "agreement", m.MISSILE_LAUNCH: "missile launch",
               m.AGREEMENT_EVENT: "agreement event", m.OFFICE_HOLDING: "office holding"}
DEFAULT_STYLE = ("#9c9c9c", "dot")
# the page's scripts, in order: the namespace (core), one file per part of the page, then wiring
APP_SCRIPTS = ("core.js", "graph.js", "table.js", "timeline.js", "panels.js", "app.js")


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


def _options(n: int) -> dict:
    """vis-network's options: the layout comes from Python (packed components, see
    ``graph.pagedata``) and is final: physics stays off."""
    iterations = 0  # the packed layout is final
    big = n > 500
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": LAYOUT_SEED},
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "system-ui, sans-serif",
                                             "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "color": {"color": "#9aa5b1", "highlight": "#1f2933", "hover": "#52606d"},
                  "font": {"size": 12, "align": "middle", "color": "#3e4c59",
                           "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.3}},
        "physics": {"enabled": iterations > 0, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -4000, "springLength": EDGE_PX,
                                  "springConstant": 0.03, "damping": 0.6, "avoidOverlap": 0.3},
                    "minVelocity": 1.0,
                    "stabilization": {"enabled": iterations > 0, "iterations": max(1, iterations),
                                      "updateInterval": 50, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "multiselect": False, "keyboard": False},
    }


def render(kg: KnowledgeGraph, title: str = "Knowledge graph", *, max_nodes: int = DEFAULT_MAX_NODES) -> str:
    """The page for ``kg``: a complete, self-contained HTML document."""
    data = page_data(kg, max_nodes)
    counts = Counter(n["cls"] for n in data["nodes"])
    classes = sorted(counts, key=lambda c: (list(CLASS_STYLE).index(c) if c in CLASS_STYLE else 99, c))
    data.update({
        "title": str(title), "max_nodes": int(max_nodes),
        "classes": [{"cls": c, "name": CLASS_NAMES.get(c, c), "color": CLASS_STYLE.get(c, DEFAULT_STYLE)[0],
                     "shape": CLASS_STYLE.get(c, DEFAULT_STYLE)[1], "count": counts[c]} for c in classes],
        "options": _options(sum(1 for n in data["nodes"] if n["drawn"] and n["facts"])),
    })
    legend = "\n".join(
        f'<label class="cls"><input type="checkbox" checked data-cls="{htmllib.escape(c["cls"])}">'
        f'{_shape_svg(c["shape"], c["color"])}'
        f'<span>{htmllib.escape(c["name"])}</span><span class="n">{c["count"]}</span></label>'
        for c in data["classes"])
    js, css = _vis_assets()
    app = "\n".join(asset(name) for name in APP_SCRIPTS)
    parts = {"TITLE": htmllib.escape(str(title)), "LEGEND": legend, "APPCSS": asset("app.css"),
             "APPJS": app, "VISCSS": css, "VISJS": js, "DATA": json_for_script(data)}
    # one pass: text put in is never scanned for placeholders again
    return re.sub(r"@([A-Z]+)@", lambda found: parts[found.group(1)], asset("page.html"))


@functools.cache
def asset(name: str) -> str:
    """The text of ``graph/assets/NAME`` (the page's template, CSS and JavaScript)."""
    return resources.files("graph").joinpath("assets", name).read_text(encoding="utf-8")
