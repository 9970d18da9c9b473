"""Officeholders: a person, the title they hold and the polity it belongs to.

Two rules per person mention: the title before the name ("South Korean Foreign
Minister Park Jin") and the title in an apposition after it ("Anwar Sadat,
President of Egypt"). A title found with no polity is kept as a bare office, which
:func:`.office_inference.resolve_bare_offices` places with what the whole document implies.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc

from ..entities import title_end
from ..gazetteer import is_us_state
from ..lexicon import FORMER, LEGISLATIVE_TITLES, PARTY_ADJECTIVES, TITLE_HEADS, TITLE_MODIFIERS
from ..model import COUNTRY, PERSON
from .context import EntityView, SentenceContext
from .office_periods import former_before, period_after
from .polities import named_body_country, polity_before, polity_key
from .syntax import run_end, run_start

_TITLE_TAILS = frozenset("defense defence affairs state general".split())  # "Minister of National Defense"
_GENERIC_BODIES = frozenset({"ministry", "department", "embassy"})
_ENVOY_TITLES = frozenset("ambassador envoy representative ambassadors envoys".split())
_RANKS = frozenset("gen general adm admiral lt col maj capt honourable honorable right brig".split())
_GENERAL_TITLES = frozenset("secretary attorney governor surgeon director inspector".split())
_OWN_ENVOYS = frozenset({"eu", "european union"})
_NAME_SUFFIXES = ("mp", "jr", "sr", "ii", "iii", "iv")


@dataclass(frozen=True)
class Office:
    person: str
    title: str
    polity: str  # "" for a title met without its polity
    confidence: float
    rule: str
    former: bool = False  # "former", "then-", "ex-", or an end date
    start: str | None = None  # the year the text says the office began
    end: str | None = None  # the year the text says it ended
    predecessor: str | None = None  # "Y replaced X": Y holds what X held (title and polity "")

    def refs(self) -> tuple[str, ...]:
        return (self.polity,) if self.polity else ()


class PersonRun(NamedTuple):
    """A person's mention: entity key and token range."""

    key: str
    start: int
    end: int


def person_runs(ctx: SentenceContext, positions: list[int] | None = None) -> list[PersonRun]:
    """The person mentions of the sentence that start at ``positions`` (or anywhere)."""
    ents, lo, hi = ctx.entities, ctx.sent.start, ctx.sent.end
    out = []
    for tok in ctx.tokens(positions):
        key = ents.key_at(tok.i)
        if key is None or ents.cls_of(key) != PERSON or (tok.i > lo and ents.key_at(tok.i - 1) == key):
            continue
        out.append(PersonRun(key, tok.i, run_end(ents, tok.i, hi)))
    return out


# title modifiers that are prepositions too: part of a title only when capitalised
_PREPOSITION_MODIFIERS = frozenset({"under"})


def _title_start(doc: Doc, head: int, lo: int) -> int:
    """Leftmost token of the title whose head is ``head``."""
    s = head
    while s > lo:
        prev = doc[s - 1]
        if prev.ent_type_ in ("NORP", "GPE") or prev.lower_ in FORMER:
            break
        if prev.lower_ in _PREPOSITION_MODIFIERS and prev.text.islower():
            break  # "under President X" (in his time), not "Under Secretary X"
        if prev.lower_ in TITLE_MODIFIERS or prev.lower_ in TITLE_HEADS:
            s -= 1
            continue
        # a capitalised word inside a title: "Chief Cabinet Secretary"
        if prev.text[:1].isupper() and prev.is_alpha and s - 2 >= lo and \
                doc[s - 2].lower_ in TITLE_MODIFIERS and doc[s - 2].text[:1].isupper():
            s -= 1
            continue
        break
    return s


def _title_text(doc: Doc, s: int, e: int) -> str:
    return doc[s:e].text.strip()


def _general_title(doc: Doc, h: int, lo: int) -> bool:
    """Token ``h`` is the "General" of "Secretary General" / "Secretary-General"."""
    if doc[h].lower_ != "general":
        return False
    if h - 1 >= lo and doc[h - 1].lower_ in _GENERAL_TITLES:
        return True
    return h - 2 >= lo and doc[h - 1].text in ("-", "‐") and doc[h - 2].lower_ in _GENERAL_TITLES


# ---------------------------------------------------------------- the title before the name

