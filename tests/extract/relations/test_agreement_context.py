"""Agreement rules in context: coordinated dates, agreements named as actors, signers
of "an agreement" in an article about one agreement. Sentences invented for the tests."""
from __future__ import annotations

import pytest
from rulecases import AGREEMENT_PREDICATES, DATE, PUB, K, in_force, party, signed, typed

from extract.model import G_YEAR, G_YEAR_MONTH

CASES = [
    # one event given two dates ("in August and September") is dated by neither
    pytest.param("Announced in August and September 2020 and signed in Lima on September 15, 2020, "
                 "the Kestrel Defense Pact was mediated by Chile.", PUB,
                 {signed(K, "2020-09-15", DATE)}, id="coordinated-months-not-dated"),
    pytest.param("The Kestrel Defense Pact was signed in March 1998.", PUB,
                 {signed(K, "1998-03", G_YEAR_MONTH)}, id="single-month-still-dated"),
    # "the agreement" is not an alliance named in a "by" phrase of its own sentence
    pytest.param("The Kestrel Defense Pact covers overflights. Negotiated by the members of NATO and the "
                 "Marlow Pact, the agreement was signed in Lima on 24 March 1992.", PUB,
                 {signed(K, "1992-03-24", DATE)}, id="by-phrase-alliance-not-antecedent"),
    pytest.param("The talks were hosted by the members of the Marlow Pact. "
                 "The agreement entered into force in 1992.", PUB,
                 {in_force("Marlow Pact", "1992", G_YEAR)}, id="by-phrase-earlier-sentence-still-antecedent"),
    # "an agreement signed by <national> President X, ... and Y" in an article about one agreement
    pytest.param("The Kestrel Defense Pact was drafted in Ohio. The mediators helped bring about an agreement "
                 "signed by Serbian President Jana Roe, Bosnian President Ivo Kos, and Croatian President "
                 "Ana Vuk on November 21.", PUB,
                 {party(K, "Serbia"), party(K, "Bosnia and Herzegovina"), party(K, "Croatia")},
                 id="an-agreement-signed-by-officials"),
    pytest.param("The Kestrel Defense Pact was drafted in Ohio. The Marlow Pact was drafted in Lima. Later came "
                 "an agreement signed by Serbian President Jana Roe and Croatian President Ivo Kos.", PUB,
                 set(), id="neg-an-agreement-two-named"),
    pytest.param("The Kestrel Defense Pact was drafted in Ohio. The mediators signed an agreement with "
                 "Serbian President Jana Roe.", PUB, set(), id="neg-signed-with-not-by"),
    # a side of "between" explained by a parenthesised list, and "together with" after it
    pytest.param("The Kestrel Defense Pact is an agreement on fisheries reached in Lima in 2015 between Chile and the G3 (the three "
                 "coastal members of the Pacific Council of Nations—Peru, Ecuador, Colombia—plus Panama) "
                 "together with the European Union.", PUB,
                 {signed(K, "2015", G_YEAR)}
                 | {party(K, c) for c in ("Chile", "Peru", "Ecuador", "Colombia", "Panama", "European Union")},
                 id="between-side-listed-in-parentheses"),
    pytest.param("The Kestrel Defense Pact is an agreement on fisheries reached in Lima in 2015 between Chile and Peru "
                 "(both later visited by Ecuador's president).", PUB,
                 {signed(K, "2015", G_YEAR), party(K, "Chile"), party(K, "Peru")}, id="neg-parenthesis-after-a-country"),
    pytest.param("The Kestrel Defense Pact is an agreement on fisheries reached in Lima in 2015 between Chile and Peru. "
                 "Together with Ecuador, the two countries fish the coast.", PUB,
                 {signed(K, "2015", G_YEAR), party(K, "Chile"), party(K, "Peru")}, id="neg-together-with-elsewhere"),
]


@pytest.mark.parametrize("sentence, pubdate, expected", CASES)
def test_agreement_context(sentence, pubdate, expected):
    assert typed(sentence, AGREEMENT_PREDICATES, pubdate) == expected
