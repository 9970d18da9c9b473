"""Exports read by the tools people use: Gephi (GraphML, GEXF), igraph, NetworkX, pandas,
curl at the endpoint, and independent RDF parsers (Raptor's ``rapper``, Serd's ``serdi``).

Every count is checked against a SPARQL count on the build's own Turtle.
"""
from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

from graph import tables
from graph.cli import main
from graph.query import PREFIX_MAP, PREFIXES, QueryError, run_query, with_prefixes
from graph.serve import Endpoint, free_port

XSD = rdflib.Namespace(PREFIX_MAP["xsd"])  # an open namespace: pytest probes module globals

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = Path(__file__).with_name("data") / "sample.ttl"
DEV_DOCS = ROOT.parent / "shared" / "eval" / "dev" / "docs"
FORMATS = ["ttl", "nt", "graphml", "gexf", "csv", "parquet"]
GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"
GEXF_NS = "{http://www.gexf.net/1.2draft}"
ENTITY = "?e kgo:mentionCount []"


@pytest.fixture(scope="session")
def seed_exports(tmp_path_factory, kg_build) -> Path:
    out = tmp_path_factory.mktemp("exports-seed")
    kg_build([ROOT / "seeds"], out, formats=FORMATS)
    return out


@pytest.fixture(scope="session")
def dev_exports(tmp_path_factory, kg_build) -> Path:
    if not DEV_DOCS.is_dir():
        pytest.skip(f"{DEV_DOCS} is not present")
    out = tmp_path_factory.mktemp("exports-dev")
    kg_build([DEV_DOCS], out, formats=FORMATS)
    return out


@pytest.fixture(params=["seed_exports", "dev_exports"])
def out(request) -> Path:
    return request.getfixturevalue(request.param)


