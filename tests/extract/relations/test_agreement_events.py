"""Agreement lifecycle events and parties (extract.relations.agreement_events /
agreement_parties), on sentences written for these tests."""
from __future__ import annotations

import pytest
from rulecases import OR, PARTY, PUB, K, M, event_links, events, triples

from extract.model import LOCATION, PARTICIPANT

EVENT_CASES = [
    pytest.param("The Kestrel Defense Pact was announced in March and April 1997.",
                 set(), id="two-months-one-event-no-date"),  # never "March" of the publication year
    pytest.param("The Kestrel Defense Pact was announced in March, a year after the vote of April 1997.",
                 {(K, "Announcement", "2022-03")}, id="a-year-not-coordinated"),  # the publication year
    pytest.param("The Kestrel Defense Pact was announced in August 1997.",
                 {(K, "Announcement", "1997-08")}, id="announced"),
    pytest.param("Negotiators initialled the Kestrel Defense Pact in Geneva in 1997.",
                 {(K, "Initialling", "1997")}, id="initialled"),
    pytest.param("The Marlow Fisheries Agreement was approved by the cabinet on June 3, 2009.",
                 {(M, "Approval", "2009-06-03")}, id="approved"),
    pytest.param("The Kestrel Defense Pact was ratified by the Senate in May 2005.",
                 {(K, "Ratification", "2005-05")}, id="ratified"),
    pytest.param("Peru acceded to the Orinoco Water Treaty in 2001.", {(OR, "Accession", "2001")}, id="acceded"),
    pytest.param("The Kestrel Defense Pact was extended in 2015.", {(K, "Extension", "2015")}, id="extended"),
    pytest.param("The Kestrel Defense Pact was renewed for five years in March 2016.",
                 {(K, "Extension", "2016-03")}, id="renewed"),
    pytest.param("Peru suspended the Orinoco Water Treaty in 2018.", {(OR, "Suspension", "2018")}, id="suspended"),
    pytest.param("Chile withdrew from the Kestrel Defense Pact in 2019.", {(K, "Withdrawal", "2019")},
                 id="withdrew"),
    pytest.param("Peru suspended its participation in the Orinoco Water Treaty in 2018.",
                 {(OR, "Suspension", "2018")}, id="suspended-participation-in"),
    pytest.param("Chile suspended implementation of the Kestrel Defense Pact in March 2019.",
                 {(K, "Suspension", "2019-03")}, id="suspended-implementation-of"),
    pytest.param("Chile suspended its participation in the talks on the Kestrel Defense Pact in 2019.", set(),
                 id="neg-participation-in-talks"),
    pytest.param("The Kestrel Defense Pact expired in 2020.", {(K, "Expiry", "2020")}, id="expired"),
    pytest.param("The Kestrel Defense Pact was terminated in August 2019.", {(K, "Termination", "2019-08")},
                 id="terminated"),
    pytest.param("The Marlow Fisheries Agreement entered into force on January 1, 2012.",
                 {(M, "EntryIntoForce", "2012-01-01")}, id="in-force-on"),
    pytest.param("The Marlow Fisheries Agreement came into force in 2012.",
                 {(M, "EntryIntoForce", "2012")}, id="in-force-without-on"),
    pytest.param("The Kestrel Defense Pact was drafted over two years. It was signed in Lisbon on 3 May 1999.",
                 {(K, "Signing", "1999-05-03")}, id="pronoun-it"),
    pytest.param("The Orinoco Water Treaty was in force from March 1990 until May 2004, when it was "
                 "superseded by a new accord.",
                 {(OR, "EntryIntoForce", "1990-03"), (OR, "Termination", "2004-05")}, id="in-force-span"),
    pytest.param("The Orinoco Water Treaty was in force from May 1990 until March 2004, when it was superseded by "
                 "the Marlow Fisheries Agreement.",
                 {(OR, "EntryIntoForce", "1990-05"), (OR, "Termination", "2004-03")}, id="in-force-until-under-from"),
    pytest.param("The Kestrel Defense Pact was a fisheries treaty between Chile and Peru that was in force from "
                 "June 2003 until February 2011.",
                 {(K, "EntryIntoForce", "2003-06"), (K, "Expiry", "2011-02")}, id="in-force-relative-clause"),
    pytest.param("The Kestrel Defense Pact replaced a treaty that was in force from 1990 until 2003.", set(),
                 id="neg-in-force-another-treaty"),
    pytest.param("The Kestrel Defense Pact, a treaty that was in force from 1990 until 2003, was signed in Lima.",
                 set(), id="neg-date-of-a-relative-clause"),
    pytest.param("The Marlow Fisheries Agreement entered into force on June 1, 2003. The agreement was in force "
                 "from June 2003.",
                 {(M, "EntryIntoForce", "2003-06-01")}, id="coarser-date-is-same-event"),
    pytest.param("Treaties of the era include the Kestrel Defense Pact (1998) and the Orinoco Water Treaty (2001).",
                 {(K, "Signing", "1998"), (OR, "Signing", "2001")}, id="year-in-parentheses"),
    pytest.param("The Kestrel Defense Pact was signed in 1998. The Marlow Fisheries Agreement replaced it in 2010.",
                 {(K, "Signing", "1998"), (K, "Termination", "2010")}, id="replaced-it"),
    pytest.param("The Kestrel Defense Pact was signed in 1998. Chile withdrew from it in 2019.",
                 {(K, "Signing", "1998"), (K, "Withdrawal", "2019")}, id="withdrew-from-it"),
    pytest.param("The Kestrel Defense Pact and the Orinoco Water Treaty were both signed in 1998.",
                 {(K, "Signing", "1998"), (OR, "Signing", "1998")}, id="two-subjects-one-date"),
    pytest.param("The Kestrel Defense Pact is an annex to the earlier Orinoco Water Treaty. The agreement was signed "
                 "in Lima on 3 May 1999.", {(K, "Signing", "1999-05-03")}, id="two-fit-the-subject-is-meant"),
    pytest.param("The Kestrel Defense Pact was signed in Rome on 3 May 1999 and entered into force a year later.",
                 {(K, "Signing", "1999-05-03"), (K, "EntryIntoForce", "2000")}, id="a-year-later"),
    pytest.param("The Kestrel Defense Pact was signed in November 1999. It entered into force three months later.",
                 {(K, "Signing", "1999-11"), (K, "EntryIntoForce", "2000-02")}, id="months-later-next-sentence"),
    pytest.param("The Kestrel Defense Pact was signed in 1999 and was ratified the following year.",
                 {(K, "Signing", "1999"), (K, "Ratification", "2000")}, id="the-following-year"),
    pytest.param("The Kestrel Defense Pact was signed in 1999 and entered into force six months later.",
                 {(K, "Signing", "1999")}, id="neg-months-later-of-a-year"),
    pytest.param("The Kestrel Defense Pact entered into force a year later.", set(), id="neg-later-without-anchor"),
    # --- negatives: hedged, future, ambiguous
    pytest.param("The Kestrel Defense Pact and the Orinoco Water Treaty were discussed in 1998. Chile withdrew from "
                 "it in 2019.", set(), id="neg-it-two-candidates"),
    pytest.param("Chile threatened to withdraw from the Kestrel Defense Pact in 2019.", set(), id="neg-threatened"),
    pytest.param("The Kestrel Defense Pact was nearly terminated in 2019.", set(), id="neg-nearly"),
    pytest.param("The Kestrel Defense Pact is set to expire next year.", set(), id="neg-set-to-expire"),
    pytest.param("The Kestrel Defense Pact will expire in 2030.", set(), id="neg-future"),
    pytest.param("The pact extended the ceasefire in 2004. The Kestrel Defense Pact is old.", set(),
                 id="neg-extended-something-else"),
    pytest.param("Chile withdrew its troops from the border in 2019 under the Kestrel Defense Pact.", set(),
                 id="neg-withdrew-troops"),
    pytest.param("The Kestrel Treaty and the Orinoco Water Treaty were discussed at the summit. The treaty was "
                 "signed in 2001.", set(), id="neg-two-candidates"),
    pytest.param("Chile praised the Kestrel Pact and the Orinoco Water Treaty. The agreement was signed in 2001.",
                 set(), id="neg-two-candidates-neither-subject"),
    pytest.param("The Kestrel Pact is an annex to the Orinoco Water Treaty.\n\nThe agreement was signed in 2001.",
                 set(), id="neg-two-candidates-other-paragraph"),
]


