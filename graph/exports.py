"""Extra output formats for ``kg build --format``: N-Triples, JSON-LD and GraphML.

Every writer is atomic: it writes a temporary file in the target's folder and moves
it over the target with ``os.replace``, so a failed export never leaves a half file
(and never destroys the previous one).
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import IO

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from extract.errors import KgError
from graph import atomic
from graph.namespaces import PREFIX_MAP
from graph.rdf import CLASS_IRI

KGO = PREFIX_MAP["kgo"]
SCHEMA = PREFIX_MAP["schema"]

#: Classes whose instances are graph nodes (``class`` attribute = local name).
ENTITY_CLASSES = set(CLASS_IRI.values())


class ExportError(KgError):
    """An export can't be written."""


def atomic_write(path: str | Path, write: Callable[[IO[bytes]], None]) -> Path:
    """Call ``write(f)`` on a temp file beside ``path``, then move it onto ``path``."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{path}: can't write here ({exc.strerror})") from exc
    return atomic.write_stream(path, write)


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
    for edge in edges:
        u, v, attrs = edge[0], edge[1], edge[-1]
        clean = {k: _scalar(val) for k, val in attrs.items() if k != "id"}
        clean["relation"] = str(_first(attrs, "relation", "predicate", "label", "title", default=""))
        confidence = _first(attrs, "confidence", "weight")
        clean["confidence"] = float(confidence) if confidence is not None else None
        clean = {k: val for k, val in clean.items() if val is not None}
        if nxg.is_multigraph():
            out.add_edge(str(u), str(v), key=edge[2], **clean)
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
    """GraphML for Gephi/Cytoscape: node ``label``/``class``, edge ``relation``/``confidence``."""
    ready = graphml_ready(nxg)
    return atomic_write(path, lambda f: nx.write_graphml(ready, f, encoding="utf-8", prettyprint=True))


FORMATS = ("nt", "jsonld", "graphml")


def write(fmt: str, g: Graph, nxg: nx.Graph | None, path: str | Path) -> Path:
    """Write one export format (``nt``, ``jsonld`` or ``graphml``) of a build to ``path``."""
    if fmt == "nt":
        return write_ntriples(g, path)
    if fmt == "jsonld":
        return write_jsonld(g, path)
    if fmt == "graphml":
        return write_graphml(nxg if nxg is not None else graph_from_rdf(g), path)
    raise ExportError(f"unknown export format {fmt!r}: choose from {', '.join(FORMATS)}")


def _local(iri) -> str:
    iri = str(iri)
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def graph_from_rdf(g: Graph) -> nx.MultiDiGraph:
    """The entity graph of an RDF build, for GraphML when no NetworkX graph is at hand.

    Nodes are entities (``label``, ``class``, ``mentions``); an edge joins two entities
    for each relation triple (``relation`` = predicate local name, ``confidence`` = the
    best confidence of its statements). Literal facts (job titles, dates, quantities)
    become node attributes.
    """
    conf: dict[tuple, float] = {}
    for st in g.subjects(URIRef(KGO + "evidenceText"), None):
        key = (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
        value = g.value(st, URIRef(KGO + "confidence"))
        if value is not None:
            conf[key] = max(conf.get(key, 0.0), float(value.toPython()))
    nxg = nx.MultiDiGraph()
    nodes = {s for cls in ENTITY_CLASSES for s in g.subjects(RDF.type, cls)}
    for node in sorted(nodes):
        classes = sorted(_local(c) for c in g.objects(node, RDF.type) if c in ENTITY_CLASSES)
        mentions = g.value(node, URIRef(KGO + "mentionCount"))
        nxg.add_node(str(node), label=str(g.value(node, RDFS.label) or _local(node)),
                     **{"class": classes[0] if classes else ""},
                     **({"mentions": int(mentions.toPython())} if mentions is not None else {}))
    facts: dict[tuple, list[str]] = {}
    for s, p, o in sorted(conf):
        if s not in nodes or (s, p, o) not in g:
            continue
        if isinstance(o, URIRef) and o in nodes:
            nxg.add_edge(str(s), str(o), key=f"{_local(p)}", relation=_local(p),
                         confidence=conf[(s, p, o)])
        elif isinstance(o, Literal):
            facts.setdefault((str(s), _local(p)), []).append(str(o))
    for (node, name), values in facts.items():
        nxg.nodes[node][name] = "; ".join(sorted(set(values)))
    return nxg
