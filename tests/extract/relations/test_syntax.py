"""Syntax helpers and polities on hand-built Docs: no model needed."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from extract.entities import DocEntities
from extract.model import CITY, COUNTRY, PERSON
from extract.relations.context import EntityView
from extract.relations.polities import country_of
from extract.relations.syntax import ent_span, hedged, path, run_end, run_start, subjects

WORDS = ["Park", "Jin", "and", "Lee", "may", "not", "sign", "it", "in", "June"]
HEADS = [6, 0, 0, 0, 6, 6, 6, 6, 6, 8]
DEPS = ["nsubj", "flat", "cc", "conj", "aux", "neg", "ROOT", "dobj", "prep", "pobj"]


@pytest.fixture
def doc() -> Doc:
    return Doc(Vocab(), words=WORDS, heads=HEADS, deps=DEPS,
               ents=["B-PERSON", "I-PERSON", "O", "B-PERSON", "O", "O", "O", "O", "O", "B-DATE"])


def view(keys: dict[int, str], classes: dict[str, str]) -> EntityView:
    ents = DocEntities()
    for key, cls in classes.items():
        ents.add(key, cls, [])
    ents.token_key.update(keys)
    return EntityView(ents)


def test_entity_runs(doc):
    ents = view({0: "Park Jin", 1: "Park Jin", 3: "Lee"}, {"Park Jin": PERSON, "Lee": PERSON})
    assert run_end(ents, 0, len(doc)) == 2
    assert run_end(ents, 0, 1) == 1  # never beyond hi
    assert run_end(ents, 2, len(doc)) == 2  # no entity there
    assert run_start(ents, 2, 0) == 0
    assert run_start(ents, 2, 1) == 1  # never before lo
    assert run_start(ents, 4, 0) == 3
    assert run_start(ents, 3, 0) == 3  # no entity at 2


def test_path_and_ent_span(doc):
    assert [t.text for t in path(doc[9], doc[6])] == ["June", "in"]
    assert path(doc[6], doc[6]) == []
    assert ent_span(doc[0]).text == "Park Jin"
    assert ent_span(doc[2]).text == "and"


def test_subjects_and_hedges(doc):
    assert [t.text for t in subjects(doc[6])] == ["Park", "Lee"]
    assert hedged(doc[6])  # "may not sign"
    plain = Doc(Vocab(), words=["Peru", "signed", "it"], heads=[1, 1, 1], deps=["nsubj", "ROOT", "dobj"])
    assert not hedged(plain[1])
    assert [t.text for t in subjects(plain[1])] == ["Peru"]


def test_country_of_entity_or_capital():
    ents = view({}, {"Japan": COUNTRY, "Tokyo": CITY, "Osaka": CITY})
    assert country_of(ents, "Japan") == ("Japan", False)
    assert country_of(ents, "Tokyo") == ("Japan", True)
    assert country_of(ents, "Osaka") == (None, False)
    # a country reached through the gazetteer counts as a country before it is added
    assert ents.cls_of("France") == COUNTRY and "France" not in ents
    assert ents.cls_of("Atlantis") is None
