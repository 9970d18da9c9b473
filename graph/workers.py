"""Parsing workers: the spaCy pipeline and the rules, loaded once per process.

Nothing here imports spaCy until a worker is initialised, so a build can start a
worker (:class:`Prestarted`) before it has read its input or imported the rest.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
from typing import TYPE_CHECKING

from extract import nlp as nlpmod
from extract.errors import KgError
from extract.model import Document, DocumentResult

from .forked import Forked

if TYPE_CHECKING:
    from extract.pipeline import Extractor

_EXTRACTOR: Extractor | None = None
_MODELS: dict[str, object] = {}  # loaded pipelines: repeated builds in one process load each once
_INIT_ERROR: Exception | None = None  # why this pool worker could not start (raised with its first batch)


def _load_model(model: str):
    if model not in _MODELS:
        _MODELS[model] = nlpmod.load(model)
    return _MODELS[model]


def warm_up() -> None:
    """Load the gazetteers and the date parser once, before the first document."""
    from extract import dates, gazetteer

    gazetteer.is_city("Paris")
    dates.resolve("June 5, 2020", "2021-01-01")


def init_worker(model: str, max_length: int | None = None) -> None:
    global _EXTRACTOR
    from extract.pipeline import Extractor  # spaCy is imported only where documents are parsed

    _EXTRACTOR = Extractor(_load_model(model), max_length=max_length)
    warm_up()


def init_pool_worker(model: str, max_length: int | None = None) -> None:
    """A pool worker leaves interruptions to the main process: Ctrl-C is ignored and
    SIGTERM (sent by ``Pool.terminate``) ends it at once, instead of running a
    handler inherited from the main process halfway through a queue operation. A
    failure is raised with the first batch (a pool would start the worker again and again)."""
    global _INIT_ERROR
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        init_worker(model, max_length)
    except Exception as exc:  # noqa: BLE001 - handed to the build with the first batch
        _INIT_ERROR = exc


def process_batch(docs: list[Document]) -> tuple[list[DocumentResult | str], float, float]:
    """Results in input order; a document that can't be analysed gives a failure line (str).
    Also the seconds spent parsing and in the rules."""
    if _INIT_ERROR is not None:
        raise _INIT_ERROR
    nlp0, rules0 = _EXTRACTOR.seconds["nlp"], _EXTRACTOR.seconds["extraction"]
    results = [r if isinstance(r, DocumentResult) else str(r) for r in _EXTRACTOR.extract(docs)]
    return results, _EXTRACTOR.seconds["nlp"] - nlp0, _EXTRACTOR.seconds["extraction"] - rules0


def process_halves(docs: list[Document]) -> tuple[list[DocumentResult | str], float, float]:
    """:func:`process_batch`, with the second half of the batch done by a forked copy of this
    worker (sharing the loaded pipeline), for a worker that has a core to spare. The copy
    goes when the worker is stopped (SIGTERM) or its half fails; if the copy fails, its
    half is done here."""
    half = (len(docs) + 1) // 2
    if half == len(docs) or not hasattr(os, "fork") or _INIT_ERROR is not None:
        return process_batch(docs)
    copy = Forked(lambda: process_batch(docs[half:]))

    def stop(signum, frame):
        copy.cancel()
        os._exit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        first = process_batch(docs[:half])
        try:
            second = copy.wait()
        except KgError:
            second = process_batch(docs[half:])
    finally:
        signal.signal(signal.SIGTERM, previous)
        copy.cancel()  # only still running when this half failed
    return first[0] + second[0], first[1] + second[1], first[2] + second[2]


class Prestarted:
    """One worker process started before the documents to parse are known: it loads the
    pipeline while this process reads the input (``kg build --store``, when few documents
    are new). Give it batches with :meth:`submit`, then pass it to :func:`extract_results`."""

    def __init__(self, model: str, max_length: int | None = None, halves: bool = True):
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        self.pool = ctx.Pool(1, initializer=init_pool_worker, initargs=(model, max_length))
        self.task = process_halves if halves else process_batch
        self.tasks: list = []

    def submit(self, docs: list[Document]) -> None:
        self.tasks.append(self.pool.apply_async(self.task, (docs,)))

    def outputs(self):
        """Batch outputs in the order the batches were submitted."""
        for task in self.tasks:
            yield task.get()

    def close(self) -> None:
        """Stop the worker without waiting (nothing was submitted, or the build failed)."""
        self.pool.terminate()
        self.pool.join()


