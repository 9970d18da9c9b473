"""``kg eval`` / ``graph.evaluate.evaluate`` on small hand-written graphs and gold files.

The graph below holds, for two documents, every fact of ``GOLD`` with its evidence
statement, under labels that are the gold's aliases rather than its canonical names.
Each test changes one thing and checks the figures that must move (and those that
must not).
"""
from __future__ import annotations

import copy
import json

import pytest
from click.testing import CliRunner
from rdflib import Graph

from graph.cli import main
from graph.evaluate import EvalError, evaluate, format_table
from graph.gold import norm
from graph.query import PREFIXES

TTL = PREFIXES + """
PREFIX id: <https://w3id.org/kgbuilder/id/>
id:doc-a a schema:NewsArticle ; dcterms:identifier "a" ; dcterms:source "https://example.org/a" ;
    schema:mentions id:blinken, id:us, id:nk .
id:doc-b a schema:NewsArticle ; dcterms:identifier "b" ; dcterms:source "news/b.md" ;
    schema:mentions id:treaty, id:israel, id:us .
id:blinken a schema:Person ; rdfs:label "Antony J. Blinken" ;
    kgo:officeholderOf id:us ; schema:jobTitle "Secretary of State" .
id:us a schema:Country ; rdfs:label "U.S." .
id:nk a schema:Country ; rdfs:label "North Korea" ; skos:altLabel "DPRK" .
id:israel a schema:Country ; rdfs:label "Israel" .
id:treaty a kgo:Agreement ; rdfs:label "The Accords" ;
    kgo:signedDate "2020-09-15"^^xsd:date ; kgo:party id:israel .
id:launch-1 a kgo:MissileLaunch ; kgo:launchedBy id:nk ;
    schema:startDate "2023-08-24"^^xsd:date ; kgo:quantity 2 .
id:s1 a rdf:Statement ; rdf:subject id:blinken ; rdf:predicate kgo:officeholderOf ;
    rdf:object id:us ; prov:wasDerivedFrom id:doc-a .
id:s2 a rdf:Statement ; rdf:subject id:blinken ; rdf:predicate schema:jobTitle ;
    rdf:object "Secretary of State" ; prov:wasDerivedFrom id:doc-a .
id:s3 a rdf:Statement ; rdf:subject id:launch-1 ; rdf:predicate kgo:launchedBy ;
    rdf:object id:nk ; prov:wasDerivedFrom id:doc-a .
id:s4 a rdf:Statement ; rdf:subject id:treaty ; rdf:predicate kgo:signedDate ;
    rdf:object "2020-09-15"^^xsd:date ; prov:wasDerivedFrom id:doc-b .
id:s5 a rdf:Statement ; rdf:subject id:treaty ; rdf:predicate kgo:party ;
    rdf:object id:israel ; prov:wasDerivedFrom id:doc-b .
"""

GOLD = {
    "a.md": {
        "pubdate": "2023-08-25",
        "officeholder": [{"person": "Antony Blinken", "title": "Secretary of State", "of": "United States"}],
        "launch": [{"agent": "North Korea", "date": "2023-08-24", "count": 2, "weapon": None}],
        "entities": [{"name": "Antony Blinken", "type": "Person", "aliases": ["Antony J. Blinken"]},
                     {"name": "United States", "type": "Country", "aliases": ["U.S."]},
                     {"name": "North Korea", "type": "Country", "aliases": ["DPRK"]}],
    },
    "b.md": {
        "agreement_date": [{"agreement": "Abraham Accords", "aliases": ["the Accords"],
                            "date": "2020-09-15", "kind": "signed"}],
        "agreement_party": [{"agreement": "Abraham Accords", "party": "Israel"}],
        "entities": [{"name": "Abraham Accords", "type": "Agreement", "aliases": ["the Accords"]},
                     {"name": "Israel", "type": "Country"},
                     {"name": "United States", "type": "Country", "aliases": ["U.S."]}],
    },
}


