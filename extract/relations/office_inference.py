"""Office inference: the polity of a title met without one, from what the whole
document implies (its ministries, succession in the same office, its publisher)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar
from urllib.parse import urlparse

from .. import gazetteer
from ..lexicon import FORMER
from .context import DocumentContext, EntityView
from .offices import Office

E = TypeVar("E")


def resolve_bare_offices(offices: Sequence[tuple[Office, E]], ents: EntityView,
                         document: DocumentContext) -> list[tuple[Office, E]]:
    """Give titles met without a country the country the document implies:
    - the same title of the same ministry named with its country ("Defense
      Minister X" and "the Japanese Defense Ministry") -> 0.7;
    - succession: a bare "President X" where a "former [country] President Y"
      was named -> that country, 0.6;
    - the government that published the document (a .gov, .mil or
      .gov.<country> address) for a person with no other office found -> 0.6.
    Offices with their country pass through unchanged."""
    successors = [(o, ev) for o, ev in offices if o.predecessor]
    offices = [(o, ev) for o, ev in offices if not o.predecessor]
    out = []
    placed = {o.person for o, _ in offices if o.polity}
    former_titles: dict[str, set[str]] = {}
    for o, _ in offices:
        if o.polity and o.former:
            former_titles.setdefault(_bare_title(o.title), set()).add(o.polity)
    publisher = publisher_country(document.url)
    for o, ev in offices:
        if o.polity:
            out.append((o, ev))
        elif o.person not in placed:
            placed_office = _place(o, ents, former_titles, publisher)
            if placed_office is not None:
                out.append((placed_office, ev))
    return out + inherited_offices(successors, out)


def inherited_offices(successors: Sequence[tuple[Office, E]],
                      held: Sequence[tuple[Office, E]]) -> list[tuple[Office, E]]:
    """"Y replaced X", "X's replacement by Y": Y holds each office the document places X in
    (Y's evidence is the succession's sentence); with a year ("... in 2010") Y's office
    began and X's ended then."""
    out = []
    for s, ev in successors:
        for o, _ in held:
            if o.person == s.predecessor and o.polity:
                out.append((replace(o, person=s.person, former=False, start=s.start, end=None, confidence=0.6,
                                    rule="office-implied-by-succession"), ev))
                if s.start:  # "X's replacement by Y in 2010": X's tenure ended then
                    out.append((replace(o, former=True, start=None, end=s.start, confidence=0.6,
                                        rule="office-ended-by-succession"), ev))
    return out


def _place(o: Office, ents: EntityView, former_titles: dict[str, set[str]], publisher: str | None) -> Office | None:
    ministry = ministry_country(o.title, ents)
    if ministry is not None:
        return replace(o, polity=ministry, confidence=0.7, rule="office-implied-by-ministry")
    succ = former_titles.get(_bare_title(o.title), set())
    if len(succ) == 1 and not o.former:
        return replace(o, polity=next(iter(succ)), confidence=0.6, rule="office-implied-by-succession")
    if publisher is not None and government_title(o.title, publisher):
        return replace(o, polity=publisher, confidence=0.6, rule="office-implied-by-publisher")
    return None


# Heads of the titles a government's own release gives its officials without naming the
# country: its secretaries, ministers, spokespersons, commanders, envoys, members. Heads
# of state and government are left out: a release names foreign presidents as bare.
_GOVERNMENT_HEADS = frozenset("""secretary minister spokesperson spokesman spokeswoman commander
ambassador envoy adviser advisor director administrator chief representative senator congressman
congresswoman congressperson speaker mp senate majority minority""".split())
# Titles one government does not use: the U.S. has no ministers or MPs, others no senators.
_NOT_OF = {"United States": frozenset({"minister", "mp"}),
           "": frozenset({"senator", "congressman", "congresswoman", "congressperson"})}


def government_title(title: str, government: str) -> bool:
    """``title`` (met without a country) can be one of ``government``'s own offices."""
    words = {w.strip(".,").lower() for w in title.split()}
    if not words & _GOVERNMENT_HEADS or "president" in words or "prime" in words:
        return False
    return not words & _NOT_OF.get(government, _NOT_OF[""])


def _bare_title(title: str) -> str:
    return " ".join(w for w in title.lower().split() if w not in FORMER)


def ministry_country(title: str, ents: EntityView) -> str | None:
    """"Defense Minister": the country of the one "[Demonym] Defense Ministry" named."""
    words = title.split()
    if len(words) < 2 or words[-1].lower() != "minister":
        return None
    field_ = " ".join(words[:-1]).lower()
    found = set()
    for _, ent in ents.items():
        label = ent.label.lower()
        for form in (f"{field_} ministry", f"ministry of {field_}"):
            if label.endswith(form) and label != form:
                country = gazetteer.country_by_demonym(ent.label[: len(ent.label) - len(form)].strip())
                if country is not None:
                    found.add(country.name)
    return next(iter(found)) if len(found) == 1 else None


def publisher_country(url: str | None) -> str | None:
    """The government that publishes at ``url`` (.gov, .mil, .gov.<cc>), or None."""
    host = urlparse(url or "").hostname or ""
    parts = host.lower().split(".")
    if len(parts) < 2:
        return None
    if parts[-1] in ("gov", "mil"):
        return "United States"
    if parts[-2] in ("gov", "go", "govt", "mil") and len(parts[-1]) == 2:  # "gov.uk", "www.mod.go.jp"
        code = "GB" if parts[-1] == "uk" else parts[-1].upper()
        country = gazetteer.country_by_code(code)
        if country is not None:
            return country.name
    return None
