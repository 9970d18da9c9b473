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
from dataclasses import dataclass, field

from . import gazetteer, junk
from .lexicon import (
    AGREEMENT_HEADS,
    AGREEMENT_NAME_HEADS,
    HONORIFICS,
    NAME_SUFFIXES,
    NOT_NAMES,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from .model import AGREEMENT, CITY, COUNTRY, GOVERNMENT_ORGANIZATION, ORGANIZATION, PERSON, PLACE, Entity, Mention

_GOV_WORDS = frozenset("""ministry department council command agency government parliament
congress senate army navy forces force office commission bureau administration cabinet
military""".split())
_INTL_WORDS = frozenset("""nations union organization organisation alliance council command
bank fund court agency committee community forum group association""".split())
_FACILITY_HEADS = frozenset("""center centre base cosmodrome spaceport airport airbase port harbor
harbour site range facility complex station shipyard""".split())
_PARTICLES = frozenset("van von der de den del della da di du le la bin al el ibn".split())
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&+\-]{1,9}$")
_INITIAL = re.compile(r"^[A-Z]\.?$")


def is_title_word(token) -> bool:
    low = token.lower_
    return low in TITLE_HEADS or low in TITLE_MODIFIERS or (low.endswith("s") and low[:-1] in TITLE_HEADS)


def _strip_the(text: str) -> str:
    return re.sub(r"^(?:the|The|THE)\s+", "", text)


@dataclass
class DocEntities:
    """The entities of one document and where each is mentioned."""

    entities: dict[str, Entity] = field(default_factory=dict)
    token_key: dict[int, str] = field(default_factory=dict)  # token index -> entity key
    acronyms: dict[str, str] = field(default_factory=dict)   # acronym -> entity key
    texts: list[str] = field(default_factory=list)           # token texts, computed once
    lowers: list[str] = field(default_factory=list)

    def add(self, label: str, cls: str, span_tokens, surface: str | None = None,
            alias: bool = True, rule: str | None = None) -> str:
        """Add a mention of the entity ``label``; ``rule`` names the rule that
        resolved a surface form other than the label to it."""
        key = label
        ent = self.entities.get(key)
        if ent is None:
            ent = self.entities[key] = Entity(key=key, label=label, cls=cls)
        if surface and alias and surface != ent.label:
            ent.aliases.add(surface)
        form = surface or (span_tokens[0].doc[span_tokens[0].i:span_tokens[-1].i + 1].text if span_tokens else None)
        if rule and form and form != ent.label:
            ent.alias_rules.setdefault(form, rule)
        if span_tokens:
            first, last = span_tokens[0], span_tokens[-1]
            start, end = first.idx, last.idx + len(last.text)
            if not any(m.start == start and m.end == end for m in ent.mentions):
                ent.mentions.append(Mention(first.doc[first.i:last.i + 1].text, start, end))
            for tok in span_tokens:
                self.token_key[tok.i] = key
        return key

    def last_agreement_before(self, i: int) -> str | None:
        """The agreement mentioned last before token ``i``."""
        best = None
        for j in range(i - 1, -1, -1):
            k = self.token_key.get(j)
            if k is not None and k in self.entities and self.entities[k].cls == AGREEMENT:
                return k
        return best

    def key_at(self, i: int) -> str | None:
        return self.token_key.get(i)

    def cls_of(self, key: str | None) -> str | None:
        return self.entities[key].cls if key in self.entities else None


