"""One piece of work done in a forked copy of the build, beside the rest of it.

The page is rendered from the finished graph while the Turtle and the store are
written: the copy shares the graph's memory (copy on write) instead of receiving
it pickled. Where the platform can't fork, the work is done in :meth:`Forked.wait`.
"""
from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Callable

from extract.errors import KgError


class Forked:
    """``work()`` running in a child process. :meth:`wait` returns its seconds, or raises
    KgError with the child's error; :meth:`cancel` stops it."""

    def __init__(self, work: Callable[[], None]):
        self.work = work
        self.pid: int | None = None
        self._read: int | None = None
        if not hasattr(os, "fork"):
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: do the work, say how it went, never return into the build
            os.close(read)
            status = 0
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build's process handles Ctrl-C
                start = time.perf_counter()
                work()
                message = f"ok {time.perf_counter() - start:.6f}"
            except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises
                message, status = (str(exc) if isinstance(exc, KgError) else f"{type(exc).__name__}: {exc}"), 1
            finally:
                try:
                    os.write(write, message.encode("utf-8", "replace")[:8000])
                finally:
                    os._exit(status)
        os.close(write)
        self.pid, self._read = pid, read

    def wait(self) -> float:
        """Seconds the work took; raises KgError if it failed."""
        if self.pid is None:
            start = time.perf_counter()
            self.work()
            return time.perf_counter() - start
        chunks = []
        while chunk := os.read(self._read, 65536):
            chunks.append(chunk)
        self._close_pipe()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        message = b"".join(chunks).decode("utf-8", "replace")
        if os.waitstatus_to_exitcode(status) != 0 or not message.startswith("ok "):
            raise KgError(message or f"a build process ended with status {os.waitstatus_to_exitcode(status)}")
        return float(message[3:])

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
