"""The days a date literal covers, and the bounds every dated node of the graph gets.

A date is written at the precision the text gives (``2005``^^xsd:gYear,
``2016-11``^^xsd:gYearMonth, ``2016-11-04``^^xsd:date). A FILTER comparing an
``xsd:date`` with a ``gYear`` drops the row, so every node with ``schema:startDate``
also gets ``kgo:earliest`` and ``kgo:latest`` (always ``xsd:date``): the first day it can
have begun and the last day it can have ended, whatever the precision.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Iterable

from rdflib.namespace import XSD

_YMD = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def date_interval(lexical: str, datatype) -> tuple[str, str] | None:
    """First and last day (ISO) a date literal covers: ``2005``^^gYear -> 2005-01-01..2005-12-31.

    None for a value that is not a date with a year (a ``gMonthDay``, a malformed one).
    """
    m = _YMD.match(lexical)
    if m is None or datatype not in (XSD.date, XSD.gYearMonth, XSD.gYear):
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if datatype == XSD.gYear:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    if month is None or not 1 <= int(month) <= 12:
        return None
    if datatype == XSD.gYearMonth:
        last = calendar.monthrange(year, int(month))[1]
        return f"{year:04d}-{month}-01", f"{year:04d}-{month}-{last:02d}"
    if day is None:
        return None
    return f"{year:04d}-{month}-{day}", f"{year:04d}-{month}-{day}"


def bounds(starts: Iterable[tuple[str, object]], ends: Iterable[tuple[str, object]] = ()) -> tuple[str, str] | None:
    """(earliest, latest) ISO days of a node from its start dates and end dates, each a
    (lexical form, XSD datatype IRI) pair: earliest is the first day of its earliest
    start; latest the last day of its latest end, or of its latest start when it has no
    end. None when no start is a date with a year."""
    start_spans = [s for s in (date_interval(v, t) for v, t in starts) if s is not None]
    if not start_spans:
        return None
    end_spans = [s for s in (date_interval(v, t) for v, t in ends) if s is not None]
    earliest = min(first for first, _ in start_spans)
    latest = max(last for _, last in (end_spans or start_spans))
    return earliest, max(latest, earliest)
