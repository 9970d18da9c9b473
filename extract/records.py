"""Extraction records: a :class:`~extract.model.DocumentResult` as plain JSON and back.

Records are what ``kg build --store`` keeps per document so that an unchanged
document is never parsed again. JSON (not pickle) so that reading a record never
runs code; the format carries :data:`RECORD_FORMAT`, and a record of another
format is refused by :func:`from_json`.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import Any

from .model import Document, DocumentResult, Entity, Evidence, Fact, Mention, RuleError

RECORD_FORMAT = 1


class RecordError(ValueError):
    """A stored record that can't be read back (another format, or damaged)."""


def text_hash(text: str) -> str:
    """SHA-256 of a document's analysed text (hex)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _entity_dict(entity: Entity) -> dict[str, Any]:
    data = asdict(entity)
    data["aliases"] = sorted(entity.aliases)  # a set: sorted, so equal records are equal bytes
    return data


def to_json(result: DocumentResult) -> str:
    """The record of ``result`` as compact JSON text (same result, same text)."""
    data = {
        "format": RECORD_FORMAT,
        "document": asdict(result.document),
        "entities": [_entity_dict(e) for e in result.entities],
        "facts": [asdict(f) for f in result.facts],
        "warnings": list(result.warnings),
        "rule_errors": [asdict(e) for e in result.rule_errors],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _entity(data: dict[str, Any]) -> Entity:
    return Entity(key=data["key"], label=data["label"], cls=data["cls"], aliases=set(data["aliases"]),
                  mentions=[Mention(**m) for m in data["mentions"]], alias_rules=dict(data["alias_rules"]))


def _fact(data: dict[str, Any]) -> Fact:
    return Fact(data["subject"], data["predicate"], data["obj"], data["datatype"], Evidence(**data["evidence"]),
                data["confidence"], data["extractor"])


def from_json(text: str) -> DocumentResult:
    """The result a record holds; raises :class:`RecordError` if it can't be read."""
    try:
        data = json.loads(text)
        if data.get("format") != RECORD_FORMAT:
            raise RecordError(f"record format {data.get('format')!r}, expected {RECORD_FORMAT}")
        return DocumentResult(Document(**data["document"]), [_entity(e) for e in data["entities"]],
                              [_fact(f) for f in data["facts"]], list(data["warnings"]),
                              [RuleError(**e) for e in data["rule_errors"]])
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        if isinstance(exc, RecordError):
            raise
        raise RecordError(f"damaged record: {type(exc).__name__}: {exc}") from None
