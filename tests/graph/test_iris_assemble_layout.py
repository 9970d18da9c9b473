"""IRIs, the merge of documents into one graph, and the page layout, tested directly."""
from __future__ import annotations

import numpy as np
import pytest

from extract.model import (
    AGREEMENT,
    COUNTRY,
    OFFICEHOLDER_OF,
    PERSON,
    Document,
    DocumentResult,
    Entity,
    Evidence,
    Fact,
    launch_key,
    parse_launch_key,
    role_key,
)
from graph.assemble import KnowledgeGraph
from graph.iris import Minter, check_base, slug
from graph.layout import layout


@pytest.mark.parametrize("text, expected", [("Egypt–Israel Peace Treaty", "egypt-israel-peace-treaty"),
                                            ("Moon Jae-in", "moon-jae-in"), ("Zürich", "zurich"),
                                            ("..", "%2E%2E"), ("", "x")])
def test_slug(text, expected):
    assert slug(text) == expected


def test_minter_keeps_different_labels_apart_and_launch_iris():
    m = Minter("https://example.org/id")
    assert str(m.entity("Park Jin")) == "https://example.org/id/entity/park-jin"
    assert m.entity("Park-Jin") != m.entity("Park Jin")
    assert m.entity("Park Jin") == m.entity("Park Jin")
    key = launch_key("North Korea", "2022-06-05")
    assert parse_launch_key(key) == ("North Korea", "2022-06-05") and parse_launch_key("Park Jin") is None
    assert str(m.entity(key)) == "https://example.org/id/launch/north-korea-2022-06-05"
    # two things whose readable parts slug alike still get two IRIs
    other = launch_key("North-Korea", "2022-06-05")
    assert m.entity(other) != m.entity(key) and m.entity(other) == m.entity(other)
    vp = [role_key("Ann Lee", "Ruritania", t) for t in ("vice-president", "vice president")]
    assert m.entity(vp[0]) != m.entity(vp[1])
    with pytest.raises(ValueError):
        check_base("not an iri")


def _result(doc_id: str, entities: list[Entity], facts: list[Fact]) -> DocumentResult:
    return DocumentResult(Document(doc_id, "text", doc_id), entities, facts)


def test_merge_by_alias_and_class_rank():
    ev = Evidence("a", "text", 0, 4)
    a = _result("a", [Entity("GSOMIA", "GSOMIA", AGREEMENT, set(), []),
                      Entity("Park Jin", "Park Jin", PERSON), Entity("Japan", "Japan", COUNTRY)],
                [Fact("Park Jin", OFFICEHOLDER_OF, "Japan", None, ev, 0.9, "r"),
                 Fact("Park Jin", OFFICEHOLDER_OF, "Japan", None, ev, 0.5, "r")])
    b = _result("b", [Entity("General Security of Military Information Agreement",
                             "General Security of Military Information Agreement", AGREEMENT, {"GSOMIA"}, [])],
                [Fact("GSOMIA", "party", "Japan", None, Evidence("b", "t", 0, 1), 0.8, "r")])
    kg = KnowledgeGraph()
    kg.add(a)
    kg.add(b)
    kg.finish(min_confidence=0.6)
    assert {(f.subject, f.obj, f.confidence) for f in kg.facts if f.predicate == OFFICEHOLDER_OF} == {
        ("Park Jin", "Japan", 0.9)}
    assert len([k for k, n in kg.nodes.items() if n.cls == AGREEMENT]) == 1
    assert [d.id for d in kg.documents] == ["a", "b"]


def test_layout_is_seeded_and_finite():
    pairs = [(0, 1), (1, 2), (2, 0), (3, 4)]
    one, two = layout(5, pairs), layout(5, pairs)
    assert one.shape == (5, 2) and np.isfinite(one).all()
    assert np.array_equal(one, two)
    assert layout(0, []).shape == (0, 2) and layout(1, []).tolist() == [[0.0, 0.0]]
    linked = np.linalg.norm(one[0] - one[1])
    assert linked < np.linalg.norm(one[0] - one[3]) * 3  # linked nodes stay near
