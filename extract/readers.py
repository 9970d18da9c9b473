"""Finding and reading documents: .txt/.md (optional YAML front matter),
.html/.htm (article text via trafilatura) and .jsonl (one document per line).

Readers are generators: documents are read lazily, one file (or JSON line) at a
time. A problem with one file or line is reported as a :class:`Problem` in the
stream and never stops the others. Every problem is one line naming the file
(``file:line`` for JSON Lines) and what is wrong with it; ``fatal`` problems are
documents that were not built, the others are warnings.

Choices made here (documented in the README):

* Encoding: a byte-order mark wins (UTF-8, UTF-16, UTF-32). Otherwise UTF-8;
  text that is not valid UTF-8 is decoded as Windows-1252 (Western European,
  the usual legacy encoding of English news pages), or as Latin-1 when it has
  bytes Windows-1252 leaves undefined, with a warning. NUL bytes, or mostly
  control characters, mean a binary file, which is an error.
* Size: a file larger than ``max_bytes`` (``--max-doc-bytes``, default
  20,000,000) is skipped: a safety cap on what is read into memory, not the NLP
  limit (a longer text than the pipeline takes is cut at paragraph or sentence
  boundaries by ``extract.split``). For JSON Lines the limit applies to each
  line, not to the file.
* Front matter: YAML between a first line ``---`` and the next ``---`` line.
  YAML that doesn't parse, isn't a mapping, or isn't closed is an error for that
  document; a value of the wrong kind (e.g. a list as ``title``) or a date that
  can't be read is ignored with a warning.
"""
from __future__ import annotations

import codecs
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from .metadata import _make, _split_front_matter
from .model import Document
from .problems import Problem

__all__ = ["DEFAULT_MAX_DOC_BYTES", "Problem", "SUFFIXES", "decode", "discover", "read_file"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
# A safety cap on what is read into memory (news articles are ~5-50 KB); a text longer
# than the NLP pipeline's limit is analysed in parts (extract.split), not skipped.
DEFAULT_MAX_DOC_BYTES = 20_000_000
FALLBACK_ENCODING = "cp1252"  # then latin-1, which decodes any byte

_KNOWN = ", ".join(sorted(SUFFIXES))
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_ENCODING_NAMES = {"cp1252": "Windows-1252", "latin-1": "Latin-1"}
_BINARY_CONTROLS = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def discover(paths: Iterable[str | os.PathLike]) -> Iterator[Path | Problem]:
    """Files to read, in a stable order; folders are walked recursively.

    In a folder, hidden files and folders (``.name``) are ignored, and files with
    an unknown extension or that aren't regular files are skipped with a warning.
    A path named directly that can't be read is an error. A file reached twice
    (named twice, or named and inside a named folder) is read once.
    """
    seen: set[tuple[int, int]] = set()

    def first_time(st: os.stat_result) -> bool:
        key = (st.st_dev, st.st_ino)
        if key in seen:
            return False
        seen.add(key)
        return True

    for raw in paths:
        path = Path(raw)
        try:
            st = path.stat()
        except FileNotFoundError:
            yield Problem(str(path), "no such file or folder")
            continue
        except OSError as exc:
            yield Problem(str(path), f"can't read: {_why(exc)}")
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path, first_time)
        elif not stat.S_ISREG(st.st_mode):
            yield Problem(str(path), f"can't read: {_kind(st.st_mode)}, not a file")
        elif path.suffix.lower() not in SUFFIXES:
            yield Problem(str(path), f"unknown extension {path.suffix or '(none)'!r} (known: {_KNOWN})")
        elif first_time(st):
            yield path
        else:
            yield Problem(str(path), "given more than once; read once", fatal=False)


def _walk(folder: Path, first_time) -> Iterator[Path | Problem]:
    errors: list[OSError] = []
    found = 0
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        while errors:  # a sub-folder that can't be listed: its documents are lost
            exc = errors.pop(0)
            yield Problem(exc.filename or root, f"can't read folder: {_why(exc)}")
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            child = Path(root) / name
            try:
                st = child.stat()
            except OSError as exc:
                yield Problem(str(child), f"skipped: can't read: {_why(exc)}", fatal=False)
                continue
            if stat.S_ISDIR(st.st_mode):  # a symlink to a folder: not followed
                yield Problem(str(child), "skipped: link to a folder (not followed)", fatal=False)
            elif not stat.S_ISREG(st.st_mode):
                yield Problem(str(child), f"skipped: {_kind(st.st_mode)}", fatal=False)
            elif child.suffix.lower() not in SUFFIXES:
                yield Problem(str(child), f"skipped: unknown extension {child.suffix or '(none)'!r} "
                              f"(known: {_KNOWN})", fatal=False)
            elif first_time(st):
                found += 1
                yield child
            else:
                found += 1
    while errors:
        exc = errors.pop(0)
        yield Problem(exc.filename or str(folder), f"can't read folder: {_why(exc)}")
    if not found:
        yield Problem(str(folder), f"no documents in this folder (known extensions: {_KNOWN})", fatal=False)


# -- decoding -----------------------------------------------------------------

