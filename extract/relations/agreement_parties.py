"""Who is party to an agreement: "between X and Y", "X and Y signed", "the X–Y treaty"."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from .. import gazetteer
from ..entities import ACRONYM, is_title_word
from ..lexicon import AGREEMENT_HEADS
from ..model import AGREEMENT, GOVERNMENT_ORGANIZATION, ORGANIZATION, PERSON
from .agreement_refs import agreement_ref, object_agreement, the_one_before, verb_agreement
from .context import EntityView, SentenceContext
from .polities import country_of
from .syntax import hedged, subjects

_OFFICIAL_NOUNS = frozenset("leaders heads representatives delegations envoys officials governments".split())
_GROUP_NOUNS = frozenset("neighbors neighbours countries nations sides allies governments states".split())
_JOIN_VERBS = frozenset({"join", "accede", "sign", "ratify", "ink", "conclude", "seal", "reach", "strike",
                         "finalize", "finalise", "withdraw", "quit"})  # one who withdrew was a party
# verbs of making an agreement together: "Chile signed the pact with Peru" (not "joined ... with")
_WITH_VERBS = frozenset({"sign", "ink", "conclude", "seal", "reach", "strike", "finalize", "finalise"})
MEMBER_NOUNS = frozenset({"signatories", "signatory", "parties", "party", "members", "member", "partners"})
_SIDES = re.compile(r"^(?:the\s+)?([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s?[-–‐]\s?([A-Z][\w.]*)(?:\s([A-Z][\w.]*))?")
_BETWEEN_IN_NAME = re.compile(r"\bbetween (?:the )?(.+?) and (?:the )?(.+)$")
_INTL_WORDS = frozenset("union nations organization organisation alliance community league".split())


@dataclass(frozen=True)
class Party:
    agreement: str
    party: str
    confidence: float
    rule: str

    def refs(self) -> tuple[str, ...]:
        return (self.agreement, self.party)


def countries_in(tok: Token, ents: EntityView) -> list[tuple[str, float]]:
    """The party a token names: a country, a capital's country, an organisation of states."""
    key = ents.key_at(tok.i)
    if key is None:
        return []
    country, via_capital = country_of(ents, key)
    if country is not None:
        return [(country, 0.8 if via_capital else 1.0)]
    if ents.cls_of(key) in (ORGANIZATION, GOVERNMENT_ORGANIZATION) and (
            ACRONYM.match(key) or _INTL_WORDS.intersection(key.lower().split())):
        return [(key, 0.9)]
    return []


def joiners(ctx: SentenceContext, positions: list[int] | None = None) -> list[Party]:
    """"X joined the accords", "X and Y agreed to join", "X and Y signed the pact"."""
    ents = ctx.entities
    parties: list[Party] = []
    for verb in ctx.tokens(positions):
        if verb.lemma_ not in _JOIN_VERBS or hedged(verb):
            continue
        agreement, factor = object_agreement(verb, ents)
        if agreement is None:
            continue
        found = [p for subj in subjects(verb) for p in named_by(subj, ents)]
        if found and verb.lemma_ in _WITH_VERBS:
            found += [p for t in _with_objects(verb) for p in countries_in(t, ents)]
        parties.extend(Party(agreement, party, round(0.8 * factor * pf, 2), f"agreement-party-{verb.lemma_}")
                       for party, pf in found)
    return parties


def _with_objects(verb: Token) -> list[Token]:
    """"signed the pact with Peru and Ecuador": the objects of "with" on the verb."""
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]  # "the pact with Peru"
    return [t for h in holders for prep in h.children if prep.dep_ == "prep" and prep.lower_ == "with"
            for obj in prep.children if obj.dep_ == "pobj" for t in [obj, *obj.conjuncts]]


def between(ctx: SentenceContext, positions: list[int] | None = None) -> list[Party]:
    """"signed between X and Y", "a treaty between X and Y", "the Treaty of ... between X
    and Y", "signed by X and Y", "between the two neighbors"."""
    ents = ctx.entities
    out: list[Party] = []
    for tok in ctx.tokens(positions):
        if not any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "between") for c in tok.children):
            continue
        if tok.pos_ == "VERB":
            if hedged(tok):
                continue
            agreement, factor = verb_agreement(tok, ents)
            if agreement is None and tok.dep_ in ("acl", "relcl"):  # "an agreement signed by ..."
                agreement, factor = _the_only_agreement(tok.head, ents)
            found = [(p, f, "agreement-party-between") for p, f in between_parties(tok, ents)]
            found += [(p, f, "agreement-party-signed-by") for p, f in signers(tok, ents)]
        else:
            agreement, factor = agreement_ref(tok, ents)
            if agreement is None:
                agreement, factor = _the_only_agreement(tok, ents)
            found = [(p, f, "agreement-party-between") for p, f in between_parties(tok, ents)]
        if agreement is not None:
            out.extend(Party(agreement, p, round(0.8 * factor * f, 2), rule) for p, f, rule in found)
    return out


