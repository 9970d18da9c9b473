"""The project's namespaces and prefixes: one map for Turtle, SPARQL, JSON-LD and tests."""
from __future__ import annotations

from rdflib import Namespace

PREFIX_MAP: dict[str, str] = {
    "kgo": "https://w3id.org/kgbuilder/ontology#",
    "schema": "https://schema.org/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
#: The instance namespace of ``kg build`` without ``--base-iri``.
DEFAULT_BASE = "https://w3id.org/kgbuilder/id/"

KGO = Namespace(PREFIX_MAP["kgo"])
SCHEMA = Namespace(PREFIX_MAP["schema"])

#: The prefixes written to Turtle: all but owl, which the data never uses.
TURTLE_PREFIXES = {p: ns for p, ns in PREFIX_MAP.items() if p != "owl"}
#: The SPARQL prologue every query may rely on.
SPARQL_PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIX_MAP.items())