def _looks_binary(data: bytes) -> str | None:
    head = data[:8192]
    if b"\x00" in head:
        return "binary file (NUL bytes), not text"
    if head and len(_BINARY_CONTROLS.findall(head)) > max(8, len(head) // 10):
        return "binary file (mostly control bytes), not text"
    return None


def decode(data: bytes, where: str) -> tuple[str, list[Problem]]:
    """Text of ``data``; raises ValueError for binary data. See the module docstring."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError as exc:
                raise ValueError(f"not valid {encoding.upper()} despite its byte-order mark "
                                 f"(byte {exc.start})") from None
    binary = _looks_binary(data)
    if binary:
        raise ValueError(binary)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        bad = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    for encoding in (FALLBACK_ENCODING, "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, [Problem(where, f"not UTF-8 ({bad}); decoded as {_ENCODING_NAMES[encoding]}",
                              fatal=False)]
    raise AssertionError("latin-1 decodes any byte")  # pragma: no cover


# -- metadata -----------------------------------------------------------------


# -- files --------------------------------------------------------------------

def read_file(path: Path, default_date: str | None = None,
              max_bytes: int = DEFAULT_MAX_DOC_BYTES) -> Iterator[Document | Problem]:
    """The documents in one file (several for JSON Lines), or the problems met."""
    source = str(path)
    suffix = path.suffix.lower()
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            yield Problem(source, f"can't read: {_kind(st.st_mode)}, not a file")
            return
        if st.st_size == 0:
            yield Problem(source, "empty file")
            return
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, source, path.stem, default_date, max_bytes)
            return
        if st.st_size > max_bytes:
            yield Problem(source, f"skipped: {st.st_size:,} bytes is over --max-doc-bytes {max_bytes:,}")
            return
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        yield Problem(source, f"can't read: {_why(exc)}")
        return
    if len(data) > max_bytes:  # grew since stat
        yield Problem(source, f"skipped: over --max-doc-bytes {max_bytes:,}")
        return
    notes: list[Problem] = []
    try:
        text, notes = decode(data, source)
        if not text.strip():
            raise ValueError("no text (only white space)")
        if suffix in HTML_SUFFIXES:
            doc = _read_html(text, source, path.stem, default_date, notes)
        else:
            meta, body = _split_front_matter(text, source)
            doc = _make(source, path.stem, body, meta, default_date, notes)
    except ValueError as exc:
        yield from notes
        yield Problem(source, str(exc))
        return
    except Exception as exc:  # a parser's bug must not stop the other documents
        yield from notes
        yield Problem(source, f"can't read: {type(exc).__name__}: {exc}")
        return
    yield from notes
    yield doc


def _read_html(html: str, source: str, stem: str, default_date: str | None,
               notes: list[Problem]) -> Document:
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=True)
    if extracted is None:
        raise ValueError("no article text found in the HTML")
    get = extracted.get if isinstance(extracted, dict) else (lambda k: getattr(extracted, k, None))
    body = get("text") or ""
    meta = {"title": get("title"), "date": get("date"), "url": get("url")}
    return _make(source, stem, body, meta, default_date, notes)


def _jsonl_lines(path: Path, limit: int) -> Iterator[tuple[int, bytes | str | int]]:
    """``(line number, raw line)``: bytes normally, text for a file with a UTF-16/32
    byte-order mark, or the size in bytes of a line longer than ``limit`` (not kept)."""
    with open(path, "rb") as f:
        head = f.read(4)
        wide = next((enc for bom, enc in _BOMS if head.startswith(bom) and enc != "utf-8-sig"), None)
        if wide:
            f.seek(0)
            text = f.read().decode(wide, errors="replace")
            for number, line in enumerate(text.split("\n"), start=1):
                yield number, line
            return
        f.seek(len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0)
        number = 0
        while True:
            line = f.readline(limit + 1)
            if not line:
                return
            number += 1
            if len(line) > limit and not line.endswith(b"\n"):
                size = len(line)
                while True:  # skip the rest of an over-long line without holding it in memory
                    more = f.readline(1 << 20)
                    size += len(more)
                    if not more or more.endswith(b"\n"):
                        break
                yield number, size
                continue
            yield number, line


def _read_jsonl(path: Path, source: str, stem: str, default_date: str | None,
                max_bytes: int) -> Iterator[Document | Problem]:
    lines = 0  # lines that aren't blank
    for number, raw in _jsonl_lines(path, max_bytes):
        where = f"{source}:{number}"
        lines += 1
        size = raw if isinstance(raw, int) else len(
            raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw)
        if size > max_bytes:
            yield Problem(where, f"skipped: line of {size:,} bytes is over --max-doc-bytes {max_bytes:,}")
            continue
        notes: list[Problem] = []
        try:
            if isinstance(raw, str):
                line = raw
            else:
                line, notes = decode(raw, where)
            if not line.strip():
                lines -= 1
                continue
            try:
                record = json.loads(line.rstrip("\r\n"))
            except json.JSONDecodeError as exc:
                raise ValueError(f"malformed JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}") from None
            if not isinstance(record, dict):
                raise ValueError(f"a JSON object is expected on each line, not {type(record).__name__}")
            if "text" not in record:
                raise ValueError("no \"text\" field")
            if not isinstance(record["text"], str):
                raise ValueError(f"\"text\" is {type(record['text']).__name__}, not a string")
            doc = _make(where, f"{stem}-{number}", record["text"], record, default_date, notes)
        except ValueError as exc:
            yield from notes
            yield Problem(where, str(exc))
            continue
        except Exception as exc:  # e.g. RecursionError on absurdly nested JSON
            yield from notes
            yield Problem(where, f"can't read: {type(exc).__name__}: {exc}")
            continue
        yield from notes
        yield doc
    if not lines:
        yield Problem(source, "no documents: only blank lines")
