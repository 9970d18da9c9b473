"""Names in a parsed sentence: person names, office-title spans and span trimming.

Small pure helpers over spaCy tokens used by entity resolution and the relation rules.
"""
from __future__ import annotations

import re

from .lexicon import HONORIFICS, NAME_SUFFIXES, NOT_NAMES, TITLE_HEADS, TITLE_MODIFIERS
from .model import GOVERNMENT_ORGANIZATION, ORGANIZATION

_GOV_WORDS = frozenset("""ministry department council command agency government parliament
congress senate army navy forces force office commission bureau administration cabinet
military""".split())

_PARTICLES = frozenset("van von der de den del della da di du le la bin al el ibn".split())


ACRONYM = re.compile(r"^[A-Z][A-Z0-9&+\-]{1,9}$")


_INITIAL = re.compile(r"^[A-Z]\.?$")


def is_title_word(token) -> bool:
    low = token.lower_
    return low in TITLE_HEADS or low in TITLE_MODIFIERS or (low.endswith("s") and low[:-1] in TITLE_HEADS)


def _strip_the(text: str) -> str:
    return re.sub(r"^(?:the|The|THE)\s+", "", text)


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


_ENVOYS = frozenset("ambassador ambassadors envoy envoys representative ambassador-at-large".split())


def title_end(doc, i: int) -> int:
    """End of an office title whose head is token ``i``: "Minister of National Defense",
    "Ambassador to Japan", "Ambassador to the Philippines"."""
    n = len(doc)
    j = i + 1
    if doc[i].lower_ in _ENVOYS and j + 1 < n and doc[j].lower_ == "to":
        k = j + 2 if doc[j + 1].lower_ == "the" and j + 2 < n else j + 1
        if doc[k].ent_type_ in ("GPE", "ORG") and doc[k].text[:1].isupper():
            k += 1
            while k < n and doc[k].ent_iob_ == "I":
                k += 1
            return k
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
            while k < n and k - j < 4 and (_name_word(doc[k]) or (
                    doc[k].lower_ in _PARTICLES and k > j and k + 1 < n and doc[k + 1].text[:1].isupper()
                    and _name_word(doc[k], capitalised=False))):
                k = extend_hyphen(doc, k + 1)
            if k == j and j < n and doc[j].text == ",":
                k = _appositive_name_end(doc, j + 1)
                j += 1
            if k > j:
                spans.append((j, k))
                i = k
                continue
        i += 1
    return spans


# words that make a run of capitalised words an organisation's name, not a person's
_ORGANISATION_WORDS = _GOV_WORDS | frozenset("""committee press news agency media group party union
association institute university times post service""".split())


def _appositive_name_end(doc, j: int) -> int:
    """The end of a name set off by commas after a title ("Russia's ambassador to the UN,
    Vassily Nebenzia, said"): two to four capitalised proper nouns closed by a comma, even
    where NER took them for an organisation; ``j`` (nothing) when there is none."""
    k = j
    while k < len(doc) and k - j < 4 and _name_word(doc[k]) and doc[k].lower_ not in _ORGANISATION_WORDS:
        k = extend_hyphen(doc, k + 1)
    return k if k - j >= 2 and k < len(doc) and doc[k].text == "," else j


def _name_word(tok, capitalised: bool = True) -> bool:
    """A capitalised proper noun that can be part of a person's name after a title (with
    ``capitalised`` false, any word that is not a title, place, date or known non-name)."""
    return (not capitalised or tok.text[:1].isupper() and tok.pos_ == "PROPN") and not is_title_word(tok) \
        and tok.ent_type_ not in ("GPE", "NORP", "DATE") and tok.lower_ not in NOT_NAMES \
        and not ACRONYM.match(tok.text)


def gov_class(text: str) -> str:
    words = set(re.findall(r"[a-z]+", text.lower()))
    return GOVERNMENT_ORGANIZATION if words & _GOV_WORDS else ORGANIZATION
