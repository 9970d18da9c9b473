"""Property-based tests: arbitrary Unicode text and arbitrary front matter go
through the build (``graph.build.build`` in-process, ``workers=1``; the spaCy
pipeline is cached per process) without crashing, and the output always parses
as Turtle (strictly, with pyoxigraph), has valid IRIs, and passes the project's
SHACL validation.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pyoxigraph as ox
import rdflib
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.errors import KgError
from graph.build import build

try:
    from graph.validate import validate_file
except ImportError:  # pragma: no cover - the validator is optional
    validate_file = None

SETTINGS = settings(max_examples=30, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
FACT = "France's Foreign Minister Anna Lindqvist visited Geneva on Monday."

# Any code point except lone surrogates (a file can't hold them; JSON escapes are tested below).
unicode_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
words = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), words,
                    st.dates().map(str))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) |
                      st.dictionaries(words, inner, max_size=3), max_leaves=6)
front_matter = st.dictionaries(st.sampled_from(["id", "title", "date", "url", "source", "other"]) | words,
                               values, max_size=5)


def check_output(out: Path) -> None:
    data = (out / "graph.ttl").read_bytes()
    quads = list(ox.parse(data, format=ox.RdfFormat.TURTLE))  # strict parser: rejects invalid IRIs
    for q in quads:
        for term in (q.subject, q.predicate, q.object):
            if isinstance(term, ox.NamedNode):
                ox.NamedNode(term.value)
    rdflib.Graph().parse(data=data, format="turtle")
    if validate_file is not None:
        conforms, messages = validate_file(out / "graph.ttl")
        assert conforms, messages


def run(paths: list[Path], out: Path) -> bool:
    """Build; True when a graph was written, False when nothing could be built."""
    try:
        report = build([str(p) for p in paths], out, workers=1, formats=("ttl",), default_date="2021-01-01")
    except KgError as exc:
        assert str(exc).startswith("no document could be built"), exc
        assert not (out / "graph.ttl").exists()
        return False
    for line in report.warnings + report.failures:
        assert "\n" not in line
    check_output(out)
    return True


@SETTINGS
@given(text=unicode_text)
def test_arbitrary_text_never_crashes(text):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "doc.txt").write_text(text, encoding="utf-8")
        (tmp / "good.txt").write_text(FACT, encoding="utf-8")
        assert run([tmp / "doc.txt", tmp / "good.txt"], tmp / "out")


@SETTINGS
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(raw):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "doc.md").write_bytes(raw)
        (tmp / "doc.jsonl").write_bytes(raw)
        run([tmp / "doc.md", tmp / "doc.jsonl"], tmp / "out")


@SETTINGS
@given(meta=front_matter, body=unicode_text)
def test_arbitrary_front_matter_never_crashes(meta, body):
    try:
        block = yaml.safe_dump(meta, allow_unicode=True)
    except yaml.YAMLError:  # pragma: no cover - safe_dump takes any of these values
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "doc.md").write_text(f"---\n{block}---\n{FACT} {body}\n", encoding="utf-8")
        (tmp / "good.md").write_text(FACT, encoding="utf-8")  # a NUL in the body makes doc.md binary
        assert run([tmp / "doc.md", tmp / "good.md"], tmp / "out")


@SETTINGS
@given(raw_meta=st.text(st.characters(blacklist_categories=("Cs",)), max_size=120), body=unicode_text)
def test_arbitrary_front_matter_text_never_crashes(raw_meta, body):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "doc.md").write_text(f"---\n{raw_meta}\n---\n{FACT} {body}\n", encoding="utf-8")
        (tmp / "good.md").write_text(FACT, encoding="utf-8")
        assert run([tmp / "doc.md", tmp / "good.md"], tmp / "out")


@SETTINGS
@given(record=st.dictionaries(st.sampled_from(["id", "title", "date", "url", "text"]) | words,
                              values | st.text(max_size=200), max_size=5))
def test_arbitrary_jsonl_records_never_crash(record):
    """JSON may hold lone surrogates (``\\ud800``); they are replaced, never written."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        line = json.dumps(record, allow_nan=True)
        (tmp / "doc.jsonl").write_text(line + "\n" + json.dumps({"text": FACT}) + "\n", encoding="utf-8")
        assert run([tmp / "doc.jsonl"], tmp / "out")


@SETTINGS
@given(s=st.text(max_size=80))
def test_metadata_strings_round_trip_through_turtle(s):
    """Titles (kept as given, trimmed) come back exactly: quotes, backslashes,
    newlines, control and non-BMP characters; lone surrogates become U+FFFD."""
    expected = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in s).strip()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "doc.jsonl").write_text(json.dumps({"id": s, "title": s, "text": FACT}) + "\n",
                                       encoding="utf-8")
        assert run([tmp / "doc.jsonl"], tmp / "out")
        g = rdflib.Graph().parse(tmp / "out" / "graph.ttl", format="turtle")
        titles = [str(t) for t in g.objects(None, rdflib.DCTERMS.title)]
        assert titles == ([expected] if expected else [])
        ids = [str(t) for t in g.objects(None, rdflib.DCTERMS.identifier)]
        assert ids == [expected or "doc-1"]
