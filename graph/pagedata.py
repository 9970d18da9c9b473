"""The data of the HTML page, built generically from a KnowledgeGraph's facts.

One JSON object (``page_data``), written into the page as escaped JSON:

- ``docs``: one ``{"id", "title", "date", "text"}`` per document (the analysed text:
  evidence is shown highlighted inside its paragraph).
- ``nodes``: one per entity, ``{"key", "label", "cls", "mentions", "docs"`` (document
  indexes), ``"aliases"``, ``"res"`` (names merged in: ``[surface, rule, [document
  indexes]]``), ``"date"`` (for display), ``"facts"`` (true when it takes part in a fact),
  ``"drawn"`` (true when inside the ``max_nodes`` drawn), ``"x", "y"``, ``"part"`` (an
  agreement event or an office holding: shown in its owner's details, never drawn),
  ``"events"`` (an agreement's events in date order: ``[date, type, place, participants]``)}``.
- ``facts``: one per Fact, i.e. one per ``rdf:Statement`` of the Turtle: ``{"s"`` (node
  index), ``"p"`` (predicate), ``"o"`` (node index, or null for a literal), ``"v"`` (the
  literal), ``"t"`` (its datatype), ``"d"`` (the date the fact is about: the literal itself
  for a date, else the date of its subject or object node, else ""), ``"c"`` (confidence),
  ``"doc"``, ``"a", "b"`` (evidence offsets in code points), ``"e"`` (the sentence),
  ``"x"`` (extractor)``}``.
- ``edges``: one per (subject, predicate, object node) drawn: ``{"from", "to", "p",
  "label", "c"`` (best confidence), ``"f"`` (fact indexes)``}``.

Nothing here is specific to one relation: a literal fact sharing its subject and
evidence with an entity-to-entity fact qualifies it (its title or event type becomes
the edge's label, its date the edge's date), and any literal of a date datatype is a
dated fact, hence an item of the timeline.
"""
from __future__ import annotations

import networkx as nx

from extract import model as m

from .assemble import KnowledgeGraph
from .layout import layout
from .nxgraph import agreement_events

# packing: room for a label around each node (vis-network pixels), the block's shape
LABEL_W, LABEL_H, ASPECT, COMPONENT_SCALE = 150.0, 70.0, 2.2, 0.75
DATE_TYPES = (m.DATE, m.G_YEAR_MONTH, m.G_YEAR)
# literal predicates whose value names the relation they share evidence with
LABEL_PREDICATES = (m.JOB_TITLE, m.TITLE, m.EVENT_TYPE)
# date literals that date their subject as an event (a launch, an agreement event)
START_PREDICATES = (m.START_DATE,)
PREDICATE_NAMES = {m.OFFICEHOLDER_OF: "officeholder of", m.JOB_TITLE: "job title", m.SIGNED_DATE: "signed",
                   m.IN_FORCE_DATE: "in force", m.END_DATE: "ended", m.PARTY: "party",
                   m.LAUNCHED_BY: "launched by", m.START_DATE: "date", m.QUANTITY: "quantity",
                   m.WEAPON: "weapon", m.LOCATION: "location", m.HAS_EVENT: "event", m.EVENT_TYPE: "event type",
                   m.PARTICIPANT: "participant", m.HOLDS_OFFICE: "holds office", m.TITLE: "title",
                   m.OFFICE_OF: "office of", m.PERIOD_END: "ended", m.FORMER: "former",
                   "earliest": "earliest", "latest": "latest"}
# qualified nodes shown in their owner's details (an agreement's events) or as a labelled
# edge (an office holding is the officeholderOf edge), not drawn as nodes of their own
HIDDEN_CLASSES = (m.AGREEMENT_EVENT, m.OFFICE_HOLDING)


def predicate_name(p: str) -> str:
    return PREDICATE_NAMES.get(p, p)


def node_dates(kg: KnowledgeGraph) -> dict[str, str]:
    """The start date of each event node (a launch, an agreement event): its earliest
    start-date literal, else the date in a launch key."""
    dates: dict[str, str] = {}
    for key in kg.nodes:
        parsed = m.parse_launch_key(key)
        if parsed and parsed[1][:1].isdigit():
            dates[key] = parsed[1]
    for f in kg.facts:
        if f.datatype in DATE_TYPES and f.predicate in START_PREDICATES:
            if f.subject not in dates or f.obj < dates[f.subject]:
                dates[f.subject] = f.obj
    return dates