def _the_only_agreement(tok: Token, ents: EntityView) -> tuple[str | None, float]:
    """"a key pact between the two neighbors" in an article that names one agreement only."""
    if tok.lower_ not in AGREEMENT_HEADS:
        return None, 0
    named = ents.agreements_between(0, len(tok.doc))
    return (named[0], 0.75) if len(named) == 1 else (None, 0)


def between_parties(head: Token, ents: EntityView) -> list[tuple[str, float]]:
    """The parties of a "between X and Y" phrase attached to ``head``, with those of a
    "together with Z" beside it."""
    out: list[tuple[str, float]] = []
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "between":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    for t in [obj, *obj.conjuncts]:
                        out.extend(countries_in(t, ents))
                    if not out:
                        out.extend(the_two(obj, ents))
            out.extend(p for p in _listed_after(prep, ents) if p not in out)
    return out


def _listed_after(prep: Token, ents: EntityView) -> list[tuple[str, float]]:
    """"between Iran and the G4 (the four ... -- Chile, Peru, ...) together with the EU":
    the countries in a parenthesis explaining a side that is not itself a country, and
    those joined by "together with" right after."""
    doc, out = prep.doc, []
    opens = [t.i for t in doc[prep.i + 1:prep.right_edge.i + 2] if t.text == "("]
    end = prep.right_edge.i + 1
    if opens and not countries_in(doc[opens[0] - 1], ents):
        for u in doc[opens[0] + 1:]:
            if u.text == ")":
                end = max(end, u.i + 1)
                break
            if not _of_a_group(u, ents):
                out.extend((p, 0.8 * f) for p, f in countries_in(u, ents))
    if end + 2 < len(doc) and doc[end].lower_ == "together" and doc[end + 1].lower_ == "with":
        for u in doc[end + 2:]:
            if u.is_punct and u.text not in ("-", "–"):
                break
            out.extend((p, 0.8 * f) for p, f in countries_in(u, ents))
    return list(dict.fromkeys(out))


def _of_a_group(tok: Token, ents: EntityView) -> bool:
    """"the permanent members of the Security Council": the body whose members are meant."""
    key, j = ents.key_at(tok.i), tok.i
    while j > 0 and key is not None and ents.key_at(j - 1) == key:
        j -= 1
    if j > 0 and tok.doc[j - 1].lower_ == "the":
        j -= 1
    return j > 0 and tok.doc[j - 1].lower_ == "of"


