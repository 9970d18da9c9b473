"""Extra output formats for ``kg build --format``: N-Triples, JSON-LD, GraphML, GEXF and tables.

Every writer is atomic (:mod:`graph.atomic`): it writes a temporary file in the
target's folder and moves it over the target with ``os.replace``, so a failed export
never leaves a half file (and never destroys the previous one).

The graph exports (GraphML for Gephi, Cytoscape, igraph and NetworkX; GEXF for
Gephi's timeline) hold the entity graph read back from the RDF: one node per entity,
one edge per relation triple between two entities, with unique edge ids.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import IO

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from extract.errors import KgError
from graph import atomic, tables
from graph.namespaces import PREFIX_MAP
from graph.nxgraph import EDGE_LABELS
from graph.tables import ENTITY_CLASSES, entity_dates, local_name  # noqa: F401 (ENTITY_CLASSES: API)

KGO = PREFIX_MAP["kgo"]
SCHEMA = PREFIX_MAP["schema"]

class ExportError(KgError):
    """An export can't be written."""


def atomic_write(path: str | Path, write: Callable[[IO[bytes]], None]) -> Path:
    """Call ``write(f)`` on a temp file beside ``path``, then move it onto ``path``."""
    path = Path(path)
    try:
        with atomic.atomic_path(path) as tmp, open(tmp, "wb") as f:
            write(f)
    except OSError as exc:
        raise ExportError(f"{exc.filename or path}: can't write here ({exc.strerror or exc})") from exc
    return path


def write_ntriples(g: Graph, path: str | Path) -> Path:
    """N-Triples (UTF-8), one triple per line, lines sorted so builds diff cleanly."""
    data = g.serialize(format="nt", encoding="utf-8")
    lines = sorted(line for line in data.splitlines() if line.strip())
    return atomic_write(path, lambda f: f.write(b"\n".join(lines) + (b"\n" if lines else b"")))


def jsonld_context() -> dict[str, str]:
    """The JSON-LD ``@context``: the project prefixes, so keys read ``schema:jobTitle``."""
    return dict(PREFIX_MAP)


def write_jsonld(g: Graph, path: str | Path) -> Path:
    """JSON-LD with an inline ``@context`` of the project prefixes."""
    data = g.serialize(format="json-ld", context=jsonld_context(), indent=2, encoding="utf-8")
    return atomic_write(path, lambda f: f.write(data))


