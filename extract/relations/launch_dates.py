"""When a launch happened: the dates of a launch verb or noun.

A list of dates under one launch word ("fired missiles on April 15, April 28 and
May 14") gives one date per item, hence one launch per date.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .. import dates as datelib
from ..lexicon import CONTAINER_NOUNS, REPORT_VERBS
from ..model import DATE
from .event_dates import DateValue, behind_preposition, date_spans_under, dates_under
from .syntax import ent_span

_CONDUCT_VERBS = ("conduct", "carry", "stage", "perform")
_OCCUR_VERBS = ("take", "occur", "happen")  # "the test took place on ...", "the launch occurred ..."
_MONTH_WORD = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b\.?", re.I)
_LIST_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_PART_OF_DAY = re.compile(r"\b(?:morning|afternoon|evening|night|early hours)\b", re.I)
# Verbs whose gerund complement happened ("reported firing", "began launching"); not
# "denied firing", "stopped firing", "avoided testing".
_GERUND_HEADS = frozenset("report announce confirm claim acknowledge admit begin start resume continue".split())
_OVERNIGHT = frozenset({"overnight", "tonight"})
_YEAR_END = re.compile(r",?\s*((?:1[5-9]|20)\d{2})$")


def launch_dates(tok: Token, is_noun: bool, pubdate: str | None) -> list[DateValue]:
    """The dates of a launch word: its own, the verb's ("conducted a test on ..."), or,
    for a noun, the dates inside its phrase (one launch per date for a plural)."""
    if is_noun and _reported(tok):
        return _premodifier_dates(tok, pubdate)
    listed = _first_list(date_spans_under(tok), pubdate)
    if listed:
        return _unique(listed)
    found = dates_under(tok, pubdate)
    if found:
        return [found[0][0]]
    if not is_noun:
        date = _overnight(tok, pubdate) or _when_clause_date(tok, pubdate) or _gerund_date(tok, pubdate)
        return [date] if date else []
    date = (_date_of_verb(tok, pubdate) or _overnight(tok.head, pubdate)) if tok.dep_ == "dobj" else None
    date = date or _date_of_occurrence(tok, pubdate) or _date_after_subject(tok, pubdate)
    if date:
        return [date]
    # "North Korea's second ... missile test on July 28" / "the DPRK's August 24 launch";
    # "two tests ... on 7 July 2005 and 6 February 2006": one launch per date
    dates: list[DateValue] = []
    for t in tok.subtree:
        if t.ent_type_ == "DATE" and t.ent_iob_ == "B" and not behind_preposition(t, tok):
            span = ent_span(t)
            dates.extend(listed_dates(span, pubdate) or [v for v in [datelib.resolve(span.text, pubdate)] if v])
    dates = _unique(dates)
    return dates if tok.lower_.endswith("s") else dates[:1]


def container(tok: Token) -> Token:
    """"a huge wave of missile attacks", "a second round of test firings": the noun
    that holds the launches and carries their verb; else ``tok`` itself."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in CONTAINER_NOUNS:
        return head.head
    return tok


def listed_dates(span: Span, pubdate: str | None) -> list[DateValue]:
    """"April 15, April 28 and May 14" (one date entity): one value per item; a year
    written once at the end belongs to every item. Empty for a single date."""
    text = span.text.strip()
    if len(_MONTH_WORD.findall(text)) < 2:
        return []
    year = _YEAR_END.search(text)
    items = [p for p in _LIST_SEPARATOR.split(_YEAR_END.sub("", text) if year else text) if p.strip()]
    if len(items) < 2 or any(not _MONTH_WORD.search(p) for p in items):
        return []
    values = [datelib.resolve(f"{p} {year.group(1)}" if year else p, pubdate) for p in items]
    if not all(values):
        return []
    if all(_PART_OF_DAY.search(p) for p in items[1:]):
        return values[:1]  # "on the evening of April 13 and the morning of April 14": one attack, its first day
    return values


