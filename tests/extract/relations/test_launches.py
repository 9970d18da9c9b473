"""Launch rules (extract.relations.launches), sentence -> triples."""
from __future__ import annotations

import pytest
from rulecases import DATE, LAUNCH_PREDICATES, LAUNCHED_BY, NK, QUANTITY, START_DATE, WEAPON, launch, run, triples

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
