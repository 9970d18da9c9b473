"""``kg build --scheduler local:N`` against ``kg build --workers N`` on the benchmark corpus.

    .venv/bin/python benchmarks/cluster_bench.py [--n 1000] [--workers 2] [--rounds 1]

Each build is a fresh ``kg build`` child process. Reported for each: wall time,
documents per second, and peak resident memory of the client (the ``kg`` process:
readers, the in-flight batches, the extracted records and the graph) and of the
largest worker process (forked pool workers, or Dask worker processes each with its
own copy of the pipeline), sampled every 0.2 s with psutil. The throughput ratio is
Dask's documents/s over the pool's; both builds must write the same graph.ttl.
Results go to ``output/cluster_bench.json``.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import corpus as corpus_mod  # noqa: E402  (benchmarks/corpus.py)

MB = 1024 * 1024


class PeakSampler(threading.Thread):
    """Peak RSS of a process and of the largest of its descendants, sampled until it ends."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.client_peak = self.worker_peak = self.tree_peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.stop.is_set():
            try:
                children = root.children(recursive=True)
                client = root.memory_info().rss
            except psutil.Error:
                break
            sizes = []
            for proc in children:
                try:
                    sizes.append(proc.memory_info().rss)
                except psutil.Error:
                    continue
            self.client_peak = max(self.client_peak, client)
            self.worker_peak = max([self.worker_peak, *sizes])
            self.tree_peak = max(self.tree_peak, client + sum(sizes))
            self.stop.wait(self.interval)


def measure(cmd: list[str], documents: int) -> dict:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    sampler = PeakSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.stop.set()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode()[-2000:]}")
    return {"cmd": cmd, "wall_s": round(wall, 2), "docs_per_s": round(documents / wall, 2),
            "client_peak_rss_mb": round(sampler.client_peak / MB),
            "worker_peak_rss_mb": round(sampler.worker_peak / MB),
            "tree_peak_rss_mb": round(sampler.tree_peak / MB)}


def run(n: int, workers: int, rounds: int, work: Path) -> dict:
    corpus = work / "corpus"
    corpus_mod.write_corpus(n, corpus)
    kg = str(Path(sys.executable).with_name("kg"))
    variants = {"pool": ["--workers", str(workers)], "dask": ["--scheduler", f"local:{workers}"]}
    results: dict[str, list[dict]] = {name: [] for name in variants}
    for r in range(rounds):
        for name, extra in variants.items():
            out = work / f"{name}-{r}"
            cmd = [kg, "build", str(corpus), "-o", str(out), "-q", "--format", "ttl", *extra]
            results[name].append(measure(cmd, n))
            print(name, results[name][-1], flush=True)
    same = (work / "pool-0" / "graph.ttl").read_bytes() == (work / "dask-0" / "graph.ttl").read_bytes()
    best = {name: max(runs, key=lambda m: m["docs_per_s"]) for name, runs in results.items()}
    return {"documents": n, "workers": workers, "rounds": results, "same_graph_ttl": same,
            "throughput_ratio": round(best["dask"]["docs_per_s"] / best["pool"]["docs_per_s"], 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="documents in the corpus")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=1, help="builds of each kind, alternating; the best counts")
    ap.add_argument("--out", default=str(REPO / "output" / "cluster_bench.json"))
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-cluster-bench-") as tmp:
        result = run(args.n, args.workers, args.rounds, Path(tmp))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "rounds"}))
    return 0 if result["same_graph_ttl"] else 1


if __name__ == "__main__":
    sys.exit(main())
