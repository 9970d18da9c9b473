"""Cross-document entity resolution: which nodes are one real-world thing.

Each rule is a small pure function over plain node views and proposes merges
(``Merge(old, new, rule)``) with the rule's name, so every merge can be
explained in the graph. Rules never cross classes (a person is never merged
with a place) and never guess: a short name that fits two full names stays its
own node and is reported as ambiguous.

Rules, in order:
- ``shared-name``: agreements and organisations that share a name or an alias
  ("GSOMIA" in one article, "General Security of ... (GSOMIA)" in another);
- ``spelling``: the same name up to case, accents, hyphens, dots and spaces
  ("Kim Il-sung" / "Kim Il Sung", "U.S. Space Command" / "US Space Command");
- ``name-order``: two- and three-part names whose parts all agree in another
  order ("Hayashi Yoshimasa" / "Yoshimasa Hayashi");
- ``acronym-expansion``: a name with an acronym the corpus spells out elsewhere
  ("UN Security Council" / "United Nations Security Council");
- ``acronym``: an acronym made of the initials or leading syllables of exactly
  one longer name ("USSPACECOM" / "U.S. Space Command");
- ``partial-name``: a person's surname or partial name that fits exactly one
  fuller name in the corpus, with compatible given names ("Blinken" / "Antony
  Blinken"; never "Clinton" when both "Bill Clinton" and "Hillary Clinton" occur);
- ``of-inversion``: "Treaty of Moscow" and "Moscow Treaty";
- ``place-qualifier``: a city and the same city with its district or state
  ("Washington" / "Washington, D.C."), both typed as cities by the text.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from extract import gazetteer
from extract.model import AGREEMENT, CITY, COUNTRY, GOVERNMENT_ORGANIZATION, ORGANIZATION, PERSON, PLACE

ORG_CLASSES = frozenset({ORGANIZATION, GOVERNMENT_ORGANIZATION})
_FAMILY = {GOVERNMENT_ORGANIZATION: ORGANIZATION}
_FUNCTION_WORDS = frozenset("of the and for on in to de".split())
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,11}$")
_AGREEMENT_HEADS = frozenset("treaty agreement accord accords pact convention protocol declaration".split())
_NAMED = frozenset({PERSON, CITY, PLACE, AGREEMENT}) | ORG_CLASSES
_INITIAL = re.compile(r"^[A-Za-z]\.?$")


@dataclass(frozen=True)
class NodeView:
    """What the rules may read of a node."""

    key: str
    label: str
    cls: str
    aliases: frozenset[str]
    mentions: int


@dataclass(frozen=True)
class Merge:
    old: str
    new: str
    rule: str


def family(cls: str) -> str:
    """Classes that may merge with each other: organisations and government ones."""
    return _FAMILY.get(cls, cls)


def fold(text: str) -> str:
    """Case, accents, apostrophes and a leading "the" off; words kept apart."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("’", "'").replace("'s ", " ")
    text = re.sub(r"[^\w\s]", "", text)
    return re.sub(r"^the ", "", re.sub(r"\s+", " ", text).strip())


def loose(text: str) -> str:
    """``fold`` with the word breaks dropped too: "Kim Il-sung" == "Kim Il Sung"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"^the\s+", "", text.strip())
    return re.sub(r"[\W_]+", "", text)


def _names(node: NodeView) -> set[str]:
    return {node.label, *node.aliases}


# ---------------------------------------------------------------- rules

def shared_name(nodes: Iterable[NodeView]) -> list[Merge]:
    """Agreements and organisations sharing a folded name or alias."""
    owner: dict[str, str] = {}
    out = []
    for node in nodes:
        if node.cls not in ORG_CLASSES | {AGREEMENT}:
            continue
        keys = sorted(fold(n) for n in _names(node))
        target = next((owner[k] for k in keys if k in owner), None)
        if target is not None:
            out.append(Merge(node.key, target, "shared-name"))
        for k in keys:
            owner.setdefault(k, target or node.key)
    return out


def spelling(nodes: Iterable[NodeView]) -> list[Merge]:
    """The same name up to case, accents, hyphens, dots and spaces, same class."""
    owner: dict[tuple[str, str], str] = {}
    out = []
    for node in nodes:
        if node.cls not in _NAMED:
            continue
        k = (family(node.cls), loose(node.label))
        if len(k[1]) < 3:
            continue
        if k in owner:
            out.append(Merge(node.key, owner[k], "spelling"))
        else:
            owner[k] = node.key
    return out


def name_order(nodes: Iterable[NodeView]) -> list[Merge]:
    """Persons whose two or three name parts agree in another order."""
    owner: dict[tuple[str, ...], str] = {}
    out = []
    for node in nodes:
        if node.cls != PERSON:
            continue
        parts = tuple(sorted(fold(node.label).replace("-", " ").split()))
        if not 2 <= len(parts) <= 3:
            continue
        if parts in owner:
            out.append(Merge(node.key, owner[parts], "name-order"))
        else:
            owner[parts] = node.key
    return out


def _expansions(nodes: Iterable[NodeView]) -> dict[str, str]:
    """Acronym -> folded long form, as the corpus itself spells them out
    ("United Nations" with the alias "UN"), plus the gazetteer's country codes."""
    out: dict[str, str] = {}
    for node in nodes:
        if node.cls not in ORG_CLASSES | {COUNTRY, AGREEMENT}:
            continue
        for alias in _names(node):
            compact = alias.replace(".", "")
            if _ACRONYM.match(compact) and compact != node.label and " " in node.label:
                out.setdefault(compact.lower(), fold(node.label))
    return out


