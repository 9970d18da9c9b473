"""From documents to :class:`~extract.model.DocumentResult` records.

:func:`extract_doc` is the document step: it runs the rule families of
:mod:`extract.relations` over each sentence, each rule through a
:class:`~extract.relations.context.RuleRunner`, and is the only place that adds
to the document's entities (countries the rules reached through a capital or a
demonym, launch events).
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from . import dates as datelib
from .entities import DocEntities, resolve_entities
from .lexicon import AGREEMENT_VERBS, ATTACK_NOUNS, IN_FORCE_VERBS, LAUNCH_NOUNS, LAUNCH_VERBS, STRIKE_VERBS, USE_VERBS
from .model import (
    AGREEMENT,
    BOOLEAN,
    COUNTRY,
    FORMER,
    G_YEAR,
    HOLDS_OFFICE,
    INTEGER,
    JOB_TITLE,
    LAUNCHED_BY,
    LOCATION,
    MISSILE_LAUNCH,
    OFFICE_HOLDING,
    OFFICE_OF,
    OFFICEHOLDER_OF,
    ORGANIZATION,
    PARTY,
    PERIOD_END,
    PERSON,
    QUANTITY,
    START_DATE,
    STRING,
    TITLE,
    WEAPON,
    Document,
    DocumentResult,
    Entity,
    Evidence,
    Fact,
    Failure,
    launch_key,
    launch_label,
    role_key,
    role_label,
)
from .nlp import BATCH_SIZE
from .relations import agreements, launch_events, launches, office_inference, offices, offices_copular
from .relations.agreements import AgreementDate
from .relations.context import DocumentContext, EntityView, RuleRunner, SentenceContext, frozen_mapping
from .relations.event_dates import is_future
from .relations.launch_events import LaunchEvent
from .relations.launches import Launch
from .relations.offices import Office
from .relations.polities import implied_setting
from .split import merge_parts, part_document, split_spans
from .timeline import agreement_event_facts

_AGREEMENT_TRIGGERS = frozenset(AGREEMENT_VERBS) | IN_FORCE_VERBS | {"force"}
_LAUNCH_TRIGGERS = LAUNCH_VERBS | LAUNCH_NOUNS | ATTACK_NOUNS | STRIKE_VERBS | USE_VERBS
_MEMBER_WORDS = agreements.MEMBER_NOUNS  # "the signatories of the pact are ..."


@dataclass
class _DocumentStep:
    """The mutable state of one document's extraction; rules only ever see read-only views."""

    doc: object  # the parsed spaCy Doc
    document: Document
    ents: DocEntities
    runner: RuleRunner
    anchors: dict[str, str] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    offices: list[tuple[Office, Evidence]] = field(default_factory=list)
    launches: list[Launch] = field(default_factory=list)
    events: list[tuple[AgreementDate, Evidence]] = field(default_factory=list)

    def evidence(self, sent) -> Evidence:
        text = self.document.text[sent.start_char:sent.end_char].rstrip()
        return Evidence(self.document.id, text, sent.start_char, sent.start_char + len(text))

    def add_countries(self, values: Iterable) -> None:
        """The countries the rules' values name that are not entities yet."""
        for value in values:
            for key in value.refs():
                self.add_country(key)

    def add_country(self, name: str | None) -> None:
        if name and name not in self.ents.entities:
            self.ents.add(name, COUNTRY, [], None)


def extract_doc(doc, document: Document) -> DocumentResult:
    """All entities and facts of one parsed document."""
    ents = resolve_entities(doc)
    step = _DocumentStep(doc, document, ents, RuleRunner(document.shown))
    view = EntityView(ents)
    context = _document_context(step, view)
    sents = list(doc.sents)
    lemmas = [t.lemma_.lower() for t in doc]
    person_at = _positions_of(ents, PERSON)
    agreement_at = _positions_of(ents, AGREEMENT)
    for index, sent in enumerate(sents):
        _sentence(step, SentenceContext(sent, index, view, context), lemmas, person_at, agreement_at)
    _launch_facts(step, view, sents)
    step.facts.extend(agreement_event_facts(step.events, step.ents))
    _office_facts(step, view, context)
    facts = _dedupe(step.facts)
    used = {f.subject for f in facts} | {f.obj for f in facts if f.datatype is None}
    entities = [e for e in ents.entities.values() if e.mentions or e.key in used]
    return DocumentResult(document, entities, facts, warnings=_undated_warning(doc, document),
                          rule_errors=step.runner.errors)


