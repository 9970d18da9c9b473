"""Entity mentions of one spaCy ``Doc`` resolved to one node per real-world thing.

Rules, applied in order:
- spaCy's entity spans are trimmed (a leading "the", a possessive "'s", edge
  punctuation) and hyphenated names are kept whole ("Moon Jae-in", which spaCy
  cuts at the hyphen);
- a name after an office title is a person even when NER missed or mislabelled it;
- country names, codes and demonyms resolve to one country through the gazetteer;
- an acronym in parentheses after a name is that name's alias, wherever it recurs;
- a surname alone resolves to the full name met in the document;
- an honorific, rank, middle initial or suffix is not part of a canonical label.
"""
from __future__ import annotations

import re

from . import gazetteer, junk
from .agreement_names import with_listed_agreements
from .doc_entities import DocEntities
from .entity_rules import (
    _acronyms,
    _agreement_roles,
    _also_known_as,
    _drop_junk,
    _short_agreements,
    _surnames,
    untagged_surnames,
)
from .lexicon import AGREEMENT_HEADS, AGREEMENT_NAME_HEADS, HONORIFICS, NOT_NAMES, TITLE_HEADS
from .model import AGREEMENT, CITY, COUNTRY, PERSON, PLACE
from .names import (
    _GOV_WORDS,
    ACRONYM,
    _strip_the,
    extend_hyphen,
    gov_class,
    is_title_word,
    person_label,
    title_end,
    title_name_spans,
    trim,
)

__all__ = ["ACRONYM", "DocEntities", "is_title_word", "resolve_entities", "title_end"]

_INTL_WORDS = frozenset("""nations union organization organisation alliance council command
bank fund court agency committee community forum group association""".split())
_FACILITY_HEADS = frozenset("""center centre base cosmodrome spaceport airport airbase port harbor
harbour site range facility complex station shipyard""".split())




def _is_agreement_name(tokens) -> bool:
    """"Lahore Declaration", "Egypt–Israel peace treaty", "Treaty of Aachen"."""
    if not tokens:
        return False
    last, first = tokens[-1], tokens[0]
    if last.lower_ in AGREEMENT_NAME_HEADS and (last.lower_ in AGREEMENT_HEADS or last.text[:1].isupper()):
        return True
    return len(tokens) >= 3 and first.lower_ in AGREEMENT_HEADS and first.text[:1].isupper() \
        and tokens[1].lower_ in ("of", "on", "for", "between")


def resolve_entities(doc) -> DocEntities:
    """The entities of a parsed document, one per real-world thing (see the module's rules)."""
    result = DocEntities()
    result.texts = [t.text for t in doc]
    result.lowers = [w.lower() for w in result.texts]
    spans = _name_spans(doc, result.lowers)
    singles: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        _add_span(result, doc, start, end, label, singles)
    _acronyms(doc, result)
    _agreement_roles(doc, result)
    _surnames(doc, result, singles)
    untagged_surnames(doc, result)
    _short_agreements(result)
    _also_known_as(doc, result)
    _drop_junk(doc, result)
    return result


def _name_spans(doc, lowers: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, spaCy label) of every name: names after titles, NER's entities
    trimmed, and agreement names NER missed."""
    spans: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for start, end in title_name_spans(doc, lowers):
        spans.append((start, end, "PERSON"))
        taken.update(range(start, end))
    completed = 0  # the end of the last name completed over the next entity ("Trinidad and Tobago")
    for ent in doc.ents:
        if ent.start < completed:
            continue
        start, end = _ner_span(doc, ent)
        if start >= end:
            continue
        if end > ent.end:
            completed = end
        if taken.intersection(range(start, end)):
            # NER glued a title or organisation onto a name found after a title:
            # keep what precedes the name if it is an entity of its own.
            name_start = min(i for i in range(start, end) if i in taken)
            if name_start > start and ent.label_ in ("ORG", "GPE", "NORP") and \
                    not any(is_title_word(t) for t in doc[start:name_start]):
                spans.append((start, name_start, ent.label_))
            continue
        spans.append((start, end, ent.label_))
    if AGREEMENT_NAME_HEADS.intersection(lowers):
        spans.extend(_agreement_chunks(doc, spans))
    return _outermost(_with_ordinals(doc, with_listed_agreements(doc, spans)))


def _ner_span(doc, ent) -> tuple[int, int]:
    """An NER entity's tokens, trimmed and completed."""
    start, end = trim(doc, ent.start, ent.end)
    if ent.label_ == "ORG" and start >= 2 and doc[start - 1].tag_ == "POS" and not doc[start - 2].whitespace_ \
            and doc[start - 2].ent_type_ == "PERSON" and doc[start - 2].ent_iob_ == "B" \
            and doc[start - 2].text[:1].isupper():
        start -= 2  # "Jane's Intelligence Review": a possessive inside an organisation's name
    if ent.label_ == "PERSON":
        end = extend_hyphen(doc, end)
    if ent.label_ == "GPE" and end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].text == "D.C.":
        end += 2  # "Washington, D.C."
    return start, _country_with_and(doc, start, end)


