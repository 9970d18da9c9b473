"""``kg build``: files in, graph files out.

Documents stream from the readers through spaCy and the rules; only the
small extracted records are kept. With several workers each process loads
the pipeline once and handles batches of documents; results come back in
input order, so the output is the same whatever the worker count.
"""
from __future__ import annotations

import itertools
import json
import multiprocessing as mp
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extract import nlp as nlpmod
from extract.errors import InputError, KgError
from extract.model import Document, DocumentResult
from extract.nlp import BATCH_SIZE
from extract.readers import DEFAULT_MAX_DOC_BYTES, Problem, discover, read_file

from . import atomic, sources
from .aliases import load as load_aliases
from .assemble import KnowledgeGraph
from .dataset import DATASET_FORMATS, write_dataset
from .forked import Forked
from .html import DEFAULT_MAX_NODES as DEFAULT_HTML_MAX_NODES
from .html import render
from .rdf import to_rdf, to_turtle
from .workers import Prestarted, init_pool_worker, init_worker, process_batch

DEFAULT_FORMATS = ("ttl", "html")


@dataclass
class BuildReport:
    documents: int = 0
    entities: int = 0
    relations: int = 0
    triples: int = 0
    warnings: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    rule_errors: int = 0  # rules that raised on a sentence (each is also a warning)
    timings: dict[str, float] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    words: int = 0
    store: object | None = None  # with --store: what was parsed, reused, removed (incremental.StoreSummary)


def iter_documents(paths: Iterable[str], default_date: str | None, max_bytes: int,
                   report: BuildReport) -> Iterator[Document]:
    """Documents from files and folders; problems go to ``report``. Ids are unique."""
    seen: dict[str, str] = {}
    paths = list(paths)
    for item in discover(paths):
        if isinstance(item, Problem):
            (report.failures if item.fatal else report.warnings).append(str(item))
            continue
        for doc in read_file(item, default_date=default_date, max_bytes=max_bytes):
            if isinstance(doc, Problem):
                (report.failures if doc.fatal else report.warnings).append(str(doc))
                continue
            doc = sources.relative(doc, item, paths)  # dcterms:source: the same on every machine
            if doc.id in seen:
                new_id = next(f"{doc.id}-{n}" for n in itertools.count(2) if f"{doc.id}-{n}" not in seen)
                report.warnings.append(f"{doc.source}: duplicate id {doc.id!r} (also in {seen[doc.id]}); "
                                       f"renamed to {new_id!r}")
                doc = Document(new_id, doc.text, doc.source, doc.title, doc.date, doc.url)
            seen[doc.id] = doc.source
            yield doc


IN_FLIGHT_PER_WORKER = 3


def _released(results, slots):
    for item in results:
        slots.release()
        yield item


def _batches(docs: Iterator[Document], size: int) -> Iterator[list[Document]]:
    while True:
        batch = list(itertools.islice(docs, size))
        if not batch:
            return
        yield batch


def _local_stream(documents: Iterator[Document], model: str, workers: int, max_length: int | None,
                  timings: dict[str, float], stopping: threading.Event):
    """Batch outputs in input order from this process or a pool of forked workers (the pool
    or None)."""
    t0 = time.perf_counter()
    if workers > 1:
        # a small input is done sooner in this process than by starting workers
        head = list(itertools.islice(documents, workers * BATCH_SIZE))
        if len(head) < workers * BATCH_SIZE:
            workers = 1
        documents = itertools.chain(head, documents)
    if workers <= 1:
        init_worker(model, max_length)
        timings["load"] = time.perf_counter() - t0
        return map(process_batch, _batches(documents, BATCH_SIZE)), None
    # Load the pipeline here, then fork: the workers share its memory pages (as
    # spaCy's own n_process does) instead of each loading a copy.
    fork = "fork" in mp.get_all_start_methods()
    if fork:
        init_worker(model, max_length)
    timings["load"] = time.perf_counter() - t0
    ctx = mp.get_context("fork" if fork else "spawn")
    pool = ctx.Pool(workers, initializer=init_pool_worker, initargs=(model, max_length))
    # at most a few batches in flight: documents are read as the workers need them
    slots = threading.BoundedSemaphore(IN_FLIGHT_PER_WORKER * workers)

    def feed():
        for batch in _batches(documents, BATCH_SIZE):
            while not slots.acquire(timeout=0.1):
                if stopping.is_set():  # interrupted: let the pool's feeder thread end
                    return
            yield batch

    return _released(pool.imap(process_batch, feed()), slots), pool


