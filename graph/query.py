"""SPARQL over a built graph: named queries and a read-only runner on pyoxigraph.

``kg query GRAPH.ttl NAME|SPARQL [--file F] [--format table|csv|json]`` calls
:func:`resolve_query` then :func:`run_query`. Named queries live in
``graph/queries/NAME.rq``; the first line of each is ``# description``. Queries may
use the project prefixes (:data:`PREFIXES`) without declaring them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from extract.errors import InputError, KgError

from .namespaces import DEFAULT_BASE, PREFIX_MAP, SPARQL_PROLOGUE

QUERIES_DIR = Path(__file__).with_name("queries")

#: The SPARQL prologue every query may rely on (prepended for clients of ``kg serve``).
PREFIXES = SPARQL_PROLOGUE

# Instance namespace: only used to shorten IRIs in table output.
_DISPLAY_PREFIXES = {**PREFIX_MAP, "id": DEFAULT_BASE}

FORMATS = ("table", "csv", "json")

_QUERY_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_UPDATE_FORM = re.compile(
    r"^\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE | re.MULTILINE)
_DECLARED = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE | re.MULTILINE)


class QueryError(KgError):
    """A query can't be found, parsed or run."""


def named_queries() -> dict[str, tuple[str, str]]:
    """``{name: (description, text)}`` for every ``graph/queries/*.rq``, sorted by name."""
    queries = {}
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        description = first.lstrip("#").strip() if first.startswith("#") else ""
        queries[path.stem] = (description, text)
    return queries


def _strip_comments(text: str) -> str:
    # Good enough to classify a query: drops '#' comments outside IRIs and strings on
    # the lines where they start a token (queries here never put '#' inside strings).
    return re.sub(r"(^|\s)#[^\n]*", r"\1", text)


def resolve_query(arg: str | None, file: str | Path | None = None) -> str:
    """The SPARQL text for a named query, an ``.rq`` file, or inline SPARQL.

    ``file`` wins when given; else ``arg`` is looked up as a query name, then as a path
    to an existing ``.rq``/``.sparql`` file, then taken as the query text itself.
    """
    if file is not None:
        path = Path(file)
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{path}: can't read the query file ({exc.strerror})") from exc
    if not arg:
        raise QueryError("no query given: name one of " + ", ".join(named_queries())
                         + ", or pass inline SPARQL or --file QUERY.rq")
    named = named_queries()
    if arg in named:
        return named[arg][1]
    path = Path(arg)
    if path.suffix.lower() in (".rq", ".sparql") and path.is_file():
        return path.read_text(encoding="utf-8")
    if _QUERY_FORM.search(arg) or _UPDATE_FORM.search(_strip_comments(arg)):
        return arg
    raise QueryError(f"unknown query {arg!r}: name one of " + ", ".join(named)
                     + " (see `kg query --list`), or pass inline SPARQL or --file QUERY.rq")


def with_prefixes(text: str) -> str:
    """``text`` with a ``PREFIX`` line for each project prefix it does not declare itself."""
    declared = {(m.group(1) or "") for m in _DECLARED.finditer(_strip_comments(text))}
    missing = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIX_MAP.items() if p not in declared)
    return missing + text


def show_query(name: str) -> str:
    """A named query with a ``PREFIX`` line for each project prefix, ready for any SPARQL client."""
    named = named_queries()
    if name not in named:
        raise QueryError(f"unknown query {name!r}: name one of " + ", ".join(named)
                         + " (see `kg query --list`)")
    return with_prefixes(named[name][1])


_STRINGS_AND_IRIS = re.compile(r'<[^<>"{}|^`\\\s]*>|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
                               r"|'(?:[^'\\\n]|\\.)*'")
_PREFIXED_NAME = re.compile(r"(?<![\w.:?$-])([A-Za-z][\w.-]*)?:(?=[\w%\\]|\s|$)")


def undeclared_prefixes(text: str, predeclared=()) -> list[str]:
    """Prefixes ``text`` uses in prefixed names (``foaf:name``) without declaring them."""
    body = _STRINGS_AND_IRIS.sub(" ", _strip_comments(text))
    declared = {(m.group(1) or "") for m in _DECLARED.finditer(body)} | set(predeclared)
    body = _DECLARED.sub(" ", body)
    used = dict.fromkeys(m.group(1) or "" for m in _PREFIXED_NAME.finditer(body))
    return [p for p in used if p not in declared]


