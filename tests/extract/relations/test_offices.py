"""Officeholder rules (extract.relations.offices), sentence -> triples."""
from __future__ import annotations

import pytest
from rulecases import OFFICE_PREDICATES, OFFICEHOLDER_OF, office, run, triples, xfail

# ---------------------------------------------------------------- officeholders

OFFICE_CASES = [
    # a preposition before a title is not part of it; a capitalised "Under" is
    pytest.param("The talks were mediated by Norway under Prime Minister Olav Brennsvik.",
                 office("Olav Brennsvik", "Norway", "Prime Minister"), id="under-prime-minister"),
    pytest.param("The reform stalled under President Olav Brennsvik.", set(), id="under-title-no-country"),
    pytest.param("U.S. Under Secretary of State Gareth Pemberley flew to Cairo.",
                 office("Gareth Pemberley", "United States", "Under Secretary of State"), id="under-secretary"),
    # [Demonym] [Title] [Name]
    pytest.param("Brazilian Foreign Minister Tomas Verlaine arrived in Lima on Monday.",
                 office("Tomas Verlaine", "Brazil", "Foreign Minister"), id="demonym-title-name"),
    pytest.param("Japanese Chief Cabinet Secretary Kenji Morisaki held a briefing.",
                 office("Kenji Morisaki", "Japan", "Chief Cabinet Secretary"), id="multiword-title"),
    pytest.param("South Korean Unification Minister Kwon Dae-sung urged dialogue.",
                 office("Kwon Dae-sung", "South Korea", "Unification Minister"), id="two-word-demonym-hyphen-name"),
    pytest.param("Indian Prime Minister Arvind Rathore met Brazilian President Tomas Verlaine in Delhi.",
                 office("Arvind Rathore", "India", "Prime Minister")
                 | office("Tomas Verlaine", "Brazil", "President"), id="two-officeholders"),
    # [Country]'s [title] [Name]
    pytest.param("Kenya's defense minister Odhiambo Kariuki toured the base.",
                 office("Odhiambo Kariuki", "Kenya", "defense minister"), id="possessive-title-name"),
    pytest.param("Egypt's Minister of Foreign Affairs Samir Fawzat visited Amman.",
                 office("Samir Fawzat", "Egypt", "Minister of Foreign Affairs"), id="minister-of-foreign-affairs"),
    pytest.param("Pakistan's Minister for Foreign Affairs Omar Qazilbash arrived on Sunday.",
                 office("Omar Qazilbash", "Pakistan", "Minister for Foreign Affairs"), id="minister-for"),
    pytest.param("U.S. Secretary of State Gareth Pemberley flew to Cairo.",
                 office("Gareth Pemberley", "United States", "Secretary of State"), id="us-secretary-of-state"),
    # a capital city as the polity
    pytest.param("Tokyo's top spokesman Kenji Morisaki told reporters the plan was sound.",
                 office("Kenji Morisaki", "Japan", "top spokesman"), id="capital-top-spokesman"),
    pytest.param("Seoul's top diplomat Kwon Dae-sung urged dialogue.",
                 office("Kwon Dae-sung", "South Korea", "top diplomat"), id="capital-top-diplomat"),
    # [Name], [Country]'s [title] / [Name], [Title] of [Country]
    pytest.param("Olav Brennsvik, Norway's foreign minister, spoke to reporters.",
                 office("Olav Brennsvik", "Norway", "foreign minister"), id="apposition-possessive"),
    pytest.param("Kwon Dae-sung, South Korea's unification minister, urged dialogue.",
                 office("Kwon Dae-sung", "South Korea", "unification minister"), id="apposition-two-word-country"),
    pytest.param("Mirela Dascalu, President of Romania, opened the summit.",
                 office("Mirela Dascalu", "Romania", "President"), id="apposition-president-of"),
    pytest.param("Hiroshi Tanabe, who serves as Japan's defense minister, inspected the troops.",
                 office("Hiroshi Tanabe", "Japan", "defense minister"), id="who-serves-as"),
    pytest.param("Maria Olsen, who is Denmark's foreign minister, spoke on Monday.",
                 office("Maria Olsen", "Denmark", "foreign minister"), id="who-is"),
    # former officeholders: the title before the name drops "former", the apposition keeps it
    pytest.param("Former Chilean President Ana Belmonte died on Sunday.",
                 office("Ana Belmonte", "Chile", "President"), id="former-demonym-president"),
    pytest.param("Ana Belmonte, Chile's former president, died on Sunday.",
                 office("Ana Belmonte", "Chile", "president"), id="apposition-former"),
    pytest.param("Ana Belmonte, a former president of Chile, died on Sunday.",
                 office("Ana Belmonte", "Chile", "president"), id="apposition-a-former-of"),
    # succession: a bare "President Y" after "former Chilean President X" -> Chile (0.6)
    pytest.param("Former Chilean President Ana Belmonte met President Luis Carvajal on Sunday.",
                 office("Ana Belmonte", "Chile", "President") | office("Luis Carvajal", "Chile", "President"),
                 id="former-president-succession"),
    # the country implied by the setting (lower confidence: see test_setting_confidence)
    pytest.param("In Tokyo on Tuesday, Chief Cabinet Secretary Kenji Morisaki said the talks would continue.",
                 office("Kenji Morisaki", "Japan", "Chief Cabinet Secretary"), id="implied-by-setting"),
    # --- negatives
    pytest.param("Foreign Minister Aldo Ferrante said the talks would continue.", set(),
                 id="neg-title-no-country"),
    pytest.param("Minister of Foreign Affairs Omar Qazilbash arrived on Sunday.", set(),
                 id="neg-multiword-title-no-country"),
    pytest.param("Former President Ana Belmonte said on Sunday that she would not run.", set(),
                 id="neg-former-president-no-country"),
    pytest.param("Dana Whitcombe met the Japanese prime minister on Tuesday.", set(),
                 id="neg-title-without-name"),
    pytest.param("Dana Whitcombe told the Japanese prime minister that the deal was dead.", set(),
                 id="neg-title-without-name-2"),
    pytest.param("Dana Whitcombe, with the support of Australian prime minister Colin Harwick, won the vote.",
                 office("Colin Harwick", "Australia", "prime minister"), id="neg-title-belongs-to-next-name"),
    pytest.param("Dana Whitcombe visited France last week.", set(), id="neg-person-near-country"),
    pytest.param("Dana Whitcombe, a lawyer from Canada, filed the suit.", set(), id="neg-non-office-apposition"),
    pytest.param("Canadian lawyer Dana Whitcombe filed the suit.", set(), id="neg-non-office-title"),
    # --- known gaps
    pytest.param("The Foreign Minister of Japan, Hiroto Kanemaru, met his counterpart.",
                 office("Hiroto Kanemaru", "Japan", "Foreign Minister"), id="title-of-country-then-name",
                 marks=xfail("'the Foreign Minister of Japan, X' is not handled (_title_before has a `pass` "
                             "placeholder; NER also tags the name ORG)")),
    pytest.param("NATO Secretary General Lars Vindeby urged allies to spend more.",
                 office("Lars Vindeby", "NATO", "Secretary General"), id="nato-secretary-general"),
    pytest.param("Dutch Prime Minister Joost van Hemert resigned.",
                 office("Joost van Hemert", "Netherlands", "Prime Minister"), id="name-particle-van"),
    pytest.param("Ana Belmonte, the former Chilean president, died on Sunday.",
                 office("Ana Belmonte", "Chile", "president"), id="apposition-the-former-demonym"),
    pytest.param("Defence Minister Rhys Pemberton of Australia met his counterpart.",
                 office("Rhys Pemberton", "Australia", "Defence Minister"), id="title-name-of-country"),
]