def _scalar(value):
    """A GraphML-safe value: str, int, float or bool (None stays None)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        if any(isinstance(v, (dict, list, tuple)) for v in value):  # records: keep them whole
            return json.dumps(list(value), ensure_ascii=False, sort_keys=True, default=str)
        items = [str(v) for v in value]
        return "; ".join(items if isinstance(value, (list, tuple)) else sorted(items))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _flatten(attrs: dict) -> dict:
    """Attributes with nested dicts (``attributes={"jobTitle": [...]}``) lifted to the top."""
    out = {}
    for key, value in attrs.items():
        if isinstance(value, dict) and key in ("attributes", "attrs", "facts"):
            for inner, inner_value in value.items():
                if inner not in attrs:
                    out[inner] = inner_value
        else:
            out[key] = value
    return out


def _unify(values: list) -> type:
    """One GraphML type per attribute: bool, int, float, else str."""
    kinds = {type(v) for v in values}
    for candidate in (bool, int):
        if kinds == {candidate}:
            return candidate
    if kinds <= {int, float}:
        return float
    return str


def _first(attrs: dict, *names: str, default=None):
    for name in names:
        if attrs.get(name) not in (None, ""):
            return attrs[name]
    return default


def graphml_ready(nxg: nx.Graph) -> nx.Graph:
    """A copy of ``nxg`` whose attributes GraphML can store.

    Nodes get ``label`` and ``class``; edges ``relation`` and ``confidence`` (float),
    taken from the usual attribute names when the builder used others (``cls``,
    ``type``, ``predicate``, ``title`` ...). Other attributes are kept, as scalars.
    Edges of a multigraph get unique keys ``e0``, ``e1`` ... (GraphML's edge ids: Gephi
    drops an edge whose id it has already seen).
    """
    out = nxg.__class__()
    out.graph.update({k: _scalar(v) for k, v in nxg.graph.items() if _scalar(v) is not None})
    for node, attrs in nxg.nodes(data=True):
        clean = {k: _scalar(v) for k, v in _flatten(attrs).items() if k != "id"}
        clean["label"] = str(_first(attrs, "label", "name", "title", default=node))
        clean["class"] = str(_first(attrs, "class", "cls", "type", "group", default=""))
        if "class" not in attrs and clean.get("cls") == clean["class"]:
            del clean["cls"]  # renamed, not duplicated
        out.add_node(str(node), **{k: v for k, v in clean.items() if v is not None})
    edges = nxg.edges(keys=True, data=True) if nxg.is_multigraph() else nxg.edges(data=True)
    for number, edge in enumerate(edges):
        u, v, attrs = edge[0], edge[1], edge[-1]
        clean = {k: _scalar(val) for k, val in attrs.items() if k != "id"}
        key = edge[2] if nxg.is_multigraph() else None
        clean["relation"] = str(_first(attrs, "relation", "predicate", "label", "title",
                                       default=key if isinstance(key, str) else ""))
        confidence = _first(attrs, "confidence", "weight")
        clean["confidence"] = float(confidence) if confidence is not None else None
        clean = {k: val for k, val in clean.items() if val is not None}
        if nxg.is_multigraph():
            out.add_edge(str(u), str(v), key=f"e{number}", **clean)
        else:
            out.add_edge(str(u), str(v), **clean)
    # GraphML declares one type per attribute key: make each key's values agree.
    for items in (list(out.nodes.values()), [d for *_, d in out.edges(data=True)]):
        keys = {k for d in items for k in d}
        for key in keys:
            kind = _unify([d[key] for d in items if key in d])
            for d in items:
                if key in d:
                    d[key] = kind(d[key])
    return out


def write_graphml(nxg: nx.Graph, path: str | Path) -> Path:
    """GraphML for Gephi/Cytoscape/igraph: typed keys, unique edge ids, node ``label``/``class``,
    edge ``relation``/``confidence``."""
    ready = graphml_ready(nxg)
    return atomic_write(path, lambda f: nx.write_graphml(ready, f, encoding="utf-8", prettyprint=True))


def write_gexf(nxg: nx.Graph, path: str | Path) -> Path:
    """GEXF 1.2 for Gephi, with time: elements with ``start``/``end`` (ISO dates) get that
    interval, so Gephi's timeline plays the graph; the others are there all the time."""
    ready = graphml_ready(nxg)
    pairs = [(u, v) for u, v, *_ in ready.edges]
    parallel = len(set(pairs)) < len(pairs)  # a simple graph when it can: no "networkx_key" column
    out = nx.MultiDiGraph() if parallel else nx.DiGraph()
    out.graph["mode"] = "dynamic" if any("start" in d for _, d in ready.nodes(data=True)) else "static"
    for node, attrs in ready.nodes(data=True):
        out.add_node(node, **attrs)
    edges = ready.edges(keys=True, data=True) if ready.is_multigraph() else ready.edges(data=True)
    for edge in edges:
        # networkx writes an edge's ``id`` attribute as its GEXF id
        attrs = {**edge[-1], "id": edge[2] if ready.is_multigraph() else f"e{len(out.edges)}"}
        if parallel:
            out.add_edge(edge[0], edge[1], key=edge[2], **attrs)
        else:
            out.add_edge(edge[0], edge[1], **attrs)
    return atomic_write(path, lambda f: nx.write_gexf(out, f, encoding="utf-8", prettyprint=True))


#: ``--format`` values of the single-file exports (``graph.FMT``).
GRAPH_FORMATS = ("nt", "jsonld", "graphml", "gexf")
#: Every ``--format`` value ``kg build`` accepts.
FORMATS = ("ttl", "html", *GRAPH_FORMATS, *tables.TABLE_FORMATS, "trig", "nq")


