"""The RDF graph: exact IRIs and vocabulary of the project's contract.

The graph is made as pyoxigraph terms, in :class:`Block`\\ s: all the triples of one
entity (with its name resolutions), of one document node, or of one statement. The
Turtle, the dataset of named graphs and the store are written from the same blocks;
an rdflib Graph is made from them only for the formats rdflib writes.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from extract import model as m

from .assemble import KnowledgeGraph
from .dates import bounds
from .iris import Minter
from .namespaces import KGO, SCHEMA, TURTLE_PREFIXES


def _node(iri) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


CLASS_IRI = {
    m.PERSON: SCHEMA.Person, m.COUNTRY: SCHEMA.Country, m.CITY: SCHEMA.City, m.PLACE: SCHEMA.Place,
    m.ORGANIZATION: SCHEMA.Organization, m.GOVERNMENT_ORGANIZATION: SCHEMA.GovernmentOrganization,
    m.AGREEMENT: KGO.Agreement, m.MISSILE_LAUNCH: KGO.MissileLaunch, m.AGREEMENT_EVENT: KGO.AgreementEvent,
    m.OFFICE_HOLDING: KGO.OfficeHolding,
}
PREDICATE_IRI = {
    m.OFFICEHOLDER_OF: KGO.officeholderOf, m.JOB_TITLE: SCHEMA.jobTitle, m.SIGNED_DATE: KGO.signedDate,
    m.IN_FORCE_DATE: KGO.inForceDate, m.END_DATE: KGO.endDate, m.PARTY: KGO.party,
    m.LAUNCHED_BY: KGO.launchedBy, m.START_DATE: SCHEMA.startDate, m.QUANTITY: KGO.quantity,
    m.WEAPON: KGO.weapon, m.LOCATION: SCHEMA.location, m.HAS_EVENT: KGO.hasEvent,
    m.EVENT_TYPE: KGO.eventType, m.PARTICIPANT: KGO.participant,
    m.HOLDS_OFFICE: KGO.holdsOffice, m.TITLE: KGO.title,
    m.OFFICE_OF: KGO.officeOf, m.PERIOD_END: SCHEMA.endDate, m.FORMER: KGO.former,
}
PREFIXES = {p: Namespace(ns) for p, ns in TURTLE_PREFIXES.items()}

_CLASS = {k: _node(v) for k, v in CLASS_IRI.items()}
_PREDICATE = {k: _node(v) for k, v in PREDICATE_IRI.items()}
TYPE, STATEMENT = _node(RDF.type), _node(RDF.Statement)
SUBJECT, PREDICATE, OBJECT = _node(RDF.subject), _node(RDF.predicate), _node(RDF.object)
DERIVED_FROM = _node(PROV.wasDerivedFrom)
_LABEL, _ALT_LABEL = _node(RDFS.label), _node(SKOS.altLabel)
_MENTION_COUNT, _AMBIGUOUS = _node(KGO.mentionCount), _node(KGO.ambiguousWith)
_EARLIEST, _LATEST = _node(KGO.earliest), _node(KGO.latest)
_START, _END = _node(SCHEMA.startDate), _node(SCHEMA.endDate)
_NAME_RESOLUTION, _NAME_RESOLUTION_CLASS = _node(KGO.nameResolution), _node(KGO.NameResolution)
_SURFACE_FORM, _RESOLUTION_RULE = _node(KGO.surfaceForm), _node(KGO.resolutionRule)
_ARTICLE, _IDENTIFIER, _TITLE = _node(SCHEMA.NewsArticle), _node(DCTERMS.identifier), _node(DCTERMS.title)
_DATE, _SOURCE, _TEXT, _MENTIONS = _node(DCTERMS.date), _node(DCTERMS.source), _node(SCHEMA.text), \
    _node(SCHEMA.mentions)
_EVIDENCE, _CHAR_START, _CHAR_END = _node(KGO.evidenceText), _node(KGO.charStart), _node(KGO.charEnd)
_CONFIDENCE, _EXTRACTOR = _node(KGO.confidence), _node(KGO.extractor)
_INTEGER, _DECIMAL, _XSD_DATE = _node(XSD.integer), _node(XSD.decimal), _node(XSD.date)
_XSD_STRING = str(XSD.string)


class Block(NamedTuple):
    """Triples that belong together: ``unit`` is the entity they describe (with its
    name resolutions) or the document they come from (its node and each statement it
    gives, ``doc`` set)."""

    unit: ox.NamedNode
    doc: ox.NamedNode | None
    triples: list[ox.Triple]


def literal(value: str, datatype: str) -> ox.Literal | ox.NamedNode:
    """The RDF term of a fact's literal object (a vocabulary term for ``m.VOCAB``)."""
    if datatype == m.VOCAB:
        return _node(KGO[value])
    if datatype == m.STRING:
        return ox.Literal(value)
    if datatype == m.INTEGER:
        return ox.Literal(str(int(value)), datatype=_INTEGER)
    return ox.Literal(value, datatype=_node(XSD[datatype]))


