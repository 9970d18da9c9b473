"""Document-wide entity rules run after the mentions are collected: acronyms,
surnames, short agreement names, "also known as" names and junk.

Each rule reads the parsed document and changes only the ``DocEntities`` it is
given; every surface form it resolves to an entity records the rule's name.
"""
from __future__ import annotations

from . import gazetteer, junk
from .doc_entities import DocEntities
from .lexicon import AGREEMENT_HEADS, AGREEMENT_NAME_HEADS
from .model import AGREEMENT, CITY, GOVERNMENT_ORGANIZATION, ORGANIZATION, PERSON, PLACE
from .names import ACRONYM, gov_class, person_label


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


def _agreement_roles(doc, result: DocEntities) -> None:
    """An organisation-like name that stands for an agreement becomes one:
    "the GSOMIA pact", "a deal, the Basic Pact (BP)"."""
    for i in sorted(result.token_key):
        key = result.token_key[i]
        if result.cls_of(key) not in (ORGANIZATION, GOVERNMENT_ORGANIZATION):
            continue
        tok = doc[i]
        if (tok.dep_ in ("compound", "appos", "nmod") and tok.head.lower_ in AGREEMENT_HEADS
                and result.key_at(tok.head.i) is None) or (ACRONYM.match(tok.text) and names_an_agreement(tok)):
            result.entities[key].cls = AGREEMENT


_ROLE_HEADS = AGREEMENT_HEADS | {"partnership"}


def names_an_agreement(tok) -> bool:
    """An acronym the sentence calls an agreement: "the KAPSO partnership", "the JCOPA, the
    nuclear deal,", "The JCOPA is a deal between ...", "the deal, known as the JCOPA"."""
    head = tok.head
    if tok.dep_ in ("compound", "appos") and head.lower_ in _ROLE_HEADS:
        return True
    if any(c.dep_ == "appos" and c.lower_ in AGREEMENT_HEADS for c in tok.children):
        return True
    if tok.dep_ == "nsubj" and head.lemma_ == "be" and not any(c.dep_ == "neg" for c in head.children):
        return any(c.dep_ == "attr" and c.lower_ in AGREEMENT_HEADS for c in head.children)
    return tok.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_ in ("know", "call") \
        and head.head.head.lower_ in AGREEMENT_HEADS


def _short_agreements(result: DocEntities) -> None:
    """"the Accords" after "the Abraham Accords": one node."""
    full = [e for e in result.entities.values() if e.cls == AGREEMENT and " " in e.label]
    for ent in list(full):
        words = ent.label.split()
        if len(words) >= 2 and words[-1].lower() in AGREEMENT_HEADS and words[-1].islower():
            stem = " ".join(words[:-1]).lower()
            same = [f for f in full if f is not ent and f.key in result.entities
                    and (f.label.lower() + " ").startswith(stem + " ")]
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
        if not names_an_agreement(tok):
            continue
        # "the first treaty, NNAA, was signed"; "the GSOMIA pact"
        if tok.dep_ != "compound" and result.key_at(i) is None:
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


def untagged_surnames(doc, result: DocEntities) -> None:
    """A surname NER left untagged ("Following Rudd's replacement") -> the one person of
    the document whose multi-word name ends with it; a lone proper noun only."""
    last: dict[str, set[str]] = {}
    for key, ent in result.entities.items():
        if ent.cls == PERSON and " " in ent.label:
            last.setdefault(ent.label.split()[-1], set()).add(key)
    for tok in doc:
        keys = last.get(tok.text, set())
        if len(keys) != 1 or tok.ent_type_ or tok.i in result.token_key or tok.tag_ != "NNP":
            continue
        if (tok.i > 0 and doc[tok.i - 1].tag_ == "NNP") or (tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "NNP"):
            continue  # part of a longer name: "Rudd Street", "Mark Rudd"
        result.add(next(iter(keys)), PERSON, [tok], None, alias=False, rule="surname-in-document")


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
            result.add(text, gov_class(text), tokens, text)
