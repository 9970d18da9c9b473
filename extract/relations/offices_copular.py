"""Offices stated by a verb: "X is the President of Y", "X was Prime Minister of Y from
2005 to 2008", "X became Chancellor", "X was elected president", "X succeeded Z as
Defense Minister", "X was succeeded by Z as ...".

A title met without its polity is kept as a bare office, which
:func:`.office_inference.resolve_bare_offices` places only where the document implies it.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from .context import SentenceContext
from .offices import Office, PersonRun, apposition_title, copula_end, person_runs

_SUCCESSION = frozenset({"succeed", "replace"})
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
    PERSON was succeeded / replaced by OTHER as TITLE: OTHER holds it, PERSON earlier."""
    doc, hi = ctx.sent.doc, ctx.sent.end
    j = person.end
    while j < hi and doc[j].lower_ in ("has", "had", "later", "then", "eventually", "was", "is"):
        j += 1
    if j >= hi or doc[j].lemma_ not in _SUCCESSION or doc[j].tag_ not in ("VBD", "VBZ", "VBN", "VBP"):
        return []
    passive = doc[j].tag_ == "VBN" and j + 1 < hi and doc[j + 1].lower_ == "by" \
        and any(t.lemma_ == "be" for t in doc[person.end:j])
    k = j + 2 if passive else j + 1
    others = person_runs(ctx, [k]) if k < hi else []
    if not others or others[0].end >= hi or doc[others[0].end].lower_ != "as":
        return []
    other = others[0]
    found: list[Office] = []
    apposition_title(ctx, person.key, other.end + 1, found, bare_ok=True)
    out = []
    for o in found:
        current, earlier = (other.key, person.key) if passive else (person.key, other.key)
        base = replace(o, rule="office-succession" if o.polity else o.rule, start=None, end=None)
        out.append(replace(base, person=current, former=False))
        out.append(replace(base, person=earlier, former=True))
    return out


def _hedged(doc: Doc, i: int, lo: int) -> bool:
    """"to become president", "would be prime minister": not (yet) held."""
    return i < len(doc) and doc[i].lower_ in _MODALS