def _expand(label: str, expansions: Mapping[str, str]) -> str:
    words = label.split()
    out = []
    for w in words:
        compact = w.replace(".", "").strip(",")
        country = gazetteer.country_by_name(w) if compact.isupper() and len(compact) <= 4 else None
        if compact.lower() in expansions:
            out.append(expansions[compact.lower()])
        elif country is not None:
            out.append(fold(country.name))
        else:
            out.append(fold(w))
    return " ".join(x for x in out if x)


def acronym_expansion(nodes: list[NodeView]) -> list[Merge]:
    """Organisations whose names agree once acronyms are spelled out."""
    expansions = _expansions(nodes)
    owner: dict[tuple[str, str], str] = {}
    out = []
    for node in nodes:
        if node.cls not in ORG_CLASSES | {AGREEMENT} or " " not in node.label:
            continue
        k = (family(node.cls), _expand(node.label, expansions))
        if k in owner:
            out.append(Merge(node.key, owner[k], "acronym-expansion"))
        else:
            owner[k] = node.key
    return out


def abbreviates(acronym: str, words: list[str]) -> bool:
    """True when ``acronym`` is made of leading letters of ``words`` in order: one
    or more letters of each word, function words optional ("USSPACECOM" of "US Space
    Command", "NATO" of "North Atlantic Treaty Organization")."""
    acronym = acronym.lower()
    # an acronym inside the name stands whole for its letters: "U.S. Navy" -> "USN", not "UN"
    whole = [w.replace(".", "").isupper() and len(w.replace(".", "")) > 1 for w in words if w.replace(".", "")]
    words = [w.lower().replace(".", "") for w in words if w.replace(".", "")]

    def fits(a: int, w: int) -> bool:
        if w == len(words):
            return a == len(acronym)
        word = words[w]
        if word in _FUNCTION_WORDS and fits(a, w + 1):
            return True
        n = 1
        while n <= len(word) and a + n <= len(acronym) and acronym[a:a + n] == word[:n]:
            if fits(a + n, w + 1):
                return True
            n += 1
        return False

    if len(words) < 2:
        return False
    if len(acronym) < 6:  # short acronyms are initials only: "NASA" is not "National Space Agency"
        firsts = [w if full else w[0] for w, full in zip(words, whole, strict=True)]
        letters = "".join(f for f, w in zip(firsts, words, strict=True) if w not in _FUNCTION_WORDS)
        return acronym in (letters, "".join(firsts))
    return fits(0, 0)


def acronym(nodes: list[NodeView]) -> list[Merge]:
    """An acronym node and the one longer name of its class it abbreviates; a
    leading country word of the long name may be left out ("CENTCOM")."""
    out = []
    longs = [n for n in nodes if " " in n.label and n.cls in ORG_CLASSES | {AGREEMENT}]
    for node in nodes:
        if node.cls not in ORG_CLASSES | {AGREEMENT} or not _ACRONYM.match(node.label):
            continue
        fits = []
        for other in longs:
            if family(other.cls) != family(node.cls):
                continue
            words = other.label.split()
            trimmed = words[1:] if gazetteer.country_by_name(words[0]) else words
            if abbreviates(node.label, words) or (trimmed is not words and abbreviates(node.label, trimmed)):
                fits.append(other.key)
        if len(fits) == 1:
            out.append(Merge(node.key, fits[0], "acronym"))
    return out


def _compatible(short: list[str], full: list[str]) -> bool:
    """Every part of ``short`` is a part of ``full`` (or its initial), in order,
    and the last parts agree: "Blinken" ~ "Antony Blinken", "A. Blinken" too."""
    if not short or len(short) > len(full) or short == full or short[-1] != full[-1]:
        return False
    i = 0
    for part in short[:-1]:
        while i < len(full) - 1 and not (full[i] == part or (_INITIAL.match(part) and full[i][0] == part[0])):
            i += 1
        if i >= len(full) - 1:
            return False
        i += 1
    return True


def partial_name(nodes: list[NodeView]) -> tuple[list[Merge], dict[str, list[str]]]:
    """A person's shorter name -> the one fuller name it fits; (merges, ambiguous)."""
    persons = [n for n in nodes if n.cls == PERSON]
    parts = {n.key: fold(n.label).split() for n in persons}
    out, ambiguous = [], {}
    for node in persons:
        short = parts[node.key]
        fits = [o.key for o in persons if o.key != node.key and _compatible(short, parts[o.key])]
        if len(short) == 1:  # a single name may also be the surname of a surname-first name
            fits += [o.key for o in persons if o.key != node.key and len(parts[o.key]) == 2
                     and parts[o.key][0] == short[0] and o.key not in fits]
        fits = _most_complete(fits, parts)
        if len(fits) == 1:
            out.append(Merge(node.key, fits[0], "partial-name"))
        elif len(fits) > 1:
            ambiguous[node.key] = sorted(fits)
    return out, ambiguous


