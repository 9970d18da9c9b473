"""The NetworkX view of the graph: entities as nodes, relations between
entities as edges, literal facts (titles, dates, quantities) as node attributes."""
from __future__ import annotations

import networkx as nx

from .assemble import KnowledgeGraph

EDGE_LABELS = {"officeholderOf": "officeholder of", "party": "party", "launchedBy": "launched by",
               "location": "location"}


def to_networkx(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    titles = {d.id: d.title or d.id for d in kg.documents}
    dates = {d.id: d.date for d in kg.documents}
    for key, node in kg.nodes.items():
        g.add_node(key, label=node.label, cls=node.cls, aliases=sorted(node.aliases - {node.label}),
                   mentions=node.mentions, documents=sorted(titles.get(d, d) for d in node.documents),
                   attributes={})
    edges: dict[tuple[str, str, str], dict] = {}
    for f in kg.facts:
        ev = {"text": f.evidence.sentence, "document": titles.get(f.evidence.doc_id, f.evidence.doc_id),
              "date": dates.get(f.evidence.doc_id), "confidence": f.confidence, "extractor": f.extractor}
        if f.datatype is None:
            k = (f.subject, f.obj, f.predicate)
            e = edges.setdefault(k, {"relation": f.predicate, "label": EDGE_LABELS.get(f.predicate, f.predicate),
                                     "confidence": 0.0, "evidence": []})
            e["confidence"] = max(e["confidence"], f.confidence)
            e["evidence"].append(ev)
        else:
            attrs = g.nodes[f.subject]["attributes"]
            attrs.setdefault(f.predicate, [])
            if f.obj not in attrs[f.predicate]:
                attrs[f.predicate].append(f.obj)
    for (s, o, p), data in sorted(edges.items()):
        g.add_edge(s, o, key=p, **data)
    return g
