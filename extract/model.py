"""The plain data model passed from ``extract`` to ``graph``.

Everything here is strings, numbers and character offsets, so results can be
pickled between processes and the graph stage never sees a spaCy object.
"""
from __future__ import annotations

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

ENTITY_CLASSES = (PERSON, COUNTRY, CITY, PLACE, ORGANIZATION, GOVERNMENT_ORGANIZATION,
                  AGREEMENT, MISSILE_LAUNCH)

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

PREDICATES = (OFFICEHOLDER_OF, JOB_TITLE, SIGNED_DATE, IN_FORCE_DATE, END_DATE, PARTY,
              LAUNCHED_BY, START_DATE, QUANTITY, WEAPON, LOCATION)

# Literal datatypes (local names of XSD types).
DATE = "date"
G_YEAR_MONTH = "gYearMonth"
G_YEAR = "gYear"
G_MONTH_DAY = "gMonthDay"
INTEGER = "integer"
STRING = "string"


@dataclass(frozen=True)
class Document:
    """One article, with the exact text that was analysed."""

    id: str
    text: str
    source: str  # file path (with ":line" for JSON Lines) or the document's URL
    title: str | None = None
    date: str | None = None  # publication date, ISO YYYY-MM-DD
    url: str | None = None


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


@dataclass
class DocumentResult:
    document: Document
    entities: list[Entity]
    facts: list[Fact]
    warnings: list[str] = field(default_factory=list)
