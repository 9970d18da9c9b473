"""The RDF graph: exact IRIs and vocabulary of the project's contract."""
from __future__ import annotations

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from extract import model as m

from .assemble import KnowledgeGraph
from .iris import KGO, SCHEMA, Minter

CLASS_IRI = {
    m.PERSON: SCHEMA.Person, m.COUNTRY: SCHEMA.Country, m.CITY: SCHEMA.City, m.PLACE: SCHEMA.Place,
    m.ORGANIZATION: SCHEMA.Organization, m.GOVERNMENT_ORGANIZATION: SCHEMA.GovernmentOrganization,
    m.AGREEMENT: KGO.Agreement, m.MISSILE_LAUNCH: KGO.MissileLaunch,
}
PREDICATE_IRI = {
    m.OFFICEHOLDER_OF: KGO.officeholderOf, m.JOB_TITLE: SCHEMA.jobTitle, m.SIGNED_DATE: KGO.signedDate,
    m.IN_FORCE_DATE: KGO.inForceDate, m.END_DATE: KGO.endDate, m.PARTY: KGO.party,
    m.LAUNCHED_BY: KGO.launchedBy, m.START_DATE: SCHEMA.startDate, m.QUANTITY: KGO.quantity,
    m.WEAPON: KGO.weapon, m.LOCATION: SCHEMA.location,
}
PREFIXES = {"kgo": KGO, "schema": SCHEMA, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "prov": PROV,
            "dcterms": DCTERMS, "xsd": XSD}


def literal(value: str, datatype: str) -> Literal:
    if datatype == m.STRING:
        return Literal(value)
    if datatype == m.INTEGER:
        return Literal(int(value), datatype=XSD.integer)
    return Literal(value, datatype=XSD[datatype])


def to_rdf(kg: KnowledgeGraph, base: str) -> Graph:
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, Namespace(str(ns)))
    g.bind("kgb", Namespace(base if base.endswith(("/", "#")) else base + "/"))
    mint = Minter(base)
    iri = {key: mint.entity(key) for key in kg.nodes}
    doc_iri = {d.id: mint.document(d.id) for d in kg.documents}

    for key, node in kg.nodes.items():
        s = iri[key]
        g.add((s, RDF.type, CLASS_IRI[node.cls]))
        g.add((s, RDFS.label, Literal(node.label)))
        for alias in sorted(node.aliases - {node.label}):
            g.add((s, SKOS.altLabel, Literal(alias)))
        g.add((s, KGO.mentionCount, Literal(node.mentions, datatype=XSD.integer)))

    for doc in kg.documents:
        d = doc_iri[doc.id]
        g.add((d, RDF.type, SCHEMA.NewsArticle))
        g.add((d, DCTERMS.identifier, Literal(doc.id)))
        if doc.title:
            g.add((d, DCTERMS.title, Literal(doc.title)))
        if doc.date:
            g.add((d, DCTERMS.date, Literal(doc.date, datatype=XSD.date)))
        g.add((d, DCTERMS.source, Literal(doc.url or doc.source)))
        g.add((d, SCHEMA.text, Literal(doc.text)))
        for key in sorted(kg.mentions.get(doc.id, ())):
            if key in iri:
                g.add((d, SCHEMA.mentions, iri[key]))

    for fact in kg.facts:
        s = iri[fact.subject]
        p = PREDICATE_IRI[fact.predicate]
        o = iri[fact.obj] if fact.datatype is None else literal(fact.obj, fact.datatype)
        g.add((s, p, o))
        ev = fact.evidence
        st = mint.statement(str(s), str(p), o.n3(), ev.doc_id, str(ev.start))
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        g.add((st, PROV.wasDerivedFrom, doc_iri[ev.doc_id]))
        g.add((st, KGO.evidenceText, Literal(ev.sentence)))
        g.add((st, KGO.charStart, Literal(ev.start, datatype=XSD.integer)))
        g.add((st, KGO.charEnd, Literal(ev.end, datatype=XSD.integer)))
        g.add((st, KGO.confidence, Literal(f"{fact.confidence:.2f}", datatype=XSD.decimal)))
        g.add((st, KGO.extractor, Literal(fact.extractor)))
    return g
