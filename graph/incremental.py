"""``kg build --store DIR``: parse only what changed, rebuild the graph from the records.

A document whose record in the store was made from the same document (text and
metadata), the same spaCy pipeline and the same extractor version is not parsed
again; every other one is, and its record replaces the old one. The graph is then
assembled from the records in input order, exactly as a build from scratch
assembles the results, so the files written are the same bytes. Documents in the
store but not in the input come after the input's (by id), unless ``sync`` drops them.
"""
from __future__ import annotations

import hashlib
import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from extract import EXTRACTOR_VERSION
from extract.model import Document, DocumentResult

from .store import GRAPH_LINK, Store, document_hash, has_records, model_version
from .workers import Prestarted

if TYPE_CHECKING:
    from .assemble import KnowledgeGraph

#: At most this many new documents go to the worker started before the input is read.
PRESTARTED_MAX = 64


@dataclass
class StoreSummary:
    parsed: int = 0
    reused: int = 0
    removed: int = 0
    kept: int = 0  # in the store, not in the input, kept (no --sync)
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        kept = f", kept {self.kept} not in the input" if self.kept else ""
        return f"parsed {self.parsed}, reused {self.reused}, removed {self.removed}{kept}"


class Session:
    """One build's use of an open store: ``results`` replaces ``extract_results`` and
    ``write_graph`` stores the assembled graph."""

    def __init__(self, store: Store, model: str, sync: bool = False, prestarted: Prestarted | None = None):
        from .store_graph import Digests, State

        self.store, self.sync, self.prestarted = store, sync, prestarted
        self.model = model_version(model)
        self.known = store.keys()
        self.summary = StoreSummary()
        self.order: list[str] = []
        self._note_changes()
        link = store.path / GRAPH_LINK
        self.linked = os.readlink(link) if os.path.islink(link) and link.is_dir() else None
        old = State.from_json(store.graph_state(self.linked)) if self.linked else None
        self.digests = Digests(old)  # watches the Turtle's blocks: what changed since the stored graph

    def _note_changes(self) -> None:
        if not self.known:
            return
        for what, key, now in (("spaCy pipeline", "model", self.model),
                               ("extractor version", "extractor", EXTRACTOR_VERSION)):
            before = self.store.get_meta(key)
            if before is not None and before != now:
                self.summary.notes.append(f"the {what} changed ({before} -> {now}): every document is parsed again")

    def is_current(self, doc: Document) -> bool:
        return self.known.get(doc.id) == (document_hash(doc), self.model, EXTRACTOR_VERSION)

    def _reused(self, doc: Document, progress) -> bool:
        """Note ``doc`` in the input order; True (counted) when its stored record is current."""
        self.order.append(doc.id)
        if not self.is_current(doc):
            return False
        self.summary.reused += 1
        if progress:
            progress(1)
        return True

    def results(self, documents: Iterator[Document], model: str, workers: int, report,
                progress: Callable[[int], None] | None = None, scheduler: str | None = None,
                max_length: int | None = None) -> Iterator[DocumentResult]:
        """The results of ``documents`` (reused or parsed) and of the documents kept, in order."""
        parsed: dict = {}
        reused: dict = {}
        if self.known and scheduler is None:  # an update: few documents are likely new
            parsed, reused = self._parse_prestarted(documents, model, workers, report, progress, max_length)
        else:
            self.close()
            self._parse_streamed(documents, model, workers, report, progress, scheduler, max_length)
        for doc_id in self.order:
            result = reused.get(doc_id) or parsed.get(doc_id) or self.store.load(doc_id)
            if result is not None:
                yield result

    def _save(self, results: Iterator[DocumentResult], parsed: dict[str, DocumentResult | None],
              keep: bool = True) -> None:
        """Store each result as it comes (committed at once: a killed build keeps it); ``parsed``
        gets it, or None when ``keep`` is false (it is read back from the store when needed)."""
        for result in results:
            self.store.save(result, self.model)
            parsed[result.document.id] = result if keep else None

    def _parse_streamed(self, documents, model, workers, report, progress, scheduler, max_length,
                        pending: list[Document] = ()) -> None:
        """Parse the new and changed documents as they are read (a new store, a cluster, or
        many new documents), ``pending`` ones (read already) first."""
        from .build import extract_results

        def fresh() -> Iterator[Document]:
            yield from pending
            for doc in documents:
                if not self._reused(doc, progress):
                    sent.add(doc.id)
                    yield doc

        sent: set[str] = {d.id for d in pending}
        stream = fresh()
        first = next(stream, None)
        parsed: dict[str, DocumentResult | None] = {}
        if first is not None:  # the pipeline is loaded only when something is to be parsed
            self._save(extract_results(itertools.chain([first], stream), model, workers, report, progress,
                                       scheduler, max_length), parsed, keep=False)
        self._finish(sent, parsed)

    def _parse_prestarted(self, documents, model, workers, report, progress, max_length):
        """The worker started early gets the new documents while the input and the reused
        records are read here. Past PRESTARTED_MAX new documents it is stopped and they all
        go to ``workers`` processes as they are read (records read back one at a time)."""
        from extract.nlp import BATCH_SIZE

        from .build import extract_results

        early = self.prestarted or Prestarted(model, max_length, halves=workers > 1)
        self.prestarted = None
        reused: dict[str, DocumentResult] = {}
        fresh: list[Document] = []
        documents = iter(documents)
        try:
            for doc in documents:
                if self._reused(doc, progress):
                    reused[doc.id] = self.store.load(doc.id)
                    continue
                fresh.append(doc)
                if len(fresh) > PRESTARTED_MAX:  # many: as for a new store
                    early.close()
                    self._parse_streamed(documents, model, workers, report, progress, None, max_length, fresh)
                    return {}, {}
                if len(fresh) % BATCH_SIZE == 0:
                    early.submit(fresh[-BATCH_SIZE:])
        except BaseException:
            early.close()
            raise
        if len(fresh) % BATCH_SIZE:
            early.submit(fresh[-(len(fresh) % BATCH_SIZE):])
        parsed: dict[str, DocumentResult | None] = {}
        if fresh:
            self._save(extract_results(iter(fresh), model, workers, report, progress, started=early), parsed)
        else:
            early.close()
        self._finish({d.id for d in fresh}, parsed)
        return parsed, reused

    def close(self) -> None:
        """Stop the worker started for this build if it was not used."""
        if self.prestarted is not None:
            self.prestarted.close()
            self.prestarted = None

    def _finish(self, sent: set[str], parsed: dict) -> None:
        self.summary.parsed = len(parsed)
        self._finish_records(sent - parsed.keys())

    def _finish_records(self, failed: set[str]) -> None:
        """Drop the stale records of documents that failed, and with ``sync`` those not
        in the input; the others not in the input are kept, after the input's."""
        current = set(self.order)
        failed = sorted(i for i in failed if i in self.known)
        absent = sorted(set(self.known) - current)
        gone = failed + (absent if self.sync else [])
        if gone:
            self.store.delete(gone)
        self.summary.removed = len(absent) if self.sync else 0
        if not self.sync:
            self.summary.kept = len(absent)
            self.order.extend(absent)
        with self.store.transaction():
            self.store.set_meta("model", self.model)
            self.store.set_meta("extractor", EXTRACTOR_VERSION)

    def write_graph(self, kg: KnowledgeGraph, base: str, min_confidence: float, aliases: str = "") -> None:
        """Store the assembled graph, unless the store already holds this very graph
        (``aliases``: the content of the user's --aliases file, which changes the merges)."""
        inputs = (base, min_confidence, _code_digest(), self._fingerprint(), aliases)
        key = hashlib.sha256(repr(inputs).encode()).hexdigest()[:16]
        name = f"graph-{key}"
        link = self.store.path / GRAPH_LINK
        if self.linked == name:
            return
        from .store_graph import store_graph

        _clean_graphs(self.store.path, keep=self.linked)
        tmp = self.store.path / f".{name}.tmp"
        state = store_graph(kg, base, tmp, self.digests, self.store.path / self.linked if self.linked else None)
        target = self.store.path / name
        if target.exists():
            shutil.rmtree(target)
        os.rename(tmp, target)
        self.store.set_graph_state(name, state.to_json())
        new_link = self.store.path / f".{GRAPH_LINK}.link.tmp"
        if os.path.lexists(new_link):
            os.unlink(new_link)
        os.symlink(name, new_link)
        os.replace(new_link, link)  # atomic: readers see the old graph or the new one
        self.store.forget_graph_states(keep=name)

    def _fingerprint(self) -> list:
        keys = self.store.keys()
        return [(i, keys[i]) for i in self.order if i in keys]


