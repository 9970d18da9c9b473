"""Entity merging rules: one node per real-world thing, checked in the built Turtle.

Every sentence here is written for these tests (none comes from seeds/ or the
evaluation data). Each document exercises one rule with names no other document
uses, except where a test is about merging across documents.
"""
from __future__ import annotations

import pytest
import rdflib

SCHEMA = "https://schema.org/"
KGO = "https://w3id.org/kgbuilder/ontology#"

DOCS = {
    "possessive": "Japan's government approved a new budget on Friday. "
                  "Critics said Japan's debt was already too high.\n",
    "possessive-person": "Opposition leader Ines Moravec's party won the vote in Brno on Sunday. "
                         "Ines Moravec thanked her supporters.\n",
    "surname": "Prime Minister Daniel Harcourt visited the port on Monday. "
               "Harcourt told reporters that the visit had gone well.\n",
    "surname-2": "Interior Minister Sofia Lindqvist spoke to the committee on Tuesday. "
                 "Lindqvist said the police budget would rise.\n",
    "hyphen": "Opposition leader Kang Min-ho criticised the budget on Tuesday. "
              "Kang Min-ho said the plan would fail, and Kang later left the chamber.\n",
    "hyphen-surname": "Defense Minister Tomas Ferreira-Lobo arrived in Porto on Monday. "
                      "Ferreira-Lobo said the talks would be difficult.\n",
    "acronym-agreement": "The Coastal Fisheries Cooperation Agreement (CFCA) was signed in Lisbon in 2019. "
                         "The CFCA limits trawling in shared waters.\n",
    "acronym-org": "The Pacific Tuna Conservation Commission (PTCC) met in Suva on Monday. "
                   "The PTCC said it would publish a report.\n",
    "acronym-org-2": "The Baltic Maritime Safety Organization (BMSO) met in Riga. "
                     "The BMSO said it would publish a report.\n",
    "acronym-later": "Trawler crews said the CFCA had cut their catches.\n",
    "country-1": "Officials from the U.S. joined the talks in Vienna.\n",
    "country-2": "The US delegation was small, diplomats said.\n",
    "country-3": "America will pay for most of the plan, diplomats said.\n",
    "country-4": "The United States has long backed the plan.\n",
    "demonym": "A South Korean delegation arrived in Geneva on Monday.\n",
    "demonym-us": "The American ambassador welcomed the delegation in Bern.\n",
    "cross-1": "Finance Minister Ruth Okonkwo-Baines presented the budget in Abuja on Monday.\n",
    "cross-2": "Lawmakers questioned Finance Minister Ruth Okonkwo-Baines about the budget on Thursday.\n",
    "non-entity": "Farmers said the new irrigation rules were too strict.\n",
    "country-and": "Ministers from Trinidad and Tobago met their colleagues from Antigua and Barbuda in "
                   "Kingstown. The Federation of Bosnia and Herzegovina sent an observer, and Poland and "
                   "Lithuania sent envoys.\n",
    "newspaper": "The Mainichi Shimbun reported on Tuesday that the ferry had sunk off Kobe.\n",
}


@pytest.fixture(scope="module")
def ttl(kg_build, tmp_path_factory):
    folder = tmp_path_factory.mktemp("entity-docs")
    for name, text in DOCS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return kg_build([folder], default_date="2024-04-02")


@pytest.fixture(scope="module")
def graph(ttl) -> rdflib.Graph:
    return rdflib.Graph().parse(ttl, format="turtle")


@pytest.fixture(scope="module")
def store(ttl):
    import pyoxigraph as ox

    s = ox.Store()
    s.load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    return s


@pytest.fixture(scope="module")
def q(graph, store, sparql_both):
    return lambda query: sparql_both(query, graph, store)


@pytest.fixture(scope="module")
def labels(q) -> dict[str, list[str]]:
    """label -> classes of the nodes carrying it."""
    out: dict[str, list[str]] = {}
    for label, cls in q("SELECT ?l ?c WHERE { ?e rdfs:label ?l ; a ?c }"):
        out.setdefault(label, []).append(cls)
    return out


