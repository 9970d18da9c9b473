"""Missile launches: who launched what, when and where.

:func:`launch_mentions` finds each mention of a launch in a sentence;
:func:`join_launches` joins the mentions of a document into events, one per
(agent, date).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Token

from .. import dates as datelib
from .. import gazetteer
from ..lexicon import AGENT_NOUNS, LAUNCH_NOUNS, LAUNCH_VERBS, WEAPON_HEADS, WEAPON_TEST_MODIFIERS, WEAPON_WORDS
from ..model import CITY, G_YEAR, PLACE
from .context import EntityView, SentenceContext
from .event_dates import DateValue, dates_under, is_future
from .polities import country_of
from .syntax import ent_span, hedged

_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1,
            "single": 1, "dozen": 12, "a pair of": 2, "pair": 2}
_NOT_WEAPON_WORDS = frozenset("more additional other further new several many multiple "
                              "unidentified suspected unspecified".split())
_NOT_LAUNCHES = ("plan", "threaten", "prepare", "ban", "halt", "moratorium")
_CONDUCT_VERBS = ("conduct", "carry", "stage", "perform")
DefaultAgent = Callable[[str], str | None]


@dataclass(frozen=True)
class Launch:
    """One mention of a launch."""

    agent: str | None
    date: DateValue | None
    quantity: int | None
    weapon: str | None
    location: str | None
    sent_index: int
    confidence: float
    rule: str

    def refs(self) -> tuple[str, ...]:
        return tuple(k for k in (self.agent, self.location) if k)


@dataclass(frozen=True)
class LaunchEvent:
    """The mentions of one launch: one agent, one date."""

    agent: str
    date: str
    datatype: str
    mentions: tuple[Launch, ...]


def launch_mentions(ctx: SentenceContext, positions: list[int] | None = None) -> list[Launch]:
    """"Pyongyang fired eight missiles on June 5", "North Korea's July 28 missile test"."""
    out: list[Launch] = []
    for tok in ctx.tokens(positions):
        out.extend(_mention(ctx, tok))
    return out


def _trigger(tok: Token) -> str | None:
    """"verb" or "noun" for a word that can name a launch, else None."""
    if tok.pos_ == "VERB" and (tok.lemma_.lower() in LAUNCH_VERBS or tok.lower_.startswith("test-fire")):
        return "verb"
    if tok.pos_ == "NOUN" and tok.lower_ in LAUNCH_NOUNS:
        return "noun"
    return None


def _mention(ctx: SentenceContext, tok: Token) -> list[Launch]:
    kind = _trigger(tok)
    if kind is None:
        return []
    weapon_tok = _weapon(tok)
    if weapon_tok is None:
        return []
    if kind == "verb" and hedged(tok):
        return []
    if kind == "noun" and tok.head.lemma_ in _NOT_LAUNCHES:
        return []
    default_agent = ctx.document.default_agent
    agent, factor = _launch_agent(tok, ctx.entities, kind == "verb", default_agent)
    dates = _launch_dates(tok, kind == "noun", ctx.pubdate)
    if agent is None:
        # "the Chinese test came after two direct-ascent tests": the sibling's agent
        for other in ctx.sent:
            if other is not tok and other.lower_ in LAUNCH_NOUNS:
                agent, f2 = _launch_agent(other, ctx.entities, False, default_agent)
                if agent:
                    factor = f2 * 0.8
                    break
    qty = _quantity(weapon_tok)
    weapon = _weapon_text(weapon_tok)
    location = _location(tok, ctx.entities)
    rule = f"launch-{kind}"
    return [Launch(agent, value, qty if len(dates) <= 1 else None, weapon, location, ctx.index,
                   round(0.8 * factor, 2), rule) for value in dates or [None]]


def _launch_dates(tok: Token, is_noun: bool, pubdate: str | None) -> list[DateValue]:
    """The dates of a launch word: its own, the verb's ("conducted a test on ..."), or,
    for a noun, the dates inside its phrase (one launch per date for a plural)."""
    found = dates_under(tok, pubdate)
    date = found[0][0] if found else None
    if is_noun and date is None and tok.dep_ == "dobj":
        date = _date_of_verb(tok, pubdate)
    if date or not is_noun:
        return [date] if date else []
    # "North Korea's second ... missile test on July 28" / "the DPRK's August 24 launch";
    # "two tests ... on 7 July 2005 and 6 February 2006": one launch per date
    dates: list[DateValue] = []
    for t in tok.subtree:
        if t.ent_type_ == "DATE" and t.ent_iob_ == "B":
            value = datelib.resolve(ent_span(t).text, pubdate)
            if value and value not in dates:
                dates.append(value)
    return dates if tok.lower_.endswith("s") else dates[:1]


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


# ---------------------------------------------------------------- what was launched

def _weapon(tok: Token) -> Token | None:
    """The missile or rocket a launch word is about."""
    if tok.pos_ == "VERB":
        cands = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    else:
        cands = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            cands += [o for o in c.children if o.dep_ == "pobj"]
    for c in cands:
        found = _weapon_among(c)
        if found is not None:
            return found
    if tok.pos_ == "NOUN":
        for c in tok.lefts:
            if c.lower_ in WEAPON_HEADS or (tok.lemma_ == "test" and c.lower_ in WEAPON_TEST_MODIFIERS):
                return c
        for t in tok.subtree:
            if t.lower_ in WEAPON_HEADS:
                return t
    return None


def _weapon_among(c: Token) -> Token | None:
    """``c`` if it names a weapon; "eight of the weapons", "a salvo of missiles"."""
    if c.lower_ in WEAPON_HEADS or c.lower_ in WEAPON_WORDS:
        return c
    if c.dep_ == "pobj" and c.lower_ == "of":
        return None
    for g in c.children:
        if g.dep_ == "prep" and g.lower_ == "of":
            for o in g.children:
                if o.lower_ in WEAPON_WORDS:
                    return c if c.like_num else o
    return None


def _quantity(weapon_tok: Token) -> int | None:
    for c in weapon_tok.children:
        if c.dep_ in ("nummod", "det", "quantmod"):
            low = c.lower_
            if low.isdigit():
                return int(low)
            if low in _NUMBERS and (low not in ("a", "an") or weapon_tok.tag_ in ("NN", "NNP")):
                return _NUMBERS[low]
    return None


def _weapon_start(weapon_tok: Token) -> int:
    """The first token of the weapon's phrase."""
    doc, lo = weapon_tok.doc, weapon_tok.sent.start
    start = weapon_tok.i
    while start > lo:
        prev = doc[start - 1]
        if prev.text == ")":  # "direct-ascent anti-satellite (DA-ASAT) missile"
            opening = next((k for k in range(start - 2, max(lo, start - 8) - 1, -1) if doc[k].text == "("), None)
            if opening is not None and opening > lo:
                start = opening
                continue
            break
        if prev.like_num or prev.dep_ in ("det", "nummod", "poss", "case") or prev.tag_ == "POS" \
                or prev.pos_ not in ("ADJ", "NOUN", "PROPN", "PUNCT", "VERB") \
                or (prev.pos_ == "PUNCT" and prev.text not in ("-", "‐")) \
                or (prev.pos_ == "VERB" and prev.dep_ != "amod") or prev.ent_type_ in ("GPE", "NORP", "DATE"):
            break
        start -= 1
    while start < weapon_tok.i and doc[start].lower_ in _NOT_WEAPON_WORDS:
        start += 1
    return start


