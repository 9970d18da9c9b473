"""Soak test: 2,000 generated documents, a fifth of them broken in every way the
readers know, build with exit 1 through ``kg build --workers 2``; every good
document is in the graph with its fact, every broken one is reported once, and
nothing else is lost. Short documents keep it to a minute or two.
"""
from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

import rdflib

KG = Path(sys.executable).with_name("kg")
N = 2000
FIRST = ["Anna", "Marco", "Tomas", "Ingrid", "Pedro", "Kenji", "Olga", "Samuel", "Lena", "Rafael",
         "Maria", "David", "Sofia", "Lukas", "Elena", "Jonas", "Clara", "Hugo", "Nadia", "Victor",
         "Irene", "Oscar", "Petra", "Felix", "Julia", "Martin", "Laura", "Simon", "Eva", "Daniel",
         "Alice", "Peter", "Nina", "Karl", "Rosa", "Hans", "Marta", "Paul", "Sara", "Erik"]
LAST = ["Lindqvist", "Ferrante", "Novak", "Solberg", "Alvarez", "Watanabe", "Petrova", "Okafor",
        "Fischer", "Costa", "Moreau", "Keller", "Romano", "Jansen", "Weber", "Horvat", "Berger",
        "Dubois", "Larsen", "Schmidt", "Rossi", "Meyer", "Nilsson", "Bauer", "Silva", "Kowalski",
        "Lambert", "Hoffmann", "Vogel", "Brandt", "Eriksson", "Marino", "Wagner", "Fontaine",
        "Ortega", "Svensson", "Richter", "Conti", "Lorenz", "Hartmann"]
COUNTRIES = ["France", "Germany", "Brazil", "Kenya", "Japan", "Canada", "Norway", "Spain", "Italy",
             "Chile", "Peru", "Ghana", "Poland", "Greece", "Egypt", "Mexico"]
TITLES = ["Foreign Minister", "Defence Minister", "Finance Minister", "Prime Minister", "President"]
NAMES = list(itertools.product(FIRST, LAST))

# Ways to break a document: (file name suffix, content or None for "not a file", expected message).
BROKEN = [
    (".txt", b"", r"empty file"),
    (".txt", b"\x00\x01binary\x00" * 20, r"binary file"),
    (".md", "---\ntitle: [oops\n---\nText.\n", r"broken YAML front matter"),
    (".md", "---\ntitle: no end\nText.\n", r"no closing '---' line"),
    (".html", "<html><head><script>x()</script></head><body></body></html>", r"no article text"),
    (".txt", "x" * 3000, r"over --max-doc-bytes 2,000"),
    (".md", "  \n \n", r"no text"),
]
BROKEN_LINES = [
    ('{"id": "broken", "text": ', r"malformed JSON"),
    ('{"id": "no-text"}', r'no "text" field'),
    ('["not", "an", "object"]', r"a JSON object is expected"),
]


def fact(i: int) -> tuple[str, str, str]:
    first, last = NAMES[(i * 7) % len(NAMES)]
    return COUNTRIES[i % len(COUNTRIES)], TITLES[i % len(TITLES)], f"{first} {last}"


def text(i: int) -> str:
    country, title, person = fact(i)
    return f"{country}'s {title} {person} visited Geneva on Monday."


