"""Tests for entities no reader would call a person, organisation or place.

Each test is a small pure function of an entity's label (and, where the name
alone can't tell, the words around one of its mentions) and returns a verdict:
``DROP``, a class to retype the entity to, or ``None`` to keep it as it is.

- a time zone: "KST", "PDT", "Moscow Standard Time";
- an honorific or rank alone: "Honorable", "General";
- a product, weapon, aircraft or ship designation: "F-15 Eagle", "ASM-135",
  "S-300", "USS Carney", a name used as the modifier of a weapon noun ("a
  Simorgh space launch vehicle", "the Sajjil missile"), weapon nouns
  ("ICBMs", "Heavy Bombers");
- a possessive publication name: "Jane" of "Jane's Intelligence Review";
- a name followed by a number it measures: "Mach" of "Mach 10";
- a person's name that holds a country ("U.S.-Sweden") or a place head
  ("Lake Prespa", "Vandenberg AFB"): a place, not a person.
"""
from __future__ import annotations

import re

from .model import ORGANIZATION, PERSON, PLACE

DROP = "drop"

_TIME_ZONES = frozenset("""
utc gmt kst jst pst pdt est edt cst cdt mst mdt akst akdt hst bst cet cest eet eest wet west
msk ist pkt ict wib sgt hkt awst acst aest aedt nzst nzdt irst ast adt
""".split())
_TIME_ZONE_NAME = re.compile(r"\b(?:standard|daylight|summer|mean) time$", re.I)
_HONORIFIC_WORDS = frozenset("""
honorable honourable right hon excellency his her majesty highness general admiral colonel
major captain lieutenant sergeant mr mrs ms dr sir dame lord lady
""".split())
_DESIGNATION = re.compile(r"^(?:[A-Z]{1,5}-\d{1,4}[A-Z]?|[A-Z]+\d+-\d+)$")  # F-15, ASM-135, S-300, P78-1
_ROMAN_MARK = re.compile(r"^[A-Z][A-Za-z]+-[IVX]+$")  # "Shaheen-II"
_UNIT_WORDS = frozenset("wing squadron brigade division regiment battalion fleet corps command group".split())
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
_SHIP_PREFIX = frozenset({"USS", "HMS", "INS", "HMAS", "HMCS", "RFS", "ROKS", "JS"})
_WEAPON_NOUNS = frozenset("""
missile missiles rocket rockets icbm icbms slbm slbms bomber bombers drone drones uav uavs wmd
vehicle vehicles satellite satellites aircraft jet jets fighter fighters warhead warheads
torpedo torpedoes launcher launchers system systems
""".split())
# a place's generic word before its name ("Lake Prespa") or after it ("Vandenberg AFB");
# words that are also surnames ("Anthony Lake") only count in front
_PLACE_FIRST = frozenset("lake mount mt river gulf strait isle cape fort".split())
_PLACE_LAST = frozenset("""
sea ocean strait island islands peninsula valley desert base afb airbase airport reef canal
""".split())


def time_zone(label: str) -> bool:
    """"KST", "PDT", "Moscow Standard Time"."""
    return label.lower().strip(".") in _TIME_ZONES or bool(_TIME_ZONE_NAME.search(label))


def honorific_alone(label: str) -> bool:
    """"Honorable", "The Right Honourable": only honorifics or ranks."""
    words = [w.strip(".").lower() for w in label.split()]
    return bool(words) and all(w in _HONORIFIC_WORDS or w == "the" for w in words)


def designation(label: str) -> bool:
    """A product, weapon or vehicle designation: "F-15 Eagle", "ASM-135", "USS Carney"."""
    words = label.split()
    if not words:
        return False
    if words[0] in _SHIP_PREFIX and len(words) > 1:
        return True
    if len(words) >= 2 and re.fullmatch(r"I{2,3}|IV|VI{0,3}", words[-1]):
        return True  # "Minuteman III"
    return any(_DESIGNATION.match(w) or _ROMAN_MARK.match(w) for w in words) \
        or label.lower().split()[-1] in _WEAPON_NOUNS


def military_unit(label: str) -> bool:
    """"30th Space Wing", "576th Flight Test Squadron": a unit, not a person."""
    words = label.split()
    return len(words) >= 2 and (words[-1].lower() in _UNIT_WORDS or bool(_ORDINAL.match(words[0])))


def holds_country(label: str, is_country) -> bool:
    """"U.S.-Sweden": a name made of country names is no person's name."""
    parts = [p for p in re.split(r"[-–]", label) if p]
    return len(parts) >= 2 and any(is_country(p) for p in parts)


# the last word of a newspaper's name: "Asahi Shimbun", "Rodong Sinmun", "JoongAng Ilbo",
# "Korea Herald" (words that end no person's name)
_PUBLICATION_LAST = frozenset("""
shimbun sinmun ilbo nippo times herald gazette tribune chronicle telegraph
""".split())
# "republic" in the languages of polities often named untranslated ("Republika Srpska")
_REPUBLIC_WORDS = frozenset("republika república républica république republik repubblica republiek".split())


def publication_name(label: str) -> bool:
    """"Asahi Shimbun", "Korea Herald": a newspaper, not a person."""
    words = label.split()
    return len(words) >= 2 and words[-1].lower() in _PUBLICATION_LAST


def republic_name(label: str) -> bool:
    """"Republika Srpska", "República de Cuba": a polity named in its own language."""
    words = label.split()
    return len(words) >= 2 and words[0].lower() in _REPUBLIC_WORDS


def federation_of(label: str, is_country) -> bool:
    """"Federation of Bosnia and Herzegovina": a part of a country, not an organisation."""
    return label.startswith("Federation of ") and is_country(label[len("Federation of "):])


def place_name(label: str) -> bool:
    """A name whose first or last word is a place head: "Lake Prespa", "Vandenberg AFB"."""
    words = label.lower().replace(".", "").split()
    return len(words) >= 2 and (words[0] in _PLACE_FIRST or words[-1] in _PLACE_LAST)


def verdict(label: str, cls: str, context: tuple[str, str, str] = ("", "", ""),
            is_country=lambda text: False) -> str | None:
    """``DROP``, a new class, or None. ``context`` is (word before, word after,
    head of the mention's last token) of one mention, lower-cased."""
    before, after, head = context
    if time_zone(label) or honorific_alone(label):
        return DROP
    if designation(label) or head in _WEAPON_NOUNS:
        return DROP
    if cls == PERSON:
        if holds_country(label, is_country):
            return DROP
        if military_unit(label):
            return ORGANIZATION
        if after in ("'s", "’s") and head not in ("", "said", "say", "says"):
            return DROP if " " not in label else None  # "Jane's Intelligence Review"
        if re.match(r"^\d", after) and " " not in label:
            return DROP  # "Mach 10"
        if place_name(label) or republic_name(label):
            return PLACE
        if publication_name(label):
            return ORGANIZATION
    if cls == ORGANIZATION and (place_name(label) or republic_name(label) or federation_of(label, is_country)):
        return PLACE
    if cls == PLACE and military_unit(label):
        return ORGANIZATION
    return None