def extract_results(documents: Iterator[Document], model: str, workers: int,
                    report: BuildReport, progress: Callable[[int], None] | None = None,
                    scheduler: str | None = None, max_length: int | None = None,
                    started: Prestarted | None = None) -> Iterator[DocumentResult]:
    """The results of ``documents`` in input order, parsed here, by ``workers`` processes, on a
    cluster (``scheduler``) or by the ``started`` worker (which was given the documents)."""
    nlp_s = ext_s = 0.0
    stopping = threading.Event()
    if started is not None:
        stream, pool = started.outputs(), started.pool
    elif scheduler:  # on a Dask cluster
        from .cluster import cluster_batches

        stream, pool = cluster_batches(documents, scheduler, model, max_length, report.timings), None
    else:
        stream, pool = _local_stream(documents, model, workers, max_length, report.timings, stopping)
    finished = False
    try:
        for results, a, b in stream:
            nlp_s += a
            ext_s += b
            for r in results:
                if progress:
                    progress(1)
                if isinstance(r, str):
                    report.failures.append(r)
                    continue
                report.words += len(r.document.text.split())
                yield r
        finished = True
    finally:
        stopping.set()
        if scheduler:
            stream.close()  # closes the cluster client (and a local cluster)
        if pool is not None:
            if finished:
                pool.close()
            else:  # interrupted or failed: don't wait for the queued batches
                pool.terminate()
            pool.join()
        report.timings["nlp"] = report.timings.get("nlp", 0.0) + nlp_s
        report.timings["extraction"] = report.timings.get("extraction", 0.0) + ext_s


def build(paths: list[str], out_dir: str | os.PathLike = "output", *, default_date: str | None = None,
          base_iri: str | None = None, model: str = nlpmod.DEFAULT_MODEL, workers: int = 1,
          min_confidence: float = 0.0, formats: Iterable[str] = DEFAULT_FORMATS,
          max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES, strict: bool = False,
          progress: Callable[[int], None] | None = None, title: str | None = None,
          html_max_nodes: int = DEFAULT_HTML_MAX_NODES, extract: Callable | None = None,
          on_graph: Callable[[KnowledgeGraph, str], None] | None = None, on_block: Callable | None = None,
          aliases: str | os.PathLike | None = None, scheduler: str | None = None,
          max_length: int | None = None) -> BuildReport:
    """Build the graph of ``paths`` into ``out_dir``. Raises KgError when nothing can be built.

    ``extract`` replaces :func:`extract_results` and ``on_graph`` is called with the
    finished graph once the files are written, ``on_block`` with each block of triples as the
    Turtle is written (``kg build --store``: ``graph.incremental``);
    ``aliases`` is the user's CSV of names to merge or keep apart (``graph.aliases``);
    ``scheduler``: run parsing and extraction on a Dask cluster (``tcp://HOST:PORT``) or on
    ``local:N`` worker processes (:mod:`graph.cluster`); ``max_length``: texts longer than
    this many characters (default: the pipeline's limit) are analysed in parts."""
    base = _base(base_iri)
    formats = list(dict.fromkeys(formats))
    alias_rules = load_aliases(aliases) if aliases is not None else []
    report = BuildReport()
    start = time.perf_counter()
    if workers > 1 and not scheduler:  # (on a cluster, the workers are checked)
        nlpmod.check_installed(model)  # fail early, with the clear message, on a bad --model
    docs = iter_documents(paths, default_date, max_doc_bytes, report)
    results = (extract or extract_results)(docs, model, workers, report, progress, scheduler, max_length)
    kg = _collect(results, report, strict)
    t = time.perf_counter()
    kg.finish(min_confidence, alias_rules)
    # an rdflib Graph only for the formats written through rdflib; Turtle is streamed
    rdf = to_rdf(kg, base) if set(formats) - {"ttl", "html", *DATASET_FORMATS} else None
    report.timings["assembly"] = time.perf_counter() - t
    report.documents = len(kg.documents)
    report.entities = sum(1 for n in kg.nodes.values())
    report.relations = len({(f.subject, f.predicate, f.obj) for f in kg.facts})
    report.triples = len(rdf) if rdf is not None else 0
    _write_outputs(kg, base, formats, rdf, Path(out_dir), report, title, html_max_nodes, on_block)
    if on_graph is not None:
        t = time.perf_counter()
        on_graph(kg, base)
        report.timings["store"] = time.perf_counter() - t
    report.timings["total"] = time.perf_counter() - start
    return report


def _base(base_iri: str | None) -> str:
    from .iris import check_base
    from .namespaces import DEFAULT_BASE

    try:
        return check_base(base_iri or DEFAULT_BASE)
    except ValueError as exc:
        raise KgError(str(exc)) from None


