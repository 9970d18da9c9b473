"""Score a built graph against gold facts: ``kg eval GRAPH.ttl --gold GOLD.json``.

:func:`evaluate` returns a :class:`Report`; :func:`format_table` and ``Report.to_dict``
render it. The gold format is in the README ("Gold facts"). Facts are read and matched as
the shared development scorer does, so both give the same figures on the same graph:
gold facts are pooled over documents (exact duplicates once; ``optional`` facts neither
required nor penalised); a node matches a gold name or alias by a normalised
``rdfs:label``/``skos:altLabel``; a date matches when the graph's literal cut to the
gold's precision equals it. Read: ``kgo:officeholderOf`` (titles from ``schema:jobTitle``),
``kgo:signedDate``/``inForceDate``/``endDate`` and agreement events (``kgo:hasEvent``,
``kgo:eventType``, ``schema:startDate``), ``kgo:party``, and ``kgo:MissileLaunch`` nodes
(``kgo:launchedBy``, ``schema:startDate``, ``kgo:quantity``); other triples are ignored.
The micro line pools officeholder, agreement_date and launch.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from graph.gold import GOLD_KEYS, EvalError, alias_table, check_gold, load_gold, norm, pooled, select_documents
from graph.query import PREFIX_MAP

KGO, SDO = PREFIX_MAP["kgo"], PREFIX_MAP["schema"]
RELATIONS = ("officeholder", "agreement_date", "launch", "agreement_party")
MICRO_RELATIONS = ("officeholder", "agreement_date", "launch")
ENTITY_CLASSES = {  # gold type -> schema: classes (Agreement: kgo:Agreement)
    "Person": ("Person",), "Country": ("Country",), "City": ("City",), "Agreement": (),
    "Organization": ("Organization", "GovernmentOrganization", "NewsMediaOrganization",
                     "CollegeOrUniversity", "EducationalOrganization"),
    "Place": ("Place", "Country", "City", "AdministrativeArea", "BodyOfWater", "Landform"),
}
# gold kind -> the property that must carry the date; a kind not listed ("other") takes any
DATE_PROPERTIES = {"signed": "signedDate", "in_force": "inForceDate", "terminated": "endDate"}
EVENT_KINDS = {"Signing": "signed", "EntryIntoForce": "in_force", "Expiry": "terminated",
               "Termination": "terminated", "Withdrawal": "terminated"}
TITLE_STOP_WORDS = {"the", "of", "for", "and", "on", "to", "in", "s"}


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    pred: int  # predictions counted in precision (those matching only optional facts are not)
    gold: int


@dataclass(frozen=True)
class Accuracy:
    value: float
    n: int  # facts the share is taken over


@dataclass
class Report:
    relations: dict[str, Score]
    micro: Score
    office_title: Accuracy
    launch_count: Accuracy
    entities: Accuracy  # recall of gold entities found with a matching type
    documents: list[str]  # the gold documents scored
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)  # wrong titles and counts, missed entities

    def to_dict(self) -> dict:
        return asdict(self)


def title_head(title: str) -> str:
    """The head word of an office: "Minister for Foreign Affairs" and "Foreign Minister" -> "minister"."""
    text = norm(title)
    before_of = text.split(" of ")[0].split(" for ")[0].split()
    content = [w for w in text.split() if w not in TITLE_STOP_WORDS]
    return (before_of or content or [""])[-1]


def date_matches(predicted: str, gold: str) -> bool:
    return predicted[:len(gold)] == gold


# --- graph --------------------------------------------------------------------------

@dataclass(frozen=True)
class Prediction:
    names: tuple[frozenset, ...]  # per slot, the node's normalised names
    shown: str
    dates: tuple[str, ...] = ()
    kind: str = ""
    extra: frozenset = frozenset()  # titles (officeholder) or counts (launch)


class GraphFacts:
    """The facts of a graph, optionally only those with evidence from chosen documents."""

    def __init__(self, graph: Graph, doc_nodes: set | None = None):
        self.g = graph
        self.evidenced: dict[tuple, set] = {}
        for st in graph.subjects(RDF.type, RDF.Statement):
            triple = (graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object))
            self.evidenced.setdefault(triple, set()).update(graph.objects(st, PROV.wasDerivedFrom))
        self.doc_nodes = doc_nodes

    def chosen(self, s, p, o) -> bool:
        """Every triple when no documents are chosen, else those with evidence from one of them."""
        return self.doc_nodes is None or bool(self.evidenced.get((s, p, o), set()) & self.doc_nodes)

    def kept(self, s, p, o) -> bool:
        """Like :meth:`chosen`, but a triple without any evidence statement is kept."""
        return (s, p, o) not in self.evidenced or self.chosen(s, p, o)

    def pairs(self, prop: str):
        p = URIRef(prop)
        return [(s, o) for s, o in self.g.subject_objects(p) if self.chosen(s, p, o)]

    def values(self, node, prop: str) -> list:
        p = URIRef(prop)
        return [o for o in self.g.objects(node, p) if self.kept(node, p, o)]

    def names(self, node) -> frozenset:
        found = {norm(o) for o in self.g.objects(node, RDFS.label)}
        found |= {norm(o) for o in self.g.objects(node, SKOS.altLabel)}
        if not isinstance(node, URIRef):  # a name given as a literal
            found.add(norm(node))
        return frozenset(found)

    def label(self, node) -> str:
        value = self.g.value(node, RDFS.label)
        return str(value if value is not None else node)

    def offices(self) -> list[Prediction]:
        out = []
        for s, o in self.pairs(KGO + "officeholderOf"):
            titles = frozenset(str(t) for t in self.values(s, SDO + "jobTitle"))
            out.append(Prediction((self.names(s), self.names(o)), extra=titles,
                                  shown=f"{self.label(s)} | {'/'.join(sorted(titles)) or '-'} | {self.label(o)}"))
        return out

    def agreement_dates(self) -> list[Prediction]:
        found = [(s, str(d), kind) for kind, prop in DATE_PROPERTIES.items() for s, d in self.pairs(KGO + prop)]
        for s, event in self.g.subject_objects(URIRef(KGO + "hasEvent")):
            types = self.g.objects(event, URIRef(KGO + "eventType"))
            kinds = {EVENT_KINDS.get(str(t).rsplit("#", 1)[-1], "other") for t in types} or {"other"}
            for d in self.g.objects(event, URIRef(SDO + "startDate")):
                if self.chosen(s, URIRef(KGO + "hasEvent"), event) or self.chosen(event, URIRef(SDO + "startDate"), d):
                    found.extend((s, str(d), kind) for kind in sorted(kinds))
        unique = {}  # one prediction per (names, date, kind), whichever node carries it
        for s, d, kind in found:
            unique.setdefault((self.names(s), d, kind), Prediction(
                (self.names(s),), dates=(d,), kind=kind, shown=f"{self.label(s)} | {d} | {kind}"))
        return list(unique.values())

    def parties(self) -> list[Prediction]:
        return [Prediction((self.names(s), self.names(o)), shown=f"{self.label(s)} | {self.label(o)}")
                for s, o in self.pairs(KGO + "party")]

    def launches(self) -> list[Prediction]:
        out = []
        for node in set(self.g.subjects(RDF.type, URIRef(KGO + "MissileLaunch"))):
            agents = [a for a in self.g.objects(node, URIRef(KGO + "launchedBy"))]
            if self.doc_nodes is not None and not any(
                    self.chosen(node, p, o) for p, o in self.g.predicate_objects(node)):
                continue
            dates = tuple(str(d) for d in self.values(node, SDO + "startDate"))
            counts = frozenset(int(q) for q in self.values(node, KGO + "quantity") if str(q).isdecimal())
            names = frozenset().union(*(self.names(a) for a in agents))
            shown = f"{', '.join(sorted(self.label(a) for a in agents)) or '-'} | {', '.join(dates) or '-'}"
            out.append(Prediction((names,), dates=dates, extra=counts,
                                  shown=shown + (f" | {sorted(counts)}" if counts else "")))
        return out

    def typed_nodes(self, gold_type: str) -> set:
        classes = [URIRef(SDO + c) for c in ENTITY_CLASSES.get(gold_type, ())]
        if gold_type == "Agreement":
            classes.append(URIRef(KGO + "Agreement"))
        nodes = {s for c in classes for s in self.g.subjects(RDF.type, c)}
        if self.doc_nodes is not None:
            mentioned = {o for d in self.doc_nodes for o in self.g.objects(d, URIRef(SDO + "mentions"))}
            nodes &= mentioned | {t[i] for t, docs in self.evidenced.items() if docs & self.doc_nodes for i in (0, 2)}
        return nodes


def document_nodes(graph: Graph, files: Iterable[str]) -> set:
    """The graph's document nodes for gold file names (by dcterms:identifier or source file name)."""
    wanted = {name for f in files for name in (f, Path(f).stem)}
    nodes = set()
    for doc in graph.subjects(DCTERMS.identifier, None):
        ids = {str(i) for i in graph.objects(doc, DCTERMS.identifier)}
        ids |= {Path(str(s)).name for s in graph.objects(doc, DCTERMS.source)}
        if ids & wanted:
            nodes.add(doc)
    return nodes


