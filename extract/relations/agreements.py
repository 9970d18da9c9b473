"""Agreements: when they were signed, came into force or ended, and their parties."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from ..entities import ACRONYM
from ..lexicon import AGREEMENT_HEADS, AGREEMENT_VERBS, IN_FORCE_NOUNS, IN_FORCE_VERBS
from ..model import AGREEMENT, G_YEAR, GOVERNMENT_ORGANIZATION, ORGANIZATION
from .context import EntityView, SentenceContext
from .event_dates import dates_under
from .polities import country_of
from .syntax import has_definite, hedged, subjects

_GROUP_NOUNS = frozenset("neighbors neighbours countries nations sides allies governments states".split())
_JOIN_VERBS = ("join", "accede", "sign", "ratify", "ink", "conclude", "seal")
_WEAK_VERBS = ("reach", "strike", "ratify", "withdraw", "collapse", "end")


@dataclass(frozen=True)
class AgreementDate:
    agreement: str
    kind: str  # "signed", "in_force" or "end"
    value: str
    datatype: str
    confidence: float
    rule: str

    def refs(self) -> tuple[str, ...]:
        return (self.agreement,)


@dataclass(frozen=True)
class Party:
    agreement: str
    party: str
    confidence: float
    rule: str

    def refs(self) -> tuple[str, ...]:
        return (self.agreement, self.party)


Reference = tuple[str | None, float]


# ---------------------------------------------------------------- which agreement a token means

def agreement_ref(tok: Token, ents: EntityView) -> Reference:
    """The agreement a token refers to: its entity; "the pact" -> the last one named;
    "X was a treaty signed ..." -> X."""
    key = ents.key_at(tok.i)
    if key is not None and ents.cls_of(key) == AGREEMENT:
        return key, 1.0
    for child in tok.children:
        ck = ents.key_at(child.i)
        if ck is not None and ents.cls_of(ck) == AGREEMENT and child.dep_ in ("compound", "nmod", "amod", "appos"):
            return ck, 1.0
    if tok.lower_ not in AGREEMENT_HEADS:
        return None, 0
    found = _same_name(tok, ents)
    if found[0] is None:
        found = _subject_of_copula(tok, ents)
    if found[0] is None:
        last = ents.last_agreement_before(tok.i)
        if last is not None and has_definite(tok) and tok.text.islower():
            return last, 0.8
    return found


def _same_name(tok: Token, ents: EntityView) -> Reference:
    """"a reciprocal access agreement" when "the Reciprocal Access Agreement" is named."""
    words = [t.lower_ for t in tok.doc[tok.left_edge.i:tok.i]
             if t.dep_ not in ("det", "poss", "nummod", "case") and t.is_alpha] + [tok.lower_]
    if len(words) >= 2:
        phrase = " ".join(words)
        same = [k for k, e in ents.items() if e.cls == AGREEMENT and k.lower() == phrase]
        if len(same) == 1:
            return same[0], 0.9
    return None, 0


def _subject_of_copula(tok: Token, ents: EntityView) -> Reference:
    """"The Lahore Declaration was a bilateral agreement and treaty signed ..."."""
    head = tok
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    if not (head.dep_ == "attr" and head.head.lemma_ == "be"):
        return None, 0
    subjects_ = [c for c in head.head.children if c.dep_ == "nsubj"]
    for c in subjects_:
        ck = ents.key_at(c.i)
        if ck is not None and ents.cls_of(ck) == AGREEMENT:
            return ck, 1.0
    if all(ents.key_at(c.i) is None and c.pos_ not in ("NOUN", "PRON") for c in subjects_):
        # a parse broken by an aside: the agreement the sentence opens with
        for t in tok.sent:
            if t.i >= head.head.i:
                break
            ck = ents.key_at(t.i)
            if ck is not None:
                return (ck, 0.8) if ents.cls_of(ck) == AGREEMENT else (None, 0)
    return None, 0


def _verb_agreement(verb: Token, ents: EntityView) -> Reference:
    """The agreement a verb of signing, entering into force or ending is about."""
    for find in (_subject_agreement, _modified_agreement, _agreement_of_main_clause, _object_agreement,
                 _agreement_just_before):
        found = find(verb, ents)
        if found[0]:
            return found
    return None, 0


def _subject_agreement(verb: Token, ents: EntityView) -> Reference:
    """"the treaty was signed", "the pact expired"."""
    for c in verb.children:
        if c.dep_ in ("nsubjpass", "nsubj"):
            return agreement_ref(c, ents)
    return None, 0


def _modified_agreement(verb: Token, ents: EntityView) -> Reference:
    """A participle modifying the agreement: "The pact, inked in November 2016";
    "an agreement on the nuclear program reached in ..."."""
    if verb.dep_ not in ("acl", "relcl") or verb.head is verb:
        return None, 0
    h = verb.head
    for _ in range(3):
        a, f = agreement_ref(h, ents)
        if a:
            return a, f
        if h.dep_ not in ("pobj", "prep") or h.head is h:
            break
        h = h.head
    return None, 0


def _agreement_of_main_clause(verb: Token, ents: EntityView) -> Reference:
    """"Announced in ... and signed in ... on ..., the Accords were mediated"."""
    h = verb
    for _ in range(3):
        if h.dep_ not in ("advcl", "conj") or h.head is h:
            break
        h = h.head
        a, f = agreement_ref(h, ents)
        if a:
            return a, f * 0.9
        for c in h.children:
            if c.dep_ in ("nsubjpass", "nsubj"):
                a, f = agreement_ref(c, ents)
                if a:
                    return a, f * 0.9
    return None, 0


def _object_agreement(verb: Token, ents: EntityView) -> Reference:
    """"X withdrew from the agreement", "X signed the accord"."""
    for c in verb.children:
        if c.dep_ == "dobj":
            a, f = agreement_ref(c, ents)
            if a:
                return a, f
        if c.dep_ == "prep" and c.lower_ in ("from", "to", "of"):
            for o in c.children:
                if o.dep_ == "pobj":
                    a, f = agreement_ref(o, ents)
                    if a:
                        return a, f
    return None, 0


def _agreement_just_before(verb: Token, ents: EntityView) -> Reference:
    """"the first treaty, NNAA, was signed in 1988" (a parse with no subject)."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None, 0
    for back in range(verb.i - 1, max(verb.sent.start, verb.i - 4) - 1, -1):
        k = ents.key_at(back)
        if k is not None and ents.cls_of(k) == AGREEMENT:
            return k, 0.8
    return None, 0


