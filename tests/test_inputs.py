"""Every input format builds: .txt (with and without YAML front matter), .md, .html
(article text through trafilatura, boilerplate left out), .jsonl (one document per
line), folders walked recursively; publication dates; clean-up before NLP."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import rdflib

DEFAULT_DATE = "2020-01-01"

PLAIN = """\
[ad_1]
Officials in Nairobi said the \u201cnew\u201d water agreement would take effect in March.
The country\u2019s finance ministry welcomed the deal, calling it \u2018overdue\u2019.
[ad_2]
Source link
"""

FRONT_MATTER = """\
---
title: "Grain corridor talks resume in Ankara"
date: 2019-05-02
url: https://wire.example/grain-talks
id: grain-talks-0502
---
Negotiators from Ukraine and Turkey met in Ankara on Thursday to discuss grain shipments.
"""

MARKDOWN = """\
---
title: Weekly briefing
date: "2018-11-20"
---
# Weekly briefing

Ministers from **Chile** and *Peru* met in Lima to discuss fishing quotas.

- The talks lasted two days.
"""

HTML = """\
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Harbour deal signed | The Coastal Courier</title>
  <meta property="og:title" content="Fishing nations sign harbour deal in Valletta">
  <meta property="article:published_time" content="2021-09-14T08:30:00Z">
  <link rel="canonical" href="https://courier.example/world/harbour-deal">
</head>
<body>
  <header>
    <nav class="menu">
      <ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
      <li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe to our newsletter</a></li></ul>
    </nav>
  </header>
  <main>
    <article>
      <h1>Fishing nations sign harbour deal in Valletta</h1>
      <p>Foreign Minister Elena Zammit of Malta welcomed delegations from Italy and Tunisia to Valletta on Monday for talks on shared fishing grounds in the central Mediterranean.</p>
      <p>The three governments signed the Valletta Harbour Agreement after two days of negotiations, officials said, ending a dispute over access to harbours that had lasted almost a decade.</p>
      <p>Fishermen's associations in all three countries said they expected the agreement to reduce confrontations at sea and to make it easier to land catches in bad weather.</p>
      <p>The agreement will be reviewed by a joint commission every two years, and the first review is expected in the autumn of 2023.</p>
    </article>
  </main>
  <aside class="related"><h2>Most read</h2><ul><li><a href="/a">Celebrity chef opens seaside restaurant</a></li></ul></aside>
  <footer>
    <p>Copyright 2021 The Coastal Courier Media Group. All rights reserved.</p>
    <p><a href="/privacy">Privacy policy</a> | <a href="/cookies">Cookie settings</a> | <a href="/contact">Contact us</a></p>
  </footer>
