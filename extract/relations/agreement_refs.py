"""Which agreement a token or a verb is about: its name, "the pact", "it"."""
from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import AGREEMENT_HEADS
from ..model import AGREEMENT
from .context import EntityView
from .syntax import has_definite

Reference = tuple[str | None, float]
_PRONOUNS = frozenset({"it"})


# ---------------------------------------------------------------- which agreement a token means

def agreement_ref(tok: Token, ents: EntityView) -> Reference:
    """The agreement a token refers to: its entity; "the pact" -> the last one named;
    "X was a treaty signed ..." -> X."""
    key = ents.key_at(tok.i)
    if key is not None and ents.cls_of(key) == AGREEMENT:
        return key, 1.0
    for child in tok.children:
        ck = ents.key_at(child.i)
        if ck is not None and ents.cls_of(ck) == AGREEMENT and child.dep_ in ("compound", "nmod", "amod", "appos"):
            return ck, 1.0
    known = _known_as(tok, ents)
    if known is not None:
        return known, 1.0
    if tok.lower_ in _PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return the_one_before(tok, ents, tok.lower_)
    if tok.lower_ not in AGREEMENT_HEADS:
        return None, 0
    found = _same_name(tok, ents)
    if found[0] is None:
        found = _subject_of_copula(tok, ents)
    if found[0] is None and has_definite(tok) and tok.text.islower():
        return the_one_before(tok, ents, tok.lower_)
    return found


def _known_as(tok: Token, ents: EntityView) -> str | None:
    """"the nuclear deal, known as the JCOPA,": the agreement named after "known as"."""
    for acl in tok.children:
        if acl.dep_ == "acl" and acl.lemma_ in ("know", "call"):
            for o in (o for p in acl.children if p.lower_ == "as" for o in p.children if o.dep_ == "pobj"):
                key = ents.key_at(o.i)
                if key is not None and ents.cls_of(key) == AGREEMENT:
                    return key
    return None


def paragraph_start(tok: Token) -> int:
    """The index of the first token of ``tok``'s paragraph (after a blank line)."""
    for i in range(tok.i - 1, -1, -1):
        t = tok.doc[i]
        if t.text.count("\n") + t.whitespace_.count("\n") >= 2 or (t.is_space and "\n" in t.text):
            return i + 1
    return 0


def the_one_before(tok: Token, ents: EntityView, word: str) -> Reference:
    """"the treaty", "it": the one agreement named before it in the paragraph (else in the
    document) that the word fits; None when two could be meant."""
    start = paragraph_start(tok)
    for lo, conf in ((start, 0.8), (0, 0.7)):
        named = [k for k in ents.agreements_between(lo, tok.i) if not _only_as_actor(k, tok, ents, lo)]
        if not named:
            continue
        fitting = [k for k in named if word.rstrip("s") in k.lower()] if word in AGREEMENT_HEADS else []
        pool = fitting or named
        if len(pool) == 1:
            return pool[0], conf
        return _topic(pool, tok, ents, lo) if lo == start else (None, 0)
    return None, 0


def _only_as_actor(key: str, tok: Token, ents: EntityView, lo: int) -> bool:
    """"Negotiated by the members of the Warsaw Pact, the agreement was signed ...": an
    agreement named only in a "by" phrase of the same sentence is an actor (an alliance),
    not the agreement "the agreement" means."""
    mentions = [t for t in tok.doc[lo:tok.i] if ents.key_at(t.i) == key]
    return all(t.sent.start == tok.sent.start and any(a.dep_ == "agent" for a in t.ancestors)
               for t in mentions)


def _topic(pool: list[str], tok: Token, ents: EntityView, start: int) -> Reference:
    """Two agreements fit "the agreement": the one the last sentence naming them is about,
    its subject alone ("The Kestrel Pact is an annex to the Marlow Accord. The agreement
    was signed ..."); None when both are subjects ("X and Y were discussed")."""
    last = None
    for i in range(tok.sent.start - 1, start - 1, -1):
        if ents.key_at(i) in pool:
            last = tok.doc[i].sent
            break
    if last is None:
        return None, 0
    subjects_ = {ents.key_at(t.i) for t in last if ents.key_at(t.i) in pool
                 and t.dep_ in ("nsubj", "nsubjpass") and not any(ents.key_at(c.i) in pool for c in t.conjuncts)}
    if len(subjects_) == 1:
        return subjects_.pop(), 0.7
    return None, 0


def _same_name(tok: Token, ents: EntityView) -> Reference:
    """"a reciprocal access agreement" when "the Reciprocal Access Agreement" is named."""
    words = [t.lower_ for t in tok.doc[tok.left_edge.i:tok.i]
             if t.dep_ not in ("det", "poss", "nummod", "case") and t.is_alpha] + [tok.lower_]
    if len(words) >= 2:
        phrase = " ".join(words)
        same = [k for k, e in ents.items() if e.cls == AGREEMENT and k.lower() == phrase]
        if len(same) == 1:
            return same[0], 0.9
    return None, 0


