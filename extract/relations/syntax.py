"""Small helpers over spaCy tokens shared by the rule families."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import HEDGES
from .context import EntityView

_HEDGE_DEPS = frozenset({"aux", "auxpass", "advmod", "neg", "xcomp", "ccomp", "amod", "acomp"})


def run_end(ents: EntityView, start: int, hi: int) -> int:
    """End of the run of tokens from ``start`` that belong to the entity at ``start``
    (``start`` itself when no entity is there); never beyond ``hi``."""
    key = ents.key_at(start) if start < hi else None
    end = start
    while end < hi and key is not None and ents.key_at(end) == key:
        end += 1
    return end


def run_start(ents: EntityView, end: int, lo: int) -> int:
    """Start of the run of tokens ending just before ``end`` that belong to the entity
    at ``end - 1`` (``end`` itself when no entity is there); never before ``lo``."""
    key = ents.key_at(end - 1) if end > lo else None
    start = end
    while start > lo and key is not None and ents.key_at(start - 1) == key:
        start -= 1
    return start


def path(t: Token, top: Token) -> list[Token]:
    """The tokens from ``t`` up to (not including) ``top`` along the heads."""
    out = []
    h = t
    while h.i != top.i and h.head is not h:
        out.append(h)
        h = h.head
    return out


def ent_span(tok: Token) -> Span:
    """The named-entity span around ``tok``, or the token alone."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return tok.doc[tok.i:tok.i + 1]


def hedged(verb: Token) -> bool:
    """The verb is negated or hedged ("may sign", "did not sign", "plans to sign")."""
    for t in verb.children:
        if t.dep_ == "neg" or (t.dep_ in _HEDGE_DEPS and t.lower_ in HEDGES):
            return True
    head = verb.head
    if head is verb:
        return False
    if head.lemma_ in HEDGES or head.lower_ in HEDGES:
        return True
    # "is set to expire": the hedge is an adjective or participle the verb depends on
    return verb.dep_ == "xcomp" and any(c.dep_ == "neg" for c in head.children)


def subjects(verb: Token) -> list[Token]:
    """The verb's subjects and their conjuncts; a subordinate verb borrows its head's."""
    subs = [c for c in verb.children if c.dep_ in ("nsubj",)]
    if not subs and verb.dep_ in ("xcomp", "conj") and verb.head.pos_ == "VERB":
        subs = [c for c in verb.head.children if c.dep_ in ("nsubj",)]
    out = []
    for s in subs:
        out.append(s)
        out.extend(c for c in s.conjuncts)
        # "A, B and C signed": a list the parser read as A with the apposition "B and C"
        out.extend(t for c in s.children if c.dep_ == "appos" and c.conjuncts for t in (c, *c.conjuncts))
    return out


def has_definite(tok: Token) -> bool:
    """"the pact", "this agreement": a definite determiner on the left."""
    return any(c.lower_ in ("the", "this", "that") for c in tok.lefts)
