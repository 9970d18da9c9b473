"""Fixtures of the page tests: one Chromium per module, the seed and development builds."""
from __future__ import annotations

import contextlib

import pyoxigraph as ox
import pytest
import rdflib
from pagekit import CHROMIUM, CHROMIUM_ARGS, DEV_DOCS, ROOT, Page, _browser_or_skip


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _browser_or_skip()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


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


@pytest.fixture()
def seed_page(browser, seed_build):
    page = Page(browser, seed_build / "graph.html")
    yield page
    page.close()


@pytest.fixture(scope="module")
def dev_build(tmp_path_factory):
    if not DEV_DOCS.is_dir():
        pytest.skip(f"development set not found at {DEV_DOCS}")
    from graph.build import build

    out = tmp_path_factory.mktemp("browser-dev")
    build([str(DEV_DOCS)], out, workers=1)
    return out


@pytest.fixture()
def dev_page(browser, dev_build):
    page = Page(browser, dev_build / "graph.html")
    yield page
    page.close()