def _n3(term) -> str:
    """The object as rdflib writes it in N3 (part of a statement's IRI)."""
    return to_rdflib(term).n3()


def iter_blocks(kg: KnowledgeGraph, base: str, docs: set[str] | None = None) -> Iterator[Block]:
    """Every triple of the graph in blocks, in a stable order: each entity's, then each
    document's node, then each statement. ``docs``: only the blocks of these documents
    (their nodes and statements)."""
    mint = Minter(base)
    doc_iri = {d.id: _node(mint.document(d.id)) for d in kg.documents}
    iri = {key: _node(mint.entity(key)) for key in kg.nodes}
    if docs is None:
        by_subject: dict[str, list] = {}
        for fact in kg.facts:
            by_subject.setdefault(fact.subject, []).append(fact)
        for key, node in kg.nodes.items():
            yield Block(iri[key], None, list(_entity_triples(iri[key], node, by_subject.get(key, ()), iri, mint,
                                                             doc_iri)))
    for doc in kg.documents:
        if docs is None or doc.id in docs:
            d = doc_iri[doc.id]
            mentioned = [iri[k] for k in sorted(kg.mentions.get(doc.id, ())) if k in iri]
            yield Block(d, d, [ox.Triple(d, p, o) for p, o in _document_po(doc, mentioned)])
    n3: dict = {}
    for fact in kg.facts:
        if docs is None or fact.evidence.doc_id in docs:
            d = doc_iri[fact.evidence.doc_id]
            yield Block(d, d, _statement_triples(fact, iri, d, mint, n3))


def _entity_triples(s: ox.NamedNode, node, facts: Iterable, iri: dict, mint: Minter, doc_iri: dict):
    yield ox.Triple(s, TYPE, _CLASS[node.cls])
    yield ox.Triple(s, _LABEL, ox.Literal(node.label))
    for alias in sorted(node.aliases - {node.label}):
        yield ox.Triple(s, _ALT_LABEL, ox.Literal(alias))
    if node.cls not in (m.AGREEMENT_EVENT, m.OFFICE_HOLDING):  # named only through their parts
        yield ox.Triple(s, _MENTION_COUNT, ox.Literal(str(node.mentions), datatype=_INTEGER))
    yield from _resolutions(s, node, mint, doc_iri)
    for other in node.ambiguous:
        if other in iri:
            yield ox.Triple(s, _AMBIGUOUS, iri[other])
    done = set()
    for fact in facts:
        o = iri[fact.obj] if fact.datatype is None else literal(fact.obj, fact.datatype)
        p = _PREDICATE[fact.predicate]
        if (p, o) not in done:  # the same fact from several documents is one triple
            done.add((p, o))
            yield ox.Triple(s, p, o)
    yield from time_bounds(s, done)


def _document_po(doc, mentioned: list):
    yield TYPE, _ARTICLE
    yield _IDENTIFIER, ox.Literal(doc.id)
    if doc.title:
        yield _TITLE, ox.Literal(doc.title)
    if doc.date:
        yield _DATE, ox.Literal(doc.date, datatype=_XSD_DATE)
    yield _SOURCE, ox.Literal(doc.url or doc.source)
    yield _TEXT, ox.Literal(doc.text)
    for e in mentioned:
        yield _MENTIONS, e