@pytest.mark.parametrize("sentence, expected", OFFICE_CASES)
def test_officeholders(sentence, expected):
    assert triples(sentence, OFFICE_PREDICATES) == expected


def test_setting_confidence():
    """A country implied only by "In Tokyo on Tuesday, ..." is stated with lower confidence."""
    facts = [f for f in run("In Tokyo on Tuesday, Chief Cabinet Secretary Kenji Morisaki said "
                            "the talks would continue.").facts if f.predicate == OFFICEHOLDER_OF]
    assert [(f.subject, f.obj) for f in facts] == [("Kenji Morisaki", "Japan")]
    assert facts[0].confidence < 0.8


def test_explicit_country_confidence():
    facts = [f for f in run("Japanese Chief Cabinet Secretary Kenji Morisaki held a briefing.").facts
             if f.predicate == OFFICEHOLDER_OF]
    assert len(facts) == 1 and facts[0].confidence >= 0.8


def test_nato_is_an_organisation():
    """The polity of "NATO Secretary General X" is the organisation, not a country."""
    result = run("NATO Secretary General Lars Vindeby urged allies to spend more.")
    held = {(f.subject, f.obj) for f in result.facts if f.predicate == OFFICEHOLDER_OF}
    assert held == {("Lars Vindeby", "NATO")}
    cls = {e.key: e.cls for e in result.entities}
    assert cls["NATO"] in ("Organization", "GovernmentOrganization")


# ---------------------------------------------------------------- titles with their polity in the phrase

