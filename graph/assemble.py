"""Merging per-document results into one graph model.

The same key in several documents is one node; nodes that name one thing in
different ways are merged by the rules of ``graph.resolve``, and each merged
name keeps the rule and the documents behind it.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from extract.model import (
    AGREEMENT,
    AGREEMENT_EVENT,
    CITY,
    COUNTRY,
    GOVERNMENT_ORGANIZATION,
    MISSILE_LAUNCH,
    OFFICE_HOLDING,
    ORGANIZATION,
    PERSON,
    PLACE,
    Document,
    DocumentResult,
    Fact,
    event_key,
    event_label,
    parse_event_key,
    parse_role_key,
    role_key,
    role_label,
)

from . import resolve
from .resolve import NodeView

# a more specific class wins when documents disagree
_CLASS_RANK = {AGREEMENT_EVENT: 10, OFFICE_HOLDING: 10, MISSILE_LAUNCH: 9, AGREEMENT: 8, COUNTRY: 7, PERSON: 6, CITY: 5,
               GOVERNMENT_ORGANIZATION: 4, ORGANIZATION: 3, PLACE: 1}


@dataclass(frozen=True)
class Resolution:
    """A surface form merged into a node by a rule other than exact name."""

    surface: str
    rule: str
    documents: tuple[str, ...]


@dataclass
class Node:
    key: str
    label: str
    classes: Counter = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    documents: set[str] = field(default_factory=set)
    resolutions: list[Resolution] = field(default_factory=list)  # names merged in, and why
    ambiguous: list[str] = field(default_factory=list)  # nodes a short name could be

    @property
    def cls(self) -> str:
        return max(self.classes.items(), key=lambda kv: (kv[1], _CLASS_RANK.get(kv[0], 0), kv[0]))[0]


@dataclass
class KnowledgeGraph:
    documents: list[Document] = field(default_factory=list)
    nodes: dict[str, Node] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    mentions: dict[str, set[str]] = field(default_factory=dict)  # doc id -> node keys

    def add(self, result: DocumentResult) -> None:
        doc = result.document
        self.documents.append(doc)
        seen = self.mentions.setdefault(doc.id, set())
        for ent in result.entities:
            node = self.nodes.get(ent.key)
            if node is None:
                node = self.nodes[ent.key] = Node(ent.key, ent.label)
            node.classes[ent.cls] += max(1, len(ent.mentions))
            node.aliases |= ent.aliases
            node.mentions += len(ent.mentions)
            node.documents.add(doc.id)
            node.resolutions.extend(Resolution(form, rule, (doc.id,)) for form, rule in sorted(ent.alias_rules.items()))
            if ent.mentions:
                seen.add(ent.key)
        self.facts.extend(result.facts)

    def finish(self, min_confidence: float = 0.0, aliases=()) -> KnowledgeGraph:
        """Merge aliases across documents, drop weak facts, sort everything."""
        self._merge_aliases(aliases)
        facts = {}
        for f in self.facts:
            if f.confidence < min_confidence:
                continue
            k = (f.subject, f.predicate, f.obj, f.evidence.doc_id)
            if k not in facts or f.confidence > facts[k].confidence:
                facts[k] = f
        self.facts = sorted(facts.values(), key=lambda f: (f.subject, f.predicate, f.obj, f.evidence.doc_id,
                                                           f.evidence.start))
        used = {f.subject for f in self.facts} | {f.obj for f in self.facts if f.datatype is None}
        self.nodes = {k: n for k, n in sorted(self.nodes.items())
                      if n.mentions or k in used}
        self.documents.sort(key=lambda d: d.id)
        return self

    def _merge_aliases(self, rules=()) -> None:
        """Merge the nodes that are one thing (``graph.resolve``), keeping for each
        surface form merged in the rule and the documents that gave it."""
        views = [NodeView(k, n.label, n.cls, frozenset(n.aliases), n.mentions) for k, n in self.nodes.items()
                 if n.cls != AGREEMENT_EVENT]
        merges, ambiguous = resolve.plan(views, rules)
        for key, candidates in ambiguous.items():
            self.nodes[key].ambiguous = [c for c in candidates if c in self.nodes]
        rename = {m.old: m.new for m in merges}
        for m in merges:
            gone, into = self.nodes[m.old], self.nodes[m.new]
            for surface in sorted({gone.label} | gone.aliases | {r.surface for r in gone.resolutions}):
                if surface != into.label:
                    into.resolutions.append(Resolution(surface, m.rule, tuple(sorted(gone.documents))))
            into.resolutions.extend(r for r in gone.resolutions if r.surface != into.label)
            into.aliases |= gone.aliases | {gone.label}
            into.aliases.discard(into.label)
            into.classes.update(gone.classes)
            into.mentions += gone.mentions
            into.documents |= gone.documents
        if not rename:
            return
        for key in rename:
            del self.nodes[key]
        rename.update(self._rekey_events(rename))
        rename.update(self._rekey_roles(rename))
        self.facts = [Fact(rename.get(f.subject, f.subject), f.predicate,
                           rename.get(f.obj, f.obj) if f.datatype is None else f.obj,
                           f.datatype, f.evidence, f.confidence, f.extractor) for f in self.facts]
        for keys in self.mentions.values():
            for old, new in rename.items():
                if old in keys:
                    keys.discard(old)
                    keys.add(new)

    def _rekey_events(self, rename: dict[str, str]) -> dict[str, str]:
        """An event of a merged agreement becomes (or joins) the same event of the node it
        merged into: one event per agreement, type and date."""
        moved: dict[str, str] = {}
        for key in [k for k in self.nodes if parse_event_key(k)]:
            agreement, kind, date = parse_event_key(key)
            if agreement not in rename:
                continue
            new = event_key(rename[agreement], kind, date)
            gone = self.nodes.pop(key)
            into = self.nodes.setdefault(new, Node(new, event_label(rename[agreement], kind, date)))
            into.classes.update(gone.classes)
            into.documents |= gone.documents
            moved[key] = new
        return moved

    def _rekey_roles(self, rename: dict[str, str]) -> dict[str, str]:
        """Office holdings whose person or polity was merged into another node take the
        key of the merged names (one role node per person, polity and title)."""
        moved = {}
        for key in list(self.nodes):
            role = parse_role_key(key)
            if role is None:
                continue
            person, polity, title = rename.get(role[0], role[0]), rename.get(role[1], role[1]), role[2]
            new = role_key(person, polity, title)
            if new == key:
                continue
            node = self.nodes.pop(key)
            into = self.nodes.get(new)
            if into is None:
                written = node.label[len(role[0]) + 2:len(node.label) - len(role[1]) - 3]  # see role_label
                into = self.nodes[new] = Node(new, role_label(person, polity, written))
            into.classes.update(node.classes)
            into.documents |= node.documents
            moved[key] = new
        return moved
