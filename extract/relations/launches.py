"""Missile launches: who launched what, when and where.

:func:`launch_mentions` finds each mention of a launch in a sentence (the
weapon in :mod:`.launch_weapons`, the agent in :mod:`.launch_agents`);
:func:`.launch_events.join_launches` joins the mentions of a document into
events, one per (agent, date).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .. import dates as datelib
from ..lexicon import LAUNCH_NOUNS, LAUNCH_VERBS
from .context import SentenceContext
from .event_dates import DateValue, dates_under
from .launch_agents import launch_agent
from .launch_weapons import location, quantity, weapon_of, weapon_text
from .syntax import ent_span, hedged

_NOT_LAUNCHES = ("plan", "threaten", "prepare", "ban", "halt", "moratorium")
_CONDUCT_VERBS = ("conduct", "carry", "stage", "perform")


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
    weapon_tok = weapon_of(tok)
    if weapon_tok is None:
        return []
    if kind == "verb" and hedged(tok):
        return []
    if kind == "noun" and tok.head.lemma_ in _NOT_LAUNCHES:
        return []
    default_agent = ctx.document.default_agent
    agent, factor = launch_agent(tok, ctx.entities, kind == "verb", default_agent)
    dates = _launch_dates(tok, kind == "noun", ctx.pubdate)
    if agent is None:
        # "the Chinese test came after two direct-ascent tests": the sibling's agent
        for other in ctx.sent:
            if other is not tok and other.lower_ in LAUNCH_NOUNS:
                agent, f2 = launch_agent(other, ctx.entities, False, default_agent)
                if agent:
                    factor = f2 * 0.8
                    break
    qty = quantity(weapon_tok)
    weapon = weapon_text(weapon_tok)
    place = location(tok, ctx.entities)
    rule = f"launch-{kind}"
    return [Launch(agent, value, qty if len(dates) <= 1 else None, weapon, place, ctx.index,
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