# ---------------------------------------------------------------- dates

def _date_kind(verb: Token, ents: EntityView) -> tuple[str, float] | None:
    """What a verb says happened to an agreement, with a confidence; None: nothing."""
    if verb.pos_ not in ("VERB", "AUX") and verb.dep_ != "acl":
        return None
    kind = AGREEMENT_VERBS.get(verb.lemma_.lower())
    if verb.lemma_ in IN_FORCE_VERBS:
        if any(c.dep_ == "prep" and c.lower_ in ("into", "in") and
               any(g.lemma_ in IN_FORCE_NOUNS for g in c.children) for c in verb.children):
            kind = "in_force"
    if kind is None or hedged(verb):
        return None
    if kind == "end" and verb.lemma_ in ("end", "terminate", "scrap", "abrogate", "annul") and \
            any(c.dep_ == "dobj" for c in verb.children) and \
            not any(agreement_ref(c, ents)[0] for c in verb.children if c.dep_ == "dobj"):
        return None  # "the pact ended the war": the agreement ended something else
    return kind, 0.7 if verb.lemma_ in _WEAK_VERBS else 0.9


def dated_verbs(ctx: SentenceContext, positions: list[int] | None = None) -> tuple[list[AgreementDate], list[Party]]:
    """"The pact was signed on May 3", "signed between Japan and India in 2001"."""
    ents = ctx.entities
    anchors = dict(ctx.document.date_anchors)
    dates: list[AgreementDate] = []
    parties: list[Party] = []
    for verb in ctx.tokens(positions):
        found = _date_kind(verb, ents)
        if found is None:
            continue
        kind, conf = found
        agreement, factor = _verb_agreement(verb, ents)
        if agreement is None:
            continue
        for (value, dtype), _span in dates_under(verb, ctx.pubdate, anchors.get(agreement)):
            dates.append(AgreementDate(agreement, kind, value, dtype, round(conf * factor, 2),
                                       f"agreement-{kind.replace('_', '-')}-date"))
            anchors[agreement] = value
        for party, pf in _between_parties(verb, ents):
            parties.append(Party(agreement, party, round(0.8 * pf, 2), "agreement-party-between"))
    return dates, parties