def graph(extra: str = "") -> Graph:
    return Graph().parse(data=TTL + extra, format="turtle")


def gold(**changes) -> dict:
    """A copy of GOLD; ``changes`` maps "doc/relation" to a replacement list of facts."""
    out = copy.deepcopy(GOLD)
    for key, facts in changes.items():
        doc, relation = key.split("/")
        out[f"{doc}.md"][relation] = facts
    return out


def figures(report) -> dict[str, tuple]:
    return {name: (s.precision, s.recall, s.pred, s.gold) for name, s in report.relations.items()}


def test_perfect_graph_scores_one_everywhere_under_alias_labels():
    report = evaluate(graph(), GOLD)
    assert figures(report) == {r: (1.0, 1.0, 1, 1) for r in
                               ("officeholder", "agreement_date", "launch", "agreement_party")}
    assert (report.micro.f1, report.micro.pred, report.micro.gold) == (1.0, 3, 3)
    assert (report.office_title.value, report.launch_count.value) == (1.0, 1.0)
    assert (report.entities.value, report.entities.n) == (1.0, 5)  # United States twice: same dict in a and b
    assert report.misses == report.spurious == report.differences == []
    assert "officeholder       1.00   1.00   1.00     1     1" in format_table(report)


def test_entity_listed_with_different_aliases_counts_once_per_version():
    entities = [*GOLD["b.md"]["entities"][:2], {"name": "United States", "type": "Country"}]
    assert evaluate(graph(), gold(**{"b/entities": entities})).entities.n == 6


def test_without_the_alias_the_canonical_name_does_not_match_the_label():
    entities = [{"name": "Antony Blinken", "type": "Person"}, {"name": "United States", "type": "Country"},
                {"name": "North Korea", "type": "Country", "aliases": ["DPRK"]}]
    report = evaluate(graph(), gold(**{"a/entities": entities}))
    # "U.S." is still an alias of the United States through document b; Blinken is not found
    assert figures(report)["officeholder"] == (0.0, 0.0, 1, 1)
    assert (report.entities.value, report.entities.n) == (pytest.approx(5 / 6), 6)


@pytest.mark.parametrize("text, expected", [
    ("The U.S.", "us"), ("Alija Izetbegović", "alija izetbegovic"), ("Israel’s  army", "israel army"),
    ("the Accords", "accords"), ("Other", "other")])
def test_norm(text, expected):
    assert norm(text) == expected


def test_optional_fact_is_neither_required_nor_penalised():
    extra = """id:park a schema:Person ; rdfs:label "Park Jin" ; kgo:officeholderOf id:sk .
               id:sk a schema:Country ; rdfs:label "South Korea" ."""
    optional = {"officeholder": [{"person": "Park Jin", "title": "Foreign Minister", "of": "South Korea"}]}
    with_optional = copy.deepcopy(GOLD)
    with_optional["a.md"]["optional"] = optional
    assert figures(evaluate(graph(extra), with_optional))["officeholder"] == (1.0, 1.0, 1, 1)
    assert figures(evaluate(graph(), with_optional))["officeholder"] == (1.0, 1.0, 1, 1)
    penalised = evaluate(graph(extra), GOLD)
    assert figures(penalised)["officeholder"] == (0.5, 1.0, 2, 1)
    assert penalised.spurious == ["officeholder: Park Jin | - | South Korea"]


def test_wrong_date_is_one_spurious_fact_and_one_miss():
    report = evaluate(Graph().parse(data=TTL.replace("2020-09-15", "2020-09-16"), format="turtle"), GOLD)
    assert figures(report)["agreement_date"] == (0.0, 0.0, 1, 1)
    assert report.misses == ["agreement_date: Abraham Accords | 2020-09-15 | signed  [b.md]"]
    assert report.spurious == ["agreement_date: The Accords | 2020-09-16 | signed"]
    assert report.micro.precision == pytest.approx(2 / 3)