def check_formats(text: str) -> list[str]:
    """The formats of a ``--format`` value (``"ttl,html,csv"``), checked; raises ExportError."""
    wanted = list(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        shown = ", ".join(repr(b) for b in bad) or "none"
        raise ExportError(f"--format: unknown format {shown}; give a comma-separated list from "
                          f"{', '.join(FORMATS)} (e.g. --format ttl,html,graphml)")
    return wanted


def write(fmt: str, g: Graph, nxg: nx.Graph | None, path: str | Path) -> Path:
    """Write one single-file export (``nt``, ``jsonld``, ``graphml`` or ``gexf``) to ``path``.

    GraphML and GEXF hold the entity graph of ``g`` (:func:`graph_from_rdf`); without
    ``g`` they are written from ``nxg``.
    """
    if fmt == "nt":
        return write_ntriples(g, path)
    if fmt == "jsonld":
        return write_jsonld(g, path)
    if fmt in ("graphml", "gexf"):
        entity_graph = graph_from_rdf(g) if g is not None else nxg
        return (write_graphml if fmt == "graphml" else write_gexf)(entity_graph, path)
    raise ExportError(f"unknown export format {fmt!r}: choose from {', '.join(GRAPH_FORMATS)}")


def write_outputs(fmt: str, g: Graph, nxg: nx.Graph | None, folder: str | Path,
                  outputs: atomic.Outputs) -> list[Path]:
    """Write the files of one export format into ``folder`` through ``outputs``; return their paths.

    ``graph.FMT`` for the graph formats, ``entities.FMT`` and ``relations.FMT`` for tables.
    """
    if fmt in tables.TABLE_FORMATS:
        return tables.write_tables(g, fmt, folder, outputs)
    target = Path(folder) / f"graph.{fmt}"
    write(fmt, g, nxg, outputs.path(target))
    return [target]




def _int_or_text(values: list[Literal]):
    """One integer literal as an int (GraphML ``long``), anything else as "a; b" text."""
    if len(values) == 1 and values[0].datatype == XSD.integer:
        return int(values[0].toPython())
    return "; ".join(sorted({str(v) for v in values}))


def _support(g: Graph) -> dict[tuple, list]:
    """(subject, predicate, object) -> [(confidence, document)] of the statements supporting it."""
    support: dict[tuple, list] = {}
    for st in g.subjects(RDF.type, RDF.Statement):
        key = (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
        value = g.value(st, URIRef(KGO + "confidence"))
        support.setdefault(key, []).append(
            (float(value.toPython()) if value is not None else None, g.value(st, PROV.wasDerivedFrom)))
    return support


def graph_from_rdf(g: Graph) -> nx.MultiDiGraph:
    """The entity graph of an RDF build: what GraphML and GEXF hold.

    Nodes are entities, keyed by IRI: ``label``, ``class``, ``aliases``, ``mentions``,
    ``documents`` (how many mention it), ``title`` (a person's job titles); launches
    and agreements also ``date`` (as written, e.g. ``2005``), ``date_precision``
    (``year``) and ``start``/``end`` (first and last day their dates cover). Other
    literal facts (``weapon``, ``quantity``, ``signedDate`` ...) are node attributes too.

    An edge joins two entities for each relation triple: ``relation`` (predicate local
    name), ``label``, ``confidence`` (the best of its statements), ``evidence`` (how
    many statements support it), ``documents`` (how many documents), ``title`` (their
    titles); an edge to or from a dated launch or agreement has its ``date``,
    ``date_precision``, ``start`` and ``end``.
    """
    docs = {d: g.value(d, URIRef(PREFIX_MAP["dcterms"] + "title"))
            for d in g.subjects(RDF.type, URIRef(SCHEMA + "NewsArticle"))}
    support = _support(g)
    nxg = nx.MultiDiGraph()
    rows = {row["id"]: row for row in tables.entity_rows(g)}
    nodes = {URIRef(i) for i in rows}
    when = {}
    for node in sorted(nodes):
        row = rows[str(node)]
        attrs = {"label": row["label"], "class": row["class"], "mentions": row["mentions"],
                 "documents": len(row["documents"])}
        if row["aliases"]:
            attrs["aliases"] = "; ".join(row["aliases"])
        titles = sorted(str(t) for t in g.objects(node, URIRef(SCHEMA + "jobTitle")))
        if titles:
            attrs["title"] = "; ".join(titles)
        when[node] = entity_dates(g, node)
        if when[node]:
            attrs.update(when[node])
        nxg.add_node(str(node), **attrs)
    facts: dict[tuple, list[Literal]] = {}
    for s, p, o in sorted(support):
        if s not in nodes or (s, p, o) not in g:
            continue
        if isinstance(o, URIRef) and o in nodes:
            found = support[(s, p, o)]
            confidences = [c for c, _ in found if c is not None]
            titles = sorted({str(docs.get(d) or local_name(d)) for _, d in found if d is not None})
            attrs = {"relation": local_name(p), "label": EDGE_LABELS.get(local_name(p), local_name(p)),
                     "confidence": max(confidences) if confidences else None,
                     "evidence": len(found), "documents": len(titles), "title": "; ".join(titles)}
            event = when.get(s) or when.get(o)
            if event:
                attrs.update(event)
            nxg.add_edge(str(s), str(o), key=local_name(p), **{k: v for k, v in attrs.items() if v is not None})
        elif isinstance(o, Literal):
            facts.setdefault((str(s), local_name(p)), []).append(o)
    for (node, name), values in facts.items():
        if name == "jobTitle":
            continue  # as ``title``
        nxg.nodes[node][name] = _int_or_text(values)
    return nxg
