"""Agreement rules (extract.relations.agreements), sentence -> triples."""
from __future__ import annotations

import pytest
from rulecases import (
    AGREEMENT_PREDICATES,
    DATE,
    OR,
    PARTY,
    PUB,
    PUB2,
    SIGNED_DATE,
    G,
    K,
    M,
    ended,
    in_force,
    party,
    run,
    signed,
    triples,
    typed,
)

from extract.model import G_YEAR, G_YEAR_MONTH

AGREEMENT_CASES = [
    # signing at each precision
    pytest.param("The Kestrel Defense Pact was signed on March 4, 1998.", PUB,
                 {signed(K, "1998-03-04", DATE)}, id="signed-day"),
    pytest.param("The Kestrel Defense Pact was signed in March 1998.", PUB,
                 {signed(K, "1998-03", G_YEAR_MONTH)}, id="signed-month"),
    pytest.param("The Kestrel Defense Pact was signed in 1998.", PUB,
                 {signed(K, "1998", G_YEAR)}, id="signed-year"),
    pytest.param("The Kestrel Defense Pact was signed last month.", PUB2,
                 {signed(K, "2023-02", G_YEAR_MONTH)}, id="signed-last-month"),
    pytest.param("The two governments concluded the Marlow Fisheries Agreement in October 2011.", PUB,
                 {signed(M, "2011-10", G_YEAR_MONTH)}, id="concluded"),
    pytest.param("Kenya and Uganda signed the Kestrel Defense Pact in 2004.", PUB,
                 {signed(K, "2004", G_YEAR), party(K, "Kenya"), party(K, "Uganda")}, id="signed-by-subjects"),
    pytest.param("The Kestrel Defense Pact, inked in November 2016, allows the two militaries to share "
                 "intelligence.", PUB, {signed(K, "2016-11", G_YEAR_MONTH)}, id="inked-participle"),
    pytest.param("The Kestrel Defense Pact was signed in March 1979, 16 months after a visit by the prime "
                 "minister in 1977.", PUB, {signed(K, "1979-03", G_YEAR_MONTH)}, id="signed-not-later-year"),
    # entering into force
    pytest.param("The Marlow Fisheries Agreement entered into force on January 1, 2012.", PUB,
                 {in_force(M, "2012-01-01", DATE)}, id="entered-into-force"),
    pytest.param("The Marlow Fisheries Agreement came into effect in 2012.", PUB,
                 {in_force(M, "2012", G_YEAR)}, id="came-into-effect"),
    # ending
    pytest.param("The Kestrel Defense Pact expired in 2020.", PUB, {ended(K, "2020", G_YEAR)}, id="expired"),
    pytest.param("The Kestrel Defense Pact expired on Friday.", PUB, {ended(K, "2022-06-10", DATE)},
                 id="expired-weekday"),
    pytest.param("The Kestrel Defense Pact was terminated in August 2019.", PUB,
                 {ended(K, "2019-08", G_YEAR_MONTH)}, id="terminated"),
    pytest.param("The Kestrel Defense Pact was terminated on November 22, 2019.", PUB,
                 {ended(K, "2019-11-22", DATE)}, id="terminated-day"),
    pytest.param("Chile withdrew from the Kestrel Defense Pact in 2019.", PUB,
                 {ended(K, "2019", G_YEAR), party(K, "Chile")}, id="withdrew"),
    pytest.param("The Kestrel Defense Pact, which was signed in 2016, expired in 2021.", PUB,
                 {signed(K, "2016", G_YEAR), ended(K, "2021", G_YEAR)}, id="relative-clause-and-main"),
    # references: "the pact", "the same year", an acronym
    pytest.param("The Kestrel Defense Pact was signed in 2016. The pact expired the same year.", PUB,
                 {signed(K, "2016", G_YEAR), ended(K, "2016", G_YEAR)}, id="the-pact-the-same-year"),
    pytest.param("The Kestrel Defense Pact was signed in 2016. The pact entered into force the same year.", PUB,
                 {signed(K, "2016", G_YEAR), in_force(K, "2016", G_YEAR)}, id="in-force-the-same-year"),
    pytest.param("The General Maritime Cooperation Agreement (GMCA) was signed in 2016. The GMCA expired "
                 "in 2021.", PUB, {signed(G, "2016", G_YEAR), ended(G, "2021", G_YEAR)}, id="acronym"),
    # parties
    pytest.param("The Orinoco Water Treaty was signed between Venezuela and Colombia in 1995.", PUB,
                 {signed(OR, "1995", G_YEAR), party(OR, "Venezuela"), party(OR, "Colombia")}, id="between"),
    pytest.param("The Kestrel Defense Pact was signed in 2016 between Seoul and Tokyo.", PUB,
                 {signed(K, "2016", G_YEAR), party(K, "South Korea"), party(K, "Japan")},
                 id="between-capitals"),
    pytest.param("Seoul and Tokyo signed the Kestrel Defense Pact in 2016.", PUB,
                 {signed(K, "2016", G_YEAR), party(K, "South Korea"), party(K, "Japan")},
                 id="capitals-signed"),
    pytest.param("Peru joined the Orinoco Water Treaty in 2001.", PUB, {party(OR, "Peru")}, id="joined"),
    pytest.param("Peru and Ecuador joined the Orinoco Water Treaty.", PUB,
                 {party(OR, "Peru"), party(OR, "Ecuador")}, id="joined-two"),
    # --- negatives
    pytest.param("The Kestrel Defense Pact was nearly terminated in 2019.", PUB, set(), id="neg-nearly"),
    pytest.param("The Kestrel Defense Pact was almost scrapped in 2019.", PUB, set(), id="neg-almost"),
    pytest.param("Chile threatened to scrap the Kestrel Defense Pact in 2019.", PUB, set(), id="neg-threatened"),
    pytest.param("Chile could withdraw from the Kestrel Defense Pact in 2024.", PUB, set(), id="neg-could"),
    pytest.param("The Kestrel Defense Pact may expire in 2025.", PUB, set(), id="neg-may"),
    pytest.param("The Kestrel Defense Pact was not renewed in 2019.", PUB, set(), id="neg-not-renewed"),
    pytest.param("The Kestrel Defense Pact was signed 16 months after a visit by the prime minister in 1977.",
                 PUB, set(), id="neg-date-of-other-event"),
    pytest.param("The two leaders signed in Geneva on March 4, 1998.", PUB, set(), id="neg-no-agreement"),
    pytest.param("Officials signed the document in 2019.", PUB, set(), id="neg-document"),
    pytest.param("The agreement was signed in 2019.", PUB, set(), id="neg-unnamed-agreement"),
    # --- known gaps
    pytest.param("The Treaty of Valmora was signed in 1998.", PUB,
                 {signed("Treaty of Valmora", "1998", G_YEAR)}, id="treaty-of-x"),
    pytest.param("Kenya and Uganda signed the Kestrel Defense Pact on June 12, 2004.", PUB,
                 {signed(K, "2004-06-12", DATE), party(K, "Kenya"), party(K, "Uganda")},
                 id="name-glued-to-date"),
    pytest.param("The Treaty on the Prohibition of Sea-Bed Mining entered into force in 1981.", PUB,
                 {in_force("Treaty on the Prohibition of Sea-Bed Mining", "1981", G_YEAR)},
                 id="treaty-on-the-hyphenated-name"),
    pytest.param("Kenya and Uganda signed the Volta Basin Accord in 2004.", PUB,
                 {signed("Volta Basin Accord", "2004", G_YEAR), party("Volta Basin Accord", "Kenya"),
                  party("Volta Basin Accord", "Uganda")}, id="accord-tagged-loc"),
    pytest.param("Ghana and Togo signed the Kestrel Defense Pact in 2004.", PUB,
                 {signed(K, "2004", G_YEAR), party(K, "Ghana"), party(K, "Togo")}, id="country-tagged-person"),
    pytest.param("Kenya and Uganda inked the Kestrel Defense Pact in 2004.", PUB,
                 {signed(K, "2004", G_YEAR), party(K, "Kenya"), party(K, "Uganda")}, id="inked-parties"),
    pytest.param("The 1998 Kestrel Defense Pact ended the border war.", PUB,
                 {signed(K, "1998", G_YEAR)}, id="year-attribute-not-end"),
    pytest.param("The Kestrel Defense Pact was set to expire in 2025.", PUB2, set(), id="neg-set-to-expire"),
]


@pytest.mark.parametrize("sentence, pubdate, expected", AGREEMENT_CASES)
def test_agreements(sentence, pubdate, expected):
    assert typed(sentence, AGREEMENT_PREDICATES, pubdate) == expected




def test_the_two_neighbors_are_the_two_countries_named_before():
    text = ("Chile and Peru have long argued over fishing rights. "
            "The Pacific Fisheries Accord was signed between the two neighbors in 2001.")
    assert triples(text, {PARTY, SIGNED_DATE}, pubdate=PUB2) == {
        ("Pacific Fisheries Accord", SIGNED_DATE, "2001"),
        ("Pacific Fisheries Accord", PARTY, "Chile"),
        ("Pacific Fisheries Accord", PARTY, "Peru"),
    }
    confidences = {f.confidence for f in run(text, PUB2).facts if f.predicate == PARTY}
    assert confidences and max(confidences) < 0.8  # implied by the text before, not stated
