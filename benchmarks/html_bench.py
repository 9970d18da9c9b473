"""Benchmark (not a test) of graph.html in headless Chromium, against pyvis's defaults.

For synthetic graphs of 500, 2,000 and 10,000 nodes (shaped like ours: eight
classes, labels, aliases, documents, relation edges with evidence), two pages:

* ``kg``: ``graph.html.render`` (layout computed in Python, a few stabilisation
  iterations or none, then physics off; at most ``--html-max-nodes`` nodes drawn,
  default ``graph.html.DEFAULT_MAX_NODES``);
* ``pyvis``: the same nodes and edges in a pyvis ``Network`` with default
  physics, written by ``Network.generate_html`` (vis-network inlined, so the
  page works offline; its Bootstrap links are blocked like every request).

Measured per page: the HTML size, the Python time to write it, and in Chromium
(``/usr/bin/chromium``, all network blocked) the seconds from navigation start
until the first drawing and until the network has stabilised (for ``kg``: the
moment physics is switched off; for pyvis: vis-network's ``stabilized`` event).
For ``kg`` pages, also the seconds a search (typed in the search box) takes to
select and centre a node. A page that doesn't get there within ``--timeout``
seconds is recorded as ``null`` with ``timed_out``.

Usage: ``.venv/bin/python benchmarks/html_bench.py [--sizes 500,2000,10000]
[--timeout 120] [--skip-pyvis-above 2000]``. Results go to
``output/html_bench.json``; a table is printed.
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

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.html import CLASS_STYLE, DEFAULT_MAX_NODES, render  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
CLASSES = list(CLASS_STYLE)
RELATIONS = [("officeholderOf", "officeholder of"), ("party", "party"), ("launchedBy", "launched by"),
             ("location", "location")]
HOOK = """
window.kgTimings = window.kgTimings || {};
window.__benchHook = function (n) {
  n.once("afterDrawing", function () { kgTimings.firstDraw = performance.now(); });
  n.once("stabilizationIterationsDone", function () { kgTimings.iterationsDone = performance.now(); });
  n.once("stabilized", function () { kgTimings.stabilised = performance.now(); });
};
"""


def synthetic(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """``n`` entities, about 1.3 edges per node, hubs as in news graphs (preferential attachment)."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    docs = [f"Article {d}: talks in region {d % 17}" for d in range(max(1, n // 10))]
    for i in range(n):
        cls = CLASSES[i % len(CLASSES)]
        attrs = {"startDate": ["2022-06-05"]} if cls == "MissileLaunch" else \
            {"signedDate": ["2016-11-23"]} if cls == "Agreement" else {}
        g.add_node(f"e{i:05}", label=f"{cls} {i}", cls=cls, aliases=[f"{cls[:3].upper()}{i}"],
                   mentions=rng.randint(0, 12), documents=sorted(rng.sample(docs, min(3, len(docs)))),
                   attributes=attrs)
    targets: list[int] = [0]
    for i in range(1, n):
        for _ in range(1 if rng.random() < 0.7 else 2):
            j = rng.choice(targets)
            if j == i:
                continue
            pred, label = RELATIONS[rng.randrange(len(RELATIONS))]
            conf = rng.choice([0.6, 0.8, 0.9])
            g.add_edge(f"e{i:05}", f"e{j:05}", key=pred, relation=pred, label=label, confidence=conf,
                       evidence=[{"text": f"Sentence saying that {i} is {label} {j}.", "document": docs[i % len(docs)],
                                  "date": "2022-06-14", "confidence": conf, "extractor": "bench"}])
            targets += [i, j]
    return g