# --- scoring ------------------------------------------------------------------------

def prf(hit_pred: int, n_pred: int, hit_gold: int, n_gold: int) -> Score:
    """Precision, recall, F1; nothing predicted and nothing to find is perfect."""
    p = hit_pred / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = hit_gold / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Score(p, r, f, n_pred, n_gold)


def matchers(wanted: Callable[[str], set[str]]) -> dict[str, Callable[[Prediction, dict], bool]]:
    """``relation -> match(prediction, gold fact)``."""
    def office(p, g):
        return bool(wanted(g["person"]) & p.names[0]) and bool(wanted(g["of"]) & p.names[1])

    def party(p, g):
        return bool(wanted(g["agreement"]) & p.names[0]) and bool(wanted(g["party"]) & p.names[1])

    def agreement_date(p, g):
        names = wanted(g["agreement"]) | {norm(a) for a in g.get("aliases", [])}
        kind = g.get("kind", "signed")
        kind_ok = kind not in DATE_PROPERTIES or kind == p.kind
        return bool(names & p.names[0]) and date_matches(p.dates[0], g["date"]) and kind_ok

    def launch(p, g):
        return bool(wanted(g["agent"]) & p.names[0]) and any(date_matches(d, g["date"]) for d in p.dates)

    return {"officeholder": office, "agreement_date": agreement_date, "launch": launch,
            "agreement_party": party}


