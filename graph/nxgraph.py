"""The NetworkX view of the graph: entities as nodes, relations between
entities as edges, literal facts (titles, dates, quantities) as node attributes."""
from __future__ import annotations

import networkx as nx

from extract.model import (
    AGREEMENT_EVENT,
    EVENT_TYPE,
    HAS_EVENT,
    HOLDS_OFFICE,
    LOCATION,
    OFFICE_HOLDING,
    OFFICEHOLDER_OF,
    PARTICIPANT,
    START_DATE,
    TITLE,
    parse_role_key,
)

from .assemble import KnowledgeGraph

EDGE_LABELS = {"officeholderOf": "officeholder of", "party": "party", "launchedBy": "launched by",
               "location": "location"}


def agreement_events(kg: KnowledgeGraph) -> tuple[dict[str, list[dict]], set[str]]:
    """``{agreement key: [{date, type, place, participants}, ...]}`` in date order, and the
    keys of the event nodes (shown in their agreement's details, not as nodes)."""
    event_keys = {k for k, n in kg.nodes.items() if n.cls == AGREEMENT_EVENT}
    info: dict[str, dict] = {k: {"date": "", "type": "", "place": "", "participants": []} for k in event_keys}
    owner: dict[str, str] = {}
    for f in kg.facts:
        if f.predicate == HAS_EVENT:
            owner[f.obj] = f.subject
        elif f.subject in info:
            e = info[f.subject]
            label = kg.nodes[f.obj].label if f.obj in kg.nodes else f.obj
            if f.predicate == START_DATE:
                e["date"] = f.obj
            elif f.predicate == EVENT_TYPE:
                e["type"] = f.obj
            elif f.predicate == LOCATION:
                e["place"] = label
            elif f.predicate == PARTICIPANT and label not in e["participants"]:
                e["participants"].append(label)
    out: dict[str, list[dict]] = {}
    for key, agreement in sorted(owner.items()):
        if key in info:
            out.setdefault(agreement, []).append(info[key])
    for events in out.values():
        events.sort(key=lambda e: (e["date"].lstrip("-"), e["type"]))
    return out, event_keys


def to_networkx(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    events, hidden = agreement_events(kg)
    titles = {d.id: d.title or d.id for d in kg.documents}
    dates = {d.id: d.date for d in kg.documents}
    roles = {k for k, n in kg.nodes.items() if n.cls == OFFICE_HOLDING}
    titles_of = _office_titles(kg, roles)
    for key, node in kg.nodes.items():
        if key in hidden or key in roles:
            continue  # events show in their agreement's details, office holdings as labelled edges
        g.add_node(key, label=node.label, cls=node.cls, aliases=sorted(node.aliases - {node.label}),
                   mentions=node.mentions, documents=sorted(titles.get(d, d) for d in node.documents),
                   attributes={}, events=events.get(key, []))
    edges: dict[tuple[str, str, str], dict] = {}
    for f in kg.facts:
        if f.subject in hidden or f.obj in hidden or f.subject in roles or f.predicate == HOLDS_OFFICE:
            continue
        ev = {"text": f.evidence.sentence, "document": titles.get(f.evidence.doc_id, f.evidence.doc_id),
              "date": dates.get(f.evidence.doc_id), "confidence": f.confidence, "extractor": f.extractor}
        if f.datatype is None:
            k = (f.subject, f.obj, f.predicate)
            label = titles_of.get((f.subject, f.obj)) if f.predicate == OFFICEHOLDER_OF else None
            e = edges.setdefault(k, {"relation": f.predicate,
                                     "label": label or EDGE_LABELS.get(f.predicate, f.predicate),
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


def _office_titles(kg: KnowledgeGraph, roles: set[str]) -> dict[tuple[str, str], str]:
    """(person, polity) -> the titles of that person's offices of that polity ("Foreign Minister")."""
    found: dict[tuple[str, str], set[str]] = {}
    for f in kg.facts:
        if f.subject in roles and f.predicate == TITLE:
            role = parse_role_key(f.subject)
            if role is not None:
                found.setdefault((role[0], role[1]), set()).add(f.obj)
    return {k: "; ".join(sorted(v)) for k, v in found.items()}
