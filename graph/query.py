"""SPARQL over a Turtle file (placeholder engine: rdflib)."""
from __future__ import annotations

import csv
import io
import json

from rdflib import Graph

from .rdf import PREFIXES

PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def run_query(path: str, text: str, fmt: str = "table") -> str:
    g = Graph()
    g.parse(path, format="turtle")
    res = g.query(PROLOGUE + text)
    if fmt == "json":
        return res.serialize(format="json").decode() + "\n"
    rows = [[("" if v is None else str(v)) for v in row] for row in res]
    names = [str(v) for v in res.vars]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(names)
        w.writerows(rows)
        return buf.getvalue()
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(lines) + "\n"