def signers(verb: Token, ents: EntityView) -> list[tuple[str, float]]:
    """"signed by X and Y": the countries, or the countries of officials whose office
    names its country ("by Jane Roe, President of Chile")."""
    if verb.lemma_ not in ("sign", "ink", "ratify", "conclude", "initial", "reach", "strike"):
        return []
    out: list[tuple[str, float]] = []
    by = [o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    if by:  # "signed by X, ..., and Y" where the parse hangs Y on the verb or a verb above it
        hosts = [verb, *(a for a in verb.ancestors if a.i < verb.i)]
        by += [c for h in hosts for c in h.children if c.i > by[0].i and ents.cls_of(ents.key_at(c.i)) == PERSON
               and (c.dep_ == "conj" or (c.dep_ == "dep" and c.doc[c.left_edge.i - 1].lower_ == "and"))]
    for obj in by:
        for t in [obj, *obj.conjuncts]:
            out.extend(named_by(t, ents))
    return out


def named_by(tok: Token, ents: EntityView) -> list[tuple[str, float]]:
    """The parties a signer stands for: a country or organisation, an official's country,
    "the leaders of X and Y", "both countries" (the two named just before)."""
    found = countries_in(tok, ents) or person_country(tok, ents)
    if found or ents.key_at(tok.i) is not None:
        return found
    if is_title_word(tok) or tok.lower_ in _OFFICIAL_NOUNS:
        found = [p for prep in tok.children if prep.dep_ == "prep" and prep.lower_ == "of"
                 for o in prep.children if o.dep_ == "pobj" for t in [o, *o.conjuncts] for p in countries_in(t, ents)]
        return [(p, 0.9 * f) for p, f in found]
    return the_two(tok, ents)


def person_country(tok: Token, ents: EntityView) -> list[tuple[str, float]]:
    """The country of a person's stated office: "Jane Roe, President of Chile",
    "Chilean Foreign Minister Jane Roe" (not the host of "ambassador to Chile")."""
    if ents.cls_of(ents.key_at(tok.i)) != PERSON:
        return []
    found: list[str] = []
    for t in _office_words(tok):
        country = country_of(ents, ents.key_at(t.i))[0] if ents.key_at(t.i) else None
        if country is None and t.ent_type_ == "NORP":
            match = gazetteer.country_by_demonym(t.text)
            country = match.name if match else None
        if country and country not in found:
            found.append(country)
    return [(c, 0.8) for c in found[:1]]


def _office_words(tok: Token) -> list[Token]:
    """The tokens of a person's title: compounds before the name, an apposition after."""
    out = [t for t in tok.subtree if t.i < tok.i and t.dep_ in ("compound", "amod", "nmod")]
    for appos in (c for c in tok.children if c.dep_ == "appos"):
        out.extend(t for t in appos.subtree if not any(a.lower_ == "to" for a in t.ancestors if a.i > appos.i))
    return [t for t in out if not any(a.lower_ == "to" and a.dep_ == "prep" for a in t.ancestors
                                      if tok.left_edge.i <= a.i <= tok.right_edge.i)]


def the_two(obj: Token, ents: EntityView) -> list[tuple[str, float]]:
    """"between the two neighbors": the last two countries named before, if that is clear."""
    if obj.lower_ not in _GROUP_NOUNS or not any(c.lower_ in ("two", "2", "both") for c in obj.children):
        return []
    seen: list[str] = []
    for i in range(obj.i - 1, -1, -1):
        key = ents.key_at(i)
        if key is not None:
            country = country_of(ents, key)[0]
            if country and country not in seen:
                seen.append(country)
                if len(seen) == 2:
                    return [(c, 0.75) for c in seen] if _only_two(obj.doc[i], seen, ents) else []
        if "\n\n" in obj.doc[i].whitespace_ or (obj.doc[i].is_space and "\n\n" in obj.doc[i].text):
            break  # stop at the previous paragraph
    return [(c, 0.75) for c in seen] if len(seen) == 2 else []


def _only_two(tok: Token, two: list[str], ents: EntityView) -> bool:
    """The earlier of "the two" is not one of a list of three ("Chile, Peru and Ecuador")."""
    group = {country_of(ents, k)[0] for k in (ents.key_at(t.i) for t in [tok, *tok.conjuncts]) if k is not None}
    return not (group - {None} - set(two))


def named_sides(ctx: SentenceContext, positions: list[int] | None = None) -> list[Party]:
    """"the Chile–Peru treaty", "the U.S.-Japan Security Treaty": the sides in the name."""
    ents = ctx.entities
    out: list[Party] = []
    doc = ctx.sent.doc
    for tok in ctx.tokens(positions):
        key = ents.key_at(tok.i)
        if key is None or ents.cls_of(key) != AGREEMENT or ents.key_at(tok.i - 1) == key:
            continue
        end = tok.i
        while end < ctx.sent.end and ents.key_at(end) == key:
            end += 1
        name = doc[tok.i:end].text
        inner = _BETWEEN_IN_NAME.search(name)
        if inner and _country_named(inner.group(1)) and _country_named(inner.group(2)):
            out.extend(Party(key, _country_named(side), 0.9, "agreement-party-in-name") for side in inner.groups())
            continue
        m = _SIDES.match(name + " ")
        right = m and (m.group(3) and _country_named(f"{m.group(2)} {m.group(3)}") or _country_named(m.group(2)))
        sides = [_country_named(m.group(1)), right] if m else []
        if len(sides) == 2 and all(sides) and sides[0] != sides[1]:
            out.extend(Party(key, side, 0.9, "agreement-party-in-name") for side in sides)
    return out


def _country_named(text: str) -> str | None:
    found = gazetteer.country_by_name(text) or gazetteer.country_by_demonym(text)
    return found.name if found else None


def signatories(ctx: SentenceContext, positions: list[int] | None = None) -> list[Party]:
    """"The signatories of the pact are Chile, Peru and Ecuador", "its members, Chile and
    Peru, ...", "Chile and Peru are parties to the treaty": a list of members."""
    ents = ctx.entities
    out: list[Party] = []
    for tok in ctx.tokens(positions):
        if tok.lower_ not in MEMBER_NOUNS or (tok.head is not tok and hedged(tok.head)):
            continue
        agreement, factor = members_of(tok, ents)
        if agreement is None:
            continue
        for t in _member_list(tok):
            out.extend(Party(agreement, p, round(0.8 * factor * f, 2), "agreement-party-members")
                       for p, f in countries_in(t, ents))
    return out


def members_of(tok: Token, ents: EntityView) -> tuple[str | None, float]:
    """The agreement of "signatories of/to the pact", "the treaty's parties", "its members"."""
    near = list(tok.children)
    if tok.dep_ == "attr":  # "Chile became a party to the treaty": "to" hangs on the verb
        near += [c for c in tok.head.children if c.dep_ == "prep"]
    for c in near:
        if c.dep_ == "prep" and c.lower_ in ("of", "to"):
            for o in c.children:
                if o.dep_ == "pobj" and agreement_ref(o, ents)[0]:
                    return agreement_ref(o, ents)
        if c.dep_ == "poss":
            if c.lower_ == "its":
                return the_one_before(c, ents, "it")
            return agreement_ref(c, ents)
    return None, 0


def _member_list(tok: Token) -> list[Token]:
    """The members a member noun lists: its apposition, the other side of "are", or the
    objects of "include"."""
    heads: list[Token] = [c for c in tok.children if c.dep_ == "appos"]
    verb = tok.head
    if tok.dep_ == "nsubj" and verb.lemma_ in ("be", "include"):
        heads += [c for c in verb.children if c.dep_ in ("attr", "dobj")]
    elif tok.dep_ in ("attr", "acomp") and verb.lemma_ in ("be", "become", "remain"):
        heads += [c for c in verb.children if c.dep_ == "nsubj"]
    return [t for h in heads for t in [h, *h.conjuncts]]
