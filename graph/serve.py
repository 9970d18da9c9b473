"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint for a built graph.

The endpoint is the Oxigraph server (the ``oxigraph`` package on PyPI ships its
binary): the graph file is loaded into a fresh on-disk store in a temporary folder,
then served with ``oxigraph serve-read-only``, which answers queries at ``/query``
(GET or POST, all SPARQL 1.1 result formats) and refuses SPARQL Update and Graph
Store writes with HTTP 403. The folder is removed when the server stops.

Queries sent over HTTP must declare their prefixes (``graph.query.with_prefixes``
adds the project's). The server listens on a private loopback port behind a small
pass-through proxy on the public one, which only rewrites one answer: a query refused
for an undeclared prefix gets a one-line hint naming the ``PREFIX`` line to add,
instead of the parser's several hundred characters.
"""
from __future__ import annotations

import http.client
import http.server
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

from .query import PREFIXES, missing_prefix_hint

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


# headers that belong to one connection, not to the message (RFC 9110 section 7.6.1)
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding",
               "upgrade", "content-length", "host"}

#: The query of the banner's curl example.
EXAMPLE_QUERY = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                 "PREFIX schema: <https://schema.org/> "
                 "SELECT ?person ?name WHERE { ?person a schema:Person ; rdfs:label ?name } LIMIT 5")


def curl_example(query_url: str) -> str:
    """A curl command that runs :data:`EXAMPLE_QUERY` at ``query_url`` and prints CSV."""
    return f"curl -s {query_url} -H 'Accept: text/csv' --data-urlencode '{'query=' + EXAMPLE_QUERY}'"


def banner(ttl_path, query_url: str) -> str:
    """What ``kg serve`` prints once the endpoint answers: where, the prefixes, a curl line."""
    return (f"SPARQL endpoint for {ttl_path} at {query_url} (read-only; Ctrl-C to stop)\n"
            f"Queries must declare their prefixes; the graph's are:\n{PREFIXES}"
            f"Try it (`kg query --show NAME` prints a named query with its prefixes):\n"
            f"{curl_example(query_url)}\n")


def _query_text(path: str, content_type: str, body: bytes | None) -> str:
    """The SPARQL query of a SPARQL-protocol request (GET ?query=, form POST or direct POST)."""
    found = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query).get("query")
    if not found and body:
        if content_type.startswith("application/sparql-query"):
            return body.decode("utf-8", "replace")
        found = urllib.parse.parse_qs(body.decode("utf-8", "replace")).get("query")
    return found[0] if found else ""


class _Proxy(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, backend: tuple[str, int], timeout_s: float):
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.backend, self.backend_timeout = backend, timeout_s
        super().__init__(address, _ProxyHandler)


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    """Passes every request to the Oxigraph server and its answer back, unchanged but for
    a 400 about an undeclared prefix, whose body becomes a one-line hint."""

    server: _Proxy

    def log_message(self, format, *args):  # quiet, like the server behind it
        pass

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        conn = http.client.HTTPConnection(*self.server.backend, timeout=self.server.backend_timeout)
        try:
            conn.request(self.command, self.path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            status, reason, out_headers = resp.status, resp.reason, resp.getheaders()
        except OSError as exc:
            status, reason, out_headers = 502, "Bad Gateway", [("Content-Type", "text/plain; charset=utf-8")]
            data = f"the SPARQL server behind kg serve did not answer: {exc}\n".encode()
        finally:
            conn.close()
        if status == 400:
            hint = missing_prefix_hint(_query_text(self.path, self.headers.get("Content-Type", ""), body),
                                       data.decode("utf-8", "replace"))
            if hint:
                data = (hint + "\n").encode("utf-8")
                out_headers = [("Content-Type", "text/plain; charset=utf-8")]
        self.send_response(status, reason)
        for name, value in out_headers:
            if name.lower() not in _HOP_BY_HOP:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = _forward


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
        self._proxy: _Proxy | None = None
        self._proxy_thread: threading.Thread | None = None

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
            backend = ("127.0.0.1", free_port("127.0.0.1"))
            cmd = [binary, "serve-read-only", "--location", store,
                   "--bind", f"{backend[0]}:{backend[1]}", "--timeout-s", str(self.timeout_s)]
            if self.quiet:
                self._log = open(os.path.join(self._dir, "server.log"), "w+b")
            self.process = subprocess.Popen(
                cmd, stdin=subprocess.DEVNULL,
                stdout=self._log if self.quiet else None, stderr=subprocess.STDOUT if self.quiet else None,
                # its own session: a Ctrl-C reaches only us, and we stop it cleanly
                start_new_session=True,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
            try:
                self._proxy = _Proxy((self.host, self.port), backend, self.timeout_s + 10)
            except OSError as exc:
                raise ServeError(f"can't listen on {self.host}:{self.port} ({exc.strerror or exc}): "
                                 f"pick another port with --port") from None
            self._proxy_thread = threading.Thread(target=self._proxy.serve_forever, name="kg-serve-proxy",
                                                  daemon=True)
            self._proxy_thread.start()
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
        proxy, self._proxy = self._proxy, None
        if proxy is not None:
            proxy.shutdown()
            proxy.server_close()
            self._proxy_thread.join(timeout)
            self._proxy_thread = None
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


def serve(ttl_path: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          endpoint: Endpoint | None = None) -> None:
    """Serve the graph (or ``endpoint``'s) read-only until interrupted (Ctrl-C, SIGTERM or SIGHUP)."""
    endpoint = endpoint or Endpoint(ttl_path, host, port, quiet=True)
    previous = {}
    if threading.current_thread() is threading.main_thread():  # signals can only be caught there
        previous = {sig: signal.signal(sig, _raise_stop) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        endpoint.start()
        print(banner(endpoint.ttl_path, endpoint.query_url), end="", flush=True)
        code = endpoint.wait()
        raise ServeError(f"the Oxigraph server stopped with code {code}: {endpoint._server_output()}")
    except (KeyboardInterrupt, _Stop):
        pass
    finally:
        endpoint.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
