"""graph.html in Firefox ESR (Debian's ``firefox-esr``; ``.ci/run`` installs it): a
headless screenshot (``firefox --headless --screenshot``, fresh temporary profile)
of the seed page is not blank, and its header shows the counts the page's script
writes: the header strip differs from that of the same page with the script left
out. Skips, saying why, when firefox is not installed."""
from __future__ import annotations

import shutil
import subprocess
import zlib
from pathlib import Path

import numpy as np
import pytest

from graph.html import APP_SCRIPTS, asset

FIREFOX = shutil.which("firefox-esr") or shutil.which("firefox")
WIDTH, HEIGHT, HEADER = 1400, 900, 36


def read_png(path: Path) -> np.ndarray:
    """The pixels (height × width × channels, uint8) of an 8-bit, non-interlaced RGB or
    RGBA PNG: what Firefox writes."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        size = int.from_bytes(data[pos:pos + 4], "big")
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + size]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + size
    width, height = int.from_bytes(header[:4], "big"), int.from_bytes(header[4:8], "big")
    depth, colour, interlace = header[8], header[9], header[12]
    assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
    bpp = 3 if colour == 2 else 4
    raw = np.frombuffer(zlib.decompress(idat), dtype=np.uint8).reshape(height, 1 + width * bpp)
    out = np.zeros((height, width * bpp), dtype=np.uint8)
    prev = np.zeros(width * bpp, dtype=np.int32)
    for y in range(height):
        kind, line = raw[y, 0], raw[y, 1:].astype(np.int32)
        if kind in (0, 2):
            row = (line + (prev if kind == 2 else 0)) % 256
        else:  # Sub, Average and Paeth depend on the pixel to the left
            row = np.zeros_like(line)
            for x in range(line.size):
                a = row[x - bpp] if x >= bpp else 0
                b, c = prev[x], prev[x - bpp] if x >= bpp else 0
                if kind == 1:
                    pred = a
                elif kind == 3:
                    pred = (a + b) // 2
                else:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                row[x] = (line[x] + pred) % 256
        out[y], prev = row, row
    return out.reshape(height, width, bpp)[:, :, :3]


def screenshot(html: Path, png: Path, tmp: Path) -> np.ndarray:
    profile = tmp / f"profile-{png.stem}"
    profile.mkdir()
    subprocess.run([FIREFOX, "--headless", "--no-remote", "--profile", str(profile),
                    "--window-size", f"{WIDTH},{HEIGHT}", "--screenshot", str(png), html.resolve().as_uri()],
                   check=True, timeout=180, capture_output=True)
    return read_png(png)


@pytest.mark.skipif(FIREFOX is None, reason="firefox not installed (apt-get install firefox-esr; .ci/run does it)")
def test_firefox_renders_the_page_with_its_header_counts(seed_build, tmp_path):
    page = seed_build / "graph.html"
    html = page.read_text(encoding="utf-8")
    app = "\n".join(asset(name) for name in APP_SCRIPTS)
    assert app in html
    bare = tmp_path / "bare.html"  # the same page without its script: no counts, no graph
    bare.write_text(html.replace(app, ""), encoding="utf-8")
    shot = screenshot(page, tmp_path / "page.png", tmp_path)
    control = screenshot(bare, tmp_path / "bare.png", tmp_path)
    assert shot.shape == (HEIGHT, WIDTH, 3)
    grey = shot.mean(axis=2)
    assert grey.std() > 20, "blank screenshot"
    assert len(np.unique(shot.reshape(-1, 3), axis=0)) > 100  # text, shapes and colours, not a flat fill
    header = np.abs(shot[:HEADER].astype(int) - control[:HEADER].astype(int)).sum(axis=2) > 60
    assert header.sum() > 300, "no header counts drawn"  # dark text where the bare page has none
    body = np.abs(shot[HEADER:].astype(int) - control[HEADER:].astype(int)).sum(axis=2) > 60
    assert body.sum() > 5000  # the graph, timeline and table were drawn
