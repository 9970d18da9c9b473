"""--aliases FILE.csv: the user's merges and separations, before the automatic rules."""
from __future__ import annotations

import subprocess
import sys

import pytest
import rdflib

from extract.model import PERSON, PLACE
from graph import aliases, resolve
from graph.resolve import NodeView

DOCS = {
    "a.txt": "Defence Minister Piotr Kowal visited Gdynia on Monday. Kowal inspected the harbour.\n",
    "b.txt": "The minister, known to sailors as Uncle Piotr, praised the crews. Ms Anna Kowal, a teacher, "
             "welcomed him.\n",
    "c.txt": "Foreign Minister Lena Marsh met Jon Marsh in Oslo on Friday.\n",
}


def view(label, cls=PERSON, aliases_=(), mentions=1):
    return NodeView(f"{label}|{cls}", label, cls, frozenset(aliases_), mentions)


def test_same_rows_merge_before_the_rules_and_say_so(tmp_path):
    f = tmp_path / "aliases.csv"
    f.write_text("name,canonical,type,relation\nUncle Piotr,Piotr Kowal,Person,same\n", encoding="utf-8")
    rules = aliases.load(f)
    merges, _ = resolve.plan([view("Piotr Kowal", mentions=3), view("Uncle Piotr")], rules)
    assert [(m.old, m.new, m.rule) for m in merges] == [("Uncle Piotr|Person", "Piotr Kowal|Person", "user-alias")]


def test_different_rows_forbid_automatic_merges(tmp_path):
    f = tmp_path / "aliases.csv"
    f.write_text("name,canonical,type,relation\nMarsh,Lena Marsh,Person,different\n", encoding="utf-8")
    nodes = [view("Lena Marsh", mentions=2), view("Marsh")]
    assert resolve.plan(nodes)[0]  # the surname rule alone would merge them
    assert resolve.plan(nodes, aliases.load(f))[0] == []


def test_a_type_restricts_the_row(tmp_path):
    f = tmp_path / "aliases.csv"
    f.write_text("name,canonical,type,relation\nGeorgia,Georgia Bay,Place,same\n", encoding="utf-8")
    nodes = [view("Georgia Bay", PLACE, mentions=2), view("Georgia", PERSON)]
    assert resolve.plan(nodes, aliases.load(f))[0] == []


@pytest.mark.parametrize("content, problem", [
    ("name,canonical\nA,B\n", ":1: the header must be"),
    ("name,canonical,type,relation\nA,B,Person,same\nC,D,Person,maybe\n", ":3: relation must be 'same' or 'different'"),
    ("name,canonical,type,relation\nA,B,Robot,same\n", ":2: unknown type 'Robot'"),
    ("name,canonical,type,relation\n,B,Person,same\n", ":2: name and canonical must not be empty"),
    ("name,canonical,type,relation\nA,B,Person\n", ":2: expected 4 values"),
])
def test_a_bad_row_is_an_error_with_its_line(tmp_path, content, problem):
    f = tmp_path / "aliases.csv"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(aliases.AliasFileError) as err:
        aliases.load(f)
    assert problem in str(err.value) and str(f) in str(err.value)
    assert "\n" not in str(err.value)


def _kg(args, cwd):
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], cwd=cwd, capture_output=True, text=True)


def test_build_with_aliases_file(tmp_path, kg_build):
    src = tmp_path / "docs"
    src.mkdir()
    for name, text in DOCS.items():
        (src / name).write_text(text, encoding="utf-8")
    f = tmp_path / "aliases.csv"
    f.write_text("name,canonical,type,relation\nUncle Piotr,Piotr Kowal,Person,same\n"
                 "Anna Kowal,Piotr Kowal,Person,different\nMarsh,Jon Marsh,Person,different\n", encoding="utf-8")
    g = rdflib.Graph().parse(kg_build([src], tmp_path / "out", aliases=f), format="turtle")
    q = """PREFIX kgo: <https://w3id.org/kgbuilder/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?l ?f ?r WHERE { ?e rdfs:label ?l ; kgo:nameResolution ?x . ?x kgo:surfaceForm ?f ; kgo:resolutionRule ?r }"""
    rows = {tuple(map(str, r)) for r in g.query(q)}
    assert ("Piotr Kowal", "Uncle Piotr", "user-alias") in rows
    assert not any(f == "Anna Kowal" for _, f, _ in rows)
    labels = {str(o) for o in g.objects(None, rdflib.RDFS.label)}
    assert {"Piotr Kowal", "Anna Kowal"} <= labels


def test_cli_bad_aliases_file_is_one_line_exit_2(tmp_path):
    (tmp_path / "a.txt").write_text(DOCS["a.txt"], encoding="utf-8")
    f = tmp_path / "aliases.csv"
    f.write_text("name,canonical,type,relation\nA,B,Person,perhaps\n", encoding="utf-8")
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    proc = _kg(["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--aliases", str(f), "-q"], root)
    assert proc.returncode == 2
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert lines == [f"kg: error: {f}:2: relation must be 'same' or 'different', not 'perhaps' "
                     "(columns: name,canonical,type,relation)"]
    assert not (tmp_path / "out" / "graph.ttl").exists()
