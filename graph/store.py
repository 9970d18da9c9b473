"""The persistent store of ``kg build --store DIR``.

Layout of DIR::

    kgstore.json        the store's format version (a store of another format is refused)
    lock                holds the pid of the build using the store (``fcntl.flock``)
    records.sqlite      one extraction record per document (``extract.records``, JSON),
                        keyed by document id, with the hash of its analysed text, the
                        spaCy pipeline (name and version) and the extractor version
    graph -> graph-KEY  an Oxigraph store: the merged graph as the default graph, and one
                        named graph per document with that document's own statements;
                        its digests (``graph.store_graph``) are in records.sqlite

Every record is committed on its own, so a build that is killed leaves whole
documents only; the Oxigraph store is written beside the current one and swapped
in by renaming a symbolic link, so readers see the old graph or the new one.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import importlib.util
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from extract import EXTRACTOR_VERSION
from extract.errors import KgError
from extract.model import Document, DocumentResult
from extract.records import RecordError, from_json, text_hash, to_json

from . import atomic

STORE_FORMAT = 1
META_FILE = "kgstore.json"
LOCK_FILE = "lock"
RECORDS_FILE = "records.sqlite"
GRAPH_LINK = "graph"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    id TEXT PRIMARY KEY,
    text_sha256 TEXT NOT NULL,
    document_sha256 TEXT NOT NULL,
    model TEXT NOT NULL,
    extractor TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS graphs (name TEXT PRIMARY KEY, state TEXT NOT NULL);
"""


_HELD_LOCKS: set[int] = set()


def _forget_locks_in_child() -> None:
    """A forked worker closes its copy of the lock: the lock ends with the build, not
    with the last worker to exit."""
    for fd in _HELD_LOCKS:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD_LOCKS.clear()


os.register_at_fork(after_in_child=_forget_locks_in_child)


class StoreError(KgError):
    """The store can't be used: in use, of another version, or not a store."""


def model_version(name: str) -> str:
    """``name version`` of a spaCy pipeline (package or folder), read from its meta.json
    without loading it; just ``name`` when that can't be found."""
    folder = Path(name) if os.path.isdir(name) else None
    if folder is None:
        with contextlib.suppress(ImportError, ValueError):
            spec = importlib.util.find_spec(name)
            if spec is not None and spec.origin:
                folder = Path(spec.origin).parent
    try:
        meta = json.loads((folder / "meta.json").read_text("utf-8")) if folder else {}
    except (OSError, ValueError):
        meta = {}
    label = f"{meta['lang']}_{meta['name']}" if {"lang", "name"} <= meta.keys() else name
    return f"{label} {meta['version']}" if "version" in meta else label


def document_hash(document: Document) -> str:
    """SHA-256 of everything the extraction reads of a document (text and metadata)."""
    data = asdict(document)
    data.pop("origin", None)  # where the file is on this machine: only for messages
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8", "surrogatepass")).hexdigest()


def has_records(path: str | os.PathLike) -> bool:
    """Whether the store in ``path`` holds records (read without taking the lock: a hint)."""
    db_path = Path(path) / RECORDS_FILE
    if not db_path.is_file():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)) as db:
            return db.execute("SELECT 1 FROM records LIMIT 1").fetchone() is not None
    except sqlite3.Error:
        return False


class Store:
    """An open, locked store. Use as a context manager: ``with Store.open(path) as store``."""

    def __init__(self, path: Path, lock_fd: int, db: sqlite3.Connection):
        self.path, self._lock_fd, self.db = path, lock_fd, db

    @classmethod
    def open(cls, path: str | os.PathLike) -> Store:
        """Open (creating it if missing) and lock the store in ``path``; raises StoreError."""
        folder = Path(path)
        _check_or_create(folder)
        fd = _lock(folder)
        try:
            db = sqlite3.connect(folder / RECORDS_FILE, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            _HELD_LOCKS.discard(fd)
            os.close(fd)
            raise StoreError(f"{folder / RECORDS_FILE}: can't open the records: {exc}") from None
        return cls(folder, fd, db)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()
        _HELD_LOCKS.discard(self._lock_fd)
        os.close(self._lock_fd)  # releases the flock

    # ------------------------------------------------------------ records

    def keys(self) -> dict[str, tuple[str, str, str]]:
        """Document id -> (document hash, model, extractor) of every record."""
        rows = self.db.execute("SELECT id, document_sha256, model, extractor FROM records")
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def save(self, result: DocumentResult, model: str) -> None:
        """Store (replace) the record of one document, committed at once."""
        doc = result.document
        self.db.execute("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?)",
                        (doc.id, text_hash(doc.text), document_hash(doc), model, EXTRACTOR_VERSION,
                         to_json(result)))

    def load(self, doc_id: str) -> DocumentResult | None:
        row = self.db.execute("SELECT record FROM records WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        try:
            return from_json(row[0])
        except RecordError as exc:
            raise StoreError(f"{self.path}: the record of {doc_id!r} can't be read ({exc}); "
                             f"build into a new store folder") from None

    def delete(self, ids: list[str]) -> None:
        with self.transaction():
            self.db.executemany("DELETE FROM records WHERE id = ?", [(i,) for i in ids])

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def graph_state(self, name: str) -> str | None:
        """The digests of the graph ``graph-KEY`` (``graph.store_graph.State`` as JSON)."""
        row = self.db.execute("SELECT state FROM graphs WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_graph_state(self, name: str, state: str) -> None:
        """Record the digests of the graph ``name``."""
        self.db.execute("INSERT OR REPLACE INTO graphs VALUES (?, ?)", (name, state))

    def forget_graph_states(self, keep: str) -> None:
        """Drop the digests of every graph but ``keep``."""
        self.db.execute("DELETE FROM graphs WHERE name != ?", (keep,))


def _check_or_create(folder: Path) -> None:
    """Refuse a folder that isn't a store of this format; make a new store in a missing
    or empty folder."""
    meta = folder / META_FILE
    try:
        if folder.exists() and not folder.is_dir():
            raise StoreError(f"{folder}: not a folder; give a folder for --store")
        if folder.is_dir() and not meta.exists():
            if any(folder.iterdir()):
                raise StoreError(f"{folder}: not a kg store (no {META_FILE}) and not empty; "
                                 f"give a new or empty folder for --store")
        if not meta.exists():
            folder.mkdir(parents=True, exist_ok=True)
            atomic.write_text(meta, json.dumps({"kgstore": STORE_FORMAT}) + "\n")
            return
        found = json.loads(meta.read_text("utf-8")).get("kgstore")
    except OSError as exc:
        raise StoreError(f"{folder}: can't use the store: {exc.strerror or exc}") from None
    except (ValueError, AttributeError):
        found = None
    if found != STORE_FORMAT:
        raise StoreError(f"{folder}: a store of format {found!r}, made by another version of kgbuilder; "
                         f"this version reads format {STORE_FORMAT}: build into a new folder "
                         f"(the inputs are parsed again)")


def _lock(folder: Path) -> int:
    """Take the store's lock, or fail at once naming the process that holds it."""
    path = folder / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            os.close(fd)
            raise StoreError(f"{path}: can't lock the store: {exc.strerror or exc}") from None
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
        os.close(fd)
        raise StoreError(f"{folder}: the store is in use by another kg build (pid {holder}); "
                         f"wait for it to finish, or use another --store folder") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    _HELD_LOCKS.add(fd)
    return fd
