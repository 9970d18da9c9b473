"""The Oxigraph graph of ``kg build --store``, updated by difference.

A build describes the graph it stores by one 64-bit digest per unit: per entity (the
block of its triples, with its name resolutions) and per document (its node and
every statement it gives, which are also its named graph). The next build makes
the same digests while it writes the Turtle (:class:`Digests` watches the blocks
go by), and when few units changed, the new graph is a copy of the stored one
(hard links: cheap) with the changed units' quads removed and their new quads
added. Otherwise, or when the stored graph has no digests, the graph is written
whole. The stored graph itself is never modified, so a reader that has it open,
or a build that is killed, sees it as it was.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .assemble import KnowledgeGraph
from .dataset import block_quads, iter_quads, write_store
from .iris import Minter
from .rdf import STATEMENT, TYPE, Block, iter_blocks

STATE_FORMAT = 1
#: When more than this share of the units changed, writing the graph whole is faster.
MAX_CHANGED_SHARE = 0.3
_DEFAULT = ox.DefaultGraph()


def _digest(block: Block) -> int:
    """64-bit digest of a block's triples (pyoxigraph hashes the terms; see :func:`_scheme`)."""
    return hash(tuple(block.triples))


def _scheme() -> int:
    """The digest of a fixed triple: a state whose digests were made another way (another
    pyoxigraph or Python) is not compared with, and the graph is written whole."""
    probe = ox.Triple(ox.NamedNode("urn:x-kgbuilder:s"), ox.NamedNode("urn:x-kgbuilder:p"), ox.Literal("o"))
    return hash((probe,))


@dataclass
class State:
    """Digest (and, for an entity, the subjects of its resolutions) of every unit."""

    entities: dict[str, list] = field(default_factory=dict)  # IRI -> [digest, [other subjects]]
    documents: dict[str, int] = field(default_factory=dict)  # IRI -> digest

    def to_json(self) -> str:
        return json.dumps({"format": STATE_FORMAT, "scheme": _scheme(), "entities": self.entities,
                           "documents": self.documents}, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | None) -> State | None:
        """The state written by :meth:`to_json`; None when missing or of another format."""
        try:
            data = json.loads(text) if text else None
        except ValueError:
            return None
        if not isinstance(data, dict) or data.get("format") != STATE_FORMAT or data.get("scheme") != _scheme():
            return None
        return cls(data["entities"], data["documents"])


class Digests:
    """Called with each block of the graph (``to_turtle``'s ``on_block``): the new
    :class:`State`, and the entity blocks that differ from ``old`` (kept to be stored).
    ``whole`` turns true when the graph is better written whole: too many blocks changed
    to keep them, or an entity's triples came in two blocks."""

    def __init__(self, old: State | None):
        self.old = old
        self.state = State()
        self.changed: list[Block] = []
        self.seen = False
        self.whole = old is None
        self._limit = MAX_CHANGED_SHARE * (len(old.entities) + len(old.documents)) if old else 0

    def __call__(self, block: Block) -> None:
        self.seen = True
        unit = block.unit.value
        digest = _digest(block)
        if block.doc is not None:  # a document's node or one of its statements, in order
            documents = self.state.documents
            documents[unit] = hash((documents.get(unit, 0), digest))
            return
        if unit in self.state.entities:  # one IRI, two blocks: can't be compared block by block
            self.whole, self.changed = True, []
        others = sorted({t.subject.value for t in block.triples} - {unit})
        self.state.entities[unit] = [digest, others]
        if not self.whole and self.old.entities.get(unit, [None])[0] != digest:
            self.changed.append(block)
            if len(self.changed) > self._limit:
                self.whole, self.changed = True, []

    def finish(self, kg: KnowledgeGraph, base: str) -> State:
        """The new state (the blocks are made here if no Turtle was written)."""
        if not self.seen:
            for block in iter_blocks(kg, base):
                self(block)
        return self.state


def store_graph(kg: KnowledgeGraph, base: str, target: Path, digests: Digests,
                previous: Path | None) -> State:
    """Write the graph into the new Oxigraph store ``target``: a changed copy of the store
    ``previous`` when its state (``digests.old``) is known and few units changed, else
    whole. Returns the state of the new store."""
    new = digests.finish(kg, base)
    if previous is None or digests.whole or not _update(kg, base, target, previous, digests.old, new,
                                                        digests.changed):
        write_store(kg, base, target)
    return new


def _update(kg: KnowledgeGraph, base: str, target: Path, previous: Path, old: State, new: State,
            changed: list[Block]) -> bool:
    """Make ``target`` a copy of ``previous`` changed into the new graph; False (nothing
    written) when so many units changed that writing the whole graph is better."""
    entities = [u for u, (d, _) in old.entities.items() if new.entities.get(u, [None])[0] != d]
    documents = {u for u, d in new.documents.items() if old.documents.get(u) != d}
    gone_documents = [u for u in old.documents if u not in new.documents]
    touched = set(entities) | {b.unit.value for b in changed} | documents | set(gone_documents)
    if len(touched) > MAX_CHANGED_SHARE * (len(new.entities) + len(new.documents)):
        return False
    ox.Store.read_only(str(previous)).backup(str(target))
    store = ox.Store(str(target))
    subjects = [s for u in entities for s in (u, *old.entities[u][1])]
    for unit in sorted(documents & old.documents.keys()) + gone_documents:
        graph = ox.NamedNode(unit)
        subjects.append(unit)
        subjects.extend(q.subject.value for q in store.quads_for_pattern(None, TYPE, STATEMENT, graph))
        store.remove_graph(graph)
    for s in subjects:
        for quad in list(store.quads_for_pattern(ox.NamedNode(s), None, None, _DEFAULT)):
            store.remove(quad)
    mint = Minter(base)
    ids = {str(mint.document(d.id)): d.id for d in kg.documents}
    quads = [q for block in changed for q in block_quads(block)]
    quads.extend(iter_quads(kg, base, {ids[u] for u in documents}))
    store.extend(quads)
    store.flush()
    del store  # closes the database
    return True
