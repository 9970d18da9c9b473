"""``kg serve --store DIR``: the endpoint of :mod:`graph.serve` on a store's graph.

Nothing is loaded: the Oxigraph server opens the store's graph read-only, so the
endpoint starts at once whatever the graph's size. A ``kg build --store`` run
meanwhile writes a new graph beside it and leaves the served one in place.
"""
from __future__ import annotations

import os
from pathlib import Path

from .dataset import graph_folder
from .serve import DEFAULT_HOST, DEFAULT_PORT, Endpoint
from .store import META_FILE


class StoreEndpoint(Endpoint):
    """An endpoint serving the graph of the store in ``store_dir``."""

    def __init__(self, store_dir: str | os.PathLike, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 **options):
        self.graph = graph_folder(store_dir)
        super().__init__(Path(store_dir) / META_FILE, host, port, **options)
        self.ttl_path = Path(store_dir)  # named in the banner

    def _load(self, binary: str, store: str) -> None:
        os.symlink(self.graph, store)  # the server opens the store's graph where it is
