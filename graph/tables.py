"""Plain tables of a built graph, read back from its RDF: ``entities`` and ``relations``.

``kg build --format csv,parquet`` writes ``entities.csv``/``relations.csv`` and
``entities.parquet``/``relations.parquet`` with pyarrow. One row per entity, one per
statement (an ``rdf:Statement`` with its evidence), so the row counts equal the
SPARQL counts of entities and of statements in ``graph.ttl``.

The same readings serve the Gephi exports (:mod:`graph.exports`): dates keep the
precision they were written with (``2005`` is a year), and :func:`date_interval` turns
one into the first and last day it covers.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from . import atomic
from .dates import date_interval
from .query import PREFIX_MAP

KGO = PREFIX_MAP["kgo"]
SCHEMA = PREFIX_MAP["schema"]

#: Classes whose instances are entities (``class`` column = local name).
ENTITY_CLASSES = {
    URIRef(SCHEMA + c) for c in
    ("Person", "Country", "City", "Place", "Organization", "GovernmentOrganization")
} | {URIRef(KGO + "Agreement"), URIRef(KGO + "MissileLaunch")}

#: Date-valued predicates that place an entity (a launch, an agreement) in time.
DATE_PREDICATES = (URIRef(SCHEMA + "startDate"), URIRef(KGO + "signedDate"),
                   URIRef(KGO + "inForceDate"), URIRef(KGO + "endDate"))

#: How precise a date literal is, by datatype.
PRECISION = {XSD.date: "day", XSD.gYearMonth: "month", XSD.gYear: "year", XSD.gMonthDay: "day of year"}

ENTITY_COLUMNS = ("id", "label", "class", "aliases", "mentions", "documents")
RELATION_COLUMNS = ("statement", "source", "source_label", "relation", "target", "target_label",
                    "value", "datatype", "date", "date_precision", "confidence", "extractor",
                    "document", "document_title", "document_date", "evidence", "char_start", "char_end")
TABLE_FORMATS = ("csv", "parquet")


def local_name(iri) -> str:
    iri = str(iri)
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def entity_dates(g: Graph, node) -> dict | None:
    """When an event entity happened: ``{date, date_precision, start, end}``, or None.

    ``date`` is its earliest date as written (``2005``, ``2016-11``), ``start``/``end``
    the earliest first day and latest last day of all its dates (start, signed, in
    force, end), so an agreement signed in 2016 and ended in 2019 spans both.
    """
    found = []
    for p in DATE_PREDICATES:
        for o in g.objects(node, p):
            span = date_interval(str(o), o.datatype) if isinstance(o, Literal) else None
            if span is not None:
                found.append((span, str(o), PRECISION[o.datatype]))
    if not found:
        return None
    first = min(found)
    return {"date": first[1], "date_precision": first[2],
            "start": min(s for (s, _), *_ in found), "end": max(e for (_, e), *_ in found)}


def entity_nodes(g: Graph) -> list[URIRef]:
    """Every entity IRI of the graph, sorted."""
    return sorted({s for cls in ENTITY_CLASSES for s in g.subjects(RDF.type, cls)})


def entity_class(g: Graph, node) -> str:
    classes = sorted(local_name(c) for c in g.objects(node, RDF.type) if c in ENTITY_CLASSES)
    return classes[0] if classes else ""


def _documents(g: Graph) -> dict:
    """``{document IRI: (identifier, title, date)}``."""
    docs = {}
    for d in g.subjects(RDF.type, URIRef(SCHEMA + "NewsArticle")):
        ident, title, date = (g.value(d, p) for p in (DCTERMS.identifier, DCTERMS.title, DCTERMS.date))
        docs[d] = (str(ident) if ident is not None else local_name(d),
                   str(title) if title is not None else None, str(date) if date is not None else None)
    return docs


def entity_rows(g: Graph) -> list[dict]:
    """One row per entity: id (IRI), label, class, aliases, mentions, documents (identifiers)."""
    docs = _documents(g)
    mentioned: dict = {}
    for d, e in g.subject_objects(URIRef(SCHEMA + "mentions")):
        if d in docs:
            mentioned.setdefault(e, set()).add(docs[d][0])
    rows = []
    for node in entity_nodes(g):
        count = g.value(node, URIRef(KGO + "mentionCount"))
        rows.append({
            "id": str(node), "label": str(g.value(node, RDFS.label) or local_name(node)),
            "class": entity_class(g, node),
            "aliases": sorted(str(a) for a in g.objects(node, SKOS.altLabel)),
            "mentions": int(count.toPython()) if count is not None else 0,
            "documents": sorted(mentioned.get(node, ())),
        })
    return rows


def relation_rows(g: Graph) -> list[dict]:
    """One row per statement: the triple, its date, confidence, extractor and evidence.

    ``date`` is the date the fact is about: the value itself for a date-valued fact,
    else the date of the launch or agreement it belongs to (None when there is none;
    ``document_date`` is when the evidence was published).
    """
    docs = _documents(g)
    labels = {n: str(g.value(n, RDFS.label) or local_name(n)) for n in entity_nodes(g)}
    dates = {n: entity_dates(g, n) for n in labels}
    rows = []
    for st in sorted(g.subjects(RDF.type, RDF.Statement)):
        s, p, o = (g.value(st, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        value = {k: g.value(st, URIRef(KGO + k)) for k in
                 ("confidence", "extractor", "evidenceText", "charStart", "charEnd")}
        doc = docs.get(g.value(st, PROV.wasDerivedFrom), (None, None, None))
        date = precision = None
        if isinstance(o, Literal) and date_interval(str(o), o.datatype) is not None:
            date, precision = str(o), PRECISION[o.datatype]
        else:
            event = dates.get(s) or (dates.get(o) if isinstance(o, URIRef) else None)
            if event:
                date, precision = event["date"], event["date_precision"]
        rows.append({
            "statement": str(st), "source": str(s), "source_label": labels.get(s),
            "relation": local_name(p),
            "target": str(o) if isinstance(o, URIRef) else None,
            "target_label": labels.get(o) if isinstance(o, URIRef) else None,
            "value": str(o) if isinstance(o, Literal) else None,
            "datatype": (local_name(o.datatype) if o.datatype else "string") if isinstance(o, Literal) else None,
            "date": date, "date_precision": precision,
            "confidence": float(value["confidence"].toPython()) if value["confidence"] is not None else None,
            "extractor": str(value["extractor"]) if value["extractor"] is not None else None,
            "document": doc[0], "document_title": doc[1], "document_date": doc[2],
            "evidence": str(value["evidenceText"]) if value["evidenceText"] is not None else None,
            "char_start": int(value["charStart"].toPython()) if value["charStart"] is not None else None,
            "char_end": int(value["charEnd"].toPython()) if value["charEnd"] is not None else None,
        })
    return rows


def _arrow_table(rows: list[dict], columns: Iterable[str], types: dict, flat: bool):
    import pyarrow as pa

    fields = []
    for name in columns:
        kind = types.get(name, pa.string())
        if flat and pa.types.is_list(kind):  # CSV has no lists: "a; b"
            kind = pa.string()
        fields.append(pa.field(name, kind))
    schema = pa.schema(fields)
    data = {}
    for f in schema:
        values = [r[f.name] for r in rows]
        if flat and pa.types.is_list(types.get(f.name, pa.string())):
            values = ["; ".join(v) for v in values]
        data[f.name] = values
    return pa.table(data, schema=schema)


def tables(g: Graph, flat: bool = False) -> dict:
    """``{"entities": pyarrow.Table, "relations": pyarrow.Table}`` (``flat``: lists as "a; b")."""
    import pyarrow as pa

    entity_types = {"aliases": pa.list_(pa.string()), "mentions": pa.int64(),
                    "documents": pa.list_(pa.string())}
    relation_types = {"confidence": pa.float64(), "char_start": pa.int64(), "char_end": pa.int64()}
    return {"entities": _arrow_table(entity_rows(g), ENTITY_COLUMNS, entity_types, flat),
            "relations": _arrow_table(relation_rows(g), RELATION_COLUMNS, relation_types, flat)}


def _write(table, fmt: str, path: os.PathLike) -> None:
    if fmt == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(table, str(path))
    else:
        import pyarrow.csv as pacsv

        pacsv.write_csv(table, str(path))


def write_tables(g: Graph, fmt: str, folder: str | os.PathLike,
                 outputs: atomic.Outputs | None = None) -> list[Path]:
    """Write ``entities.FMT`` and ``relations.FMT`` (FMT ``csv`` or ``parquet``) into ``folder``.

    Both files are written to temporary names and moved into place together (through
    ``outputs`` when given, so a build moves them with its other files).
    """
    if fmt not in TABLE_FORMATS:
        raise ValueError(f"unknown table format {fmt!r}: use one of {', '.join(TABLE_FORMATS)}")
    if outputs is None:
        with atomic.Outputs() as own:
            return write_tables(g, fmt, folder, own)
    written = []
    for name, table in tables(g, flat=fmt == "csv").items():
        target = Path(folder) / f"{name}.{fmt}"
        _write(table, fmt, outputs.path(target))
        written.append(target)
    return written
