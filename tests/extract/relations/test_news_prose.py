"""More shapes of news prose across the rule families."""
from __future__ import annotations

import pytest
from rulecases import (
    LAUNCHED_BY,
    OFFICE_PREDICATES,
    OFFICEHOLDER_OF,
    PARTY,
    PUB2,
    SIGNED_DATE,
    START_DATE,
    office,
    triples,
)

# ---------------------------------------------------------------- more shapes of news prose

MORE_CASES = [
    pytest.param("The Foreign Minister of Japan, Hiroshi Tanabe, met his counterpart.",
                 OFFICE_PREDICATES, office("Hiroshi Tanabe", "Japan", "Foreign Minister"),
                 id="the-title-of-country-comma-name"),
    pytest.param("Tokyo's top spokesman Kenji Morisaki told reporters the launch was unacceptable.",
                 {OFFICEHOLDER_OF}, {("Kenji Morisaki", OFFICEHOLDER_OF, "Japan")},
                 id="capital-possessive-title"),
    pytest.param("Norway's foreign minister, Ingrid Halvorsen, said talks would resume.",
                 OFFICE_PREDICATES, office("Ingrid Halvorsen", "Norway", "foreign minister"),
                 id="possessive-title-comma-name"),
    pytest.param("Chile's ambassador to Peru, Carlos Mendoza, was recalled.",
                 {OFFICEHOLDER_OF}, {("Carlos Mendoza", OFFICEHOLDER_OF, "Chile")},
                 id="ambassador-to-country-comma-name"),
    pytest.param("NATO Secretary-General Henrik Lundqvist visited Oslo.",
                 OFFICE_PREDICATES, office("Henrik Lundqvist", "NATO", "Secretary-General"),
                 id="hyphenated-secretary-general"),
    pytest.param("French President Paul Marchetti met German Chancellor Lena Vogt in Paris.",
                 {OFFICEHOLDER_OF}, {("Paul Marchetti", OFFICEHOLDER_OF, "France"),
                                     ("Lena Vogt", OFFICEHOLDER_OF, "Germany")},
                 id="french-is-france"),
    pytest.param("Philippine Defense Secretary Ramon Alcaraz inspected the base.",
                 {OFFICEHOLDER_OF}, {("Ramon Alcaraz", OFFICEHOLDER_OF, "Philippines")},
                 id="demonym-glued-to-title-by-ner"),
    pytest.param("SEOUL, March 3 (Reuters) - North Korea fired two ballistic missiles on Friday.",
                 {LAUNCHED_BY, START_DATE}, {("launch:North Korea:2023-03-10", LAUNCHED_BY, "North Korea"),
                                             ("launch:North Korea:2023-03-10", START_DATE, "2023-03-10")},
                 id="wire-dateline-is-not-the-subject"),
    pytest.param("Chile and Peru signed a maritime boundary accord in Lima on Monday. "
                 "The Maritime Boundary Accord was signed by both foreign ministers.",
                 {SIGNED_DATE, PARTY}, {("Maritime Boundary Accord", SIGNED_DATE, "2023-03-06"),
                                        ("Maritime Boundary Accord", PARTY, "Chile"),
                                        ("Maritime Boundary Accord", PARTY, "Peru")},
                 id="unnamed-mention-of-a-named-agreement"),
    pytest.param("The Treaty of Valparaiso, which was signed in May 1904, ended the dispute.",
                 {SIGNED_DATE}, {("Treaty of Valparaiso", SIGNED_DATE, "1904-05")}, id="treaty-of-x-relative-clause"),
    pytest.param("The old pact was replaced by the Treaty of Arica, which was signed in 1929.",
                 {SIGNED_DATE}, {("Treaty of Arica", SIGNED_DATE, "1929")},
                 id="named-treaty-is-not-a-reference-to-the-pact"),
]


@pytest.mark.parametrize("sentence,predicates,expected", MORE_CASES)
def test_more_shapes(sentence, predicates, expected):
    assert triples(sentence, predicates, pubdate=PUB2) == expected
