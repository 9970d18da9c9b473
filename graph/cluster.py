"""Parsing and extraction as Dask tasks: ``kg build --scheduler tcp://HOST:PORT`` or ``local:N``.

Each worker loads the spaCy pipeline once (:class:`PipelinePlugin`) and keeps it.
The client sends batches of documents as tasks, keeping at most a few batches per
worker in hand (submitted, or finished and waiting for an earlier one), and gets
back the small extraction records, which it yields in input order: the graph is
the same, byte for byte, whatever the number of workers and the order tasks finish.
A task only reads its arguments and the worker's pipeline, so the scheduler can run
it again elsewhere when its worker dies.
"""
from __future__ import annotations

import contextlib
import itertools
import logging
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from extract import nlp as nlpmod
from extract.errors import KgError, ModelError
from extract.model import Document, DocumentResult
from extract.nlp import BATCH_SIZE
from extract.pipeline import Extractor

from .workers import warm_up

try:
    from distributed import WorkerPlugin
except ImportError:  # without the dask extra: connect() says what to install
    WorkerPlugin = object  # type: ignore[misc,assignment]

CONNECT_TIMEOUT = "5s"  # an unreachable scheduler fails the build this soon
WORKERS_TIMEOUT = 60  # seconds to wait for a first worker to join the scheduler
IN_FLIGHT_PER_WORKER = 3  # batches the client holds per worker
LOCAL_PREFIX = "local:"

BatchOutput = tuple[list[DocumentResult | str], float, float]


class ClusterError(KgError):
    """The Dask cluster can't be reached or can't run the build."""


@dataclass(frozen=True)
class Scheduler:
    """Where to run: ``local`` workers started here, else the address of a scheduler."""

    address: str | None = None
    local: int = 0


def parse_scheduler(value: str) -> Scheduler:
    """``local:N`` (N >= 1) or a scheduler address such as ``tcp://10.0.0.5:8786``."""
    value = value.strip()
    if value.startswith(LOCAL_PREFIX):
        count = value[len(LOCAL_PREFIX):]
        if not count.isdigit() or int(count) < 1:
            raise ValueError(f"{value!r}: give local:N with N the number of worker processes, e.g. local:2")
        return Scheduler(local=int(count))
    if not value:
        raise ValueError("give a scheduler address such as tcp://HOST:8786, or local:N")
    return Scheduler(address=value)


# ---------------------------------------------------------------- on the workers

_LOCK = threading.Lock()
_PIPELINES: dict[str, object] = {}  # model name -> the loaded pipeline of this worker process


def worker_pipeline(model: str):
    """The pipeline ``model`` of this worker process, loaded at its first use."""
    with _LOCK:
        if model not in _PIPELINES:
            _PIPELINES[model] = nlpmod.load(model)
            warm_up()
        return _PIPELINES[model]


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline when a worker starts (or joins later), so that tasks find it."""

    idempotent = True

    def __init__(self, model: str):
        self.model = model

    def setup(self, worker) -> None:
        worker_pipeline(self.model)


def check_worker(model: str) -> str | None:
    """None when this worker can load ``model``, else what it lacks (run on every worker)."""
    try:
        nlpmod.check_installed(model)
    except ModelError:
        package = model.replace("_", "-")
        return (f"has no spaCy pipeline package {model!r} (on host {socket.gethostname()}: "
                f"pip install {package})")
    return None


def extract_batch(docs: list[Document], model: str, max_length: int | None) -> BatchOutput:
    """The task: results in input order (a failure line for a document that can't be analysed),
    and the seconds spent parsing and in the rules."""
    extractor = Extractor(worker_pipeline(model), max_length=max_length)
    results = [r if isinstance(r, DocumentResult) else str(r) for r in extractor.extract(docs)]
    return results, extractor.seconds["nlp"], extractor.seconds["extraction"]


# ---------------------------------------------------------------- on the client

@contextlib.contextmanager
def connect(scheduler: Scheduler, model: str) -> Iterator[object]:
    """A ``distributed.Client`` whose workers all have ``model`` and the plugin that loads it."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--scheduler needs Dask: pip install 'kgbuilder[dask]'") from None
    with contextlib.ExitStack() as stack:
        if scheduler.local:
            cluster = stack.enter_context(LocalCluster(
                n_workers=scheduler.local, processes=True, threads_per_worker=1, host="127.0.0.1",
                dashboard_address=None, silence_logs=logging.ERROR))
            address = cluster.scheduler_address
        else:
            address = scheduler.address
        try:
            client = stack.enter_context(Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False))
        except (OSError, TimeoutError, ValueError) as exc:
            reason = " ".join(str(exc).split()) or type(exc).__name__
            raise ClusterError(f"can't reach the Dask scheduler at {address}: {reason}") from None
        _check_workers(client, address, model)
        client.register_plugin(PipelinePlugin(model), name=f"kgbuilder-pipeline-{model}")
        yield client


def _check_workers(client, address: str, model: str) -> None:
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except TimeoutError:
        raise ClusterError(f"no Dask worker joined the scheduler at {address} in {WORKERS_TIMEOUT} s") from None
    answers = client.run(check_worker, model, on_error="return")
    missing = [f"worker {w} {_problem(a)}" for w, a in sorted(answers.items()) if a is not None]
    if missing:
        raise ClusterError("; ".join(missing))


def _problem(answer: object) -> str:
    if isinstance(answer, BaseException):  # e.g. kgbuilder itself isn't installed there
        return f"can't run kgbuilder: {type(answer).__name__}: {answer} (pip install kgbuilder[dask] on it)"
    return str(answer)


def cluster_batches(documents: Iterator[Document], scheduler: str, model: str,
                    max_length: int | None, timings: dict[str, float]) -> Iterator[BatchOutput]:
    """The output of :func:`extract_batch` for each batch of ``documents``, in input order,
    computed on the cluster ``scheduler`` (an address or ``local:N``)."""
    t0 = time.perf_counter()
    try:
        where = parse_scheduler(scheduler)
    except ValueError as exc:
        raise ClusterError(f"--scheduler {exc}") from None
    with connect(where, model) as client:
        timings["load"] = time.perf_counter() - t0
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        batches = _batches(documents, BATCH_SIZE)
        yield from in_order(client, batches, model, max_length, IN_FLIGHT_PER_WORKER * workers)


def _batches(docs: Iterator[Document], size: int) -> Iterator[list[Document]]:
    while batch := list(itertools.islice(docs, size)):
        yield batch


def in_order(client, batches: Iterator[list[Document]], model: str, max_length: int | None,
             window: int) -> Iterator[BatchOutput]:
    """Submit batches as results come back, holding at most ``window`` of them (running,
    queued, or finished and waiting for an earlier one); yield outputs in input order."""
    from distributed import as_completed

    token = uuid.uuid4().hex[:12]
    index_of: dict[str, int] = {}
    finished: dict[int, BatchOutput] = {}
    sent = done = 0
    running = as_completed(loop=client.loop)

    def submit() -> None:
        nonlocal sent
        while sent - done < window and (batch := next(batches, None)) is not None:
            future = client.submit(extract_batch, batch, model, max_length, key=f"kg-batch-{token}-{sent}")
            index_of[future.key] = sent
            running.add(future)
            sent += 1

    submit()
    for future in running:
        index = index_of.pop(future.key)
        try:
            finished[index] = future.result()
        except Exception as exc:
            raise ClusterError(f"a batch of {BATCH_SIZE} documents failed on the cluster: "
                               f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}") from None
        future.release()
        while done in finished:
            yield finished.pop(done)
            done += 1
        submit()
