"""Texts over the NLP pipeline's length limit are analysed in parts, not skipped: facts from
both ends, every offset relative to the whole text."""
from __future__ import annotations

import pytest
import rdflib
from long_text import HEAD, HEAD_FACTS, TAIL, TAIL_FACTS, long_article

from extract.split import split_spans
from graph.namespaces import TURTLE_PREFIXES

KGO = rdflib.Namespace(TURTLE_PREFIXES["kgo"])


@pytest.mark.parametrize("text, limit, expected", [
    ("short text", 100, [(0, 10)]),
    ("", 5, [(0, 0)]),
    ("One. Two.\n\nThree four.\n\nFive.", 13, [(0, 11), (11, 24), (24, 29)]),  # paragraph breaks
    ("One two. Three four. Five six.", 14, [(0, 9), (9, 21), (21, 30)]),  # sentence ends
    ("aaaa bbbb cccc", 6, [(0, 5), (5, 10), (10, 14)]),  # spaces
    ("abcdefghij", 4, [(0, 4), (4, 8), (8, 10)]),  # no boundary at all: a hard cut
])
def test_split_spans(text, limit, expected):
    assert split_spans(text, limit) == expected


def test_parts_cover_the_text_and_end_at_paragraphs():
    text = long_article(20_000)
    spans = split_spans(text, 3000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(0 < e - s <= 3000 for s, e in spans)
    assert all(text[:e].endswith("\n\n") for _, e in spans[:-1])


def test_parts_are_at_most_part_chars_even_under_a_higher_limit():
    spans = split_spans("word " * 50_000, 1_000_000, part_chars=60_000)
    assert len(spans) == 1  # within the limit: whole
    spans = split_spans("word " * 50_000, 200_000, part_chars=60_000)
    assert len(spans) == 5 and max(e - s for s, e in spans) <= 60_000


def _statements(ttl) -> tuple[str, list[tuple[str, str, int, int, str]]]:
    """The document's text and (subject, predicate, start, end, evidence text) of each statement."""
    g = rdflib.Graph().parse(ttl, format="turtle")
    [text] = [str(o) for o in g.objects(None, rdflib.URIRef("https://schema.org/text"))]
    rows = []
    for st in g.subjects(rdflib.RDF.type, rdflib.RDF.Statement):
        subject = g.value(st, rdflib.RDF.subject)
        label = str(g.value(subject, rdflib.RDFS.label) or subject)
        pred = str(g.value(st, rdflib.RDF.predicate)).rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        rows.append((label, pred, int(g.value(st, KGO.charStart)), int(g.value(st, KGO.charEnd)),
                     str(g.value(st, KGO.evidenceText))))
    return text, rows


def check_long_build(ttl) -> None:
    """Facts from both ends of the article, each offset pointing at its evidence sentence."""
    text, rows = _statements(ttl)
    for _, _, start, end, sentence in rows:
        assert text[start:end] == sentence
    head = {(label, pred) for label, pred, start, _, _ in rows if start < len(HEAD)}
    tail = {(label, pred) for label, pred, start, _, _ in rows if start >= len(text) - len(TAIL)}
    assert HEAD_FACTS <= head, rows
    assert TAIL_FACTS <= tail, rows


def test_a_long_text_is_analysed_in_parts(tmp_path, kg_build):
    (tmp_path / "long.txt").write_text(long_article(30_000), encoding="utf-8")
    ttl = kg_build([tmp_path / "long.txt"], tmp_path / "out", max_length=4000, default_date="2022-06-10")
    check_long_build(ttl)


@pytest.mark.heavy
def test_a_3_mb_article_builds_with_facts_from_both_ends(tmp_path, kg_build):
    (tmp_path / "long.txt").write_text(long_article(3_000_000), encoding="utf-8")
    assert (tmp_path / "long.txt").stat().st_size >= 3_000_000
    ttl = kg_build([tmp_path / "long.txt"], tmp_path / "out", default_date="2022-06-10", formats=["ttl"])
    check_long_build(ttl)