def _undated_warning(doc, document: Document) -> list[str]:
    """One warning for a document without a publication date whose relative or
    year-less dates ("Friday", "June 5") were therefore skipped."""
    if document.date or not any(e.label_ == "DATE" and datelib.needs_publication_date(e.text) for e in doc.ents):
        return []
    return [f"{document.shown}: no publication date; relative dates skipped, use --date"]


def _document_context(step: _DocumentStep, view: EntityView) -> DocumentContext:
    mentions = {e.key: len(e.mentions) for e in step.ents.entities.values()}

    def default_agent(word: str) -> str | None:
        # "the North" -> the most-mentioned country whose name starts with it
        best = [k for k, e in view.items() if e.cls == COUNTRY and k.lower().startswith(word + " ")]
        return max(best, key=lambda k: mentions.get(k, 0)) if best else None

    document = step.document
    return DocumentContext(document.source, document.url, document.date, frozen_mapping(mentions),
                           frozen_mapping(step.anchors), default_agent)


def _positions_of(ents: DocEntities, cls: str) -> set[int]:
    return {i for i, k in ents.token_key.items() if ents.entities.get(k) and ents.entities[k].cls == cls}


def _sentence(step: _DocumentStep, ctx: SentenceContext, lemmas: list[str], person_at: set[int],
              agreement_at: set[int]) -> None:
    """Run the rules that can match on one sentence (one pass over its tokens)."""
    lo, hi = ctx.sent.start, ctx.sent.end
    lowers = step.ents.lowers
    persons = [i for i in range(lo, hi) if i in person_at]
    if persons:
        setting = step.runner.run("polities.setting", ctx.index, implied_setting, ctx.sent, ctx.entities,
                                  fallback=None)
        step.add_country(setting)
        _offices(step, SentenceContext(ctx.sent, ctx.index, ctx.entities, ctx.document, setting), persons)
    verbs = [i for i in range(lo, hi) if lemmas[i] in _AGREEMENT_TRIGGERS]
    named = [i for i in range(lo, hi) if i in agreement_at]
    if verbs or named or "between" in lowers[lo:hi] or _MEMBER_WORDS.intersection(lowers[lo:hi]):
        _agreements(step, ctx, verbs, named)
    triggers = [i for i in range(lo, hi) if lemmas[i] in _LAUNCH_TRIGGERS or lowers[i] in _LAUNCH_TRIGGERS
                or lowers[i].startswith("test-")]
    if triggers:
        found = step.runner.run("launches.mentions", ctx.index, launches.launch_mentions, ctx, triggers,
                                fallback=[])
        step.add_countries(found)
        step.launches.extend(found)


def _offices(step: _DocumentStep, ctx: SentenceContext, persons: list[int]) -> None:
    run, ev = step.runner.run, step.evidence(ctx.sent)
    for person in run("offices.people", ctx.index, offices.person_runs, ctx, persons, fallback=[]):
        for name, rule in (("offices.title_before", offices.title_before),
                           ("offices.title_after", offices.title_after),
                           ("offices.copular", offices_copular.copular),
                           ("offices.succession", offices_copular.succession),
                           ("offices.tenure", offices_copular.tenure)):
            found = run(name, ctx.index, rule, ctx, person, fallback=[])
            step.add_countries(found)
            step.offices.extend((o, ev) for o in found)