def show_gold(relation: str, fact: dict, doc: str) -> str:
    keys = GOLD_KEYS[relation] + (("kind",) if relation == "agreement_date" else ())
    return f"{relation}: {' | '.join(str(fact.get(k, '-')) for k in keys)}  [{doc}]"


def score_relation(relation, predicted, gold, optional, match, report: Report) -> tuple[int, int, int, int]:
    """``(matched predictions, counted predictions, matched gold, gold)``; misses and spurious into report."""
    pred_hit = [any(match(p, g) for g, _ in gold) for p in predicted]
    counted = [hit or not any(match(p, o) for o, _ in optional) for p, hit in zip(predicted, pred_hit, strict=False)]
    gold_hit = [any(match(p, g) for p in predicted) for g, _ in gold]
    report.misses += [show_gold(relation, g, doc) for (g, doc), hit in zip(gold, gold_hit, strict=False) if not hit]
    report.spurious += sorted(f"{relation}: {p.shown}"
                              for p, hit, keep in zip(predicted, pred_hit, counted, strict=False) if keep and not hit)
    return sum(pred_hit), sum(counted), sum(gold_hit), len(gold)


def attribute_accuracy(gold, predicted, match, good, describe, report: Report) -> Accuracy:
    """Of the gold facts some prediction matches, the share where one of those is ``good``."""
    matched = [(g, [p for p in predicted if match(p, g)]) for g, _ in gold]
    matched = [(g, ps) for g, ps in matched if ps]
    right = [any(good(p, g) for p in ps) for g, ps in matched]
    report.differences += [describe(g, ps) for (g, ps), ok in zip(matched, right, strict=False) if not ok]
    return Accuracy(sum(right) / len(matched) if matched else 1.0, len(matched))


def entity_recall(facts: GraphFacts, entities, wanted, report: Report) -> Accuracy:
    found = 0
    nodes_by_type: dict[str, list[frozenset]] = {}
    for ent, doc in entities:
        if ent["type"] not in nodes_by_type:
            nodes_by_type[ent["type"]] = [facts.names(n) for n in facts.typed_nodes(ent["type"])]
        if any(wanted(ent["name"]) & names for names in nodes_by_type[ent["type"]]):
            found += 1
        else:
            report.differences.append(f"missed entity: {ent['name']} ({ent['type']})  [{doc}]")
    return Accuracy(found / len(entities) if entities else 1.0, len(entities))


