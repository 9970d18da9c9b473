"""Polities: the country or organisation a run of tokens names.

A country may be reached through its capital ("Tokyo's top spokesman") or its
demonym ("South Korean"); such a country may not be an entity of the document yet:
the rules return its name and the document step adds it.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .. import gazetteer
from ..entities import ACRONYM
from ..lexicon import FORMER, MILITARY_UNIT_WORDS, NATIONAL_BODY_WORDS, SEATS_OF_GOVERNMENT
from ..model import CITY, COUNTRY, GOVERNMENT_ORGANIZATION, ORGANIZATION
from .context import EntityView
from .syntax import run_start

_POLITY_ORG_WORDS = frozenset("""nations union organization organisation alliance council command
bank fund court agency committee community treaty nato""".split()) | MILITARY_UNIT_WORDS
_SKIP = frozenset({"the", "'s", "'", "’s"}) | FORMER


def country_of(ents: EntityView, key: str | None) -> tuple[str | None, bool]:
    """The country entity ``key`` stands for: itself, or the country whose capital it is
    (then True: a capital standing for its country is a weaker link)."""
    cls = ents.cls_of(key)
    if cls == COUNTRY:
        return key, False
    if cls == CITY:
        country = gazetteer.country_by_capital(key)
        if country is not None:
            return country.name, True
    return None, False


def polity_key(ents: EntityView, tokens: list[Token], allow_capital: bool = False) -> tuple[str | None, float]:
    """The country or organisation a run of tokens names, with a confidence factor."""
    tokens = [t for t in tokens if t.lower_ not in _SKIP and t.tag_ != "POS"]
    if not tokens:
        return None, 0
    keys = {ents.key_at(t.i) for t in tokens}
    if len(keys) == 1:
        found = _polity_entity(ents, next(iter(keys)), allow_capital)
        if found is not None:
            return found
    if not (tokens[0].text[:1].isupper() or tokens[0].like_num):  # "30th Space Wing"
        return None, 0
    text = " ".join(t.text for t in tokens if t.tag_ != "POS" and t.text not in ("'s", "'"))
    text = re.sub(r"^(?:the|The) ", "", text)
    country = gazetteer.country_by_name(text) or gazetteer.country_by_demonym(text)
    if country is not None:
        return country.name, 1.0
    # an organisation named here without NER's tag but tagged elsewhere in the document
    folded = text.lower()
    for key, entity in ents.items():
        if entity.label.lower() == folded and entity.cls in (ORGANIZATION, GOVERNMENT_ORGANIZATION):
            found = _polity_entity(ents, key, allow_capital)
            if found is not None and found[0] is not None:
                return found
    return None, 0


def _polity_entity(ents: EntityView, key: str | None, allow_capital: bool) -> tuple[str | None, float] | None:
    """The polity one entity names; None: decide from the text instead."""
    cls = ents.cls_of(key)
    if cls == COUNTRY:
        return key, 1.0
    if cls in (ORGANIZATION, GOVERNMENT_ORGANIZATION):
        words = set(key.lower().split())
        national = national_body_country(key)
        if national is not None:
            return national, 1.0
        if ACRONYM.match(key) or words & _POLITY_ORG_WORDS or gazetteer.country_by_name(key.split()[0]):
            return key, 1.0
        return None, 0
    if cls == CITY and allow_capital:
        country, _ = country_of(ents, key)
        if country is not None:
            return country, 0.8
    return None


def polity_before(doc: Doc, ents: EntityView, i: int, lo: int) -> tuple[str | None, float, int]:
    """A polity phrase ending just before token ``i`` ("South Korean", "Japan's", "U.S.")."""
    j = i
    while j > lo and doc[j - 1].lower_ in {"'s", "'", "’s", "new", "current", "the"} | FORMER:
        j -= 1
    end = j
    if end <= lo:
        return None, 0, i
    # a parenthesised acronym after the polity: "Republic of Korea (ROK)"
    if doc[end - 1].text == ")" and end - 3 >= lo and doc[end - 3].text == "(":
        end -= 3
    if ents.key_at(end - 1) is not None:
        found = _entity_polity_before(doc, ents, end, lo)
        if found is not None:
            return found
    for width in (3, 2, 1):
        start = end - width
        if start < lo:
            continue
        polity, factor = polity_key(ents, list(doc[start:end]))
        if polity:
            return polity, factor, start
        seat = SEATS_OF_GOVERNMENT.get(doc[start:end].text.lower())
        if seat is not None:  # "a White House spokeswoman": a seat of government for its country
            return seat, 0.8, start
    return None, 0, i


def national_body_country(label: str) -> str | None:
    """"U.S. National Security Council" -> United States: a civilian body named with its
    country or its seat of government; None for commands and units ("U.S. Space Command")
    and for other names."""
    words = label.split()
    lowered = {w.lower() for w in words}
    if len(words) < 2 or not lowered & NATIONAL_BODY_WORDS or lowered & (MILITARY_UNIT_WORDS - NATIONAL_BODY_WORDS):
        return None
    for n in (3, 2, 1):
        head = " ".join(words[:n]).removesuffix("'s")
        country = gazetteer.country_by_name(head) or gazetteer.country_by_demonym(head)
        if country is not None and n < len(words):
            return country.name
        if n < len(words) and head.lower() in SEATS_OF_GOVERNMENT:  # "White House National Security Council"
            return SEATS_OF_GOVERNMENT[head.lower()]
    return None


def _entity_polity_before(doc: Doc, ents: EntityView, end: int, lo: int) -> tuple[str, float, int] | None:
    """The entity ending at ``end`` as a polity; "China's Foreign Ministry": its country."""
    key = ents.key_at(end - 1)
    start = run_start(ents, end, lo)
    allow_capital = doc[end].tag_ == "POS" if end < len(doc) else False
    found, factor = polity_key(ents, list(doc[start:end]), allow_capital=allow_capital)
    if found:
        return found, factor, start
    if ents.cls_of(key) == GOVERNMENT_ORGANIZATION and start > lo:
        found, factor, s2 = polity_before(doc, ents, start, lo)
        if found and ents.cls_of(found) == COUNTRY:
            return found, factor * 0.9, s2
    return None


def implied_setting(sent: Span, ents: EntityView) -> str | None:
    """The country a sentence is set in: "In Tokyo on Tuesday, ..." -> Japan."""
    if sent[0].lower_ != "in" or len(sent) < 3:
        return None
    key = ents.key_at(sent[1].i)
    if key is None:
        return None
    return country_of(ents, key)[0]


def named_body_country(doc: Doc, ents: EntityView, word: str, before: int) -> str | None:
    """"a ministry spokesman": the country of the last body named "... Ministry" before
    token ``before`` ("China's Foreign Ministry", "the Japanese Defense Ministry")."""
    i = before - 1
    while i >= 0:
        key = ents.key_at(i)
        if key is not None and ents.cls_of(key) == GOVERNMENT_ORGANIZATION and key.lower().split()[-1] == word:
            start = run_start(ents, i + 1, 0)
            country = national_body_country(key)
            if country is None:
                found, _, _ = polity_before(doc, ents, start, max(0, start - 4))
                country = found if found is not None and ents.cls_of(found) == COUNTRY else None
            return country
        i -= 1
    return None
