"""Check a graph against the project's SHACL shapes (``graph/shapes.ttl``).

``validate_graph`` runs pyshacl without inference: every shape lists its target
classes, so the check takes well under a second on a seed-sized graph. Each
violation becomes one readable line, ``<focus node> <path>: <message>``, with IRIs
shortened to the project's prefixes.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from extract.errors import InputError, KgError
from graph.query import PREFIX_MAP

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


def _messages(results: Graph) -> list[str]:
    lines = []
    for node in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(node, SH.resultSeverity)
        focus = short(results.value(node, SH.focusNode))
        path = _path(results, node)
        message = results.value(node, SH.resultMessage)
        if message is None:
            shape = results.value(node, SH.sourceConstraintComponent)
            message = f"violates {short(shape)}"
        value = results.value(node, SH.value)
        line = f"{focus} {path}: {message}"
        if value is not None and str(value) not in str(message):
            line += f" (value {short(value)})"
        if severity is not None and severity != SH.Violation:
            line = f"[{short(severity).split('#')[-1].removeprefix('<')}] {line}"
        lines.append(line)
    return sorted(set(lines))


def validate_graph(g: Graph) -> tuple[bool, list[str]]:
    """Validate ``g`` against the project's shapes.

    Returns ``(conforms, messages)``: one line per violation, sorted, ``[]`` when
    the graph conforms. Warnings (none are defined today) would not fail it.
    """
    conforms, results, _text = pyshacl.validate(
        g,
        shacl_graph=shapes_graph(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=False,
    )
    if not isinstance(results, Graph):  # pyshacl returns a ValidationFailure for broken shapes
        raise KgError(f"{SHAPES_PATH}: the shapes could not be run: {results}")
    return bool(conforms), _messages(results)


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
