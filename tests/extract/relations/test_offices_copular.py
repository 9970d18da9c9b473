"""Offices stated by a verb (extract.relations.offices_copular), and offices as dated
roles: sentence -> triples, on sentences written for these tests."""
from __future__ import annotations

import pytest
from rulecases import OFFICE_PREDICATES, office, run, triples

from extract.model import FORMER, HOLDS_OFFICE, OFFICE_OF, PERIOD_END, START_DATE, TITLE, role_key

COPULAR_CASES = [
    pytest.param("Arvid Lindqvist is the President of Finland.",
                 office("Arvid Lindqvist", "Finland", "President"), id="is-the-title-of"),
    pytest.param("Tomas Verlaine was Prime Minister of Brazil from 2005 to 2008.",
                 office("Tomas Verlaine", "Brazil", "Prime Minister"), id="was-title-of-period"),
    pytest.param("Mirela Dascalu was elected president of Romania in 2014.",
                 office("Mirela Dascalu", "Romania", "president"), id="was-elected"),
    pytest.param("Kwame Asante has served as Ghana's foreign minister since 2019.",
                 office("Kwame Asante", "Ghana", "foreign minister"), id="served-as-possessive"),
    pytest.param("Hiroshi Tanabe, who served as Japan's foreign minister, spoke on Monday.",
                 office("Hiroshi Tanabe", "Japan", "foreign minister"), id="who-served-as"),
    pytest.param("Ingrid Solberg, who later became Sweden's defence minister, was a pilot.",
                 office("Ingrid Solberg", "Sweden", "defence minister"), id="who-later-became"),
    pytest.param("Greta Halvorsen succeeded Otto Brandauer as Defense Minister of Austria.",
                 office("Greta Halvorsen", "Austria", "Defense Minister")
                 | office("Otto Brandauer", "Austria", "Defense Minister"), id="succeeded-as"),
    pytest.param("Otto Brandauer was replaced by Greta Halvorsen as Austria's defense minister.",
                 office("Greta Halvorsen", "Austria", "defense minister")
                 | office("Otto Brandauer", "Austria", "defense minister"), id="was-replaced-by-as"),
    pytest.param("Olav Brennsvik was Prime Minister of Norway and NATO Secretary General.",
                 office("Olav Brennsvik", "Norway", "Prime Minister")
                 | office("Olav Brennsvik", "NATO", "Secretary General"), id="two-offices"),
    # --- negatives
    pytest.param("Greta Halvorsen became Chancellor in 2019.", set(), id="neg-became-no-country"),
    pytest.param("Mirela Dascalu is expected to become president of Romania.", set(), id="neg-expected-to-become"),
    pytest.param("Dana Whitcombe was the president's closest adviser.", set(), id="neg-possessive-title"),
    pytest.param("Dana Whitcombe was a lawyer in Canada.", set(), id="neg-not-an-office"),
    pytest.param("Dana Whitcombe is the daughter of the President of Peru.", set(), id="neg-kin-of-officeholder"),
    pytest.param("Greta Halvorsen succeeded in persuading Austria to join.", set(), id="neg-succeeded-in"),
]


@pytest.mark.parametrize("sentence, expected", COPULAR_CASES)
def test_copular_offices(sentence, expected):
    assert triples(sentence, OFFICE_PREDICATES) == expected


ROLE_PREDICATES = {HOLDS_OFFICE, TITLE, OFFICE_OF, START_DATE, PERIOD_END, FORMER}


def roles(sentence: str) -> set:
    return {(f.subject, f.predicate, f.obj) for f in run(sentence).facts if f.predicate in ROLE_PREDICATES}


def role(person: str, polity: str, title: str, start=None, end=None, former=False) -> set:
    key = role_key(person, polity, title)
    out = {(person, HOLDS_OFFICE, key), (key, TITLE, title), (key, OFFICE_OF, polity)}
    if start:
        out.add((key, START_DATE, start))
    if end:
        out.add((key, PERIOD_END, end))
    if former or end:
        out.add((key, FORMER, "true"))
    return out


