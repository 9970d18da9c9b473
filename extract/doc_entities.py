"""The entities of one document, keyed by canonical name, with the tokens that mention them."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import AGREEMENT, Entity, Mention


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
