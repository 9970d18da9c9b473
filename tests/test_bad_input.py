"""Bad input never costs a user their graph.

A table of bad inputs, each built next to good documents through the CLI
(``kg build``, in-process with click's CliRunner, ``--workers 1``; the spaCy
pipeline is loaded once per process): the message names the file (and line for
JSON Lines) and the problem on one line, the exit code is right, and the good
documents' facts are in the graph. Then ``--strict``, atomic output (a build
killed with SIGINT and SIGKILL leaves the previous graph byte-identical) and
hostile strings (valid IRIs, exact literals).
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDFS

from graph.cli import main

ROOT = Path(__file__).resolve().parents[1]
KG = Path(sys.executable).with_name("kg")
KGO = rdflib.Namespace("https://w3id.org/kgbuilder/ontology#")
SCHEMA = rdflib.Namespace("https://schema.org/")

# Documents that must survive every bad neighbour: id -> (country, title, person).
GOOD = {
    "good-a": ("France", "Foreign Minister", "Anna Lindqvist"),
    "good-b": ("Kenya", "Finance Minister", "Samuel Okafor"),
}
GOOD_JSONL = ("good-j", ("Norway", "Defence Minister", "Ingrid Solberg"))


def sentence(country: str, title: str, person: str) -> str:
    return f"{country}'s {title} {person} visited Geneva on Monday."


def good_doc(doc_id: str) -> str:
    return f"---\nid: {doc_id}\ndate: 2021-05-04\n---\n{sentence(*GOOD[doc_id])}\n"


def good_line(extra: dict | None = None) -> str:
    doc_id, facts = GOOD_JSONL
    return json.dumps({"id": doc_id, "text": sentence(*facts), **(extra or {})})


def write_good(folder: Path) -> list[Path]:
    paths = []
    for doc_id in GOOD:
        path = folder / f"{doc_id}.md"
        path.write_text(good_doc(doc_id), encoding="utf-8")
        paths.append(path)
    return paths


def kg(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["build", "--workers", "1", "-q", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def facts_of(ttl: Path) -> dict[str, set[tuple[str, str]]]:
    """doc id -> {(person label, country label)} of officeholderOf statements derived from it."""
    g = rdflib.Graph().parse(ttl, format="turtle")
    out: dict[str, set[tuple[str, str]]] = {}
    ids = {d: str(i) for d, i in g.subject_objects(DCTERMS.identifier)}
    for d in ids:
        out.setdefault(ids[d], set())
    rows = g.query("""
        SELECT ?doc ?p ?c WHERE {
          ?st rdf:predicate kgo:officeholderOf ; rdf:subject ?ps ; rdf:object ?cs ; prov:wasDerivedFrom ?doc .
          ?ps rdfs:label ?p . ?cs rdfs:label ?c .
        }""", initNs={"rdf": rdflib.RDF, "kgo": KGO, "prov": rdflib.Namespace("http://www.w3.org/ns/prov#"),
                      "rdfs": RDFS})
    for doc, person, country in rows:
        out.setdefault(ids[doc], set()).add((str(person), str(country)))
    return out


def assert_good_present(ttl: Path, doc_ids) -> None:
    facts = facts_of(ttl)
    for doc_id in doc_ids:
        country, _, person = GOOD[doc_id] if doc_id in GOOD else GOOD_JSONL[1]
        assert doc_id in facts, f"document {doc_id} missing from the graph"
        assert (person, country) in facts[doc_id], f"{doc_id}: officeholderOf fact missing: {facts[doc_id]}"


def assert_one_line_messages(stderr: str) -> None:
    for line in filter(None, stderr.splitlines()):
        assert line.startswith(("kg: ", "Usage:", "Try ", "Error: ")), f"not a one-line message: {line!r}"


# -- the table ------------------------------------------------------------------

@dataclass
class Case:
    id: str
    files: dict[str, bytes | str] = field(default_factory=dict)  # written beside the good documents
    args: Callable[[Path], list[str]] = lambda d: [str(d)]  # what is built (default: the folder)
    code: int = 1
    messages: tuple[str, ...] = ()  # regexes, each must match one stderr line
    good: tuple[str, ...] = tuple(GOOD)  # documents whose facts must be in the graph
    patch: Callable | None = None  # (monkeypatch, folder) -> None, before the build
    written: bool = True  # whether graph.ttl is written


def _named(*names: str) -> Callable[[Path], list[str]]:
    return lambda d: [str(d / f"{k}.md") for k in GOOD] + [str(d / n) for n in names]


def _deny_read(name: str):
    """Simulate ``chmod 000`` (the tests run as root, who can read anything)."""
    def patch(monkeypatch, folder: Path):
        import builtins

        from extract import readers

        real_open = builtins.open

        def fake_open(file, *a, **k):
            if Path(file).name == name:
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *a, **k)

        monkeypatch.setattr(readers, "open", fake_open, raising=False)
    return patch


def _mkfifo(name: str):
    def patch(monkeypatch, folder: Path):
        os.mkfifo(folder / name)
    return patch


CP1252 = sentence("Chile", "President", "Pedro Alvarez").replace("Geneva", "Nîmes") + " Café “crème”.\n"
BIG = ("Italy's Prime Minister Marco Ferrante visited Rome on Monday. " * 100).encode()

CASES = [
    Case("empty-file", {"empty.txt": b""}, messages=(r"^kg: error: .*empty\.txt: empty file$",)),
    Case("whitespace-only", {"blank.txt": b"  \n\t\n"}, messages=(r"^kg: error: .*blank\.txt: no text",)),
    Case("binary-file", {"photo.txt": bytes(range(256)) * 8},
         messages=(r"^kg: error: .*photo\.txt: binary file \(NUL bytes\), not text$",)),
    Case("binary-without-nul", {"noise.md": bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17]) * 100},
         messages=(r"^kg: error: .*noise\.md: binary file \(mostly control bytes\)",)),
    Case("not-utf8", {"legacy.txt": CP1252.encode("cp1252")}, code=0,
         messages=(r"^kg: warning: .*legacy\.txt: not UTF-8 \(byte 0x[0-9a-f]{2} at offset \d+\); "
                   r"decoded as Windows-1252$",)),
    Case("utf16-with-bom", {"wide.txt": sentence("Chile", "President", "Pedro Alvarez").encode("utf-16")}, code=0),
    Case("too-large", {"huge.txt": BIG}, args=lambda d: [str(d), "--max-doc-bytes", "2000"],
         messages=(rf"^kg: error: .*huge\.txt: skipped: {len(BIG):,} bytes is over --max-doc-bytes 2,000$",)),
    Case("jsonl-line-too-large", {"feed.jsonl": good_line() + "\n" + json.dumps({"text": BIG.decode()}) + "\n"},
         args=lambda d: [str(d), "--max-doc-bytes", "2000"], good=(*GOOD, "good-j"),
         messages=(r"^kg: error: .*feed\.jsonl:2: skipped: line of 6,\d{3} bytes is over --max-doc-bytes 2,000$",)),
    Case("malformed-json-line", {"feed.jsonl": good_line() + "\n{\"id\": \"x\", \"text\": \"unterminated\n"},
         good=(*GOOD, "good-j"),
         messages=(r"^kg: error: .*feed\.jsonl:2: malformed JSON: Unterminated string starting at column 21$",)),
    Case("jsonl-line-without-text", {"feed.jsonl": '{"id": "no-text", "title": "T"}\n' + good_line() + "\n"},
         good=(*GOOD, "good-j"), messages=(r'^kg: error: .*feed\.jsonl:1: no "text" field$',)),
    Case("jsonl-text-not-a-string", {"feed.jsonl": '{"text": 42}\n[1, 2]\n' + good_line() + "\n"},
         good=(*GOOD, "good-j"),
         messages=(r'^kg: error: .*feed\.jsonl:1: "text" is int, not a string$',
                   r"^kg: error: .*feed\.jsonl:2: a JSON object is expected on each line, not list$")),
    Case("jsonl-lone-surrogate", {"feed.jsonl": good_line({"title": "bad \ud800 title"}) + "\n"}, code=0,
         good=(*GOOD, "good-j"),
         messages=(r"^kg: warning: .*feed\.jsonl:1: title: invalid lone surrogates replaced with U\+FFFD$",)),
    Case("broken-yaml-front-matter", {"broken.md": "---\ntitle: [unclosed\ndate: 2021-01-01\n---\nText.\n"},
         messages=(r"^kg: error: .*broken\.md: broken YAML front matter at line 3: did not find expected ',' "
                   r"or '\]' \(while parsing a flow sequence from line 2\)$",)),
    Case("unclosed-front-matter", {"open.md": "---\ntitle: x\nJapan's Prime Minister spoke.\n"},
         messages=(r"^kg: error: .*open\.md: broken YAML front matter: no closing '---' line$",)),
    Case("front-matter-not-a-mapping", {"list.md": "---\n- a\n- b\n---\nText.\n"},
         messages=(r"^kg: error: .*list\.md: broken YAML front matter: a mapping of 'key: value' lines",)),
    Case("bad-front-matter-values", {"odd.md": "---\ntitle: [a, b]\ndate: 2021-02-30\n---\n"
                                              + sentence("Chile", "President", "Pedro Alvarez") + "\n"},
         code=0, messages=(r"^kg: warning: .*odd\.md: 'title' should be a single value, not list; ignored$",
                           r"^kg: warning: .*odd\.md: unreadable date '2021-02-30'; ignored$")),
    Case("html-without-article", {"page.html": "<html><head><script>var a = 1;</script></head><body><div> </div></body></html>"},
         messages=(r"^kg: error: .*page\.html: no article text found in the HTML$",)),
    Case("unknown-extension-in-folder", {"notes.csv": "a,b\n"}, code=0,
         messages=(r"^kg: warning: .*notes\.csv: skipped: unknown extension '\.csv' \(known: ",)),
    Case("unknown-extension-named", {"notes.csv": "a,b\n"}, args=_named("notes.csv"),
         messages=(r"^kg: error: .*notes\.csv: unknown extension '\.csv' \(known: ",)),
    Case("nonexistent-path", args=_named("missing.txt"),
         messages=(r"^kg: error: .*missing\.txt: no such file or folder$",)),
    Case("unreadable-file", {"secret.txt": "Kenya's President spoke.\n"}, patch=_deny_read("secret.txt"),
         messages=(r"^kg: error: .*secret\.txt: can't read: Permission denied$",)),
    Case("fifo-named", args=_named("pipe.txt"), patch=_mkfifo("pipe.txt"),
         messages=(r"^kg: error: .*pipe\.txt: can't read: a named pipe \(FIFO\), not a file$",)),
    Case("fifo-in-folder", patch=_mkfifo("pipe.txt"), code=0,
         messages=(r"^kg: warning: .*pipe\.txt: skipped: a named pipe \(FIFO\)$",)),
    Case("same-file-twice", args=_named("good-a.md"), code=0,
         messages=(r"^kg: warning: .*good-a\.md: given more than once; read once$",)),
    Case("duplicate-id", {"twin.md": good_doc("good-a")}, code=0,
         messages=(r"^kg: warning: .*twin\.md: duplicate id 'good-a' \(also in .*good-a\.md\); "
                   r"renamed to 'good-a-2'$",)),
    Case("invalid-date-option", args=lambda d: [str(d), "--date", "2021-02-30"], code=2, good=(), written=False,
         messages=(r"Invalid value for '--date': '2021-02-30' is not a date in the form YYYY-MM-DD",)),
    Case("nothing-built", {"empty.txt": b""}, args=lambda d: [str(d / "empty.txt")], code=2, good=(),
         written=False, messages=(r"^kg: error: .*empty\.txt: empty file$",
                                  r"^kg: error: no document could be built \(1 failed, listed above\)$")),
    Case("strict-with-a-failure", {"empty.txt": b""}, args=lambda d: [str(d), "--strict"], code=2, good=(),
         written=False, messages=(r"^kg: error: .*empty\.txt: empty file$",
                                  r"^kg: error: 1 document\(s\) failed \(listed above\); --strict: nothing written$")),
    Case("strict-with-warnings-only", {"notes.csv": "a,b\n"}, args=lambda d: [str(d), "--strict"], code=0,
         messages=(r"^kg: warning: .*notes\.csv: skipped: unknown extension",)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_good(folder)
    for name, content in case.files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    if case.patch:
        case.patch(monkeypatch, folder)
    out = tmp_path / "out"
    code, stdout, stderr = kg(*case.args(folder), "-o", str(out), "--format", "ttl")
    assert code == case.code, stderr
    lines = stderr.splitlines()
    for pattern in case.messages:
        assert any(re.search(pattern, line) for line in lines), f"no line matches {pattern!r} in:\n{stderr}"
    assert_one_line_messages(stderr)
    assert (out / "graph.ttl").exists() == case.written
    if case.written:
        assert_good_present(out / "graph.ttl", case.good)
        summary = stdout.strip().splitlines()[-1]
        assert re.match(r"^\d+ documents, .* \d+ failed, ", summary), summary
        failed = int(re.search(r"(\d+) failed", summary).group(1))
        assert failed == sum(line.startswith("kg: error: ") for line in lines)
        assert (failed > 0) == (case.code == 1)


def test_non_utf8_text_is_decoded_as_windows_1252(tmp_path):
    (tmp_path / "legacy.txt").write_bytes(CP1252.encode("cp1252"))
    code, _, _ = kg(str(tmp_path / "legacy.txt"), "-o", str(tmp_path / "out"), "--format", "ttl")
    assert code == 0
    g = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    texts = [str(t) for t in g.objects(None, SCHEMA.text)]
    assert texts == [CP1252.replace("“", '"').replace("”", '"').strip()]


def test_latin1_bytes_undefined_in_windows_1252_fall_back_to_latin1():
    from extract.readers import decode

    text, notes = decode(b"caf\xe9 \x81", "x.txt")
    assert text == "caf\u00e9 \x81"
    assert [str(n) for n in notes] == ["x.txt: not UTF-8 (byte 0xe9 at offset 3); decoded as Latin-1"]


def test_problem_lines_escape_control_characters_in_file_names():
    from extract.readers import Problem

    assert str(Problem("a\nb.txt", "bad\rthing")) == "a\\nb.txt: bad\\rthing"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_chmod_000_file_is_an_error(tmp_path):  # pragma: no cover - not run as root
    write_good(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("text")
    secret.chmod(0)
    code, _, stderr = kg(str(tmp_path), "-o", str(tmp_path / "out"), "--format", "ttl")
    assert code == 1 and "secret.txt: can't read: Permission denied" in stderr


def test_strict_failure_leaves_the_previous_output_unchanged(tmp_path):
    write_good(tmp_path)
    out = tmp_path / "out"
    assert kg(str(tmp_path), "-o", str(out))[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "extra.md").write_text(sentence("Chile", "President", "Pedro Alvarez"))
    code, _, stderr = kg(str(tmp_path), "-o", str(out), "--strict")
    assert code == 2, stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_nothing_built_leaves_the_previous_output_unchanged(tmp_path):
    write_good(tmp_path)
    out = tmp_path / "out"
    assert kg(str(tmp_path), "-o", str(out))[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    code, _, stderr = kg(str(tmp_path / "nope"), "-o", str(out))
    assert code == 2 and "no document could be built" in stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_output_folder_that_is_a_file_is_exit_2(tmp_path):
    write_good(tmp_path)
    (tmp_path / "out").write_text("not a folder")
    code, _, stderr = kg(str(tmp_path), "-o", str(tmp_path / "out"), "--format", "ttl")
    assert code == 2
    assert re.search(r"^kg: error: .*out.*: can't write the graph: ", stderr, re.M), stderr


# -- atomic output ------------------------------------------------------------

def test_failed_write_leaves_every_previous_output(tmp_path, monkeypatch):
    """An error while writing the second file: the first isn't replaced either."""
    from graph import build as buildmod

    write_good(tmp_path)
    out = tmp_path / "out"
    assert kg(str(tmp_path), "-o", str(out))[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (tmp_path / "extra.md").write_text(sentence("Chile", "President", "Pedro Alvarez"))

    def broken_render(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(buildmod, "render", broken_render)
    code, _, stderr = kg(str(tmp_path), "-o", str(out))
    assert code == 2 and "No space left on device" in stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_new_files_get_ordinary_permissions(tmp_path):
    write_good(tmp_path)
    assert kg(str(tmp_path), "-o", str(tmp_path / "out"))[0] == 0
    umask = os.umask(0o022)
    os.umask(umask)
    for p in (tmp_path / "out").iterdir():
        assert p.stat().st_mode & 0o777 == 0o666 & ~umask


def test_stale_temp_files_of_a_killed_build_are_removed(tmp_path):
    write_good(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = out / f".graph.ttl.{dead.pid}.0badc0de.tmp"
    stale.write_text("partial")
    old = out / ".graph.html.x1y2z3.tmp"  # an untagged one, hours old
    old.write_text("partial")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    mine = out / f".graph.ttl.{os.getpid()}.0badc0de.tmp"  # a running build's file
    mine.write_text("in progress")
    other = out / ".notes.txt.1.abc.tmp"
    other.write_text("not ours")
    assert kg(str(tmp_path), "-o", str(out))[0] == 0
    assert not stale.exists() and not old.exists()
    assert mine.exists() and other.exists()


def _corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    people = ["Anna Lindqvist", "Marco Ferrante", "Tomas Novak", "Ingrid Solberg", "Pedro Alvarez"]
    for i in range(n):
        body = " ".join(f"{sentence('France', 'Foreign Minister', people[(i + k) % 5])} "
                        f"North Korea fired {k + 2} ballistic missiles on Sunday." for k in range(4))
        (folder / f"doc{i:04d}.md").write_text(f"---\ndate: 2021-05-04\n---\n{body}\n")


def _session(sid: int) -> list[int]:
    """Processes of the session ``sid`` (the build and its NLP workers)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid and fields[0] != "Z":
                pids.append(int(entry.name))
    return pids


def _wait_for_nlp(proc: subprocess.Popen, timeout: float = 120.0) -> None:
    """Wait until the build is in its NLP stage: the worker pool runs (the main
    process and 2 forked workers), then a moment for the workers to take batches.
    The corpus takes far longer than that."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if len(_session(proc.pid)) >= 3:
            time.sleep(2)
            assert proc.poll() is None, "the build finished before it could be interrupted"
            return
        time.sleep(0.2)
    raise AssertionError(f"the worker pool never started (exit {proc.poll()})")


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kill") / "corpus"
    _corpus(folder, 400)
    return folder


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_killed_build_leaves_the_previous_graph(sig, big_corpus, tmp_path):
    out = tmp_path / "out"
    small = tmp_path / "small"
    small.mkdir()
    write_good(small)
    assert kg(str(small), "-o", str(out))[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(before) == {"graph.ttl", "graph.html"}

    proc = subprocess.Popen([str(KG), "build", str(big_corpus), "-o", str(out), "--workers", "2"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        _wait_for_nlp(proc)
        if sig == signal.SIGINT:
            os.killpg(proc.pid, signal.SIGINT)  # like Ctrl-C: the whole process group
        else:
            proc.kill()
        _, tail = proc.communicate(timeout=60)
        code = proc.returncode
    finally:
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)  # any worker left behind
    if sig == signal.SIGINT:
        assert code == 130, tail
        assert b"kg: interrupted;" in tail
    else:
        assert code == -signal.SIGKILL
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # also: no temporary files left


def test_sigterm_stops_cleanly(big_corpus, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen([str(KG), "build", str(big_corpus), "-o", str(out), "--workers", "2"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        _wait_for_nlp(proc)
        proc.terminate()
        _, err = proc.communicate(timeout=60)
    finally:
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert b"kg: interrupted;" in err
    assert not out.exists() or not any(out.iterdir())


# -- hostile strings ------------------------------------------------------------

HOSTILE = [
    'quote " and \'single\' and """triple"""',
    "back\\slash \\n not a newline \\",
    "new\nline\r\nand tab\t",
    "control \x01\x02\x1f\x7f chars",
    "non-BMP \U0001F600 \U00010348 \U0002A6B2",
    "<angle> {brace} |pipe| ^caret^ `tick` %zz %",
    "中文标题 русский العربية",
    ". .. / # ? &",
]


def test_hostile_strings_round_trip_and_iris_are_valid(tmp_path):
    lines = []
    for s in HOSTILE:
        text = f"{sentence('France', 'Foreign Minister', 'Anna Lindqvist')} {s} ends here."
        lines.append(json.dumps({"id": s, "title": s, "url": s, "text": text}))
    lines.append(json.dumps({"id": ".", "text": "Text."}))
    lines.append(json.dumps({"id": "..", "text": "Text."}))
    lines.append(json.dumps({"id": "_" + "中" * 60, "text": "Text."}))
    (tmp_path / "hostile.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, stderr = kg(str(tmp_path / "hostile.jsonl"), "-o", str(out), "--format", "ttl,nt")
    assert code == 0, stderr
    data = (out / "graph.ttl").read_bytes()
    quads = list(ox.parse(data, format=ox.RdfFormat.TURTLE))  # strict: rejects any invalid IRI
    iris = {t.value for q in quads for t in (q.subject, q.predicate, q.object) if isinstance(t, ox.NamedNode)}
    for iri in iris:
        ox.NamedNode(iri)
        assert "/./" not in iri + "/" and "/../" not in iri + "/", iri
    assert len({q.subject for q in quads if q.predicate.value == str(DCTERMS.identifier)}) == len(HOSTILE) + 3
    g = rdflib.Graph().parse(data=data, format="turtle")
    ids = {str(o) for o in g.objects(None, DCTERMS.identifier)}
    titles = {str(o) for o in g.objects(None, DCTERMS.title)}
    sources = {str(o) for o in g.objects(None, DCTERMS.source)}
    for s in HOSTILE:  # metadata is stored as given (trimmed), control characters and all
        assert s.strip() in ids and s.strip() in titles and s.strip() in sources
    ox_literals = {q.object.value for q in quads if isinstance(q.object, ox.Literal)}
    assert {s.strip() for s in HOSTILE} <= ox_literals
    # N-Triples says the same
    nt = rdflib.Graph().parse(out / "graph.nt", format="nt")
    assert isomorphic(nt, g)


def test_undated_document_skips_year_less_dates_with_one_warning(tmp_path):
    doc = tmp_path / "undated.md"
    doc.write_text("---\ntitle: Undated\n---\nNorth Korea fired two missiles on August 24. "
                   "Japan protested on Friday. Seoul said so on June 5.\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, stderr = kg(str(doc), "-o", str(out))
    assert code == 0, stderr
    assert [line for line in stderr.splitlines() if "no publication date" in line] == [
        f"kg: warning: {doc}: no publication date; relative dates skipped, use --date"]
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert '"--' not in ttl and "kgo:MissileLaunch" not in ttl
    code, _, stderr = kg(str(doc), "-o", str(out), "--date", "2023-09-01")
    assert code == 0 and "no publication date" not in stderr
    assert '"2023-08-24"^^xsd:date' in (out / "graph.ttl").read_text(encoding="utf-8")