</body>
</html>
"""

JSONL_RECORDS = [
    {"id": "wire-1", "title": "Border talks", "date": "2017-03-08", "url": "https://wire.example/1",
     "text": "Officials from Chile and Argentina met in Santiago to discuss the border."},
    {"id": "wire-2", "title": "Port reopens", "date": "2017-03-09",
     "text": "The port of Valparaiso reopened on Wednesday after a strike."},
    {"id": "wire-3", "text": "Farmers in Mendoza said the harvest was late this year."},
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    (root / "plain.txt").write_text(PLAIN, encoding="utf-8")
    (root / "front.txt").write_text(FRONT_MATTER, encoding="utf-8")
    (root / "notes").mkdir()
    (root / "notes" / "briefing.md").write_text(MARKDOWN, encoding="utf-8")
    (root / "web").mkdir()
    (root / "web" / "page.html").write_text(HTML, encoding="utf-8")
    deep = root / "nested" / "deeper"
    deep.mkdir(parents=True)
    (deep / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in JSONL_RECORDS) + "\n",
                                     encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def graph(kg_build, corpus) -> rdflib.Graph:
    """The whole folder, built with --date: walked recursively."""
    return rdflib.Graph().parse(kg_build([corpus], default_date=DEFAULT_DATE), format="turtle")


@pytest.fixture(scope="module")
def graph_no_date(kg_build, corpus) -> rdflib.Graph:
    return rdflib.Graph().parse(kg_build([corpus]), format="turtle")


def documents(g: rdflib.Graph, sparql_both) -> dict[str, dict]:
    rows = sparql_both("""
        SELECT ?id ?title ?date ?type ?source ?text WHERE {
          ?d a schema:NewsArticle ; dcterms:identifier ?id ; dcterms:source ?source ; schema:text ?text .
          OPTIONAL { ?d dcterms:title ?title }
          OPTIONAL { ?d dcterms:date ?date BIND (DATATYPE(?date) AS ?type) }
        }""", g)
    docs = {}
    for id_, title, date, dtype, source, text in rows:
        assert id_ not in docs, f"two document nodes with id {id_}"
        docs[id_] = {"title": title, "date": date, "type": dtype, "source": source, "text": text}
    return docs


@pytest.fixture(scope="module")
def docs(graph, sparql_both) -> dict[str, dict]:
    return documents(graph, sparql_both)


def test_folder_is_walked_recursively(docs):
    assert set(docs) == {"plain", "grain-talks-0502", "briefing", "page", "wire-1", "wire-2", "wire-3"}


def test_txt_without_front_matter(docs):
    doc = docs["plain"]
    assert doc["title"] is None
    assert doc["source"].endswith("plain.txt")
    assert "Officials in Nairobi said" in doc["text"]


def test_txt_with_front_matter(docs):
    doc = docs["grain-talks-0502"]
    assert doc["title"] == "Grain corridor talks resume in Ankara"
    assert (doc["date"], doc["type"]) == ("2019-05-02", "http://www.w3.org/2001/XMLSchema#date")
    assert doc["source"] == "https://wire.example/grain-talks"
    assert doc["text"] == ("Negotiators from Ukraine and Turkey met in Ankara on Thursday "
                           "to discuss grain shipments.")
    assert "---" not in doc["text"] and "title:" not in doc["text"]


def test_markdown_with_front_matter(docs):
    doc = docs["briefing"]
    assert doc["title"] == "Weekly briefing"
    assert doc["date"] == "2018-11-20"
    assert "met in Lima to discuss fishing quotas" in doc["text"]
    assert "title:" not in doc["text"]


def test_html_article_text_without_boilerplate(docs):
    doc = docs["page"]
    text = doc["text"]
    assert ("The three governments signed the Valletta Harbour Agreement after two days of "
            "negotiations") in text
    assert "Foreign Minister Elena Zammit of Malta" in text
    for boilerplate in ("Subscribe to our newsletter", "Copyright 2021", "All rights reserved",
                        "Privacy policy", "Cookie settings", "Celebrity chef", "Most read", "<p>", "Home"):
        assert boilerplate not in text, boilerplate
    assert doc["title"] == "Fishing nations sign harbour deal in Valletta"
    assert doc["date"] == "2021-09-14"  # from the page's metadata, not --date
    assert doc["source"] == "https://courier.example/world/harbour-deal"


def test_html_entities_are_extracted(graph, sparql_both):
    rows = sparql_both("""
        SELECT ?label WHERE {
          ?d dcterms:identifier "page" ; schema:mentions/rdfs:label ?label .
        }""", graph)
    assert {("Malta",), ("Italy",), ("Tunisia",)} <= set(rows)


def test_jsonl_one_document_per_line(docs):
    assert docs["wire-1"]["title"] == "Border talks"
    assert docs["wire-1"]["date"] == "2017-03-08"
    assert docs["wire-1"]["source"] == "https://wire.example/1"
    assert docs["wire-1"]["text"] == JSONL_RECORDS[0]["text"]
    assert docs["wire-2"]["title"] == "Port reopens" and docs["wire-2"]["date"] == "2017-03-09"
    assert docs["wire-2"]["source"].endswith("feed.jsonl:2")  # no url: the file and line
    assert docs["wire-3"]["title"] is None
    assert docs["wire-3"]["source"].endswith("feed.jsonl:3")


def test_jsonl_line_without_id_gets_one(kg_build, tmp_path, sparql_both):
    path = tmp_path / "lines.jsonl"
    path.write_text('{"text": "Officials in Lima met on Monday."}\n'
                    '{"text": "Officials in Quito met on Tuesday."}\n', encoding="utf-8")
    g = rdflib.Graph().parse(kg_build([path]), format="turtle")
    ids = [r[0] for r in sparql_both("SELECT ?id WHERE { ?d a schema:NewsArticle ; dcterms:identifier ?id }", g)]
    assert len(ids) == 2 and len(set(ids)) == 2


def test_document_date_wins_over_the_date_option(docs):
    assert docs["grain-talks-0502"]["date"] == "2019-05-02"
    assert docs["briefing"]["date"] == "2018-11-20"
    assert docs["page"]["date"] == "2021-09-14"
    assert docs["wire-1"]["date"] == "2017-03-08"


def test_date_option_is_used_when_the_document_has_none(docs):
    for doc_id in ("plain", "wire-3"):
        assert (docs[doc_id]["date"], docs[doc_id]["type"]) == (
            DEFAULT_DATE, "http://www.w3.org/2001/XMLSchema#date"), doc_id


def test_no_date_at_all_gives_no_dcterms_date(graph_no_date, sparql_both):
    docs = documents(graph_no_date, sparql_both)
    assert docs["plain"]["date"] is None
    assert docs["wire-3"]["date"] is None
    assert docs["grain-talks-0502"]["date"] == "2019-05-02"


def test_cleaning_quotes_ads_and_source_link(docs):
    text = docs["plain"]["text"]
    assert text == ("Officials in Nairobi said the \"new\" water agreement would take effect in March.\n"
                    "The country's finance ministry welcomed the deal, calling it 'overdue'.")
    for artefact in ("[ad_1]", "[ad_2]", "Source link", "\u201c", "\u201d", "\u2018", "\u2019"):
        assert artefact not in text


def test_source_link_inside_the_text_is_kept(kg_build, tmp_path, sparql_both):
    path = tmp_path / "keep.txt"
    path.write_text(textwrap.dedent("""\
        The report named its source link to the ministry in Nairobi.
        Officials said the figures were accurate.
        """), encoding="utf-8")
    g = rdflib.Graph().parse(kg_build([path]), format="turtle")
    docs = documents(g, sparql_both)
    assert "source link to the ministry" in docs["keep"]["text"]
    assert docs["keep"]["text"].endswith("the figures were accurate.")


def test_curly_possessive_is_one_entity_after_cleaning(kg_build, tmp_path, sparql_both):
    path = tmp_path / "curly.txt"
    path.write_text("Kenya\u2019s president visited Uganda\u2019s capital on Friday.\n", encoding="utf-8")
    g = rdflib.Graph().parse(kg_build([path]), format="turtle")
    labels = {r[0] for r in sparql_both("SELECT ?l WHERE { ?e rdfs:label ?l }", g)}
    assert {"Kenya", "Uganda"} <= labels
    assert not any("\u2019" in label or "'s" in label for label in labels)


def test_single_files_of_each_kind_build(kg_build, corpus, sparql_both):
    for path in (corpus / "plain.txt", corpus / "notes" / "briefing.md", corpus / "web" / "page.html",
                 corpus / "nested" / "deeper" / "feed.jsonl"):
        g = rdflib.Graph().parse(kg_build([path]), format="turtle")
        n = sparql_both("SELECT (COUNT(?d) AS ?n) WHERE { ?d a schema:NewsArticle }", g)[0][0]
        assert n == (3 if path.suffix == ".jsonl" else 1), path
