"""The dates of events: date expressions attached to an event's verb or noun."""
from __future__ import annotations

import re
from collections.abc import Collection

from spacy.tokens import Span, Token

from .. import dates as datelib
from ..model import END_DATE, G_YEAR, G_YEAR_MONTH, IN_FORCE_DATE, SIGNED_DATE
from .syntax import ent_span, path

DATE_KIND_PREDICATE = {"signed": SIGNED_DATE, "in_force": IN_FORCE_DATE, "end": END_DATE}
_NOT_EVENT_PREPS = frozenset({"after", "before", "since", "following", "until", "till", "prior", "ahead"})

DateValue = tuple[str, str]  # (lexical form, XSD datatype local name)


def dates_under(verb: Token, pubdate: str | None, anchor: str | None = None,
                stop: Collection[int] = ()) -> list[tuple[DateValue, Span]]:
    """Date expressions attached to ``verb`` (not to a clause below it), resolved
    against the publication date; "the same year" takes the year of ``anchor``."""
    found = []
    for span in date_spans_under(verb, stop):
        value = datelib.resolve(with_shared_year(span), pubdate)
        if value is None and anchor:
            value = after_anchor(span.text, anchor)
        if value is not None:
            found.append((value, span))
    return found


_YEAR_AT_END = re.compile(r"\b(1[89]\d\d|20\d\d)$")
_JOINERS = frozenset({",", "and", "or", "to", "-", "–", "through"})


def with_shared_year(span: Span) -> str:
    """The date's text, with the year of the next date it is coordinated with when it
    has none of its own: "August" of "in August and September 2020" is August 2020."""
    text = span.text.strip()
    if re.search(r"\b(1[89]|20)\d\d\b", text):
        return text
    doc, j = span.doc, span.end
    while j < len(doc) and doc[j].lower_ in _JOINERS:
        j += 1
    if j == span.end or j >= len(doc) or doc[j].ent_type_ != "DATE":
        return text
    year = _YEAR_AT_END.search(ent_span(doc[j]).text.strip())
    return f"{text} {year.group(1)}" if year else text


def date_spans_under(verb: Token, stop: Collection[int] = ()) -> list[Span]:
    """The date entities attached to ``verb`` (not to a clause below it)."""
    return [ent_span(t) for t in verb.subtree
            if _date_start(t) and not behind_preposition(t, verb) and _attached_to(t, verb, stop)]


def coordinated_date(t: Token) -> bool:
    """"announced in August and September 2020": one event given two dates is dated by
    neither (nor does "August" take the year written after "September")."""
    if t.dep_ == "conj" and _date_start(t.head):
        return True
    return any(c.dep_ == "conj" and _date_start(c) for c in t.children)


_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_LATER = re.compile(r"^(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}) "
                    r"(years?|months?) later$", re.I)
_NEXT_YEAR = re.compile(r"^the (?:following|next) year$", re.I)


def after_anchor(text: str, anchor: str) -> DateValue | None:
    """A date told from an earlier one: "the same year", "the following year", "a year
    later", "six months later" (a month count needs the anchor's month)."""
    if re.search(r"\bsame year\b", text, re.I):
        return anchor[:4], G_YEAR
    if _NEXT_YEAR.match(text.strip()):
        return str(int(anchor[:4]) + 1), G_YEAR
    m = _LATER.match(text.strip())
    if m is None:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS[m.group(1).lower()]
    if m.group(2).lower().startswith("year"):
        return str(int(anchor[:4]) + n), G_YEAR
    if len(anchor) < 7:
        return None
    months = int(anchor[:4]) * 12 + int(anchor[5:7]) - 1 + n
    return f"{months // 12:04d}-{months % 12 + 1:02d}", G_YEAR_MONTH


def _date_start(t: Token) -> bool:
    """``t`` opens a DATE entity."""
    return t.ent_type_ == "DATE" and t.ent_iob_ == "B"


def behind_preposition(t: Token, verb: Token) -> bool:
    """"after the talks in May": the date dates something else."""
    return any(a.lower_ in _NOT_EVENT_PREPS and a.dep_ == "prep" and a.i != verb.i for a in path(t, verb))


def _attached_to(t: Token, verb: Token, stop: Collection[int]) -> bool:
    """Walking up from ``t``, the first verb met is ``verb``."""
    h = t
    while h.i != verb.i:
        if h.head.i == h.i:
            return False
        h = h.head
        if h.i == verb.i:
            break
        if h.i in stop or (h.pos_ in ("VERB",) and h.i != verb.i and h.dep_ not in ("amod",)):
            return False
        if h.dep_ == "relcl":  # a relative clause is a clause of its own, verb or not ("that was in force")
            return False
    return True


def is_future(value: str, pubdate: str | None) -> bool:
    """True when a date lies after the publication date (at the date's precision)."""
    if not pubdate or value.startswith("--"):
        return False
    return value > pubdate[: len(value)]
