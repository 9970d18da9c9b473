"""Atomic file writes: a temporary file in the target's folder, then os.replace.

A reader of ``graph.ttl`` sees either the old file or the new one, never a
partial file. :class:`Outputs` writes several files as one unit: every file is
written to its temporary name first and only then are they all moved into
place, so a build interrupted while writing (Ctrl-C, SIGTERM, an error) leaves
every previous output untouched.

Temporary files are hidden and named ``.<target>.<pid>.<random>.tmp``. A
process killed with SIGKILL can't remove its own; :func:`clean_stale` removes
those whose process is gone (the builder calls it before writing).
"""
from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

_STALE = re.compile(r"^\.(?P<name>.+?)\.(?:(?P<pid>\d+)\.)?[A-Za-z0-9_]+\.tmp$")
# Temporary files without a process id (written by other tools) count as stale after this long.
STALE_AFTER_S = 3600.0


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _temp_path(target: Path) -> Path:
    """Create (exclusively) and return a new empty temporary file beside ``target``."""
    while True:
        tmp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp


def _finish(tmp: Path, target: Path) -> None:
    """Flush ``tmp`` to disk and give it the target's permissions (its current mode, or 0666 & ~umask)."""
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    os.chmod(tmp, mode)
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike):
    """Yield a temporary path beside ``target``; on success it replaces ``target``.

    On any error (or interruption) the temporary file is removed and ``target``
    is left as it was.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_path(target)
    try:
        yield tmp
        _finish(tmp, target)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_stream(target: str | os.PathLike, write: Callable[[IO[bytes]], None]) -> Path:
    """Call ``write(f)`` on a binary file that replaces ``target`` once ``write`` returns."""
    with atomic_path(target) as tmp, open(tmp, "wb") as f:
        write(f)
    return Path(target)


def write_text(target: str | os.PathLike, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_bytes(target: str | os.PathLike, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


class Outputs:
    """Several files written as one unit::

        with Outputs() as out:
            out.write_bytes("out/graph.ttl", ttl)
            exports.write("nt", g, nxg, out.path("out/graph.nt"))  # any writer, on a temp path

    Nothing is moved into place until the ``with`` block ends without error; then
    all files are renamed one after the other. On error every temporary file is removed.
    """

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []

    def path(self, target: str | os.PathLike) -> Path:
        """A temporary path to write ``target``'s content to."""
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = _temp_path(target)
        self._pending.append((tmp, target))
        return tmp

    def write_bytes(self, target: str | os.PathLike, data: bytes) -> None:
        self.path(target).write_bytes(data)

    def write_text(self, target: str | os.PathLike, text: str) -> None:
        self.path(target).write_text(text, encoding="utf-8")

    def __enter__(self) -> Outputs:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                for tmp, target in self._pending:
                    _finish(tmp, target)
                for tmp, target in self._pending:
                    os.replace(tmp, target)
        finally:
            for tmp, _ in self._pending:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)  # only still there after an error
            self._pending.clear()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. EPERM: it exists, owned by someone else
        return True
    return True


def clean_stale(folder: str | os.PathLike, names: tuple[str, ...] = ("graph.",)) -> list[Path]:
    """Remove temporary files left in ``folder`` by a killed writer; return them.

    Only hidden ``.<name>...tmp`` files whose name starts with one of ``names``
    are considered: those tagged with the id of a process that no longer runs,
    and any older than :data:`STALE_AFTER_S` (a write takes seconds). A running
    build's files are left alone.
    """
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = _STALE.match(entry.name)
        if not m or not m.group("name").startswith(names):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            pid = m.group("pid")
            stale = (pid and not _alive(int(pid))) or now - entry.stat().st_mtime > STALE_AFTER_S
            if stale:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except (OSError, ValueError, OverflowError):
            continue
    return removed
