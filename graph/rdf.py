"""The RDF graph: exact IRIs and vocabulary of the project's contract."""
from __future__ import annotations

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from extract import model as m

from .assemble import KnowledgeGraph
from .dates import bounds
from .iris import Minter
from .namespaces import KGO, SCHEMA, TURTLE_PREFIXES

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
    m.WEAPON: KGO.weapon, m.LOCATION: SCHEMA.location, m.HOLDS_OFFICE: KGO.holdsOffice, m.TITLE: KGO.title,
    m.OFFICE_OF: KGO.officeOf, m.PERIOD_END: SCHEMA.endDate, m.FORMER: KGO.former,
}
PREFIXES = {p: Namespace(ns) for p, ns in TURTLE_PREFIXES.items()}


def literal(value: str, datatype: str) -> Literal | URIRef:
    """The RDF term of a fact's literal object (a vocabulary term for ``m.VOCAB``)."""
    if datatype == m.VOCAB:
        return KGO[value]
    if datatype == m.STRING:
        return Literal(value)
    if datatype == m.INTEGER:
        return Literal(int(value), datatype=XSD.integer)
    if datatype == m.BOOLEAN:
        return Literal(value, datatype=XSD.boolean)
    return Literal(value, datatype=XSD[datatype])


def iter_triples(kg: KnowledgeGraph, base: str):
    """Every triple of the graph, in a stable order, one subject's triples together.

    A generator: large graphs are serialised without ever being held in memory.
    """
    mint = Minter(base)
    doc_iri = {d.id: mint.document(d.id) for d in kg.documents}
    iri = {key: mint.entity(key) for key in kg.nodes}
    by_subject: dict[str, list] = {}
    for fact in kg.facts:
        by_subject.setdefault(fact.subject, []).append(fact)

    for key, node in kg.nodes.items():
        s = iri[key]
        yield s, RDF.type, CLASS_IRI[node.cls]
        yield s, RDFS.label, Literal(node.label)
        for alias in sorted(node.aliases - {node.label}):
            yield s, SKOS.altLabel, Literal(alias)
        if node.cls not in (m.AGREEMENT_EVENT, m.OFFICE_HOLDING):  # named only through their parts
            yield s, KGO.mentionCount, Literal(node.mentions, datatype=XSD.integer)
        yield from _resolutions(s, node, mint, doc_iri)
        for other in node.ambiguous:
            if other in iri:
                yield s, KGO.ambiguousWith, iri[other]
        done = set()
        for fact in by_subject.get(key, ()):
            o = iri[fact.obj] if fact.datatype is None else literal(fact.obj, fact.datatype)
            p = PREDICATE_IRI[fact.predicate]
            if (p, o) not in done:  # the same fact from several documents is one triple
                done.add((p, o))
                yield s, p, o
        yield from time_bounds(s, done)

    for doc in kg.documents:
        yield from _document_triples(doc, doc_iri[doc.id], [iri[k] for k in sorted(kg.mentions.get(doc.id, ()))
                                                           if k in iri])
    for fact in kg.facts:
        yield from _statement_triples(fact, iri, doc_iri, mint)


def _document_triples(doc, d: URIRef, mentioned: list[URIRef]):
    yield d, RDF.type, SCHEMA.NewsArticle
    yield d, DCTERMS.identifier, Literal(doc.id)
    if doc.title:
        yield d, DCTERMS.title, Literal(doc.title)
    if doc.date:
        yield d, DCTERMS.date, Literal(doc.date, datatype=XSD.date)
    yield d, DCTERMS.source, Literal(doc.url or doc.source)
    yield d, SCHEMA.text, Literal(doc.text)
    for e in mentioned:
        yield d, SCHEMA.mentions, e


