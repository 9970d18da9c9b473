"""Benchmark (not a test) of graph.html in headless Chromium.

Synthetic KnowledgeGraphs shaped like ours (eight classes, aliases, documents
with text, entity-to-entity facts with a job title or a date sharing their
evidence, hubs as in news graphs); by default 500, 2,000 and 10,000 entities,
five facts per entity (so the 10,000-entity graph has 50,000 facts). Per page:

* the HTML size and the Python time to write it (``graph.html.render``);
* in Chromium (``/usr/bin/chromium``, all network blocked): the seconds from
  navigation start until the opening view is first drawn (``firstDraw``) and until
  the page is ready (fitted, readable, ``data-kg-ready``), and the entities and
  edges drawn (at most ``--html-max-nodes``, default ``graph.html.DEFAULT_MAX_NODES``);
* the facts table: for several texts typed into the search box, the milliseconds
  the page spends filtering every fact and drawing the visible rows (the page's
  own ``kgTimings.filter``), and the wall time from typing to the new row count
  shown, measured from Python; then sorting by confidence.

Targets: the opening view of a 10,000-entity graph drawn within 3 s;
the table filters 50,000 facts within 300 ms.

Usage: ``.venv/bin/python benchmarks/html_bench.py [--sizes 500,2000,10000]
[--facts-per-node 5] [--timeout 120]``. Results go to ``output/html_bench.json``;
a table is printed.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import model as m  # noqa: E402
from graph.assemble import KnowledgeGraph, Node  # noqa: E402
from graph.html import CLASS_STYLE, DEFAULT_MAX_NODES, render  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
CLASSES = list(CLASS_STYLE)
RELATIONS = ["officeholderOf", "party", "launchedBy", "location"]
QUERIES = ["minister", "node 12", "zzz no match", "article 3", ""]


def synthetic(n: int, facts_per_node: int = 5, seed: int = 1) -> KnowledgeGraph:
    """``n`` entities and about ``facts_per_node * n`` facts: entity-to-entity facts by
    preferential attachment, each with a job title or a date on the same evidence."""
    rng = random.Random(seed)
    docs = [m.Document(f"d{d}", " ".join(f"Sentence {d}.{s} of article {d} says that node {s} met minister {s}."
                                         for s in range(12)), f"d{d}.txt", title=f"Article {d}: talks",
                       date="2022-06-14") for d in range(max(1, n // 10))]
    kg = KnowledgeGraph(documents=docs)
    for i in range(n):
        cls = CLASSES[i % len(CLASSES)]
        node = kg.nodes[f"e{i:05}"] = Node(f"e{i:05}", f"{cls} node {i}", aliases={f"{cls[:3].upper()}{i}"},
                                           mentions=rng.randint(0, 12),
                                           documents={d.id for d in rng.sample(docs, min(3, len(docs)))})
        node.classes[cls] += 1
    targets = [0]
    while len(kg.facts) < facts_per_node * n:
        i = rng.randrange(1, n)
        j = rng.choice(targets)
        if j == i:
            continue
        doc = docs[i % len(docs)]
        s = rng.randrange(12)
        sentence = f"Sentence {doc.id[1:]}.{s} of article {doc.id[1:]} says that node {s} met minister {s}."
        start = doc.text.index(sentence)
        ev = m.Evidence(doc.id, sentence, start, start + len(sentence))
        conf = rng.choice([0.6, 0.8, 0.9])
        kg.facts.append(m.Fact(f"e{i:05}", rng.choice(RELATIONS), f"e{j:05}", None, ev, conf, "bench"))
        if rng.random() < 0.5:
            kg.facts.append(m.Fact(f"e{i:05}", "jobTitle", f"Minister {i % 37}", "string", ev, conf, "bench"))
        else:
            date = f"{2000 + rng.randrange(24)}-{1 + rng.randrange(12):02}-{1 + rng.randrange(28):02}"
            kg.facts.append(m.Fact(f"e{i:05}", "startDate", date, "date", ev, conf, "bench"))
        targets += [i, j]
    kg.facts.sort(key=lambda f: (f.subject, f.predicate, f.obj, f.evidence.start))
    return kg


def measure(browser, path: Path, timeout: float) -> dict:
    # bypass_csp: Playwright's polling evaluates strings, which graph.html's Content-Security-Policy forbids
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    out: dict = {"timed_out": False}
    try:
        page.goto(path.as_uri(), timeout=timeout * 1000, wait_until="commit")
        page.wait_for_selector("body[data-kg-ready]", state="attached", timeout=timeout * 1000)
        out["first_draw_s"] = round(page.evaluate("kgTimings.firstDraw") / 1000, 2)
        out["ready_s"] = round(page.evaluate("kgTimings.stabilised") / 1000, 2)
        out["parsed_s"] = round(page.evaluate("kgTimings.parsed") / 1000, 2)  # the data read
        out["data_ready_s"] = round(page.evaluate("kgTimings.dataReady") / 1000, 2)  # handed to vis-network
        out["nodes_drawn"] = page.evaluate("kg.nodes.length")
        out["edges_drawn"] = page.evaluate("kg.edges.length")
        out["label_px"] = round(page.evaluate("kg.graph.fontSize * kg.network.getScale()"), 1)
        out["facts"] = page.evaluate("kg.data.facts.length")
        out["filter"] = []
        for q in QUERIES:
            t = time.perf_counter()
            page.fill("#kg-search", q)
            page.wait_for_function("q => kg.state.q === q", arg=q, polling=10)
            wall = time.perf_counter() - t
            out["filter"].append({"text": q, "rows": page.evaluate("kg.table.rows.length"),
                                  "page_ms": round(page.evaluate("kgTimings.filter"), 1),
                                  "wall_ms": round(wall * 1000, 1)})
        t = time.perf_counter()
        page.click("#kg-table th[data-col=c] button")
        out["sort_page_ms"] = round(page.evaluate("kgTimings.filter"), 1)
        out["sort_wall_ms"] = round((time.perf_counter() - t) * 1000, 1)
    except Exception as exc:  # a timeout: record how far the page got
        out["timed_out"] = True
        out["error"] = str(exc).splitlines()[0][:200]
    finally:
        out["page_errors"] = errors[:3]
        context.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500,2000,10000")
    ap.add_argument("--facts-per-node", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--out", default=str(ROOT / "output" / "html_bench.json"))
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    results = {"max_nodes": DEFAULT_MAX_NODES, "timeout_s": args.timeout, "cpus": os.cpu_count(),
               "load_average_at_start": [round(x, 1) for x in os.getloadavg()], "runs": []}
    tmp = Path(tempfile.mkdtemp(prefix="html-bench-"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in [int(s) for s in args.sizes.split(",")]:
            kg = synthetic(n, args.facts_per_node)
            row = {"nodes": n, "facts": len(kg.facts)}
            t = time.perf_counter()
            html = render(kg, f"Synthetic graph of {n} entities")
            row["write_s"] = round(time.perf_counter() - t, 2)
            row["html_mb"] = round(len(html.encode()) / 1e6, 2)
            page = tmp / f"kg-{n}.html"
            page.write_text(html, encoding="utf-8")
            row.update(measure(browser, page, args.timeout))
            row["load_average"] = [round(x, 1) for x in os.getloadavg()]
            results["runs"].append(row)
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            Path(args.out).write_text(json.dumps(results, indent=2), encoding="utf-8")
            print(f"  {n} entities done", file=sys.stderr, flush=True)
        browser.close()
    print(table(results))
    return 0


def table(results: dict) -> str:
    lines = [f"{'entities':>8} {'facts':>6} {'MB':>5} {'write s':>7} {'drawn':>5} {'label px':>8} "
             f"{'first draw s':>12} {'ready s':>7} {'filter ms (page / wall, worst)':>31} {'sort ms':>7}"]
    for r in results["runs"]:
        if r.get("timed_out"):
            lines.append(f"{r['nodes']:>8} {r['facts']:>6} timed out: {r.get('error', '')}")
            continue
        page = max(f["page_ms"] for f in r["filter"])
        wall = max(f["wall_ms"] for f in r["filter"])
        lines.append(f"{r['nodes']:>8} {r['facts']:>6} {r['html_mb']:>5.1f} {r['write_s']:>7.2f} {r['nodes_drawn']:>5} "
                     f"{r['label_px']:>8} {r['first_draw_s']:>12.2f} {r['ready_s']:>7.2f} "
                     f"{f'{page:.0f} / {wall:.0f}':>31} {r['sort_page_ms']:>7.0f}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
