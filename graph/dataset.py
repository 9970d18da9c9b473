"""The graph as an RDF dataset: the merged graph plus one named graph per document.

The default graph holds every triple of ``graph.ttl``. The named graph of a
document (its IRI is the document's, ``<base>doc/<id>``) holds that document's
own statements: its ``schema:NewsArticle`` node, each fact it gives
(``subject predicate object``) and the reified statement with the evidence.
Written as TriG or N-Quads (``kg build --format trig,nq``) and into the
Oxigraph store of ``kg build --store``.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Literal
from rdflib.namespace import PROV

from .assemble import KnowledgeGraph
from .iris import Minter
from .rdf import iter_triples, prefixes

DATASET_FORMATS = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}
_STATEMENT_PARTS = (RDF.subject, RDF.predicate, RDF.object)


class _Terms:
    """rdflib terms to pyoxigraph terms (IRIs cached: they recur)."""

    def __init__(self) -> None:
        self.cache: dict = {}

    def __call__(self, t):
        if isinstance(t, Literal):
            if t.language:
                return ox.Literal(str(t), language=t.language)
            if t.datatype is not None:
                return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
            return ox.Literal(str(t))
        found = self.cache.get(t)
        if found is None:
            found = self.cache[t] = ox.NamedNode(str(t))
        return found


def iter_quads(kg: KnowledgeGraph, base: str) -> Iterator[ox.Quad]:
    """The merged graph in the default graph, then each document's statements in its named graph."""
    term = _Terms()
    default = ox.DefaultGraph()
    mint = Minter(base)
    docs = {mint.document(d.id) for d in kg.documents}
    pending: list[tuple] = []  # a statement's triples until its document is known
    graph = None
    subject = None
    for s, p, o in iter_triples(kg, base):
        q = term(s), term(p), term(o)
        yield ox.Quad(*q, default)
        if s != subject:
            subject, pending, graph = s, [], None
            if s in docs:
                graph = term(s)
        if graph is not None:
            yield ox.Quad(*q, graph)
        elif p == RDF.type and o == RDF.Statement or pending:
            pending.append((p, q))
            if p == PROV.wasDerivedFrom and o in docs:  # the statement's document: flush
                graph = term(o)
                yield from _statement_quads(pending, graph)
                pending = []


def _statement_quads(pending: list[tuple], graph) -> Iterator[ox.Quad]:
    parts = {p: q for p, q in pending}
    if all(p in parts for p in _STATEMENT_PARTS):
        yield ox.Quad(*(parts[p][2] for p in _STATEMENT_PARTS), graph)  # the fact itself
    for _, q in pending:
        yield ox.Quad(*q, graph)


def write_dataset(kg: KnowledgeGraph, base: str, fmt: str, path: str | os.PathLike) -> int:
    """Write the dataset as ``trig`` or ``nq`` to ``path``; return the number of quads."""
    count = 0

    def counted():
        nonlocal count
        for quad in iter_quads(kg, base):
            count += 1
            yield quad

    ox.serialize(counted(), str(path), format=DATASET_FORMATS[fmt],
                 prefixes=prefixes(base) if fmt == "trig" else None)
    return count


def write_store(kg: KnowledgeGraph, base: str, folder: Path) -> int:
    """A new Oxigraph store in ``folder`` (replaced if present) holding the dataset."""
    if folder.exists():
        shutil.rmtree(folder)
    store = ox.Store(str(folder))
    count = 0

    def counted():
        nonlocal count
        for quad in iter_quads(kg, base):
            count += 1
            yield quad

    store.bulk_extend(counted())
    store.flush()
    del store  # closes the database
    return count


def graph_folder(store_dir: str | os.PathLike) -> Path:
    """The Oxigraph store inside a ``kg build --store`` folder; raises StoreError if none."""
    from .store import GRAPH_LINK, META_FILE, StoreError

    folder = Path(store_dir)
    if not (folder / META_FILE).is_file():
        raise StoreError(f"{folder}: not a kg store (no {META_FILE}); make one with `kg build PATH --store {folder}`")
    link = folder / GRAPH_LINK
    if not link.is_dir():
        raise StoreError(f"{folder}: the store holds no graph yet; run `kg build PATH --store {folder}`")
    return link.resolve()


def open_store(store_dir: str | os.PathLike) -> ox.Store:
    """The graph of a ``kg build --store`` folder, opened read-only (a build may run meanwhile)."""
    from .store import StoreError

    folder = graph_folder(store_dir)
    try:
        return ox.Store.read_only(str(folder))
    except OSError as exc:
        raise StoreError(f"{store_dir}: can't open the store's graph: {exc}") from None