def _statement_triples(fact, iri: dict, doc_iri: dict, mint: Minter):
    """The evidence of one fact: an rdf:Statement with its sentence, offsets and confidence."""
    s = iri[fact.subject]
    p = PREDICATE_IRI[fact.predicate]
    o = iri[fact.obj] if fact.datatype is None else literal(fact.obj, fact.datatype)
    ev = fact.evidence
    st = mint.statement(str(s), str(p), o.n3(), ev.doc_id, str(ev.start))
    yield st, RDF.type, RDF.Statement
    yield st, RDF.subject, s
    yield st, RDF.predicate, p
    yield st, RDF.object, o
    yield st, PROV.wasDerivedFrom, doc_iri[ev.doc_id]
    yield st, KGO.evidenceText, Literal(ev.sentence)
    yield st, KGO.charStart, Literal(ev.start, datatype=XSD.integer)
    yield st, KGO.charEnd, Literal(ev.end, datatype=XSD.integer)
    yield st, KGO.confidence, Literal(f"{fact.confidence:.2f}", datatype=XSD.decimal)
    yield st, KGO.extractor, Literal(fact.extractor)


def time_bounds(s: URIRef, po: set) -> list[tuple]:
    """``kgo:earliest``/``kgo:latest`` of any node with a ``schema:startDate`` (an agreement
    event, a launch, a role with an end date), from its (predicate, object) pairs."""
    starts = [(str(o), o.datatype) for p, o in po if p == SCHEMA.startDate and isinstance(o, Literal)]
    ends = [(str(o), o.datatype) for p, o in po if p == SCHEMA.endDate and isinstance(o, Literal)]
    span = bounds(starts, ends) if starts else None
    if span is None:
        return []
    return [(s, KGO.earliest, Literal(span[0], datatype=XSD.date)),
            (s, KGO.latest, Literal(span[1], datatype=XSD.date))]


def _resolutions(s: URIRef, node, mint: Minter, doc_iri: dict[str, URIRef]):
    """Why each surface form resolved by a rule is a name of this node."""
    grouped: dict[tuple[str, str], set[str]] = {}
    for r in node.resolutions:
        if r.surface != node.label:
            grouped.setdefault((r.surface, r.rule), set()).update(r.documents)
    for (surface, rule), docs in sorted(grouped.items()):
        res = mint.resolution(str(s), surface, rule)
        yield s, KGO.nameResolution, res
        yield res, RDF.type, KGO.NameResolution
        yield res, KGO.surfaceForm, Literal(surface)
        yield res, KGO.resolutionRule, Literal(rule)
        for doc in sorted(docs):
            if doc in doc_iri:
                yield res, PROV.wasDerivedFrom, doc_iri[doc]


def prefixes(base: str) -> dict[str, str]:
    out = {p: str(ns) for p, ns in PREFIXES.items()}
    out["kgb"] = base if base.endswith(("/", "#")) else base + "/"
    return dict(sorted(out.items()))


def to_rdf(kg: KnowledgeGraph, base: str) -> Graph:
    """The graph as an rdflib Graph (for exports and validation)."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in prefixes(base).items():
        g.bind(prefix, Namespace(ns))
    for triple in iter_triples(kg, base):
        g.add(triple)
    return g


def to_turtle(kg: KnowledgeGraph, base: str, output=None) -> tuple[bytes | None, int]:
    """Turtle (bytes, or written to the path ``output``) and the triple count, written
    by pyoxigraph's serializer straight
    from the triple stream (same triples and prefixes as rdflib would write, many
    times faster, and no graph held in memory)."""
    import pyoxigraph as ox

    cache: dict = {}
    count = 0

    def term(t):
        found = cache.get(t)
        if found is None:
            if isinstance(t, Literal):
                if t.language:
                    found = ox.Literal(str(t), language=t.language)
                elif t.datatype is not None:
                    found = ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
                else:
                    found = ox.Literal(str(t))
                return found  # literals are mostly unique: don't cache them
            found = ox.NamedNode(str(t))
            cache[t] = found
        return found

    def stream():
        nonlocal count
        for s, p, o in iter_triples(kg, base):
            count += 1
            yield ox.Triple(term(s), term(p), term(o))

    data = ox.serialize(stream(), str(output) if output is not None else None,
                        format=ox.RdfFormat.TURTLE, prefixes=prefixes(base))
    return data, count
