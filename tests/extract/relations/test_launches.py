"""Launch rules (extract.relations.launches), sentence -> triples."""
from __future__ import annotations

import pytest
from rulecases import DATE, LAUNCH_PREDICATES, LAUNCHED_BY, NK, PUB, QUANTITY, START_DATE, WEAPON, launch, run, triples

from extract.model import INTEGER, STRING

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
    # several launches in one sentence: one event per listed date
    pytest.param("North Korea fired missiles on April 15, April 28 and May 14.",
                 launch(NK, "2022-04-15", weapon="missile") | launch(NK, "2022-04-28", weapon="missile")
                 | launch(NK, "2022-05-14", weapon="missile"), id="date-list-three-events"),
    pytest.param("Iran tested rockets on March 3 and April 9, 2019.",
                 launch("Iran", "2019-03-03", weapon="rocket") | launch("Iran", "2019-04-09", weapon="rocket"),
                 id="date-list-shared-year"),
    pytest.param("Iran launched missiles and drones at Israel on the evening of April 13 and the morning of "
                 "April 14.", launch("Iran", "2022-04-13", weapon="missile"), id="evening-and-morning-one-attack"),
    pytest.param("Syria fired nine missiles overnight, officials said.",
                 launch("Syria", PUB, qty=9, weapon="missile"), id="overnight-is-publication-day"),
    pytest.param("Syria fired 12 missiles and 20 drones at the port overnight, officials said.",
                 launch("Syria", PUB, qty=12, weapon="missile"), id="overnight-after-a-list-of-weapons"),
    pytest.param("Iran fired more than 300 drones and missiles at the base on Friday.",
                 launch("Iran", "2022-06-10", weapon="missile"), id="missiles-after-drones-no-count"),
    pytest.param("Syria fired 40 drones and shells at the port overnight.", set(), id="neg-drones-and-shells"),
    # counts in every form
    pytest.param("Syria fired a pair of missiles on Friday.", launch("Syria", "2022-06-10", qty=2, weapon="missile"),
                 id="count-pair-of"),
    pytest.param("Iranian forces fired a salvo of 12 missiles on Sunday.",
                 launch("Iran", "2022-06-12", qty=12, weapon="missile"), id="count-salvo-demonym-forces"),
    pytest.param("Russia fired at least six cruise missiles on Monday.",
                 launch("Russia", "2022-06-13", qty=6, weapon="cruise missile"), id="count-at-least"),
    pytest.param("Russia launched more than 30 missiles and drones on Monday.",
                 launch("Russia", "2022-06-13", qty=30, weapon="missile"), id="count-missiles-not-drones"),
    pytest.param("Russian missile attacks Thursday hit two towns. The wave of Russian strikes included 12 drones, "
                 "ten cruise missiles and four ballistic missiles.",
                 launch("Russia", "2022-06-09", qty=14, weapon="cruise missile"), id="count-sum-next-sentence"),
    pytest.param("Officials condemned North Korea's missile launch on May 28.",
                 launch(NK, "2022-05-28", qty=1, weapon="missile"), id="count-single-launch"),
    # nominal launches
    pytest.param("With its latest launch of a cruise missile on 2 June, Iran has again ignored the resolution.",
                 launch("Iran", "2022-06-02", qty=1, weapon="cruise missile"), id="nominal-its-launch"),
    pytest.param("Observers noted the Feb. 3 rocket attack by Syria on the border town.",
                 launch("Syria", "2022-02-03", weapon="rocket"), id="nominal-attack-by"),
    pytest.param("Japan condemned the launch of a missile by North Korea on Friday.",
                 launch(NK, "2022-06-10", qty=1, weapon="missile"), id="nominal-launch-of-by"),
    pytest.param("Iran fired a missile last week. Experts said the test took place June 2, when Iran used a "
                 "solid-fuel missile.", launch("Iran", "2022-06-02", qty=1, weapon="missile"),
                 id="nominal-test-took-place"),
    pytest.param("North Korea fired a missile on Friday. This step follows missile launches into the Sea of Japan "
                 "on 18 May.", launch(NK, "2022-06-10", qty=1, weapon="missile")
                 | launch(NK, "2022-05-18", weapon="missile", location="Sea of Japan"),
                 id="nominal-plural-launches-earlier-agent"),
    # space launches count where the text ties them to ballistic missiles
    pytest.param("Iran launched a satellite on Friday. The rocket used ballistic missile technology.",
                 launch("Iran", "2022-06-10", qty=1, weapon="satellite"), id="space-launch-tied"),
    # non-state groups launch in their own name; an agentless report by a government is that government's
    pytest.param("Hezbollah fired three rockets on Friday.",
                 launch("Hezbollah", "2022-06-10", qty=3, weapon="rocket"), id="group-agent"),
    # a launch told by what the weapon did
    pytest.param("Iran destroyed an old radar satellite with a ground-based missile on January 11.",
                 launch("Iran", "2022-01-11", qty=1, weapon="ground-based missile"), id="destroyed-with-missile"),
    pytest.param("The test took place on June 2, when Iran used a missile to destroy a satellite.",
                 launch("Iran", "2022-06-02", qty=1, weapon="missile"), id="used-missile-to-destroy"),
    # launches inside "a wave of", "a round of"
    pytest.param("Russia launched a huge wave of missile attacks on towns across the region overnight.",
                 launch("Russia", PUB, weapon="missile"), id="wave-of-attacks-overnight"),
    pytest.param("Iran carried out a second round of test firings on Thursday.",
                 launch("Iran", "2022-06-09"), id="round-of-test-firings"),
    pytest.param("Iran's Revolutionary Guards fired nine missiles Wednesday.",
                 launch("Iran", "2022-06-08", qty=9, weapon="missile"), id="unit-of-a-country"),
    # a "when" clause on a date is dated by it; "with" on the verb's object is the weapon
    pytest.param("Officials recalled March 1990, when Syria destroyed an old satellite with a ground-launched missile.",
                 launch("Syria", "1990-03", qty=1, weapon="ground-launched missile"), id="when-clause-date"),
    pytest.param("Analysts recalled March 1990, when Syria destroyed the target satellite with anti-satellite missile.",
                 launch("Syria", "1990-03", qty=1, weapon="anti-satellite missile"), id="singular-instrument-is-one"),
    # a gerund complement takes its verb's date (a finite "said it fired" keeps its own)
    pytest.param("On Wednesday Syria reported firing six test missiles.",
                 launch("Syria", "2022-06-08", qty=6, weapon="test missile"), id="gerund-takes-verb-date"),
    # weapons in an "include" phrase name the launch but their number is a part's
    pytest.param("Iran launched more than 200 air threats on Friday, to include over 50 cruise missiles.",
                 launch("Iran", "2022-06-10", weapon="cruise missile"), id="weapon-in-include-phrase"),
    # a country named as the target does not compete for an agentless mention's agent
    pytest.param("Iran fired a missile on Friday. This step follows missile launches into Iraq on 18 May.",
                 launch("Iran", "2022-06-10", qty=1, weapon="missile")
                 | launch("Iran", "2022-05-18", weapon="missile"), id="target-country-not-agent"),
    # --- negatives
    # a bare "the test" under a verb of telling: the date is the report's
    pytest.param("Iran fired a missile on Friday. A magazine first reported the test on June 12.",
                 launch("Iran", "2022-06-10", qty=1, weapon="missile"), id="neg-report-date"),
    pytest.param("Iran said Friday it fired a missile.", set(), id="neg-said-friday-finite"),
    pytest.param("On Friday Iran stopped firing missiles.", set(), id="neg-gerund-stopped"),
    pytest.param("Russia launched a ground offensive on Friday, including missile strikes.", set(),
                 id="neg-include-under-singular-object"),
    pytest.param("On Friday Iran denied firing missiles.", set(), id="neg-gerund-denied"),
    # an agentless mention in a sentence naming another country takes no agent from elsewhere
    pytest.param("China fired a missile on Friday. A test of a cruise missile in May alarmed Japan.",
                 launch("China", "2022-06-10", qty=1, weapon="missile"), id="neg-fallback-other-country"),
    # "since May 2001" bounds a period: no launch in May 2001
    pytest.param("Iran fired a missile on Friday. Officials said it was the first test since May 2001.",
                 launch("Iran", "2022-06-10", qty=1, weapon="missile"), id="neg-since-date"),
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
    pytest.param("A test launch of a missile is scheduled for June 20.", set(), id="neg-scheduled"),
    pytest.param("North Korea is set to launch a missile on June 20.", set(), id="neg-set-to"),
    pytest.param("The allies called on Iran not to conduct missile launches on June 5.", set(),
                 id="neg-called-not-to-conduct"),
    pytest.param("Iran threatened missile strikes on Friday.", set(), id="neg-threatened-strikes"),
    pytest.param("Russian ground attacks on Friday killed five people.", set(), id="neg-attack-without-weapon"),
    pytest.param("North Korea conducted its sixth nuclear test on Friday.", set(), id="neg-nuclear-test"),
    pytest.param("The test was a success, officials said on Friday.", set(), id="neg-bare-test-nothing-before"),
    pytest.param("A missile was launched on Friday.", set(), id="neg-agentless-not-government"),
    pytest.param("Syria could destroy the bridge with a missile on Friday.", set(), id="neg-could-destroy-with"),
    pytest.param("A frigate armed with missiles sailed on Friday.", set(), id="neg-armed-with-missiles"),
    pytest.param("Iran used missiles in a parade on Friday.", set(), id="neg-used-in-parade"),
    pytest.param("Japan launched a rocket carrying a weather satellite on Friday.", set(),
                 id="neg-space-rocket-untied"),
    # a running total lends no count to the dated launch
    pytest.param("North Korea fired missiles on Friday. It has fired more than 100 missiles since 2019.",
                 launch(NK, "2022-06-10", weapon="missile"), id="tally-lends-no-count"),
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


def test_agentless_launch_in_a_government_report_is_that_governments():
    text = "An unarmed missile was launched during a test at 1:05 a.m. here June 2."
    assert triples(text, LAUNCH_PREDICATES, url="https://www.example.af.mil/news/1") == launch(
        "United States", "2022-06-02", qty=1, weapon="unarmed missile")
    assert triples(text, LAUNCH_PREDICATES, url="https://news.example.com/1") == set()


def test_group_named_like_a_person_is_an_organisation():
    result = run("The Zorvians launched two missiles at a ship on Friday.")
    agents = {f.obj for f in result.facts if f.predicate == LAUNCHED_BY}
    assert {e.cls for e in result.entities if e.key in agents} <= {"Organization"}


def test_undated_document_gives_no_launch_and_one_warning():
    result = run("North Korea fired two missiles on August 24. It fired another on August 30.", pubdate=None)
    assert triples("North Korea fired two missiles on August 24.", LAUNCH_PREDICATES, pubdate=None) == set()
    assert result.warnings == ["t: no publication date; relative dates skipped, use --date"]
