"""Finding and reading documents: .txt/.md (optional YAML front matter),
.html/.htm (article text via trafilatura) and .jsonl (one document per line).

Readers are generators: documents are read lazily, one file at a time. A
problem with one file or line is reported as a :class:`Problem` in the stream
and never stops the others.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .clean import clean_text
from .model import Document

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
DEFAULT_MAX_DOC_BYTES = 5_000_000


@dataclass(frozen=True)
class Problem:
    """A file or line that could not be read (``fatal``) or was read with a caveat."""

    source: str
    message: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def discover(paths: Iterable[str | os.PathLike]) -> Iterator[Path | Problem]:
    """Files to read, in a stable order; folders are walked recursively."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield Problem(str(path), "no such file or folder")
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if child.suffix.lower() in SUFFIXES:
                    yield child
                else:
                    yield Problem(str(child), f"skipped: unknown extension {child.suffix or '(none)'!r} "
                                  f"(known: {', '.join(sorted(SUFFIXES))})", fatal=False)
        elif path.suffix.lower() in SUFFIXES:
            yield path
        else:
            yield Problem(str(path), f"unknown extension {path.suffix or '(none)'!r} "
                          f"(known: {', '.join(sorted(SUFFIXES))})")


def _iso_date(value, source: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        import dateparser

        parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first"})
        return parsed.date().isoformat() if parsed else None


def _decode(data: bytes, source: str) -> tuple[str, list[Problem]]:
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise ValueError("binary file: no text encoding fits") from None
        return str(best), [Problem(source, f"not UTF-8; decoded as {best.encoding}", fatal=False)]


def _make(source: str, fallback_id: str, text: str, meta: dict, default_date: str | None) -> Document:
    text = clean_text(text)
    if not text:
        raise ValueError("no text")
    doc_id = str(meta.get("id") or fallback_id)
    date = _iso_date(meta.get("date"), source) or default_date
    url = meta.get("url") or meta.get("source")
    title = meta.get("title")
    return Document(id=doc_id, text=text, source=source, title=str(title) if title else None,
                    date=date, url=str(url) if url else None)


def _split_front_matter(text: str, source: str) -> tuple[dict, str]:
    import frontmatter
    import yaml

    if not text.lstrip("\ufeff").startswith("---"):
        return {}, text
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ValueError(f"broken YAML front matter: {first}") from None
    meta = dict(post.metadata)
    return meta, post.content


def read_file(path: Path, default_date: str | None = None,
              max_bytes: int = DEFAULT_MAX_DOC_BYTES) -> Iterator[Document | Problem]:
    """The documents in one file (several for JSON Lines), or the problems met."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size == 0:
            yield Problem(source, "empty file")
            return
        suffix = path.suffix.lower()
        if suffix not in JSONL_SUFFIXES and size > max_bytes:
            yield Problem(source, f"skipped: {size} bytes is over --max-doc-bytes {max_bytes}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Problem(source, f"can't read: {exc.strerror or exc}")
        return
    try:
        text, notes = _decode(data, source)
    except ValueError as exc:
        yield Problem(source, str(exc))
        return
    yield from notes
    stem = path.stem
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(text, source, stem, default_date, max_bytes)
        elif suffix in HTML_SUFFIXES:
            yield _read_html(text, source, stem, default_date)
        else:
            meta, body = _split_front_matter(text, source)
            yield _make(source, stem, body, meta, default_date)
    except ValueError as exc:
        yield Problem(source, str(exc))


def _read_html(html: str, source: str, stem: str, default_date: str | None) -> Document:
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=True)
    if extracted is None:
        raise ValueError("no article text found in the HTML")
    get = extracted.get if isinstance(extracted, dict) else (lambda k: getattr(extracted, k, None))
    body = get("text") or ""
    meta = {"title": get("title"), "date": get("date"), "url": get("url")}
    return _make(source, stem, body, meta, default_date)


def _read_jsonl(text: str, source: str, stem: str, default_date: str | None,
                max_bytes: int) -> Iterator[Document | Problem]:
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"{source}:{number}"
        if not line.strip():
            continue
        if len(line.encode("utf-8")) > max_bytes:
            yield Problem(where, f"skipped: line is over --max-doc-bytes {max_bytes}")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(where, f"malformed JSON: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(record, dict):
            yield Problem(where, "a JSON object is expected on each line")
            continue
        if not isinstance(record.get("text"), str):
            yield Problem(where, "no \"text\" field")
            continue
        try:
            yield _make(where, f"{stem}-{number}", record["text"], record, default_date)
        except ValueError as exc:
            yield Problem(where, str(exc))