def _agreements(step: _DocumentStep, ctx: SentenceContext, verbs: list[int], named: list[int]) -> None:
    run, ev = step.runner.run, step.evidence(ctx.sent)
    dates = run("agreements.dated_verbs", ctx.index, agreements.dated_verbs, ctx, verbs, fallback=[])
    dates = dates + run("agreements.in_force_span", ctx.index, agreements.in_force_span, ctx, verbs, fallback=[])
    for d in dates:
        step.anchors[d.agreement] = d.value  # "the same year" in a later sentence
    dates = dates + run("agreements.year_attribute", ctx.index, agreements.year_attribute, ctx, named, dates,
                        fallback=[])
    parties = run("agreements.joiners", ctx.index, agreements.joiners, ctx, verbs, fallback=[])
    parties = parties + run("agreements.between", ctx.index, agreements.between, ctx, None, fallback=[])
    parties = parties + run("agreements.named_sides", ctx.index, agreements.named_sides, ctx, named, fallback=[])
    parties = parties + run("agreements.signatories", ctx.index, agreements.signatories, ctx, None, fallback=[])
    step.add_countries([*dates, *parties])
    # "is set to expire in 2030": a date after publication is not an event that happened
    step.events.extend((d, ev) for d in dates if not is_future(d.value, ctx.pubdate))
    step.facts.extend(Fact(p.agreement, PARTY, p.party, None, ev, p.confidence, p.rule) for p in parties)


def _launch_facts(step: _DocumentStep, view: EntityView, sents: list) -> None:
    events = step.runner.run("launches.join", None, launch_events.join_launches, step.launches, step.document.date,
                             fallback=[])
    for event in events:
        key = launch_key(event.agent, event.date)
        if key not in step.ents.entities:
            step.ents.entities[key] = Entity(key=key, label=launch_label(event.agent, event.date),
                                             cls=MISSILE_LAUNCH)
        step.add_country(event.agent)
        agent = step.ents.entities[event.agent]
        if agent.cls == PERSON:  # "the Houthis launched": a group NER took for a person
            agent.cls = ORGANIZATION
        step.facts.extend(_event_facts(key, event, lambda i: step.evidence(sents[i])))


def _event_facts(key: str, event: LaunchEvent, evidence) -> list[Fact]:
    """The facts of one launch event, each with the evidence of the mention that says it."""
    group = event.mentions
    best = max(group, key=lambda c: (c.confidence, c.quantity is not None, len(c.weapon or "")))
    conf = best.confidence
    ev = evidence(best.sent_index)
    facts = [Fact(key, LAUNCHED_BY, event.agent, None, ev, conf, best.rule),
             Fact(key, START_DATE, event.date, event.datatype, ev, conf, best.rule)]
    count = event.count()
    if count:
        qty, src = count
        facts.append(Fact(key, QUANTITY, str(qty), INTEGER, evidence(src.sent_index), conf, src.rule))
    weapon = max((c.weapon for c in group if c.weapon), key=len, default=None)
    if weapon:
        src = next(c for c in group if c.weapon == weapon)
        facts.append(Fact(key, WEAPON, weapon, STRING, evidence(src.sent_index), conf, src.rule))
    loc = next((c for c in group if c.location), None)
    if loc:
        facts.append(Fact(key, LOCATION, loc.location, None, evidence(loc.sent_index), conf, loc.rule))
    return facts


def _office_facts(step: _DocumentStep, view: EntityView, context: DocumentContext) -> None:
    placed = [(o, ev) for o, ev in step.offices if o.polity]
    resolved = step.runner.run("offices.resolve_bare", None, office_inference.resolve_bare_offices, step.offices,
                               view, context, fallback=placed)
    step.add_countries(o for o, _ in resolved)
    for office, ev in resolved:
        step.facts.extend(_role_facts(step, office, ev))


