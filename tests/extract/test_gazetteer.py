"""Country names and demonyms (extract.gazetteer)."""
from __future__ import annotations

import pytest

from extract import gazetteer


@pytest.mark.parametrize("demonym, country", [
    ("Bosnian", "Bosnia and Herzegovina"),  # the package lists "Bosnian,Herzegovinian"
    ("Herzegovinian", "Bosnia and Herzegovina"),
    ("Serbian", "Serbia"),  # not "Serbia and Montenegro", which lists "Serbian/Montenegrin"
    ("Montenegrin", "Montenegro"),
    ("Argentine", "Argentina"),
    ("Kazakh", "Kazakhstan"),
    ("Slovenian", "Slovenia"),
    ("French", "France"),
    ("American", "United States"),
])
def test_demonyms(demonym, country):
    found = gazetteer.country_by_demonym(demonym)
    assert found is not None and found.name == country


@pytest.mark.parametrize("demonym", ["Herzegovina", "Senator", "Democratic"])
def test_not_demonyms(demonym):
    assert gazetteer.country_by_demonym(demonym) is None


@pytest.mark.parametrize("word", ["Mykolaiv", "Kharkov", "Bombay", "Peking", "Saigon"])
def test_an_ascii_words_key_is_its_lower_case(word):
    """The city list keys other Latin spellings (ASCII words) by their lower case."""
    assert gazetteer.norm_key(word) == word.lower()
    assert gazetteer.is_city(word.upper().title()) == gazetteer.is_city(word)
