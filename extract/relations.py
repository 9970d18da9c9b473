"""Relation rules over spaCy's parse and the resolved entities.

Each rule is a small function from a sentence to plain facts. Confidence:
- 0.9  the pattern ties both ends inside one phrase ("South Korean Foreign
       Minister Park Jin", "X, President of Egypt", "the pact, inked in November 2016");
- 0.8  both ends are tied through the dependency parse of one clause
       ("Pyongyang fired eight missiles on June 5");
- 0.7  an end is reached through a reference ("the pact", "the same year",
       "the North") or a capital city stands for its country;
- 0.6  an end is only implied by the setting ("In Tokyo on Tuesday, Chief
       Cabinet Secretary X said") or by an attribute ("the 1978 Camp David Accords").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import dates as datelib
from . import gazetteer
from .entities import ACRONYM, DocEntities, is_title_word, title_end
from .lexicon import (WEAPON_TEST_MODIFIERS, AGENT_NOUNS, AGREEMENT_HEADS, AGREEMENT_VERBS, FORMER, HEDGES, IN_FORCE_NOUNS,
                      IN_FORCE_VERBS, LAUNCH_NOUNS, LAUNCH_VERBS, TITLE_HEADS, TITLE_MODIFIERS,
                      WEAPON_HEADS, WEAPON_WORDS)
from .model import (AGREEMENT, CITY, COUNTRY, END_DATE, GOVERNMENT_ORGANIZATION, IN_FORCE_DATE,
                    ORGANIZATION, PERSON, PLACE, SIGNED_DATE)

_POLITY_ORG_WORDS = frozenset("""nations union organization organisation alliance council command
bank fund court agency committee community treaty nato""".split())
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1,
            "single": 1, "dozen": 12, "a pair of": 2, "pair": 2}
DATE_KIND_PREDICATE = {"signed": SIGNED_DATE, "in_force": IN_FORCE_DATE, "end": END_DATE}


@dataclass(frozen=True)
class Office:
    person: str
    title: str
    polity: str
    confidence: float
    rule: str


@dataclass(frozen=True)
class AgreementDate:
    agreement: str
    kind: str
    value: str
    datatype: str
    confidence: float
    rule: str


@dataclass(frozen=True)
class Party:
    agreement: str
    party: str
    confidence: float
    rule: str


@dataclass
class Launch:
    agent: str | None
    date: tuple[str, str] | None
    quantity: int | None
    weapon: str | None
    location: str | None
    sent_index: int
    confidence: float
    rule: str


# ---------------------------------------------------------------- polities

def polity_key(ents: DocEntities, tokens, allow_capital: bool = False) -> tuple[str | None, float]:
    """The country or organisation a run of tokens names, with a confidence factor."""
    if not tokens:
        return None, 0
    tokens = [t for t in tokens if t.lower_ not in {"the", "'s", "'", "’s"} | FORMER and t.tag_ != "POS"]
    if not tokens:
        return None, 0
    keys = {ents.key_at(t.i) for t in tokens}
    text = " ".join(t.text for t in tokens if t.tag_ != "POS" and t.text not in ("'s", "'"))
    text = re.sub(r"^(?:the|The) ", "", text)
    if len(keys) == 1:
        key = next(iter(keys))
        cls = ents.cls_of(key)
        if cls == COUNTRY:
            return key, 1.0
        if cls in (ORGANIZATION, GOVERNMENT_ORGANIZATION):
            words = set(key.lower().split())
            if ACRONYM.match(key) or words & _POLITY_ORG_WORDS or gazetteer.country_by_name(key.split()[0]):
                return key, 1.0
            return None, 0
        if cls == CITY and allow_capital:
            country = gazetteer.country_by_capital(key)
            if country is not None:
                return ensure_country(ents, country.name), 0.8
    if not tokens[0].text[:1].isupper():
        return None, 0
    country = gazetteer.country_by_name(text) or gazetteer.country_by_demonym(text)
    if country is not None:
        return ensure_country(ents, country.name), 1.0
    return None, 0


def ensure_country(ents: DocEntities, name: str) -> str:
    if name not in ents.entities:
        ents.add(name, COUNTRY, [], None)
    return name


def polity_before(doc, ents: DocEntities, i: int, lo: int) -> tuple[str | None, float, int]:
    """A polity phrase ending just before token ``i`` ("South Korean", "Japan's", "U.S.")."""
    j = i
    while j > lo and doc[j - 1].lower_ in {"'s", "'", "’s", "new", "current", "the"} | FORMER:
        j -= 1
    end = j
    if end <= lo:
        return None, 0, i
    # a parenthesised acronym after the polity: "Republic of Korea (ROK)"
    if doc[end - 1].text == ")" and end - 3 >= lo and doc[end - 3].text == "(":
        end -= 3
    key = ents.key_at(end - 1)
    if key is not None:
        start = end - 1
        while start > lo and ents.key_at(start - 1) == key:
            start -= 1
        allow_capital = doc[end].tag_ == "POS" if end < len(doc) else False
        found, factor = polity_key(ents, list(doc[start:end]), allow_capital=allow_capital)
        if found:
            return found, factor, start
        if ents.cls_of(key) == GOVERNMENT_ORGANIZATION and start > lo:
            # "China's Foreign Ministry spokesperson": the ministry's country
            found, factor, s2 = polity_before(doc, ents, start, lo)
            if found and ents.cls_of(found) == COUNTRY:
                return found, factor * 0.9, s2
    for width in (3, 2, 1):
        start = end - width
        if start < lo:
            continue
        found, factor = polity_key(ents, list(doc[start:end]))
        if found:
            return found, factor, start
    return None, 0, i


# ---------------------------------------------------------------- officeholders

def _title_start(doc, head: int, lo: int) -> int:
    """Leftmost token of the title whose head is ``head``."""
    s = head
    while s > lo:
        prev = doc[s - 1]
        if prev.ent_type_ in ("NORP", "GPE") or prev.lower_ in FORMER:
            break
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


def _title_text(doc, s: int, e: int) -> str:
    return doc[s:e].text.strip()


def officeholders(sent, ents: DocEntities, setting: str | None, positions=None) -> list[Office]:
    doc = sent.doc
    lo, hi = sent.start, sent.end
    out: list[Office] = []
    for tok in (sent if positions is None else (sent.doc[i] for i in positions)):
        key = ents.key_at(tok.i)
        if key is None or ents.cls_of(key) != PERSON or (tok.i > lo and ents.key_at(tok.i - 1) == key):
            continue
        p_start = tok.i
        p_end = p_start
        while p_end < hi and ents.key_at(p_end) == key:
            p_end += 1
        out.extend(_title_before(doc, ents, key, p_start, lo, setting, p_end))
        out.extend(_title_after(doc, ents, key, p_end, hi))
    return out


def _title_before(doc, ents, person, p_start, lo, setting, p_end=None) -> list[Office]:
    """[POLITY] TITLE PERSON: "South Korean Foreign Minister Park Jin";
    TITLE of POLITY, PERSON: "the Foreign Minister of Japan, X";
    TITLE PERSON of POLITY: "Defence Minister X of Australia"."""
    i = p_start
    while i > lo and doc[i - 1].lower_.rstrip(".") in _RANKS and not _general_title(doc, i - 1, lo):
        i -= 1
    comma_of = None
    if i - 1 > lo and doc[i - 1].text == ",":
        # "the Foreign Minister of Japan, X": a title with its country, then the name
        e = i - 1
        k = e
        while k > lo and ents.key_at(k - 1) is not None and ents.key_at(k - 1) == ents.key_at(e - 1):
            k -= 1
        if k < e and k - 1 > lo and doc[k - 1].lower_ == "of":
            found, factor = polity_key(ents, list(doc[k:e]))
            if found is not None:
                comma_of = (found, factor)
                i = k - 1
    comma_title = False
    if comma_of is None and i - 2 >= lo and doc[i - 1].text == ",":
        if doc[i - 2].lower_ in TITLE_HEADS:
            comma_title = True  # "Russia's foreign minister, Sergei Lavrov"
            i -= 1
        elif ents.key_at(i - 2) is not None:
            # "Japan's ambassador to South Korea, Koichi Aiboshi": the title is Japan's
            k = i - 2
            while k > lo and ents.key_at(k - 1) == ents.key_at(i - 2):
                k -= 1
            if k - 2 >= lo and doc[k - 1].lower_ == "to" and doc[k - 2].lower_ in _ENVOY_TITLES:
                comma_title = True
                i = k - 1
    # find the title head just before the name (allowing "of Defense" after it)
    head = None
    for h in range(i - 1, max(lo, i - 6) - 1, -1):
        if doc[h].lower_ in TITLE_HEADS and title_end(doc, h) in (i, i + 0):
            head = h
            break
        if _general_title(doc, h, lo):
            head = h - 1 if doc[h - 1].lower_ in _GENERAL_TITLES else h - 2
            break
        if not (doc[h].text[:1].isupper() or doc[h].lower_ in ("of", "for")):
            break
    if head is None:
        return []
    t_start = _title_start(doc, head, lo)
    t_end = i
    title = _title_text(doc, t_start, t_end)
    if comma_of is not None:
        if t_start - 1 >= lo and doc[t_start - 1].lower_ in {"the"} | FORMER:
            return [Office(person, title, comma_of[0], round(0.9 * comma_of[1], 2), "office-title-of-country")]
        return []
    polity, factor, p_start = polity_before(doc, ents, t_start, lo)
    if polity is not None:
        former = any(t.lower_ in FORMER for t in doc[max(lo, p_start - 1):t_start])
        return [Office(person, title, polity, round(0.9 * factor, 2),
                       "office-title-before-name" + ("/former" if former else ""))]
    if comma_title:
        return []
    # "Defence Minister X of Australia"
    if p_end is not None and p_end + 1 < len(doc) and doc[p_end].lower_ == "of":
        e = p_end + 1
        while e < len(doc) and ents.key_at(e) is not None and ents.key_at(e) == ents.key_at(p_end + 1):
            e += 1
        found, factor = polity_key(ents, list(doc[p_end + 1:e]))
        if found is not None and ents.cls_of(found) == COUNTRY:
            return [Office(person, title, found, round(0.9 * factor, 2), "office-name-of-country")]
    if setting is not None:
        return [Office(person, title, setting, 0.6, "office-implied-by-setting")]
    former = t_start > lo and doc[t_start - 1].lower_ in FORMER
    return [Office(person, title, "", 0.0, "former" if former else "bare")]


def _general_title(doc, h: int, lo: int) -> bool:
    """Token ``h`` is the "General" of "Secretary General" / "Secretary-General"."""
    if doc[h].lower_ != "general":
        return False
    if h - 1 >= lo and doc[h - 1].lower_ in _GENERAL_TITLES:
        return True
    return h - 2 >= lo and doc[h - 1].text in ("-", "‐") and doc[h - 2].lower_ in _GENERAL_TITLES


_ENVOY_TITLES = frozenset("ambassador envoy representative ambassadors envoys".split())
_RANKS = frozenset("gen general adm admiral lt col maj capt honourable honorable right brig".split())
_GENERAL_TITLES = frozenset("secretary attorney governor surgeon director inspector".split())


def _title_after(doc, ents, person, p_end, hi) -> list[Office]:
    """PERSON, [POLITY's|DEMONYM] TITLE [of POLITY][, POLITY]:
    "Anwar Sadat, President of Egypt", "Park Jin, South Korea's foreign minister"."""
    j = p_end
    while j < hi and doc[j].lower_.rstrip(".") in ("mp", "jr", "sr", "ii", "iii", "iv"):
        j += 1
    if j >= hi or doc[j].text != ",":
        return []
    j += 1
    # "X, who serves as Japan's defense minister"
    if j + 2 < hi and doc[j].lower_ == "who" and doc[j + 1].lemma_ in ("serve", "be", "work", "act"):
        j += 2
        if doc[j].lower_ == "as":
            j += 1
    out = []
    while j < hi:
        k = j
        while k < hi and doc[k].lower_ in {"the", "a"} | FORMER:
            k += 1
        polity = None
        factor = 0.0
        # polity before the title: "South Korea's", "Japanese", "U.S. Space Command"
        m = k
        while m < hi and not (doc[m].lower_ in TITLE_HEADS or doc[m].lower_ in TITLE_MODIFIERS) and m - k < 5:
            m += 1
        if m > k:
            polity, factor = polity_key(ents, list(doc[k:m]), allow_capital=doc[m - 1].tag_ == "POS")
            if polity is None:
                return out
        t_start = m
        if m > k and doc[k - 1].lower_ in FORMER:
            t_start = m  # keep the title as the office, "former" is said by the rule name
        h = m
        while h < hi and (doc[h].lower_ in TITLE_MODIFIERS or doc[h].lower_ in TITLE_HEADS):
            h += 1
        if h == t_start or doc[h - 1].lower_ not in TITLE_HEADS:
            return out
        t_end = title_end(doc, h - 1)
        title = _title_text(doc, t_start, t_end)
        n = t_end
        if n < hi and ents.cls_of(ents.key_at(n)) == PERSON:
            return out  # "X, with Australian prime minister Y": the title is Y's
        if polity is None and n + 1 < hi and doc[n].lower_ == "of":
            e = n + 1
            while e < hi and ents.key_at(e) is not None and ents.key_at(e) == ents.key_at(n + 1):
                e += 1
            if doc[n + 1].lower_ == "the":
                e = n + 2
                while e < hi and ents.key_at(e) is not None and ents.key_at(e) == ents.key_at(n + 2):
                    e += 1
            polity, factor = polity_key(ents, list(doc[n + 1:e]))
            n = e
        if polity is None and n + 1 < hi and doc[n].text == ",":
            e = n + 1
            while e < hi and ents.key_at(e) is not None and ents.key_at(e) == ents.key_at(n + 1):
                e += 1
            if e > n + 1:
                polity, factor = polity_key(ents, list(doc[n + 1:e]))
                if polity is not None and ents.cls_of(polity) != COUNTRY:
                    polity = None
                n = e if polity is not None else n
        if polity is not None:
            out.append(Office(person, title, polity, round(0.9 * factor, 2), "office-apposition"))
        if n < hi and doc[n].lower_ == "and" and n + 1 < hi and doc[n + 1].text[:1].isupper():
            j = n + 1  # "Deputy Prime Minister and Minister for Defence, Australia"
            pending = out[-1:] if polity is None else []
            continue
        break
    return out


def resolve_bare_offices(offices, ents: DocEntities, document) -> list:
    """Give titles met without a country the country the document implies:
    - the same title of the same ministry named with its country ("Defense
      Minister X" and "the Japanese Defense Ministry") -> 0.7;
    - succession: a bare "President X" where a "former [country] President Y"
      was named -> that country, 0.6;
    - the government that published the document (a .gov, .mil or
      .gov.<country> address) for a person with no other office found -> 0.6.
    Offices with their country pass through unchanged."""
    out = []
    placed = {o.person for o, _ in offices if o.polity}
    former_titles: dict[str, set[str]] = {}
    for o, _ in offices:
        if o.polity and o.rule.endswith("/former"):
            former_titles.setdefault(_bare_title(o.title), set()).add(o.polity)
    publisher = _publisher_country(document, ents)
    for o, ev in offices:
        if o.polity:
            out.append((o, ev))
            continue
        if o.person in placed:
            continue
        ministry = _ministry_country(o.title, ents)
        if ministry is not None:
            out.append((Office(o.person, o.title, ministry, 0.7, "office-implied-by-ministry"), ev))
            continue
        succ = former_titles.get(_bare_title(o.title), set())
        if len(succ) == 1 and o.rule != "former":
            out.append((Office(o.person, o.title, next(iter(succ)), 0.6, "office-implied-by-succession"), ev))
            continue
        if publisher is not None:
            out.append((Office(o.person, o.title, publisher, 0.6, "office-implied-by-publisher"), ev))
    return out


def _bare_title(title: str) -> str:
    return " ".join(w for w in title.lower().split() if w not in FORMER)


def _ministry_country(title: str, ents: DocEntities) -> str | None:
    words = title.split()
    if len(words) < 2 or words[-1].lower() != "minister":
        return None
    field_ = " ".join(words[:-1]).lower()
    found = set()
    for ent in ents.entities.values():
        label = ent.label.lower()
        for form in (f"{field_} ministry", f"ministry of {field_}"):
            if label.endswith(form) and label != form:
                country = gazetteer.country_by_demonym(ent.label[: len(ent.label) - len(form)].strip())
                if country is not None:
                    found.add(ensure_country(ents, country.name))
    return next(iter(found)) if len(found) == 1 else None


def _publisher_country(document, ents: DocEntities) -> str | None:
    from urllib.parse import urlparse

    url = document.url or ""
    host = urlparse(url).hostname or ""
    parts = host.lower().split(".")
    if len(parts) < 2:
        return None
    if parts[-1] in ("gov", "mil"):
        return ensure_country(ents, "United States")
    if len(parts) >= 3 and parts[-2] in ("gov", "go", "govt", "mil") and len(parts[-1]) == 2:
        code = "GB" if parts[-1] == "uk" else parts[-1].upper()
        country = gazetteer.country_by_code(code)
        if country is not None:
            return ensure_country(ents, country.name)
    return None


def implied_setting(sent, ents: DocEntities) -> str | None:
    """The country a sentence is set in: "In Tokyo on Tuesday, ..." -> Japan."""
    first = sent[0]
    if first.lower_ != "in" or len(sent) < 3:
        return None
    key = ents.key_at(sent[1].i)
    if key is None:
        return None
    cls = ents.cls_of(key)
    if cls == COUNTRY:
        return key
    if cls == CITY:
        country = gazetteer.country_by_capital(key)
        if country is not None:
            return ensure_country(ents, country.name)
    return None


# ---------------------------------------------------------------- agreements

def agreement_ref(tok, ents: DocEntities, last_agreement: str | None) -> tuple[str | None, float]:
    """The agreement a token refers to: its entity; "the pact" -> the last one named;
    "X was a treaty signed ..." -> X."""
    key = ents.key_at(tok.i)
    if key is not None and ents.cls_of(key) == AGREEMENT:
        return key, 1.0
    for child in tok.children:
        ck = ents.key_at(child.i)
        if ck is not None and ents.cls_of(ck) == AGREEMENT and child.dep_ in ("compound", "nmod", "amod", "appos"):
            return ck, 1.0
    if tok.lower_ in AGREEMENT_HEADS:
        # "a reciprocal access agreement" when "the Reciprocal Access Agreement" is named
        words = [t.lower_ for t in tok.doc[tok.left_edge.i:tok.i]
                 if t.dep_ not in ("det", "poss", "nummod", "case") and t.is_alpha] + [tok.lower_]
        if len(words) >= 2:
            phrase = " ".join(words)
            same = [k for k, e in ents.entities.items() if e.cls == AGREEMENT and k.lower() == phrase]
            if len(same) == 1:
                return same[0], 0.9
        # "The Lahore Declaration was a bilateral agreement and treaty signed ..."
        head = tok
        while head.dep_ == "conj" and head.head is not head:
            head = head.head
        if head.dep_ == "attr" and head.head.lemma_ == "be":
            subjects = [c for c in head.head.children if c.dep_ == "nsubj"]
            for c in subjects:
                ck = ents.key_at(c.i)
                if ck is not None and ents.cls_of(ck) == AGREEMENT:
                    return ck, 1.0
            if all(ents.key_at(c.i) is None and c.pos_ not in ("NOUN", "PRON") for c in subjects):
                # a parse broken by an aside: the agreement the sentence opens with
                for t in tok.sent:
                    if t.i >= head.head.i:
                        break
                    ck = ents.key_at(t.i)
                    if ck is not None:
                        if ents.cls_of(ck) == AGREEMENT:
                            return ck, 0.8
                        break
        last = ents.last_agreement_before(tok.i)
        if last is not None and doc_the(tok) and tok.text.islower():
            return last, 0.8
    return None, 0


def doc_the(tok) -> bool:
    left = [c for c in tok.lefts]
    return any(c.lower_ in ("the", "this", "that") for c in left)


def _hedged(verb) -> bool:
    for t in [verb, *verb.children]:
        if t.lower_ in HEDGES or (t.dep_ == "neg"):
            return t is not verb or False
    head = verb.head
    if head is not verb and head.lemma_ in HEDGES:
        return True
    return False


def _dates_under(verb, ents: DocEntities, pubdate, anchor: str | None, stop: set[int]):
    """Date expressions attached to ``verb`` (not to a clause below it)."""
    doc = verb.doc
    found = []
    for t in verb.subtree:
        if any(a.lower_ in _NOT_EVENT_PREPS and a.dep_ == "prep" and a.i != verb.i for a in _path(t, verb)):
            continue
        if t.ent_type_ != "DATE" or (t.i > 0 and doc[t.i - 1].ent_type_ == "DATE" and doc[t.i - 1].ent_iob_ != "B"
                                     and t.ent_iob_ != "B"):
            continue
        if t.ent_iob_ != "B":
            continue
        # walk up: the first verb met must be this one
        h = t
        ok = True
        while h.i != verb.i:
            if h.head.i == h.i:
                ok = False
                break
            h = h.head
            if h.i == verb.i:
                break
            if h.i in stop or (h.pos_ in ("VERB",) and h.i != verb.i and h.dep_ not in ("amod",)):
                ok = False
                break
        if not ok:
            continue
        span = _ent_span(t)
        value = datelib.resolve(span.text, pubdate)
        if value is None and anchor and re.search(r"\bsame year\b", span.text, re.I):
            value = (anchor[:4], "gYear")
        if value is not None:
            found.append((value, span))
    return found


_NOT_WEAPON_WORDS = frozenset("more additional other further new several many multiple "
                              "unidentified suspected unspecified".split())
_NOT_EVENT_PREPS = frozenset({"after", "before", "since", "following", "until", "till", "prior", "ahead"})


def _path(t, top):
    out = []
    h = t
    while h.i != top.i and h.head is not h:
        out.append(h)
        h = h.head
    return out


def _ent_span(tok):
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return tok.doc[tok.i:tok.i + 1]


def agreement_dates(sent, ents: DocEntities, pubdate: str | None, state: dict, positions=None,
                    agreement_positions=None) -> tuple[list[AgreementDate], list[Party]]:
    dates_out: list[AgreementDate] = []
    parties: list[Party] = []
    for verb in (sent if positions is None else (sent.doc[i] for i in positions)):
        if verb.pos_ not in ("VERB", "AUX") and verb.dep_ != "acl":
            continue
        kind = AGREEMENT_VERBS.get(verb.lemma_.lower())
        conf = 0.9
        if verb.lemma_ in IN_FORCE_VERBS:
            if any(c.dep_ == "prep" and c.lower_ in ("into", "in") and
                   any(g.lemma_ in IN_FORCE_NOUNS for g in c.children) for c in verb.children):
                kind = "in_force"
        if kind is None:
            continue
        if verb.lemma_ in ("reach", "strike", "ratify", "withdraw", "collapse", "end"):
            conf = 0.7
        if _hedged(verb):
            continue
        if kind == "end" and verb.lemma_ in ("end", "terminate", "scrap", "abrogate", "annul") and \
                any(c.dep_ == "dobj" for c in verb.children) and \
                not any(agreement_ref(c, ents, None)[0] for c in verb.children if c.dep_ == "dobj"):
            continue  # "the pact ended the war": the agreement ended something else
        agreement, factor = _verb_agreement(verb, ents, None)
        if agreement is None:
            continue
        stop = set()
        anchor = state.get("dates", {}).get(agreement)
        for (value, dtype), span in _dates_under(verb, ents, pubdate, anchor, stop):
            dates_out.append(AgreementDate(agreement, kind, value, dtype, round(conf * factor, 2),
                                           f"agreement-{kind.replace('_', '-')}-date"))
            state.setdefault("dates", {})[agreement] = value
        for party, pf in _between_parties(verb, ents):
            parties.append(Party(agreement, party, round(0.8 * pf, 2), "agreement-party-between"))
    # "the 1978 Camp David Accords": a year as an attribute of the name
    for tok in (sent if agreement_positions is None else (sent.doc[i] for i in agreement_positions)):
        key = ents.key_at(tok.i)
        if key and ents.cls_of(key) == AGREEMENT and tok.i > sent.start and ents.key_at(tok.i - 1) != key:
            prev = tok.doc[tok.i - 1]
            if re.fullmatch(r"(1[89]|20)\d\d", prev.text) and not any(d.agreement == key for d in dates_out):
                dates_out.append(AgreementDate(key, "signed", prev.text, "gYear", 0.6, "agreement-year-attribute"))
    # "X joined the accords", "X and Y agreed to join"
    for verb in (sent if positions is None else (sent.doc[i] for i in positions)):
        if verb.lemma_ in ("join", "accede", "sign", "ratify", "ink", "conclude", "seal"):
            agreement, factor = _object_agreement(verb, ents, None)
            if agreement is None:
                continue
            for subj in _subjects(verb):
                for party, pf in _countries_in(subj, ents):
                    parties.append(Party(agreement, party, round(0.8 * factor * pf, 2),
                                         f"agreement-party-{verb.lemma_}"))
    return dates_out, parties


def _subjects(verb):
    subs = [c for c in verb.children if c.dep_ in ("nsubj",)]
    if not subs and verb.dep_ in ("xcomp", "conj") and verb.head.pos_ == "VERB":
        subs = [c for c in verb.head.children if c.dep_ in ("nsubj",)]
    out = []
    for s in subs:
        out.append(s)
        out.extend(c for c in s.conjuncts)
    return out


def _countries_in(tok, ents: DocEntities):
    key = ents.key_at(tok.i)
    if key is None:
        return []
    cls = ents.cls_of(key)
    if cls == COUNTRY:
        return [(key, 1.0)]
    if cls == CITY:
        country = gazetteer.country_by_capital(key)
        if country is not None:
            return [(ensure_country(ents, country.name), 0.8)]
    if cls in (ORGANIZATION, GOVERNMENT_ORGANIZATION) and ACRONYM.match(key):
        return [(key, 0.9)]
    return []


def _between_parties(verb, ents):
    out = []
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "between":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    for t in [obj, *obj.conjuncts]:
                        out.extend(_countries_in(t, ents))
                    if not out:
                        out.extend(_the_two(obj, ents))
    return out


_GROUP_NOUNS = frozenset("neighbors neighbours countries nations sides allies governments states".split())


def _the_two(obj, ents):
    """"between the two neighbors": the last two countries named before, if that is clear."""
    if obj.lower_ not in _GROUP_NOUNS or not any(c.lower_ in ("two", "2", "both") for c in obj.children):
        return []
    seen: list[str] = []
    for i in range(obj.i - 1, -1, -1):
        key = ents.key_at(i)
        if key is None:
            continue
        country = None
        cls = ents.cls_of(key)
        if cls == COUNTRY:
            country = key
        elif cls == CITY:
            c = gazetteer.country_by_capital(key)
            country = ensure_country(ents, c.name) if c else None
        if country and country not in seen:
            seen.append(country)
            if len(seen) == 2:
                break
        # stop at the previous paragraph
        if "\n\n" in obj.doc[i].whitespace_:
            break
    return [(c, 0.75) for c in seen] if len(seen) == 2 else []


def _verb_agreement(verb, ents: DocEntities, last: str | None):
    # passive subject / subject ("the treaty was signed", "the pact expired")
    for c in verb.children:
        if c.dep_ in ("nsubjpass", "nsubj"):
            a, f = agreement_ref(c, ents, last)
            if a:
                return a, f
            break
    # participle modifying the agreement: "The pact, inked in November 2016"
    if verb.dep_ in ("acl", "relcl") and verb.head is not verb:
        h = verb.head
        for _ in range(3):  # "an agreement on the nuclear program reached in ..."
            a, f = agreement_ref(h, ents, last)
            if a:
                return a, f
            if h.dep_ not in ("pobj", "prep") or h.head is h:
                break
            h = h.head
    # "Announced in ... and signed in ... on ..., the Accords were mediated"
    h = verb
    for _ in range(3):
        if h.dep_ not in ("advcl", "conj") or h.head is h:
            break
        h = h.head
        a, f = agreement_ref(h, ents, last)
        if a:
            return a, f * 0.9
        for c in h.children:
            if c.dep_ in ("nsubjpass", "nsubj"):
                a, f = agreement_ref(c, ents, last)
                if a:
                    return a, f * 0.9
    # "X withdrew from the agreement"
    a, f = _object_agreement(verb, ents, last)
    if a:
        return a, f
    # "the first treaty, NNAA, was signed in 1988" (a parse with no subject)
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        for back in range(verb.i - 1, max(verb.sent.start, verb.i - 4) - 1, -1):
            k = ents.key_at(back)
            if k is not None and ents.cls_of(k) == AGREEMENT:
                return k, 0.8
    return None, 0


def _object_agreement(verb, ents, last):
    for c in verb.children:
        if c.dep_ == "dobj":
            a, f = agreement_ref(c, ents, last)
            if a:
                return a, f
        if c.dep_ == "prep" and c.lower_ in ("from", "to", "of"):
            for o in c.children:
                if o.dep_ == "pobj":
                    a, f = agreement_ref(o, ents, last)
                    if a:
                        return a, f
    return None, 0


# ---------------------------------------------------------------- launches

def launches(sent, ents: DocEntities, pubdate: str | None, index: int, default_agent, positions=None) -> list[Launch]:
    out = []
    for tok in (sent if positions is None else (sent.doc[i] for i in positions)):
        lemma = tok.lemma_.lower()
        is_verb = tok.pos_ == "VERB" and (lemma in LAUNCH_VERBS or tok.lower_.startswith("test-fire"))
        is_noun = tok.pos_ == "NOUN" and tok.lower_ in LAUNCH_NOUNS
        if not (is_verb or is_noun):
            continue
        weapon_tok = _weapon(tok)
        if weapon_tok is None:
            continue
        if is_verb and _hedged(tok):
            continue
        if is_noun and tok.head.lemma_ in ("plan", "threaten", "prepare", "ban", "halt", "moratorium"):
            continue
        agent, factor = _launch_agent(tok, ents, is_verb, default_agent)
        found = _dates_under(tok, ents, pubdate, None, set())
        date = found[0][0] if found else None
        if is_noun and date is None and tok.dep_ == "dobj":
            verb = tok.head
            after = tok.right_edge.i + 1
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ in ("on", "in") and (
                        verb.lemma_ in ("conduct", "carry", "stage", "perform", "hold") or c.i == after):
                    for (value, span) in _dates_under(c, ents, pubdate, None, set()):
                        date = value
                        break
            if date is None and verb.lemma_ in ("conduct", "carry", "stage", "perform"):
                for (value, span) in _dates_under(verb, ents, pubdate, None, set()):
                    date = value
                    break
        dates = [date] if date else []
        if is_noun and date is None:
            # "North Korea's second ... missile test on July 28" / "the DPRK's August 24 launch";
            # "two tests ... on 7 July 2005 and 6 February 2006": one launch per date
            for t in tok.subtree:
                if t.ent_type_ == "DATE" and t.ent_iob_ == "B":
                    value = datelib.resolve(_ent_span(t).text, pubdate)
                    if value and value not in dates:
                        dates.append(value)
            if tok.lower_.endswith("s") is False:
                dates = dates[:1]
        if agent is None:
            # "the Chinese test came after two direct-ascent tests": the sibling's agent
            for other in sent:
                if other is not tok and other.lower_ in LAUNCH_NOUNS:
                    agent, f2 = _launch_agent(other, ents, False, default_agent)
                    if agent:
                        factor = f2 * 0.8
                        break
        qty = _quantity(weapon_tok)
        weapon = _weapon_text(weapon_tok)
        location = _location(tok, ents)
        rule = "launch-verb" if is_verb else "launch-noun"
        for value in dates or [None]:
            out.append(Launch(agent, value, qty if len(dates) <= 1 else None, weapon, location, index,
                              round(0.8 * factor, 2), rule))
    return out


def _weapon(tok):
    """The missile or rocket a launch word is about."""
    cands = []
    if tok.pos_ == "VERB":
        cands = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                cands += [o for o in c.children if o.dep_ == "pobj"]
    else:
        cands = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                cands += [o for o in c.children if o.dep_ == "pobj"]
        if tok.dep_ in ("dobj",) and tok.head.lemma_ in ("conduct", "carry"):
            pass
    for c in cands:
        if c.lower_ in WEAPON_HEADS or c.lower_ in WEAPON_WORDS:
            return c
        if c.dep_ == "pobj" and c.lower_ == "of":
            continue
        # "eight of the weapons", "a salvo of missiles"
        for g in c.children:
            if g.dep_ == "prep" and g.lower_ == "of":
                for o in g.children:
                    if o.lower_ in WEAPON_WORDS:
                        return c if c.like_num else o
    if tok.pos_ == "NOUN":
        for c in tok.lefts:
            if c.lower_ in WEAPON_HEADS or (tok.lemma_ == "test" and c.lower_ in WEAPON_TEST_MODIFIERS):
                return c
        if any(t.lower_ in WEAPON_HEADS for t in tok.subtree):
            for t in tok.subtree:
                if t.lower_ in WEAPON_HEADS:
                    return t
    return None


def _quantity(weapon_tok) -> int | None:
    for c in weapon_tok.children:
        if c.dep_ in ("nummod", "det", "quantmod"):
            low = c.lower_
            if low.isdigit():
                return int(low)
            if low in _NUMBERS and (low not in ("a", "an") or weapon_tok.tag_ in ("NN", "NNP")):
                return _NUMBERS[low]
    return None


def _weapon_text(weapon_tok) -> str:
    """The weapon as written, singular: "short-range ballistic missile"."""
    doc = weapon_tok.doc
    start = weapon_tok.i
    while start > weapon_tok.sent.start:
        prev = doc[start - 1]
        if prev.text == ")":  # "direct-ascent anti-satellite (DA-ASAT) missile"
            opening = next((k for k in range(start - 2, max(weapon_tok.sent.start, start - 8) - 1, -1)
                            if doc[k].text == "("), None)
            if opening is not None and opening > weapon_tok.sent.start:
                start = opening
                continue
            break
        if prev.like_num or prev.dep_ in ("det", "nummod", "poss", "case") or prev.tag_ == "POS" \
                or prev.pos_ not in ("ADJ", "NOUN", "PROPN", "PUNCT", "VERB") \
                or (prev.pos_ == "PUNCT" and prev.text not in ("-", "‐")) \
                or (prev.pos_ == "VERB" and prev.dep_ != "amod") or prev.ent_type_ in ("GPE", "NORP", "DATE"):
            break
        start -= 1
    while start < weapon_tok.i and doc[start].lower_ in _NOT_WEAPON_WORDS:
        start += 1
    text = "".join(t.text_with_ws if t.pos_ == "PROPN" or t.is_upper or t.like_num
                   or any(c.isdigit() for c in t.text) else t.text_with_ws.lower()
                   for t in doc[start:weapon_tok.i + 1]).strip()
    if weapon_tok.tag_ in ("NNS", "NNPS") and text.endswith("s") and not text.endswith("ss"):
        text = text[:-1]
    return re.sub(r"\s+", " ", text).strip(" -")


def _location(tok, ents):
    for t in tok.subtree:
        if t.dep_ == "pobj" and t.head.lower_ in ("into", "over", "near", "from", "off"):
            key = ents.key_at(t.i)
            if key is not None and ents.cls_of(key) in (PLACE, CITY) and key[:1].isupper():
                return key
    return None


def _launch_agent(tok, ents: DocEntities, is_verb: bool, default_agent):
    def resolve(t):
        key = ents.key_at(t.i)
        if key is not None:
            cls = ents.cls_of(key)
            if cls == COUNTRY:
                return key, 1.0
            if cls == CITY:
                c = gazetteer.country_by_capital(key)
                if c is not None:
                    return ensure_country(ents, c.name), 0.9
        if t.lower_ in ("it", "they") and t.head.dep_ == "ccomp" and t.head.head is not t.head:
            for c in t.head.head.children:
                if c.dep_ == "nsubj" and c.lower_ not in ("it", "they"):
                    r = resolve(c)
                    if r[0]:
                        return r[0], r[1] * 0.9
        if t.lower_ in AGENT_NOUNS | {"north", "south"} or t.lower_ in ("it", "they"):
            for c in t.children:
                if c.dep_ in ("amod", "compound", "poss"):
                    r = resolve(c)
                    if r[0]:
                        return r
            if t.lower_ == "north" and default_agent("north"):
                return default_agent("north"), 0.9
        country = gazetteer.country_by_demonym(t.text)
        if country is not None and t.dep_ in ("amod", "compound"):
            return ensure_country(ents, country.name), 0.9
        return None, 0

    if is_verb:
        for c in tok.children:
            if c.dep_ in ("nsubj",):
                return resolve(c)
            if c.dep_ == "agent":
                for o in c.children:
                    return resolve(o)
        if tok.dep_ in ("xcomp", "conj", "ccomp") and tok.head.pos_ in ("VERB", "AUX"):
            for c in tok.head.children:
                if c.dep_ == "nsubj":
                    return resolve(c)
    else:
        for c in tok.children:
            if c.dep_ == "poss":
                return resolve(c)
        for c in tok.children:
            if c.dep_ in ("amod", "compound"):
                r = resolve(c)
                if r[0]:
                    return r
        if tok.dep_ in ("dobj",) and tok.head.pos_ == "VERB":
            for c in tok.head.children:
                if c.dep_ == "nsubj":
                    return resolve(c)
    return None, 0