def _role_facts(step: _DocumentStep, office: Office, ev: Evidence) -> list[Fact]:
    """The shortcuts (officeholderOf, jobTitle) and the office holding as a dated role."""
    person, polity, title, conf, rule = office.person, office.polity, office.title, office.confidence, office.rule
    key = role_key(person, polity, title)
    if key not in step.ents.entities:
        step.ents.entities[key] = Entity(key=key, label=role_label(person, polity, title), cls=OFFICE_HOLDING)
    facts = [Fact(person, OFFICEHOLDER_OF, polity, None, ev, conf, rule),
             Fact(person, JOB_TITLE, title, STRING, ev, conf, rule),
             Fact(person, HOLDS_OFFICE, key, None, ev, conf, rule),
             Fact(key, TITLE, title, STRING, ev, conf, rule),
             Fact(key, OFFICE_OF, polity, None, ev, conf, rule)]
    if office.start:
        facts.append(Fact(key, START_DATE, office.start, G_YEAR, ev, conf, rule))
    if office.end:
        facts.append(Fact(key, PERIOD_END, office.end, G_YEAR, ev, conf, rule))
    if office.former or office.end:
        facts.append(Fact(key, FORMER, "true", BOOLEAN, ev, conf, rule))
    return facts


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """One fact per (subject, predicate, object): the most confident evidence wins."""
    best: dict[tuple, Fact] = {}
    for f in facts:
        k = (f.subject, f.predicate, f.obj)
        if k not in best or f.confidence > best[k].confidence:
            best[k] = f
    return list(best.values())


# ---------------------------------------------------------------- parsing

class Extractor:
    """A loaded spaCy pipeline and the rules: texts or documents in, results out.

    A text longer than ``max_length`` characters (default: the pipeline's
    ``nlp.max_length``) is analysed in parts (:mod:`extract.split`) and gives one result."""

    def __init__(self, nlp, batch_size: int = BATCH_SIZE, max_length: int | None = None):
        self.nlp = nlp
        self.batch_size = batch_size
        self.max_length = min(max_length or nlp.max_length, nlp.max_length)
        self.seconds = {"nlp": 0.0, "extraction": 0.0}  # running totals

    def extract(self, items: Iterable[str | Document]) -> Iterator[DocumentResult | Failure]:
        """One result per item, in input order (a plain text becomes a Document with id
        "text-N"); a document that can't be parsed or analysed gives a :class:`Failure`."""
        docs = [_as_document(item, n) for n, item in enumerate(items, 1)]
        spans = [split_spans(d.text, self.max_length) for d in docs]
        t0 = time.perf_counter()
        parsed = iter(self._parse([d.text[s:e] for d, ds in zip(docs, spans, strict=True) for s, e in ds]))
        parts = [[(s, e, next(parsed)) for s, e in ds] for ds in spans]
        t1 = time.perf_counter()
        self.seconds["nlp"] += t1 - t0
        results = [self._document(d, p) for d, p in zip(docs, parts, strict=True)]
        self.seconds["extraction"] += time.perf_counter() - t1
        yield from results

    @classmethod
    def _document(cls, d: Document, parts: list[tuple[int, int, object]]) -> DocumentResult | Failure:
        if len(parts) == 1:
            return cls._analyse(d, parts[0][2])
        done = []
        for start, end, parsed in parts:
            result = cls._analyse(part_document(d, start, end), parsed)
            if isinstance(result, Failure):
                return Failure(d, f"characters {start:,}-{end:,}: {result.message}")
            done.append((start, len(list(parsed.sents)), result))
        return merge_parts(d, done)

    @staticmethod
    def _analyse(d: Document, parsed: object) -> DocumentResult | Failure:
        if isinstance(parsed, BaseException):
            return _failure(d, parsed)
        try:
            return extract_doc(parsed, d)
        except Exception as exc:  # not a rule (those are isolated): the document step itself
            return _failure(d, exc)

    def _parse(self, texts: list[str]) -> list[object]:
        """The parsed Doc of each text, or the exception that parsing it raised."""
        try:
            return list(self.nlp.pipe(texts, batch_size=self.batch_size))
        except Exception:  # find the text at fault: one at a time
            parsed: list[object] = []
            for text in texts:
                try:
                    parsed.append(self.nlp(text))
                except Exception as exc:
                    parsed.append(exc)
            return parsed


def _as_document(item: str | Document, n: int) -> Document:
    return item if isinstance(item, Document) else Document(f"text-{n}", item, f"<text {n}>")


def _failure(doc: Document, exc: BaseException) -> Failure:
    first = (str(exc).strip().splitlines() or [""])[0][:200]
    return Failure(doc, f"can't analyse: {type(exc).__name__}: {first}")