@pytest.mark.parametrize("sentence, expected", EVENT_CASES)
def test_agreement_events(sentence, expected):
    assert events(sentence) == expected


def test_event_place_and_participants():
    text = "The Kestrel Defense Pact was signed between Chile and Peru in Lisbon on 3 May 1999."
    assert event_links(text, LOCATION) == {("Signing", "Lisbon")}
    assert event_links(text, PARTICIPANT) == {("Signing", "Chile"), ("Signing", "Peru")}


PARTY_CASES = [
    pytest.param("The Chile–Peru Fisheries Treaty was discussed again.", "Chile–Peru Fisheries Treaty",
                 {"Chile", "Peru"}, id="sides-in-name"),
    pytest.param("Officials praised the U.S.-Chile Security Treaty.", "U.S.-Chile Security Treaty",
                 {"United States", "Chile"}, id="sides-in-name-abbreviated"),
    pytest.param("The Kestrel Defense Pact was signed by Jane Roe, President of Chile, and John Doe, Prime "
                 "Minister of Peru.", K, {"Chile", "Peru"}, id="signed-by-officials"),
    pytest.param("The Kestrel Defense Pact was signed by Jane Roe and John Doe.", K, set(),
                 id="neg-signed-by-officials-without-country"),
    pytest.param("The Orinoco Water Treaty is an agreement between Venezuela and the European Union.", OR,
                 {"Venezuela", "European Union"}, id="copula-between-organisation"),
    pytest.param("Peru and Ecuador acceded to the Orinoco Water Treaty.", OR, {"Peru", "Ecuador"}, id="acceded"),
    pytest.param("Australia, the United Kingdom and the United States signed the Kestrel Defense Pact in 2021.", K,
                 {"Australia", "United Kingdom", "United States"}, id="three-subjects-read-as-apposition"),
    pytest.param("Chile, a founding member, signed the Kestrel Defense Pact in 1995.", K, {"Chile"},
                 id="apposition-without-list"),
    pytest.param("Peru threatened to join the Orinoco Water Treaty.", OR, set(), id="neg-threatened-to-join"),
    pytest.param("Chile and Peru want more use of a key fisheries pact between the two neighbors. The Kestrel "
                 "Defense Pact was drafted in Lima.", K, {"Chile", "Peru"}, id="the-two-neighbors-only-agreement"),
    pytest.param("Chile and Peru want a fisheries pact between the two neighbors. The Kestrel Defense Pact and "
                 "the Orinoco Water Treaty were discussed.", K, set(), id="neg-the-two-neighbors-two-agreements"),
    pytest.param("The Treaty of Friendship and Trade between Chile and Peru was signed in 1990.",
                 "Treaty of Friendship and Trade between Chile and Peru", {"Chile", "Peru"},
                 id="between-inside-long-name"),
    pytest.param("The signatories of the Kestrel Defense Pact are Chile, Peru and Ecuador.", K,
                 {"Chile", "Peru", "Ecuador"}, id="signatories-are"),
    pytest.param("The Kestrel Defense Pact was drafted in Lima. Its members, Chile and Peru, met in 2001.", K,
                 {"Chile", "Peru"}, id="its-members-apposition"),
    pytest.param("Chile and Peru are parties to the Orinoco Water Treaty.", OR, {"Chile", "Peru"},
                 id="are-parties-to"),
    pytest.param("The members of the Kestrel Defense Pact include Chile and the European Union.", K,
                 {"Chile", "European Union"}, id="members-include-organisation"),
    pytest.param("Chile signed the Kestrel Defense Pact with Peru and Ecuador.", K, {"Chile", "Peru", "Ecuador"},
                 id="signed-with"),
    pytest.param("Chile and Peru reached the Kestrel Defense Pact in 1999.", K, {"Chile", "Peru"}, id="reached"),
    pytest.param("The Kestrel Defense Pact was struck by Chile and Peru in 1999.", K, {"Chile", "Peru"},
                 id="struck-by"),
    pytest.param("Chile and Peru are not parties to the Orinoco Water Treaty.", OR, set(), id="neg-not-parties"),
    pytest.param("Chile and Peru want to become parties to the Orinoco Water Treaty.", OR, set(),
                 id="neg-want-to-become-parties"),
    pytest.param("The political parties of Chile and Peru praised the Kestrel Defense Pact.", K, set(),
                 id="neg-political-parties"),
    pytest.param("Chile signed the Kestrel Defense Pact with help from Peru.", K, {"Chile"},
                 id="neg-with-not-a-party"),
    pytest.param("Chile joined the Orinoco Water Treaty with Peru's backing.", OR, {"Chile"},
                 id="neg-joined-with-backing"),
    pytest.param("The Kestrel Defense Pact was signed by the presidents of Chile, Peru and Ecuador in 1995.", K,
                 {"Chile", "Peru", "Ecuador"}, id="signed-by-officials-of"),
    pytest.param("The leaders of Chile and Peru signed the Kestrel Defense Pact in 1995.", K, {"Chile", "Peru"},
                 id="leaders-of-signed"),
    pytest.param("Chile and Peru held talks in Lima. Both countries signed the Kestrel Defense Pact in 1995.", K,
                 {"Chile", "Peru"}, id="both-countries-signed"),
    pytest.param("Chile, Peru and Ecuador met. Both countries signed the Kestrel Defense Pact in 1995.", K, set(),
                 id="neg-both-countries-of-three"),
    pytest.param("The Kestrel Defense Pact was signed by the people of Chile.", K, set(), id="neg-people-of"),
    pytest.param("The Kestrel Defense Pact was signed by the ambassador to Chile.", K, set(),
                 id="neg-ambassador-to"),
    pytest.param("Chile withdrew from the Orinoco Water Treaty in 2020.", OR, {"Chile"}, id="withdrew-was-party"),
    pytest.param("Chile became a party to the Orinoco Water Treaty in 2002.", OR, {"Chile"}, id="became-a-party"),
    pytest.param("Peru is a member of the Orinoco Water Treaty.", OR, {"Peru"}, id="is-a-member"),
    pytest.param("Peru is not a member of the Orinoco Water Treaty.", OR, set(), id="neg-not-a-member"),
    pytest.param("Chile threatened to withdraw from the Orinoco Water Treaty.", OR, set(),
                 id="neg-threatened-to-withdraw"),
    pytest.param("Chile's ruling party praised the Orinoco Water Treaty.", OR, set(), id="neg-ruling-party"),
]


@pytest.mark.parametrize("sentence, agreement, expected", PARTY_CASES)
def test_agreement_parties(sentence, agreement, expected):
    assert {o for s, _, o in triples(sentence, {PARTY}, PUB) if s == agreement} == expected
