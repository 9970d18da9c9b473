"""Parallel builds give the same files, byte for byte, as a build in one process."""
from __future__ import annotations

from pathlib import Path

import pytest

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


def test_a_batch_done_in_two_halves_gives_the_results_of_one_pass(tmp_path):
    """The worker started early for a store update hands half of each batch to a forked copy
    of itself: same results, same order, as the whole batch in one process."""
    from extract.readers import read_file
    from extract.records import to_json
    from graph import workers

    corpus = _corpus(tmp_path / "corpus", 5)
    docs = [d for path in sorted(corpus.iterdir()) for d in read_file(path)]
    workers.init_worker(workers.nlpmod.DEFAULT_MODEL)
    whole, halves = workers.process_batch(docs), workers.process_halves(docs)
    assert [to_json(r) for r in halves[0]] == [to_json(r) for r in whole[0]]
    assert [r.document.id for r in halves[0]] == [d.id for d in docs]
    assert halves[1] > 0  # the copy's parsing seconds are counted too


def test_forked_work_reports_its_failure_as_one_message(tmp_path):
    from extract.errors import KgError
    from graph.forked import Forked

    target = tmp_path / "page.html"
    assert Forked(lambda: target.write_text("done")).wait() >= 0
    assert target.read_text() == "done"  # written by the child
    counted = Forked(lambda: [len("done"), "back"])
    assert counted.wait() == [4, "back"] and counted.seconds >= 0  # the result comes back

    def fail():
        raise KgError(f"{target}: can't write the graph: No space left on device")

    with pytest.raises(KgError, match="No space left on device"):
        Forked(fail).wait()
    slow = Forked(lambda: __import__("time").sleep(30))
    slow.cancel()  # stops at once
    assert slow.pid is None
