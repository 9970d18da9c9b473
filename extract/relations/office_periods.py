"""When an office was held: the period written after the office phrase, and the words
before a title that say it was held earlier ("former", "then-", "ex-")."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ..lexicon import FORMER

_YEAR = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?" \
        r"((?:1[89]|20)\d\d)"
_DASH = r"\s*[-–—]\s*"
# each alternative: (pattern, start group, end group); groups are 1-based, 0 = none
_PERIODS = [
    (re.compile(rf"^\(\s*{_YEAR}{_DASH}{_YEAR}\s*\)"), 1, 2),
    (re.compile(rf"^\(\s*{_YEAR}{_DASH}(?:present|now)?\s*\)"), 1, 0),
    (re.compile(rf"^from\s+{_YEAR}\s+(?:to|until|till|through){{1}}\s+{_YEAR}\b"), 1, 2),
    (re.compile(rf"^between\s+{_YEAR}\s+and\s+{_YEAR}\b"), 1, 2),
    (re.compile(rf"^(?:in|from){{1}}\s+{_YEAR}{_DASH}{_YEAR}\b"), 1, 2),
    (re.compile(rf"^(?:since|from)\s+{_YEAR}\b"), 1, 0),
    (re.compile(rf"^(?:until|till|through)\s+{_YEAR}\b"), 0, 1),
]
_SKIP_BEFORE = frozenset({"-", "‐", "the", "a", "an"})


def period_after(doc: Doc, i: int, hi: int) -> tuple[str | None, str | None]:
    """(start year, end year) of a period that follows token ``i`` directly
    ("from 2005 to 2008", "between 2005 and 2008", "(2005–2008)", "since 2019",
    "until 2011", "in 2017-2019"), possibly after a comma; (None, None) if there is none."""
    if i >= hi:
        return None, None
    end_char = doc[hi - 1].idx + len(doc[hi - 1].text)
    rest = doc.text[doc[i].idx:end_char]
    rest = re.sub(r"^,\s*", "", rest)
    for pattern, s_group, e_group in _PERIODS:
        m = pattern.match(rest)
        if m is None:
            continue
        start = m.group(s_group) if s_group else None
        end = m.group(e_group) if e_group else None
        if start and end and int(end) < int(start):
            return None, None
        return start, end
    return None, None


def former_before(doc: Doc, i: int, lo: int) -> bool:
    """A word saying "held earlier" just before token ``i`` ("former", "then-", "ex-")."""
    j = i - 1
    while j >= lo and j >= i - 3:
        low = doc[j].lower_
        if low in FORMER or low.rstrip("-") in FORMER:
            return True
        if low not in _SKIP_BEFORE:
            return False
        j -= 1
    return False
