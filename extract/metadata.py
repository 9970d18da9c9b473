"""A document's metadata: YAML front matter and the fields of a JSON Lines record
(title, date, source/url, id), checked and cleaned; a bad value is a warning."""
from __future__ import annotations

import datetime as dt
import re

from .clean import clean_text
from .model import Document
from .problems import _SURROGATE, Problem

_FRONT_MATTER_OPEN = re.compile(r"\A---[ \t]*(?:\r?\n|\Z)")


_FRONT_MATTER_CLOSE = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)


_SCALARS = (str, int, float, bool, dt.date)


def _scalar(meta: dict, name: str, source: str, notes: list[Problem]):
    value = meta.get(name)
    if value is None or isinstance(value, _SCALARS):
        return value
    notes.append(Problem(source, f"{name!r} should be a single value, not {type(value).__name__}; ignored",
                         fatal=False))
    return None


def _clean_value(value, source: str, name: str, notes: list[Problem]) -> str | None:
    if value is None or value == "":
        return None
    text = value if isinstance(value, str) else str(value)
    if _SURROGATE.search(text):
        notes.append(Problem(source, f"{name}: invalid lone surrogates replaced with U+FFFD", fatal=False))
        text = _SURROGATE.sub("\ufffd", text)
    text = text.strip()
    return text or None


def _iso_date(value, source: str, notes: list[Problem] | None = None) -> str | None:
    """An ISO date from a front matter / JSON value; None (with a warning) if unreadable."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _SURROGATE.sub("", str(value)).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    parsed = None
    if 0 < len(text) <= 64:
        try:
            import dateparser

            # English only: guessing the language of a string that isn't a date takes seconds
            parsed = dateparser.parse(text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
        except Exception:  # dateparser can fail in many ways on hostile strings
            parsed = None
    if parsed is not None:
        return parsed.date().isoformat()
    if notes is not None:
        shown = text if len(text) <= 40 else text[:37] + "..."
        notes.append(Problem(source, f"unreadable date {shown!r}; ignored", fatal=False))
    return None


def _make(source: str, fallback_id: str, text: str, meta: dict, default_date: str | None,
          notes: list[Problem]) -> Document:
    if _SURROGATE.search(text):
        notes.append(Problem(source, "invalid lone surrogates in the text replaced with U+FFFD", fatal=False))
        text = _SURROGATE.sub("\ufffd", text)
    text = clean_text(text)
    if not text:
        raise ValueError("no text")
    doc_id = _clean_value(_scalar(meta, "id", source, notes), source, "id", notes) or fallback_id
    raw_date = _scalar(meta, "date", source, notes)
    date = _iso_date(raw_date, source, notes) or default_date
    url = (_clean_value(_scalar(meta, "url", source, notes), source, "url", notes)
           or _clean_value(_scalar(meta, "source", source, notes), source, "source", notes))
    title = _clean_value(_scalar(meta, "title", source, notes), source, "title", notes)
    return Document(id=doc_id, text=text, source=source, title=title, date=date, url=url)


_LOADER = None


def _yaml_loader():
    """A safe YAML loader that keeps dates as strings (an impossible date like
    2020-02-30 is then a bad date, with a warning, not broken front matter)."""
    global _LOADER
    if _LOADER is None:
        import yaml

        class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            pass

        Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)
        _LOADER = Loader
    return _LOADER


def _split_front_matter(text: str, source: str) -> tuple[dict, str]:
    """``(metadata, body)``; raises ValueError for front matter that can't be used."""
    import yaml

    text = text.lstrip("\ufeff")
    opening = _FRONT_MATTER_OPEN.match(text)
    if not opening:
        return {}, text
    closing = _FRONT_MATTER_CLOSE.search(text, opening.end())
    if closing is None:
        raise ValueError("broken YAML front matter: no closing '---' line")
    block = text[opening.end():closing.start()]
    body = text[closing.end():]
    try:
        meta = yaml.load(block, Loader=_yaml_loader())
    except yaml.MarkedYAMLError as exc:  # marks count from the line after the opening '---'
        def line(mark) -> str:
            return f" line {mark.line + 2}" if mark is not None else ""

        what = f"{exc.problem}" if exc.problem else "invalid YAML"
        if exc.context:
            what += f" ({exc.context}{' from' + line(exc.context_mark) if exc.context_mark else ''})"
        where = f" at{line(exc.problem_mark)}" if exc.problem_mark else ""
        raise ValueError(f"broken YAML front matter{where}: {what}") from None
    except Exception as exc:  # ReaderError, ValueError from impossible dates, RecursionError...
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise ValueError(f"broken YAML front matter: {first}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ValueError(f"broken YAML front matter: a mapping of 'key: value' lines is expected, "
                         f"not a {type(meta).__name__}")
    return {str(k): v for k, v in meta.items()}, body
