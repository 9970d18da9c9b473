"""Date expressions to typed values at the precision the text gives.

Parsing is done by ``dateparser`` with the publication date as the relative
base; this module only decides which expressions are dates of an event (not
durations) and at which precision the text states them. A date that can't be
placed is not invented: without a publication date, "Friday", "June 5" and
"yesterday" give nothing (never a year-less ``--06-05``), and
:func:`needs_publication_date` tells the caller that one was skipped.
"""
from __future__ import annotations

import datetime as dt
import functools
import re

from .model import DATE, G_YEAR, G_YEAR_MONTH

_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_WEEKDAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_YEAR = r"(?:1[5-9]|20)\d{2}"
_MONTH_RE = re.compile(rf"\b(?:{_MONTHS})\b\.?", re.I)
_DAY_RE = re.compile(r"\b(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b")
_YEAR_RE = re.compile(rf"\b{_YEAR}\b")
_WEEKDAY_RE = re.compile(rf"\b(?:{_WEEKDAYS})\b", re.I)
_RELATIVE_RE = re.compile(r"\b(yesterday|today|last (?:month|year)|this (?:month|year)|the same year)\b", re.I)
# Spans that look like dates but name a period: "5 days", "three years", "the 1990s".
_DURATION_RE = re.compile(r"\b(days|weeks|months|years|decades|\d{4}s|century|centuries|yearly|annually|"
                          r"ago|since|until|between|from|to|past|ensuing|coming|next|recent|current)\b", re.I)


@functools.lru_cache(maxsize=64)
def _parser(base: dt.date | None):
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": False,
                "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day, 12)
    return DateDataParser(languages=["en"], settings=settings)


def _parse(text: str, base: dt.date | None):
    data = _parser(base).get_date_data(text)
    return data.date_obj, data.period


@functools.lru_cache(maxsize=4096)
def resolve(text: str, pubdate: str | None) -> tuple[str, str] | None:
    """``(lexical form, xsd datatype)`` for a date expression, or None.

    >>> resolve("November 2016", None)
    ('2016-11', 'gYearMonth')
    >>> resolve("Friday", "2022-06-14")
    ('2022-06-10', 'date')
    """
    text = _tidy(text)
    if not text or _DURATION_RE.search(text):
        return None
    base = dt.date.fromisoformat(pubdate) if pubdate else None
    relative = _RELATIVE_RE.search(text)
    weekday = _WEEKDAY_RE.search(text)
    if relative:
        return _relative(relative.group(1).lower(), base) if base is not None else None
    if _MONTH_RE.search(text):
        return _with_month(text, base)
    has_year = bool(_YEAR_RE.search(text))
    if weekday and not has_year:
        if base is None:
            return None
        target = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                  "sunday"].index(weekday.group(0).lower())
        back = (base.weekday() - target) % 7
        return (base - dt.timedelta(days=back)).isoformat(), DATE
    if has_year and re.fullmatch(rf"{_YEAR}", text):
        return text, G_YEAR
    if re.fullmatch(rf"({_YEAR})-(\d\d)-(\d\d)", text):
        try:
            return dt.date.fromisoformat(text).isoformat(), DATE
        except ValueError:
            return None
    return None


def _tidy(text: str) -> str:
    """The date expression without prepositions, time zones and a following period phrase."""
    text = re.sub(r"\s+", " ", text).strip(" ,.;")
    text = re.sub(r"^(?:on|in|of|by|during|early|late|mid-?|the)\s+", "", text, flags=re.I)
    text = re.sub(r"\s*\((?:[A-Z]{2,5}|local time)\)$", "", text)
    text = re.sub(r",?\s*(?:[A-Z][a-z]+ )*(?:Standard )?Time$", "", text).strip(" ,")
    # "November 2016 after years": keep the date before a following period phrase
    return re.split(r"\s+(?:after|before|since|until|ago|amid|following)\b", text, maxsplit=1)[0]


def _relative(word: str, base: dt.date) -> tuple[str, str] | None:
    """"yesterday", "today", "last month", "this month", "last year", "this year"."""
    if word == "yesterday":
        return (base - dt.timedelta(days=1)).isoformat(), DATE
    if word == "today":
        return base.isoformat(), DATE
    if word == "last month":
        first = base.replace(day=1) - dt.timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}", G_YEAR_MONTH
    if word == "this month":
        return f"{base.year:04d}-{base.month:02d}", G_YEAR_MONTH
    if word == "last year":
        return f"{base.year - 1:04d}", G_YEAR
    if word == "this year":
        return f"{base.year:04d}", G_YEAR
    return None


def _with_month(text: str, base: dt.date | None) -> tuple[str, str] | None:
    """A date naming its month: with a year as written; without one, the latest such
    day (or month) on or before the publication date, and nothing when there is none."""
    has_year = bool(_YEAR_RE.search(text))
    has_day = bool(_DAY_RE.search(_MONTH_RE.sub(" ", _YEAR_RE.sub(" ", text))))
    if not has_year and base is None:
        return None  # "June 5" with no year to anchor it: not a date on a timeline
    when, _ = _parse(text, base)
    if when is None:
        return None
    if has_year:
        return (when.date().isoformat(), DATE) if has_day else (f"{when.year:04d}-{when.month:02d}", G_YEAR_MONTH)
    if not has_day:
        year = base.year if when.month <= base.month else base.year - 1
        return f"{year:04d}-{when.month:02d}", G_YEAR_MONTH
    try:
        candidate = dt.date(base.year, when.month, when.day)
    except ValueError:
        return None
    if candidate > base:
        candidate = candidate.replace(year=base.year - 1)
    return candidate.isoformat(), DATE


def needs_publication_date(text: str) -> bool:
    """True for a date expression that only a publication date can place: a weekday,
    a month or month-day without a year, "yesterday", "last month".

    >>> needs_publication_date("June 5"), needs_publication_date("June 5, 2021")
    (True, False)
    """
    text = re.sub(r"\s+", " ", text)
    if _YEAR_RE.search(text) or _DURATION_RE.search(text):
        return False
    relative = _RELATIVE_RE.search(text)
    if relative and relative.group(1).lower() == "the same year":
        return False  # anchored to another date of the text, not to the publication
    return bool(_MONTH_RE.search(text) or _WEEKDAY_RE.search(text) or relative)
