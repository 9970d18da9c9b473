"""The page of the seed graph in Chromium: every feature, checked against the Turtle."""
from __future__ import annotations

import csv
import io

from pagekit import (
    ENTITIES_IN_FACTS,
    ENTITY_STATEMENTS,
    PROLOGUE,
    SCREENSHOT,
    STATEMENTS,
    VISIBLE_FACT_EDGES,
    VISIBLE_NODES,
    _rows,
)

# ---------------------------------------------------------------- the seed graph

def test_page_loads_offline_with_no_console_error(seed_page, seed_build):
    seed_page.check_clean()
    html = (seed_build / "graph.html").read_text(encoding="utf-8")
    assert "<script src" not in html and "<link rel=\"stylesheet\"" not in html
    assert not (seed_build / "lib").exists()
    timings = seed_page.js("kgTimings")
    assert timings["firstDraw"] > 0 and timings["stabilised"] > 0
    assert seed_page.js("kg.network.physics.options.enabled") is False


def test_table_rows_are_the_statements_and_the_graph_their_entities(seed_page, seed_rdf):
    g, store = seed_rdf
    statements = _rows(g, store, STATEMENTS)
    assert statements
    assert len(seed_page.rows()) == len(statements)
    assert seed_page.page.inner_text("#kg-table-status").startswith(f"{len(statements)} of {len(statements)} fact")
    entities = sorted(label for (label,) in _rows(g, store, ENTITIES_IN_FACTS))
    shown = seed_page.js(f"{VISIBLE_NODES}.map(i => kg.data.nodes[i].label)")
    assert sorted(shown) == entities  # the opening view: only entities in facts
    edges = sorted((s, p.rsplit("#", 1)[-1].rsplit("/", 1)[-1], o) for s, p, o in _rows(g, store, ENTITY_STATEMENTS))
    page_edges = seed_page.js(f"""{VISIBLE_FACT_EDGES}.map(j => kg.data.edges[j]).map(e =>
        [kg.data.nodes[e.from].label, e.p, kg.data.nodes[e.to].label])""")
    assert sorted(map(tuple, page_edges)) == edges
    # only the rows in view are in the DOM
    assert 0 < seed_page.js("document.querySelectorAll('#kg-table-body tr[data-fact]').length") <= len(statements)


def test_header_counts(seed_page, seed_rdf):
    g, store = seed_rdf
    docs = len(_rows(g, store, PROLOGUE + "SELECT ?d WHERE { ?d a schema:NewsArticle }"))
    entities = len(_rows(g, store, PROLOGUE + """SELECT ?s WHERE { ?s rdfs:label ?l .
        FILTER NOT EXISTS { ?s a schema:NewsArticle } }"""))
    facts = len(_rows(g, store, STATEMENTS))
    counts = seed_page.page.inner_text("#kg-counts")
    assert f"{docs} document" in counts and f"{entities} entities" in counts and f"{facts} facts" in counts
    assert seed_page.page.inner_text("#kg-title").strip()
    assert seed_page.page.locator("#kg-note").is_hidden()


