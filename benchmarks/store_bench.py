"""Incremental builds: ``kg build --store`` on the 1,000-document corpus, then 10 more.

Run: ``.venv/bin/python benchmarks/store_bench.py [--n 1000] [--new 10] [--workers 2] [--repeat 3]``.
Each build is a fresh ``kg build`` child measured by ``run.measure`` (wall time and
peak memory of its process tree): first the corpus into an empty store, then the
same corpus plus ``--new`` documents into that store, ``--repeat`` times, each time
into a copy of the store as the full build left it (the median run by wall time is
reported, with the highest peak memory of all runs). ``--scratch`` also builds the
final corpus from scratch and checks the files are the same bytes. Results go to
``output/store_bench.json``.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus as corpus_mod  # noqa: E402  (benchmarks/corpus.py)
import run  # noqa: E402  (benchmarks/run.py: measure, kg_cli)


def _row(label: str, m: dict) -> str:
    return f"| {label} | {m['wall_s']:.1f} | {m['cpu_s']:.1f} | {m['peak_tree_pss_mb']} | {m['max_process_rss_mb']} |"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--new", type=int, default=10)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3, help="incremental runs, each on a copy of the full build's store")
    ap.add_argument("--scratch", action="store_true", help="also build the final corpus from scratch and compare")
    ap.add_argument("--out", default=str(run.REPO / "output" / "store_bench.json"))
    args = ap.parse_args(argv)
    kg = run.kg_cli()["cmd"]
    work = Path(tempfile.mkdtemp(prefix="kg-store-bench-"))
    result_timings: dict[str, dict] = {}
    try:
        docs, extra = work / "corpus", work / "extra"
        corpus_mod.write_corpus(args.n + args.new, extra)
        docs.mkdir()
        for path in sorted(extra.iterdir())[:args.n]:
            path.rename(docs / path.name)
        base = [*kg, "build", str(docs), "--store", str(work / "store"), "--workers", str(args.workers), "-q"]
        timings = {name: work / f"{name}.timings.json" for name in ("full", "incremental")}
        full = run.measure([*base, "-o", str(work / "full"), "--timings", str(timings["full"])],
                           work / "logs", "full", 3600)
        for path in extra.iterdir():
            path.rename(docs / path.name)
        shutil.copytree(work / "store", work / "store-full", symlinks=True)
        runs = []
        for i in range(max(1, args.repeat)):
            shutil.rmtree(work / "store")
            shutil.copytree(work / "store-full", work / "store", symlinks=True)
            runs.append(run.measure([*base, "-o", str(work / "incremental"), "--timings",
                                     str(timings["incremental"]) + str(i)], work / "logs", f"incremental{i}", 3600))
            runs[-1]["timings_file"] = str(timings["incremental"]) + str(i)
        median = sorted(runs, key=lambda m: m["wall_s"])[len(runs) // 2]
        incremental = dict(median, peak_tree_pss_mb=max(m["peak_tree_pss_mb"] for m in runs),
                           max_process_rss_mb=max(m["max_process_rss_mb"] for m in runs))
        timings["incremental"] = Path(median["timings_file"])
        for name, path in timings.items():
            result_timings[name] = json.loads(path.read_text())["timings"]
        summary = (work / "logs" / f"incremental{runs.index(median)}.stdout").read_text().splitlines()
        result = {"documents": args.n, "new": args.new, "workers": args.workers, "full": full,
                  "stages": result_timings, "incremental": incremental, "summary": summary,
                  "incremental_runs": [{k: m[k] for k in ("wall_s", "cpu_s", "peak_tree_pss_mb")} for m in runs],
                  "time_ratio": round(incremental["wall_s"] / full["wall_s"], 3),
                  "pss_ratio": round(incremental["peak_tree_pss_mb"] / full["peak_tree_pss_mb"], 3)}
        if args.scratch:
            scratch = run.measure([*kg, "build", str(docs), "-o", str(work / "scratch"), "--workers",
                                   str(args.workers), "-q"], work / "logs", "scratch", 3600)
            result["scratch"] = scratch
            result["same_bytes"] = all((work / "incremental" / f).read_bytes() == (work / "scratch" / f).read_bytes()
                                       for f in ("graph.ttl", "graph.html"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2))
    print("| run | wall s | CPU s | peak PSS MB | max process RSS MB |\n|---|---:|---:|---:|---:|")
    print(_row(f"full build, {args.n} documents, empty store", full))
    print(_row(f"same corpus + {args.new} new documents (median of {len(runs)})", incremental))
    if "scratch" in result:
        print(_row(f"from scratch, {args.n + args.new} documents (no store)", result["scratch"]))
        print(f"same bytes as from scratch: {result['same_bytes']}")
    print(f"incremental / full: time {result['time_ratio']:.3f}, peak PSS {result['pss_ratio']:.3f}")
    print("incremental runs (wall s): " + ", ".join(f"{m['wall_s']:.2f}" for m in runs))
    print("\n".join(summary))
    for name, stages in result_timings.items():
        print(f"{name}: " + ", ".join(f"{k} {v:.2f}" for k, v in stages.items()))
    return 0 if full["returncode"] == 0 and incremental["returncode"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