def generate(folder: Path) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str]], int]:
    """Write the corpus. Returns good doc id -> (person, country), the expected failures
    (source, message regex) and the number of expected warnings."""
    good: dict[str, tuple[str, str]] = {}
    failures: list[tuple[str, str]] = []
    warnings = 0
    jsonl_lines: list[str] = []
    for i in range(N):
        doc_id = f"doc-{i:04d}"
        sub = folder / f"part{i % 10}"
        sub.mkdir(exist_ok=True)
        if i % 5 == 4:  # a fifth are broken
            k = (i // 5) % (len(BROKEN) + len(BROKEN_LINES) + 2)
            if k < len(BROKEN):
                suffix, content, message = BROKEN[k]
                path = sub / f"{doc_id}{suffix}"
                path.write_bytes(content.encode() if isinstance(content, str) else content)
                failures.append((str(path), message))
            elif k < len(BROKEN) + len(BROKEN_LINES):
                line, message = BROKEN_LINES[k - len(BROKEN)]
                jsonl_lines.append(line)
                failures.append((f"{folder / 'feed.jsonl'}:{len(jsonl_lines)}", message))
            elif k == len(BROKEN) + len(BROKEN_LINES):  # unknown extension: a warning, no document
                (sub / f"{doc_id}.docx").write_bytes(b"PK\x03\x04")
                warnings += 1
            else:  # a duplicate id: a warning, and the document is kept under a new id
                country, _, person = fact(i)
                (sub / f"{doc_id}.md").write_text(f"---\nid: doc-dup-{i:04d}\n---\n{text(i)}\n")
                (sub / f"{doc_id}-twin.md").write_text(f"---\nid: doc-dup-{i:04d}\n---\n{text(i)}\n")
                good[f"doc-dup-{i:04d}"] = (person, country)
                good[f"doc-dup-{i:04d}-2"] = (person, country)
                warnings += 3  # the duplicate id, and each undated twin's skipped "on Monday"
            continue
        country, _, person = fact(i)
        good[doc_id] = (person, country)
        if i % 3 == 0:
            jsonl_lines.append(json.dumps({"id": doc_id, "date": "2021-05-04", "text": text(i)}))
        elif i % 3 == 1:
            (sub / f"{doc_id}.md").write_text(f"---\nid: {doc_id}\ndate: 2021-05-04\n---\n{text(i)}\n")
        else:  # Windows-1252: a warning, and the document is kept; undated, so "on Monday" is
            # skipped with a second warning
            (sub / f"{doc_id}.txt").write_bytes(f"---\nid: {doc_id}\n---\n{text(i)} Café.\n".encode("cp1252"))
            warnings += 2
    (folder / "feed.jsonl").write_text("\n".join(jsonl_lines) + "\n", encoding="utf-8")
    return good, failures, warnings


def test_soak(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good, failures, warnings = generate(corpus)
    out = tmp_path / "out"
    proc = subprocess.run([str(KG), "build", str(corpus), "-o", str(out), "--workers", "2", "-q",
                           "--max-doc-bytes", "2000"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stderr[-3000:]
    errors = [line for line in proc.stderr.splitlines() if line.startswith("kg: error: ")]
    warned = [line for line in proc.stderr.splitlines() if line.startswith("kg: warning: ")]
    assert all(line.startswith(("kg: error: ", "kg: warning: ")) for line in proc.stderr.splitlines())

    # every broken document is reported, once, with its problem
    assert len(errors) == len(failures)
    by_source = {}
    for line in errors:
        m = re.match(r"^kg: error: (.+?): (.*)$", line)
        by_source[m.group(1)] = m.group(2)
    for source, message in failures:
        assert source in by_source, f"{source} not reported"
        assert re.search(message, by_source[source]), (source, by_source[source])
    assert len(by_source) == len(errors) == len(failures)
    assert len(warned) == warnings

    summary = proc.stdout.strip().splitlines()[-1]
    assert summary.startswith(f"{len(good)} documents, ") and f", {len(failures)} failed, " in summary, summary

    # every good document is in the graph with its fact: nothing lost
    g = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    ids = {d: str(i) for d, i in g.subject_objects(rdflib.DCTERMS.identifier)}
    assert set(ids.values()) == set(good)
    rows = g.query("""
        SELECT ?doc ?p ?c WHERE {
          ?st rdf:predicate kgo:officeholderOf ; rdf:subject ?ps ; rdf:object ?cs ; prov:wasDerivedFrom ?doc .
          ?ps rdfs:label ?p . ?cs rdfs:label ?c .
        }""", initNs={"rdf": rdflib.RDF, "rdfs": rdflib.RDFS,
                      "kgo": rdflib.Namespace("https://w3id.org/kgbuilder/ontology#"),
                      "prov": rdflib.Namespace("http://www.w3.org/ns/prov#")})
    found: dict[str, set[tuple[str, str]]] = {}
    for doc, person, country in rows:
        found.setdefault(ids[doc], set()).add((str(person), str(country)))
    missing = [d for d, f in good.items() if f not in found.get(d, set())]
    assert not missing, f"{len(missing)} good documents lost their fact, e.g. {missing[:5]}"
    assert (out / "graph.html").stat().st_size > 0
