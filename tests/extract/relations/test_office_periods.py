"""Periods and "former" words around an office phrase (extract.relations.office_periods)."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from extract.relations.office_periods import former_before, period_after

_VOCAB = spacy.blank("en").vocab


def _doc(text: str) -> Doc:
    words = text.replace("(", "( ").replace(")", " )").split()
    spaces = [not (w == "(" or (i + 1 < len(words) and words[i + 1] == ")")) for i, w in enumerate(words)]
    return Doc(_VOCAB, words=words, spaces=spaces)


@pytest.mark.parametrize("text, expected", [
    ("from 2005 to 2008 .", ("2005", "2008")),
    ("from March 2005 until 2008", ("2005", "2008")),
    ("between 1999 and 2003", ("1999", "2003")),
    ("(2005–2013)", ("2005", "2013")),
    ("(2019–present)", ("2019", None)),
    ("since 2019", ("2019", None)),
    ("until 2011", (None, "2011")),
    ("in 2017-2019", ("2017", "2019")),
    (", from 2005 to 2008", ("2005", "2008")),
    # not a period of the office
    ("in 2017", (None, None)),
    ("from 2008 to 2005", (None, None)),
    ("said on Monday", (None, None)),
    ("since the war", (None, None)),
])
def test_period_after(text, expected):
    doc = _doc(text)
    assert period_after(doc, 0, len(doc)) == expected


@pytest.mark.parametrize("text, expected", [
    ("the former President", True),
    ("then - President", True),
    ("ex - President", True),
    ("the President", False),
    ("former ally and President", False),
])
def test_former_before(text, expected):
    doc = _doc(text)
    assert former_before(doc, len(doc) - 1, 0) is expected