def _first_list(spans: list[Span], pubdate: str | None) -> list[DateValue]:
    """The dates of the first run of date entities joined only by commas and "and"
    ("on April 15, April 28 and May 14", however NER cut it)."""
    if not spans:
        return []
    run = spans[:1]
    for span in spans[1:]:
        gap = span.doc[run[-1].end:span.start]
        if not all(t.lower_ in (",", "and", "or") for t in gap):
            break
        run.append(span)
    year = _YEAR_END.search(run[-1].text.strip())
    out: list[DateValue] = []
    for span in run:
        text = span.text if not year or _YEAR_END.search(span.text.strip()) else f"{span.text} {year.group(1)}"
        value = datelib.resolve(text, pubdate)
        out.extend(listed_dates(span, pubdate) or ([value] if value else []))
    return out if len(run) == 1 or len(out) >= len(run) else []


def _unique(values: list[DateValue]) -> list[DateValue]:
    return list(dict.fromkeys(values))


def _date_of_verb(tok: Token, pubdate: str | None) -> DateValue | None:
    """"conducted a missile test on June 5": the date is the verb's."""
    verb = tok.head
    after = tok.right_edge.i + 1
    date = None
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "in") and (
                verb.lemma_ in (*_CONDUCT_VERBS, "hold") or c.i == after):
            found = dates_under(c, pubdate)
            if found:
                date = found[0][0]
    if date is None and verb.lemma_ in _CONDUCT_VERBS:
        found = dates_under(verb, pubdate)
        if found:
            date = found[0][0]
    return date


def _date_of_occurrence(tok: Token, pubdate: str | None) -> DateValue | None:
    """"the test took place January 11", "the launch occurred on Friday"."""
    verb = tok.head
    if tok.dep_ != "nsubj" or verb.lemma_ not in _OCCUR_VERBS:
        return None
    if verb.lemma_ == "take" and not any(c.lower_ == "place" for c in verb.children):
        return None
    found = dates_under(verb, pubdate)
    return found[0][0] if found else None


def _date_after_subject(tok: Token, pubdate: str | None) -> DateValue | None:
    """"missile attacks Wednesday killed five people": a bare date right after the
    launch noun that is the clause's subject."""
    if tok.dep_ != "nsubj":
        return None
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.ent_type_ != "DATE" or nxt.head.i != tok.head.i or nxt.dep_ != "npadvmod":
        return None
    return datelib.resolve(ent_span(nxt).text, pubdate)


def _overnight(verb: Token, pubdate: str | None) -> DateValue | None:
    """"fired nine missiles overnight": the night that ends on the publication day (the
    parser may hang "overnight" on the objects: "launched 29 missiles and 25 drones overnight")."""
    objects = [o for c in verb.children if c.dep_ == "dobj" for o in (c, *c.conjuncts)]
    if pubdate and any(c.lower_ in _OVERNIGHT and c.dep_ in ("advmod", "npadvmod")
                       for h in (verb, *objects) for c in h.children):
        return pubdate, DATE
    return None


def _reported(tok: Token) -> bool:
    """"first reported the test on 17 January": a bare "the test" (one told before) as
    the object of a verb of telling; a date after it is the report's. A full
    description ("discussed North Korea's missile launch on August 28") keeps its date."""
    bare = not any(c.dep_ in ("poss", "compound", "amod", "nmod") for c in tok.lefts)
    return bare and tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_ in REPORT_VERBS


def _premodifier_dates(tok: Token, pubdate: str | None) -> list[DateValue]:
    """"reported North Korea's July 28 launch": a date written before the launch noun."""
    for t in tok.subtree:
        if t.i < tok.i and t.ent_type_ == "DATE" and t.ent_iob_ == "B":
            value = datelib.resolve(ent_span(t).text, pubdate)
            if value:
                return [value]
    return []


def _when_clause_date(verb: Token, pubdate: str | None) -> DateValue | None:
    """"in September 1985, when the United States destroyed ...": a "when" clause that
    qualifies a date is dated by it."""
    head = verb.head
    if verb.dep_ != "relcl" or head.ent_type_ != "DATE" or not any(
            c.lower_ == "when" and c.dep_ == "advmod" for c in verb.children):
        return None
    return datelib.resolve(ent_span(head).text, pubdate)


def _gerund_date(verb: Token, pubdate: str | None) -> DateValue | None:
    """"On Wednesday Iran reported firing nine missiles": a gerund complement has no
    time of its own and takes its verb's (a finite "said it fired" keeps its own)."""
    head = verb.head
    if verb.tag_ != "VBG" or verb.dep_ != "xcomp" or head.lemma_ not in _GERUND_HEADS:
        return None
    found = dates_under(head, pubdate, stop={verb.i})
    return found[0][0] if found else None