def _country_with_and(doc, start: int, end: int) -> int:
    """The end of a name completed by "and W" when its last words and W name a country
    that NER cut in two: "Trinidad" + "and Tobago", "the Federation of Bosnia" + "and
    Herzegovina"."""
    if end + 1 >= len(doc) or doc[end].lower_ != "and" or not doc[end + 1].text[:1].isupper():
        return end
    for k in (1, 2):
        if end - k >= start and gazetteer.country_by_name(f"{doc[end - k:end].text} and {doc[end + 1].text}"):
            return end + 2
    return end


def _relabel(tokens: list, text: str, label: str) -> tuple[list, str, str]:
    """The span's label corrected by what its words say; tokens may lose trailing titles."""
    if label == "PERSON" and gazetteer.country_by_name(text) is not None:
        label = "GPE"  # "Togo" taken for a person
    if label in ("PERSON", "GPE", "LOC", "FAC") and junk.military_unit(text):
        label = "ORG"  # "30th Space Wing" taken for a person or a place
    if label in ("ORG", "FAC", "GPE") and len(tokens) >= 2 and tokens[-1].lower_.endswith("s") \
            and tokens[-1].lower_[:-1] in TITLE_HEADS:
        while tokens and (is_title_word(tokens[-1]) or tokens[-1].lower_.rstrip("s") in TITLE_HEADS):
            tokens.pop()  # "the G7 Foreign Ministers" (statement): the group, not its ministers
        if tokens:
            text = _strip_the(tokens[0].doc[tokens[0].i:tokens[-1].i + 1].text)
        label = "ORG"
    if tokens and label in ("LOC", "FAC", "GPE", "PRODUCT", "WORK_OF_ART") and _is_agreement_name(tokens) \
            and tokens[-1].text[:1].isupper():
        label = "AGREEMENT"  # "the Volta Basin Accord" taken for a place
    return tokens, text, label


def _add_span(result: DocEntities, doc, start: int, end: int, label: str, singles: list) -> None:
    """One name span into ``result``; single-word names wait in ``singles`` for the surname rule."""
    tokens, text, label = _relabel(list(doc[start:end]), _strip_the(doc[start:end].text), label)
    if not tokens:
        return
    end = tokens[-1].i + 1
    if label != "PERSON":
        _add_other(result, doc, tokens, text, label, singles, start, end)
        return
    named = person_label(tokens)
    if named is None:
        return
    canonical, surface = named
    if " " not in canonical and "-" not in canonical:
        line_alone = (start == 0 or "\n" in doc[start - 1].whitespace_ + doc[start - 1].text) and \
            (end >= len(doc) or "\n" in doc[end - 1].whitespace_ + doc[end].text)
        if not (line_alone or (end < len(doc) and is_title_word(doc[end]))):
            singles.append((start, end, label))  # else "Chief Cabinet Secretary": a title word taken for a name
        return
    result.add(canonical, PERSON, tokens, surface, rule="name-normalised")


