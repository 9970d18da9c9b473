"""Shared fixtures: one build of seeds/ per test session, and a helper to build more.

Fixtures (all session-scoped):

- ``kg_build(paths, out=None, **options) -> Path``: run ``graph.build.build`` with
  ``workers=1`` and return the path of the written ``graph.ttl``; ``out`` defaults to a
  fresh temporary folder.
- ``seed_out``: the output folder of a build of ``seeds/`` (graph.ttl + graph.html).
- ``seed_ttl``: ``seed_out / "graph.ttl"``.
- ``dev_ttl``: graph.ttl of a build of ``../shared/eval/dev/docs`` (skipped when absent).
- ``seed_graph``: that Turtle parsed by rdflib.
- ``seed_store``: the same Turtle loaded into a pyoxigraph ``Store``.
- ``sparql_both(query, graph, store) -> list[tuple[str, ...]]``: run one SELECT
  query in both engines, assert they give the same rows, return the rows (IRIs and
  literals as strings, numeric literals as int/float, unbound as None; rows sorted).
  The project's prefixes are declared.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from graph.namespaces import TURTLE_PREFIXES

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

PREFIXES = TURTLE_PREFIXES
PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


@pytest.fixture(scope="session")
def kg_build(tmp_path_factory):
    """Build a graph from files or folders; returns the path of graph.ttl."""
    from graph.build import build

    def run(paths, out: Path | None = None, **options) -> Path:
        out = Path(out) if out is not None else tmp_path_factory.mktemp("build")
        options.setdefault("workers", 1)
        build([os.fspath(p) for p in paths], out, **options)
        return out / "graph.ttl"

    return run


DEV = ROOT.parent / "shared" / "eval" / "dev"


@pytest.fixture(scope="session")
def dev_ttl(kg_build, tmp_path_factory) -> Path:
    """graph.ttl of a build of the development set (../shared/eval/dev/docs), once per session."""
    if not (DEV / "gold.json").exists():
        pytest.skip("../shared/eval/dev is absent")
    return kg_build([DEV / "docs"], tmp_path_factory.mktemp("dev-build"))


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory, kg_build) -> Path:
    out = tmp_path_factory.mktemp("seed-build")
    with contextlib.chdir(ROOT):  # relative "seeds" as in `kg build seeds`
        kg_build(["seeds"], out)
    return out


@pytest.fixture(scope="session")
def seed_ttl(seed_out) -> Path:
    return seed_out / "graph.ttl"


@pytest.fixture(scope="session")
def seed_graph(seed_ttl) -> rdflib.Graph:
    return rdflib.Graph().parse(seed_ttl, format="turtle")


@pytest.fixture(scope="session")
def seed_store(seed_ttl) -> ox.Store:
    store = ox.Store()
    store.load(path=str(seed_ttl), format=ox.RdfFormat.TURTLE)
    return store


_XSD = PREFIXES["xsd"]
_INTEGERS = {_XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}
_DECIMALS = {_XSD + t for t in ("decimal", "double", "float")}


def _value(lexical: str, datatype: str | None):
    """Numbers as Python numbers (the engines write "0.60" and "0.6"); anything else as text."""
    if datatype in _INTEGERS:
        return int(lexical)
    if datatype in _DECIMALS:
        return float(lexical)
    return lexical


def _ox_term(term):
    if term is None:
        return None
    datatype = term.datatype.value if isinstance(term, ox.Literal) else None
    return _value(term.value, datatype)


def _rdflib_term(term):
    if term is None:
        return None
    datatype = str(term.datatype) if isinstance(term, rdflib.Literal) and term.datatype else None
    return _value(str(term), datatype)


def sparql_rows(query: str, graph: rdflib.Graph | None = None, store: ox.Store | None = None):
    """Rows of a SELECT query in rdflib and/or pyoxigraph, after asserting they agree."""
    text = PROLOGUE + query
    answers = []
    if graph is not None:
        answers.append(sorted((tuple(_rdflib_term(t) for t in row) for row in graph.query(text)),
                              key=repr))
    if store is not None:
        result = store.query(text)
        names = list(result.variables)
        answers.append(sorted((tuple(_ox_term(sol[v]) for v in names) for sol in result), key=repr))
    assert answers, "give a graph, a store or both"
    for other in answers[1:]:
        assert other == answers[0], f"rdflib and pyoxigraph disagree on:\n{query}"
    return answers[0]


@pytest.fixture(scope="session")
def sparql_both():
    return sparql_rows