def trim(doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading determiner, a trailing possessive and edge punctuation;
    stop at a line break (a heading is not part of the name after it)."""
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in ("'s", "'", "’s")
                           or doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].lower_ in ("of", "and", "for", "on")):
        end -= 1
    for i in range(start, end):
        if doc[i].text == "(" and not any(t.text == ")" for t in doc[i:end]):
            return trim(doc, start, i)  # "Baltic Safety Organization (BSO": NER took half the brackets
        if "\n" in doc[i].text or (i > start and "\n" in doc[i - 1].whitespace_ + doc[i - 1].text):
            if i > start and "\n" not in doc[i].text:
                return start, i
            return trim(doc, i + 1, end) if "\n" in doc[i].text else (start, i)
    return start, end


def extend_hyphen(doc, end: int) -> int:
    """Extend a name across hyphens written without spaces ("Jae" "-" "in")."""
    while (end + 1 < len(doc) and doc[end].text in ("-", "‐") and not doc[end - 1].whitespace_
           and not doc[end].whitespace_ and doc[end + 1].is_alpha):
        end += 2
    return end


def person_label(tokens) -> tuple[str, str] | None:
    """(canonical label, surface form) of a person's name tokens, or None."""
    words = [t.text for t in tokens]
    while words and (words[0].lower() in HONORIFICS or words[0].lower().rstrip(".") in HONORIFICS):
        words.pop(0)
    while words and words[-1].lower() in NAME_SUFFIXES:
        words.pop()
    if not words:
        return None
    surface = _join(tokens, words)
    core = [w for i, w in enumerate(words) if not (_INITIAL.match(w) and 0 < i < len(words) - 1)]
    if not core or not core[0][:1].isupper() or core[0].lower() in NOT_NAMES:
        return None
    if any(w.lower() in TITLE_HEADS for w in core):
        return None
    return _join(tokens, core), surface


def _join(tokens, words: list[str]) -> str:
    """Re-join words keeping the document's own spacing around hyphens."""
    text = " ".join(words)
    return re.sub(r"\s*([-‐])\s*", r"\1", text)


def title_end(doc, i: int) -> int:
    """End of an office title whose head is token ``i``: "Minister of National Defense"."""
    n = len(doc)
    j = i + 1
    while j + 1 < n and doc[j].lower_ in ("of", "for") and doc[j + 1].text[:1].isupper():
        k = j + 1
        while k < n and doc[k].text[:1].isupper() and doc[k].ent_type_ not in ("GPE", "NORP") \
                and (doc[k].lower_ in TITLE_MODIFIERS or doc[k].lower_ in TITLE_HEADS):
            k += 1
        if k == j + 1:
            break
        j = k
    return j


def title_name_spans(doc, lowers=None) -> list[tuple[int, int]]:
    """Token spans of names that follow an office title ("Minister Park Jin")."""
    spans = []
    i = 0
    n = len(doc)
    lowers = lowers or [t.lower_ for t in doc]
    while i < n:
        if lowers[i] not in TITLE_HEADS and lowers[i] not in ("honourable", "honorable"):
            i += 1
            continue
        tok = doc[i]
        if (tok.lower_ in TITLE_HEADS or tok.lower_ in ("honourable", "honorable")) \
                and not (i + 1 < n and doc[i + 1].lower_ in TITLE_HEADS):
            j = title_end(doc, i)
            # skip ranks and honorifics between title and name
            while j < n and (doc[j].lower_ in HONORIFICS or doc[j].lower_.rstrip(".") in HONORIFICS):
                if doc[j].lower_ in TITLE_HEADS and j + 1 < n and not doc[j + 1].text[:1].isupper():
                    break
                j += 1
            k = j
            while k < n and (doc[k].text[:1].isupper() and doc[k].pos_ == "PROPN"
                             or (doc[k].lower_ in _PARTICLES and k > j and k + 1 < n
                                 and doc[k + 1].text[:1].isupper())) \
                    and not is_title_word(doc[k]) and doc[k].ent_type_ not in ("GPE", "NORP", "DATE") \
                    and doc[k].lower_ not in NOT_NAMES and not ACRONYM.match(doc[k].text) and k - j < 4:
                k += 1
                k = extend_hyphen(doc, k)
            if k > j:
                spans.append((j, k))
                i = k
                continue
        i += 1
    return spans


def _gov_class(text: str) -> str:
    words = set(re.findall(r"[a-z]+", text.lower()))
    return GOVERNMENT_ORGANIZATION if words & _GOV_WORDS else ORGANIZATION


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
    result = DocEntities()
    result.texts = [t.text for t in doc]
    result.lowers = [w.lower() for w in result.texts]
    spans: list[tuple[int, int, str]] = []  # (start, end, spaCy label)
    taken: set[int] = set()

    for start, end in title_name_spans(doc, result.lowers):
        spans.append((start, end, "PERSON"))
        taken.update(range(start, end))
    for ent in doc.ents:
        start, end = trim(doc, ent.start, ent.end)
        if ent.label_ == "ORG" and start >= 2 and doc[start - 1].tag_ == "POS" and not doc[start - 2].whitespace_ \
                and doc[start - 2].ent_type_ == "PERSON" and doc[start - 2].ent_iob_ == "B" \
                and doc[start - 2].text[:1].isupper():
            start -= 2  # "Jane's Intelligence Review": a possessive inside an organisation's name
        if ent.label_ == "PERSON":
            end = extend_hyphen(doc, end)
        if ent.label_ == "GPE" and end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].text == "D.C.":
            end += 2  # "Washington, D.C."
        if start >= end:
            continue
        if taken.intersection(range(start, end)):
            # NER glued a title or organisation onto a name found after a title:
            # keep what precedes the name if it is an entity of its own.
            name_start = min(i for i in range(start, end) if i in taken)
            if name_start > start and ent.label_ in ("ORG", "GPE", "NORP") and \
                    not any(is_title_word(t) for t in doc[start:name_start]):
                spans.append((start, name_start, ent.label_))
            continue
        spans.append((start, end, ent.label_))
    if AGREEMENT_NAME_HEADS.intersection(result.lowers):
        spans.extend(_agreement_chunks(doc, spans))
    spans = _outermost(_with_ordinals(doc, spans))

    persons: list[tuple[int, int]] = []
    singles: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        tokens = list(doc[start:end])
        text = _strip_the(doc[start:end].text)
        if label == "PERSON" and gazetteer.country_by_name(text) is not None:
            label = "GPE"  # "Togo" taken for a person
        if label in ("PERSON", "GPE", "LOC", "FAC") and junk.military_unit(text):
            label = "ORG"  # "30th Space Wing" taken for a person or a place
        if label in ("ORG", "FAC", "GPE") and len(tokens) >= 2 and tokens[-1].lower_.endswith("s") \
                and tokens[-1].lower_[:-1] in TITLE_HEADS:
            while tokens and (is_title_word(tokens[-1]) or tokens[-1].lower_.rstrip("s") in TITLE_HEADS):
                tokens.pop()  # "the G7 Foreign Ministers" (statement): the group, not its ministers
            if not tokens:
                continue
            end = tokens[-1].i + 1
            text = _strip_the(doc[start:end].text)
            label = "ORG"
        if label in ("LOC", "FAC", "GPE", "PRODUCT", "WORK_OF_ART") and _is_agreement_name(tokens) \
                and tokens[-1].text[:1].isupper():
            label = "AGREEMENT"  # "the Volta Basin Accord" taken for a place
        if label == "PERSON":
            named = person_label(tokens)
            if named is None:
                continue
            canonical, surface = named
            if " " not in canonical and "-" not in canonical:
                line_alone = (start == 0 or "\n" in doc[start - 1].whitespace_ + doc[start - 1].text) and \
                    (end >= len(doc) or "\n" in doc[end - 1].whitespace_ + doc[end].text)
                if line_alone or (end < len(doc) and is_title_word(doc[end])):
                    continue  # "Chief Cabinet Secretary": a title word taken for a name
                singles.append((start, end, label))
                continue
            result.add(canonical, PERSON, tokens, surface, rule="name-normalised")
            persons.append((start, end))
        else:
            _add_other(result, doc, tokens, text, label, singles, start, end)

    _acronyms(doc, result)
    _agreement_roles(doc, result)
    _surnames(doc, result, singles)
    _short_agreements(result)
    _also_known_as(doc, result)
    _drop_junk(doc, result)
    return result