def _code_digest() -> str:
    """Digest of the code that turns records into the graph: a new version rewrites it."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _clean_graphs(folder: Path, keep: str | None) -> None:
    """Remove graphs no longer linked (a reader may still have the linked one open)."""
    for child in folder.iterdir():
        if child.name.startswith(("graph-", ".graph-")) and child.name != keep and child.is_dir():
            shutil.rmtree(child, ignore_errors=True)


def _text_of(path) -> str:
    """The content of the --aliases file, to key the store's graph ("" when none or unreadable:
    the build itself then reports the file)."""
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace") if path else ""
    except OSError:
        return ""


def prestart(store_dir: str | os.PathLike, model: str, workers: int) -> Prestarted | None:
    """A worker loading ``model`` at once, for a build into a store that holds records (an
    update: the few new documents need not wait for the pipeline); None for a new store or
    a model that is not installed (the build then says so). Called first thing, before the
    rest of the build is even imported; with ``workers`` > 1 it splits batches in two."""
    from extract import nlp as nlpmod
    from extract.errors import ModelError

    try:
        nlpmod.check_installed(model)
    except ModelError:
        return None
    return Prestarted(model, halves=workers > 1) if has_records(store_dir) else None


def build_into_store(paths: list[str], out_dir: str | os.PathLike, store_dir: str | os.PathLike, *,
                     sync: bool = False, prestarted: Prestarted | None = None, **options):
    """``graph.build.build`` with the store in ``store_dir``: only new and changed documents
    are parsed. The report's ``store`` says what was parsed, reused and removed.
    ``prestarted``: from :func:`prestart`, for the same model.
    Raises StoreError when the store is in use, of another version, or not a store."""
    from extract import nlp as nlpmod

    from .build import build

    model = options.pop("model", nlpmod.DEFAULT_MODEL)
    min_confidence = options.get("min_confidence", 0.0)
    aliases = _text_of(options.get("aliases"))
    try:
        with Store.open(store_dir) as store:
            session = Session(store, model, sync, prestarted)
            prestarted = None
            try:
                report = build(paths, out_dir, model=model, extract=session.results, on_block=session.digests,
                               on_graph=lambda kg, base: session.write_graph(kg, base, min_confidence, aliases),
                               **options)
            finally:
                session.close()
    finally:
        if prestarted is not None:  # the store could not be opened
            prestarted.close()
    report.store = session.summary
    return report