def _most_complete(keys: list[str], parts: Mapping[str, list[str]]) -> list[str]:
    """Drop candidates that are themselves shorter forms of another candidate."""
    return [k for k in keys if not any(o != k and _compatible(parts[k], parts[o]) for o in keys)]


def _of_form(label: str) -> str | None:
    """"Treaty of Moscow" -> "moscow treaty"; None for other names."""
    words = fold(label).split()
    if len(words) >= 3 and words[1] == "of" and words[0] in _AGREEMENT_HEADS:
        return " ".join(words[2:] + words[:1])
    return None


def of_inversion(nodes: list[NodeView]) -> list[Merge]:
    """"Treaty of Moscow" and "Moscow Treaty": one agreement."""
    agreements = [n for n in nodes if n.cls == AGREEMENT]
    plain = {}
    for n in agreements:
        for name in sorted(_names(n)):
            plain.setdefault(fold(name), n.key)
    out = []
    for node in agreements:
        for name in sorted(_names(node)):
            inverted = _of_form(name)
            if inverted in plain and plain[inverted] != node.key:
                out.append(Merge(node.key, plain[inverted], "of-inversion"))
                break
    return out


def place_qualifier(nodes: list[NodeView]) -> list[Merge]:
    """"Washington" and "Washington, D.C.": one city when both are typed cities."""
    cities = {fold(n.label): n.key for n in nodes if n.cls == CITY}
    out = []
    for node in nodes:
        if node.cls not in (CITY, PLACE) or "," not in node.label:
            continue
        head = fold(node.label.split(",")[0])
        if node.cls == CITY and head in cities and cities[head] != node.key:
            out.append(Merge(cities[head], node.key, "place-qualifier"))
    return out


# ---------------------------------------------------------------- plan

def user_merges(nodes: list[NodeView], rules) -> list[Merge]:
    """The user's ``same`` rows (graph.aliases): every node named ``name`` into the one
    named ``canonical``, of the row's class if it gives one."""
    out = []
    for rule in rules:
        if not rule.same:
            continue
        fits = [n for n in nodes if rule.cls is None or family(n.cls) == family(rule.cls)]
        targets = [n.key for n in fits if fold(n.label) == fold(rule.canonical)] or \
            [n.key for n in fits if fold(rule.canonical) in {fold(a) for a in n.aliases}]
        if targets:
            out += [Merge(n.key, targets[0], "user-alias") for n in fits
                    if n.key != targets[0] and fold(rule.name) in {fold(x) for x in _names(n)}]
    return out


def _forbidden(rules) -> set[frozenset[str]]:
    return {frozenset((fold(r.name), fold(r.canonical))) for r in rules if not r.same}


def plan(nodes: Iterable[NodeView], rules=()) -> tuple[list[Merge], dict[str, list[str]]]:
    """Every merge the rules propose, chained to final targets, and the
    ambiguous short names. The user's rows (``rules``, graph.aliases) come first
    and may forbid merges. Nodes are visited most-mentioned first, so the
    better-attested name is kept."""
    views = {n.key: n for n in nodes}
    order = sorted(views, key=lambda k: (-views[k].mentions, k))
    forbidden = _forbidden(rules)
    merges: list[Merge] = []
    into: dict[str, str] = {}

    def live() -> list[NodeView]:
        return [views[k] for k in order if k not in into]

    def allowed(a: NodeView, b: NodeView) -> bool:
        names_a, names_b = {fold(x) for x in _names(a)}, {fold(x) for x in _names(b)}
        return not any(frozenset((x, y)) in forbidden for x in names_a for y in names_b if x != y)

    def apply(found: list[Merge]) -> None:
        for m in found:
            old, new = _root(m.old, into), _root(m.new, into)
            if old == new or (m.rule != "user-alias" and not allowed(views[old], views[new])):
                continue
            into[old] = new
            merges.append(Merge(old, new, m.rule))
            a, b = views[old], views[new]
            views[new] = NodeView(b.key, b.label, b.cls, b.aliases | _names(a), a.mentions + b.mentions)

    apply(user_merges(live(), rules))
    for rule in (shared_name, spelling, name_order, acronym, acronym_expansion, of_inversion, place_qualifier):
        apply(rule(live()))
    found, ambiguous = partial_name(live())
    apply(found)
    final = [Merge(m.old, _root(m.new, into), m.rule) for m in merges]
    return final, {k: [_root(c, into) for c in v] for k, v in ambiguous.items() if k not in into}


def _root(key: str, into: Mapping[str, str]) -> str:
    seen = set()
    while key in into and key not in seen:
        seen.add(key)
        key = into[key]
    return key