def _with_ordinals(doc, spans):
    """"30th Space Wing": an ordinal in front belongs to the name."""
    out = []
    for start, end, label in spans:
        if start > 0 and re.match(r"^\d+(?:st|nd|rd|th)$", doc[start - 1].text):
            start -= 1
        out.append((start, end, label))
    return out


def _outermost(spans):
    """Drop a name inside an organisation's longer name ("Jane" of "Jane's Intelligence Review")."""
    orgs = [(s, e) for s, e, label in spans if label == "ORG"]
    return sorted(sp for sp in spans if not (sp[2] == "PERSON" and any(
        s <= sp[0] and sp[1] <= e and (s, e) != (sp[0], sp[1]) for s, e in orgs)))


def _agreement_chunks(doc, spans) -> list[tuple[int, int, str]]:
    """Named agreements NER missed: "the Egypt–Israel peace treaty", "Lahore Declaration"."""
    covered = {i for s, e, _ in spans for i in range(s, e)}
    found = []
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.lower_ not in AGREEMENT_NAME_HEADS:
            continue
        start, end = trim(doc, chunk.start, root.i + 1)
        toks = list(doc[start:end])
        # keep from the first proper noun; years and ordinals in front are attributes
        while toks and (toks[0].like_num or toks[0].pos_ not in ("PROPN",) and toks[0].lower_ not in ()):
            if toks[0].pos_ == "PROPN":
                break
            toks.pop(0)
        of_name = (len(toks) == 1 and toks[0].text[:1].isupper() and toks[0].i + 2 < len(doc)
                   and doc[toks[0].i + 1].lower_ in ("of", "on") and _name_after(doc, toks[0].i + 1) is not None)
        if not of_name and (len(toks) < 2 or not any(t.pos_ == "PROPN" for t in toks[:-1])):
            continue
        if len(toks) == 2 and ACRONYM.match(toks[0].text):
            continue  # "the GSOMIA pact": the acronym names the agreement
        if any(t.tag_ == "POS" or t.dep_ == "poss" for t in toks):
            continue
        if not _is_agreement_name(toks):
            continue
        s, e = _of_the_left(doc, toks[0].i), toks[-1].i + 1
        while s >= 2 and doc[s - 1].text in ("-", "–", "‐") and doc[s - 2].pos_ == "PROPN" \
                and not doc[s - 2].whitespace_:
            s -= 2
        k = _name_after(doc, e) if e < len(doc) and doc[e].lower_ in ("of", "on") else None
        if k is not None:  # "Treaty on the Non-Proliferation of Nuclear Weapons"
            while k < len(doc) and (doc[k].text[:1].isupper() or doc[k].lower_ in ("the", "of", "and")
                                    or _inner_hyphen(doc, k)) \
                    and doc[k].text != "(" and doc[k].ent_type_ not in ("DATE", "TIME", "CARDINAL"):
                k += 1
            while k > e and doc[k - 1].lower_ in ("the", "of", "and", "on"):
                k -= 1
            e = _between_tail(doc, k)
        if "\n" in doc[s:e].text:
            continue
        if covered.intersection(range(s, e)) and not all(i in covered for i in range(s, e)):
            # an entity inside the name ("Egypt" in "Egypt–Israel treaty"): the name wins
            spans[:] = [sp for sp in spans if not (s <= sp[0] and sp[1] <= e)]
        elif covered.intersection(range(s, e)):
            continue
        found.append((s, e, "AGREEMENT"))
    return found


def _name_after(doc, i: int) -> int | None:
    """The first word of a name after "of"/"on" at ``i`` ("on the Non-Proliferation ..."),
    None when no capitalised word that is not a date follows ("the Agreement on July 8")."""
    j = i + 2 if i + 1 < len(doc) and doc[i + 1].lower_ == "the" else i + 1
    if j < len(doc) and doc[j].text[:1].isupper() and doc[j].ent_type_ not in ("DATE", "TIME", "CARDINAL"):
        return j
    return None


def _inner_hyphen(doc, k: int) -> bool:
    """A hyphen inside a word of a name: "Non-Proliferation"."""
    return doc[k].text in ("-", "–") and k > 0 and not doc[k - 1].whitespace_ and not doc[k].whitespace_ \
        and k + 1 < len(doc) and doc[k + 1].text[:1].isupper()


