"""Agreement events in the graph: IRIs, one node per agreement/type/date across
documents, kgo:earliest/kgo:latest on every dated node, date-range queries."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, URIRef

from extract.model import event_key
from graph.assemble import KnowledgeGraph
from graph.dates import bounds
from graph.iris import Minter
from graph.namespaces import KGO, SPARQL_PROLOGUE
from graph.rdf import to_rdf

sys.path.insert(0, str(Path(__file__).parents[1] / "extract" / "relations"))
from rulecases import run  # noqa: E402

BASE = "https://example.org/id/"


@pytest.mark.parametrize("starts, ends, expected", [
    ([("2005", rdflib.XSD.gYear)], [], ("2005-01-01", "2005-12-31")),
    ([("2016-02", rdflib.XSD.gYearMonth)], [], ("2016-02-01", "2016-02-29")),
    ([("2010-04-08", rdflib.XSD.date)], [], ("2010-04-08", "2010-04-08")),
    ([("2003-06", rdflib.XSD.gYearMonth)], [("2011", rdflib.XSD.gYear)], ("2003-06-01", "2011-12-31")),
    ([("--06-05", rdflib.XSD.gMonthDay)], [], None),
])
def test_bounds(starts, ends, expected):
    assert bounds(starts, ends) == expected


def test_event_iri():
    iri = Minter(BASE).entity(event_key("Kestrel Defense Pact", "EntryIntoForce", "2003-06"))
    assert iri == URIRef(BASE + "event/kestrel-defense-pact-entry-into-force-2003-06")


def _graph(*texts: str):
    kg = KnowledgeGraph()
    for n, text in enumerate(texts):
        result = run(text)
        result.document = replace(result.document, id=f"d{n}", source=f"d{n}")
        result.facts = [replace(f, evidence=replace(f.evidence, doc_id=f"d{n}")) for f in result.facts]
        kg.add(result)
    return to_rdf(kg.finish(), BASE)


def test_one_event_across_documents_and_names():
    g = _graph("The Treaty of Valmora was signed in 1998.", "The Valmora Treaty was signed in 1998.")
    events = set(g.subjects(KGO.eventType, KGO.Signing))
    assert len(events) == 1
    assert set(g.objects(next(iter(events)), KGO.earliest)) == {Literal("1998-01-01", datatype=rdflib.XSD.date)}


def test_date_range_query_keeps_year_only_events():
    g = _graph("The Kestrel Defense Pact was signed in 1998. The pact expired on March 4, 2004. "
               "The Orinoco Water Treaty was signed in May 1990.")
    rows = g.query(SPARQL_PROLOGUE + """
        SELECT ?date WHERE {
          ?a kgo:hasEvent ?e . ?e schema:startDate ?date ; kgo:earliest ?from ; kgo:latest ?to .
          FILTER (?to >= "1995-01-01"^^xsd:date && ?from <= "2004-12-31"^^xsd:date)
        }""")
    assert {str(r[0]) for r in rows} == {"1998", "2004-03-04"}


def test_launches_get_bounds_too():
    g = _graph("North Korea fired two ballistic missiles on March 4, 2022.")
    launches = set(g.subjects(None, KGO.MissileLaunch))
    assert launches and all((s, KGO.latest, None) in g for s in launches)
