"""Parallel builds give the same files, byte for byte, as a build in one process."""
from __future__ import annotations

from pathlib import Path

from graph.build import BATCH_SIZE, build

ROOT = Path(__file__).resolve().parent.parent


def _corpus(folder: Path, n: int) -> Path:
    """``n`` small articles: paragraphs of the seed, each file with its own date."""
    seed = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8").split("---", 2)[2]
    paragraphs = [p for p in seed.split("\n") if len(p.split()) > 12]
    folder.mkdir()
    for i in range(n):
        body = "\n\n".join(paragraphs[(i + k) % len(paragraphs)] for k in range(3))
        day = 1 + i % 28
        (folder / f"doc-{i:03d}.md").write_text(
            f"---\ntitle: Article {i}\ndate: 2022-06-{day:02d}\n---\n{body}\n", encoding="utf-8")
    return folder


def test_two_workers_write_the_same_bytes_as_one(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 3 * BATCH_SIZE)  # enough for the worker pool to start
    one = build([str(corpus)], tmp_path / "one", workers=1)
    two = build([str(corpus)], tmp_path / "two", workers=2)
    assert one.documents == two.documents == 3 * BATCH_SIZE
    assert two.timings["nlp"] > 0
    for name in ("graph.ttl", "graph.html"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
