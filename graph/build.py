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
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extract import nlp as nlpmod
from extract.errors import InputError, KgError
from extract.model import Document, DocumentResult
from extract.pipeline import BATCH_SIZE, extract_doc
from extract.readers import DEFAULT_MAX_DOC_BYTES, Problem, discover, read_file

from . import atomic
from .assemble import KnowledgeGraph
from .html import render
from .nxgraph import to_networkx
from .rdf import to_rdf

DEFAULT_FORMATS = ("ttl", "html")


@dataclass
class BuildReport:
    documents: int = 0
    entities: int = 0
    relations: int = 0
    triples: int = 0
    warnings: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    words: int = 0


def iter_documents(paths: Iterable[str], default_date: str | None, max_bytes: int,
                   report: BuildReport) -> Iterator[Document]:
    """Documents from files and folders; problems go to ``report``. Ids are unique."""
    seen: dict[str, str] = {}
    for item in discover(paths):
        if isinstance(item, Problem):
            (report.failures if item.fatal else report.warnings).append(str(item))
            continue
        for doc in read_file(item, default_date=default_date, max_bytes=max_bytes):
            if isinstance(doc, Problem):
                (report.failures if doc.fatal else report.warnings).append(str(doc))
                continue
            if doc.id in seen:
                new_id = next(f"{doc.id}-{n}" for n in itertools.count(2) if f"{doc.id}-{n}" not in seen)
                report.warnings.append(f"{doc.source}: duplicate id {doc.id!r} (also in {seen[doc.id]}); "
                                       f"renamed to {new_id!r}")
                doc = Document(new_id, doc.text, doc.source, doc.title, doc.date, doc.url)
            seen[doc.id] = doc.source
            yield doc


_NLP = None


def _init_worker(model: str) -> None:
    global _NLP
    _NLP = nlpmod.load(model)


def _process_batch(docs: list[Document]) -> tuple[list[DocumentResult], float, float]:
    t0 = time.perf_counter()
    parsed = list(_NLP.pipe([d.text for d in docs], batch_size=BATCH_SIZE))
    t1 = time.perf_counter()
    results = [extract_doc(p, d) for p, d in zip(parsed, docs)]
    return results, t1 - t0, time.perf_counter() - t1


def _batches(docs: Iterator[Document], size: int) -> Iterator[list[Document]]:
    while True:
        batch = list(itertools.islice(docs, size))
        if not batch:
            return
        yield batch


def extract_results(documents: Iterator[Document], model: str, workers: int,
                    report: BuildReport, progress: Callable[[int], None] | None = None
                    ) -> Iterator[DocumentResult]:
    t0 = time.perf_counter()
    nlp_s = ext_s = 0.0
    if workers <= 1:
        _init_worker(model)
        report.timings["load"] = time.perf_counter() - t0
        stream = map(_process_batch, _batches(documents, BATCH_SIZE))
        pool = None
    else:
        ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
        pool = ctx.Pool(workers, initializer=_init_worker, initargs=(model,))
        report.timings["load"] = 0.0
        stream = pool.imap(_process_batch, _batches(documents, BATCH_SIZE))
    try:
        for results, a, b in stream:
            nlp_s += a
            ext_s += b
            for r in results:
                report.words += len(r.document.text.split())
                if progress:
                    progress(1)
                yield r
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        report.timings["nlp"] = nlp_s
        report.timings["extraction"] = ext_s


def build(paths: list[str], out_dir: str | os.PathLike = "output", *, default_date: str | None = None,
          base_iri: str | None = None, model: str = nlpmod.DEFAULT_MODEL, workers: int = 1,
          min_confidence: float = 0.0, formats: Iterable[str] = DEFAULT_FORMATS,
          max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES, strict: bool = False,
          progress: Callable[[int], None] | None = None, title: str | None = None) -> BuildReport:
    """Build the graph of ``paths`` into ``out_dir``. Raises KgError when nothing can be built."""
    from .iris import DEFAULT_BASE, check_base

    try:
        base = check_base(base_iri or DEFAULT_BASE)
    except ValueError as exc:
        raise KgError(str(exc)) from None
    formats = list(dict.fromkeys(formats))
    report = BuildReport()
    start = time.perf_counter()
    nlpmod.load(model) if workers > 1 else None  # fail early, with the clear message, on a bad --model
    kg = KnowledgeGraph()
    docs = iter_documents(paths, default_date, max_doc_bytes, report)
    for result in extract_results(docs, model, workers, report, progress):
        kg.add(result)
        report.warnings.extend(result.warnings)
    if not kg.documents:
        raise InputError("no document could be built" +
                         (": " + "; ".join(report.failures[:3]) if report.failures else ""))
    if strict and report.failures:
        raise InputError(f"{len(report.failures)} document(s) failed (--strict): {report.failures[0]}")
    t = time.perf_counter()
    kg.finish(min_confidence)
    nxg = to_networkx(kg)
    rdf = to_rdf(kg, base)
    report.timings["assembly"] = time.perf_counter() - t
    report.documents = len(kg.documents)
    report.entities = sum(1 for n in kg.nodes.values())
    report.relations = len({(f.subject, f.predicate, f.obj) for f in kg.facts})
    report.triples = len(rdf)
    out = Path(out_dir)
    for fmt in formats:
        t = time.perf_counter()
        target = out / f"graph.{fmt}"
        if fmt == "ttl":
            atomic.write_bytes(target, serialize_turtle(rdf))
            report.timings["turtle"] = time.perf_counter() - t
        elif fmt == "html":
            atomic.write_text(target, render(nxg, title or _title(kg)))
            report.timings["html"] = time.perf_counter() - t
        else:
            from . import exports

            exports.write(fmt, rdf, nxg, target)
            report.timings[fmt] = time.perf_counter() - t
        report.outputs.append(str(target))
    report.timings["total"] = time.perf_counter() - start
    return report


def serialize_turtle(rdf) -> bytes:
    return rdf.serialize(format="turtle", encoding="utf-8")


def _title(kg: KnowledgeGraph) -> str:
    if len(kg.documents) == 1 and kg.documents[0].title:
        return kg.documents[0].title
    return f"Knowledge graph of {len(kg.documents)} documents"


def write_timings(report: BuildReport, path: str) -> None:
    atomic.write_text(path, json.dumps({"timings": report.timings, "documents": report.documents,
                                        "words": report.words, "entities": report.entities,
                                        "relations": report.relations, "triples": report.triples},
                                       indent=2))
