"""Agreement names found by their shape (extract.agreement_names and the name rules of
extract.entities), on sentences written for these tests."""
from __future__ import annotations

import pytest
from rulecases import events, run

from extract.model import AGREEMENT


def agreements(sentence: str) -> set[str]:
    return {e.key for e in run(sentence).entities if e.cls == AGREEMENT}


LISTED = [
    pytest.param("The arms talks produced many treaties, among them KAPT I (1984), KAPT II (1989) and "
                 "New KAPT (2009).", {"KAPT I", "KAPT II", "New KAPT"},
                 {("KAPT I", "Signing", "1984"), ("KAPT II", "Signing", "1989"), ("New KAPT", "Signing", "2009")},
                 id="numbered-and-new-with-years"),
    pytest.param("The line of agreements includes ROVA I (1970–1974) and ROVA II (1975).", {"ROVA I", "ROVA II"},
                 {("ROVA II", "Signing", "1975")}, id="year-range-is-not-a-date"),
    pytest.param("The museum shows the VOSTA II (1961) capsule and the VOSTA III (1963) capsule.", set(), set(),
                 id="neg-no-agreement-word"),
    pytest.param("Under the treaty, the KAPT II missile was scrapped.", set(), set(), id="neg-no-year"),
    pytest.param("The arms treaties were signed when New Delhi (1990) hosted the talks.", set(), set(),
                 id="neg-new-before-a-place"),
]


@pytest.mark.parametrize("sentence, names, expected", LISTED)
def test_listed_agreement_names(sentence, names, expected):
    assert agreements(sentence) == names
    assert events(sentence) == expected


def test_new_name_with_head_noun_is_the_same_agreement():
    text = "The arms treaties include New KAPT (2009). The Kestrel Pact was superseded by the New KAPT treaty."
    assert "New KAPT treaty" not in agreements(text)
    assert "New KAPT" in agreements(text)


OF_THE = [
    pytest.param("Both sides abide by the Law of the Sea Convention.", {"Law of the Sea Convention"},
                 id="law-of-the-sea-convention"),
    pytest.param("Members of the Kestrel Defense Pact met in Lima.", {"Kestrel Defense Pact"},
                 id="neg-common-noun-before-of"),
    pytest.param("The President of the Kestrel Pact Council spoke in Lima.", set(), id="neg-office-title"),
]


@pytest.mark.parametrize("sentence, names", OF_THE)
def test_name_extends_left_over_of_the(sentence, names):
    assert agreements(sentence) == names


ACRONYM_ROLES = [
    pytest.param("The defence ministers of the KAPSO partnership met in Lima.", {"KAPSO"}, set(),
                 id="acronym-partnership"),
    pytest.param("Peru withdrew from the JCOPA, the nuclear deal, in 2018.", {"JCOPA"},
                 {("JCOPA", "Withdrawal", "2018")}, id="acronym-apposition-deal"),
    pytest.param("The JCOPA is a deal between Chile and Peru.", {"JCOPA"}, set(), id="acronym-is-a-deal"),
    pytest.param("The nuclear deal, known as the JCOPA, was reached in July 2015.", {"JCOPA"},
                 {("JCOPA", "Signing", "2015-07")}, id="deal-known-as-acronym"),
    pytest.param("The JCOPA is not a deal.", set(), set(), id="neg-is-not-a-deal"),
    pytest.param("NATO is an alliance of states.", set(), set(), id="neg-alliance-is-not-an-agreement"),
]


@pytest.mark.parametrize("sentence, names, expected", ACRONYM_ROLES)
def test_acronym_called_an_agreement(sentence, names, expected):
    assert agreements(sentence) == names
    assert events(sentence) == expected
