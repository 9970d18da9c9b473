"""The interactive HTML graph: pyvis output made self-contained (vis-network's
JavaScript and CSS inlined, no CDN links)."""
from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path

import networkx as nx

CLASS_STYLE = {
    "Person": ("#4e79a7", "dot"), "Country": ("#e15759", "diamond"), "City": ("#f28e2b", "triangle"),
    "Place": ("#edc948", "triangleDown"), "Organization": ("#76b7b2", "square"),
    "GovernmentOrganization": ("#59a14f", "square"), "Agreement": ("#b07aa1", "star"),
    "MissileLaunch": ("#ff9da7", "hexagon"),
}


def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    if not lib.exists():
        lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), \
        (lib / "vis-network.css").read_text(encoding="utf-8")


def render(g: nx.MultiDiGraph, title: str = "Knowledge graph") -> str:
    from pyvis.network import Network

    net = Network(height="100vh", width="100%", directed=True, cdn_resources="in_line")
    for key, data in g.nodes(data=True):
        color, shape = CLASS_STYLE.get(data["cls"], ("#bab0ac", "dot"))
        net.add_node(key, label=data["label"], color=color, shape=shape, title=data["cls"],
                     size=10 + min(30, 2 * data["mentions"]))
    for s, o, _, data in g.edges(keys=True, data=True):
        net.add_edge(s, o, label=data["label"], title=data["label"])
    js, css = _vis_assets()
    nodes = json.dumps(net.nodes).replace("</", "<\\/")
    edges = json.dumps(net.edges).replace("</", "<\\/")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{htmllib.escape(title)}</title>
<style>{css}</style><style>html,body{{margin:0;height:100%}}#graph{{height:100vh}}</style>
<script>{js}</script></head>
<body><div id="graph"></div>
<script>
const nodes = new vis.DataSet({nodes});
const edges = new vis.DataSet({edges});
const network = new vis.Network(document.getElementById("graph"), {{nodes, edges}},
  {{physics: {{stabilization: {{iterations: 200}}}}, edges: {{arrows: "to", font: {{size: 10}}}}}});
network.once("stabilizationIterationsDone", () => network.setOptions({{physics: false}}));
</script></body></html>
"""
