"""Agreement events as entities and facts: one event per agreement, type and date.

The rules give :class:`~extract.relations.agreement_events.AgreementDate` values; here
each becomes an ``AgreementEvent`` entity (key from :func:`~extract.model.event_key`)
with its type, date, place and participants, plus the agreement's date shortcut
(``signedDate``, ``inForceDate``, ``endDate``) where the event type has one.
"""
from __future__ import annotations

from collections.abc import Iterable

from .doc_entities import DocEntities
from .model import (
    AGREEMENT_EVENT,
    EVENT_SHORTCUT,
    EVENT_TYPE,
    HAS_EVENT,
    LOCATION,
    PARTICIPANT,
    START_DATE,
    VOCAB,
    Entity,
    Evidence,
    Fact,
    event_key,
    event_label,
)
from .relations.agreement_events import AgreementDate


def coarser_merged(events: Iterable[tuple[AgreementDate, Evidence]]) -> list[tuple[AgreementDate, Evidence]]:
    """"June 2003" and "1 June 2003" for one agreement's entry into force are one event:
    a date that a more precise date of the same agreement and type begins with is dropped."""
    events = list(events)
    dates = {(d.agreement, d.event, d.value) for d, _ in events}
    return [(d, ev) for d, ev in events
            if not any(a == d.agreement and t == d.event and v != d.value and v.startswith(d.value)
                       for a, t, v in dates)]


def agreement_event_facts(events: Iterable[tuple[AgreementDate, Evidence]], ents: DocEntities) -> list[Fact]:
    """The facts of the document's agreement events; adds each event to ``ents``."""
    facts: list[Fact] = []
    for d, ev in coarser_merged(events):
        key = event_key(d.agreement, d.event, d.value)
        if key not in ents.entities:
            ents.entities[key] = Entity(key=key, label=event_label(d.agreement, d.event, d.value),
                                        cls=AGREEMENT_EVENT)
        conf, rule = d.confidence, d.rule
        facts += [Fact(d.agreement, HAS_EVENT, key, None, ev, conf, rule),
                  Fact(key, EVENT_TYPE, d.event, VOCAB, ev, conf, rule),
                  Fact(key, START_DATE, d.value, d.datatype, ev, conf, rule)]
        if d.event in EVENT_SHORTCUT:
            facts.append(Fact(d.agreement, EVENT_SHORTCUT[d.event], d.value, d.datatype, ev, conf, rule))
        if d.location:
            facts.append(Fact(key, LOCATION, d.location, None, ev, conf, rule))
        for who in d.participants:
            facts.append(Fact(key, PARTICIPANT, who, None, ev, conf, rule))
    return facts
