"""Missile launches: who launched what, when and where.

:func:`launch_mentions` finds each mention of a launch in a sentence (the
weapon in :mod:`.launch_weapons`, the agent in :mod:`.launch_agents`);
:func:`.launch_events.join_launches` joins the mentions of a document into
events, one per (agent, date).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Token

from .. import gazetteer
from ..lexicon import ATTACK_NOUNS, LAUNCH_NOUNS, LAUNCH_VERBS, SINGLE_LAUNCH_NOUNS, STRIKE_VERBS, USE_VERBS
from ..model import COUNTRY
from .context import SentenceContext
from .event_dates import DateValue
from .launch_agents import agent_with_weapon, launch_agent
from .launch_dates import container, launch_dates
from .launch_weapons import is_part_of_inclusion, is_space_launch, location, quantity, weapon_of, weapon_text
from .office_inference import publisher_country
from .polities import country_of
from .syntax import hedged

_NOT_LAUNCHES = ("plan", "threaten", "prepare", "ban", "halt", "moratorium")
_SCHEDULED = frozenset({"schedule", "set", "slate", "plan", "intend", "aim", "prepare", "want", "seek"})
_TEST_FIRING_NOUNS = frozenset({"firing", "firings", "launch", "launches"})
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj"})
# Modifiers a bare "the launch" / "its latest test" may have and still refer to a launch
# the document has told of (not "the nuclear test", "a driving test").
_REFERRING_MODIFIERS = frozenset("latest last first second third recent successful failed attempted "
                                 "same earlier previous".split())
_TARGET_PREPS = frozenset("into at toward towards against over on to in near off".split())
_BALLISTIC_TIE = re.compile(r"\bballistic[- ]missiles?\b[^.]*\btechnolog|\btechnolog[^.]*\bballistic[- ]missile",
                            re.I)


@dataclass(frozen=True)
class Launch:
    """One mention of a launch. ``single``: the words name one launch ("the launch",
    "a missile"); ``implied_agent``: the government that published an agentless
    report ("a missile was launched"), used when nothing nearer names the agent;
    ``anaphoric``: a bare "the test" that can only refer to a launch told before."""

    agent: str | None
    date: DateValue | None
    quantity: int | None
    weapon: str | None
    location: str | None
    sent_index: int
    confidence: float
    rule: str
    single: bool = False
    several: bool = False
    implied_agent: str | None = None
    anaphoric: bool = False
    tally: bool = False  # "has fired more than 100 missiles since 2019": not one launch
    countries: frozenset[str] = frozenset()  # the countries the sentence names, not as a target

    def may_take(self, agent: str) -> bool:
        """An agentless mention may take ``agent`` only where its sentence names no
        other country that could have launched."""
        return self.countries <= {agent}

    def refs(self) -> tuple[str, ...]:
        return tuple(k for k in (self.agent, self.location) if k)


def launch_mentions(ctx: SentenceContext, positions: list[int] | None = None) -> list[Launch]:
    """"Pyongyang fired eight missiles on June 5", "North Korea's July 28 missile test"."""
    out: list[Launch] = []
    for tok in ctx.tokens(positions):
        out.extend(_mention(ctx, tok))
    if not out:
        return out
    countries = _countries_named(ctx)
    return [replace(m, countries=countries) for m in out]


def _countries_named(ctx: SentenceContext) -> frozenset[str]:
    """The countries a sentence names, by name, capital or demonym, except as the
    place a launch went to ("launches into Syria", "fired at Israel")."""
    out: set[str] = set()
    for t in ctx.sent:
        if _is_target(t):
            continue
        key = ctx.entities.key_at(t.i)
        country = country_of(ctx.entities, key)[0] if key is not None else None
        if country is None and t.ent_type_ == "NORP":
            found = gazetteer.country_by_demonym(t.text)
            country = found.name if found is not None else None
        if country is not None:
            out.add(country)
    return frozenset(out)


def _trigger(tok: Token) -> str | None:
    """"verb" or "noun" for a word that can name a launch, else None. A launch noun
    the tagger took for a verb ("missile launches into ...") is a noun by its role."""
    low = tok.lower_
    if (low in LAUNCH_NOUNS or low in ATTACK_NOUNS) and (tok.pos_ == "NOUN" or (
            tok.pos_ == "VERB" and tok.dep_ in _NOMINAL_DEPS and tok.dep_ != "conj")):
        return "noun"
    if tok.pos_ == "VERB" and (tok.lemma_.lower() in LAUNCH_VERBS or low.startswith("test-fire")):
        return "verb"
    if tok.pos_ == "VERB" and tok.lemma_ in STRIKE_VERBS and not _used_for(tok):
        return "verb"  # "destroyed the satellite with a missile" (the weapon: launch_weapons)
    if tok.pos_ == "VERB" and tok.lemma_ in USE_VERBS and any(
            c.dep_ == "xcomp" and c.lemma_ in STRIKE_VERBS for c in tok.children):
        return "verb"  # "used a missile to destroy a satellite"
    return None


def _used_for(tok: Token) -> Token | None:
    """The "use" verb a strike verb is the purpose of ("used a missile to destroy")."""
    head = tok.head
    return head if tok.dep_ == "xcomp" and head.lemma_ in USE_VERBS else None


def _mention(ctx: SentenceContext, tok: Token) -> list[Launch]:
    kind = _trigger(tok)
    if kind is None or _not_a_launch(tok, kind):
        return []
    is_verb = kind == "verb"
    weapon_tok = weapon_of(tok, is_verb)
    anaphoric = weapon_tok is None and _refers_to_a_launch(tok)
    if weapon_tok is None and not anaphoric and not _test_firing(tok, is_verb):
        return []
    if weapon_tok is not None and is_space_launch(weapon_tok, ctx.sent) and not _BALLISTIC_TIE.search(
            ctx.sent.doc.text):
        return []  # a space launch counts only where the text ties it to ballistic missiles
    frame = tok if is_verb else container(tok)  # "a wave of missile attacks": the wave's verb
    agent, factor = _agent(ctx, tok, is_verb)
    if agent is None and frame.i != tok.i:
        agent, factor = _agent(ctx, frame, is_verb)
    dates = launch_dates(tok, not is_verb, ctx.pubdate) or launch_dates(frame, not is_verb, ctx.pubdate)
    part = is_verb and weapon_tok is not None and is_part_of_inclusion(weapon_tok, tok)
    qty = quantity(weapon_tok) if weapon_tok is not None and not part else None
    single = qty == 1 or (not is_verb and tok.lower_ in SINGLE_LAUNCH_NOUNS) or _single_instrument(tok, weapon_tok)
    several = part or (qty or 0) > 1 or (
        weapon_tok is not None and qty is None and weapon_tok.tag_ in ("NNS", "NNPS"))
    implied = _publisher_agent(ctx, tok, weapon_tok) if agent is None and is_verb else None
    weapon = weapon_text(weapon_tok) if weapon_tok is not None else None
    place = location(tok, ctx.entities)
    rule = f"launch-{kind}"
    return [Launch(agent, value, qty if len(dates) <= 1 else None, weapon, place, ctx.index,
                   round(0.8 * factor, 2), rule, single and len(dates) <= 1, several, implied, anaphoric,
                   _tally(tok, is_verb))
            for value in dates or [None]]


def _single_instrument(tok: Token, weapon_tok: Token | None) -> bool:
    """"destroyed the satellite with ASM-135 anti-satellite missile": one weapon, the
    singular instrument of a strike verb."""
    return (weapon_tok is not None and tok.pos_ == "VERB" and tok.lemma_ in STRIKE_VERBS
            and weapon_tok.tag_ == "NN" and weapon_tok.head.lower_ == "with")


def _is_target(t: Token) -> bool:
    """``t`` is (a conjunct of) the object of a preposition of direction or place."""
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return t.dep_ == "pobj" and t.head.lower_ in _TARGET_PREPS


def _not_a_launch(tok: Token, kind: str) -> bool:
    """Hedged, negated or planned: "did not fire", "plans for a launch", "called on X
    not to conduct launches"."""
    if kind == "verb":
        return hedged(tok) or (tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_ in _SCHEDULED)
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head  # "scheduled for launch", "calls for a halt to launches"
    return (tok.head.lemma_ in _NOT_LAUNCHES or verb.lemma_ in _NOT_LAUNCHES or verb.lemma_ in _SCHEDULED
            or (verb.pos_ in ("VERB", "AUX") and verb.i != tok.i and hedged(verb)))