def _weapon_text(weapon_tok: Token) -> str:
    """The weapon as written, singular: "short-range ballistic missile"."""
    doc = weapon_tok.doc
    start = _weapon_start(weapon_tok)
    text = "".join(t.text_with_ws if t.pos_ == "PROPN" or t.is_upper or t.like_num
                   or any(c.isdigit() for c in t.text) else t.text_with_ws.lower()
                   for t in doc[start:weapon_tok.i + 1]).strip()
    if weapon_tok.tag_ in ("NNS", "NNPS") and text.endswith("s") and not text.endswith("ss"):
        text = text[:-1]
    return re.sub(r"\s+", " ", text).strip(" -")


def _location(tok: Token, ents: EntityView) -> str | None:
    for t in tok.subtree:
        if t.dep_ == "pobj" and t.head.lower_ in ("into", "over", "near", "from", "off"):
            key = ents.key_at(t.i)
            if key is not None and ents.cls_of(key) in (PLACE, CITY) and key[:1].isupper():
                return key
    return None


# ---------------------------------------------------------------- who launched it

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


def _launch_agent(tok: Token, ents: EntityView, is_verb: bool,
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


# ---------------------------------------------------------------- events

def join_launches(mentions: Sequence[Launch], pubdate: str | None) -> list[LaunchEvent]:
    """Join launch mentions into events: one per (agent, date). A mention without an
    agent takes the agent of a launch just before it; one without a date takes the date
    of a neighbouring mention by the same agent. A launch is dated to the day or month:
    a year alone is a tally, not an event."""
    cands = list(mentions)
    for i, c in enumerate(cands):
        if c.agent is None:
            prev = next((p for p in reversed(cands[:i]) if p.agent and c.sent_index - p.sent_index <= 2), None)
            if prev is not None:
                cands[i] = replace(c, agent=prev.agent, confidence=min(c.confidence, 0.7))
    for i, c in enumerate(cands):
        if c.date is None and c.agent:
            near = [o for j, o in enumerate(cands) if j != i and o.agent == c.agent and o.date
                    and abs(o.sent_index - c.sent_index) <= 1]
            if near:
                cands[i] = replace(c, date=near[0].date, confidence=min(c.confidence, 0.7))
    events: dict[tuple[str, str], list[Launch]] = {}
    for c in cands:
        if c.agent and c.date and c.date[1] != G_YEAR and not is_future(c.date[0], pubdate):
            events.setdefault((c.agent, c.date[0]), []).append(c)
    return [LaunchEvent(agent, date, group[0].date[1], tuple(group)) for (agent, date), group in events.items()]
