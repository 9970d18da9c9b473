"""Check a graph against the project's SHACL shapes (``graph/shapes.ttl``).

``validate_graph`` runs pyshacl without inference (every shape lists its target
classes) on the core constraints, and the shapes' SHACL-SPARQL constraints in
pyoxigraph, once per graph: about a second for a few thousand triples. Each
violation becomes one readable line, ``<focus node> <path>: <message>``, with IRIs
shortened to the project's prefixes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from extract.errors import InputError, KgError
from graph.namespaces import PREFIX_MAP
from graph.rdf import to_rdflib

SHAPES_PATH = Path(__file__).with_name("shapes.ttl")
ONTOLOGY_PATH = Path(__file__).with_name("ontology.ttl")

# Prefixes used to shorten IRIs in messages (longest namespace first wins).
_PREFIXES = {**PREFIX_MAP, "id": "https://w3id.org/kgbuilder/id/"}


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The parsed SHACL shapes (cached: parsing once per process is enough)."""
    return Graph().parse(SHAPES_PATH, format="turtle")


def short(term) -> str:
    """An IRI as ``prefix:local`` when a project prefix fits, else ``<iri>``; literals quoted."""
    if term is None:
        return "-"
    if isinstance(term, URIRef):
        iri = str(term)
        for prefix, ns in sorted(_PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return f"<{iri}>"
    if isinstance(term, Literal):
        text = str(term)
        if len(text) > 60:
            text = text[:57] + "..."
        suffix = f"^^{short(term.datatype)}" if term.datatype else ""
        return f'"{text}"{suffix}'
    return str(term)  # blank node or path expression


def _path(results: Graph, node) -> str:
    path = results.value(node, SH.resultPath)
    if path is None:
        return "-"
    if isinstance(path, URIRef):
        return short(path)
    inverse = results.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + short(inverse)
    return "(path)"


def _line(focus, path: str, message, value, severity) -> str:
    line = f"{short(focus)} {path}: {message}"
    if value is not None and str(value) not in str(message):
        line += f" (value {short(value)})"
    if severity is not None and severity != SH.Violation:
        line = f"[{str(severity).rsplit('#', 1)[-1]}] {line}"
    return line


def _messages(results: Graph) -> list[str]:
    lines = []
    for node in results.subjects(RDF.type, SH.ValidationResult):
        message = results.value(node, SH.resultMessage)
        if message is None:
            message = f"violates {short(results.value(node, SH.sourceConstraintComponent))}"
        lines.append(_line(results.value(node, SH.focusNode), _path(results, node), message,
                           results.value(node, SH.value), results.value(node, SH.resultSeverity)))
    return lines


# --- SHACL-SPARQL constraints, evaluated once per graph with pyoxigraph -------------
#
# pyshacl runs a SPARQL constraint once per focus node in rdflib's engine: seconds
# for a few thousand triples. SHACL defines the result as the solutions of the query
# with $this pre-bound to each focus node, which (for queries that only use $this as
# a graph-pattern variable, as ours do) equals one evaluation with $this free, kept
# for the rows whose $this is a focus node. The shapes file stays standard SHACL:
# `pyshacl -s graph/shapes.ttl GRAPH` reports the same violations, only slower.

@dataclass(frozen=True)
class _SparqlConstraint:
    shape: object
    select: str
    message: str | None
    severity: object
    target_classes: tuple
    target_subjects_of: tuple


def _prefix_lines(shapes: Graph, constraint) -> str:
    lines = []
    for source in shapes.objects(constraint, SH.prefixes):
        for decl in shapes.objects(source, SH.declare):
            prefix = shapes.value(decl, SH.prefix)
            namespace = shapes.value(decl, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>\n")
    return "".join(lines)


@lru_cache(maxsize=1)
def _split_shapes() -> tuple[Graph, tuple[_SparqlConstraint, ...]]:
    """The shapes without their SPARQL constraints (for pyshacl), and those constraints."""
    shapes = shapes_graph()
    core = Graph()
    for triple in shapes:
        core.add(triple)
    constraints = []
    for shape, _, constraint in shapes.triples((None, SH.sparql, None)):
        core.remove((shape, SH.sparql, constraint))
        if (shape, SH.deactivated, Literal(True)) in shapes:
            continue
        select = _prefix_lines(shapes, constraint) + str(shapes.value(constraint, SH.select))
        select = re.sub(r"\$this\b", "?this", select)
        message = shapes.value(constraint, SH.message) or shapes.value(shape, SH.message)
        severity = shapes.value(shape, SH.severity) or SH.Violation
        constraints.append(_SparqlConstraint(
            shape, select, str(message) if message is not None else None, severity,
            tuple(shapes.objects(shape, SH.targetClass)),
            tuple(shapes.objects(shape, SH.targetSubjectsOf))))
    return core, tuple(constraints)


def _to_rdflib(term):
    return None if term is None else to_rdflib(term)


def _focus_nodes(g: Graph, c: _SparqlConstraint) -> set:
    nodes = set()
    for cls in c.target_classes:
        nodes.update(g.subjects(RDF.type, cls))
        for sub in g.transitive_subjects(RDFS.subClassOf, cls):
            nodes.update(g.subjects(RDF.type, sub))
    for prop in c.target_subjects_of:
        nodes.update(g.subjects(prop, None))
    return nodes


def _sparql_results(g: Graph, constraints) -> list[tuple]:
    if not constraints:
        return []
    store = ox.Store()
    store.bulk_load(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    results = []
    for c in constraints:
        focus = _focus_nodes(g, c)
        if not focus:
            continue
        try:
            solutions = store.query(c.select)
        except SyntaxError as exc:
            raise KgError(f"{SHAPES_PATH}: SPARQL constraint of {short(c.shape)} is invalid: {exc}") from exc
        for row in solutions:
            this = _to_rdflib(row["this"])
            if this not in focus:
                continue
            path, value = _to_rdflib(row["path"]), _to_rdflib(row["value"])
            message = c.message or f"violates the SPARQL constraint of {short(c.shape)}"
            for name in re.findall(r"\{[?$](\w+)\}", message):
                bound = _to_rdflib(row[name]) if name in {v.value for v in solutions.variables} else None
                message = message.replace(f"{{?{name}}}", short(bound)).replace(f"{{${name}}}", short(bound))
            results.append((this, short(path) if path is not None else "-", message, value, c.severity))
    return results


def validate_graph(g: Graph, *, pyshacl_only: bool = False) -> tuple[bool, list[str]]:
    """Validate ``g`` against the project's shapes.

    Returns ``(conforms, messages)``: one line per violation, sorted, ``[]`` when
    the graph conforms. Results of severity sh:Warning or sh:Info (none are defined
    today) would be listed, prefixed with their severity, without failing the graph.
    ``pyshacl_only=True`` runs every constraint in pyshacl (the reference; slow).
    """
    if pyshacl_only:
        core, constraints = shapes_graph(), ()
    else:
        core, constraints = _split_shapes()
    conforms, results, _text = pyshacl.validate(
        g,
        shacl_graph=core,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=False,
    )
    if not isinstance(results, Graph):  # pyshacl returns a ValidationFailure for broken shapes
        raise KgError(f"{SHAPES_PATH}: the shapes could not be run: {results}")
    extra = _sparql_results(g, constraints)
    lines = _messages(results) + [_line(*r) for r in extra]
    conforms = bool(conforms) and not any(r[4] == SH.Violation for r in extra)
    return conforms, sorted(set(lines))


def validate_file(path: str | Path) -> tuple[bool, list[str]]:
    """Parse an RDF file (format from its extension, Turtle by default) and validate it."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file (give the graph written by `kg build`, e.g. output/graph.ttl)")
    fmt = {".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".xml": "xml"}.get(
        path.suffix.lower(), "turtle")
    try:
        g = Graph().parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise InputError(f"{path}: not valid {fmt} RDF: {exc}") from exc
    return validate_graph(g)
