"""graph.html in a real browser: Debian's Chromium driven by Playwright, every
network request blocked.

The seed graph is built once per module (``graph.build.build``, one worker) and
its page is compared with graph.ttl through SPARQL; a second build from an
article full of markup and a synthetic graph with hostile strings in every field
check that nothing from an article can run as script or become an element.

The browser tests skip, saying why, only when /usr/bin/chromium is missing
(``.ci/run`` installs it: ``apt-get install chromium``). Playwright's own
browser downloads are never used.
"""
from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib

from graph.html import DEFAULT_MAX_NODES, json_for_script, render, select_nodes

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOT = ROOT / "output" / "screenshot.png"

KGO = "https://w3id.org/kgbuilder/ontology#"
SCHEMA = "https://schema.org/"
PROLOGUE = (f"PREFIX kgo: <{KGO}>\nPREFIX schema: <{SCHEMA}>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")
# the predicates whose objects are entities: the edges of graph.html (graph/nxgraph.py)
RELATIONS = ("kgo:officeholderOf", "kgo:party", "kgo:launchedBy", "schema:location")
ENTITY_NODES = PROLOGUE + """
SELECT ?s ?label WHERE { ?s rdfs:label ?label .
  FILTER NOT EXISTS { ?s a schema:NewsArticle } FILTER NOT EXISTS { ?s a kgo:AgreementEvent }
  FILTER NOT EXISTS { ?s a kgo:OfficeHolding } }"""  # a role is drawn as its officeholderOf edge
RELATION_EDGES = PROLOGUE + f"""
SELECT DISTINCT ?sl ?p ?ol WHERE {{
  VALUES ?p {{ {' '.join(RELATIONS)} }}
  ?s ?p ?o . ?s rdfs:label ?sl . ?o rdfs:label ?ol .
  FILTER NOT EXISTS {{ ?o a schema:NewsArticle }} FILTER NOT EXISTS {{ ?s a kgo:AgreementEvent }}
}}"""
OTHER_ENTITY_OBJECTS = PROLOGUE + f"""
SELECT DISTINCT ?p WHERE {{
  ?s ?p ?o . ?o rdfs:label ?ol . FILTER NOT EXISTS {{ ?o a schema:NewsArticle }}
  FILTER NOT EXISTS {{ ?s a kgo:AgreementEvent }}
  FILTER (?p NOT IN ({', '.join(RELATIONS)}, kgo:hasEvent, schema:mentions, kgo:holdsOffice, kgo:officeOf,
          <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>, <http://www.w3.org/1999/02/22-rdf-syntax-ns#object>))
}}"""

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


# ---------------------------------------------------------------- page helpers

