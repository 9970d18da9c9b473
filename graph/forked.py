"""One piece of work done in a forked copy of this process, beside the rest of it.

The page is rendered from the finished graph while the Turtle and the store are
written, and a parsing worker hands half of a batch to a copy of itself: the copy
shares the parent's memory (copy on write) instead of receiving it pickled, and only
the result comes back (pickled, through a pipe). Where the platform can't fork, the
work is done in :meth:`Forked.wait`.
"""
from __future__ import annotations

import contextlib
import os
import pickle
import signal
import time
from collections.abc import Callable

from extract.errors import KgError


class Forked:
    """``work()`` running in a child process. :meth:`wait` returns its result (its
    seconds are in ``seconds``), or raises KgError with the child's error; :meth:`cancel`
    stops it."""

    def __init__(self, work: Callable[[], object]):
        self.work = work
        self.seconds = 0.0
        self.pid: int | None = None
        self._read: int | None = None
        if not hasattr(os, "fork"):
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: do the work, send how it went, never return into the build
            os.close(read)
            _run_in_child(work, write)
        os.close(write)
        self.pid, self._read = pid, read

    def wait(self):
        """The work's result; raises KgError if it failed."""
        if self.pid is None:
            start = time.perf_counter()
            result = self.work()
            self.seconds = time.perf_counter() - start
            return result
        with os.fdopen(self._read, "rb", closefd=False) as pipe:
            payload = pipe.read()
        self._close_pipe()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        try:
            ok, value, self.seconds = pickle.loads(payload)
        except Exception:  # nothing, or not all, came back: the child died
            raise KgError(f"a build process ended with status {os.waitstatus_to_exitcode(status)}") from None
        if not ok:
            raise KgError(value)
        return value

    def cancel(self) -> None:
        """Stop the work if it still runs (an interrupted or failed build)."""
        self._close_pipe()
        if self.pid is not None:
            pid, self.pid = self.pid, None
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)

    def _close_pipe(self) -> None:
        if self._read is not None:
            fd, self._read = self._read, None
            os.close(fd)


def _run_in_child(work: Callable[[], object], write: int) -> None:
    """Run ``work`` and send (ok, result or error message, seconds) to the parent; exit."""
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build's process handles Ctrl-C
        start = time.perf_counter()
        outcome = (True, work(), time.perf_counter() - start)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises
        outcome, status = (False, str(exc) if isinstance(exc, KgError) else f"{type(exc).__name__}: {exc}", 0.0), 1
    try:
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(outcome, pipe)
    finally:
        os._exit(status)
