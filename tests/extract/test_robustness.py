"""Robustness: seeded recombinations of the sentences of the seed and the dev articles
(3 to 40 sentences a document) go through extraction without an exception escaping and,
so far, without a rule error. 300 documents by default; 5,000 with ``-m slow``."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from extract.model import Document, DocumentResult, Failure
from extract.readers import DEFAULT_MAX_DOC_BYTES, Problem, discover, read_file

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared" / "eval" / "dev" / "docs"
SEED = 20240610


def _sentences() -> list[str]:
    if not DEV.is_dir():
        pytest.skip(f"{DEV} is absent (the shared eval material)")
    out: list[str] = []
    for item in discover([str(ROOT / "seeds"), str(DEV)]):
        if isinstance(item, Problem):
            continue
        for doc in read_file(item, default_date=None, max_bytes=DEFAULT_MAX_DOC_BYTES):
            if isinstance(doc, Document):
                out.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“(])", doc.text) if s.strip())
    return out


def recombined(n: int, seed: int = SEED) -> list[Document]:
    sentences = _sentences()
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        picked = rng.choices(sentences, k=rng.randint(3, 40))
        date = f"20{rng.randint(0, 24):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        url = rng.choice([None, "https://www.state.gov/x", "https://example.com/a", "https://www.mofa.go.jp/y"])
        docs.append(Document(f"r{i:05d}", " ".join(picked), f"recombined-{i:05d}", date=date, url=url))
    return docs


@pytest.fixture(scope="module")
def extractor():
    from extract import nlp
    from extract.pipeline import Extractor

    return Extractor(nlp.load())


def _run(extractor, n: int) -> None:
    docs = recombined(n)
    errors, failures, facts = [], [], 0
    for start in range(0, n, 16):
        for result in extractor.extract(docs[start:start + 16]):  # an escaping exception fails the test
            if isinstance(result, Failure):
                failures.append(str(result))
            else:
                assert isinstance(result, DocumentResult)
                errors.extend(str(e) for e in result.rule_errors)
                facts += len(result.facts)
    print(f"{n} documents, {facts} facts, {len(errors)} rule errors, {len(failures)} failed")
    assert failures == []
    assert errors == []
    assert facts > 0


def test_recombined_documents(extractor):
    _run(extractor, 300)


@pytest.mark.slow
def test_recombined_documents_slow(extractor):
    _run(extractor, 5000)