@pytest.mark.parametrize("gold_date, graph_date, matches", [
    ("2020", '"2020-09-15"^^xsd:date', True),
    ("2020-09", '"2020-09-15"^^xsd:date', True),
    ("2021", '"2020-09-15"^^xsd:date', False),
    ("2020", '"2020"^^xsd:gYear', True),
    ("2020-09-15", '"2020"^^xsd:gYear', False),  # the graph is less precise than the gold
])
def test_dates_match_at_the_gold_precision(gold_date, graph_date, matches):
    g = Graph().parse(data=TTL.replace('"2020-09-15"^^xsd:date', graph_date), format="turtle")
    fact = {"agreement": "Abraham Accords", "date": gold_date, "kind": "signed"}
    assert evaluate(g, gold(**{"b/agreement_date": [fact]})).relations["agreement_date"].recall == float(matches)


@pytest.mark.parametrize("kind, prop, matches", [
    ("signed", "kgo:signedDate", True), ("in_force", "kgo:signedDate", False),
    ("in_force", "kgo:inForceDate", True), ("terminated", "kgo:endDate", True),
    ("other", "kgo:endDate", True), ("signed", "kgo:endDate", False)])
def test_date_kind_must_come_from_its_property(kind, prop, matches):
    g = Graph().parse(data=TTL.replace("kgo:signedDate", prop), format="turtle")
    fact = {"agreement": "Abraham Accords", "date": "2020-09-15", "kind": kind}
    assert evaluate(g, gold(**{"b/agreement_date": [fact]})).relations["agreement_date"].recall == float(matches)


def test_agreement_events_and_office_roles_are_read_or_ignored_like_the_shared_scorer():
    extra = """id:treaty kgo:hasEvent id:ev1 , id:ev2 .
               id:ev1 kgo:eventType kgo:EntryIntoForce ; schema:startDate "2021"^^xsd:gYear .
               id:ev2 kgo:eventType kgo:Signing ; schema:startDate "2020-09-15"^^xsd:date .
               id:blinken kgo:holdsOffice id:role1 .
               id:role1 a kgo:OfficeHolding ; kgo:title "Secretary" ; kgo:officeOf id:israel ;
                   schema:startDate "2021"^^xsd:gYear ; kgo:former true ."""
    in_force = {"agreement": "Abraham Accords", "date": "2021", "kind": "in_force"}
    signed = GOLD["b.md"]["agreement_date"][0]
    report = evaluate(graph(extra), gold(**{"b/agreement_date": [signed, in_force]}))
    # the Signing event repeats the signedDate triple: one prediction, not two
    assert figures(report)["agreement_date"] == (1.0, 1.0, 2, 2)
    assert figures(report)["officeholder"] == (1.0, 1.0, 1, 1)


def test_launch_matches_by_agent_and_date_and_count_is_an_attribute():
    wrong_count = [{"agent": "North Korea", "date": "2023-08-24", "count": 3}]
    report = evaluate(graph(), gold(**{"a/launch": wrong_count}))
    assert figures(report)["launch"] == (1.0, 1.0, 1, 1)
    assert (report.launch_count.value, report.launch_count.n) == (0.0, 1)
    no_count = [{"agent": "North Korea", "date": "2023-08-24", "count": None}]
    assert evaluate(graph(), gold(**{"a/launch": no_count})).launch_count.n == 0
    other_day = [{"agent": "DPRK", "date": "2023-08-23", "count": 2}]
    assert figures(evaluate(graph(), gold(**{"a/launch": other_day})))["launch"] == (0.0, 0.0, 1, 1)


def test_title_agrees_by_head_word():
    fact = {"person": "Antony Blinken", "title": "Foreign Minister", "of": "United States"}
    assert evaluate(graph(), gold(**{"a/officeholder": [fact]})).office_title.value == 0.0
    fact["title"] = "State Secretary"
    assert evaluate(graph(), gold(**{"a/officeholder": [fact]})).office_title.value == 1.0