def test_edge_labels_say_what_the_fact_is(seed_page, seed_rdf):
    g, store = seed_rdf
    offices = _rows(g, store, PROLOGUE + """SELECT ?pl ?title ?cl WHERE {
        ?st rdf:subject ?p ; rdf:predicate kgo:officeholderOf ; rdf:object ?c ; kgo:charStart ?a ; prov:wasDerivedFrom ?d .
        ?t rdf:subject ?p ; rdf:predicate schema:jobTitle ; rdf:object ?title ; kgo:charStart ?a ; prov:wasDerivedFrom ?d .
        ?p rdfs:label ?pl . ?c rdfs:label ?cl }""")
    launches = _rows(g, store, PROLOGUE + """SELECT ?ll ?date WHERE {
        ?l a kgo:MissileLaunch ; schema:startDate ?date ; rdfs:label ?ll }""")
    assert offices and launches
    labels = seed_page.js("""kg.data.edges.map(e => [kg.data.nodes[e.from].label, e.p, kg.data.nodes[e.to].label,
                                                      kg.edges.get(kg.data.edges.indexOf(e)).label])""")
    by_ends = {(s, p, o): label for s, p, o, label in labels}
    for person, title, country in offices:
        assert title in by_ends[(person, "officeholderOf", country)], (person, title)
    for launch, date in launches:
        assert any(date in label for (s, p, _), label in by_ends.items() if s == launch and p == "launchedBy")


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
        seed_page.wait_until("""i => { const net = kg.network, d = net.canvasToDOM(net.getPositions([i])[i]);
                                       const box = document.getElementById("kg-graph").getBoundingClientRect();
                                       return Math.hypot(d.x - box.width / 2, d.y - box.height / 2) < 20; }""", node)
        assert target in page.inner_text("#kg-search-status")
        assert page.inner_text("#kg-details h2") == target
    page.fill("#kg-search", "no such node anywhere")
    page.press("#kg-search", "Enter")
    assert "No entity matches" in page.inner_text("#kg-search-status")
    assert seed_page.rows() == []  # the text filters the table too
    seed_page.check_clean()


def test_text_filter_and_sorting(seed_page):
    page = seed_page.page
    page.fill("#kg-search", "park jin")
    rows = seed_page.rows()
    assert rows and all("Park Jin" in seed_page.js("i => kg.table.csv !== undefined && JSON.stringify(kg.data.facts[i]) "
                                                   "+ kg.data.nodes[kg.data.facts[i].s].label + "
                                                   "(kg.data.facts[i].o === null ? '' : kg.data.nodes[kg.data.facts[i].o].label)", i)
                        for i in rows)
    page.fill("#kg-search", "")
    page.click("#kg-table th[data-col=c] button")
    conf = seed_page.js("kg.table.rows.map(i => kg.data.facts[i].c)")
    assert conf == sorted(conf)
    page.click("#kg-table th[data-col=c] button")
    assert seed_page.js("kg.table.rows.map(i => kg.data.facts[i].c)") == sorted(conf, reverse=True)
    assert page.get_attribute("#kg-table th[data-col=c]", "aria-sort") == "descending"


def test_unticking_a_class_hides_its_nodes_and_rows(seed_page):
    page = seed_page.page
    people = set(seed_page.js("kg.data.nodes.flatMap((n, i) => n.cls === 'Person' ? [i] : [])"))
    assert people & set(seed_page.js(VISIBLE_NODES))
    page.uncheck("#kg-legend input[data-cls=Person]")
    assert not people & set(seed_page.js(VISIBLE_NODES))
    assert seed_page.js(VISIBLE_NODES)
    for i in seed_page.rows():
        f = seed_page.js("i => kg.data.facts[i]", i)
        assert f["s"] not in people and f["o"] not in people
    page.check("#kg-legend input[data-cls=Person]")
    assert people & set(seed_page.js(VISIBLE_NODES))


def test_confidence_slider_filters_rows_and_edges(seed_page):
    page = seed_page.page
    page.focus("#kg-confidence")
    for _ in range(17):  # 17 steps of 0.05
        page.keyboard.press("ArrowRight")
    assert page.inner_text("#kg-confidence-value") == "0.85"
    confs = seed_page.js("kg.table.rows.map(i => kg.data.facts[i].c)")
    assert confs and min(confs) >= 0.85
    all_confs = seed_page.js("kg.data.facts.map(f => f.c)")
    assert len(confs) == sum(1 for c in all_confs if c >= 0.85) < len(all_confs)
    edges = seed_page.js(f"{VISIBLE_FACT_EDGES}.map(j => kg.data.edges[j])")
    assert all(any(all_confs[i] >= 0.85 for i in e["f"]) for e in edges)