def _of_the_left(doc, s: int) -> int:
    """"the Law of the Sea Convention": a name extends left over "X of (the)" when X is a
    capitalised word of no entity and no office title ("President of the ... Council")."""
    k = s - 1 if s >= 1 and doc[s - 1].lower_ == "the" else s
    if k < 2 or doc[k - 1].lower_ != "of":
        return s
    word = doc[k - 2]
    if word.pos_ != "PROPN" or word.ent_type_ or is_title_word(word) or word.lower_ in AGREEMENT_HEADS \
            or gazetteer.country_by_name(word.text) is not None:
        return s
    return k - 2


def _between_tail(doc, e: int) -> int:
    """"Treaty of Amity and Trade between the Kestrel Republic and Chile": a formal name
    ends with the "between X and Y" of its parties."""
    if e >= len(doc) or doc[e].lower_ != "between":
        return e
    k = e + 1
    while k < len(doc) and (doc[k].text[:1].isupper() or doc[k].lower_ in ("the", "and")) \
            and doc[k].text != "(" and doc[k].ent_type_ not in ("DATE", "TIME", "CARDINAL"):
        k += 1
    words = [t.lower_ for t in doc[e + 1:k]]
    return k if "and" in words and words[-1] not in ("the", "and") and words[0] != "and" else e


def _add_other(result: DocEntities, doc, tokens, text: str, label: str, singles, start, end) -> None:
    if not text or text.lower() in NOT_NAMES or not any(c.isalpha() for c in text):
        return
    if label in ("GPE", "NORP", "ORG", "LOC") or label == "AGREEMENT":
        country = gazetteer.country_by_name(text)
        if country is None and label == "NORP":
            country = gazetteer.country_by_demonym(text)
            if country is not None:
                result.add(country.name, COUNTRY, tokens, None, alias=False, rule="demonym")
                return
        if country is not None:
            result.add(country.name, COUNTRY, tokens, text, rule="country-name")
            return
    if label == "AGREEMENT" or (label in ("ORG", "LAW", "EVENT", "WORK_OF_ART") and _is_agreement_name(tokens)):
        result.add(text, AGREEMENT, tokens, text)
        return
    if label == "GPE":
        if len(tokens) == 1 and not doc[start].text[:1].isupper():
            return
        if gazetteer.is_city(text):
            result.add(text, CITY, tokens, text)
        else:
            singles.append((start, end, label)) if len(tokens) == 1 else result.add(text, PLACE, tokens, text)
        return
    if label in ("LOC", "FAC"):
        if len(tokens) == 1 and tokens[0].lower_ in NOT_NAMES:
            return
        result.add(text, PLACE, tokens, text)
        return
    if label == "ORG" and tokens[0].lower_ in HONORIFICS and len(tokens) > 2:
        named = person_label(tokens)
        if named and " " in named[0]:
            result.add(named[0], PERSON, tokens, named[1])
        return
    if label == "ORG" and len(tokens) > 1 and all(is_title_word(t) for t in tokens[1:]) \
            and end < len(doc) and (is_title_word(doc[end]) or doc[end].text[:1].isupper()):
        country = gazetteer.country_by_demonym(tokens[0].text) or gazetteer.country_by_name(tokens[0].text)
        if country is not None:  # "Philippine Defense" (Secretary): NER glued a title to the demonym
            result.add(country.name, COUNTRY, tokens[:1], None, alias=False, rule="demonym")
            return
    if label == "ORG" and len(tokens) > 1 and tokens[-1].lower_ in _FACILITY_HEADS:
        result.add(text, PLACE, tokens, text)  # "Xichang Satellite Launch Center"
        return
    if label == "ORG":
        if all(is_title_word(t) or t.lower_ in ("of", "for", "and") for t in tokens) \
                and not any(t.lower_ in _GOV_WORDS | _INTL_WORDS for t in tokens):
            return  # "State", "Defense": pieces of an office title
        if len(tokens) == 1:
            singles.append((start, end, label))
            return
        result.add(text, gov_class(text), tokens, text)