def node(q, label: str) -> dict:
    """The one node labelled ``label``: its class(es), altLabels, mention count and documents."""
    rows = q(f"""SELECT ?e ?c ?n WHERE {{ ?e rdfs:label {_lit(label)} ; a ?c ;
                                          kgo:mentionCount ?n }}""")
    assert len({r[0] for r in rows}) == 1, f"expected one node labelled {label!r}, found {rows}"
    iri = rows[0][0]
    alts = {r[0] for r in q(f"SELECT ?a WHERE {{ <{iri}> skos:altLabel ?a }}")}
    docs = {r[0] for r in q(f"SELECT ?id WHERE {{ ?d schema:mentions <{iri}> ; dcterms:identifier ?id }}")}
    return {"iri": iri, "classes": {r[1] for r in rows}, "mentions": rows[0][2], "alts": alts, "docs": docs}


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ------------------------------------------------------------------ possessives

def test_possessive_is_stripped_from_a_country(q, labels):
    japan = node(q, "Japan")
    assert japan["classes"] == {SCHEMA + "Country"}
    assert japan["mentions"] == 2
    assert "possessive" in japan["docs"]
    assert not any("'s" in alt for alt in japan["alts"])
    assert "Japan's" not in labels and "Japan 's" not in labels


def test_possessive_is_stripped_from_a_person(q, labels):
    person = node(q, "Ines Moravec")
    assert person["classes"] == {SCHEMA + "Person"}
    assert person["mentions"] == 2
    assert not any("'s" in label for label in labels), [label for label in labels if "'s" in label]


# ------------------------------------------------------------------ surnames

@pytest.mark.parametrize("full, surname", [("Daniel Harcourt", "Harcourt"),
                                           ("Sofia Lindqvist", "Lindqvist")])
def test_surname_alone_is_the_full_name_met_earlier(q, labels, full, surname):
    person = node(q, full)
    assert person["classes"] == {SCHEMA + "Person"}
    assert person["mentions"] == 2
    assert surname not in labels


def test_family_name_first_resolves_too(q, labels):
    person = node(q, "Kang Min-ho")
    assert person["mentions"] == 3  # "Kang Min-ho" twice, then "Kang"
    assert "Kang" not in labels


# ------------------------------------------------------------------ hyphenated names

def test_hyphenated_given_name_is_kept_whole(q, labels):
    person = node(q, "Kang Min-ho")
    assert person["classes"] == {SCHEMA + "Person"}
    assert person["docs"] == {"hyphen"}
    for piece in ("Kang Min", "Min-ho", "Min", "ho"):
        assert piece not in labels


def test_hyphenated_surname_is_kept_whole(q, labels):
    person = node(q, "Tomas Ferreira-Lobo")
    assert person["classes"] == {SCHEMA + "Person"}
    for piece in ("Tomas Ferreira", "Lobo", "Ferreira"):
        assert piece not in labels


@pytest.mark.xfail(reason="a hyphenated surname alone ('Ferreira-Lobo said') becomes a separate "
                          "schema:Organization instead of resolving to 'Tomas Ferreira-Lobo'")
def test_hyphenated_surname_alone_resolves_to_the_full_name(q, labels):
    assert "Ferreira-Lobo" not in labels
    assert node(q, "Tomas Ferreira-Lobo")["mentions"] == 2


# ------------------------------------------------------------------ acronyms

def test_acronym_in_parentheses_and_long_form_are_one_agreement(q, labels):
    agreement = node(q, "Coastal Fisheries Cooperation Agreement")
    assert agreement["classes"] == {KGO + "Agreement"}
    assert "CFCA" in agreement["alts"]
    assert "CFCA" not in labels
    assert "acronym-agreement" in agreement["docs"]
    assert agreement["mentions"] >= 3  # long form, "(CFCA)", "The CFCA"


def test_acronym_in_parentheses_and_long_form_are_one_organisation(q, labels):
    org = node(q, "Pacific Tuna Conservation Commission")
    assert org["classes"] <= {SCHEMA + "Organization", SCHEMA + "GovernmentOrganization"}
    assert org["alts"] == {"PTCC"}
    assert "PTCC" not in labels
    assert org["mentions"] == 3


