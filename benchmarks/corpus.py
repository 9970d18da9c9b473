"""Deterministic benchmark corpus: articles recombined from real paragraphs.

The paragraphs come from the articles in ``seeds/`` and the development set
(``../shared/eval/dev/docs``), read at run time; folders that are missing or
empty are skipped. Document ``i`` depends only on ``(seed, i)`` and the source
paragraphs, so the same seed gives a byte-identical corpus and the first 1,000
documents of the 10,000-document corpus are the 1,000-document corpus.

Each document is a Markdown file with YAML front matter (``title``, ``date``
as YYYY-MM-DD) followed by paragraphs separated by blank lines. About 2 % of the
documents are long (30-60 paragraphs) so that batch sizes are chosen against
realistic worst cases, not only against short wire stories.

Usage::

    python benchmarks/corpus.py 1000 /tmp/corpus --seed 13
"""
from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = (REPO / "seeds", REPO / ".." / "shared" / "eval" / "dev" / "docs")
DEFAULT_SEED = 13

SHORT_PARAGRAPHS = (2, 10)   # inclusive range for ordinary articles
LONG_PARAGRAPHS = (30, 60)   # inclusive range for long articles
LONG_SHARE = 0.02
MIN_WORDS = 8  # a document has at least one paragraph this long
FIRST_DATE = _dt.date(1990, 1, 1)
LAST_DATE = _dt.date(2024, 12, 31)

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n.*?\n---[ \t]*\n", re.DOTALL)
_BLANK = re.compile(r"\n[ \t]*\n")
_SUFFIXES = (".md", ".markdown", ".txt")


@dataclass(frozen=True)
class Paragraphs:
    texts: tuple[str, ...]
    files: tuple[str, ...]  # the source files read, for the record
    digest: str  # sha256 of the paragraphs, identifies the corpus inputs


def _split(body: str) -> list[str]:
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    parts = [p.strip() for p in _BLANK.split(body)]
    parts = [p for p in parts if p]
    if len(parts) < 3:  # plain-text scrapes often put one paragraph per line
        lines = [line.strip() for line in body.split("\n")]
        if len([line for line in lines if line]) > len(parts):
            parts = [line for line in lines if line]
    return parts


def load_paragraphs(sources=DEFAULT_SOURCES) -> Paragraphs:
    """Every distinct paragraph of the source articles, in a stable order."""
    seen: dict[str, None] = {}
    files: list[str] = []
    for folder in sources:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.iterdir()
                           if p.is_file() and p.suffix.lower() in _SUFFIXES
                           and p.name.lower() != "readme.md"):
            text = path.read_text(encoding="utf-8", errors="replace")
            body = _FRONT_MATTER.sub("", text, count=1)
            files.append(str(path.resolve()))
            for para in _split(body):
                seen.setdefault(para, None)
    if not seen:
        raise SystemExit(
            "benchmarks/corpus.py: no source paragraphs found in "
            + ", ".join(str(s) for s in sources)
            + "; put articles in seeds/ or pass --source DIR")
    texts = tuple(seen)
    digest = hashlib.sha256("\n\x00\n".join(texts).encode("utf-8")).hexdigest()
    return Paragraphs(texts, tuple(files), digest)


def _title(first_paragraph: str, rng: random.Random) -> str:
    words = first_paragraph.split()[: rng.randint(5, 10)]
    title = " ".join(words).rstrip(".,;:!?\"'")
    return title or "Untitled"


def render_document(paragraphs: tuple[str, ...], seed: int, index: int) -> str:
    """The text of document ``index``; depends only on its arguments."""
    rng = random.Random(f"kgbench:{seed}:{index}")
    bounds = LONG_PARAGRAPHS if rng.random() < LONG_SHARE else SHORT_PARAGRAPHS
    count = rng.randint(*bounds)
    chosen = [paragraphs[rng.randrange(len(paragraphs))] for _ in range(count)]
    if not any(len(p.split()) >= MIN_WORDS for p in chosen):
        # only scraper artefacts ("[ad_1]") were drawn: the article would be empty
        # after clean-up, so add a real paragraph (other documents are unchanged)
        real = [p for p in paragraphs if len(p.split()) >= MIN_WORDS]
        chosen.insert(0, real[rng.randrange(len(real))])
    span = (LAST_DATE - FIRST_DATE).days
    date = FIRST_DATE + _dt.timedelta(days=rng.randint(0, span))
    title = _title(chosen[0], rng)
    # json.dumps gives a valid YAML double-quoted scalar.
    head = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndate: {date.isoformat()}\n---\n\n"
    return head + "\n\n".join(chosen) + "\n"


def write_corpus(n: int, out_dir, seed: int = DEFAULT_SEED, sources=DEFAULT_SOURCES,
                 paragraphs: Paragraphs | None = None) -> dict:
    """Write ``n`` documents into ``out_dir`` (created); return a summary."""
    paragraphs = paragraphs or load_paragraphs(sources)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    total_bytes = 0
    for i in range(n):
        data = render_document(paragraphs.texts, seed, i).encode("utf-8")
        (out / f"bench-{i:05d}.md").write_bytes(data)
        digest.update(data)
        total_bytes += len(data)
    return {
        "documents": n,
        "seed": seed,
        "dir": str(out),
        "bytes": total_bytes,
        "sha256": digest.hexdigest(),
        "source_paragraphs": len(paragraphs.texts),
        "source_files": len(paragraphs.files),
        "source_digest": paragraphs.digest,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of documents")
    ap.add_argument("out_dir", help="folder to write into (created)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--source", action="append", default=None,
                    help="folder of source articles (repeatable; default: seeds/ and the dev set)")
    args = ap.parse_args(argv)
    summary = write_corpus(args.n, args.out_dir, args.seed, args.source or DEFAULT_SOURCES)
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