def _mention_context(doc, positions: list[int]) -> tuple[str, str, str]:
    """(word before, word after, head of the last token) of a mention, lower-cased."""
    first, last = positions[0], positions[-1]
    before = doc[first - 1].lower_ if first > 0 else ""
    after = doc[last + 1].lower_ if last + 1 < len(doc) else ""
    tok = doc[last]
    head = tok.head.lower_ if tok.dep_ in ("compound", "nmod") and tok.head.i > last else ""
    return before, after, head


_AKA = (("also", "known", "as"), ("known", "as"), ("referred", "to", "as"), ("also", "called"),
        ("dubbed",), ("nicknamed",), ("formally", "known", "as"), ("officially", "known", "as"))
_AKA_FILLER = frozenset("""sometimes often commonly widely usually popularly informally generally now is was
are were also came come comes to be , ( ) -- —""".split())


def _aka_at(lowers: list[str], i: int) -> int:
    """Length of the "also known as" phrase starting at token ``i`` (0: none)."""
    for phrase in _AKA:
        if tuple(lowers[i:i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _aka_names(doc, result: DocEntities, j: int) -> list[tuple[int, int]]:
    """Spans of the names listed after "also known as" ("the X, the Y or the Z")."""
    out = []
    n = len(doc)
    while j < n:
        while j < n and doc[j].lower_ in ("the", "a", "an"):
            j += 1
        k = j
        key = result.key_at(j) if j < n else None
        if key is not None:
            while k < n and result.key_at(k) == key:
                k += 1
        else:
            while k < n and (doc[k].text[:1].isupper() or (k > j and doc[k].lower_ in AGREEMENT_HEADS)):
                k += 1
        if k == j:
            break
        out.append((j, k))
        if k + 1 < n and doc[k].text == "," and doc[k + 1].lower_ in ("or", "and"):
            k += 1
        if k < n and doc[k].lower_ in (",", "or", "and") and k + 1 < n and doc[k + 1].lower_ != "is":
            j = k + 1
            continue
        break
    return out


def _aka_compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    if PERSON in (a, b):
        return False
    return a == AGREEMENT or {a, b} <= {ORGANIZATION, GOVERNMENT_ORGANIZATION}


def _also_known_as(doc, result: DocEntities) -> None:
    """"X, also known as Y, Z or W": Y, Z and W are names of X (within the sentence)."""
    lowers = result.lowers
    for i in range(1, len(doc)):
        width = _aka_at(lowers, i)
        if not width or (i + width < len(doc) and lowers[i + width] in ("for", "on", "upon", "in")):
            continue
        b = i - 1
        while b > doc[i].sent.start and result.key_at(b) is None and lowers[b] in _AKA_FILLER:
            b -= 1
        owner = result.key_at(b)
        if owner is None or owner not in result.entities:
            continue
        for s, e in _aka_names(doc, result, i + width):
            key = result.key_at(s)
            if key == owner:
                continue
            if key is not None and key in result.entities:
                if all(result.key_at(t) == key for t in range(s, e)) and \
                        _aka_compatible(result.entities[owner].cls, result.entities[key].cls):
                    _merge(result, key, owner, "also-known-as")
            elif e - s <= 8:
                result.add(owner, result.entities[owner].cls, list(doc[s:e]), doc[s:e].text, rule="also-known-as")


def _is_country(text: str) -> bool:
    return gazetteer.country_by_name(text) is not None


def _drop_junk(doc, result: DocEntities) -> None:
    """Drop or retype entities that no reader would call what NER said (``extract.junk``)."""
    runs: dict[str, list[list[int]]] = {}
    for i in sorted(result.token_key):
        key = result.token_key[i]
        spans = runs.setdefault(key, [])
        if spans and spans[-1][-1] == i - 1:
            spans[-1].append(i)
        else:
            spans.append([i])
    for key, ent in list(result.entities.items()):
        if ent.cls not in (PERSON, ORGANIZATION, GOVERNMENT_ORGANIZATION, PLACE):
            continue
        verdicts = {junk.verdict(ent.label, ent.cls, _mention_context(doc, span), _is_country)
                    for span in runs.get(key, [])} or {junk.verdict(ent.label, ent.cls, is_country=_is_country)}
        found = junk.DROP if junk.DROP in verdicts else next((v for v in sorted(verdicts, key=str) if v), None)
        if found == junk.DROP:
            del result.entities[key]
            for i in [i for i, k in result.token_key.items() if k == key]:
                del result.token_key[i]
        elif found is not None:
            ent.cls = found


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


def _agreement_roles(doc, result: DocEntities) -> None:
    """An organisation-like name that stands for an agreement becomes one:
    "the GSOMIA pact", "a deal, the Basic Pact (BP)"."""
    for i in sorted(result.token_key):
        key = result.token_key[i]
        if result.cls_of(key) not in (ORGANIZATION, GOVERNMENT_ORGANIZATION):
            continue
        tok = doc[i]
        if (tok.dep_ in ("compound", "appos", "nmod") and tok.head.lower_ in AGREEMENT_HEADS
                and result.key_at(tok.head.i) is None):
            result.entities[key].cls = AGREEMENT


def _short_agreements(result: DocEntities) -> None:
    """"the Accords" after "the Abraham Accords": one node."""
    full = [e for e in result.entities.values() if e.cls == AGREEMENT and " " in e.label]
    for ent in list(full):
        words = ent.label.split()
        if len(words) >= 2 and words[-1].lower() in AGREEMENT_HEADS and words[-1].islower():
            stem = " ".join(words[:-1]).lower()
            same = [f for f in full if f is not ent and f.key in result.entities
                    and f.label.lower().startswith(stem + " ")]
            if len(same) == 1:
                _merge(result, ent.key, same[0].key, "short-agreement-name")
                full.remove(ent)
    for ent in list(result.entities.values()):
        if ent.cls != AGREEMENT or " " in ent.label or ent.label.lower() not in AGREEMENT_NAME_HEADS:
            continue
        same = [f for f in full if f.label.lower().endswith(ent.label.lower())]
        if len(same) == 1:
            _merge(result, ent.key, same[0].key, "short-agreement-name")
            same[0].aliases.discard(ent.label)


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
                   and doc[toks[0].i + 1].lower_ in ("of", "on") and doc[toks[0].i + 2].text[:1].isupper())
        if not of_name and (len(toks) < 2 or not any(t.pos_ == "PROPN" for t in toks[:-1])):
            continue
        if len(toks) == 2 and ACRONYM.match(toks[0].text):
            continue  # "the GSOMIA pact": the acronym names the agreement
        if any(t.tag_ == "POS" or t.dep_ == "poss" for t in toks):
            continue
        if not _is_agreement_name(toks):
            continue
        s, e = toks[0].i, toks[-1].i + 1
        while s >= 2 and doc[s - 1].text in ("-", "–", "‐") and doc[s - 2].pos_ == "PROPN" \
                and not doc[s - 2].whitespace_:
            s -= 2
        if e + 1 < len(doc) and doc[e].lower_ in ("of", "on") and doc[e + 1].text[:1].isupper():
            k = e + 1
            while k < len(doc) and (doc[k].text[:1].isupper() or doc[k].lower_ in ("the", "of", "and")) \
                    and doc[k].text != "(" and doc[k].ent_type_ not in ("DATE", "TIME", "CARDINAL"):
                k += 1
            while k > e and doc[k - 1].lower_ in ("the", "of", "and"):
                k -= 1
            e = k
        if "\n" in doc[s:e].text:
            continue
        if covered.intersection(range(s, e)) and not all(i in covered for i in range(s, e)):
            # an entity inside the name ("Egypt" in "Egypt–Israel treaty"): the name wins
            spans[:] = [sp for sp in spans if not (s <= sp[0] and sp[1] <= e)]
        elif covered.intersection(range(s, e)):
            continue
        found.append((s, e, "AGREEMENT"))
    return found


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
        result.add(text, _gov_class(text), tokens, text)


def _acronyms(doc, result: DocEntities) -> None:
    """"Long Name (ACR)": ACR is an alias of Long Name wherever it occurs."""
    texts = result.texts
    n = len(texts)
    candidates = [i for i, w in enumerate(texts) if w[:1].isupper() and ACRONYM.match(w)]
    if not candidates:
        return
    for i in candidates:
        if i >= 1 and texts[i - 1] == "(" and i + 1 < n and texts[i + 1] in (")", ";", ",") and i >= 2:
            key = result.key_at(i - 2)
            if key is not None and result.cls_of(key) != PERSON:
                result.acronyms.setdefault(texts[i], key)
    for i in candidates:
        tok = doc[i]
        if tok.dep_ not in ("appos", "compound") or tok.head.lower_ not in AGREEMENT_HEADS:
            continue
        # "the first treaty, NNAA, was signed"; "the GSOMIA pact"
        if tok.dep_ == "appos" and result.key_at(i) is None:
            result.acronyms.setdefault(tok.text, result.add(tok.text, AGREEMENT, [tok], tok.text))
        if tok.dep_ == "compound" and tok.text not in result.acronyms and gazetteer.country_by_name(tok.text) is None:
            result.acronyms.setdefault(tok.text, result.add(tok.text, AGREEMENT, [tok], tok.text))
    if not result.acronyms:
        return
    for i in candidates:
        key = result.acronyms.get(texts[i])
        if key is not None and result.key_at(i) in (None, texts[i]):
            if texts[i] in result.entities and texts[i] != key:
                _merge(result, texts[i], key, "acronym-in-parentheses")
            result.add(key, result.entities[key].cls, [doc[i]], texts[i], rule="acronym-in-parentheses")


def _merge(result: DocEntities, old: str, new: str, rule: str = "same-name-in-document") -> None:
    gone = result.entities.pop(old)
    into = result.entities[new]
    into.aliases |= gone.aliases | {gone.label}
    into.aliases.discard(into.label)
    for form in {gone.label} | gone.aliases:
        if form != into.label:
            into.alias_rules.setdefault(form, gone.alias_rules.get(form, rule))
    into.mentions.extend(gone.mentions)
    for i, k in list(result.token_key.items()):
        if k == old:
            result.token_key[i] = new


_CITY_PREPS = frozenset(("in", "near", "at", "from", "to", "and", "or"))


def _surnames(doc, result: DocEntities, singles) -> None:
    """A surname alone ("Park") -> the full name ("Park Jin") if exactly one fits."""
    by_word: dict[str, set[str]] = {}
    for key, ent in result.entities.items():
        if ent.cls == PERSON:
            words = ent.label.replace("-", " ").split()
            for w in (words[0], words[-1], ent.label.split()[-1], ent.label.split()[0]):
                by_word.setdefault(w, set()).add(key)
    for start, end, label in singles:
        tokens = list(doc[start:end])
        text = doc[start:end].text
        keys = by_word.get(text, set())
        if len(keys) == 1:
            result.add(next(iter(keys)), PERSON, tokens, None, alias=False, rule="surname-in-document")
        elif label == "PERSON" and start > 0 and doc[start - 1].lower_ in _CITY_PREPS and gazetteer.is_city(text):
            result.add(text, CITY, tokens, text)  # "near Darwin": NER took the city for a person
        elif label == "PERSON":
            named = person_label(tokens)
            if named:
                result.add(named[0], PERSON, tokens, named[1])
        elif label == "GPE" and text[:1].isupper():
            result.add(text, PLACE, tokens, text)
        elif label == "ORG" and text[:1].isupper():
            if text in result.acronyms:
                continue
            if start >= 2 and doc[start - 1].text == "(" and doc[start - 2].ent_type_ in ("DATE", "TIME"):
                continue  # "August 24 (KST)": a time zone, not an organisation
            result.add(text, _gov_class(text), tokens, text)
