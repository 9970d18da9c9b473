"""From documents to :class:`~extract.model.DocumentResult` records."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from . import relations as rel
from .entities import DocEntities, resolve_entities
from .model import (COUNTRY, DATE, G_YEAR, END_DATE, G_MONTH_DAY, INTEGER, IN_FORCE_DATE, JOB_TITLE, LAUNCHED_BY,
                    LOCATION, MISSILE_LAUNCH, OFFICEHOLDER_OF, PARTY, QUANTITY, SIGNED_DATE, START_DATE,
                    STRING, WEAPON, Document, DocumentResult, Entity, Evidence, Fact)

BATCH_SIZE = 16


def extract_doc(doc, document: Document) -> DocumentResult:
    """All entities and facts of one parsed document."""
    ents = resolve_entities(doc)
    facts: list[Fact] = []
    sents = list(doc.sents)
    state: dict = {}
    candidates: list[rel.Launch] = []
    mentions = Counter()
    for ent in ents.entities.values():
        mentions[ent.key] = len(ent.mentions)

    def default_agent(word: str):
        # "the North" -> the most-mentioned country whose name starts with it
        best = [k for k, e in ents.entities.items()
                if e.cls == COUNTRY and k.lower().startswith(word + " ")]
        return max(best, key=lambda k: mentions[k]) if best else None

    def evidence(sent) -> Evidence:
        text = document.text[sent.start_char:sent.end_char].rstrip()
        return Evidence(document.id, text, sent.start_char, sent.start_char + len(text))

    # one pass over the tokens; the rules run only on sentences that can match
    lemmas = [t.lemma_.lower() for t in doc]
    lowers = ents.lowers
    person_at = {i for i, k in ents.token_key.items() if ents.entities.get(k) and ents.entities[k].cls == "Person"}
    agreement_at = {i for i, k in ents.token_key.items()
                    if ents.entities.get(k) and ents.entities[k].cls == "Agreement"}
    offices: list[tuple[rel.Office, Evidence]] = []
    for index, sent in enumerate(sents):
        lo, hi = sent.start, sent.end
        persons = [i for i in range(lo, hi) if i in person_at]
        if persons:
            setting = rel.implied_setting(sent, ents)
            ev = evidence(sent)
            offices.extend((o, ev) for o in rel.officeholders(sent, ents, setting, persons))
        verbs = [i for i in range(lo, hi) if lemmas[i] in _AGREEMENT_TRIGGERS]
        agreements = [i for i in range(lo, hi) if i in agreement_at]
        if verbs or agreements:
            _agreements(sent, ents, document, state, evidence(sent), facts, verbs, agreements)
        triggers = [i for i in range(lo, hi) if lemmas[i] in _LAUNCH_TRIGGERS or lowers[i] in _LAUNCH_TRIGGERS
                    or lowers[i].startswith("test-")]
        if triggers:
            candidates.extend(rel.launches(sent, ents, document.date, index, default_agent, triggers))
    facts.extend(_launch_facts(candidates, sents, ents, evidence, document))
    for office, ev in rel.resolve_bare_offices(offices, ents, document):
        rule = office.rule.replace("/former", "")
        facts.append(Fact(office.person, OFFICEHOLDER_OF, office.polity, None, ev, office.confidence, rule))
        facts.append(Fact(office.person, JOB_TITLE, office.title, STRING, ev, office.confidence, rule))
    entities = [e for e in ents.entities.values()]
    facts = _dedupe(facts)
    used = {f.subject for f in facts} | {f.obj for f in facts if f.datatype is None}
    entities = [e for e in entities if e.mentions or e.key in used]
    return DocumentResult(document, entities, facts)


def _launch_facts(cands: list[rel.Launch], sents, ents: DocEntities, evidence, document) -> list[Fact]:
    """Join launch mentions into events: one per (agent, date)."""
    # a mention without an agent takes the agent of a launch just before it
    for i, c in enumerate(cands):
        if c.agent is None:
            for prev in reversed(cands[:i]):
                if prev.agent and c.sent_index - prev.sent_index <= 2:
                    c.agent, c.confidence = prev.agent, min(c.confidence, 0.7)
                    break
    # a mention without a date takes the date of a neighbouring mention by the same agent
    for i, c in enumerate(cands):
        if c.date is None and c.agent:
            near = [o for o in cands if o is not c and o.agent == c.agent and o.date
                    and abs(o.sent_index - c.sent_index) <= 1]
            if near:
                c.date = near[0].date
                c.confidence = min(c.confidence, 0.7)
    events: dict[tuple[str, str], list[rel.Launch]] = {}
    for c in cands:
        # a launch is dated to the day or month; a year alone is a tally, not an event
        if c.agent and c.date and c.date[1] != G_YEAR and not _future(c.date[0], document.date):
            events.setdefault((c.agent, c.date[0]), []).append(c)
    facts = []
    for (agent, date), group in events.items():
        dtype = group[0].date[1]
        key = f"launch:{agent}:{date}"
        if key not in ents.entities:
            ents.entities[key] = Entity(key=key, label=f"{agent} missile launch, {date.lstrip('-')}",
                                        cls=MISSILE_LAUNCH)
        best = max(group, key=lambda c: (c.confidence, c.quantity is not None, len(c.weapon or "")))
        ev = evidence(sents[best.sent_index])
        conf = best.confidence
        facts.append(Fact(key, LAUNCHED_BY, agent, None, ev, conf, best.rule))
        facts.append(Fact(key, START_DATE, date, dtype, ev, conf, best.rule))
        qty = next((c.quantity for c in group if c.quantity), None)
        if qty:
            src = next(c for c in group if c.quantity == qty)
            facts.append(Fact(key, QUANTITY, str(qty), INTEGER, evidence(sents[src.sent_index]), conf, src.rule))
        weapon = max((c.weapon for c in group if c.weapon), key=len, default=None)
        if weapon:
            src = next(c for c in group if c.weapon == weapon)
            facts.append(Fact(key, WEAPON, weapon, STRING, evidence(sents[src.sent_index]), conf, src.rule))
        loc = next((c for c in group if c.location), None)
        if loc:
            facts.append(Fact(key, LOCATION, loc.location, None, evidence(sents[loc.sent_index]), conf, loc.rule))
    return facts


_AGREEMENT_TRIGGERS = frozenset(rel.AGREEMENT_VERBS) | rel.IN_FORCE_VERBS | {"join", "accede", "sign", "ink"}
_LAUNCH_TRIGGERS = rel.LAUNCH_VERBS | rel.LAUNCH_NOUNS


def _agreements(sent, ents, document, state, ev, facts, verbs, agreements) -> None:
    dates, parties = rel.agreement_dates(sent, ents, document.date, state, verbs, agreements)
    for d in dates:
        if _future(d.value, document.date):
            continue  # "is set to expire in 2030": not an event that happened
        pred = rel.DATE_KIND_PREDICATE[d.kind]
        facts.append(Fact(d.agreement, pred, d.value, d.datatype, ev, d.confidence, d.rule))
    for p in parties:
        facts.append(Fact(p.agreement, PARTY, p.party, None, ev, p.confidence, p.rule))


def _future(value: str, pubdate: str | None) -> bool:
    """True when a date lies after the publication date (at the date's precision)."""
    if not pubdate or value.startswith("--"):
        return False
    return value > pubdate[: len(value)]


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """One fact per (subject, predicate, object): the most confident evidence wins,
    and where a subject has two signing dates only the most precise survives."""
    best: dict[tuple, Fact] = {}
    for f in facts:
        k = (f.subject, f.predicate, f.obj)
        if k not in best or f.confidence > best[k].confidence:
            best[k] = f
    return list(best.values())


def extract_all(nlp, documents: Iterable[Document], batch_size: int = BATCH_SIZE,
                n_process: int = 1) -> Iterator[DocumentResult]:
    """Parse documents in batches and extract each; documents are consumed lazily."""
    stream = ((d.text, d) for d in documents)
    for doc, document in nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield extract_doc(doc, document)
