"""What a launch launched: the weapon, how many, and where to."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..lexicon import (
    LAUNCH_VEHICLE_WORDS,
    SATELLITE_WORDS,
    STRIKE_VERBS,
    WEAPON_HEADS,
    WEAPON_TEST_MODIFIERS,
    WEAPON_WORDS,
)
from ..model import CITY, PLACE
from .context import EntityView

_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1,
            "single": 1, "dozen": 12, "a pair of": 2, "pair": 2}
_NOT_WEAPON_WORDS = frozenset("more additional other further new several many multiple "
                              "unidentified suspected unspecified".split())

_INCLUDE_VERBS = frozenset({"include", "involve", "comprise"})


def weapon_of(tok: Token, is_verb: bool) -> Token | None:
    """The missile or rocket a launch word is about (a space launch vehicle or a
    satellite too: see :func:`is_space_launch`)."""
    if is_verb and tok.lemma_ in STRIKE_VERBS:
        return _weapon_used(tok)
    if is_verb:
        cands = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
        cands += [j for c in cands for j in c.conjuncts]  # "fired drones and missiles"
    else:
        cands = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            cands += [o for o in c.children if o.dep_ == "pobj"]
    for c in cands:
        found = _weapon_among(c)
        if found is not None:
            return found
    if not is_verb:
        for c in tok.lefts:
            if c.lower_ in WEAPON_HEADS or (tok.lemma_ == "test" and c.lower_ in WEAPON_TEST_MODIFIERS):
                return c
        for t in tok.subtree:
            if t.lower_ in WEAPON_HEADS:
                return t
        listed = _included_weapon(tok)
        if listed is not None:
            return listed
    return _space_vehicle_among(cands) or (_weapon_in_inclusion(tok, cands) if is_verb else None)


def _weapon_in_inclusion(verb: Token, objects: list[Token]) -> Token | None:
    """"launched more than 300 air threats ..., to include over 110 ballistic missiles",
    "fired projectiles, including two missiles": a weapon in an "include" phrase of the
    launch verb or of its plural object (not "launched an offensive, including ...")."""
    if not any(o.dep_ == "dobj" and o.tag_ == "NNS" for o in objects):
        return None
    for t in (verb, *objects):
        for c in t.children:
            if c.lemma_ in _INCLUDE_VERBS and c.dep_ in ("advcl", "prep", "xcomp", "acl"):
                found = next((w for w in c.subtree if w.lower_ in WEAPON_HEADS), None)
                if found is not None:
                    return found
    return None


def is_part_of_inclusion(weapon_tok: Token, launch_tok: Token) -> bool:
    """The weapon is one item of an "including" list under the launch verb: its count
    is that of a part, not of the launch."""
    h = weapon_tok
    while h.i != launch_tok.i and h.head.i != h.i:
        if h.lemma_ in _INCLUDE_VERBS:
            return True
        h = h.head
    return False


def _weapon_used(verb: Token) -> Token | None:
    """"destroyed the satellite with a missile": the weapon of "with", on the verb or
    on its object (where the parser often hangs it)."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for prep in (p for t in (verb, *objects) for p in t.children):
        if prep.dep_ == "prep" and prep.lower_ == "with":
            found = next((o for o in prep.children if o.dep_ == "pobj" and o.lower_ in WEAPON_HEADS), None)
            if found is not None:
                return found
    return None


def _included_weapon(tok: Token) -> Token | None:
    """"the wave of strikes included ten cruise missiles and ...": the weapons a
    launch noun's phrase is said to include."""
    h = tok
    while h.dep_ in ("pobj", "prep") and h.head.i != h.i:
        h = h.head
    verb = h.head
    if h.dep_ != "nsubj" or verb.lemma_ not in _INCLUDE_VERBS:
        return None
    for obj in verb.children:
        if obj.dep_ == "dobj":
            return next((t for t in obj.subtree if t.lower_ in WEAPON_HEADS), None)
    return None


def _space_vehicle_among(cands: list[Token]) -> Token | None:
    """"a space launch vehicle", "a satellite": what a space launch carries."""
    for c in cands:
        if c.lower_ in SATELLITE_WORDS or (c.lower_ in LAUNCH_VEHICLE_WORDS and any(
                g.lower_ == "launch" for g in c.lefts)):
            return c
    return None


def is_space_launch(weapon_tok: Token, sent: Span) -> bool:
    """A satellite, a launch vehicle, or a rocket in a sentence about satellites or orbit."""
    low = weapon_tok.lower_
    if low in SATELLITE_WORDS or low in LAUNCH_VEHICLE_WORDS:
        return True
    return low.startswith("rocket") and any(t.lower_ in SATELLITE_WORDS or t.lower_ in ("orbit", "space")
                                            for t in sent)


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


def quantity(weapon_tok: Token) -> int | None:
    """The number of weapons: "two missiles", "a missile", "at least six", "a pair of
    missiles", "a salvo of 12 missiles"; for a list of weapons with a number each
    ("36 cruise missiles, five guided missiles and three ballistic missiles, with 20
    drones") the sum over the missiles and rockets."""
    listed = [t for t in (weapon_tok, *weapon_tok.conjuncts) if t.lower_ in WEAPON_HEADS]
    if len(listed) > 1:
        counts = [_count(t) for t in listed]
        return sum(n for n in counts if n) if all(counts) else None
    return _count(weapon_tok)


def _count(weapon_tok: Token) -> int | None:
    for c in weapon_tok.children:
        if c.dep_ in ("nummod", "det", "quantmod"):
            low = c.lower_.replace(",", "")
            if low.isdigit():
                return int(low)
            if low in _NUMBERS and (low not in ("a", "an") or weapon_tok.tag_ in ("NN", "NNP")):
                return _NUMBERS[low]
    head = weapon_tok.head  # "a pair of missiles": the number is the head's
    if weapon_tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _NUMBERS:
        return _NUMBERS[head.head.lower_]
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


def weapon_text(weapon_tok: Token) -> str:
    """The weapon as written, singular: "short-range ballistic missile"."""
    doc = weapon_tok.doc
    start = _weapon_start(weapon_tok)
    text = "".join(t.text_with_ws if t.pos_ == "PROPN" or t.is_upper or t.like_num
                   or any(c.isdigit() for c in t.text) else t.text_with_ws.lower()
                   for t in doc[start:weapon_tok.i + 1]).strip()
    if weapon_tok.tag_ in ("NNS", "NNPS") and text.endswith("s") and not text.endswith("ss"):
        text = text[:-1]
    return re.sub(r"\s+", " ", text).strip(" -")


def location(tok: Token, ents: EntityView) -> str | None:
    for t in tok.subtree:
        if t.dep_ == "pobj" and t.head.lower_ in ("into", "over", "near", "from", "off"):
            key = ents.key_at(t.i)
            if key is not None and ents.cls_of(key) in (PLACE, CITY) and key[:1].isupper():
                return key
    return None