PHRASE_CASES = [
    pytest.param("President of Brazil Tomas Verlaine arrived in Lima.",
                 office("Tomas Verlaine", "Brazil", "President"), id="title-of-polity-name"),
    pytest.param("Then-President of the United States Harold Brennan spoke first.",
                 office("Harold Brennan", "United States", "President"), id="then-title-of-polity-name"),
    pytest.param("Minister of National Defense of the Republic of Korea Kim Dae-ho met his counterpart.",
                 office("Kim Dae-ho", "South Korea", "Minister of National Defense"), id="long-title-of-polity-name"),
    pytest.param("The then-Prime Minister of Norway, Olav Brennsvik, signed the accord.",
                 office("Olav Brennsvik", "Norway", "Prime Minister"), id="then-title-of-polity-comma-name"),
    pytest.param("U.S. Ambassador to Japan Harold Brennan spoke at the embassy.",
                 office("Harold Brennan", "United States", "Ambassador to Japan"), id="ambassador-to"),
    pytest.param("Harold Brennan, the U.S. ambassador to Japan, spoke at the embassy.",
                 office("Harold Brennan", "United States", "ambassador to Japan"), id="apposition-ambassador-to"),
    pytest.param("Japan's ambassador to South Korea, Koichi Aiboshi, was recalled.",
                 office("Koichi Aiboshi", "Japan", "ambassador to South Korea"), id="possessive-ambassador-to-comma"),
    pytest.param("A White House spokesman, Tom Hargrave, declined to comment.",
                 office("Tom Hargrave", "United States", "spokesman"), id="seat-of-government"),
    pytest.param("A Kremlin spokesman, Ivan Sorokin, declined to comment.",
                 office("Ivan Sorokin", "Russia", "spokesman"), id="seat-of-government-2"),
    pytest.param("A U.S. National Security Council spokesman, Tom Hargrave, declined to comment.",
                 office("Tom Hargrave", "United States", "National Security Council spokesman"),
                 id="national-body-is-its-country"),
    pytest.param("Brazilian Foreign Ministry spokesperson Tomas Verlaine denied the report.",
                 office("Tomas Verlaine", "Brazil", "Foreign Ministry spokesperson"), id="ministry-is-its-country"),
    pytest.param("Norway's Defence Ministry spokesman, Olav Brennsvik, declined to comment.",
                 office("Olav Brennsvik", "Norway", "Defence Ministry spokesman"), id="defence-ministry-is-its-country"),
    pytest.param("White House National Security Council spokesman Tom Hargrave briefed reporters.",
                 office("Tom Hargrave", "United States", "National Security Council spokesman"),
                 id="body-named-with-its-seat-of-government"),
    pytest.param("Karen Doyle, U.S. Space Command commander, spoke on Monday.",
                 office("Karen Doyle", "U.S. Space Command", "commander"), id="command-is-an-organisation"),
    pytest.param("Brazil's Foreign Ministry denied the report. A ministry spokesman, Tomas Verlaine, "
                 "said the claims were false.",
                 office("Tomas Verlaine", "Brazil", "ministry spokesman"), id="ministry-named-earlier"),
    pytest.param("Russia's ambassador to the UN, Vassily Nebenzia, rejected the claim.",  # NER: an organisation
                 office("Vassily Nebenzia", "Russia", "ambassador to the UN"), id="apposition-name-ner-missed"),
    pytest.param("The head of the International Maritime Organization, Olav Brennsvik, spoke on Monday.",
                 office("Olav Brennsvik", "International Maritime Organization", "head"),
                 id="title-of-the-body-comma-name"),
    pytest.param("Defence Minister Olav Brennsvik of the Netherlands spoke on Monday.",
                 office("Olav Brennsvik", "Netherlands", "Defence Minister"), id="title-name-of-the-country"),
    pytest.param("Director General Olav Brennsvik of the International Maritime Organization spoke on Monday.",
                 office("Olav Brennsvik", "International Maritime Organization", "Director General"),
                 id="title-name-of-the-body"),
    # --- negatives
    pytest.param("A friend of the Netherlands, Olav Brennsvik, spoke on Monday.", set(), id="neg-not-a-title-of"),
    pytest.param("Chairman Olav Brennsvik of the Liberal Party spoke on Monday.", set(), id="neg-of-a-party"),
    pytest.param("A ministry spokesman, Tomas Verlaine, said the claims were false.", set(),
                 id="neg-ministry-never-named"),
    pytest.param("Brazil's ambassador to France, Le Monde reported, was recalled.", set(),
                 id="neg-apposition-not-closed"),
    pytest.param("Brazil's ambassador to France, Press Association sources said, was recalled.", set(),
                 id="neg-apposition-organisation"),
    pytest.param("The capital of Brazil Tomas Verlaine visited was Brasilia.", set(), id="neg-of-polity-not-a-title"),
    pytest.param("Tom Hargrave, a White House aide, spoke on Monday.", set(), id="neg-seat-without-title"),
    pytest.param("The White House said on Monday that Tom Hargrave would leave.", set(), id="neg-seat-no-office"),
    pytest.param("The ambassador to France said nothing.", set(), id="neg-ambassador-no-name"),
]


@pytest.mark.parametrize("sentence, expected", PHRASE_CASES)
def test_titles_with_polity_in_the_phrase(sentence, expected):
    assert triples(sentence, OFFICE_PREDICATES) == expected
