"""Hostile article text stays inert in the page; the page without a browser."""
from __future__ import annotations

import json

import pytest
from pagekit import (
    EVIL,
    EVIL_ARTICLE,
    Page,
)

from extract import model as m
from graph.assemble import KnowledgeGraph, Node, Resolution
from graph.html import DEFAULT_MAX_NODES, json_for_script, render, select_nodes

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
        assert title in page.page.inner_text("#kg-table-body")
        evil_row = page.js("kg.table.rows.find(i => kg.data.facts[i].e.includes('<'))")
        page.page.locator(f"#kg-table-body tr[data-fact='{evil_row}']").click()
        details = page.page.inner_text("#kg-details")
        assert page.js("i => kg.data.facts[i].e", evil_row).strip() in details
        assert title in details
        page.page.click("#kg-tab-docs")
        assert title in page.page.inner_text("#kg-docs")
        _assert_inert(page)
    finally:
        page.close()


def _hostile_graph() -> KnowledgeGraph:
    bad = " ".join(EVIL)
    text = "\n".join(f"Sentence {i} says {b}." for i, b in enumerate(EVIL))
    doc = m.Document("evil-doc", text, "evil.txt", title="Title " + bad, date="2022-06-14")
    kg = KnowledgeGraph(documents=[doc])
    offsets, at = [], 0
    for line in text.split("\n"):
        offsets.append((at, at + len(line), line))
        at += len(line) + 1
    for i, b in enumerate(EVIL):
        key = f"n{i}"
        kg.nodes[key] = Node(key, f"Minister {b} {i}", aliases={f"alias {b}"}, mentions=i, documents={doc.id},
                             resolutions=[Resolution(f"alias {b}", f"rule {b}", (doc.id,))])
        kg.nodes[key].classes["Person" if i % 2 else "Country"] += 1
    kg.nodes["launch"] = Node("launch", "launch " + EVIL[0], documents={doc.id})
    kg.nodes["launch"].classes["MissileLaunch"] += 1
    for i in range(1, len(EVIL)):
        a, z, line = offsets[i]
        ev = m.Evidence(doc.id, line, a, z)
        kg.facts.append(m.Fact(f"n{i}", "officeholderOf", f"n{i - 1}", None, ev, 0.9, EVIL[i - 1]))
        kg.facts.append(m.Fact(f"n{i}", "jobTitle", EVIL[i], "string", ev, 0.9, EVIL[i]))
    a, z, line = offsets[0]
    kg.facts.append(m.Fact("launch", "startDate", "2022-06-05", "date", m.Evidence(doc.id, line, a, z), 0.8, EVIL[0]))
    kg.facts.append(m.Fact("launch", "startDate", EVIL[1], "date", m.Evidence(doc.id, EVIL[2], 0, 3), 0.8, EVIL[3]))
    return kg


def test_hostile_strings_in_every_field_stay_text(browser, tmp_path):
    kg = _hostile_graph()
    path = tmp_path / "graph.html"
    path.write_text(render(kg, "Graph " + " ".join(EVIL)), encoding="utf-8")
    page = Page(browser, path)
    try:
        assert page.page.inner_text("#kg-title") == "Graph " + " ".join(EVIL)
        assert sorted(page.js("kg.data.nodes.map(n => n.label)")) == sorted(n.label for n in kg.nodes.values())
        assert len(page.rows()) == len(kg.facts)
        body = page.js("document.getElementById('kg-table-body').textContent")
        assert EVIL[0] in body and EVIL[2] in body
        titles = page.js("[...document.querySelectorAll('#kg-tl-svg title')].map(t => t.textContent)")
        assert titles and any(EVIL[0] in t for t in titles)
        label = kg.nodes["n3"].label
        page.page.fill("#kg-search", label)
        page.page.press("#kg-search", "Enter")
        assert page.js("document.querySelector('#kg-details h2').textContent") == label
        details = page.js("document.getElementById('kg-details').textContent")
        assert f"alias {EVIL[3]}" in details and f"rule {EVIL[3]}" in details
        page.page.wait_for_timeout(600)  # the focus animation (400 ms) has ended
        page.page.mouse.move(5, 5)
        page.page.mouse.move(*page.dom_point(3), steps=3)
        page.page.locator("div.vis-tooltip").wait_for(state="visible", timeout=15_000)
        assert label in page.js("document.querySelector('div.vis-tooltip').textContent")
        for i in range(len(kg.facts)):
            page.js("i => kg.select({t: 'f', i: i}, true)", i)
            assert kg.facts[i].evidence.sentence in page.js("document.getElementById('kg-details').textContent")
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
    assert render(_hostile_graph(), "t") == render(_hostile_graph(), "t")


def _star(n: int) -> KnowledgeGraph:
    kg = KnowledgeGraph(documents=[m.Document("d", "x", "d.txt")])
    for i in range(n):
        kg.nodes[f"n{i:02}"] = Node(f"n{i:02}", f"node {i}", mentions=1, documents={"d"})
        kg.nodes[f"n{i:02}"].classes["Person"] += 1
    ev = m.Evidence("d", "x", 0, 1)
    for i in range(1, 10):  # a star: n00 linked to n01..n09; n01 also to n02
        kg.facts.append(m.Fact(f"n{i:02}", "party", "n00", None, ev, 1.0, "r"))
    kg.facts.append(m.Fact("n01", "party", "n02", None, ev, 1.0, "r"))
    return kg


def test_large_graph_policy_keeps_the_most_connected_nodes():
    kg = _star(60)
    assert select_nodes(kg, 3) == ["n00", "n01", "n02"]
    assert select_nodes(kg, 0) == sorted(kg.nodes)
    html = render(kg, "t", max_nodes=3)
    data = json.loads(html.split('id="kg-data">', 1)[1].split("</script>", 1)[0])
    assert sum(n["drawn"] for n in data["nodes"]) == 3 and len(data["nodes"]) == 60
    assert len(data["edges"]) == 3 and len(data["facts"]) == 10  # the table keeps every fact
    assert DEFAULT_MAX_NODES >= 1000