def _collect(results: Iterable[DocumentResult], report: BuildReport, strict: bool) -> KnowledgeGraph:
    """The documents' results in one graph; rule errors and (with ``strict``) failures counted."""
    kg = KnowledgeGraph()
    for result in results:
        report.warnings.extend(result.warnings)
        report.warnings.extend(str(e) for e in result.rule_errors)
        report.rule_errors += len(result.rule_errors)
        if strict and result.rule_errors:
            report.failures.append(f"{result.document.source}: {len(result.rule_errors)} rule error(s) "
                                   f"(listed above); --strict: the document fails")
            continue
        kg.add(result)
    if not kg.documents:
        raise _with_report(InputError("no document could be built" + (
            f" ({len(report.failures)} failed, listed above)" if report.failures else ": no input documents")),
            report)
    if strict and report.failures:
        raise _with_report(InputError(f"{len(report.failures)} document(s) failed (listed above); "
                                      f"--strict: nothing written"), report)
    return kg


def _write_outputs(kg: KnowledgeGraph, base: str, formats: list[str], rdf, out: Path,
                   report: BuildReport, title: str | None, html_max_nodes: int, on_block=None) -> None:
    """Every output, written to temporary names and moved into place together at the end:
    an interrupted or failed build leaves every previous output as it was."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        # temporary files of a build that was killed (SIGKILL)
        atomic.clean_stale(out, ("graph.", "entities.", "relations."))
        with atomic.Outputs() as pending:
            page = _start_page(kg, formats, out / "graph.html", pending, title, html_max_nodes)
            try:
                for fmt in formats:
                    t = time.perf_counter()
                    target = out / f"graph.{fmt}"
                    if fmt == "ttl":
                        _, report.triples = to_turtle(kg, base, pending.path(target), on_block)
                    elif fmt == "html":
                        if page is None:
                            pending.write_text(target, render(kg, title or _title(kg), max_nodes=html_max_nodes))
                    elif fmt in DATASET_FORMATS:  # the named graphs, one per document
                        write_dataset(kg, base, fmt, pending.path(target))
                    else:  # graph.FMT, or entities.FMT and relations.FMT for tables
                        from . import exports

                        report.outputs.extend(map(str, exports.write_outputs(fmt, rdf, None, out, pending)))
                        report.timings[fmt] = time.perf_counter() - t
                        continue
                    report.timings["turtle" if fmt == "ttl" else fmt] = time.perf_counter() - t
                    report.outputs.append(str(target))
                if page is not None:
                    page.wait()
                    report.timings["html"] = page.seconds
            finally:
                if page is not None:
                    page.cancel()
    except OSError as exc:
        report.outputs.clear()
        raise KgError(f"{exc.filename or out}: can't write the graph: {exc.strerror or exc}") from None


def _start_page(kg: KnowledgeGraph, formats: list[str], target: Path, pending: atomic.Outputs,
                title: str | None, max_nodes: int) -> Forked | None:
    """The page rendered in a forked process while the other formats are written (None
    when the page is the only output: it is then rendered here)."""
    if "html" not in formats or len(formats) == 1:
        return None
    path = pending.path(target)

    def work() -> None:
        try:
            path.write_text(render(kg, title or _title(kg), max_nodes=max_nodes), encoding="utf-8")
        except OSError as exc:
            raise KgError(f"{exc.filename or target}: can't write the graph: {exc.strerror or exc}") from None

    return Forked(work)


def _with_report(exc: KgError, report: BuildReport) -> KgError:
    """``exc`` carrying the report, so the CLI can list every warning and failure."""
    exc.report = report
    return exc


def _title(kg: KnowledgeGraph) -> str:
    if len(kg.documents) == 1 and kg.documents[0].title:
        return kg.documents[0].title
    return f"Knowledge graph of {len(kg.documents)} documents"


def write_timings(report: BuildReport, path: str, model: str = nlpmod.DEFAULT_MODEL,
                  workers: int = 1) -> None:
    """Seconds per stage and the NLP set-up, as JSON (read by benchmarks/run.py)."""
    stages = {"load": 0.0, "nlp": 0.0, "extraction": 0.0, "graph": report.timings.get("assembly", 0.0),
              "turtle": 0.0, "html": 0.0}
    stages.update({k: v for k, v in report.timings.items() if k != "assembly"})
    atomic.write_text(path, json.dumps({
        "stages": stages, "timings": report.timings, "documents": report.documents,
        "words": report.words, "entities": report.entities, "relations": report.relations,
        "triples": report.triples,
        "nlp": {"model": model, "disabled": list(nlpmod.DISABLED), "batch_size": BATCH_SIZE,
                "n_process": workers}}, indent=2))