def read_graph(graph: str | Path | Graph) -> Graph:
    if isinstance(graph, Graph):
        return graph
    try:
        return Graph().parse(str(graph), format="turtle")
    except Exception as exc:  # rdflib raises many types for unreadable Turtle
        raise EvalError(f"{graph}: can't read the graph as Turtle ({str(exc).splitlines()[0][:200]})") from exc


def evaluate(graph: str | Path | Graph, gold: str | Path | Mapping[str, dict],
             docs: Sequence[str] | None = None) -> Report:
    """Score ``graph`` (a Turtle file or an rdflib Graph) against ``gold`` (a gold JSON file
    or its parsed object). ``docs``: globs or comma-separated lists of gold file names; only
    those documents' gold facts, and graph facts with evidence from them, are scored."""
    if isinstance(gold, (str, os.PathLike)):
        gold = load_gold(gold)
    else:
        check_gold(gold)
    chosen = select_documents(gold, docs)
    g = read_graph(graph)
    facts = GraphFacts(g, document_nodes(g, chosen) if docs else None)
    entities = pooled(gold, chosen, "entities")
    wanted = alias_table(entities)
    match = matchers(wanted)
    predicted = {"officeholder": facts.offices(), "agreement_date": facts.agreement_dates(),
                 "launch": facts.launches(), "agreement_party": facts.parties()}
    report = Report({}, prf(0, 0, 0, 0), Accuracy(1.0, 0), Accuracy(1.0, 0), Accuracy(1.0, 0), chosen)
    totals = [0, 0, 0, 0]
    for relation in RELATIONS:
        counts = score_relation(relation, predicted[relation], pooled(gold, chosen, relation),
                                pooled(gold, chosen, relation, optional=True), match[relation], report)
        report.relations[relation] = prf(*counts)
        if relation in MICRO_RELATIONS:
            totals = [a + b for a, b in zip(totals, counts, strict=False)]
    report.micro = prf(*totals)
    report.office_title = attribute_accuracy(
        pooled(gold, chosen, "officeholder"), predicted["officeholder"], match["officeholder"],
        lambda p, g: any(norm(t) == norm(g["title"]) or title_head(t) == title_head(g["title"]) for t in p.extra),
        lambda g, ps: f"title differs: {g['person']}: {g['title']!r} vs {sorted(set().union(*(p.extra for p in ps)))}",
        report)
    counted = [(g, doc) for g, doc in pooled(gold, chosen, "launch") if g.get("count")]
    report.launch_count = attribute_accuracy(
        counted, predicted["launch"], match["launch"], lambda p, g: g["count"] in p.extra,
        lambda g, ps: f"count differs: {g['agent']} {g['date']}: {g['count']} vs "
                      f"{sorted(set().union(*(p.extra for p in ps)))}", report)
    report.entities = entity_recall(facts, entities, wanted, report)
    return report


def format_table(report: Report, verbose: bool = False) -> str:
    """The per-relation table (and with ``verbose`` the misses, spurious facts and differences)."""
    lines = [f"{'relation':<16}{'P':>7}{'R':>7}{'F1':>7}{'pred':>6}{'gold':>6}"]
    rows = [*report.relations.items(), ("micro", report.micro)]
    lines += [f"{name:<16}{s.precision:7.2f}{s.recall:7.2f}{s.f1:7.2f}{s.pred:6d}{s.gold:6d}" for name, s in rows]
    lines.append(f"{'attribute':<16}{'share':>7}{'':>20}{'of':>6}")
    for name, acc in (("office_title", report.office_title), ("launch_count", report.launch_count),
                      ("entities (R)", report.entities)):
        lines.append(f"{name:<16}{acc.value:7.2f}{'':>20}{acc.n:6d}")
    if verbose:
        for heading, items in (("missed", report.misses), ("spurious", report.spurious),
                               ("differences", report.differences)):
            lines.append(f"\n{heading} ({len(items)}):")
            lines += [f"  {item}" for item in items]
    return "\n".join(lines) + "\n"
