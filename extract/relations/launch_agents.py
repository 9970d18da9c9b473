"""Who launched: the country (or organisation) behind a launch word."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from .. import gazetteer
from ..lexicon import AGENT_NOUNS, MILITARY_UNIT_WORDS, WEAPON_WORDS
from ..model import ORGANIZATION, PERSON
from .context import EntityView
from .polities import country_of

# Verbs whose subject carried out the launch named by their object ("conducted a test").
_PERFORM_VERBS = frozenset("conduct carry stage perform hold make undertake attempt complete order "
                           "launch fire".split())
_POSSESSIVE_PRONOUNS = frozenset({"its", "their"})

DefaultAgent = Callable[[str], str | None]


def _resolve_agent(t: Token, ents: EntityView, default_agent: DefaultAgent) -> tuple[str | None, float]:
    """The country a token stands for as the agent of a launch."""
    key = ents.key_at(t.i)
    if key is not None:
        country, via_capital = country_of(ents, key)
        if country is not None:
            return country, 0.9 if via_capital else 1.0
        group = _group(t, key, ents)
        if group is not None:
            return group, 0.9
    if t.lower_ in ("it", "they") and t.head.dep_ == "ccomp" and t.head.head.i != t.head.i:
        for c in t.head.head.children:
            if c.dep_ == "nsubj" and c.lower_ not in ("it", "they"):
                r = _resolve_agent(c, ents, default_agent)
                if r[0]:
                    return r[0], r[1] * 0.9
    unit = t.lower_ in MILITARY_UNIT_WORDS or (key is not None and _is_unit(key))
    if t.lower_ in AGENT_NOUNS | {"north", "south"} or t.lower_ in ("it", "they") or unit:
        # "the North Korean military", "Iran's Revolutionary Guards": the unit's country
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


def _group(t: Token, key: str, ents: EntityView) -> str | None:
    """"Hezbollah fired", "the Houthis launched": a group that is not a state launches
    in its own name, never a country's the text doesn't give. A state's own unit
    ("the 12th Rocket Brigade") is not an agent: the country is."""
    cls = ents.cls_of(key)
    if cls == ORGANIZATION and not _is_unit(key):
        return key
    plural = t.tag_ == "NNPS" or (t.text.endswith("s") and any(c.dep_ == "det" and c.lower_ == "the"
                                                                 for c in t.children))
    return key if cls == PERSON and plural else None  # "the Houthis", taken for a person by NER


def _is_unit(key: str) -> bool:
    return any(w in MILITARY_UNIT_WORDS for w in key.lower().split())


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
            return _clause_subject(tok, resolve) if c.lower_ in _POSSESSIVE_PRONOUNS else resolve(c)
    for c in tok.children:
        if c.dep_ in ("amod", "compound"):
            r = resolve(c)
            if r[0]:
                return r
    for prep in _by_phrases(tok):  # "the missile attack by Iran", "the launch of a missile by Iran"
        for o in prep.children:
            if o.dep_ == "pobj":
                return resolve(o)
    if tok.dep_ in ("dobj",) and tok.head.pos_ == "VERB" and tok.head.lemma_ in _PERFORM_VERBS:
        for c in tok.head.children:
            if c.dep_ == "nsubj":
                return resolve(c)
    return None, 0


def _by_phrases(tok: Token) -> list[Token]:
    """The "by" phrases of a launch noun, or of its "of" object."""
    objects = [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
    return [p for t in (tok, *objects) for p in t.children if p.dep_ == "prep" and p.lower_ == "by"]


def _clause_subject(tok: Token, resolve: Callable[[Token], tuple[str | None, float]]) -> tuple[str | None, float]:
    """"With its latest launch ..., Iran has ...": "its" is the subject of the clause
    the launch noun belongs to."""
    h = tok
    while h.head.i != h.i and h.pos_ not in ("VERB", "AUX"):
        h = h.head
    for c in h.children:
        if c.dep_ in ("nsubj", "nsubjpass") and not (c.left_edge.i <= tok.i <= c.right_edge.i):
            r = resolve(c)
            return (r[0], r[1] * 0.9) if r[0] else r
    return None, 0


def agent_with_weapon(sent: Span, ents: EntityView, default_agent: DefaultAgent,
                      skip: Token) -> tuple[str | None, float]:
    """"the test took place January 11, when China used a missile to ...": the country
    that is the subject of another clause of the sentence whose object is a weapon."""
    for t in sent:
        if t.pos_ != "VERB" or t.i == skip.i or not any(
                c.dep_ == "dobj" and c.lower_ in WEAPON_WORDS for c in t.children):
            continue
        for c in t.children:
            if c.dep_ == "nsubj":
                r = _resolve_agent(c, ents, default_agent)
                if r[0]:
                    return r
    return None, 0
