"""The README's RDF vocabulary table, generated from ``graph/ontology.ttl``.

``python -m graph.vocab`` prints the Markdown table; a test checks that the README
holds exactly this text between ``<!-- vocab:start -->`` and ``<!-- vocab:end -->``,
so the documentation and the ontology never drift apart.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from graph.namespaces import PREFIX_MAP

ONTOLOGY_PATH = Path(__file__).with_name("ontology.ttl")
START, END = "<!-- vocab:start -->", "<!-- vocab:end -->"
KGO = PREFIX_MAP["kgo"]


def _short(g: Graph, term) -> str:
    if isinstance(term, BNode):
        members = g.value(term, OWL.unionOf)
        if members is not None:
            return " or ".join(_short(g, m) for m in Collection(g, members))
        return "(anonymous)"
    iri = str(term)
    for prefix, ns in PREFIX_MAP.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown_table(path: str | Path = ONTOLOGY_PATH) -> str:
    """Markdown table of every kgo: class and property: term, kind, domain, range, parents, comment."""
    g = Graph().parse(path, format="turtle")
    kinds = [(OWL.Class, "class"), (OWL.ObjectProperty, "object property"),
             (OWL.DatatypeProperty, "datatype property")]
    rows = ["| Term | Kind | Domain | Range | Sub-class / sub-property of | Meaning |",
            "| --- | --- | --- | --- | --- | --- |"]
    for cls, kind in kinds:
        for term in sorted(t for t in g.subjects(RDF.type, cls) if isinstance(t, URIRef)
                           and str(t).startswith(KGO)):
            parents = sorted(_short(g, p) for p in (*g.objects(term, RDFS.subClassOf),
                                                     *g.objects(term, RDFS.subPropertyOf)))
            domain = ", ".join(_short(g, d) for d in g.objects(term, RDFS.domain)) or "–"
            rng = ", ".join(_short(g, r) for r in g.objects(term, RDFS.range)) or "–"
            comment = str(g.value(term, RDFS.comment) or "")
            first_sentence = re.split(r"(?<!e\.g)(?<!i\.e)\.\s+(?=[A-Z])", comment)[0].rstrip(".") + "."
            rows.append("| " + " | ".join([
                f"`{_short(g, term)}`", kind,
                "–" if kind == "class" else _cell(domain),
                "–" if kind == "class" else _cell(rng),
                _cell(", ".join(parents)) or "–", _cell(first_sentence)]) + " |")
    for term in sorted(t for t in g.subjects(RDF.type, OWL.NamedIndividual) if str(t).startswith(KGO)):
        types = sorted(_short(g, c) for c in g.objects(term, RDF.type) if c != OWL.NamedIndividual)
        comment = str(g.value(term, RDFS.comment) or "")
        rows.append("| " + " | ".join([f"`{_short(g, term)}`", "individual of " + ", ".join(types), "–", "–",
                                       "–", _cell(comment)]) + " |")
    return "\n".join(rows) + "\n"


def readme_block(path: str | Path = ONTOLOGY_PATH) -> str:
    """The table wrapped in the markers the README check looks for."""
    return f"{START}\n{markdown_table(path)}{END}\n"


def main() -> None:
    sys.stdout.write(readme_block())


if __name__ == "__main__":  # pragma: no cover
    main()
