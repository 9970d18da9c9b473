"""What a rule may read: the sentence, the document's entities (read-only) and the
document's settled facts. Rules never change these; they return plain values, and the
document step (:mod:`extract.pipeline`) alone adds to the document's entities."""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeVar

from spacy.tokens import Span, Token

from .. import gazetteer
from ..entities import DocEntities
from ..model import AGREEMENT, COUNTRY, Entity, RuleError

T = TypeVar("T")


class EntityView:
    """A read-only view of one document's entities.

    A country the gazetteer knows by its canonical name counts as a country even
    before the document step adds it: a rule that reaches "Japan" through "Tokyo"
    sees it as the country it will be.
    """

    __slots__ = ("_ents",)

    def __init__(self, ents: DocEntities):
        self._ents = ents

    def key_at(self, i: int) -> str | None:
        return self._ents.token_key.get(i)

    def cls_of(self, key: str | None) -> str | None:
        if key is None:
            return None
        entity = self._ents.entities.get(key)
        if entity is not None:
            return entity.cls
        return COUNTRY if is_country_name(key) else None

    def __contains__(self, key: object) -> bool:
        return key in self._ents.entities

    def items(self) -> Iterator[tuple[str, Entity]]:
        """(key, entity) pairs, over a snapshot: safe while the document step adds."""
        return iter(list(self._ents.entities.items()))

    def agreements_between(self, lo: int, hi: int) -> list[str]:
        """The distinct agreements named at tokens ``lo`` .. ``hi - 1``, in order."""
        found: list[str] = []
        for j in range(lo, hi):
            k = self._ents.token_key.get(j)
            if k is not None and k not in found and k in self._ents.entities \
                    and self._ents.entities[k].cls == AGREEMENT:
                found.append(k)
        return found

    def last_agreement_before(self, i: int) -> str | None:
        for j in range(i - 1, -1, -1):
            k = self._ents.token_key.get(j)
            if k is not None and k in self._ents.entities and self._ents.entities[k].cls == AGREEMENT:
                return k
        return None


def is_country_name(name: str) -> bool:
    """``name`` is the canonical name of a country in the gazetteer."""
    return name in gazetteer.country_names()


@dataclass(frozen=True)
class DocumentContext:
    """Document-wide facts the rules may read."""

    source: str
    url: str | None
    pubdate: str | None
    mentions: Mapping[str, int] = field(default_factory=dict)  # entity key -> mentions
    date_anchors: Mapping[str, str] = field(default_factory=dict)  # agreement -> its last date
    default_agent: Callable[[str], str | None] = field(default=lambda word: None)


@dataclass(frozen=True)
class SentenceContext:
    """One sentence and what its rules may read."""

    sent: Span
    index: int  # 0-based position of the sentence in the document
    entities: EntityView
    document: DocumentContext
    setting: str | None = None  # the country the sentence is set in ("In Tokyo, ...")

    @property
    def pubdate(self) -> str | None:
        return self.document.pubdate

    def tokens(self, positions: list[int] | None = None) -> Iterator[Token]:
        """The sentence's tokens, or only those at ``positions``."""
        doc = self.sent.doc
        return iter(self.sent) if positions is None else (doc[i] for i in positions)


def frozen_mapping(data: dict[str, Any]) -> Mapping[str, Any]:
    """A read-only view of ``data`` (which its owner may go on changing)."""
    return MappingProxyType(data)


class RuleRunner:
    """Runs the rules of one document. A rule that raises costs only its own result for
    that sentence: the fallback is used instead and the error is recorded."""

    def __init__(self, source: str):
        self.source = source
        self.errors: list[RuleError] = []

    def run(self, name: str, sentence: int | None, rule: Callable[..., T], *args: Any, fallback: T) -> T:
        """``rule(*args)``; ``sentence`` is the 0-based sentence index (None: the document)."""
        try:
            return rule(*args)
        except Exception as exc:  # a rule's bug must not cost the other rules' facts
            number = None if sentence is None else sentence + 1
            self.errors.append(RuleError(self.source, name, number, type(exc).__name__, str(exc)))
            return fallback