def _test_firing(tok: Token, is_verb: bool) -> bool:
    """"test firings", "a test launch": a weapons test even where no weapon is named."""
    return not is_verb and tok.lower_ in _TEST_FIRING_NOUNS and any(
        c.dep_ == "compound" and c.lower_ == "test" for c in tok.lefts)


def _tally(tok: Token, is_verb: bool) -> bool:
    """"has fired 30 missiles since May", "launches so far this year": a running total."""
    verb = tok if is_verb else tok.head
    return any((t.lower_ == "since" and t.dep_ == "prep")
               or (t.lower_ == "far" and t.i > 0 and t.nbor(-1).lower_ == "so") for t in verb.subtree)


def _refers_to_a_launch(tok: Token) -> bool:
    """"the test", "its latest launch": a definite, singular launch noun with no
    modifier that makes it another kind of test."""
    if tok.lower_ not in SINGLE_LAUNCH_NOUNS:
        return False
    lefts = list(tok.lefts)
    definite = any(c.lower_ in ("the", "this", "that") or c.dep_ == "poss" for c in lefts)
    other = any(c.dep_ in ("amod", "compound", "nmod") and c.lower_ not in _REFERRING_MODIFIERS
                and c.ent_type_ != "DATE" for c in lefts)
    return definite and not other


def _agent(ctx: SentenceContext, tok: Token, is_verb: bool) -> tuple[str | None, float]:
    default_agent = ctx.document.default_agent
    agent, factor = launch_agent(tok, ctx.entities, is_verb, default_agent)
    if agent is None:
        # "the Chinese test came after two direct-ascent tests": the sibling's agent
        for other in ctx.sent:
            if other.i != tok.i and other.lower_ in LAUNCH_NOUNS and other.ent_type_ in ("", "DATE"):
                agent, f2 = launch_agent(other, ctx.entities, False, default_agent)
                if agent:
                    return agent, f2 * 0.8
    if agent is None:
        agent, f2 = agent_with_weapon(ctx.sent, ctx.entities, default_agent, tok)
        factor = f2 * 0.8
    return agent, factor


def _publisher_agent(ctx: SentenceContext, tok: Token, weapon_tok: Token | None) -> str | None:
    """"An unarmed missile was launched ... here": an agentless passive in a report by a
    government names that government's launch, if the sentence names no country."""
    if weapon_tok is None or weapon_tok.dep_ != "nsubjpass" or any(c.dep_ == "agent" for c in tok.children):
        return None
    if any(ctx.entities.cls_of(ctx.entities.key_at(t.i)) == COUNTRY or t.ent_type_ in ("GPE", "NORP")
           for t in ctx.sent):
        return None
    return publisher_country(ctx.document.url)