def _statement_triples(fact, iri: dict, d: ox.NamedNode, mint: Minter, n3: dict) -> list[ox.Triple]:
    """The evidence of one fact: an rdf:Statement with its sentence, offsets and confidence."""
    s = iri[fact.subject]
    p = _PREDICATE[fact.predicate]
    o = iri[fact.obj] if fact.datatype is None else literal(fact.obj, fact.datatype)
    ev = fact.evidence
    o_n3 = n3.get(o)
    if o_n3 is None:
        o_n3 = n3[o] = _n3(o)
    st = _node(mint.statement(s.value, p.value, o_n3, ev.doc_id, str(ev.start)))
    return [ox.Triple(st, TYPE, STATEMENT), ox.Triple(st, SUBJECT, s), ox.Triple(st, PREDICATE, p),
            ox.Triple(st, OBJECT, o), ox.Triple(st, DERIVED_FROM, d),
            ox.Triple(st, _EVIDENCE, ox.Literal(ev.sentence)),
            ox.Triple(st, _CHAR_START, ox.Literal(str(ev.start), datatype=_INTEGER)),
            ox.Triple(st, _CHAR_END, ox.Literal(str(ev.end), datatype=_INTEGER)),
            ox.Triple(st, _CONFIDENCE, ox.Literal(f"{fact.confidence:.2f}", datatype=_DECIMAL)),
            ox.Triple(st, _EXTRACTOR, ox.Literal(fact.extractor))]


def time_bounds(s: ox.NamedNode, po: set) -> list[ox.Triple]:
    """``kgo:earliest``/``kgo:latest`` of any node with a ``schema:startDate`` (an agreement
    event, a launch, a role with an end date), from its (predicate, object) pairs."""
    starts = [(o.value, URIRef(o.datatype.value)) for p, o in po if p == _START and isinstance(o, ox.Literal)]
    ends = [(o.value, URIRef(o.datatype.value)) for p, o in po if p == _END and isinstance(o, ox.Literal)]
    span = bounds(starts, ends) if starts else None
    if span is None:
        return []
    return [ox.Triple(s, _EARLIEST, ox.Literal(span[0], datatype=_XSD_DATE)),
            ox.Triple(s, _LATEST, ox.Literal(span[1], datatype=_XSD_DATE))]


def _resolutions(s: ox.NamedNode, node, mint: Minter, doc_iri: dict):
    """Why each surface form resolved by a rule is a name of this node."""
    grouped: dict[tuple[str, str], set[str]] = {}
    for r in node.resolutions:
        if r.surface != node.label:
            grouped.setdefault((r.surface, r.rule), set()).update(r.documents)
    for (surface, rule), docs in sorted(grouped.items()):
        res = _node(mint.resolution(s.value, surface, rule))
        yield ox.Triple(s, _NAME_RESOLUTION, res)
        yield ox.Triple(res, TYPE, _NAME_RESOLUTION_CLASS)
        yield ox.Triple(res, _SURFACE_FORM, ox.Literal(surface))
        yield ox.Triple(res, _RESOLUTION_RULE, ox.Literal(rule))
        for doc in sorted(docs):
            if doc in doc_iri:
                yield ox.Triple(res, DERIVED_FROM, doc_iri[doc])


def iter_triples(kg: KnowledgeGraph, base: str) -> Iterator[ox.Triple]:
    """Every triple of the graph, in a stable order, one subject's triples together.

    A generator: large graphs are serialised without ever being held in memory.
    """
    for block in iter_blocks(kg, base):
        yield from block.triples


def to_rdflib(term) -> URIRef | BNode | Literal:
    """An rdflib term for a pyoxigraph term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == _XSD_STRING:  # RDF 1.1: a plain literal is an xsd:string
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def prefixes(base: str) -> dict[str, str]:
    out = {p: str(ns) for p, ns in PREFIXES.items()}
    out["kgb"] = base if base.endswith(("/", "#")) else base + "/"
    return dict(sorted(out.items()))


def to_rdf(kg: KnowledgeGraph, base: str) -> Graph:
    """The graph as an rdflib Graph (for exports and validation)."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in prefixes(base).items():
        g.bind(prefix, Namespace(ns))
    for t in iter_triples(kg, base):
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


def to_turtle(kg: KnowledgeGraph, base: str, output=None,
              on_block: Callable[[Block], None] | None = None) -> tuple[bytes | None, int]:
    """Turtle (bytes, or written to the path ``output``) and the triple count, written
    by pyoxigraph's serializer straight from the blocks (no graph held in memory).
    ``on_block`` sees each block as it is written (``kg build --store`` compares them
    with the stored graph)."""
    count = 0

    def stream():
        nonlocal count
        for block in iter_blocks(kg, base):
            if on_block is not None:
                on_block(block)
            count += len(block.triples)
            yield from block.triples

    data = ox.serialize(stream(), str(output) if output is not None else None,
                        format=ox.RdfFormat.TURTLE, prefixes=prefixes(base))
    return data, count