def test_row_click_focuses_the_graph_and_shows_the_evidence_in_its_paragraph(seed_page):
    page = seed_page.page
    row = page.locator("#kg-table-body tr[data-fact]").nth(1)
    fact = int(row.get_attribute("data-fact"))
    f = seed_page.js("i => kg.data.facts[i]", fact)
    row.click()
    selected = set(seed_page.js("kg.network.getSelectedNodes()"))
    assert f["s"] in selected and (f["o"] is None or f["o"] in selected)
    assert page.inner_text("#kg-details mark").strip() == f["e"].strip()
    quote = page.inner_text("#kg-details blockquote")
    assert f["e"].strip() in quote and len(quote) >= len(f["e"].strip())
    assert "sel" in (page.locator(f"#kg-table-body tr[data-fact='{fact}']").get_attribute("class") or "")
    seed_page.check_clean()


def test_documents_panel_picks_a_document(seed_page):
    page = seed_page.page
    page.click("#kg-tab-docs")
    page.locator("#kg-doc-list button").first.click()
    doc = seed_page.js("kg.state.doc")
    assert doc == 0
    rows = seed_page.rows()
    assert rows and all(seed_page.js("i => kg.data.facts[i].doc", i) == 0 for i in rows)
    text = page.inner_text("#kg-details")
    assert seed_page.js("kg.data.docs[0].title") in text and "Entities" in text and "Facts (" in text
    assert "doc=" in seed_page.js("location.hash")


def test_csv_download_has_the_filtered_rows(seed_page, tmp_path):
    page = seed_page.page
    page.fill("#kg-search", "minister")
    rows = seed_page.rows()
    assert rows
    with page.expect_download() as dl:
        page.click("#kg-csv")
    path = tmp_path / "facts.csv"
    dl.value.save_as(path)
    table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert table[0][:3] == ["subject", "relation", "object"]
    assert len(table) - 1 == len(rows)
    facts = seed_page.js("rows => rows.map(i => kg.data.facts[i])", rows)
    assert [r[8] for r in table[1:]] == [f["e"] for f in facts]
    seed_page.check_clean()


def test_keyboard_and_accessible_names(seed_page):
    page = seed_page.page
    page.locator("#kg-table-body tr[data-fact]").first.click()
    assert seed_page.js("kg.state.sel") is not None
    page.keyboard.press("Escape")
    assert seed_page.js("kg.state.sel") is None
    assert seed_page.js("kg.network.getSelectedNodes()") == []
    page.keyboard.press("/")
    assert seed_page.js("document.activeElement.id") == "kg-search"
    unnamed = seed_page.js("""[...document.querySelectorAll('button, input, select, textarea, [tabindex]')].filter(e => {
        if (e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')) return false;
        if (e.labels && e.labels.length) return false;
        return !(e.textContent || '').trim(); }).map(e => e.outerHTML.slice(0, 80))""")
    assert unnamed == []


def test_screenshot(seed_page):
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    seed_page.page.wait_for_timeout(300)
    seed_page.page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000




def test_agreement_details_list_its_events_in_date_order(seed_page, seed_rdf):
    g, store = seed_rdf
    expected = [tuple(r) for r in _rows(g, store, PROLOGUE + """SELECT ?d ?t WHERE {
        ?a a kgo:Agreement ; kgo:hasEvent ?e . ?e schema:startDate ?d ; kgo:eventType ?type .
        BIND(STRAFTER(STR(?type), "#") AS ?t) } ORDER BY ?d ?t""")]
    assert expected
    events = seed_page.js("""kg.data.nodes.filter(n => n.cls === "Agreement" && n.events.length)
                             .map(n => n.events.map(e => [e[0], e[1]]))""")
    assert [tuple(e) for group in events for e in group] == expected
    i = seed_page.js("kg.data.nodes.findIndex(n => n.cls === 'Agreement' && n.events.length)")
    seed_page.js(f"kg.panels.node({i}) || true")
    items = seed_page.page.locator(".kg-event").all_inner_texts()
    assert items and items[0].startswith(expected[0][0])
