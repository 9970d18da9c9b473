"""Node positions for the HTML page, computed in Python so the browser starts from a
finished layout: a seeded Fruchterman-Reingold layout (the model of
``networkx.spring_layout``) in NumPy."""
from __future__ import annotations

import math

import numpy as np

LAYOUT_SEED = 7
GRAVITY = 2.0
EDGE_PX = 160  # the ideal edge length of the layout, in vis-network pixels


def layout(n: int, pairs: list[tuple[int, int]], seed: int = LAYOUT_SEED) -> np.ndarray:
    """A Fruchterman-Reingold layout (as ``networkx.spring_layout``) of ``n`` nodes
    linked by ``pairs`` of indexes, in pixels. Seeded, so the same input gives
    the same positions. Rows are computed in chunks to bound memory; iterations
    drop for very large graphs."""
    if n == 0:
        return np.zeros((0, 2))
    rng = np.random.RandomState(seed)
    pos = rng.rand(n, 2).astype(np.float32)
    if n == 1:
        return np.zeros((1, 2))
    adj = np.zeros((n, n), dtype=np.float32) if n <= 4000 else None
    nbrs = [[] for _ in range(n)]
    for a, b in pairs:
        if a != b:
            nbrs[a].append(b)
            nbrs[b].append(a)
            if adj is not None:
                adj[a, b] = adj[b, a] = 1.0
    k = math.sqrt(1.0 / n)
    iterations = 50 if n <= 2500 else max(8, int(50 * (2500 / n) ** 2))
    t = 0.1
    dt = t / (iterations + 1)
    chunk = max(1, min(n, 4_000_000 // n))
    disp = np.zeros_like(pos)
    for _ in range(iterations):
        for lo in range(0, n, chunk):
            hi = min(n, lo + chunk)
            dx = pos[lo:hi, 0:1] - pos[None, :, 0]
            dy = pos[lo:hi, 1:2] - pos[None, :, 1]
            d2 = np.maximum(dx * dx + dy * dy, np.float32(1e-6))
            f = np.float32(k * k) / d2
            if adj is not None:
                f -= adj[lo:hi] * np.sqrt(d2) / np.float32(k)
            disp[lo:hi, 0] = (dx * f).sum(axis=1)
            disp[lo:hi, 1] = (dy * f).sum(axis=1)
        if adj is None:  # attraction along edges only
            for a in range(n):
                if nbrs[a]:
                    d = pos[a] - pos[nbrs[a]]
                    dist = np.sqrt((d * d).sum(axis=1, keepdims=True))
                    disp[a] -= (d * dist).sum(axis=0) / np.float32(k)
        disp -= np.float32(GRAVITY) * (pos - pos.mean(axis=0))  # holds components and isolates together
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1, keepdims=True)), np.float32(0.01))
        pos += disp * np.float32(t) / length
        t -= dt
    pos -= pos.mean(axis=0)
    return pos.astype(np.float64) * (EDGE_PX / k)
