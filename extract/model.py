"""The plain data model passed from ``extract`` to ``graph``.

Everything here is strings, numbers and character offsets, so results can be
pickled between processes and the graph stage never sees a spaCy object.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# Entity classes (local names; ``graph`` maps them to schema.org / kgo IRIs).
PERSON = "Person"
COUNTRY = "Country"
CITY = "City"
PLACE = "Place"
ORGANIZATION = "Organization"
GOVERNMENT_ORGANIZATION = "GovernmentOrganization"
AGREEMENT = "Agreement"
MISSILE_LAUNCH = "MissileLaunch"
AGREEMENT_EVENT = "AgreementEvent"
OFFICE_HOLDING = "OfficeHolding"  # one person's tenure of one office (a dated role)

ENTITY_CLASSES = (PERSON, COUNTRY, CITY, PLACE, ORGANIZATION, GOVERNMENT_ORGANIZATION,
                  AGREEMENT, MISSILE_LAUNCH, AGREEMENT_EVENT, OFFICE_HOLDING)

# Predicates (closed set; ``graph.rdf`` maps each to one IRI).
OFFICEHOLDER_OF = "officeholderOf"
JOB_TITLE = "jobTitle"
SIGNED_DATE = "signedDate"
IN_FORCE_DATE = "inForceDate"
END_DATE = "endDate"
PARTY = "party"
LAUNCHED_BY = "launchedBy"
START_DATE = "startDate"
QUANTITY = "quantity"
WEAPON = "weapon"
LOCATION = "location"
HAS_EVENT = "hasEvent"
EVENT_TYPE = "eventType"
PARTICIPANT = "participant"
HOLDS_OFFICE = "holdsOffice"  # person -> office holding
TITLE = "title"  # office holding -> the title as written
OFFICE_OF = "officeOf"  # office holding -> country or organisation
PERIOD_END = "periodEnd"  # office holding -> when it ended (schema:endDate)
FORMER = "former"  # office holding -> true when the text says it was held earlier

PREDICATES = (OFFICEHOLDER_OF, JOB_TITLE, SIGNED_DATE, IN_FORCE_DATE, END_DATE, PARTY,
              LAUNCHED_BY, START_DATE, QUANTITY, WEAPON, LOCATION, HAS_EVENT, EVENT_TYPE, PARTICIPANT,
              HOLDS_OFFICE, TITLE, OFFICE_OF, PERIOD_END, FORMER)

# What can happen to an agreement (local names of kgo:AgreementEventType individuals).
EVENT_TYPES = ("Announcement", "Initialling", "Signing", "Approval", "Ratification", "EntryIntoForce",
               "Accession", "Extension", "Suspension", "Withdrawal", "Expiry", "Termination")
# The date property an event type also writes on its agreement (a shortcut kept from
# before agreement events existed).
EVENT_SHORTCUT = {"Signing": SIGNED_DATE, "EntryIntoForce": IN_FORCE_DATE, "Expiry": END_DATE,
                  "Termination": END_DATE, "Withdrawal": END_DATE}

# Literal datatypes (local names of XSD types).
DATE = "date"
G_YEAR_MONTH = "gYearMonth"
G_YEAR = "gYear"
G_MONTH_DAY = "gMonthDay"
INTEGER = "integer"
STRING = "string"
VOCAB = "vocab"  # not a literal: the local name of a kgo: term (an event type)
BOOLEAN = "boolean"


@dataclass(frozen=True)
class Document:
    """One article, with the exact text that was analysed."""

    id: str
    text: str
    source: str  # file path (with ":line" for JSON Lines) or the document's URL
    title: str | None = None
    date: str | None = None  # publication date, ISO YYYY-MM-DD
    url: str | None = None
    origin: str | None = None  # the file as named on the command line, for messages (not in the graph)

    @property
    def shown(self) -> str:
        """The document as messages name it: the file as the user gave it, else the source."""
        return self.origin or self.source


@dataclass(frozen=True)
class Mention:
    text: str
    start: int  # character offsets into Document.text
    end: int


@dataclass
class Entity:
    """A real-world thing named in one document.

    ``key`` identifies it across documents (the graph merges equal keys).
    """

    key: str
    label: str
    cls: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    # surface form -> the in-document rule that resolved it to this entity
    # (a form equal to the label, or taken as written, has none)
    alias_rules: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Evidence:
    doc_id: str
    sentence: str
    start: int  # sentence offsets in Document.text
    end: int


@dataclass(frozen=True)
class Fact:
    """One statement ``subject predicate object``.

    ``obj`` is an entity key when ``datatype`` is None, else a literal's lexical form.
    """

    subject: str
    predicate: str
    obj: str
    datatype: str | None
    evidence: Evidence
    confidence: float
    extractor: str


@dataclass(frozen=True)
class RuleError:
    """A rule that raised on one sentence of a document: only that rule's facts for that
    sentence are lost. ``sentence`` is 1-based; None for a rule over the whole document."""

    source: str
    rule: str  # "family.rule", e.g. "offices.title_before"
    sentence: int | None
    error: str  # the exception's class name
    message: str

    def __str__(self) -> str:
        where = f" on sentence {self.sentence}" if self.sentence is not None else ""
        first = (self.message.strip().splitlines() or [""])[0][:200]
        return f"{self.source}: rule {self.rule} failed{where}: {self.error}: {first}"


@dataclass
class DocumentResult:
    document: Document
    entities: list[Entity]
    facts: list[Fact]
    warnings: list[str] = field(default_factory=list)
    rule_errors: list[RuleError] = field(default_factory=list)


@dataclass(frozen=True)
class Failure:
    """A document that could not be analysed at all."""

    document: Document
    message: str

    def __str__(self) -> str:
        return f"{self.document.shown}: {self.message}"


# ---------------------------------------------------------------- event keys

_LAUNCH_PREFIX = "launch:"


def launch_key(agent: str, date: str) -> str:
    """The entity key of the launch by ``agent`` on ``date`` (an ISO date or gYearMonth)."""
    return f"{_LAUNCH_PREFIX}{agent}:{date}"


def parse_launch_key(key: str) -> tuple[str, str] | None:
    """(agent, date) of a key made by :func:`launch_key`; None for any other key."""
    if not key.startswith(_LAUNCH_PREFIX):
        return None
    agent, sep, date = key[len(_LAUNCH_PREFIX):].rpartition(":")
    return (agent, date) if sep else None


def launch_label(agent: str, date: str) -> str:
    return f"{agent} missile launch, {date.lstrip('-')}"


_EVENT_PREFIX = "event:"


def event_key(agreement: str, event_type: str, date: str) -> str:
    """The entity key of the ``event_type`` event of ``agreement`` on ``date``."""
    return f"{_EVENT_PREFIX}{event_type}:{date}:{agreement}"


def parse_event_key(key: str) -> tuple[str, str, str] | None:
    """(agreement, event type, date) of a key made by :func:`event_key`; None for any other key."""
    if not key.startswith(_EVENT_PREFIX):
        return None
    parts = key[len(_EVENT_PREFIX):].split(":", 2)
    return (parts[2], parts[0], parts[1]) if len(parts) == 3 else None


def event_label(agreement: str, event_type: str, date: str) -> str:
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", event_type).lower()
    return f"{agreement}: {words}, {date.lstrip('-')}"
_ROLE_PREFIX = "role:"
_ROLE_SEP = "\x1f"


def role_key(person: str, polity: str, title: str) -> str:
    """The entity key of ``person``'s office ``title`` of ``polity`` (an office holding);
    titles differing only in case or spacing ("Prime Minister", "prime minister") are one office."""
    return _ROLE_PREFIX + _ROLE_SEP.join((person, polity, " ".join(title.casefold().split())))


def parse_role_key(key: str) -> tuple[str, str, str] | None:
    """(person, polity, title) of a key made by :func:`role_key`; None for any other key."""
    if not key.startswith(_ROLE_PREFIX):
        return None
    parts = key[len(_ROLE_PREFIX):].split(_ROLE_SEP)
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else None


def role_label(person: str, polity: str, title: str) -> str:
    return f"{person}, {title} ({polity})"