def test_acronym_parenthesis_is_not_part_of_the_label(q, labels):
    org = node(q, "Baltic Maritime Safety Organization")
    assert org["alts"] == {"BMSO"}
    assert not any("(" in label or ")" in label for label in labels)


def test_acronym_alone_in_another_document_is_the_same_agreement(q, labels):
    agreement = node(q, "Coastal Fisheries Cooperation Agreement")
    assert "acronym-later" in agreement["docs"]
    assert "CFCA" not in labels


# ------------------------------------------------------------------ countries

def test_country_variants_are_one_country_with_the_canonical_label(q, labels):
    us = node(q, "United States")
    assert us["classes"] == {SCHEMA + "Country"}
    assert {"U.S.", "US", "America"} <= us["alts"]
    assert {"country-1", "country-2", "country-3", "country-4"} <= us["docs"]
    for variant in ("U.S.", "US", "America", "the United States", "United States of America"):
        assert variant not in labels, variant


def test_demonym_modifier_resolves_to_the_country(q, labels):
    korea = node(q, "South Korea")
    assert korea["classes"] == {SCHEMA + "Country"}
    assert "demonym" in korea["docs"]
    assert "South Korean" not in labels
    assert "South Korean" not in korea["alts"]  # a demonym is not a name of the country


def test_american_resolves_to_the_united_states(q, labels):
    assert "demonym-us" in node(q, "United States")["docs"]
    assert "Northern Mariana Islands" not in labels


def test_countries_are_countries_not_places(q):
    rows = q("""SELECT ?l WHERE { ?e rdfs:label ?l ; a schema:Country }""")
    assert {"United States", "South Korea", "Japan"} <= {r[0] for r in rows}


# ------------------------------------------------------------------ across documents

def test_same_person_in_two_documents_is_one_node(q, labels):
    person = node(q, "Ruth Okonkwo-Baines")
    assert person["classes"] == {SCHEMA + "Person"}
    assert person["docs"] == {"cross-1", "cross-2"}
    assert person["mentions"] == 2
    assert labels["Ruth Okonkwo-Baines"] == [SCHEMA + "Person"]


# ------------------------------------------------------------------ every node

def test_exactly_one_rdfs_label_per_node(q):
    assert q("""SELECT ?e (COUNT(?l) AS ?n) WHERE { ?e rdfs:label ?l }
                GROUP BY ?e HAVING (COUNT(?l) != 1)""") == []
    unlabelled = q("""SELECT ?e WHERE {
        ?e a ?c FILTER (?c IN (schema:Person, schema:Country, schema:City, schema:Place,
                               schema:Organization, schema:GovernmentOrganization,
                               kgo:Agreement, kgo:MissileLaunch))
        FILTER NOT EXISTS { ?e rdfs:label ?l } }""")
    assert unlabelled == []


def test_one_class_per_node_and_distinct_labels(q, labels):
    assert q("SELECT ?e WHERE { ?e rdfs:label ?l ; a ?c1, ?c2 FILTER (?c1 != ?c2) }") == []
    assert {label: classes for label, classes in labels.items() if len(classes) > 1} == {}


def test_labels_have_no_leading_article_or_edge_punctuation(labels):
    for label in labels:
        assert label == label.strip() and not label.lower().startswith("the "), label
        assert label[-1].isalnum() or label[-1] in ".)", label


@pytest.mark.xfail(reason="'Farmers said …' at the start of a sentence becomes a schema:Organization")
def test_capitalised_common_noun_is_not_an_entity(labels):
    assert "Farmers" not in labels


# ------------------------------------------------------------------ names NER cut or mistyped

def test_a_country_name_with_and_is_one_country(q, labels):
    assert labels.get("Trinidad and Tobago") == [SCHEMA + "Country"]
    assert labels.get("Antigua and Barbuda") == [SCHEMA + "Country"]
    assert "Tobago" not in labels and "Barbuda" not in labels
    assert labels.get("Federation of Bosnia and Herzegovina") == [SCHEMA + "Place"]
    assert labels.get("Poland") == [SCHEMA + "Country"] and labels.get("Lithuania") == [SCHEMA + "Country"]


def test_a_newspaper_is_an_organisation(labels):
    assert labels.get("Mainichi Shimbun") == [SCHEMA + "Organization"]
