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
