"""Texts longer than the NLP pipeline's limit: cut into parts, results merged back.

A text over the limit is cut at the last paragraph break that fits, else at the
last sentence end, else at the last space (a hard cut only for a run of text with
none). Parts are analysed separately; :func:`merge_parts` shifts every offset by the
part's start, so mentions and evidence refer to the whole document's text.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .model import Document, DocumentResult, Entity, Evidence, Fact, Mention, RuleError

# spaCy's parser and NER need about 1 GB of temporary memory per 100,000 characters
# (its error E088): parts stay that small even when the limit is set higher.
PART_CHARS = 100_000

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE = re.compile(r"[.!?][\"')\]]*\s+")
_SPACE = re.compile(r"\s+")


def split_spans(text: str, limit: int, part_chars: int = PART_CHARS) -> list[tuple[int, int]]:
    """(start, end) of the parts of ``text``: one span for a text within ``limit``
    characters, else consecutive spans of at most ``min(limit, part_chars)`` characters
    that cover the whole text."""
    if limit < 1:
        raise ValueError(f"the NLP length limit must be at least 1 character, not {limit}")
    if len(text) <= limit:
        return [(0, len(text))]
    size = min(limit, part_chars)
    spans, start = [], 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _cut(text: str, start: int, stop: int) -> int:
    """Where a part starting at ``start`` ends, at most at ``stop``: after a paragraph
    break, else a sentence end, else a space in the second half of the window."""
    window = text[start:stop]
    floor = len(window) // 2
    for pattern in (_PARAGRAPH, _SENTENCE, _SPACE):
        ends = [m.end() for m in pattern.finditer(window) if m.end() > floor]
        if ends:
            return start + ends[-1]
    return stop


def part_document(document: Document, start: int, end: int) -> Document:
    """The part of ``document`` from ``start`` to ``end``, analysed as a document of its own."""
    return replace(document, text=document.text[start:end])


def merge_parts(document: Document, parts: list[tuple[int, int, DocumentResult]]) -> DocumentResult:
    """One result for ``document`` from the results of its parts, given as (start offset,
    number of sentences, result) in text order: offsets shifted to the whole text, one
    entity per key, one fact per (subject, predicate, object) with the most confident
    evidence (the earlier one on a tie), rule errors numbered by the whole text's sentences."""
    entities: dict[str, Entity] = {}
    facts: dict[tuple[str, str, str], Fact] = {}
    warnings: list[str] = [f"{document.shown}: {len(document.text):,} characters: analysed in "
                           f"{len(parts)} parts split at paragraph or sentence boundaries"]
    errors: list[RuleError] = []
    sentences_before = 0
    for offset, sentences, result in parts:
        for ent in result.entities:
            _merge_entity(entities, ent, offset)
        for fact in result.facts:
            moved = replace(fact, evidence=_shift_evidence(fact.evidence, offset))
            key = (fact.subject, fact.predicate, fact.obj)
            if key not in facts or moved.confidence > facts[key].confidence:
                facts[key] = moved
        warnings.extend(result.warnings)
        errors.extend(replace(e, sentence=e.sentence + sentences_before) if e.sentence is not None else e
                      for e in result.rule_errors)
        sentences_before += sentences
    return DocumentResult(document, list(entities.values()), list(facts.values()), warnings, errors)


def _merge_entity(entities: dict[str, Entity], ent: Entity, offset: int) -> None:
    mentions = [Mention(m.text, m.start + offset, m.end + offset) for m in ent.mentions]
    into = entities.get(ent.key)
    if into is None:
        entities[ent.key] = Entity(ent.key, ent.label, ent.cls, set(ent.aliases), mentions, dict(ent.alias_rules))
        return
    into.aliases |= ent.aliases
    into.aliases.discard(into.label)
    into.mentions.extend(mentions)
    for form, rule in ent.alias_rules.items():
        into.alias_rules.setdefault(form, rule)


def _shift_evidence(ev: Evidence, offset: int) -> Evidence:
    return Evidence(ev.doc_id, ev.sentence, ev.start + offset, ev.end + offset)
