"""Helpers for the tests of graph.html in a real browser: Debian's Chromium driven by Playwright, every
network request blocked.

The seed graph is built once per module (``graph.build.build``, one worker) and
its page is compared with graph.ttl through SPARQL: the facts table has one row
per ``rdf:Statement`` (each Fact of the model is one statement, with its own
evidence), the graph's edges are the statements whose object is an entity. The
development set (``../shared/eval/dev/docs``, when present) checks the opening
view at a realistic size. A build from an article full of markup and a synthetic
KnowledgeGraph with hostile strings in every field check that nothing from an
article can run as script or become an element, in the table, the timeline and
the panels.

The browser tests skip, saying why, only when /usr/bin/chromium is missing
(``.ci/run`` installs it: ``apt-get install chromium``). Playwright's own
browser downloads are never used.
"""
from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

ROOT = Path(__file__).resolve().parents[2]
DEV_DOCS = ROOT.parent / "shared" / "eval" / "dev" / "docs"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOT = ROOT / "output" / "screenshot.png"

KGO = "https://w3id.org/kgbuilder/ontology#"
SCHEMA = "https://schema.org/"
PROLOGUE = (f"PREFIX kgo: <{KGO}>\nPREFIX schema: <{SCHEMA}>\n"
            "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
            "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")
STATEMENTS = PROLOGUE + "SELECT ?st WHERE { ?st a rdf:Statement }"
# the statements whose object is an entity: the edges of the graph
ENTITY_STATEMENTS = PROLOGUE + """
SELECT DISTINCT ?sl ?p ?ol WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  ?s rdfs:label ?sl . ?o rdfs:label ?ol .
  FILTER NOT EXISTS { ?s a ?hidden . VALUES ?hidden { kgo:AgreementEvent kgo:OfficeHolding } }
  FILTER NOT EXISTS { ?o a ?hidden2 . VALUES ?hidden2 { kgo:AgreementEvent kgo:OfficeHolding } }
}"""
# the entities that take part in statements: the opening view (an agreement's events show in
# its details and an office holding as its officeholderOf edge, not as nodes)
ENTITIES_IN_FACTS = PROLOGUE + """
SELECT DISTINCT ?l WHERE {
  ?st a rdf:Statement . { ?st rdf:subject ?e } UNION { ?st rdf:object ?e } ?e rdfs:label ?l .
  FILTER NOT EXISTS { ?e a ?hidden . VALUES ?hidden { kgo:AgreementEvent kgo:OfficeHolding } }
}"""

EVIL_ARTICLE = """---
title: "Seoul <script>alert(1)</script> & Tokyo \\"talks\\" </script><img src=x onerror=alert(1)>"
date: 2022-06-14
---
South Korean Foreign Minister Park <script>alert(1)</script> Jin met U.S. Secretary of State Antony Blinken \
in Washington on Monday.
Japanese Prime Minister Fumio <img src=x onerror=alert(1)> Kishida said Tokyo wants "closer" ties with \
Seoul \\ and that </script> is not a threat.
North Korea's President Kim "Jong" Un <b onmouseover=alert(1)>visited</b> Pyongyang; North Korea launched \
two ballistic missiles into the Sea of Japan on June 5.
The General Security of Military Information Agreement (GSOMIA <script>alert(2)</script>) was signed by \
South Korea and Japan in November 2016.
"""
EVIL = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</script><script>alert(3)</script>",
        "\"double\" 'single' `back`", "back\\slash \\u003c \\\"", "line\u2028sep\u2029end", "@DATA@ @VISJS@",
        "<!-- <![CDATA[ ]]> -->", "&lt;b&gt; &amp;"]


VISIBLE_NODES = "kg.nodes.getIds()"
VISIBLE_FACT_EDGES = "kg.edges.getIds().filter(j => typeof j === 'number')"




def _browser_or_skip():
    if not CHROMIUM.exists():
        pytest.skip("Chromium not installed at /usr/bin/chromium (apt-get install chromium; .ci/run does it)")
    from playwright.sync_api import sync_playwright

    return sync_playwright


class Page:
    """One tab on one file, offline, recording console errors, dialogs and requests."""

    def __init__(self, browser, path: Path):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = page = self.context.new_page()
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)

        def route(r):
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                self.requests.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        page.goto(path.resolve().as_uri())
        page.wait_for_selector("body[data-kg-ready]", state="attached", timeout=60_000)

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def wait_until(self, expr: str, arg=None, timeout: float = 10.0):
        """Poll ``expr`` from here: Playwright's in-page polling evaluates strings, which the
        page's Content-Security-Policy (rightly) forbids."""
        end = time.monotonic() + timeout
        while not self.js(expr, arg):
            assert time.monotonic() < end, f"timed out waiting for {expr}"
            time.sleep(0.05)

    def rows(self) -> list[int]:
        """The facts in the table (after its filters), in table order."""
        return self.js("kg.table.rows")

    def close(self):
        self.context.close()

    def check_clean(self):
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs
        assert self.requests == [], self.requests

    def node_id(self, label: str) -> int:
        ids = self.js("l => kg.data.nodes.flatMap((n, i) => n.label === l ? [i] : [])", label)
        assert len(ids) == 1, (label, ids)
        return ids[0]

    def dom_point(self, node: int) -> tuple[float, float]:
        box = self.page.locator("#kg-graph").bounding_box()
        p = self.js("i => kg.network.canvasToDOM(kg.network.getPositions([i])[i])", node)
        return box["x"] + p["x"], box["y"] + p["y"]

    def clickable_edge(self, want=None) -> tuple[int, float, float]:
        """An edge (optionally one with ``want(data.edges[j])``) and a page point where a click hits
        that edge and no node."""
        found = self.js("""() => {
            const net = kg.network, box = document.getElementById("kg-graph").getBoundingClientRect();
            const out = [];
            for (const e of kg.edges.get()) {
              if (e.hidden) continue;
              const edge = net.body.edges[e.id];
              for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75]) {
                const c = edge.edgeType.getPoint(t), d = net.canvasToDOM(c);
                if (d.x < 5 || d.y < 5 || d.x > box.width - 5 || d.y > box.height - 5) continue;
                if (net.getNodeAt(d) !== undefined || net.getEdgeAt(d) !== e.id) continue;
                out.push([e.id, box.x + d.x, box.y + d.y]);
                break;
              }
            }
            return out;
        }""")
        for edge_id, x, y in found:
            if want is None or want(self.js("j => kg.data.edges[j]", edge_id)):
                return edge_id, x, y
        raise AssertionError(f"no clickable edge among {len(found)} candidates")


def _rows(g: rdflib.Graph, store: ox.Store, query: str) -> list[tuple[str, ...]]:
    """Rows of ``query`` from rdflib and from Oxigraph, which must agree."""
    a = sorted(tuple(str(v) for v in row) for row in g.query(query))
    b = sorted(tuple(t.value for t in sol) for sol in store.query(query))
    assert a == b
    return a