def _subject_of_copula(tok: Token, ents: EntityView) -> Reference:
    """"The Lahore Declaration was a bilateral agreement and treaty signed ..."."""
    head = tok
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    if not (head.dep_ == "attr" and head.head.lemma_ == "be"):
        return None, 0
    subjects_ = [c for c in head.head.children if c.dep_ == "nsubj"]
    for c in subjects_:
        ck = ents.key_at(c.i)
        if ck is not None and ents.cls_of(ck) == AGREEMENT:
            return ck, 1.0
    if all(ents.key_at(c.i) is None and c.pos_ not in ("NOUN", "PRON") for c in subjects_):
        # a parse broken by an aside: the agreement the sentence opens with
        for t in tok.sent:
            if t.i >= head.head.i:
                break
            ck = ents.key_at(t.i)
            if ck is not None:
                return (ck, 0.8) if ents.cls_of(ck) == AGREEMENT else (None, 0)
    return None, 0


def verb_agreement(verb: Token, ents: EntityView, object_first: bool = False) -> Reference:
    """The agreement a verb of signing, entering into force or ending is about; with
    ``object_first`` its object before its subject ("New START replaced the treaty")."""
    order = (_subject_agreement, _modified_agreement, _agreement_of_main_clause, object_agreement,
             _agreement_just_before)
    if object_first and not any(c.dep_ == "nsubjpass" for c in verb.children):
        order = (object_agreement, *order[:3], order[4])
    for find in order:
        found = find(verb, ents)
        if found[0]:
            return found
    return None, 0


def _subject_agreement(verb: Token, ents: EntityView) -> Reference:
    """"the treaty was signed", "the pact expired"."""
    for c in verb.children:
        if c.dep_ in ("nsubjpass", "nsubj"):
            return agreement_ref(c, ents)
    return None, 0


def _modified_agreement(verb: Token, ents: EntityView) -> Reference:
    """A participle modifying the agreement: "The pact, inked in November 2016";
    "an agreement on the nuclear program reached in ..."."""
    if verb.dep_ not in ("acl", "relcl") or verb.head is verb:
        return None, 0
    h = verb.head
    for _ in range(3):
        a, f = agreement_ref(h, ents)
        if a:
            return a, f
        if h.dep_ == "attr" and h.head.lemma_ == "be":  # "X was a treaty that ...": X
            return _subject_agreement(h.head, ents)
        if h.dep_ not in ("pobj", "prep") or h.head is h:
            break
        h = h.head
    return None, 0


def _agreement_of_main_clause(verb: Token, ents: EntityView) -> Reference:
    """"Announced in ... and signed in ... on ..., the Accords were mediated"."""
    h = verb
    for _ in range(3):
        if h.dep_ not in ("advcl", "conj") or h.head is h:
            break
        h = h.head
        a, f = agreement_ref(h, ents)
        if a:
            return a, f * 0.9
        for c in h.children:
            if c.dep_ in ("nsubjpass", "nsubj") and c.lower_ not in _PRONOUNS:
                a, f = agreement_ref(c, ents)
                if a:
                    return a, f * 0.9
    return None, 0


# "suspended its participation in the treaty": the agreement is the object of these nouns
_TAKING_PART = frozenset("participation membership implementation involvement observance compliance".split())


def object_agreement(verb: Token, ents: EntityView) -> Reference:
    """"X withdrew from the agreement", "X signed the accord", "X suspended its
    participation in the treaty"."""
    for c in verb.children:
        if c.dep_ == "dobj":
            a, f = agreement_ref(c, ents)
            if a:
                return a, f
            for o in taken_part_in(c):
                a, f = agreement_ref(o, ents)
                if a:
                    return a, f
        if c.dep_ == "prep" and c.lower_ in ("from", "to", "of"):
            for o in c.children:
                if o.dep_ == "pobj":
                    a, f = agreement_ref(o, ents)
                    if a:
                        return a, f
    return None, 0


def taken_part_in(noun: Token) -> list[Token]:
    """"participation in the treaty", "implementation of the deal": the treaty, the deal."""
    if noun.lemma_.lower() not in _TAKING_PART:
        return []
    return [o for p in noun.children if p.dep_ == "prep" and p.lower_ in ("in", "of", "with")
            for o in p.children if o.dep_ == "pobj"]


def _agreement_just_before(verb: Token, ents: EntityView) -> Reference:
    """"the first treaty, NNAA, was signed in 1988" (a parse with no subject)."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None, 0
    for back in range(verb.i - 1, max(verb.sent.start, verb.i - 4) - 1, -1):
        k = ents.key_at(back)
        if k is not None and ents.cls_of(k) == AGREEMENT:
            return k, 0.8
    return None, 0