def missing_prefix_hint(text: str, error: str, predeclared=()) -> str | None:
    """One line telling which prefix a query lacks and the ``PREFIX`` line to add, when
    ``error`` (a SPARQL parser's message) is about an undeclared prefix; else None."""
    if "prefix not found" not in error.lower() and "undefined prefix" not in error.lower():
        return None
    missing = undeclared_prefixes(text, predeclared)
    if not missing:
        return "the query uses a prefix it does not declare: add its PREFIX line (`kg query --show NAME` " \
               "prints a query with the project's prefixes)"
    known = [p for p in missing if p in PREFIX_MAP]
    unknown = [p for p in missing if p not in PREFIX_MAP]
    parts = [f"PREFIX {p}: <{PREFIX_MAP[p]}>" for p in known] + [f"PREFIX {p}: <IRI>" for p in unknown]
    names = ", ".join(f"{p}:" for p in missing)
    return (f"undeclared prefix {names} - add {' '.join(parts)} at the top of the query "
            f"(`kg query --show NAME` prints a query with the project's prefixes)")


def _is_update(text: str) -> bool:
    body = _strip_comments(text)
    body = re.sub(r"^\s*(PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)", "", body,
                  flags=re.IGNORECASE | re.MULTILINE)
    return bool(_UPDATE_FORM.match(body.strip()))


@lru_cache(maxsize=4)
def _load_cached(path: str, mtime_ns: int, size: int) -> ox.Store:
    store = ox.Store()
    fmt = ox.RdfFormat.from_extension(Path(path).suffix.lstrip(".") or "ttl") or ox.RdfFormat.TURTLE
    try:
        store.bulk_load(path=path, format=fmt)
    except SyntaxError as exc:
        raise InputError(f"{path}: not valid {fmt.name}: {exc}") from exc
    return store


def load_store(ttl_path: str | Path) -> ox.Store:
    """An in-memory pyoxigraph store holding the graph file (cached while the file is unchanged)."""
    path = Path(ttl_path)
    try:
        st = path.stat()
    except OSError as exc:
        raise InputError(f"{path}: no such graph file (build one with `kg build`)") from exc
    return _load_cached(str(path.resolve()), st.st_mtime_ns, st.st_size)


def short_term(term) -> str:
    """A result term for humans: IRIs as ``prefix:local``, literals as their text."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        for prefix, ns in sorted(_DISPLAY_PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return f"<{iri}>"
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def _table(variables: list[str], rows: list[list[str]], max_width: int = 80) -> str:
    def clip(cell: str) -> str:
        cell = " ".join(cell.split())
        return cell if len(cell) <= max_width else cell[: max_width - 1] + "…"

    rows = [[clip(c) for c in row] for row in rows]
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(variables)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip()  # noqa: E731
    out = [line(variables), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def run_query(ttl_path: str | Path | None, query_text: str, fmt: str = "table", store: ox.Store | None = None) -> str:
    """Run a read-only SPARQL query on the graph file (or on ``store``, an open Oxigraph
    store) and return the formatted results.

    ``fmt``: ``table`` (aligned text, IRIs shortened), ``csv`` (SPARQL 1.1 CSV) or
    ``json`` (SPARQL 1.1 Query Results JSON). CONSTRUCT/DESCRIBE results are Turtle
    for ``table`` and N-Triples otherwise.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if _is_update(query_text):
        raise QueryError("SPARQL Update is not allowed: `kg query` is read-only")
    store = store if store is not None else load_store(ttl_path)
    try:
        result = store.query(query_text, prefixes=PREFIX_MAP)
    except SyntaxError as exc:
        hint = missing_prefix_hint(query_text, str(exc), predeclared=PREFIX_MAP)
        first = " ".join(str(exc).split())
        raise QueryError(f"invalid SPARQL query: {hint or (first[:200] + ('…' if len(first) > 200 else ''))}") \
            from exc
    except OSError as exc:
        raise QueryError(f"query failed: {exc}") from exc

    if isinstance(result, ox.QueryBoolean):
        if fmt == "table":
            return ("true" if bool(result) else "false") + "\n"
        rf = ox.QueryResultsFormat.JSON if fmt == "json" else ox.QueryResultsFormat.CSV
        return result.serialize(format=rf).decode("utf-8")
    if isinstance(result, ox.QueryTriples):
        rdf_fmt = ox.RdfFormat.TURTLE if fmt == "table" else ox.RdfFormat.N_TRIPLES
        return result.serialize(format=rdf_fmt).decode("utf-8")
    if fmt == "json":
        return result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8")
    if fmt == "csv":
        return result.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8")
    variables = [v.value for v in result.variables]
    rows = [[short_term(solution[v]) for v in variables] for solution in result]
    return _table(variables, rows)


def list_queries() -> str:
    """One line per named query: ``name  description`` (for ``kg query --list``)."""
    named = named_queries()
    width = max((len(n) for n in named), default=0)
    return "".join(f"{name.ljust(width)}  {desc}\n" for name, (desc, _) in named.items())