def date_texts(kg: KnowledgeGraph) -> dict[str, str]:
    """What a node shows of its dates: "2022-06-05", "signed 2016-11; ended 2019"."""
    found: dict[str, dict[str, list[str]]] = {}
    for f in kg.facts:
        if f.datatype in DATE_TYPES:
            values = found.setdefault(f.subject, {}).setdefault(f.predicate, [])
            if f.obj not in values:
                values.append(f.obj)
    out = {}
    for key, by_pred in found.items():
        parts = [("" if p in START_PREDICATES else predicate_name(p) + " ") + ", ".join(sorted(v))
                 for p, v in by_pred.items()]
        out[key] = "; ".join(sorted(parts, key=lambda t: t.split(" ")[-1]))
    return out


def fact_date(f: m.Fact, dates: dict[str, str]) -> str:
    if f.datatype in DATE_TYPES:
        return f.obj
    return dates.get(f.subject) or (dates.get(f.obj, "") if f.datatype is None else "")


def select_nodes(kg: KnowledgeGraph, max_nodes: int) -> list[str]:
    """The nodes to draw: all of them, or the ``max_nodes`` most connected ones
    (distinct neighbours, then mentions, then key), in key order."""
    nodes = sorted(kg.nodes)
    if max_nodes <= 0 or len(nodes) <= max_nodes:
        return nodes
    und = nx.Graph()
    und.add_nodes_from(nodes)
    und.add_edges_from((f.subject, f.obj) for f in kg.facts if f.datatype is None and f.subject != f.obj)
    ranked = sorted(nodes, key=lambda n: (-und.degree(n), -kg.nodes[n].mentions, n))
    keep = set(ranked[:max_nodes])
    return [n for n in nodes if n in keep]


