"""Offices placed by what the document implies (extract.relations.office_inference):
its publisher, the sending country of an envoy to an international body, the country
the surrounding sentences are about. Sentences written for these tests."""
from __future__ import annotations

import pytest
from rulecases import OFFICE_PREDICATES, office, triples

from extract.relations.office_inference import publisher_country


@pytest.mark.parametrize("url, country", [
    ("https://www.state.gov/briefing", "United States"),
    ("https://www.defense.gov/News/1", "United States"),
    ("https://www.20af.af.mil/News/1", "United States"),
    ("https://www.gov.uk/government/speeches/x", "United Kingdom"),
    ("https://gov.uk/government/speeches/x", "United Kingdom"),  # no "www."
    ("https://www.mod.go.jp/en/", "Japan"),
    ("https://www.bbc.co.uk/news", None),
    ("https://en.wikipedia.org/wiki/X", None),
    (None, None),
])
def test_publisher_country(url, country):
    assert publisher_country(url) == country


GOV_UK = "https://gov.uk/government/speeches/statement"

PUBLISHER_CASES = [
    pytest.param("Ambassador Tobias Wrenfield says that civilians continue to suffer.",
                 office("Tobias Wrenfield", "United Kingdom", "Ambassador"), id="gov-uk-ambassador"),
]


@pytest.mark.parametrize("sentence, expected", PUBLISHER_CASES)
def test_publisher_offices(sentence, expected):
    assert triples(sentence, OFFICE_PREDICATES, url=GOV_UK) == expected


STATE = "https://www.state.gov/readout"

GOVERNMENT_CASES = [
    pytest.param("UN Ambassador Tobias Wrenfield spoke on Monday.", STATE,
                 office("Tobias Wrenfield", "United States", "UN Ambassador"), id="un-ambassador-of-the-sender"),
    pytest.param("Tobias Wrenfield, the UN ambassador, spoke on Monday.", STATE,
                 office("Tobias Wrenfield", "United States", "UN ambassador"), id="the-un-ambassador"),
    pytest.param("Secretary Tobias Wrenfield spoke on Monday.", STATE,
                 office("Tobias Wrenfield", "United States", "Secretary"), id="secretary-of-the-publisher"),
    pytest.param("Minister Tobias Wrenfield spoke on Monday.", GOV_UK,
                 office("Tobias Wrenfield", "United Kingdom", "Minister"), id="minister-of-the-publisher"),
    pytest.param("Senate Majority Leader Tobias Wrenfield spoke on Monday.", STATE,
                 office("Tobias Wrenfield", "United States", "Senate Majority Leader"), id="senate-majority-leader"),
    pytest.param("Texas Republican Senator Tobias Wrenfield spoke on Monday.", None,
                 office("Tobias Wrenfield", "United States", "Senator"), id="state-party-senator"),
    pytest.param("New York Congresswoman Ellen Marsh spoke on Monday.", None,
                 office("Ellen Marsh", "United States", "Congresswoman"), id="state-congresswoman"),
    pytest.param("British MP Ellen Marsh spoke on Monday.", None,
                 office("Ellen Marsh", "United Kingdom", "MP"), id="demonym-mp"),
    pytest.param("EU Ambassador Tobias Wrenfield spoke on Monday.", STATE,
                 office("Tobias Wrenfield", "EU", "Ambassador"), id="eu-sends-its-own-ambassadors"),
    # --- must not fire
    pytest.param("UN Ambassador Tobias Wrenfield spoke on Monday.", None, set(), id="neg-un-ambassador-no-sender"),
    pytest.param("President Tobias Wrenfield spoke on Monday.", STATE, set(), id="neg-president-not-by-publisher"),
    pytest.param("Prime Minister Tobias Wrenfield spoke on Monday.", GOV_UK, set(), id="neg-prime-minister-by-publisher"),
    pytest.param("Foreign Minister Tobias Wrenfield spoke on Monday.", STATE, set(), id="neg-us-has-no-ministers"),
    pytest.param("Conservative MP Ellen Marsh spoke on Monday.", STATE, set(), id="neg-us-has-no-mps"),
    pytest.param("Senator Ellen Marsh spoke on Monday.", GOV_UK, set(), id="neg-uk-has-no-senators"),
    pytest.param("Democratic Congresswoman Ellen Marsh spoke on Monday.", None, set(), id="neg-party-is-no-country"),
]


@pytest.mark.parametrize("sentence, url, expected", GOVERNMENT_CASES)
def test_offices_of_a_government(sentence, url, expected):
    assert triples(sentence, OFFICE_PREDICATES, url=url) == expected


def test_an_untagged_surname_is_the_person_met_earlier():
    from rulecases import run

    r = run("Kevin Marsh spoke first. Following Marsh's replacement by Tobias Wrenfield, talks resumed.")
    marsh = next(e for e in r.entities if e.key == "Kevin Marsh")
    assert len(marsh.mentions) == 2
