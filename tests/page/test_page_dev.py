"""The page of the development set in Chromium: the opening view, the brush, the URL."""
from __future__ import annotations

from pagekit import (
    VISIBLE_NODES,
    Page,
)

# ---------------------------------------------------------------- the development set

def test_opening_view_is_readable(dev_page):
    drawn = dev_page.js("kg.nodes.length")
    assert 0 < drawn <= 300
    assert drawn == dev_page.js("kg.data.nodes.filter(n => n.facts && n.drawn).length")
    px = dev_page.js("Object.values(kg.network.body.nodes).filter(n => !n.options.hidden)"
                     ".map(n => n.options.font.size * kg.network.getScale())")
    assert min(px) >= 11, min(px)
    # every shown node is inside the window
    inside = dev_page.js("""kg.nodes.getIds().every(i => { const d = kg.network.canvasToDOM(kg.network.getPositions([i])[i]);
        const b = document.getElementById('kg-graph').getBoundingClientRect();
        return d.x >= 0 && d.y >= 0 && d.x <= b.width && d.y <= b.height; })""")
    assert inside
    dev_page.page.check("#kg-all")
    assert dev_page.js("kg.nodes.length") == dev_page.js("kg.data.nodes.filter(n => n.drawn).length") > drawn
    dev_page.page.check("#kg-comention")
    weights = dev_page.js("kg.edges.get().filter(e => e.co).map(e => e.width)")
    assert weights and max(weights) > 1
    dev_page.check_clean()


def test_entity_panel_lists_aliases_with_reasons_facts_and_documents(dev_page):
    node = dev_page.js("kg.data.nodes.findIndex(n => n.res.length > 0 && n.facts)")
    assert node >= 0
    n = dev_page.js("i => kg.data.nodes[i]", node)
    dev_page.page.fill("#kg-search", n["label"])
    dev_page.page.press("#kg-search", "Enter")
    text = dev_page.page.inner_text("#kg-details")
    surface, rule, _ = n["res"][0]
    assert surface in text and f"merged by rule {rule}" in text
    assert "Facts (" in text and "Documents (" in text
    doc_titles = dev_page.js("i => kg.data.nodes[i].docs.map(d => kg.data.docs[d].title)", node)
    assert all(t in text for t in doc_titles)
    dev_page.check_clean()


def test_brush_removes_out_of_range_rows_and_nodes(dev_page):
    page = dev_page.page
    before_nodes = set(dev_page.js(VISIBLE_NODES))
    box = page.locator("#kg-tl-svg").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, y, steps=5)
    page.mouse.move(box["x"] + box["width"] * 0.98, y, steps=5)
    page.mouse.up()
    lo, hi = dev_page.js("[kg.state.from, kg.state.to === null ? 1e9 : kg.state.to]")
    assert lo is not None
    rows = dev_page.rows()
    assert rows
    for i in rows:
        r = dev_page.js("i => kg.data.facts[i].r", i)
        assert r is not None and r[1] >= lo and r[0] <= hi
    assert len(rows) < dev_page.js("kg.data.facts.length")
    after_nodes = set(dev_page.js(VISIBLE_NODES))
    assert after_nodes and after_nodes < before_nodes
    ends = set()
    for i in rows:
        f = dev_page.js("i => kg.data.facts[i]", i)
        ends |= {f["s"], f["o"]} - {None}
    assert after_nodes <= ends
    assert "from=" in dev_page.js("location.hash")
    page.click("#kg-tl-reset")
    assert set(dev_page.js(VISIBLE_NODES)) == before_nodes
    dev_page.check_clean()


def test_url_fragment_round_trips_and_back_button_works(browser, dev_page, dev_build):
    page = dev_page.page
    page.fill("#kg-search", "minister")
    page.uncheck("#kg-legend input[data-cls=City]")
    page.focus("#kg-confidence")
    for _ in range(12):
        page.keyboard.press("ArrowRight")
    page.check("#kg-comention")
    page.locator("#kg-table-body tr[data-fact]").first.click()
    state = dev_page.js("JSON.stringify(kg.state)")
    url = dev_page.js("location.href")
    rows, details = dev_page.rows(), page.inner_text("#kg-details h2")
    other = Page(browser, dev_build / "graph.html")
    try:
        other.page.goto(url)
        other.page.reload()
        other.page.wait_for_selector("body[data-kg-ready]", state="attached", timeout=60_000)
        assert other.js("JSON.stringify(kg.state)") == state
        assert other.rows() == rows
        assert other.page.inner_text("#kg-details h2") == details
        assert other.page.input_value("#kg-search") == "minister"
        assert not other.page.is_checked("#kg-legend input[data-cls=City]")
        assert other.page.is_checked("#kg-comention")
        assert other.js("kg.edges.getIds().some(j => typeof j === 'string')")  # co-mention edges drawn
        other.check_clean()
    finally:
        other.close()
    page.go_back()  # before the row click: nothing selected
    dev_page.wait_until("!kg.state.sel")
    assert dev_page.js("kg.state.q") == "minister"
    page.go_back()  # before the co-mention toggle
    dev_page.wait_until("!kg.state.co")
    dev_page.check_clean()


