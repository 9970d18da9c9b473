"""The gold-facts format read by ``kg eval`` (described in the README, "Gold facts").

A JSON object maps each document's file name to ``{relation: [fact, ...]}`` with the
relations officeholder, agreement_date, agreement_party, launch and entities, and an
optional ``optional`` object of the same shape. :func:`load_gold` reads and checks a
file; :func:`pooled` gathers a relation's facts over documents; :func:`alias_table`
resolves a gold name to the names it stands for.
"""
from __future__ import annotations

import fnmatch
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from extract.errors import KgError

from .resolve import fold as norm  # the scorer's name matching is the resolver's folding

GOLD_KEYS = {"officeholder": ("person", "title", "of"), "agreement_date": ("agreement", "date"),
             "agreement_party": ("agreement", "party"), "launch": ("agent", "date"),
             "entities": ("name", "type")}


class EvalError(KgError):
    """A gold file or a --docs selection can't be used."""


def load_gold(path: str | Path) -> dict:
    """The gold file as ``{file name: {relation: [facts]}}``, checked; EvalError names the problem."""
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvalError(f"{path}: can't read the gold file ({exc.strerror})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvalError(f"{path}: not a JSON gold file ({exc})") from exc
    check_gold(gold, str(path))
    return gold


def fact_problem(relation: str, fact) -> str | None:
    """What is wrong with one gold fact, or None."""
    if not isinstance(fact, dict):
        return "must be an object"
    missing = [repr(k) for k in GOLD_KEYS[relation] if not isinstance(fact.get(k), str)]
    if missing:
        return f"needs a text {', '.join(missing)}"
    aliases = fact.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        return "'aliases' must be a list of texts"
    if fact.get("count") is not None and (not isinstance(fact["count"], int) or isinstance(fact["count"], bool)):
        return f"'count' must be a whole number or null, not {fact['count']!r}"
    return None


def check_gold(gold, where: str = "gold") -> None:
    """Raise EvalError, naming the document and fact, unless ``gold`` has the gold format."""
    if not isinstance(gold, dict) or not all(isinstance(v, dict) for v in gold.values()):
        raise EvalError(f"{where}: expected an object mapping file names to objects of facts")
    for doc, facts in gold.items():
        optional = facts.get("optional", {})
        if not isinstance(optional, dict):
            raise EvalError(f"{where}: {doc}: 'optional' must be an object of relations")
        for part, label in ((facts, ""), (optional, "optional ")):
            for relation in GOLD_KEYS:
                items = part.get(relation, [])
                if not isinstance(items, list):
                    raise EvalError(f"{where}: {doc}: {label}{relation} must be a list of facts")
                for i, fact in enumerate(items):
                    problem = fact_problem(relation, fact)
                    if problem:
                        raise EvalError(f"{where}: {doc}: {label}{relation}[{i}] {problem}")


def select_documents(gold: Mapping[str, dict], patterns: Sequence[str] | None) -> list[str]:
    """Gold file names matching any glob (against the name or its stem); all when no pattern."""
    names = list(gold)
    if not patterns:
        return names
    globs = [p.strip() for item in patterns for p in item.split(",") if p.strip()]
    chosen = [n for n in names if any(fnmatch.fnmatchcase(n, g) or fnmatch.fnmatchcase(Path(n).stem, g)
                                      for g in globs)]
    if not chosen:
        example = names[0] if names else "(the gold file is empty)"
        raise EvalError(f"--docs {','.join(globs)!r} matches no gold document (e.g. {example!r})")
    return chosen


def pooled(gold: Mapping[str, dict], docs: Iterable[str], relation: str, optional: bool = False):
    """``[(fact, first document)]`` over ``docs``, exact duplicates dropped."""
    seen, out = set(), []
    for doc in docs:
        part = gold[doc].get("optional", {}) if optional else gold[doc]
        for fact in part.get(relation, []):
            key = json.dumps(fact, sort_keys=True)
            if key not in seen:
                seen.add(key)
                out.append((fact, doc))
    return out


def alias_table(entities) -> Callable[[str], set[str]]:
    """``wanted(name)``: the normalised names a gold name stands for (itself and its aliases)."""
    table: dict[str, set[str]] = {}
    for ent, _ in entities:
        table.setdefault(norm(ent["name"]), {norm(ent["name"])}).update(norm(a) for a in ent.get("aliases", []))
    return lambda name: table.get(norm(name), {norm(name)})
