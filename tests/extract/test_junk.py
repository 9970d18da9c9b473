"""Junk-entity tests (extract.junk) and "also known as" names, on sentences written for them."""
from __future__ import annotations

import pytest

from extract import gazetteer
from extract.junk import DROP, verdict
from extract.model import ORGANIZATION, PERSON, PLACE


def is_country(text: str) -> bool:
    return gazetteer.country_by_name(text) is not None


@pytest.mark.parametrize("label, cls, context, expected", [
    ("KST", ORGANIZATION, ("(", ")", ""), DROP),                  # a time zone
    ("PDT", PLACE, ("a.m.", ".", ""), DROP),
    ("Moscow Standard Time", ORGANIZATION, ("", "", ""), DROP),
    ("Honorable", ORGANIZATION, ("the", "Jane", ""), DROP),       # an honorific alone
    ("F-22 Raptor", PERSON, ("an", "jet", ""), DROP),             # aircraft designation
    ("ASM-47", ORGANIZATION, ("an", "missile", ""), DROP),
    ("USS Halsey", PERSON, ("the", "destroyer", ""), DROP),       # a ship
    ("Harpoon", PERSON, ("a", "missile", "missile"), DROP),       # the modifier of a weapon noun
    ("Tondar-IV", PLACE, ("the", "missile", ""), DROP),
    ("Peacekeeper III", PLACE, ("a", "test", ""), DROP),
    ("Heavy Bombers", ORGANIZATION, ("and", ")", ""), DROP),     # weapon nouns
    ("Ruth", PERSON, ("and", "'s", "review"), DROP),             # "Ruth's Defence Review"
    ("Mach", PERSON, ("at", "7", ""), DROP),                     # "Mach 7"
    ("Ukraine-Poland", PERSON, ("the", "border", ""), DROP),      # countries, not a person
    ("Lake Ohrid", PERSON, ("on", ".", ""), PLACE),
    ("Kunsan AFB", PERSON, ("at", ",", ""), PLACE),
    ("14th Fighter Wing", PERSON, ("the", ",", ""), ORGANIZATION),
    ("Refueling Squadron", PLACE, ("the", ",", ""), ORGANIZATION),
    ("Mainichi Shimbun", PERSON, ("the", "reported", ""), ORGANIZATION),   # a newspaper
    ("Dong-a Ilbo", PERSON, ("the", ",", ""), ORGANIZATION),
    ("Jakarta Herald", PERSON, ("the", "said", ""), ORGANIZATION),
    ("Republika Hrvatska", PERSON, ("of", ",", ""), PLACE),                # a polity in its language
    ("Repubblica di San Marino", ORGANIZATION, ("the", ",", ""), PLACE),
    ("Federation of Saint Kitts and Nevis", ORGANIZATION, ("the", ",", ""), PLACE),
])
def test_junk_is_dropped_or_retyped(label, cls, context, expected):
    assert verdict(label, cls, context, is_country) == expected


@pytest.mark.parametrize("label, cls, context", [
    ("Anthony Lake", PERSON, ("adviser", "said", "")),     # a surname that is also a place word
    ("Marta Rivers", PERSON, ("minister", ",", "")),
    ("Jane Holloway", PERSON, ("", "'s", "office")),        # a full name with a possessive
    ("Ruth", PERSON, ("minister", "said", "")),
    ("Tallinn", PLACE, ("in", ",", "")),
    ("Baltic Fisheries Council", ORGANIZATION, ("the", "met", "")),
    ("Louis Mercier", PERSON, ("president", "arrived", "")),
    ("Kim Jong Un", PERSON, ("leader", "said", "")),
    ("Herald Mensah", PERSON, ("minister", "said", "")),    # a publication word first
    ("Times", ORGANIZATION, ("the", "reported", "")),       # one word: nothing to tell
    ("Republican Guard", ORGANIZATION, ("the", "fired", "")),
    ("Federation of American Scientists", ORGANIZATION, ("the", "said", "")),
])
def test_real_names_are_kept(label, cls, context):
    assert verdict(label, cls, context, is_country) is None


AKA = {
    "aka": "The Coastal Waters Accord, also known as the Treaty of Ravenna, was signed in 2004. "
           "The Treaty of Ravenna limits trawling.\n",
    "aka-list": "The Northern Grain Agreement, also known as the Treaty of Turku, the Turku deal or the "
                "grain accord, is an agreement between two ports.\n",
    "referred": "The Polar Research Forum, sometimes referred to as the Forum, is a grouping of four states.\n",
    "called-for": "The Coastal Waters Accord also called for an end to bottom trawling.\n",
    "person": "Minister Anna Berg, also known as the Iron Lady, resigned on Monday.\n",
}


@pytest.fixture(scope="module")
def aka_graph(tmp_path_factory, kg_build):
    import rdflib
    folder = tmp_path_factory.mktemp("aka")
    for name, text in AKA.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return rdflib.Graph().parse(kg_build([folder]), format="turtle")


def _names_of(graph, label):
    q = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?a WHERE {{ ?e rdfs:label "{label}" ; skos:altLabel ?a }}"""
    return {str(r[0]) for r in graph.query(q)}


def test_also_known_as_names_one_thing(aka_graph):
    assert "Treaty of Ravenna" in _names_of(aka_graph, "Coastal Waters Accord")
    assert {"Treaty of Turku", "Turku deal"} <= _names_of(aka_graph, "Northern Grain Agreement")
    q = """PREFIX kgo: <https://w3id.org/kgbuilder/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?f WHERE { ?e rdfs:label "Coastal Waters Accord" ; kgo:nameResolution ?r .
                      ?r kgo:surfaceForm ?f ; kgo:resolutionRule "also-known-as" }"""
    assert {str(r[0]) for r in aka_graph.query(q)} == {"Treaty of Ravenna"}


def test_also_called_for_is_not_a_name(aka_graph):
    assert "end" not in " ".join(_names_of(aka_graph, "Coastal Waters Accord")).lower()


def test_a_nickname_never_makes_a_person_an_organisation(aka_graph):
    q = """PREFIX schema: <https://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?c WHERE { ?e rdfs:label "Anna Berg" ; a ?c }"""
    assert {str(r[0]) for r in aka_graph.query(q)} == {"https://schema.org/Person"}
