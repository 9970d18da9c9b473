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