def title_before(ctx: SentenceContext, person: PersonRun) -> list[Office]:
    """[POLITY] TITLE PERSON: "South Korean Foreign Minister Park Jin";
    TITLE of POLITY, PERSON: "the Foreign Minister of Japan, X";
    TITLE PERSON of POLITY: "Defence Minister X of Australia"."""
    doc, ents, lo = ctx.sent.doc, ctx.entities, ctx.sent.start
    if person.start == lo > 0 and doc[lo - 1].text == ")":  # the parser split "Director) George ..."
        lo = doc[lo - 1].sent.start
    i = _skip_parenthesis(doc, _skip_ranks(doc, person.start, lo), lo)
    comma_of, i = _comma_of(doc, ents, i, lo)
    comma_title = False
    if comma_of is None:
        comma_title, i = _comma_title(doc, ents, i, lo)
    if comma_of is None and not comma_title:
        comma_of, i = _title_of_polity(doc, ents, i, lo)
    head = _title_head(doc, i, lo)
    if head is None:
        return []
    t_start = _title_start(doc, head, lo)
    title = _title_text(doc, t_start, i)
    if comma_of is not None:
        former = former_before(doc, t_start, lo)
        if former or t_start == lo or doc[t_start - 1].lower_ in ("the", "then-", "-"):
            return [Office(person.key, title, comma_of[0], round(0.9 * comma_of[1], 2), "office-title-of-country",
                           former)]
        return []
    polity, factor, p_start = polity_before(doc, ents, t_start, lo)
    if polity is None and t_start - 1 > lo and doc[t_start - 1].lower_ in _PREPOSITION_MODIFIERS:
        # "the United States under President X": X held the office in that country
        polity, factor, p_start = polity_before(doc, ents, t_start - 1, lo)
        factor *= 0.9
    if polity is not None and envoy_to_body(ents, polity, doc[head].lower_):
        t_start, title, polity = p_start, _title_text(doc, p_start, i), None  # "UN Ambassador X"
    if polity is not None:
        former = any(t.lower_ in FORMER for t in doc[max(lo, p_start - 1):t_start]) or former_before(doc, p_start, lo)
        return [Office(person.key, title, polity, round(0.9 * factor, 2), "office-title-before-name", former)]
    if doc[head].lower_ in LEGISLATIVE_TITLES and _us_state_before(doc, t_start, lo):
        return [Office(person.key, title, "United States", 0.8, "office-us-state-member",
                       former_before(doc, t_start, lo))]
    body = _generic_body(ctx, person, t_start, title)
    if body is not None:
        return [body]
    if comma_title:
        return []
    return [_office_without_polity_before(ctx, person, title, t_start)]


def _generic_body(ctx: SentenceContext, person: PersonRun, t_start: int, title: str) -> Office | None:
    """"a ministry spokesman, X": the body was named with its country earlier."""
    doc, lo = ctx.sent.doc, ctx.sent.start
    if t_start <= lo or doc[t_start - 1].lower_ not in _GENERIC_BODIES or doc[t_start - 1].text[:1].isupper():
        return None
    country = named_body_country(doc, ctx.entities, doc[t_start - 1].lower_, lo)
    if country is None:
        return None
    return Office(person.key, f"{doc[t_start - 1].text} {title}", country, 0.7, "office-implied-by-body",
                  former_before(doc, t_start - 1, lo))


def envoy_to_body(ents: EntityView, polity: str, head: str) -> bool:
    """"UN Ambassador", "NATO ambassador": a country's envoy to a body of states, an
    office of the sending country, not of the body (the EU sends its own ambassadors)."""
    return head in ("ambassador", "ambassadors") and ents.cls_of(polity) != COUNTRY \
        and polity.lower() not in _OWN_ENVOYS


def _skip_parenthesis(doc: Doc, i: int, lo: int) -> int:
    """"U.S. president (and former CIA Director) X": step left over an aside between the
    title and the name."""
    if i - 1 <= lo or doc[i - 1].text != ")":
        return i
    for k in range(i - 2, max(lo, i - 14) - 1, -1):
        if doc[k].text == "(":
            return k
        if doc[k].text in (")", ".", ";"):
            break
    return i


def _us_state_before(doc: Doc, i: int, lo: int) -> bool:
    """"California Democratic Senator", "New York Congresswoman": a U.S. state (and a
    party) before a member's title; the member sits in the U.S. Congress."""
    j = i
    while j > lo and doc[j - 1].lower_ in PARTY_ADJECTIVES:
        j -= 1
    return any(j - w >= lo and doc[j - w].text[:1].isupper() and is_us_state(doc[j - w:j].text) for w in (2, 1))


def _skip_ranks(doc: Doc, i: int, lo: int) -> int:
    """Step left over military ranks and styles ("Gen.", "the Honourable")."""
    while i > lo and doc[i - 1].lower_.rstrip(".") in _RANKS and not _general_title(doc, i - 1, lo):
        i -= 1
    return i


