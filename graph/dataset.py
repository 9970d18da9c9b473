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

from .assemble import KnowledgeGraph
from .rdf import OBJECT, PREDICATE, STATEMENT, SUBJECT, TYPE, Block, iter_blocks, prefixes

DATASET_FORMATS = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}
_DEFAULT = ox.DefaultGraph()


def block_quads(block: Block) -> Iterator[ox.Quad]:
    """A block's triples in the default graph and, when they are a document's own (its
    node, a statement it gives and the fact the statement states), in its named graph."""
    for t in block.triples:
        yield ox.Quad(t.subject, t.predicate, t.object, _DEFAULT)
    if block.doc is None:
        return
    first = block.triples[0]
    if first.predicate == TYPE and first.object == STATEMENT:
        parts = {t.predicate: t.object for t in block.triples}
        yield ox.Quad(parts[SUBJECT], parts[PREDICATE], parts[OBJECT], block.doc)  # the fact itself
    for t in block.triples:
        yield ox.Quad(t.subject, t.predicate, t.object, block.doc)


def iter_quads(kg: KnowledgeGraph, base: str, docs: set[str] | None = None) -> Iterator[ox.Quad]:
    """The merged graph in the default graph, and each document's statements in its named graph
    (``docs``: only the quads of these documents' blocks)."""
    for block in iter_blocks(kg, base, docs):
        yield from block_quads(block)


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
