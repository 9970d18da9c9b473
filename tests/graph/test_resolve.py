"""Cross-document resolution rules (graph.resolve): pairs that must merge, pairs that must not."""
from __future__ import annotations

import pytest

from extract.model import AGREEMENT, CITY, COUNTRY, GOVERNMENT_ORGANIZATION, ORGANIZATION, PERSON, PLACE
from graph import resolve
from graph.resolve import Merge, NodeView, abbreviates


def node(label: str, cls: str = PERSON, aliases=(), mentions: int = 1, key: str | None = None) -> NodeView:
    return NodeView(key or f"{label}|{cls}", label, cls, frozenset(aliases), mentions)


def merged(*nodes: NodeView) -> set[tuple[str, str, str]]:
    merges, _ = resolve.plan(nodes)
    labels = {n.key: n.label for n in nodes}
    return {(labels[m.old], labels[m.new], m.rule) for m in merges}


@pytest.mark.parametrize("short, full", [
    ("Blinken", "Antony Blinken"),
    ("Trump", "Donald Trump"),
    ("A. Blinken", "Antony Blinken"),
    ("Park", "Park Jin"),                 # a surname written first
    ("Jean-Yves Le Drian", "Jean-Yves Le Drian"),
])
def test_partial_person_names_merge_when_one_full_name_fits(short, full):
    if short == full:
        assert merged(node(short), node(full, key="other")) == {(short, full, "spelling")}
        return
    assert merged(node(short), node(full, mentions=3)) == {(short, full, "partial-name")}


def test_a_surname_shared_by_two_people_stays_its_own_node_and_says_so():
    clinton, bill, hillary = node("Clinton"), node("Bill Clinton"), node("Hillary Clinton")
    merges, ambiguous = resolve.plan([clinton, bill, hillary])
    assert merges == []
    assert ambiguous == {clinton.key: sorted([bill.key, hillary.key])}


@pytest.mark.parametrize("a, b", [
    ("Bill Clinton", "Hillary Clinton"),        # two people, one surname
    ("John Smith", "Jane Smith"),
    ("Kim Jong Un", "Kim Jong Il"),
    ("George Bush", "Laura Bush"),
])
def test_different_people_sharing_a_surname_never_merge(a, b):
    assert merged(node(a), node(b)) == set()


@pytest.mark.parametrize("a, b, rule", [
    ("Kim Il-sung", "Kim Il Sung", "spelling"),
    ("Hayashi Yoshimasa", "Yoshimasa Hayashi", "name-order"),
    ("Moon Jae-in", "Jae-in Moon", "name-order"),
])
def test_person_name_variants(a, b, rule):
    assert merged(node(a, mentions=2), node(b)) == {(b, a, rule)}


def test_name_order_needs_every_part_to_agree():
    assert merged(node("Hayashi Yoshimasa"), node("Yoshimasa Kishida")) == set()


def test_merges_never_cross_classes():
    assert merged(node("Jordan", PERSON), node("Jordan", COUNTRY, key="c")) == set()
    assert merged(node("Washington", PERSON), node("Washington, D.C.", CITY)) == set()
    assert merged(node("Georgia", PLACE), node("Georgia", PERSON, key="p")) == set()


@pytest.mark.parametrize("acr, words, ok", [
    ("USSPACECOM", "US Space Command", True),
    ("CENTCOM", "Central Command", True),
    ("NATO", "North Atlantic Treaty Organization", True),
    ("UN", "United Nations", True),
    ("IAEA", "International Atomic Energy Agency", True),
    ("NSC", "National Security Council", True),
    ("WHO", "World Trade Organization", False),
    ("UN", "United Kingdom", False),
    ("NASA", "National Space Agency", False),
    ("UN", "U.S. Navy", False),                # an acronym in the name counts whole
    ("USN", "U.S. Navy", True),  # S-A-... needs an A after "space"'s S
])
def test_abbreviates(acr, words, ok):
    assert abbreviates(acr, words.split()) is ok


def test_acronyms_and_long_forms_across_documents():
    long_ = node("U.S. Space Command", GOVERNMENT_ORGANIZATION, mentions=3)
    assert merged(long_, node("USSPACECOM", ORGANIZATION)) == {("USSPACECOM", "U.S. Space Command", "acronym")}
    central = node("U.S. Central Command", GOVERNMENT_ORGANIZATION, mentions=2)
    assert merged(central, node("CENTCOM", ORGANIZATION)) == {("CENTCOM", "U.S. Central Command", "acronym")}


def test_an_acronym_that_fits_two_long_names_is_not_merged():
    a = node("National Security Council", GOVERNMENT_ORGANIZATION)
    b = node("National Safety Commission", GOVERNMENT_ORGANIZATION)
    assert merged(a, b, node("NSC", ORGANIZATION)) == set()


def test_acronyms_inside_longer_names():
    un = node("United Nations", ORGANIZATION, aliases={"UN"}, mentions=5)
    a = node("UN Security Council", GOVERNMENT_ORGANIZATION, mentions=2)
    b = node("United Nations Security Council", GOVERNMENT_ORGANIZATION)
    assert ("United Nations Security Council", "UN Security Council", "acronym-expansion") in merged(un, a, b)
    us = node("U.S. Senate", GOVERNMENT_ORGANIZATION, mentions=2)
    assert merged(us, node("United States Senate", GOVERNMENT_ORGANIZATION)) == {
        ("United States Senate", "U.S. Senate", "acronym-expansion")}


def test_agreement_names():
    a = node("Moscow Treaty", AGREEMENT, mentions=2)
    assert merged(a, node("Treaty of Moscow", AGREEMENT)) == {("Treaty of Moscow", "Moscow Treaty", "of-inversion")}
    gsomia = node("General Security of Military Information Agreement", AGREEMENT, aliases={"GSOMIA"}, mentions=2)
    assert merged(gsomia, node("GSOMIA", ORGANIZATION)) == {
        ("GSOMIA", "General Security of Military Information Agreement", "shared-name")}
    assert merged(node("Treaty of Moscow", AGREEMENT), node("Treaty of Paris", AGREEMENT)) == set()


def test_a_city_and_the_same_city_with_its_district():
    dc = node("Washington, D.C.", CITY, mentions=2)
    assert merged(dc, node("Washington", CITY)) == {("Washington", "Washington, D.C.", "place-qualifier")}
    # the state is a place, not the city: kept apart
    assert merged(dc, node("Washington", PLACE)) == set()


def test_chains_end_at_one_node():
    merges, _ = resolve.plan([node("Trump"), node("Donald Trump", mentions=4), node("Donald trump", key="x")])
    assert {m.new for m in merges} == {"Donald Trump|Person"}
    assert all(isinstance(m, Merge) for m in merges)