def _comma_of(doc: Doc, ents: EntityView, i: int, lo: int) -> tuple[tuple[str, float] | None, int]:
    """"the Foreign Minister of Japan, X": a title with its country, then the name."""
    if not (i - 1 > lo and doc[i - 1].text == ","):
        return None, i
    e = i - 1
    k = run_start(ents, e, lo)
    of = k - 2 if k - 2 > lo and doc[k - 1].lower_ == "the" else k - 1  # "head of the Agency, X"
    if k < e and of > lo and doc[of].lower_ == "of":
        found, factor = polity_key(ents, list(doc[k:e]))
        if found is not None:
            return (found, factor), of
    return None, i


def _title_of_polity(doc: Doc, ents: EntityView, i: int, lo: int) -> tuple[tuple[str, float] | None, int]:
    """"President of the United States Barack Obama": a title with its polity, then the name."""
    k = run_start(ents, i, lo)
    if k == i or k - 1 <= lo:
        return None, i
    of = k - 2 if doc[k - 1].lower_ == "the" else k - 1
    if of <= lo or doc[of].lower_ != "of" or doc[of - 1].lower_ not in TITLE_HEADS | _TITLE_TAILS:
        return None, i
    found, factor = polity_key(ents, list(doc[k:i]))
    return ((found, factor), of) if found is not None else (None, i)


def _comma_title(doc: Doc, ents: EntityView, i: int, lo: int) -> tuple[bool, int]:
    """"Russia's foreign minister, Sergei Lavrov"; "Japan's ambassador to South Korea,
    Koichi Aiboshi" (the title is Japan's)."""
    if not (i - 2 >= lo and doc[i - 1].text == ","):
        return False, i
    if doc[i - 2].lower_ in TITLE_HEADS:
        return True, i - 1
    if ents.key_at(i - 2) is not None:
        k = run_start(ents, i - 1, lo)
        if k - 2 >= lo and doc[k - 1].lower_ == "to" and doc[k - 2].lower_ in _ENVOY_TITLES:
            return True, i - 1
        if k - 3 >= lo and doc[k - 1].lower_ == "the" and doc[k - 2].lower_ == "to" \
                and doc[k - 3].lower_ in _ENVOY_TITLES:
            return True, i - 1
    return False, i


def _title_head(doc: Doc, i: int, lo: int) -> int | None:
    """The title's head word just before token ``i`` (allowing "of Defense" after it)."""
    for h in range(i - 1, max(lo, i - 7) - 1, -1):
        if doc[h].lower_ in TITLE_HEADS and title_end(doc, h) == i:
            return h
        if _general_title(doc, h, lo):
            return h - 1 if doc[h - 1].lower_ in _GENERAL_TITLES else h - 2
        if not (doc[h].text[:1].isupper() or doc[h].lower_ in ("of", "for", "to", "the")):
            return None
    return None


def _office_without_polity_before(ctx: SentenceContext, person: PersonRun, title: str, t_start: int) -> Office:
    """"Defence Minister X of Australia"; else the setting's country; else a bare office."""
    doc, ents, lo = ctx.sent.doc, ctx.entities, ctx.sent.start
    p_end = person.end
    if p_end + 1 < len(doc) and doc[p_end].lower_ == "of":
        start = p_end + 2 if doc[p_end + 1].lower_ == "the" else p_end + 1  # "of the Netherlands"
        found, factor = polity_key(ents, list(doc[start:run_end(ents, start, len(doc))]))
        if found is not None:  # a country, or a body of states ("Director General X of the IAEA")
            return Office(person.key, title, found, round(0.9 * factor, 2), "office-name-of-country")
    if ctx.setting is not None:
        return Office(person.key, title, ctx.setting, 0.6, "office-implied-by-setting")
    return Office(person.key, title, "", 0.0, "bare", former_before(doc, t_start, lo))


# ---------------------------------------------------------------- the title after the name

def title_after(ctx: SentenceContext, person: PersonRun) -> list[Office]:
    """PERSON, [POLITY's|DEMONYM] TITLE [of POLITY][, POLITY]:
    "Anwar Sadat, President of Egypt", "Park Jin, South Korea's foreign minister"."""
    doc, hi = ctx.sent.doc, ctx.sent.end
    j = person.end
    while j < hi and doc[j].lower_.rstrip(".") in _NAME_SUFFIXES:
        j += 1
    if j >= hi or doc[j].text != ",":
        return []
    j += 1
    # "X, who serves as Japan's defense minister", "X, who later became Chile's president"
    if j + 2 < hi and doc[j].lower_ == "who":
        after = copula_end(doc, j + 1, hi)
        if after is None:
            return []
        j = after
    out: list[Office] = []
    while j is not None and j < hi:
        j = apposition_title(ctx, person.key, j, out)
    return out


