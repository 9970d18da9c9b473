"""Merging per-document results into one graph model.

The same key in several documents is one node. Agreements and organisations
that share a name or alias across documents are merged too ("GSOMIA" in one
article, "General Security of Military Information Agreement (GSOMIA)" in
another).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from extract.model import (
    AGREEMENT,
    CITY,
    COUNTRY,
    GOVERNMENT_ORGANIZATION,
    MISSILE_LAUNCH,
    ORGANIZATION,
    PERSON,
    PLACE,
    Document,
    DocumentResult,
    Fact,
)

_MERGE_BY_ALIAS = {AGREEMENT, ORGANIZATION, GOVERNMENT_ORGANIZATION}
# a more specific class wins when documents disagree
_CLASS_RANK = {MISSILE_LAUNCH: 9, AGREEMENT: 8, COUNTRY: 7, PERSON: 6, CITY: 5,
               GOVERNMENT_ORGANIZATION: 4, ORGANIZATION: 3, PLACE: 1}


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w\s]", "", text)
    return re.sub(r"^the ", "", re.sub(r"\s+", " ", text).strip())


@dataclass
class Node:
    key: str
    label: str
    classes: Counter = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    documents: set[str] = field(default_factory=set)

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
            if ent.mentions:
                seen.add(ent.key)
        self.facts.extend(result.facts)

    def finish(self, min_confidence: float = 0.0) -> KnowledgeGraph:
        """Merge aliases across documents, drop weak facts, sort everything."""
        self._merge_aliases()
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

    def _merge_aliases(self) -> None:
        owner: dict[str, str] = {}
        rename: dict[str, str] = {}
        for key in sorted(self.nodes, key=lambda k: (-self.nodes[k].mentions, k)):
            node = self.nodes[key]
            if node.cls not in _MERGE_BY_ALIAS:
                continue
            names = {_norm(node.label)} | {_norm(a) for a in node.aliases}
            target = next((owner[n] for n in sorted(names) if n in owner), None)
            if target is None:
                for n in names:
                    owner[n] = key
                continue
            rename[key] = target
            into = self.nodes[target]
            into.aliases |= node.aliases | {node.label}
            into.aliases.discard(into.label)
            into.classes.update(node.classes)
            into.mentions += node.mentions
            into.documents |= node.documents
            for n in names:
                owner.setdefault(n, target)
        if not rename:
            return
        for key in rename:
            del self.nodes[key]
        self.facts = [Fact(rename.get(f.subject, f.subject), f.predicate,
                           rename.get(f.obj, f.obj) if f.datatype is None else f.obj,
                           f.datatype, f.evidence, f.confidence, f.extractor) for f in self.facts]
        for keys in self.mentions.values():
            for old, new in rename.items():
                if old in keys:
                    keys.discard(old)
                    keys.add(new)