def test_docs_limits_gold_and_graph_facts_to_the_chosen_documents():
    report = evaluate(graph(), GOLD, docs=["a*"])
    assert report.documents == ["a.md"]
    assert figures(report)["agreement_date"] == (1.0, 1.0, 0, 0)  # b's treaty date is not spurious
    assert figures(report)["agreement_party"] == (1.0, 1.0, 0, 0)
    assert figures(report)["officeholder"] == (1.0, 1.0, 1, 1)
    assert (report.entities.value, report.entities.n) == (1.0, 3)
    only_b = evaluate(graph(), GOLD, docs=["x.md,b.md"])  # a list; b is found by its source file name
    assert figures(only_b)["agreement_date"] == (1.0, 1.0, 1, 1)
    assert figures(only_b)["officeholder"] == (1.0, 1.0, 0, 0)
    assert figures(only_b)["launch"] == (1.0, 1.0, 0, 0)


def test_docs_matching_nothing_is_an_error():
    with pytest.raises(EvalError, match="matches no gold document"):
        evaluate(graph(), GOLD, docs=["z*"])


@pytest.mark.parametrize("bad, message", [
    ([], "expected an object mapping file names"),
    ({"a.md": {"launch": {"agent": "X"}}}, r"a.md: launch must be a list"),
    ({"a.md": {"launch": [{"agent": "X"}]}}, r"a.md: launch\[0\] needs a text 'date'"),
    ({"a.md": {"launch": [{"agent": "X", "date": 2020}]}}, r"needs a text 'date'"),
    ({"a.md": {"entities": [{"name": "X", "type": "Place", "aliases": "Y"}]}}, r"'aliases' must be a list"),
    ({"a.md": {"optional": {"officeholder": [{"person": "X", "of": "Y"}]}}},
     r"optional officeholder\[0\] needs a text 'title'"),
])
def test_gold_format_errors_name_document_and_fact(bad, message):
    with pytest.raises(EvalError, match=message):
        evaluate(graph(), bad)


@pytest.fixture
def files(tmp_path):
    ttl = tmp_path / "graph.ttl"
    ttl.write_text(TTL, encoding="utf-8")
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps(GOLD), encoding="utf-8")
    return ttl, gold_path, tmp_path


def test_cli_prints_the_table_and_exits_0(files):
    ttl, gold_path, _ = files
    result = CliRunner().invoke(main, ["eval", str(ttl), "--gold", str(gold_path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].split() == ["officeholder", "1.00", "1.00", "1.00", "1", "1"]
    assert "missed" not in result.output


def test_cli_json_and_verbose(files, tmp_path):
    ttl, gold_path, _ = files
    wrong = tmp_path / "wrong.ttl"
    wrong.write_text(TTL.replace("2023-08-24", "2023-08-20"), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(wrong), "--gold", str(gold_path), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["relations"]["launch"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "pred": 1, "gold": 1}
    result = CliRunner().invoke(main, ["eval", str(wrong), "--gold", str(gold_path), "-v"])
    assert "  launch: North Korea | 2023-08-24  [a.md]" in result.output
    assert "  launch: North Korea | 2023-08-20 | [2]" in result.output


@pytest.mark.parametrize("content", ["{not json", '{"a.md": {"launch": [{"agent": "X"}]}}', "[1, 2]"])
def test_cli_bad_gold_is_one_line_and_exit_2(files, content):
    ttl, _, tmp_path = files
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(ttl), "--gold", str(bad)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(f"kg: error: {bad}: ")


def test_cli_unreadable_graph_and_missing_files_exit_2(files):
    ttl, gold_path, tmp_path = files
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(broken), "--gold", str(gold_path)])
    assert result.exit_code == 2 and result.stderr.startswith(f"kg: error: {broken}: can't read the graph")
    assert CliRunner().invoke(main, ["eval", str(ttl), "--gold", str(tmp_path / "none.json")]).exit_code == 2
    assert CliRunner().invoke(main, ["eval", str(ttl)]).exit_code == 2  # --gold is required