def _store(ttl: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    return store


def _rows(store: ox.Store, query: str) -> list[tuple]:
    def value(term):
        if term is None:
            return None
        if isinstance(term, ox.Literal) and term.datatype.value == str(XSD.integer):
            return int(term.value)
        return term.value

    result = store.query(PREFIXES + query)
    return [tuple(value(s[v]) for v in result.variables) for s in result]


def _count(store: ox.Store, where: str) -> int:
    return _rows(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")[0][0]


def _entity_edges(store: ox.Store) -> dict[tuple[str, str, str], int]:
    """(source IRI, target IRI, relation) -> statements supporting it, by SPARQL."""
    rows = _rows(store, """SELECT ?s ?o ?p (COUNT(?st) AS ?n) WHERE {
        ?s ?p ?o . ?s kgo:mentionCount [] . ?o kgo:mentionCount [] .
        ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } GROUP BY ?s ?o ?p""")
    return {(s, o, tables.local_name(p)): n for s, o, p, n in rows}


def _intervals(store: ox.Store) -> dict[str, tuple[str, str]]:
    """Entity IRI -> (first, last) day its date literals cover, computed from SPARQL rows."""
    rows = _rows(store, """SELECT ?e ?d WHERE { ?e kgo:mentionCount [] .
        VALUES ?p { schema:startDate kgo:signedDate kgo:inForceDate kgo:endDate } ?e ?p ?d }""")
    spans: dict[str, list] = {}
    for e, d in rows:
        lit = next(iter(_rows(store, f'SELECT (DATATYPE(?d) AS ?t) WHERE {{ <{e}> ?p ?d . '
                                     f'FILTER(STR(?d) = "{d}") }}')))[0]
        span = tables.date_interval(d, rdflib.URIRef(lit))
        if span:
            spans.setdefault(e, []).append(span)
    return {e: (min(s for s, _ in v), max(x for _, x in v)) for e, v in spans.items()}


# ------------------------------------------------------------------------ dates

@pytest.mark.parametrize("lexical, datatype, expected", [
    ("2005", XSD.gYear, ("2005-01-01", "2005-12-31")),
    ("2024-02", XSD.gYearMonth, ("2024-02-01", "2024-02-29")),
    ("2023-02", XSD.gYearMonth, ("2023-02-01", "2023-02-28")),
    ("2022-06-05", XSD.date, ("2022-06-05", "2022-06-05")),
    ("--06-05", XSD.gMonthDay, None),  # no year: no place on a timeline
    ("2022-13", XSD.gYearMonth, None),
    ("June", XSD.string, None),
])
def test_date_interval(lexical, datatype, expected):
    assert tables.date_interval(lexical, datatype) == expected


# ------------------------------------------------------------------------ GraphML

def test_graphml_reads_in_igraph_and_networkx_with_the_graphs_fact_counts(out):
    import igraph

    store = _store(out / "graph.ttl")
    entities = _count(store, ENTITY.replace("?e", "?e"))
    edges = _entity_edges(store)
    assert entities > 0 and edges
    path = out / "graph.graphml"
    ig = igraph.Graph.Read_GraphML(str(path))
    back = nx.read_graphml(path)
    assert (ig.vcount(), ig.ecount()) == (entities, len(edges))
    assert (back.number_of_nodes(), back.number_of_edges()) == (entities, len(edges))
    # each edge is one relation triple, with the number of statements that support it
    got = {(ig.vs[e.source]["id"], ig.vs[e.target]["id"], e["relation"]): e["evidence"] for e in ig.es}
    assert got == edges
    assert sum(ig.es["evidence"]) == _count(store, "?st rdf:subject ?s ; rdf:object ?o . "
                                                   "?s kgo:mentionCount [] . ?o kgo:mentionCount []")
    # unique edge ids: Gephi drops an edge whose id it has seen
    ids = [e.get("id") for e in ET.parse(path).getroot().iter(GRAPHML_NS + "edge")]
    assert None not in ids and len(set(ids)) == len(ids) == len(edges)


def test_graphml_keys_are_typed(out):
    keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type")
            for k in ET.parse(out / "graph.graphml").getroot().iter(GRAPHML_NS + "key")}
    for name, kind in {"label": "string", "class": "string", "mentions": "long", "documents": "long"}.items():
        assert keys[("node", name)] == kind, name
    for name, kind in {"relation": "string", "label": "string", "confidence": "double",
                       "evidence": "long", "documents": "long", "title": "string"}.items():
        assert keys[("edge", name)] == kind, name
    for what in ("node", "edge"):  # dates stay strings, as written, with their precision
        if (what, "date") in keys:
            assert keys[(what, "date")] == keys[(what, "date_precision")] == "string"


def test_graphml_attributes_match_the_turtle(out):
    import igraph

    store = _store(out / "graph.ttl")
    ig = igraph.Graph.Read_GraphML(str(out / "graph.graphml"))
    nodes = {v["id"]: v.attributes() for v in ig.vs}
    expected = _rows(store, """SELECT ?e ?label ?class ?n WHERE { ?e kgo:mentionCount ?n ; rdfs:label ?label ;
        a ?class }""")
    for e, label, cls, mentions in expected:
        assert (nodes[e]["label"], nodes[e]["mentions"]) == (label, mentions)
        assert cls.endswith("/" + nodes[e]["class"]) or cls.endswith("#" + nodes[e]["class"])
    titles = dict(_rows(store, """SELECT ?e (GROUP_CONCAT(?t; separator="; ") AS ?ts) WHERE {
        SELECT ?e ?t WHERE { ?e schema:jobTitle ?t } ORDER BY ?t } GROUP BY ?e"""))
    for e, title in titles.items():
        assert nodes[e]["title"] == title
    best = dict(((s, o, tables.local_name(p)), c) for s, o, p, c in _rows(store, """
        SELECT ?s ?o ?p (MAX(xsd:double(?c)) AS ?best) WHERE { ?s ?p ?o . ?o kgo:mentionCount [] .
        ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kgo:confidence ?c } GROUP BY ?s ?o ?p"""))
    for e in ig.es:
        key = (ig.vs[e.source]["id"], ig.vs[e.target]["id"], e["relation"])
        assert e["confidence"] == pytest.approx(float(best[key]))
    spans = _intervals(store)
    for e, (start, end) in spans.items():
        assert (nodes[e]["start"], nodes[e]["end"]) == (start, end)
        precision = {4: "year", 7: "month", 10: "day"}[len(nodes[e]["date"])]
        assert nodes[e]["date_precision"] == precision


def test_dev_graphml_places_a_year_on_a_timeline(dev_exports):
    back = nx.read_graphml(dev_exports / "graph.graphml")
    dates = ("startDate", "signedDate", "inForceDate", "endDate")
    years = [d for _, d in back.nodes(data=True)
             if d.get("date_precision") == "year" and sum(k in d for k in dates) == 1]
    assert years, "the dev corpus has events dated by their year only"
    for d in years:
        assert (d["start"], d["end"]) == (f"{d['date']}-01-01", f"{d['date']}-12-31")


# ------------------------------------------------------------------------ GEXF

def test_gexf_parses_with_the_counts_and_intervals(out):
    store = _store(out / "graph.ttl")
    edges = _entity_edges(store)
    path = out / "graph.gexf"
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == _count(store, ENTITY)
    assert back.number_of_edges() == len(edges)
    graph = ET.parse(path).getroot().find(GEXF_NS + "graph")
    spans = _intervals(store)
    if spans:  # Gephi plays a dynamic graph with date time stamps
        assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    for node, data in back.nodes(data=True):
        assert (data.get("start"), data.get("end")) == spans.get(node, (None, None)), node
    for u, v, data in back.edges(data=True):
        event = spans.get(u) or spans.get(v)  # an edge of a launch or agreement is dated by it
        assert (data.get("start"), data.get("end")) == (event or (None, None)), (u, v)
    ids = [e.get("id") for e in graph.iter(GEXF_NS + "edge")]
    assert len(set(ids)) == len(ids) == len(edges)


def test_gexf_sample_intervals(tmp_path):
    from graph import exports

    g = rdflib.Graph().parse(SAMPLE, format="turtle")
    back = nx.read_gexf(exports.write("gexf", g, None, tmp_path / "graph.gexf"))
    ident = "https://w3id.org/kgbuilder/id/"
    accords = back.nodes[ident + "entity/abraham-accords"]  # signed "2020-09"^^xsd:gYearMonth
    assert (accords["date"], accords["date_precision"], accords["start"], accords["end"]) == (
        "2020-09", "month", "2020-09-01", "2020-09-30")
    party = back.edges[ident + "entity/abraham-accords", ident + "entity/israel"]
    assert (party["relation"], party["start"], party["end"]) == ("party", "2020-09-01", "2020-09-30")
    assert "start" not in back.nodes[ident + "entity/park-jin"]  # undated: always on screen


# ------------------------------------------------------------------------ tables

def test_tables_read_back_with_the_sparql_counts(out):
    import pandas as pd

    store = _store(out / "graph.ttl")
    ents = {fmt: (pd.read_csv if fmt == "csv" else pd.read_parquet)(out / f"entities.{fmt}")
            for fmt in ("csv", "parquet")}
    rels = {fmt: (pd.read_csv if fmt == "csv" else pd.read_parquet)(out / f"relations.{fmt}")
            for fmt in ("csv", "parquet")}
    for fmt in ("csv", "parquet"):
        assert tuple(ents[fmt].columns) == tables.ENTITY_COLUMNS
        assert tuple(rels[fmt].columns) == tables.RELATION_COLUMNS
        assert len(ents[fmt]) == _count(store, ENTITY) > 0
        assert len(rels[fmt]) == _count(store, "?st a rdf:Statement") > 0
        assert ents[fmt]["mentions"].sum() == _rows(store, "SELECT (SUM(?n) AS ?s) WHERE { ?e kgo:mentionCount ?n }")[0][0]
        by_relation = rels[fmt].groupby("relation").size().to_dict()
        expected: dict[str, int] = {}
        for p, n in _rows(store, "SELECT ?p (COUNT(?st) AS ?n) WHERE { ?st a rdf:Statement ; rdf:predicate ?p } "
                                 "GROUP BY ?p"):  # kgo:endDate and schema:endDate are both "endDate"
            expected[tables.local_name(p)] = expected.get(tables.local_name(p), 0) + n
        assert by_relation == expected
    # the same rows in both formats; lists (aliases, documents) are "a; b" in CSV
    assert list(ents["csv"]["id"]) == list(ents["parquet"]["id"])
    assert [list(a) for a in ents["parquet"]["documents"]] == [
        [] if pd.isna(a) else a.split("; ") for a in ents["csv"]["documents"]]
    assert list(rels["csv"]["statement"]) == list(rels["parquet"]["statement"])


def test_relation_offsets_point_at_the_evidence(out):
    import pyarrow.parquet as pq

    rows = pq.read_table(out / "relations.parquet").to_pylist()
    store = _store(out / "graph.ttl")
    text = dict(_rows(store, "SELECT ?id ?text WHERE { ?d dcterms:identifier ?id ; schema:text ?text }"))
    for row in rows:
        assert text[row["document"]][row["char_start"]:row["char_end"]] == row["evidence"]
        assert 0 <= row["confidence"] <= 1 and row["extractor"]
        assert (row["target"] is None) != (row["value"] is None)
        if row["datatype"] in ("date", "gYearMonth", "gYear"):
            assert row["date"] == row["value"]


def test_tables_are_written_together_or_not_at_all(tmp_path, monkeypatch):
    g = rdflib.Graph().parse(SAMPLE, format="turtle")
    for name in ("entities", "relations"):
        (tmp_path / f"{name}.csv").write_text("old\n", encoding="utf-8")
    real = tables._write
    calls = []

    def fail_second(table, fmt, path):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(table, fmt, path)

    monkeypatch.setattr(tables, "_write", fail_second)
    with pytest.raises(OSError):
        tables.write_tables(g, "csv", tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entities.csv", "relations.csv"]
    assert {p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == {"old\n"}
    monkeypatch.setattr(tables, "_write", real)
    written = tables.write_tables(g, "csv", tmp_path)
    assert [p.name for p in written] == ["entities.csv", "relations.csv"]
    assert (tmp_path / "relations.csv").read_text(encoding="utf-8").count("statement/") == 10


# ------------------------------------------------------------------------ CLI

def test_bad_format_is_one_line(tmp_path):
    ran = CliRunner().invoke(main, ["build", str(ROOT / "seeds"), "-o", str(tmp_path), "--format", "ttl,xml"])
    assert ran.exit_code == 2
    assert ran.output.splitlines() == [
        "kg: error: --format: unknown format 'xml'; give a comma-separated list from "
        "ttl, html, nt, jsonld, graphml, gexf, csv, parquet, trig, nq (e.g. --format ttl,html,graphml)"]
    assert list(tmp_path.iterdir()) == []


def test_kg_build_lists_the_table_files(tmp_path):
    ran = CliRunner().invoke(main, ["build", str(ROOT / "seeds"), "-o", str(tmp_path), "-q", "--workers", "1",
                                    "--format", "ttl,csv,parquet"])
    assert ran.exit_code == 0, ran.output
    names = ["graph.ttl", "entities.csv", "relations.csv", "entities.parquet", "relations.parquet"]
    assert ran.output.strip().endswith(", ".join(str(tmp_path / n) for n in names))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)


def test_query_show_prints_a_self_contained_query():
    ran = CliRunner().invoke(main, ["query", "--show", "officeholders"])
    assert ran.exit_code == 0
    assert ran.output.startswith(PREFIXES)
    # runs as printed, with no prefixes declared by the engine
    store = _store(SAMPLE)
    rows = [tuple(s[v].value for v in ("person", "office")) for s in store.query(ran.output)]
    assert ("Park Jin", "South Korea") in rows
    missing = CliRunner().invoke(main, ["query", "--show", "officeholder"])
    assert missing.exit_code == 2 and "unknown query 'officeholder'" in missing.output


def test_query_with_an_undeclared_prefix_gets_a_one_line_hint():
    ran = CliRunner().invoke(main, ["query", str(SAMPLE), "SELECT ?n WHERE { ?p foaf:name ?n }"])
    assert ran.exit_code == 2
    assert ran.output.splitlines() == [
        "kg: error: invalid SPARQL query: undeclared prefix foaf: - add PREFIX foaf: <IRI> at the top "
        "of the query (`kg query --show NAME` prints a query with the project's prefixes)"]
    with pytest.raises(QueryError) as other:  # other syntax errors: one short line too
        run_query(SAMPLE, "SELECT ?p WHERE { ?p a }")
    assert "\n" not in str(other.value) and len(str(other.value)) < 260


def _http(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_endpoint_hints_at_a_missing_prefix():
    query = "SELECT ?p WHERE { ?p a schema:Person }"
    hint = ("undeclared prefix schema: - add PREFIX schema: <https://schema.org/> at the top of the query "
            "(`kg query --show NAME` prints a query with the project's prefixes)\n")
    with Endpoint(SAMPLE, "127.0.0.1", free_port()) as ep:
        assert _http(ep.query_url + "?" + urllib.parse.urlencode({"query": query})) == (400, hint)
        form = urllib.parse.urlencode({"query": query}).encode()
        assert _http(ep.query_url, form, {"Content-Type": "application/x-www-form-urlencoded"}) == (400, hint)
        assert _http(ep.query_url, query.encode(), {"Content-Type": "application/sparql-query"}) == (400, hint)
        status, body = _http(ep.query_url, with_prefixes(query).encode(),
                             {"Content-Type": "application/sparql-query", "Accept": "text/csv"})
        assert status == 200 and [body.split()[0], *sorted(body.split()[1:])] == ["p", *sorted(
            f"https://w3id.org/kgbuilder/id/entity/{p}" for p in ("antony-blinken", "park-jin"))]


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_kg_serve_banner_prints_the_prefixes_and_a_curl_line_that_works(tmp_path):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", str(SAMPLE), "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = [proc.stdout.readline() for _ in range(4 + len(PREFIX_MAP))]
        assert f"at http://127.0.0.1:{port}/query (read-only" in lines[0]
        assert "".join(lines[2:2 + len(PREFIX_MAP)]) == PREFIXES
        curl = lines[-1].strip()
        assert curl.startswith(f"curl -s http://127.0.0.1:{port}/query ")
        done = subprocess.run(shlex.split(curl), capture_output=True, text=True, timeout=30)
        assert done.returncode == 0
        assert done.stdout.splitlines()[0] == "person,name"
        assert sorted(line.split(",")[1] for line in done.stdout.splitlines()[1:]) == ["Antony Blinken", "Park Jin"]
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        proc.stdout.close()


# ------------------------------------------------------------ independent parsers

def _rdflib_count(path: Path, fmt: str) -> int:
    return len(rdflib.Graph().parse(path, format=fmt))


def _oxigraph_count(path: Path, fmt: str) -> int:
    kind = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}[fmt]
    return sum(1 for _ in ox.parse(path=str(path), format=kind))


def _rapper_count(path: Path, fmt: str) -> int:
    syntax = {"turtle": "turtle", "nt": "ntriples"}[fmt]
    done = subprocess.run(["rapper", "-q", "-i", syntax, "-o", "ntriples", str(path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[:500]
    return sum(1 for line in done.stdout.splitlines() if line.strip())


def _serdi_count(path: Path, fmt: str) -> int:
    syntax = {"turtle": "turtle", "nt": "ntriples"}[fmt]
    done = subprocess.run(["serdi", "-q", "-i", syntax, "-o", "ntriples", str(path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[:500]
    return sum(1 for line in done.stdout.splitlines() if line.strip())


PARSERS = {"rdflib": _rdflib_count, "pyoxigraph": _oxigraph_count, "rapper": _rapper_count,
           "serdi": _serdi_count}


@pytest.mark.parametrize("parser", list(PARSERS))
@pytest.mark.parametrize("file, fmt", [("graph.ttl", "turtle"), ("graph.nt", "nt")])
def test_independent_parsers_read_the_same_triples(out, parser, file, fmt):
    if parser in ("rapper", "serdi") and shutil.which(parser) is None:
        pytest.skip(f"{parser} is not installed (.ci/run installs it: apt-get install "
                    f"{'raptor2-utils' if parser == 'rapper' else 'serdi'})")
    expected = len(_store(out / "graph.ttl"))
    assert expected > 0
    assert PARSERS[parser](out / file, fmt) == expected


# ------------------------------------------------------------------ README examples

def _readme_blocks(language: str) -> list[str]:
    import re

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


@pytest.fixture
def in_project_like_folder(seed_exports, tmp_path, monkeypatch) -> Path:
    """A folder whose output/ holds a seed build with every format, as after `make run`."""
    (tmp_path / "output").symlink_to(seed_exports, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_readme_python_examples_run(in_project_like_folder, capsys):
    blocks = _readme_blocks("python")
    assert len(blocks) >= 2  # igraph and pandas
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "officeholderOf" in printed and "Park Jin" in printed


def test_readme_console_examples_print_what_they_show(in_project_like_folder):
    blocks = _readme_blocks("console")
    assert blocks
    for block in blocks:
        command, *expected = block.splitlines()
        assert command.startswith("$ kg ")
        ran = CliRunner().invoke(main, shlex.split(command[len("$ kg "):]))
        assert ran.exit_code == 0, (command, ran.output)
        assert ran.output.splitlines() == expected, command