def year_attribute(ctx: SentenceContext, positions: list[int] | None = None,
                   dated: Sequence[AgreementDate] = ()) -> list[AgreementDate]:
    """"the 1978 Camp David Accords": a year as an attribute of the name, for an agreement
    with no date in ``dated`` (the sentence's dates found by :func:`dated_verbs`)."""
    ents = ctx.entities
    out: list[AgreementDate] = []
    for tok in ctx.tokens(positions):
        key = ents.key_at(tok.i)
        if key and ents.cls_of(key) == AGREEMENT and tok.i > ctx.sent.start and ents.key_at(tok.i - 1) != key:
            prev = tok.doc[tok.i - 1]
            if re.fullmatch(r"(1[89]|20)\d\d", prev.text) and \
                    not any(d.agreement == key for d in [*dated, *out]):
                out.append(AgreementDate(key, "signed", prev.text, G_YEAR, 0.6, "agreement-year-attribute"))
    return out


# ---------------------------------------------------------------- parties

def joiners(ctx: SentenceContext, positions: list[int] | None = None) -> list[Party]:
    """"X joined the accords", "X and Y agreed to join"."""
    ents = ctx.entities
    parties: list[Party] = []
    for verb in ctx.tokens(positions):
        if verb.lemma_ not in _JOIN_VERBS:
            continue
        agreement, factor = _object_agreement(verb, ents)
        if agreement is None:
            continue
        for subj in subjects(verb):
            for party, pf in countries_in(subj, ents):
                parties.append(Party(agreement, party, round(0.8 * factor * pf, 2),
                                     f"agreement-party-{verb.lemma_}"))
    return parties


def countries_in(tok: Token, ents: EntityView) -> list[tuple[str, float]]:
    """The party a token names: a country, a capital's country, an acronym organisation."""
    key = ents.key_at(tok.i)
    if key is None:
        return []
    country, via_capital = country_of(ents, key)
    if country is not None:
        return [(country, 0.8 if via_capital else 1.0)]
    if ents.cls_of(key) in (ORGANIZATION, GOVERNMENT_ORGANIZATION) and ACRONYM.match(key):
        return [(key, 0.9)]
    return []


def _between_parties(verb: Token, ents: EntityView) -> list[tuple[str, float]]:
    out: list[tuple[str, float]] = []
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "between":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    for t in [obj, *obj.conjuncts]:
                        out.extend(countries_in(t, ents))
                    if not out:
                        out.extend(_the_two(obj, ents))
    return out


def _the_two(obj: Token, ents: EntityView) -> list[tuple[str, float]]:
    """"between the two neighbors": the last two countries named before, if that is clear."""
    if obj.lower_ not in _GROUP_NOUNS or not any(c.lower_ in ("two", "2", "both") for c in obj.children):
        return []
    seen: list[str] = []
    for i in range(obj.i - 1, -1, -1):
        key = ents.key_at(i)
        if key is None:
            continue
        country = country_of(ents, key)[0]
        if country and country not in seen:
            seen.append(country)
            if len(seen) == 2:
                break
        # stop at the previous paragraph
        if "\n\n" in obj.doc[i].whitespace_:
            break
    return [(c, 0.75) for c in seen] if len(seen) == 2 else []
