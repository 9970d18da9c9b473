"""Agreement names without a head noun, found by their shape in a sentence about agreements:
"START II (1993)", "SALT I (1969–1972)", "New START (2010)" -- an acronym with a roman
numeral or the adjective "New", followed by its year in parentheses."""
from __future__ import annotations

import re

from .lexicon import AGREEMENT_HEADS
from .names import ACRONYM

_ROMAN = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|X)$")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d(?:[–-](?:1[89]|20)\d\d)?$")  # "1993", "1969–1972"
_PREFIXES = frozenset({"New"})
_PLURAL_HEADS = frozenset(h + "s" for h in AGREEMENT_HEADS if not h.endswith("s")) | AGREEMENT_HEADS


def _about_agreements(sent) -> bool:
    return any(t.lower_ in _PLURAL_HEADS for t in sent)


def _year_follows(doc, e: int) -> bool:
    """"(1993)" or "(1969–1972)" right after the name."""
    return e + 2 < len(doc) and doc[e].text == "(" and bool(_YEAR.match(doc[e + 1].text))


def listed_agreements(doc) -> list[tuple[int, int, str]]:
    """Spans (start, end, "AGREEMENT") of acronym names with a numeral or "New" and a year."""
    found: list[tuple[int, int, str]] = []
    for tok in doc:
        if not (ACRONYM.match(tok.text) and len(tok.text) >= 3 and tok.text.isalpha()) or _ROMAN.match(tok.text):
            continue
        s, e = tok.i, tok.i + 1
        numbered = e < len(doc) and bool(_ROMAN.match(doc[e].text))
        if numbered:
            e += 1
        if s > 0 and doc[s - 1].text in _PREFIXES and not numbered:
            s -= 1
        if (s == tok.i and not numbered) or not _year_follows(doc, e) or not _about_agreements(tok.sent):
            continue
        found.append((s, e, "AGREEMENT"))
    return found


def with_listed_agreements(doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``spans`` with the listed names added; a span overlapping one of them gives way."""
    listed = listed_agreements(doc)
    if not listed:
        return spans
    cover = {i for s, e, _ in listed for i in range(s, e)}
    return [sp for sp in spans if not cover.intersection(range(sp[0], sp[1]))] + listed