_COPULAS = frozenset("be become serve remain act work".split())
_APPOINTED = frozenset("elect appoint name nominate swear reelect install".split())
_VERB_FILLERS = frozenset("""also later previously formerly once then now still currently briefly
subsequently eventually again has have had been being is was were""".split())


def copula_end(doc: Doc, j: int, hi: int) -> int | None:
    """The token after "is", "was", "became", "served as", "was elected", "has been"
    ... starting at ``j`` (adverbs and auxiliaries allowed), or None."""
    seen = False
    k = j
    while k < hi and k - j < 6:
        t = doc[k]
        if t.lemma_ in _COPULAS or t.lemma_ in _APPOINTED:
            seen = True
        elif t.lower_ not in _VERB_FILLERS and not (t.lower_ == "in" and doc[k - 1].lemma_ == "swear"):
            break
        k += 1
    if not seen:
        return None
    if k < hi and doc[k].lower_ == "as":
        k += 1
    return k


def apposition_title(ctx: SentenceContext, person: str, j: int, out: list[Office],
                      bare_ok: bool = False) -> int | None:
    """One title of an apposition from token ``j``, appended to ``out``; the token where
    a further title starts ("Deputy Prime Minister and Minister for Defence"), or None."""
    doc, ents, hi = ctx.sent.doc, ctx.entities, ctx.sent.end
    k = j
    while k < hi and (doc[k].lower_ in {"the", "a", "an", "-"} | FORMER or doc[k].lower_.rstrip("-") in FORMER):
        k += 1
    former = any(t.lower_.rstrip("-") in FORMER for t in doc[j:k])
    polity = None
    factor = 0.0
    # polity before the title: "South Korea's", "Japanese", "U.S. Space Command"
    m = k
    while m < hi and not (doc[m].lower_ in TITLE_HEADS or doc[m].lower_ in TITLE_MODIFIERS) and m - k < 5:
        m += 1
    if m > k:
        polity, factor = polity_key(ents, list(doc[k:m]), allow_capital=doc[m - 1].tag_ == "POS")
        if polity is None:
            return None
    h = m
    while h < hi and (doc[h].lower_ in TITLE_MODIFIERS or doc[h].lower_ in TITLE_HEADS):
        h += 1
    if h == m or (doc[h - 1].lower_ not in TITLE_HEADS and not _general_title(doc, h - 1, m)):
        return None
    t_end = title_end(doc, h - 1)
    title = _title_text(doc, m, t_end)
    if polity is not None and envoy_to_body(ents, polity, doc[h - 1].lower_):
        polity, title, bare_ok = None, _title_text(doc, k, t_end), True  # "the UN ambassador"
    if t_end < hi and (ents.cls_of(ents.key_at(t_end)) == PERSON or doc[t_end].tag_ == "POS"):
        return None  # "X, with Australian prime minister Y": the title is Y's; "the president's aide"
    n = t_end
    if polity is None:
        polity, factor, n = _polity_after_title(doc, ents, n, hi)
    if polity is not None:
        start, end = period_after(doc, n, hi)
        out.append(Office(person, title, polity, round(0.9 * factor, 2), "office-apposition", former, start, end))
    elif bare_ok:
        start, end = period_after(doc, n, hi)
        out.append(Office(person, title, "", 0.0, "bare", former, start, end))
    if n < hi and doc[n].lower_ == "and" and n + 1 < hi and doc[n + 1].text[:1].isupper():
        return n + 1
    return None


def _polity_after_title(doc: Doc, ents: EntityView, n: int, hi: int) -> tuple[str | None, float, int]:
    """"President of Egypt", "President of the Philippines", "Prime Minister, Australia"."""
    polity, factor = None, 0.0
    if n + 1 < hi and doc[n].lower_ == "of":
        e = run_end(ents, n + 2, hi) if doc[n + 1].lower_ == "the" else run_end(ents, n + 1, hi)
        polity, factor = polity_key(ents, list(doc[n + 1:e]))
        n = e
    if polity is None and n + 1 < hi and doc[n].text == ",":
        e = run_end(ents, n + 1, hi)
        if e > n + 1:
            polity, factor = polity_key(ents, list(doc[n + 1:e]))
            if polity is not None and ents.cls_of(polity) != COUNTRY:
                polity = None
            n = e if polity is not None else n
    return polity, factor, n