def _browser_or_skip():
    if not CHROMIUM.exists():
        pytest.skip("Chromium not installed at /usr/bin/chromium (apt-get install chromium; .ci/run does it)")
    from playwright.sync_api import sync_playwright

    return sync_playwright


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _browser_or_skip()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


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

    def close(self):
        self.context.close()

    def check_clean(self):
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs
        assert self.requests == [], self.requests

    def node_id(self, label: str) -> int:
        ids = self.js("l => kg.data.node_info.flatMap((n, i) => n.label === l ? [i] : [])", label)
        assert len(ids) == 1, (label, ids)
        return ids[0]

    def dom_point(self, node: int) -> tuple[float, float]:
        box = self.page.locator("#kg-graph").bounding_box()
        p = self.js("i => kg.network.canvasToDOM(kg.network.getPositions([i])[i])", node)
        return box["x"] + p["x"], box["y"] + p["y"]

    def clickable_edge(self, want=None) -> tuple[int, float, float]:
        """An edge (optionally one with ``want(edge_info)``) and a page point where a click hits
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
            if want is None or want(self.js("j => kg.data.edge_info[j]", edge_id)):
                return edge_id, x, y
        raise AssertionError(f"no clickable edge among {len(found)} candidates")


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    from graph.build import build

    out = tmp_path_factory.mktemp("browser-seed")
    with contextlib.chdir(ROOT):
        build(["seeds"], out, workers=1)
    return out


@pytest.fixture(scope="module")
def seed_rdf(seed_build):
    g = rdflib.Graph()
    g.parse(seed_build / "graph.ttl", format="turtle")
    store = ox.Store()
    store.bulk_load(path=str(seed_build / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    return g, store


def _rows(g: rdflib.Graph, store: ox.Store, query: str) -> list[tuple[str, ...]]:
    """Rows of ``query`` from rdflib and from Oxigraph, which must agree."""
    a = sorted(tuple(str(v) for v in row) for row in g.query(query))
    b = sorted(tuple(t.value for t in sol) for sol in store.query(query))
    assert a == b
    return a


@pytest.fixture()
def seed_page(browser, seed_build):
    page = Page(browser, seed_build / "graph.html")
    yield page
    page.close()


# ---------------------------------------------------------------- the seed graph

def test_page_loads_offline_with_no_console_error(seed_page, seed_build):
    seed_page.check_clean()
    html = (seed_build / "graph.html").read_text(encoding="utf-8")
    assert "<script src" not in html and "<link rel=\"stylesheet\"" not in html
    assert not (seed_build / "lib").exists()
    timings = seed_page.js("kgTimings")
    assert timings["firstDraw"] > 0 and timings["stabilised"] > 0
    assert seed_page.js("kg.network.physics.options.enabled") is False  # settled, then stopped


def test_dataset_holds_exactly_the_entities_and_relations_of_the_turtle(seed_page, seed_rdf):
    g, store = seed_rdf
    labels = sorted(label for _, label in _rows(g, store, ENTITY_NODES))
    edges = sorted((s, p.rsplit("/", 1)[-1].rsplit("#", 1)[-1], o)
                   for s, p, o in _rows(g, store, RELATION_EDGES))
    assert _rows(g, store, OTHER_ENTITY_OBJECTS) == []  # no other predicate links two entities
    assert labels and edges
    assert seed_page.js("kg.nodes.length") == len(labels)
    assert seed_page.js("kg.edges.length") == len(edges)
    assert sorted(seed_page.js("kg.data.node_info.map(n => n.label)")) == labels
    page_edges = seed_page.js("""kg.edges.get().map(e => [kg.data.node_info[e.from].label,
                                  kg.data.edge_info[e.id].relation, kg.data.node_info[e.to].label])""")
    assert sorted(map(tuple, page_edges)) == edges


def test_header_counts(seed_page, seed_rdf):
    g, store = seed_rdf
    docs = len(list(store.query(PROLOGUE + "SELECT ?d WHERE { ?d a schema:NewsArticle }")))
    nodes = seed_page.js("kg.nodes.length")
    edges = seed_page.js("kg.edges.length")
    counts = seed_page.page.inner_text("#kg-counts")
    assert f"{docs} document" in counts and f"{nodes} nodes" in counts and f"{edges} edges" in counts
    assert seed_page.page.inner_text("#kg-title").strip()
    assert seed_page.page.locator("#kg-note").is_hidden()  # nothing left out


def test_launch_and_agreement_nodes_show_their_date(seed_page, seed_rdf):
    g, store = seed_rdf
    rows = _rows(g, store, PROLOGUE + """SELECT ?l ?d WHERE {
        { ?s a kgo:MissileLaunch ; schema:startDate ?d } UNION { ?s a kgo:Agreement ; kgo:signedDate ?d }
        ?s rdfs:label ?l }""")
    assert rows
    for label, date in rows:
        shown = seed_page.js("i => kg.nodes.get(i).label", seed_page.node_id(label))
        assert date in shown, (label, shown)


def test_search_by_label_and_by_alias_focuses_the_node(seed_page, seed_rdf):
    g, store = seed_rdf
    alias, label = _rows(g, store, PROLOGUE + """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?a ?l WHERE { ?s skos:altLabel ?a ; rdfs:label ?l } ORDER BY ?a LIMIT 1""")[0]
    page = seed_page.page
    for query, target in ((label, label), (alias, label), ("park jin", "Park Jin")):
        node = seed_page.node_id(target)
        page.fill("#kg-search", query)
        page.press("#kg-search", "Enter")
        assert seed_page.js("kg.network.getSelectedNodes()") == [node]
        # the focus animation (400 ms) ends with the node at the centre of the drawing
        seed_page.wait_until("""i => { const net = kg.network, d = net.canvasToDOM(net.getPositions([i])[i]);
                                       const box = document.getElementById("kg-graph").getBoundingClientRect();
                                       return Math.hypot(d.x - box.width / 2, d.y - box.height / 2) < 20; }""", node)
        assert target in page.inner_text("#kg-search-status")
        assert page.inner_text("#kg-details h2") == target
    page.fill("#kg-search", "no such node anywhere")
    page.press("#kg-search", "Enter")
    assert "No node matches" in page.inner_text("#kg-search-status")
    seed_page.check_clean()


def test_unticking_a_class_hides_its_nodes(seed_page):
    page = seed_page.page
    people = seed_page.js("kg.data.node_info.flatMap((n, i) => n.cls === 'Person' ? [i] : [])")
    others = seed_page.js("kg.data.node_info.flatMap((n, i) => n.cls !== 'Person' ? [i] : [])")
    assert people and others
    visible = "ids => ids.filter(i => !kg.network.body.nodes[i].options.hidden).length"
    assert seed_page.js(visible, people) == len(people)
    page.uncheck("#kg-legend input[data-cls=Person]")
    assert seed_page.js(visible, people) == 0
    assert seed_page.js(visible, others) == len(others)
    assert seed_page.js("ids => ids.every(i => kg.nodes.get(i).hidden)", people)
    page.check("#kg-legend input[data-cls=Person]")
    assert seed_page.js(visible, people) == len(people)


def test_confidence_slider_hides_weaker_edges(seed_page):
    page = seed_page.page
    confidences = seed_page.js("kg.data.edge_info.map(x => x.confidence)")
    page.focus("#kg-confidence")
    for _ in range(17):  # 17 steps of 0.05
        page.keyboard.press("ArrowRight")
    assert page.inner_text("#kg-confidence-value") == "0.85"
    hidden = seed_page.js("kg.edges.get().filter(e => kg.network.body.edges[e.id].options.hidden).map(e => e.id)")
    assert sorted(hidden) == [j for j, c in enumerate(confidences) if c < 0.85]
    assert 0 < len(hidden) < len(confidences)
    assert "hidden" in page.inner_text("#kg-confidence-status")


def test_clicking_an_edge_shows_its_evidence_with_source_and_confidence(seed_page, seed_rdf):
    g, store = seed_rdf
    edge, x, y = seed_page.clickable_edge()
    info = seed_page.js("j => kg.data.edge_info[j]", edge)
    seed_page.page.mouse.click(x, y)
    details = seed_page.page.inner_text("#kg-details")
    ev = info["evidence"][0]
    assert ev["text"].strip() in details
    assert ev["document"] in details and ev["date"] in details
    assert f"{info['confidence']:.2f}" in details
    # the same sentence is the evidence of that statement in the Turtle
    sentences = {row[0].strip() for row in _rows(g, store, PROLOGUE + """
        SELECT ?t WHERE { ?st kgo:evidenceText ?t }""")}
    assert ev["text"].strip() in sentences
    seed_page.check_clean()


def test_hovering_a_node_shows_type_label_aliases_and_documents(seed_page):
    node = seed_page.js("kg.data.node_info.findIndex(n => n.aliases.length > 0)")
    assert node >= 0
    info = seed_page.js("i => kg.data.node_info[i]", node)
    seed_page.page.mouse.move(*seed_page.dom_point(node))
    tip = seed_page.page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    text = tip.inner_text()
    for part in [info["label"], info["type"], *info["aliases"], *info["documents"]]:
        assert part in text, (part, text)


def test_screenshot(seed_page):
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    seed_page.page.wait_for_timeout(300)
    seed_page.page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000


# ---------------------------------------------------------------- hostile text

@pytest.fixture(scope="module")
def evil_build(tmp_path_factory):
    from graph.build import build

    src = tmp_path_factory.mktemp("evil-src")
    (src / "evil.txt").write_text(EVIL_ARTICLE, encoding="utf-8")
    out = tmp_path_factory.mktemp("evil-out")
    build([str(src)], out, workers=1)
    return out


def _assert_inert(page: Page):
    page.check_clean()
    assert page.js("document.querySelectorAll('img, b, iframe, object, embed').length") == 0
    assert page.js("document.querySelectorAll('script').length") == 3
    assert page.js("typeof window.__xss") == "undefined"
    assert page.js("""[...document.querySelectorAll('*')].filter(e =>
        [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).length""") == 0


def test_article_markup_is_shown_literally_and_never_runs(browser, evil_build):
    html = (evil_build / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    page = Page(browser, evil_build / "graph.html")
    try:
        title = 'Seoul <script>alert(1)</script> & Tokyo "talks" </script><img src=x onerror=alert(1)>'
        assert page.page.inner_text("#kg-title") == title
        assert page.js("document.title") == title
        edge, x, y = page.clickable_edge(lambda e: any("<" in ev["text"] for ev in e["evidence"]))
        page.page.mouse.click(x, y)
        details = page.page.inner_text("#kg-details")
        info = page.js("j => kg.data.edge_info[j]", edge)
        assert any(ev["text"].strip() in details for ev in info["evidence"] if "<" in ev["text"])
        assert title in details  # the source document's title
        node = page.js("kg.data.node_info.findIndex(n => n.documents.length > 0)")
        page.page.mouse.move(*page.dom_point(node))
        tip = page.page.locator("div.vis-tooltip")
        tip.wait_for(state="visible", timeout=5000)
        assert title in tip.inner_text()
        _assert_inert(page)
    finally:
        page.close()


def _hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    doc = "Title " + " ".join(EVIL)
    for i, bad in enumerate(EVIL):
        g.add_node(f"n{i}", label=f"Minister {bad} {i}", cls="Person" if i % 2 else "Country",
                   aliases=[f"alias {bad}"], mentions=i, documents=[doc],
                   attributes={"jobTitle": [bad]})
    g.add_node("launch", label="launch " + EVIL[0], cls="MissileLaunch", aliases=[], mentions=0,
               documents=[doc], attributes={"startDate": [EVIL[1]]})
    for i in range(1, len(EVIL)):
        g.add_edge(f"n{i}", f"n{i - 1}", key="officeholderOf", relation="officeholderOf",
                   label="officeholder of", confidence=0.9,
                   evidence=[{"text": f"evidence {EVIL[i]} {EVIL[i - 1]}", "document": doc, "date": EVIL[i],
                              "confidence": 0.9, "extractor": EVIL[i - 1]}])
    return g


def test_hostile_strings_in_every_field_stay_text(browser, tmp_path):
    g = _hostile_graph()
    path = tmp_path / "graph.html"
    path.write_text(render(g, "Graph " + " ".join(EVIL), documents=1), encoding="utf-8")
    page = Page(browser, path)
    try:
        assert page.page.inner_text("#kg-title") == "Graph " + " ".join(EVIL)
        labels = page.js("kg.data.node_info.map(n => n.label)")
        assert sorted(labels) == sorted(d["label"] for _, d in g.nodes(data=True))
        edge, x, y = page.clickable_edge()
        page.page.mouse.click(x, y)
        text = page.js("j => kg.data.edge_info[j].evidence[0].text", edge)
        assert text in page.js("document.getElementById('kg-details').textContent")
        label = labels[3]
        page.page.fill("#kg-search", label)
        page.page.press("#kg-search", "Enter")
        page.page.wait_for_timeout(600)
        assert page.js("kg.network.getSelectedNodes()") == [3]
        assert page.js("document.querySelector('#kg-details h2').textContent") == label
        page.page.mouse.move(*page.dom_point(3))
        tip = page.page.locator("div.vis-tooltip")
        tip.wait_for(state="visible", timeout=5000)
        assert label in page.js("document.querySelector('div.vis-tooltip').textContent")
        _assert_inert(page)
    finally:
        page.close()


# ---------------------------------------------------------------- without a browser

def test_json_for_script_cannot_end_the_script_element():
    text = json_for_script({"a": "</script><!-- & \u2028\u2029 >"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029 >"}


def test_render_is_deterministic():
    g = _hostile_graph()
    assert render(g, "t", documents=1) == render(g, "t", documents=1)


def test_large_graph_policy_keeps_the_most_connected_nodes():
    g = nx.MultiDiGraph()
    for i in range(60):
        g.add_node(f"n{i:02}", label=f"node {i}", cls="Person", aliases=[], mentions=1, documents=["d"],
                   attributes={})
    for i in range(1, 10):  # a star: n00 linked to n01..n09; n01 also to n02
        g.add_edge(f"n{i:02}", "n00", key="party", relation="party", label="party", confidence=1.0, evidence=[])
    g.add_edge("n01", "n02", key="party", relation="party", label="party", confidence=1.0, evidence=[])
    keep = select_nodes(g, 3)
    assert keep == ["n00", "n01", "n02"]
    assert select_nodes(g, 0) == sorted(g.nodes)
    html = render(g, "t", documents=1, max_nodes=3)
    data = json.loads(html.split('id="kg-data">', 1)[1].split("</script>", 1)[0])
    assert data["shown"] == {"nodes": 3, "edges": 3} and data["total"] == {"nodes": 60, "edges": 10}
    assert DEFAULT_MAX_NODES >= 1000


def test_agreement_details_list_its_events_in_date_order(seed_page):
    events = seed_page.js("""kg.data.node_info.filter(n => n.cls === "Agreement" && n.events.length)
                             .map(n => n.events.map(e => [e.date, e.type]))""")
    assert events == [[["2016-11", "Signing"]]]
    assert not seed_page.js("kg.data.node_info.some(n => n.cls === 'AgreementEvent')")
