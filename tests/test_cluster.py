"""``kg build --scheduler``: the same bytes on a Dask cluster of two worker processes on
127.0.0.1 as in one process; a worker killed mid-run; workers without the model; a
scheduler that can't be reached."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from long_text import long_article
from test_long_documents import check_long_build
from test_workers import _corpus

from extract.errors import KgError
from graph.build import BATCH_SIZE, build

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.heavy

ROOT = Path(__file__).resolve().parent.parent
DEV_DOCS = ROOT.parent / "shared" / "eval" / "dev" / "docs"
KG = Path(sys.executable).with_name("kg")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=40) as local:
        yield local


def _same_files(one: Path, two: Path) -> None:
    for name in ("graph.ttl", "graph.html"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_two_workers_write_the_same_bytes_as_one_process(tmp_path, cluster):
    if DEV_DOCS.is_dir():
        inputs = [str(DEV_DOCS)]
    else:  # the seed and a small corpus
        inputs = [str(ROOT / "seeds"), str(_corpus(tmp_path / "corpus", 2 * BATCH_SIZE))]
    local = build(inputs, tmp_path / "local", workers=1)
    dask = build(inputs, tmp_path / "dask", scheduler=cluster.scheduler_address)
    assert dask.documents == local.documents > 1
    assert dask.timings["nlp"] > 0
    _same_files(tmp_path / "local", tmp_path / "dask")


def test_a_long_text_is_split_on_the_workers(tmp_path, cluster):
    (tmp_path / "long.txt").write_text(long_article(30_000), encoding="utf-8")
    build([str(tmp_path / "long.txt")], tmp_path / "dask", scheduler=cluster.scheduler_address,
          max_length=4000, default_date="2022-06-10")
    build([str(tmp_path / "long.txt")], tmp_path / "local", max_length=4000, default_date="2022-06-10")
    check_long_build(tmp_path / "dask" / "graph.ttl")
    _same_files(tmp_path / "local", tmp_path / "dask")


def test_a_worker_killed_mid_run_leaves_the_graph_complete(tmp_path, cluster):
    marker = tmp_path / "killed"

    class KillOnce(distributed.WorkerPlugin):
        """Kills its worker process when it starts the second batch, once (marker file)."""

        def transition(self, key, start, finish, **kwargs):
            if finish == "executing" and str(key).startswith("kg-batch-") and str(key).endswith("-1"):
                try:
                    os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
                except FileExistsError:
                    return
                os.kill(os.getpid(), 9)

    corpus = _corpus(tmp_path / "corpus", 4 * BATCH_SIZE)
    local = build([str(corpus)], tmp_path / "local", workers=1)
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        client.register_plugin(KillOnce(), name="kill-once")
        try:
            dask = build([str(corpus)], tmp_path / "dask", scheduler=cluster.scheduler_address)
        finally:
            client.unregister_worker_plugin("kill-once")
        assert marker.exists()
        client.wait_for_workers(2, timeout=60)  # the nanny restarted the killed worker
    assert dask.documents == local.documents == 4 * BATCH_SIZE
    _same_files(tmp_path / "local", tmp_path / "dask")


def test_workers_without_the_model_fail_the_build_at_start(tmp_path, cluster):
    with pytest.raises(KgError) as caught:
        build([str(ROOT / "seeds")], tmp_path / "out", scheduler=cluster.scheduler_address,
              model="en_core_web_absent")
    message = str(caught.value)
    for worker in cluster.scheduler_info["workers"]:
        assert f"worker {worker} has no spaCy pipeline package 'en_core_web_absent'" in message
    assert "pip install en-core-web-absent" in message
    assert not (tmp_path / "out" / "graph.ttl").exists()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens there once the socket is closed


def test_an_unreachable_scheduler_is_one_error_line_and_exit_2(tmp_path):
    address = f"tcp://127.0.0.1:{_closed_port()}"
    done = subprocess.run([str(KG), "build", str(ROOT / "seeds"), "-o", str(tmp_path), "-q",
                           "--scheduler", address], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"kg: error: can't reach the Dask scheduler at {address}")
    assert not (tmp_path / "graph.ttl").exists()


@pytest.mark.parametrize("value", ["local:0", "local:x", "local:"])
def test_a_bad_local_scheduler_is_a_usage_error(tmp_path, value):
    from click.testing import CliRunner

    from graph.cli import main

    result = CliRunner().invoke(main, ["build", str(ROOT / "seeds"), "-o", str(tmp_path), "--scheduler", value])
    assert result.exit_code == 2
    assert "give local:N" in result.output
