"""What happened to an agreement and when: signed, ratified, entered into force, expired..."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from .. import dates as datelib
from ..lexicon import AGREEMENT_VERBS, IN_FORCE_NOUNS, IN_FORCE_VERBS
from ..model import AGREEMENT, CITY, COUNTRY, G_YEAR, PLACE
from .agreement_parties import between_parties, countries_in, signers
from .agreement_refs import agreement_ref, taken_part_in, verb_agreement
from .context import EntityView, SentenceContext
from .event_dates import coordinated_date, dates_under
from .syntax import ent_span, hedged

_WEAK_VERBS = frozenset({"reach", "strike", "collapse", "end", "replace"})
# verbs whose grammatical object is the agreement ("X replaced the treaty")
_OBJECT_FIRST = frozenset({"supersede", "replace"})
_PLACE_CLASSES = frozenset({CITY, PLACE, COUNTRY})
_YEAR = re.compile(r"(1[89]|20)\d\d")


@dataclass(frozen=True)
class AgreementDate:
    """One lifecycle event of an agreement: ``event`` is a kgo:AgreementEventType local name."""

    agreement: str
    event: str
    value: str
    datatype: str
    confidence: float
    rule: str
    location: str | None = None
    participants: tuple[str, ...] = ()

    def refs(self) -> tuple[str, ...]:
        return (self.agreement, *self.participants)


def event_type(verb: Token, ents: EntityView) -> tuple[str, float] | None:
    """What a verb says happened to an agreement, with a confidence; None: nothing
    (not an event verb, hedged or negated, or the agreement acting on something else)."""
    if verb.pos_ not in ("VERB", "AUX") and verb.dep_ != "acl":
        return None
    lemma = verb.lemma_.lower()
    kind = AGREEMENT_VERBS.get(lemma)
    if lemma in IN_FORCE_VERBS and any(
            c.dep_ == "prep" and c.lower_ in ("into", "in") and any(g.lemma_ in IN_FORCE_NOUNS for g in c.children)
            for c in verb.children):
        kind = "EntryIntoForce"
    if kind is None or hedged(verb):
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.tag_ not in ("WDT", "WP")]
    if objects and not any(agreement_ref(c, ents)[0] or any(agreement_ref(o, ents)[0] for o in taken_part_in(c))
                           for c in objects):
        return None  # "the pact ended the war", "Chile withdrew its troops"
    return kind, 0.7 if lemma in _WEAK_VERBS else 0.9


def dated_verbs(ctx: SentenceContext, positions: list[int] | None = None) -> list[AgreementDate]:
    """"The pact was signed on May 3", "It entered into force in 2004", "Chile withdrew
    from the accord in 2019": one event per verb and date, with its place and parties."""
    ents = ctx.entities
    anchors = dict(ctx.document.date_anchors)
    out: list[AgreementDate] = []
    for verb in ctx.tokens(positions):
        found = event_type(verb, ents)
        if found is None:
            continue
        kind, conf = found
        agreement, factor = verb_agreement(verb, ents, object_first=verb.lemma_ in _OBJECT_FIRST)
        if agreement is None:
            continue
        place = event_place(verb, ents)
        who = tuple(p for p, _ in [*between_parties(verb, ents), *signers(verb, ents)])
        for (value, dtype), span in dates_under(verb, ctx.pubdate, anchors.get(agreement)):
            if coordinated_date(span[0]):
                continue
            out.extend(AgreementDate(a, kind, value, dtype, round(conf * factor, 2), f"agreement-{_slug(kind)}",
                                     place, who) for a in [agreement, *_conjoined(verb, agreement, ents)])
            anchors[agreement] = value
    return out


def _conjoined(verb: Token, agreement: str, ents: EntityView) -> list[str]:
    """"The X and the Y were both signed in 1998": the agreements joined to the subject."""
    out: list[str] = []
    for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        if agreement_ref(subj, ents)[0] == agreement:
            out += [k for k in (ents.key_at(c.i) for c in subj.conjuncts)
                    if k is not None and k != agreement and ents.cls_of(k) == AGREEMENT and k not in out]
    return out


def _slug(kind: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", kind).lower()


def event_place(verb: Token, ents: EntityView) -> str | None:
    """"signed in Lisbon", "initialled at Camp Ridge": the place of the event."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
            continue
        for obj in prep.children:
            key = ents.key_at(obj.i)
            if obj.dep_ == "pobj" and key is not None and ents.cls_of(key) in _PLACE_CLASSES:
                return key
    return None


def in_force_span(ctx: SentenceContext, positions: list[int] | None = None) -> list[AgreementDate]:
    """"was in force from June 2003 until February 2011": entry into force and end."""
    ents = ctx.entities
    out: list[AgreementDate] = []
    for tok in ctx.tokens(positions):
        if tok.lower_ != "force" or tok.head.lower_ != "in" or tok.head.dep_ != "prep":
            continue
        holder = tok.head.head
        agreement, factor = verb_agreement(holder, ents)
        if agreement is None or hedged(holder):
            continue
        preps = [c for c in [*holder.children, *tok.children] if c.dep_ == "prep"]
        preps += [c for p in preps if p.lower_ in ("from", "since") for c in p.children if c.dep_ == "prep"]
        for prep in preps:  # "from May 1990 until March 2004": "until" may hang from "from"
            kind = {"from": "EntryIntoForce", "since": "EntryIntoForce",
                    "until": "Expiry", "till": "Expiry"}.get(prep.lower_)
            for obj in prep.children if kind else ():
                value = datelib.resolve(ent_span(obj).text, ctx.pubdate) if obj.ent_type_ == "DATE" else None
                if value is not None:
                    out.append(AgreementDate(agreement, _ended_how(obj, kind), value[0], value[1],
                                             round(0.8 * factor, 2), "agreement-in-force-span"))
    return out


def _ended_how(date: Token, kind: str) -> str:
    """"until 2011 when it was superseded": the clause on the date says how it ended."""
    if kind != "Expiry":
        return kind
    for t in date.subtree:
        said = AGREEMENT_VERBS.get(t.lemma_.lower())
        if t.pos_ == "VERB" and said in ("Termination", "Expiry", "Withdrawal"):
            return said
    return kind


def year_attribute(ctx: SentenceContext, positions: list[int] | None = None,
                   dated: Sequence[AgreementDate] = ()) -> list[AgreementDate]:
    """"the 1978 Camp David Accords", "the Kestrel Pact (1998)": a year as an attribute of
    the name, for an agreement with no date in ``dated`` (the sentence's events)."""
    ents = ctx.entities
    out: list[AgreementDate] = []
    doc = ctx.sent.doc
    for tok in ctx.tokens(positions):
        key = ents.key_at(tok.i)
        if not key or ents.cls_of(key) != AGREEMENT or any(d.agreement == key for d in [*dated, *out]):
            continue
        year = None
        if tok.i > ctx.sent.start and ents.key_at(tok.i - 1) != key and _YEAR.fullmatch(doc[tok.i - 1].text):
            year = doc[tok.i - 1].text
        elif ents.key_at(tok.i + 1) != key and tok.i + 3 < ctx.sent.end and doc[tok.i + 1].text == "(" \
                and _YEAR.fullmatch(doc[tok.i + 2].text) and doc[tok.i + 3].text == ")":
            year = doc[tok.i + 2].text
        if year:
            out.append(AgreementDate(key, "Signing", year, G_YEAR, 0.6, "agreement-year-attribute"))
    return out


__all__ = ["AgreementDate", "countries_in", "dated_verbs", "event_type", "in_force_span", "year_attribute"]