ROLE_CASES = [
    pytest.param("Tomas Verlaine was Prime Minister of Brazil from 2005 to 2008.",
                 role("Tomas Verlaine", "Brazil", "Prime Minister", "2005", "2008"), id="from-to"),
    pytest.param("Tomas Verlaine was Prime Minister of Brazil between 2005 and 2008.",
                 role("Tomas Verlaine", "Brazil", "Prime Minister", "2005", "2008"), id="between-and"),
    pytest.param("Olav Brennsvik, Prime Minister of Norway (2005–2013), spoke first.",
                 role("Olav Brennsvik", "Norway", "Prime Minister", "2005", "2013"), id="brackets"),
    pytest.param("Kwame Asante has served as Ghana's foreign minister since 2019.",
                 role("Kwame Asante", "Ghana", "foreign minister", "2019"), id="since"),
    pytest.param("Kwame Asante was Ghana's foreign minister until 2011.",
                 role("Kwame Asante", "Ghana", "foreign minister", None, "2011"), id="until"),
    pytest.param("Rhys Pemberton was Australia's defence minister in 2017-2019.",
                 role("Rhys Pemberton", "Australia", "defence minister", "2017", "2019"), id="in-year-year"),
    pytest.param("Former Chilean President Ana Belmonte died on Sunday.",
                 role("Ana Belmonte", "Chile", "President", former=True), id="former"),
    pytest.param("Ana Belmonte, an ex-president of Chile, died on Sunday.",
                 role("Ana Belmonte", "Chile", "president", former=True), id="ex"),
    pytest.param("Ana Belmonte, a former president of Chile, died on Sunday.",
                 role("Ana Belmonte", "Chile", "president", former=True), id="apposition-former"),
    pytest.param("Greta Halvorsen succeeded Otto Brandauer as Defense Minister of Austria.",
                 role("Greta Halvorsen", "Austria", "Defense Minister")
                 | role("Otto Brandauer", "Austria", "Defense Minister", former=True), id="predecessor-former"),
    pytest.param("Olav Brennsvik was Prime Minister of Norway and NATO Secretary General.",
                 role("Olav Brennsvik", "Norway", "Prime Minister")
                 | role("Olav Brennsvik", "NATO", "Secretary General"), id="two-offices-never-crossed"),
    pytest.param("Brazilian Foreign Minister Tomas Verlaine met the press in 2008.",
                 role("Tomas Verlaine", "Brazil", "Foreign Minister"), id="neg-a-year-not-a-period"),
]


@pytest.mark.parametrize("sentence, expected", ROLE_CASES)
def test_offices_as_dated_roles(sentence, expected):
    assert roles(sentence) == expected


def test_role_titles_differing_in_case_are_one_role():
    assert role_key("A", "B", "Prime  Minister") == role_key("A", "B", "prime minister")


SUCCESSION_CASES = [
    pytest.param("Tobias Wrenfield, who succeeded Kevin Marsh as Australia's prime minister, spoke.",
                 office("Tobias Wrenfield", "Australia", "prime minister")
                 | office("Kevin Marsh", "Australia", "prime minister"), id="who-succeeded-as"),
    pytest.param("Kevin Marsh was Australia's prime minister. Tobias Wrenfield replaced Kevin Marsh in 2010.",
                 office("Tobias Wrenfield", "Australia", "prime minister")
                 | office("Kevin Marsh", "Australia", "prime minister"), id="replaced-without-title"),
    pytest.param("Kevin Marsh was Australia's prime minister. Tobias Wrenfield, who succeeded Marsh, spoke.",
                 office("Tobias Wrenfield", "Australia", "prime minister")
                 | office("Kevin Marsh", "Australia", "prime minister"), id="who-succeeded-surname"),
    pytest.param("The pact lapsed after the withdrawal of Australia during Kevin Marsh's tenure as prime "
                 "minister. Following Marsh's replacement by Tobias Wrenfield in 2010, talks resumed.",
                 office("Tobias Wrenfield", "Australia", "prime minister")
                 | office("Kevin Marsh", "Australia", "prime minister"), id="tenure-then-nominal-replacement"),
    pytest.param("Kevin Marsh's term as Australia's prime minister ended in 2010.",
                 office("Kevin Marsh", "Australia", "prime minister"), id="term-as"),
    pytest.param("The pact was signed by U.S. president (and former Central Intelligence Agency Director) "
                 "Tobias Wrenfield in 1989.",
                 office("Tobias Wrenfield", "United States", "president"), id="aside-between-title-and-name"),
    # --- must not fire
    pytest.param("During Kevin Marsh's tenure as prime minister, exports grew.", set(), id="neg-tenure-no-country"),
    pytest.param("Tobias Wrenfield replaced Kevin Marsh on the team.", set(), id="neg-replaced-no-office"),
    pytest.param("Kevin Marsh was Australia's prime minister. Tobias Wrenfield replaced him in 2010.",
                 office("Kevin Marsh", "Australia", "prime minister"), id="neg-pronoun-not-resolved"),
]


@pytest.mark.parametrize("sentence, expected", SUCCESSION_CASES)
def test_succession_and_tenure(sentence, expected):
    assert triples(sentence, OFFICE_PREDICATES) == expected


def test_a_dated_replacement_gives_both_periods():
    text = ("The pact lapsed after the withdrawal of Australia during Kevin Marsh's tenure as prime "
            "minister. Following Marsh's replacement by Tobias Wrenfield in 2010, talks resumed.")
    dated = {(f.subject, f.predicate, f.obj) for f in run(text).facts if f.predicate in (START_DATE, PERIOD_END)}
    assert dated == {(role_key("Tobias Wrenfield", "Australia", "prime minister"), START_DATE, "2010"),
                     (role_key("Kevin Marsh", "Australia", "prime minister"), PERIOD_END, "2010")}
    undated = "Kevin Marsh was Australia's prime minister. Tobias Wrenfield replaced Kevin Marsh on Monday."
    assert not any(f.predicate in (START_DATE, PERIOD_END) for f in run(undated).facts)