def _components(keys: list[str], pairs: list[tuple[str, str]]) -> list[list[str]]:
    """Connected components of ``keys`` linked by ``pairs``, largest first."""
    parent = {k: k for k in keys}

    def root(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for s, o in pairs:
        if s in parent and o in parent:
            parent[root(s)] = root(o)
    groups: dict[str, list[str]] = {}
    for k in keys:
        groups.setdefault(root(k), []).append(k)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _packed(keys: list[str], pairs: list[tuple[str, str]], aspect: float = ASPECT) -> dict[str, tuple]:
    """Each component laid out on its own (``graph.layout``), then the components
    packed in rows, largest first, into a block about ``aspect`` times as wide as
    high: news graphs are mostly small components, which a single force layout
    scatters across the window."""
    boxes = []
    for comp in _components(keys, pairs):
        index = {k: i for i, k in enumerate(comp)}
        pos = layout(len(comp), [(index[s], index[o]) for s, o in pairs if s in index and o in index])
        pos = pos * COMPONENT_SCALE
        pos -= pos.min(axis=0)
        w, h = pos.max(axis=0)
        wide = 1.5 if len(comp) == 1 else 1.0  # a lone node's label (and date) is all it has room for
        boxes.append((comp, pos, float(w) + LABEL_W * wide, float(h) + LABEL_H))
    area = sum(w * h for _, _, w, h in boxes)
    row_w = max(max((w for _, _, w, _ in boxes), default=0.0), (area * aspect) ** 0.5)
    out, x, y, row_h = {}, 0.0, 0.0, 0.0
    for comp, pos, w, h in boxes:
        if x > 0 and x + w > row_w:
            x, y, row_h = 0.0, y + row_h, 0.0
        for i, k in enumerate(comp):
            out[k] = (round(x + float(pos[i, 0]), 1), round(y + float(pos[i, 1]), 1))
        x, row_h = x + w, max(row_h, h)
    return out


def _positions(keys: list[str], in_facts: set[str], pairs: list[tuple[str, str]]) -> dict[str, tuple]:
    """Entities in facts packed by component; the others (shown by the "every
    mentioned entity" toggle) in a block below them."""
    core = [k for k in keys if k in in_facts]
    rest = [k for k in keys if k not in in_facts]
    out = _packed(core, pairs)
    if rest:
        top = max((p[1] for p in out.values()), default=0.0) + 2 * LABEL_H
        row_w = max((p[0] for p in out.values()), default=0.0) + LABEL_W
        cols = max(1, int(row_w // LABEL_W), int((len(rest) * ASPECT) ** 0.5))
        for i, k in enumerate(rest):
            out[k] = (round((i % cols) * LABEL_W, 1), round(top + (i // cols) * LABEL_H, 1))
    return out


def _nodes(kg: KnowledgeGraph, drawn: set[str], in_facts: set[str], pos: dict,
           doc_index: dict[str, int]) -> list[dict]:
    dates, out = date_texts(kg), []
    events = agreement_events(kg)[0]
    for key, n in kg.nodes.items():
        res = {}
        for r in n.resolutions:
            if r.surface != n.label:
                res.setdefault((r.surface, r.rule), set()).update(r.documents)
        x, y = pos.get(key, (0.0, 0.0))
        out.append({"key": key, "label": n.label, "cls": n.cls, "mentions": n.mentions,
                    "docs": sorted(doc_index[d] for d in n.documents if d in doc_index),
                    "aliases": sorted(n.aliases - {n.label}),
                    "res": [[s, rule, sorted(doc_index[d] for d in ds if d in doc_index)]
                            for (s, rule), ds in sorted(res.items())],
                    "date": dates.get(key, ""), "facts": key in in_facts, "drawn": key in drawn, "x": x, "y": y,
                    "part": n.cls in HIDDEN_CLASSES,
                    "events": [[e["date"], e["type"], e["place"], list(e["participants"])]
                               for e in events.get(key, [])]})
    return out


def _facts(kg: KnowledgeGraph, node_index: dict[str, int], doc_index: dict[str, int], dates: dict) -> list[dict]:
    return [{"s": node_index[f.subject], "p": f.predicate,
             "o": node_index.get(f.obj) if f.datatype is None else None,
             "v": f.obj if f.datatype is not None else None, "t": f.datatype,
             "d": fact_date(f, dates), "c": round(float(f.confidence), 2),
             "doc": doc_index.get(f.evidence.doc_id, -1), "a": f.evidence.start, "b": f.evidence.end,
             "e": f.evidence.sentence, "x": f.extractor}
            for f in kg.facts]


def _edges(kg: KnowledgeGraph, node_index: dict[str, int], drawn: set[str], dates: dict) -> list[dict]:
    """One edge per (subject, predicate, object) between drawn nodes, labelled with what
    the fact is: the qualifying literals (title, event type) sharing its evidence, and its date."""
    qualifiers: dict[tuple, list[str]] = {}
    for f in kg.facts:
        if f.datatype is not None and f.predicate in LABEL_PREDICATES:
            qualifiers.setdefault((f.subject, f.evidence), []).append(f.obj)
    edges: dict[tuple, dict] = {}
    for i, f in enumerate(kg.facts):
        if f.datatype is not None or f.subject not in drawn or f.obj not in drawn:
            continue
        e = edges.setdefault((f.subject, f.predicate, f.obj), {
            "from": node_index[f.subject], "to": node_index[f.obj], "p": f.predicate, "names": [],
            "c": 0.0, "f": [], "d": fact_date(f, dates)})
        e["c"] = max(e["c"], round(float(f.confidence), 2))
        e["f"].append(i)
        for q in qualifiers.get((f.subject, f.evidence), ()):
            if q not in e["names"]:
                e["names"].append(q)
    out = []
    for e in edges.values():
        label = " / ".join(e.pop("names")) or predicate_name(e["p"])
        date = e.pop("d")
        e["label"] = f"{label} {date}" if date and date not in label else label
        out.append(e)
    return out


def page_data(kg: KnowledgeGraph, max_nodes: int) -> dict:
    """Documents, nodes, facts and drawn edges of the page (see the module's docstring)."""
    doc_index = {d.id: i for i, d in enumerate(kg.documents)}
    node_index = {k: i for i, k in enumerate(kg.nodes)}
    dates = node_dates(kg)
    in_facts = {f.subject for f in kg.facts} | {f.obj for f in kg.facts if f.datatype is None}
    keys = [k for k in select_nodes(kg, max_nodes) if kg.nodes[k].cls not in HIDDEN_CLASSES]
    drawn = set(keys)
    pairs = sorted({(f.subject, f.obj) for f in kg.facts if f.datatype is None})
    pos = _positions(keys, in_facts, pairs)
    return {
        "docs": [{"id": d.id, "title": d.title or d.id, "date": d.date or "", "text": d.text} for d in kg.documents],
        "nodes": _nodes(kg, drawn, in_facts, pos, doc_index),
        "facts": _facts(kg, node_index, doc_index, dates),
        "edges": _edges(kg, node_index, drawn, dates),
        "predicates": {p: predicate_name(p) for p in sorted({f.predicate for f in kg.facts})},
    }
