"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint for a built graph.

The endpoint is the Oxigraph server (the ``oxigraph`` package on PyPI ships its
binary): the graph file is loaded into a fresh on-disk store in a temporary folder,
then served with ``oxigraph serve-read-only``, which answers queries at ``/query``
(GET or POST, all SPARQL 1.1 result formats) and refuses SPARQL Update and Graph
Store writes with HTTP 403. The folder is removed when the server stops.

Queries sent over HTTP must declare their prefixes (``graph.query.with_prefixes``
adds the project's).
"""
from __future__ import annotations

import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from extract.errors import InputError, KgError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878


class ServeError(KgError):
    """The SPARQL endpoint can't be started."""


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` server binary installed with the ``oxigraph`` package."""
    beside_python = Path(sys.executable).parent / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
    if beside_python.is_file():
        return str(beside_python)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ServeError("the Oxigraph server is not installed: install the project's requirements "
                     "(`make install`), which include the `oxigraph` package")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def free_port(host: str = DEFAULT_HOST) -> int:
    """A TCP port that is free on ``host`` right now."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def port_in_use(host: str, port: int) -> bool:
    """True when something already listens on ``host:port``."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as s:
        s.settimeout(1)
        return s.connect_ex((host, port)) == 0


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    # Linux: stop the server if the Python process that started it dies without cleanup.
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass


class Endpoint:
    """A running read-only endpoint; use as a context manager or call :meth:`stop`.

    >>> with Endpoint("output/graph.ttl", port=free_port()) as ep:  # doctest: +SKIP
    ...     ep.query_url
    'http://127.0.0.1:40123/query'
    """

    def __init__(self, ttl_path: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 *, allow_remote: bool = False, timeout_s: int = 60, quiet: bool = True):
        self.ttl_path = Path(ttl_path)
        if not self.ttl_path.is_file():
            raise InputError(f"{self.ttl_path}: no such graph file (build one with `kg build`)")
        if not allow_remote and not is_loopback(host):
            raise ServeError(f"refusing to listen on {host}: the endpoint is for this machine only "
                             f"(use 127.0.0.1)")
        self.host, self.port, self.timeout_s, self.quiet = host, int(port), timeout_s, quiet
        self._dir: str | None = None
        self._log = None
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    def _load(self, binary: str, store: str) -> None:
        fmt = {".nt": "nt", ".jsonld": "jsonld", ".rdf": "rdf", ".nq": "nq", ".trig": "trig"}.get(
            self.ttl_path.suffix.lower(), "ttl")
        done = subprocess.run(
            [binary, "load", "--location", store, "--format", fmt, "--file", str(self.ttl_path)],
            capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            detail = " ".join(done.stderr.split())[:500]
            raise InputError(f"{self.ttl_path}: the Oxigraph server could not load it: {detail}")

    def start(self, ready_timeout: float = 30.0) -> Endpoint:
        """Load the graph, start the server, and return once it answers a query."""
        binary = oxigraph_binary()
        if port_in_use(self.host, self.port):
            raise ServeError(f"port {self.port} on {self.host} is already in use: pick another with --port")
        self._dir = tempfile.mkdtemp(prefix="kg-serve-")
        try:
            store = os.path.join(self._dir, "store")
            self._load(binary, store)
            cmd = [binary, "serve-read-only", "--location", store,
                   "--bind", f"{self.host}:{self.port}", "--timeout-s", str(self.timeout_s)]
            if self.quiet:
                self._log = open(os.path.join(self._dir, "server.log"), "w+b")
            self.process = subprocess.Popen(
                cmd, stdin=subprocess.DEVNULL,
                stdout=self._log if self.quiet else None, stderr=subprocess.STDOUT if self.quiet else None,
                # its own session: a Ctrl-C reaches only us, and we stop it cleanly
                start_new_session=True,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
            self._wait_ready(ready_timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _server_output(self) -> str:
        if self._log is None:
            return ""
        self._log.flush()
        self._log.seek(0)
        return " ".join(self._log.read().decode("utf-8", "replace").split())[-500:]

    def _wait_ready(self, timeout: float) -> None:
        probe = self.query_url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise ServeError(f"the Oxigraph server exited with code {self.process.returncode} "
                                 f"(is port {self.port} in use?): {self._server_output()}")
            try:
                with urllib.request.urlopen(probe, timeout=2) as resp:
                    if resp.status == 200 and self.process.poll() is None:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise ServeError(f"the Oxigraph server did not answer on {self.url} within {timeout:.0f}s")
            time.sleep(0.1)

    def wait(self) -> int:
        """Block until the server exits; return its exit code."""
        return self.process.wait() if self.process else 0

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server (SIGTERM, then SIGKILL after ``timeout``) and delete its store."""
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=timeout)
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def __enter__(self) -> Endpoint:
        return self.start() if self.process is None else self

    def __exit__(self, *exc) -> None:
        self.stop()


class _Stop(Exception):
    pass


def _raise_stop(signum, frame):
    raise _Stop(signum)


def serve(ttl_path: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve the graph read-only until interrupted (Ctrl-C, SIGTERM or SIGHUP)."""
    endpoint = Endpoint(ttl_path, host, port, quiet=True)
    previous = {}
    if threading.current_thread() is threading.main_thread():  # signals can only be caught there
        previous = {sig: signal.signal(sig, _raise_stop) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        endpoint.start()
        print(f"SPARQL endpoint for {endpoint.ttl_path} at {endpoint.query_url} "
              f"(read-only; Ctrl-C to stop)", flush=True)
        code = endpoint.wait()
        raise ServeError(f"the Oxigraph server stopped with code {code}: {endpoint._server_output()}")
    except (KeyboardInterrupt, _Stop):
        pass
    finally:
        endpoint.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
