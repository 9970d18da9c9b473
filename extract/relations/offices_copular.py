"""Offices stated by a verb: "X is the President of Y", "X was Prime Minister of Y from
2005 to 2008", "X became Chancellor", "X was elected president", "X succeeded Z as
Defense Minister", "X was succeeded by Z as ...".

A title met without its polity is kept as a bare office, which
:func:`.office_inference.resolve_bare_offices` places only where the document implies it.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from .context import SentenceContext
from .offices import Office, PersonRun, apposition_title, copula_end, person_runs
from .polities import country_of

_SUCCESSION = frozenset({"succeed", "replace"})
_REPLACEMENT_NOUNS = frozenset({"replacement", "succession"})  # "X's replacement by Y"
_TENURE_NOUNS = frozenset("tenure term terms time stint years spell".split())
_MODALS = frozenset("will would could might may should must to".split())


def copular(ctx: SentenceContext, person: PersonRun) -> list[Office]:
    """PERSON is / was / became / served as / was elected [the] [POLITY's] TITLE [of POLITY]."""
    doc, hi = ctx.sent.doc, ctx.sent.end
    if _hedged(doc, person.end, ctx.sent.start):
        return []
    j = copula_end(doc, person.end, hi)
    if j is None or j >= hi or j == person.end:
        return []
    out: list[Office] = []
    nxt: int | None = j
    while nxt is not None and nxt < hi:
        nxt = apposition_title(ctx, person.key, nxt, out, bare_ok=True)
    return [replace(o, rule="office-copular" if o.polity else o.rule) for o in out]


def succession(ctx: SentenceContext, person: PersonRun) -> list[Office]:
    """PERSON succeeded / replaced OTHER as TITLE: both held it, OTHER earlier;
    PERSON was succeeded / replaced by OTHER as TITLE: OTHER holds it, PERSON earlier;
    "PERSON, who succeeded OTHER"; with no title ("Y replaced X", "X's replacement by Y")
    the successor holds what the document says the predecessor held."""
    doc, hi = ctx.sent.doc, ctx.sent.end
    j = person.end
    if j + 1 < hi and doc[j].text == "," and doc[j + 1].lower_ == "who":
        j += 2
    while j < hi and doc[j].lower_ in ("has", "had", "later", "then", "eventually", "was", "is"):
        j += 1
    nominal = j + 2 < hi and doc[j].tag_ == "POS" and doc[j + 1].lower_ in _REPLACEMENT_NOUNS \
        and doc[j + 2].lower_ == "by"
    if not nominal and (j >= hi or doc[j].lemma_ not in _SUCCESSION or doc[j].tag_ not in ("VBD", "VBZ", "VBN", "VBP")):
        return []
    passive = nominal or (doc[j].tag_ == "VBN" and j + 1 < hi and doc[j + 1].lower_ == "by"
                          and any(t.lemma_ == "be" for t in doc[person.end:j]))
    k = j + 3 if nominal else j + 2 if passive else j + 1
    others = person_runs(ctx, [k]) if k < hi else []
    if not others:
        return []
    other = others[0]
    current, earlier = (other.key, person.key) if passive else (person.key, other.key)
    if other.end >= hi or doc[other.end].lower_ != "as":
        return [Office(current, "", "", 0.0, "office-successor", predecessor=earlier,
                       start=_year_after(doc, other.end, hi))]
    found: list[Office] = []
    apposition_title(ctx, person.key, other.end + 1, found, bare_ok=True)
    out = []
    for o in found:
        base = replace(o, rule="office-succession" if o.polity else o.rule, start=None, end=None)
        out.append(replace(base, person=current, former=False))
        out.append(replace(base, person=earlier, former=True))
    return out


def _year_after(doc: Doc, i: int, hi: int) -> str | None:
    """The year of "... by Y in 2010": when the succession took place."""
    if i + 1 < hi and doc[i].lower_ == "in" and re.fullmatch(r"(1[89]|20)\d\d", doc[i + 1].text):
        return doc[i + 1].text
    return None


def tenure(ctx: SentenceContext, person: PersonRun) -> list[Office]:
    """"PERSON's tenure / term as TITLE"; the country from "COUNTRY during / under
    PERSON's tenure as TITLE" ("the withdrawal of Australia during X's tenure as ...")."""
    doc, ents, lo, hi = ctx.sent.doc, ctx.entities, ctx.sent.start, ctx.sent.end
    j = person.end
    if not (j + 2 < hi and doc[j].tag_ == "POS" and doc[j + 1].lower_ in _TENURE_NOUNS and doc[j + 2].lower_ == "as"):
        return []
    found: list[Office] = []
    apposition_title(ctx, person.key, j + 3, found, bare_ok=True)
    country = None
    if person.start - 2 >= lo and doc[person.start - 1].lower_ in ("during", "under"):
        country, _ = country_of(ents, ents.key_at(person.start - 2))
    out = []
    for o in found:
        if not o.polity and country is not None:
            o = replace(o, polity=country, confidence=0.6, rule="office-tenure-of-country")
        out.append(replace(o, rule="office-tenure" if o.rule == "office-apposition" else o.rule))
    return out


def _hedged(doc: Doc, i: int, lo: int) -> bool:
    """"to become president", "would be prime minister": not (yet) held."""
    return i < len(doc) and doc[i].lower_ in _MODALS
