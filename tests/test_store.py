"""``kg build --store``: incremental builds give the same bytes as a build from scratch."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph import incremental, store
from graph.build import build
from graph.cli import main
from graph.dataset import open_store, write_store
from graph.incremental import build_into_store

A = {
    "a1.md": "---\ntitle: Talks in Seoul\ndate: 2022-06-14\n---\n"
             "South Korean Foreign Minister Park Jin met U.S. Secretary of State Antony Blinken in Washington "
             "on Monday. Park said the two allies would share more intelligence.\n",
    "a2.md": "---\ntitle: A launch\ndate: 2022-06-06\n---\n"
             "North Korea fired eight short-range ballistic missiles into the Sea of Japan on June 5. "
             "Japan's Defense Minister Nobuo Kishi called the launches a threat.\n",
    "a3.txt": "Blinken spoke with Japanese Prime Minister Fumio Kishida about the region.\n",
}
B = {
    "b1.md": "---\ntitle: The pact\ndate: 2022-06-20\n---\n"
             "The General Security of Military Information Agreement (GSOMIA), signed in November 2016, "
             "lets Seoul and Tokyo share intelligence. President Yoon Suk-yeol wants it used more.\n",
    "b2.txt": "Egypt's President Abdel Fattah el-Sisi met Foreign Minister Park Jin of South Korea in Cairo.\n",
}
CHANGED = {"a2.md": A["a2.md"].replace("eight", "six").replace("Nobuo Kishi", "Yasukazu Hamada")}


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.html", "graph.trig")}


FORMATS = ("ttl", "html", "trig")


def store_build(corpus: Path, out: Path, st: Path, **options):
    return build_into_store([str(corpus)], out, st, workers=1, formats=FORMATS, **options)


def test_three_steps_give_the_bytes_of_a_scratch_build(tmp_path):
    corpus, st = write(tmp_path / "corpus", A), tmp_path / "store"
    assert str(store_build(corpus, tmp_path / "o1", st).store) == "parsed 3, reused 0, removed 0"
    write(corpus, B)
    assert str(store_build(corpus, tmp_path / "o2", st).store) == "parsed 2, reused 3, removed 0"
    write(corpus, CHANGED)
    assert str(store_build(corpus, tmp_path / "o3", st).store) == "parsed 1, reused 4, removed 0"
    build([str(corpus)], tmp_path / "scratch", workers=1, formats=FORMATS)
    assert outputs(tmp_path / "o3") == outputs(tmp_path / "scratch")
    ttl = (tmp_path / "o3" / "graph.ttl").read_text("utf-8")
    assert "Yasukazu Hamada" in ttl and "Nobuo Kishi" not in ttl  # replaced, not added to
    assert str(tmp_path) not in ttl and 'dcterms:source "a2.md"' in ttl
    # the store's graph is the merged graph plus one named graph per document
    graph = open_store(st)
    scratch = ox.Store()
    scratch.load(path=str(tmp_path / "scratch" / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert set(graph.quads_for_pattern(None, None, None, ox.DefaultGraph())) == set(scratch)
    assert len(list(graph.named_graphs())) == 5
    again = store_build(corpus, tmp_path / "o4", st)
    assert (again.store.parsed, again.store.reused) == (0, 5)
    assert outputs(tmp_path / "o4") == outputs(tmp_path / "scratch")


def test_sync_drops_a_documents_facts(tmp_path):
    corpus, st = write(tmp_path / "corpus", {**A, **B}), tmp_path / "store"
    store_build(corpus, tmp_path / "o1", st)
    (corpus / "b2.txt").unlink()
    kept = store_build(corpus, tmp_path / "o2", st)
    assert str(kept.store) == "parsed 0, reused 4, removed 0, kept 1 not in the input"
    assert "el-Sisi" in (tmp_path / "o2" / "graph.ttl").read_text("utf-8")
    synced = store_build(corpus, tmp_path / "o3", st, sync=True)
    assert str(synced.store) == "parsed 0, reused 4, removed 1"
    assert "el-Sisi" not in (tmp_path / "o3" / "graph.ttl").read_text("utf-8")
    build([str(corpus)], tmp_path / "scratch", workers=1, formats=FORMATS)
    assert outputs(tmp_path / "o3") == outputs(tmp_path / "scratch")
    rows = open_store(st).query('ASK { GRAPH ?g { ?d <http://purl.org/dc/terms/identifier> "b2" } }')
    assert not bool(rows)


def test_cli_summary_and_query(tmp_path):
    corpus, st = write(tmp_path / "corpus", A), tmp_path / "store"
    runner = CliRunner()
    args = ["build", str(corpus), "-o", str(tmp_path / "out"), "--store", str(st), "--workers", "1", "-q"]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    assert f"{st}: parsed 3, reused 0, removed 0" in first.output
    second = runner.invoke(main, args)
    assert f"{st}: parsed 0, reused 3, removed 0" in second.output
    found = runner.invoke(main, ["query", "--store", str(st), "officeholders", "--format", "csv"])
    assert found.exit_code == 0 and "Park Jin" in found.output
    refused = runner.invoke(main, ["build", str(corpus), "--sync"])
    assert refused.exit_code == 2 and "--sync needs --store" in refused.output


def test_a_second_build_on_a_store_in_use_is_refused(tmp_path):
    corpus, st = write(tmp_path / "corpus", A), tmp_path / "store"
    with store.Store.open(st):
        result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), "--store", str(st)])
    assert result.exit_code == 2
    assert f"{st}: the store is in use by another kg build (pid {os.getpid()})" in result.output
    assert not (tmp_path / "out").exists()


def test_a_store_of_another_version_is_refused(tmp_path):
    corpus, st = write(tmp_path / "corpus", A), tmp_path / "store"
    st.mkdir()
    (st / store.META_FILE).write_text(json.dumps({"kgstore": store.STORE_FORMAT + 1}))
    with pytest.raises(store.StoreError, match="made by another version of kgbuilder"):
        store_build(corpus, tmp_path / "out", st)
    other = write(tmp_path / "other", {"notes.txt": "not a store"})
    with pytest.raises(store.StoreError, match="not a kg store"):
        store_build(corpus, tmp_path / "out", other)


def test_a_new_extractor_version_parses_everything_again(tmp_path, monkeypatch):
    from extract import EXTRACTOR_VERSION

    corpus, st = write(tmp_path / "corpus", A), tmp_path / "store"
    store_build(corpus, tmp_path / "o1", st)
    monkeypatch.setattr(store, "EXTRACTOR_VERSION", "test-2")
    monkeypatch.setattr(incremental, "EXTRACTOR_VERSION", "test-2")
    report = store_build(corpus, tmp_path / "o2", st)
    assert (report.store.parsed, report.store.reused) == (3, 0)
    assert report.store.notes == [f"the extractor version changed ({EXTRACTOR_VERSION} -> test-2): "
                                  f"every document is parsed again"]


def _records(st: Path) -> int:
    try:
        with sqlite3.connect(f"file:{st / store.RECORDS_FILE}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT COUNT(*) FROM records").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_a_build_killed_midway_is_completed_by_the_next(tmp_path):
    docs = {f"n{i:03d}.txt": f"Foreign Minister Person{i} Smith{i} of South Korea met Japanese Defense Minister "
                             f"Nobuo Kishi in Tokyo. North Korea fired {i % 7 + 2} missiles on June {i % 27 + 1}, "
                             f"2022, Smith{i} said.\n" for i in range(60)}
    corpus, st = write(tmp_path / "corpus", docs), tmp_path / "store"
    kg = [sys.executable, "-m", "graph.cli", "build", str(corpus), "--store", str(st), "--workers", "1", "-q"]
    proc = subprocess.Popen([*kg, "-o", str(tmp_path / "o1")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _records(st) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = _records(st)
    if done >= len(docs):
        pytest.skip("the build finished before it could be killed")
    assert done >= 3 and not (tmp_path / "o1" / "graph.ttl").exists()
    finish = subprocess.run([*kg, "-o", str(tmp_path / "o2")], capture_output=True, text=True, timeout=300)
    assert finish.returncode == 0, finish.stderr
    assert f"parsed {len(docs) - done}, reused {done}, removed 0" in finish.stdout
    build([str(corpus)], tmp_path / "scratch", workers=1)
    for name in ("graph.ttl", "graph.html"):
        assert (tmp_path / "o2" / name).read_bytes() == (tmp_path / "scratch" / name).read_bytes()


def test_a_changed_aliases_file_rewrites_the_stores_graph(tmp_path):
    """The store's merged graph follows the user's --aliases file, not only the documents."""
    from graph.incremental import build_into_store

    src = tmp_path / "docs"
    src.mkdir()
    (src / "a.txt").write_text("Defence Minister Piotr Kowal visited Gdynia on Monday.\n", encoding="utf-8")
    (src / "b.txt").write_text("Uncle Piotr Kowalski praised the crews on Tuesday.\n", encoding="utf-8")
    aliases = tmp_path / "aliases.csv"
    store = tmp_path / "store"
    links = []
    for rows in ("", "Piotr Kowalski,Piotr Kowal,Person,same\n"):
        aliases.write_text("name,canonical,type,relation\n" + rows, encoding="utf-8")
        build_into_store([str(src)], tmp_path / "out", store, workers=1, aliases=aliases)
        links.append(os.readlink(store / "graph"))
    assert links[0] != links[1]


def _quads(st: Path) -> set[str]:
    return {str(q) for q in open_store(st)}


def test_the_stores_graph_updated_by_difference_equals_a_graph_written_whole(tmp_path, monkeypatch):
    """Each step changes the stored graph by difference (a hard-linked copy of it with the
    changed entities and documents replaced): the quads, named graphs included, are those
    of a store built from scratch. Step 2 merges "Blinken" of a3 into the full name that
    B gives, so a document that was not parsed again still changes."""
    from graph import store_graph

    monkeypatch.setattr(store_graph, "MAX_CHANGED_SHARE", 1.0)
    whole = []
    monkeypatch.setattr(store_graph, "write_store", lambda *a: whole.append(a) or write_store(*a))
    corpus, st = write(tmp_path / "corpus", A), tmp_path / "store"
    store_build(corpus, tmp_path / "o", st)
    assert len(whole) == 1  # an empty store: written whole
    steps = [lambda: write(corpus, B), lambda: write(corpus, CHANGED), lambda: (corpus / "b2.txt").unlink()]
    for n, step in enumerate(steps):
        step()
        store_build(corpus, tmp_path / "o", st, sync=True)
        store_build(corpus, tmp_path / f"scratch{n}", tmp_path / f"scratch{n}-store")
        assert len(whole) == 2 + n  # the scratch stores only
        assert _quads(st) == _quads(tmp_path / f"scratch{n}-store")
    assert "el-Sisi" not in " ".join(_quads(st))


def test_many_changes_write_the_graph_whole(tmp_path, monkeypatch):
    from graph import store_graph

    whole = []
    monkeypatch.setattr(store_graph, "write_store", lambda *a: whole.append(a) or write_store(*a))
    corpus, st = write(tmp_path / "corpus", A), tmp_path / "store"
    store_build(corpus, tmp_path / "o", st)
    write(corpus, B)  # two new documents of five, new entities: over the share
    store_build(corpus, tmp_path / "o", st)
    assert len(whole) == 2
    store_build(corpus, tmp_path / "scratch", tmp_path / "scratch-store")
    assert _quads(st) == _quads(tmp_path / "scratch-store")


def test_cli_update_parses_the_new_document_in_the_worker_started_first(tmp_path):
    """``kg build --store`` on a store with records starts a worker before reading its input:
    the new document is parsed there and the files are those of a scratch build."""
    corpus, st = write(tmp_path / "corpus", A), tmp_path / "store"
    runner = CliRunner()
    args = ["build", str(corpus), "-o", str(tmp_path / "out"), "--store", str(st), "--workers", "2", "-q"]
    assert runner.invoke(main, args).exit_code == 0
    write(corpus, {"b1.md": B["b1.md"]})
    update = runner.invoke(main, args)
    assert update.exit_code == 0, update.output
    assert f"{st}: parsed 1, reused 3, removed 0" in update.output
    build([str(corpus)], tmp_path / "scratch", workers=1)
    for name in ("graph.ttl", "graph.html"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "scratch" / name).read_bytes()
    bad = runner.invoke(main, [*args, "--format", "ttl,bogus"])
    assert bad.exit_code == 2 and "unknown format 'bogus'" in bad.output


def test_more_new_documents_than_the_early_worker_takes(tmp_path, monkeypatch):
    """Past PRESTARTED_MAX new documents the early worker is stopped and the usual workers
    parse them all; the files are still those of a scratch build."""
    monkeypatch.setattr(incremental, "PRESTARTED_MAX", 1)
    corpus, st = write(tmp_path / "corpus", A), tmp_path / "store"
    store_build(corpus, tmp_path / "o1", st)
    write(corpus, {**B, **CHANGED})
    report = store_build(corpus, tmp_path / "o2", st)
    assert str(report.store) == "parsed 3, reused 2, removed 0"
    build([str(corpus)], tmp_path / "scratch", workers=1, formats=FORMATS)
    assert outputs(tmp_path / "o2") == outputs(tmp_path / "scratch")


def test_digests_ask_for_a_whole_write_when_a_unit_comes_in_two_blocks():
    from graph.rdf import Block
    from graph.store_graph import Digests, State

    s, p = ox.NamedNode("https://example.org/e"), ox.NamedNode("https://example.org/p")
    old = State({s.value: [0, []], **{f"https://example.org/x{i}": [i, []] for i in range(9)}}, {})
    digests = Digests(old)
    digests(Block(s, None, [ox.Triple(s, p, ox.Literal("a"))]))
    assert not digests.whole and len(digests.changed) == 1  # changed: kept to be stored
    digests(Block(s, None, [ox.Triple(s, p, ox.Literal("b"))]))
    assert digests.whole and digests.changed == []


def test_an_update_with_a_model_that_is_not_installed_fails_at_once(tmp_path):
    """No early worker for a pipeline that isn't there: the build fails with the usual
    one-line error instead of a worker that can't start."""
    corpus, st = write(tmp_path / "corpus", A), tmp_path / "store"
    runner = CliRunner()
    args = ["build", str(corpus), "-o", str(tmp_path / "out"), "--store", str(st), "--workers", "1", "-q"]
    assert runner.invoke(main, args).exit_code == 0
    assert incremental.prestart(st, "no_such_pipeline_xyz", 2) is None
    write(corpus, {"b1.md": B["b1.md"]})
    failed = runner.invoke(main, [*args, "--model", "no_such_pipeline_xyz"])
    assert failed.exit_code == 2 and "no_such_pipeline_xyz" in failed.output and "not installed" in failed.output


def test_a_worker_that_cannot_start_fails_the_batch_instead_of_restarting(tmp_path):
    from extract.errors import ModelError
    from graph.workers import Prestarted

    early = Prestarted("no_such_pipeline_xyz", halves=False)
    try:
        early.submit([])
        with pytest.raises(ModelError, match="no_such_pipeline_xyz"):
            next(early.outputs())
    finally:
        early.close()
