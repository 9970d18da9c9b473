"""Who launched: the country (or organisation) behind a launch word."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from .. import gazetteer
from ..lexicon import AGENT_NOUNS
from .context import EntityView
from .polities import country_of

DefaultAgent = Callable[[str], str | None]


def _resolve_agent(t: Token, ents: EntityView, default_agent: DefaultAgent) -> tuple[str | None, float]:
    """The country a token stands for as the agent of a launch."""
    key = ents.key_at(t.i)
    if key is not None:
        country, via_capital = country_of(ents, key)
        if country is not None:
            return country, 0.9 if via_capital else 1.0
    if t.lower_ in ("it", "they") and t.head.dep_ == "ccomp" and t.head.head is not t.head:
        for c in t.head.head.children:
            if c.dep_ == "nsubj" and c.lower_ not in ("it", "they"):
                r = _resolve_agent(c, ents, default_agent)
                if r[0]:
                    return r[0], r[1] * 0.9
    if t.lower_ in AGENT_NOUNS | {"north", "south"} or t.lower_ in ("it", "they"):
        for c in t.children:
            if c.dep_ in ("amod", "compound", "poss"):
                r = _resolve_agent(c, ents, default_agent)
                if r[0]:
                    return r
        if t.lower_ == "north" and default_agent("north"):
            return default_agent("north"), 0.9
    country = gazetteer.country_by_demonym(t.text)
    if country is not None and t.dep_ in ("amod", "compound"):
        return country.name, 0.9
    return None, 0


def launch_agent(tok: Token, ents: EntityView, is_verb: bool,
                  default_agent: DefaultAgent) -> tuple[str | None, float]:
    def resolve(t: Token) -> tuple[str | None, float]:
        return _resolve_agent(t, ents, default_agent)

    if is_verb:
        for c in tok.children:
            if c.dep_ in ("nsubj",):
                return resolve(c)
            if c.dep_ == "agent":
                for o in c.children:
                    return resolve(o)
        if tok.dep_ in ("xcomp", "conj", "ccomp") and tok.head.pos_ in ("VERB", "AUX"):
            for c in tok.head.children:
                if c.dep_ == "nsubj":
                    return resolve(c)
        return None, 0
    for c in tok.children:
        if c.dep_ == "poss":
            return resolve(c)
    for c in tok.children:
        if c.dep_ in ("amod", "compound"):
            r = resolve(c)
            if r[0]:
                return r
    if tok.dep_ in ("dobj",) and tok.head.pos_ == "VERB":
        for c in tok.head.children:
            if c.dep_ == "nsubj":
                return resolve(c)
    return None, 0