def pyvis_default(g: nx.MultiDiGraph) -> str:
    """The same graph as pyvis draws it with its defaults (the previous graph.html)."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for key, data in g.nodes(data=True):
        color, shape = CLASS_STYLE[data["cls"]]
        net.add_node(key, label=data["label"], color=color, shape=shape, title=data["cls"],
                     size=10 + min(30, 2 * data["mentions"]))
    for s, o, _, data in g.edges(keys=True, data=True):
        net.add_edge(s, o, label=data["label"], title=data["label"])
    html = net.generate_html()
    call = "network = new vis.Network(container, data, options);"
    assert call in html
    # the same construction, with the timing listeners attached before the data arrive
    return html.replace(call, "network = new vis.Network(container, {}, options); "
                              "window.__benchHook(network); network.setData(data);")


def measure(browser, path: Path, timeout: float, search: str | None = None) -> dict:
    # bypass_csp: Playwright's polling evaluates strings, which graph.html's Content-Security-Policy forbids
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    context.add_init_script(HOOK)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    out: dict = {"timed_out": False}
    try:
        page.goto(path.as_uri(), timeout=timeout * 1000, wait_until="commit")
        page.wait_for_function("window.kgTimings && kgTimings.firstDraw", timeout=timeout * 1000, polling=100)
        out["first_draw_s"] = round(page.evaluate("kgTimings.firstDraw") / 1000, 2)
        page.wait_for_function("kgTimings.stabilised", timeout=timeout * 1000, polling=100)
        out["stabilised_s"] = round(page.evaluate("kgTimings.stabilised") / 1000, 2)
        if search:
            t = time.perf_counter()
            page.fill("#kg-search", search)
            page.press("#kg-search", "Enter")
            page.wait_for_function("""() => { const s = kg.network.getSelectedNodes();
                if (s.length !== 1) return false;
                const v = kg.network.getViewPosition(), p = kg.network.getPositions(s)[s[0]];
                return Math.hypot(v.x - p.x, v.y - p.y) < 2; }""", timeout=timeout * 1000, polling=50)
            out["search_s"] = round(time.perf_counter() - t, 2)
            out["search_found"] = page.evaluate("kg.data.node_info[kg.network.getSelectedNodes()[0]].label")
            note = page.locator("#kg-note")
            out["note"] = note.inner_text() if note.is_visible() else ""
            out["nodes_drawn"] = page.evaluate("kg.nodes.length")
            out["edges_drawn"] = page.evaluate("kg.edges.length")
    except Exception as exc:  # a timeout: record how far the page got
        out["timed_out"] = True
        out["error"] = str(exc).splitlines()[0][:200]
        for name in ("first_draw_s", "stabilised_s"):
            out.setdefault(name, None)
    finally:
        out["page_errors"] = errors[:3]
        context.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500,2000,10000")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--skip-pyvis-above", type=int, default=2000,
                    help="don't open pyvis pages of more nodes in the browser (record size only)")
    ap.add_argument("--out", default=str(ROOT / "output" / "html_bench.json"))
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    results = {"max_nodes": DEFAULT_MAX_NODES, "timeout_s": args.timeout, "cpus": os.cpu_count(),
               "load_average_at_start": [round(x, 1) for x in os.getloadavg()], "runs": []}
    tmp = Path(tempfile.mkdtemp(prefix="html-bench-"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in [int(s) for s in args.sizes.split(",")]:
            g = synthetic(n)
            row = {"nodes": n, "edges": g.number_of_edges()}
            t = time.perf_counter()
            html = render(g, f"Synthetic graph of {n} nodes", documents=max(1, n // 10))
            row["kg"] = {"write_s": round(time.perf_counter() - t, 2), "html_bytes": len(html.encode())}
            page = tmp / f"kg-{n}.html"
            page.write_text(html, encoding="utf-8")
            row["kg"].update(measure(browser, page, args.timeout, search=f"{CLASSES[0]} 0"))
            t = time.perf_counter()
            html = pyvis_default(g)
            row["pyvis"] = {"write_s": round(time.perf_counter() - t, 2), "html_bytes": len(html.encode())}
            page = tmp / f"pyvis-{n}.html"
            page.write_text(html, encoding="utf-8")
            if n <= args.skip_pyvis_above:
                row["pyvis"].update(measure(browser, page, args.timeout))
            else:
                row["pyvis"].update({"first_draw_s": None, "stabilised_s": None, "timed_out": None,
                                     "skipped": f"not opened (> {args.skip_pyvis_above} nodes)"})
            if row["kg"].get("first_draw_s") and row["pyvis"].get("first_draw_s"):
                row["first_draw_speedup"] = round(row["pyvis"]["first_draw_s"] / row["kg"]["first_draw_s"], 1)
            row["load_average"] = [round(x, 1) for x in os.getloadavg()]
            results["runs"].append(row)
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            Path(args.out).write_text(json.dumps(results, indent=2), encoding="utf-8")
            print(f"  {n} nodes done", file=sys.stderr, flush=True)
        browser.close()
    print(table(results))
    return 0


def table(results: dict) -> str:
    def s(v, timed_out=False):
        return f">{results['timeout_s']:.0f}" if v is None and timed_out else "-" if v is None else f"{v:.2f}"

    lines = [f"{'nodes':>6} {'edges':>6} {'page':<6} {'drawn':>6} {'MB':>6} {'write s':>8} {'first draw s':>13} "
             f"{'stabilised s':>13} {'search s':>9}  note"]
    for r in results["runs"]:
        for name in ("kg", "pyvis"):
            m = r[name]
            drawn = m.get("nodes_drawn", r["nodes"] if name == "pyvis" else "-")
            lines.append(f"{r['nodes']:>6} {r['edges']:>6} {name:<6} {drawn:>6} {m['html_bytes'] / 1e6:>6.2f} "
                         f"{m['write_s']:>8.2f} {s(m.get('first_draw_s'), m.get('timed_out')):>13} "
                         f"{s(m.get('stabilised_s'), m.get('timed_out')):>13} {s(m.get('search_s')):>9}  "
                         f"{m.get('note') or m.get('skipped') or ''}")
        if "first_draw_speedup" in r:
            lines.append(f"{'':>6} first drawing {r['first_draw_speedup']}x sooner than pyvis defaults")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
